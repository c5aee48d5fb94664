/**
 * Realistic inputs for the report tests: a temp copy of examples/mvp with the team's controls written into it
 * (production-gap.json with accepted shortcuts, one past its revisit date and one stale; attestations, one expired;
 * an inline accept comment whose reason carries markup), analysed with every rule on a fixed date; and parsers that
 * turn the Markdown (markdown-it) and HTML (parse5) reports back into structure the tests can assert on.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { loadWorkspace } from '../../server/engine/load';
import { RULES } from '../../rules';
import type { ReportInput } from '../../server/report/common';

export const TODAY = '2025-06-01';
// Local time: the report's date is the local date of generation.
export const GENERATED = new Date(2025, 5, 1, 9, 30);
export const HOSTILE_REASON = 'Logged by the caller <script>alert("reason")</script> | see `auth.ts` *later*';

export const PROJECT_FILE = {
  rules: { 'deploy/no-rollback-path': 'off', 'deploy/no-staging': 'off' },
  accepted: [
    { rule: 'deploy/no-node-version', file: 'package.json', reason: 'The Docker image pins Node 20 | engines come with the next deploy change', by: 'maya@taskly.dev', date: '2025-04-02', revisit: '2025-12-31' },
    { rule: 'docs/no-api-docs', reason: 'Only our own single-page app calls the API for now', by: 'maya', date: '2025-01-10', revisit: '2025-05-01' },
    { rule: 'errors/empty-catch', file: 'src/routes/gone.ts', reason: 'Legacy route', by: 'sam', date: '2025-01-01' },
  ],
  attestations: [
    { item: 'infra.rollback', evidence: 'Render keeps the last 10 deploys; runbook: https://wiki.taskly.dev/runbook#rollback', by: 'sam', date: '2025-05-20', expires: '2025-11-20' },
    { item: 'infra.backups', evidence: 'Render Postgres point-in-time recovery', by: 'sam', date: '2025-05-01' },
    { item: 'infra.staging', evidence: 'staging.taskly.dev <script>alert("evidence")</script>', by: 'sam', date: '2024-01-01', expires: '2025-01-01' },
  ],
};

/** examples/mvp copied to a temp folder named `mvp`, with production-gap.json and an inline accept; returns the root. */
export function mvpWorkspace(): string {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pg-report-')), 'mvp');
  fs.cpSync(path.join(__dirname, '../../examples/mvp'), root, { recursive: true });
  fs.writeFileSync(path.join(root, 'production-gap.json'), JSON.stringify(PROJECT_FILE, null, 2) + '\n');
  const auth = path.join(root, 'src/lib/auth.ts');
  const lines = fs.readFileSync(auth, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes('jwt.verify('));
  if (at < 0) throw new Error('examples/mvp/src/lib/auth.ts calls jwt.verify no more: update the fixture');
  lines[at] += ` // production-gap-accept auth/jwt-verify-algorithms -- ${HOSTILE_REASON}`;
  fs.writeFileSync(auth, lines.join('\n'));
  return root;
}

/** Analyses a folder as the CLI does, on TODAY. */
export function analyseFolder(root: string, baselined?: ReadonlySet<string>): ReportInput {
  const ws = loadWorkspace(root, { rules: RULES, today: () => TODAY });
  return { ...ws.analyze(), rules: ws.rules, name: path.basename(root), today: TODAY, ...(baselined ? { baselined } : {}) };
}

export function removeWorkspace(root: string): void {
  fs.rmSync(path.dirname(root), { recursive: true, force: true });
}

// --- Markdown, parsed ---

export interface MdSection {
  /** Heading text (inline markup removed). */
  title: string;
  level: number;
  paragraphs: string[];
  /** Each list: its items' text. */
  lists: string[][];
  /** Each table: header then rows, cell text. */
  tables: string[][][];
  links: Array<{ text: string; href: string }>;
}

export interface ParsedMarkdown { tokens: Token[]; sections: MdSection[]; h2(title: RegExp | string): MdSection }

const md = new MarkdownIt();

/** Sections at every heading (a section's content stops at the next heading of any level). */
export function parseMarkdown(text: string): ParsedMarkdown {
  const tokens = md.parse(text, {});
  const sections: MdSection[] = [];
  let cur: MdSection = { title: '', level: 0, paragraphs: [], lists: [], tables: [], links: [] };
  sections.push(cur);
  let row: string[] | undefined;
  let table: string[][] | undefined;
  let list: string[] | undefined;
  let inItem = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'heading_open') {
      cur = { title: inlineText(tokens[i + 1]), level: Number(t.tag.slice(1)), paragraphs: [], lists: [], tables: [], links: [] };
      sections.push(cur);
      collectLinks(tokens[i + 1], cur);
      i += 2;
      continue;
    }
    if (t.type === 'table_open') { table = []; cur.tables.push(table); }
    else if (t.type === 'table_close') table = undefined;
    else if (t.type === 'tr_open') { row = []; table?.push(row); }
    else if (t.type === 'bullet_list_open') { list = []; cur.lists.push(list); }
    else if (t.type === 'bullet_list_close') list = undefined;
    else if (t.type === 'list_item_open') inItem++;
    else if (t.type === 'list_item_close') inItem--;
    else if (t.type === 'inline') {
      collectLinks(t, cur);
      const s = inlineText(t);
      if (row && (tokens[i - 1].type === 'th_open' || tokens[i - 1].type === 'td_open')) row.push(s);
      else if (inItem && list) list.push(s);
      else cur.paragraphs.push(s);
    }
    if (t.type === 'tr_close') row = undefined;
  }
  return {
    tokens,
    sections,
    h2(title) {
      const s = sections.find((x) => x.level === 2 && (typeof title === 'string' ? x.title === title : title.test(x.title)));
      if (!s) throw new Error(`no "## ${title}" section; sections: ${sections.map((x) => x.title).join(' / ')}`);
      return s;
    },
  };
}

function inlineText(t: Token): string {
  return (t.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : '')).join('');
}

function collectLinks(t: Token, into: MdSection): void {
  const kids = t.children ?? [];
  for (let i = 0; i < kids.length; i++) {
    if (kids[i].type !== 'link_open') continue;
    let text = '';
    for (let j = i + 1; j < kids.length && kids[j].type !== 'link_close'; j++) text += kids[j].content;
    into.links.push({ text, href: kids[i].attrGet('href') ?? '' });
  }
}

/** Everything under a level-2 section, including its level-3 subsections. */
export function underH2(p: ParsedMarkdown, title: RegExp | string): MdSection[] {
  const start = p.sections.indexOf(p.h2(title));
  const out = [p.sections[start]];
  for (let i = start + 1; i < p.sections.length && p.sections[i].level > 2; i++) out.push(p.sections[i]);
  return out;
}

// --- HTML, parsed ---

export type HtmlNode = DefaultTreeAdapterMap['node'];
export type HtmlElement = DefaultTreeAdapterMap['element'];

export function parseHtml(html: string): { document: DefaultTreeAdapterMap['document']; errors: string[] } {
  const errors: string[] = [];
  const document = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  return { document, errors };
}

export function elements(node: HtmlNode, out: HtmlElement[] = []): HtmlElement[] {
  if ('tagName' in node) out.push(node);
  if ('childNodes' in node) for (const c of node.childNodes) elements(c, out);
  if (node.nodeName === 'template') elements((node as DefaultTreeAdapterMap['template']).content, out);
  return out;
}

export function textOf(node: HtmlNode): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

export const attr = (e: HtmlElement, name: string) => e.attrs.find((a) => a.name === name)?.value;
