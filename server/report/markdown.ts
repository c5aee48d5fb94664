/**
 * The audit report in Markdown (CommonMark + GitHub tables): the Audit phase's deliverable, for people. Its content
 * is report/model.ts, its layout report/document.ts; this file only writes the document tree as Markdown, escaping
 * every text so that nothing in a message, a reason or a file name turns into markup (or HTML).
 */
import type { ReportInput } from './common';
import type { Block, Inline, Tone } from './doc';
import { reportDocument } from './document';
import { buildReportModel, type ReportOptions } from './model';

export type MarkdownOptions = ReportOptions;

export function formatMarkdown(input: ReportInput, opts: MarkdownOptions = {}): string {
  return renderMarkdown(reportDocument(buildReportModel(input, opts)));
}

const ICON: Record<Tone, string> = { bad: '❌', warn: '⚠️', good: '✅', note: '🟡', unknown: '❔', muted: '➖' };

export function renderMarkdown(blocks: readonly Block[]): string {
  return blocks.map(block).join('\n\n') + '\n';
}

function block(b: Block): string {
  switch (b.t) {
    case 'h': return `${'#'.repeat(b.level)} ${inlines(b.c, false)}`;
    case 'p': return b.muted ? `_${inlines(b.c, false)}_` : blockStart(inlines(b.c, false));
    case 'callout': return `> ${blockStart(inlines(b.c, false))}`;
    case 'ul': return b.items.map((it) => `- ${blockStart(inlines(it, false))}`).join('\n');
    case 'table': {
      const align = b.head.map((_, i) => (b.align?.[i] === 'right' ? '---:' : '---'));
      const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
      return [row(b.head.map((h) => escapeText(h))), row(align), ...b.rows.map((r) => row(r.map((c) => inlines(c, true) || ' ')))].join('\n');
    }
  }
}

function inlines(c: readonly Inline[], inTable: boolean): string {
  return c.map((x) => inline(x, inTable)).join('');
}

function inline(x: Inline, inTable: boolean): string {
  switch (x.t) {
    case 'text': return escapeText(x.s);
    case 'code': return codeSpan(x.s, inTable);
    case 'strong': return `**${inlines(x.c, inTable)}**`;
    case 'em': return `_${inlines(x.c, inTable)}_`;
    case 'link': return `[${inlines(x.c, inTable)}](${destination(x.href)})`;
    case 'badge': return `${ICON[x.tone]} ${escapeText(x.s)}`;
  }
}

/**
 * Escapes the characters that would turn plain text into Markdown or HTML (any ASCII punctuation may be
 * backslash-escaped in CommonMark, so over-escaping is harmless). Pipes are escaped everywhere: a table cell ends
 * at an unescaped one.
 */
export function escapeText(s: string): string {
  return flat(s).replace(/[\\`*_[\]<>|~&#!]/g, (ch) => `\\${ch}`);
}

/** Text at the start of a paragraph or list item must not read as a list marker or a setext underline. */
function blockStart(s: string): string {
  return s.replace(/^[-+=]/, (m) => `\\${m}`).replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A code span whose fence is longer than any backtick run inside; in a table, pipes are escaped (GFM strips the backslash). */
export function codeSpan(s: string, inTable: boolean): string {
  let body = flat(s);
  if (!body) return '';
  if (inTable) body = body.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Line breaks become spaces (a report line never breaks inside a text); unlike oneLine, no trimming: inlines abut. */
function flat(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A link destination: spaces, parentheses and angle brackets percent-encoded so the link cannot end early. */
function destination(href: string): string {
  return href.replace(/[\s()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
