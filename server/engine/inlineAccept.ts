/**
 * Inline accepted shortcuts: `production-gap-accept <rule-id> -- <reason>` in a comment on a finding's line or the
 * line above (any line of a multi-line finding; engine/triage.ts matches them). TS/JS comments come from the compiler's comment ranges (never a regex over the source); JSON comments
 * from jsonc-parser's scanner; the other formats' comments are line-based, so they are read line by line.
 */
import { ts } from 'ts-morph';
import * as jsonc from 'jsonc-parser';
import type { ParsedFile } from './parse';
import type { LineIndex } from './positions';
import type { Range } from './types';

export const ACCEPT_MARKER = 'production-gap-accept';

export interface InlineAccept {
  ruleId: string;
  /** Absent: the comment has no reason, so it does not accept (a config problem). */
  reason?: string;
  /** Lines (0-based) it covers: its own first line and the line after its last; a finding spanning either is accepted. */
  lines: [number, number];
  range: Range;
}

/** The body of one comment (markers removed) -> rule id and reason, or undefined when it is not an accept comment. */
export function parseAcceptBody(body: string): { ruleId: string; reason?: string } | undefined {
  const m = /^\s*production-gap-accept\s+([A-Za-z0-9@._/-]+)(?:\s+--\s*([\s\S]*?))?\s*$/.exec(body);
  if (!m) return undefined;
  const ruleId = m[1].replace(/-+$/, '');
  const reason = m[2]?.replace(/\s+/g, ' ').trim();
  return { ruleId, reason: reason || undefined };
}

function make(lines: LineIndex, start: number, end: number, body: string): InlineAccept | undefined {
  const p = parseAcceptBody(body);
  if (!p) return undefined;
  const range = lines.range(start, end);
  return { ...p, lines: [range.start.line, range.end.line + 1], range };
}

/** Strips a comment's delimiters: `// x`, `/* x *\/` (with leading `*` on continuation lines), `# x`, `-- x`, `<!-- x -->`. */
function stripDelimiters(comment: string): string {
  if (comment.startsWith('//')) return comment.slice(2);
  if (comment.startsWith('/*')) return comment.slice(2, comment.endsWith('*/') ? -2 : undefined).replace(/^\s*\*(?!\/)/gm, ' ');
  if (comment.startsWith('<!--')) return comment.slice(4, comment.endsWith('-->') ? -3 : undefined);
  if (comment.startsWith('--')) return comment.slice(2);
  if (comment.startsWith('#')) return comment.slice(1);
  return comment;
}

function fromTs(sf: ts.SourceFile, lines: LineIndex): InlineAccept[] {
  const text = sf.text;
  const seen = new Set<number>();
  const out: InlineAccept[] = [];
  const take = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      if (seen.has(r.pos)) continue;
      seen.add(r.pos);
      const a = make(lines, r.pos, r.end, stripDelimiters(text.slice(r.pos, r.end)));
      if (a) out.push(a);
    }
  };
  const visit = (node: ts.Node): void => {
    take(ts.getLeadingCommentRanges(text, node.pos));
    take(ts.getTrailingCommentRanges(text, node.end));
    // `{/* ... */}` among JSX children: the comment is inside braces that hold no expression.
    if (ts.isJsxExpression(node) && !node.expression) {
      const inside = text.indexOf('{', node.pos) + 1;
      take(ts.getTrailingCommentRanges(text, inside));
      take(ts.getLeadingCommentRanges(text, inside));
    }
    ts.forEachChild(node, visit);
    // A comment just before a closing brace belongs to no node: read the trivia after the last statement or member,
    // or after `{` when there is none (`catch (err) {\n  // production-gap-accept ... \n}`).
    if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseBlock(node) || ts.isObjectLiteralExpression(node) || ts.isClassLike(node)) {
      const list: ts.NodeArray<ts.Node> = ts.isBlock(node) || ts.isModuleBlock(node) ? node.statements : ts.isCaseBlock(node) ? node.clauses : ts.isObjectLiteralExpression(node) ? node.properties : node.members;
      let from = list.length ? list[list.length - 1].end : list.pos;
      if (list.length && list.hasTrailingComma) from = text.indexOf(',', from) + 1;
      take(ts.getTrailingCommentRanges(text, from));
      take(ts.getLeadingCommentRanges(text, from));
    }
  };
  visit(sf);
  take(ts.getLeadingCommentRanges(text, sf.endOfFileToken.pos));
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}

function fromJson(text: string, lines: LineIndex): InlineAccept[] {
  const out: InlineAccept[] = [];
  const scanner = jsonc.createScanner(text, false);
  // jsonc.SyntaxKind is a const enum (not usable under isolatedModules): EOF 17, LineCommentTrivia 12, BlockCommentTrivia 13.
  for (let k: number = scanner.scan(); k !== 17; k = scanner.scan()) {
    if (k !== 12 && k !== 13) continue;
    const start = scanner.getTokenOffset(), end = start + scanner.getTokenLength();
    const a = make(lines, start, end, stripDelimiters(text.slice(start, end)));
    if (a) out.push(a);
  }
  return out;
}

/** Line-comment formats: the comment starts at the marker when it begins the line or follows whitespace. */
function fromLines(lines: LineIndex, markers: readonly string[]): InlineAccept[] {
  const out: InlineAccept[] = [];
  for (let i = 0; i < lines.lineCount; i++) {
    const line = lines.lineText(i);
    if (!line.includes(ACCEPT_MARKER)) continue;
    for (const marker of markers) {
      let at = -1;
      for (let from = 0; (at = line.indexOf(marker, from)) >= 0; from = at + 1) {
        if (at === 0 || /\s/.test(line[at - 1])) break;
      }
      if (at < 0) continue;
      let comment = line.slice(at);
      if (marker === '<!--' || marker === '/*') {
        const close = comment.indexOf(marker === '<!--' ? '-->' : '*/');
        if (close >= 0) comment = comment.slice(0, close + (marker === '<!--' ? 3 : 2));
      }
      const start = lines.offsetAt({ line: i, character: at });
      const a = make(lines, start, start + comment.length, stripDelimiters(comment));
      if (a) { out.push(a); break; }
    }
  }
  return out;
}

const LINE_MARKERS: Partial<Record<ParsedFile['kind'], readonly string[]>> = {
  yaml: ['#'], dockerfile: ['#'], gitignore: ['#'], dockerignore: ['#'], env: ['#'], toml: ['#'], text: ['#', '//'],
  sql: ['--', '/*'], prisma: ['//'], markdown: ['<!--'],
};

/** The accept comments of a parsed file (cheap when the file has none). */
export function collectInlineAccepts(parsed: ParsedFile): InlineAccept[] {
  if (!parsed.text.includes(ACCEPT_MARKER)) return [];
  if (parsed.kind === 'ts') return fromTs(parsed.ast, parsed.lines);
  if (parsed.kind === 'json' || parsed.kind === 'package-json') return fromJson(parsed.text, parsed.lines);
  if (parsed.kind === 'toml' && parsed.ast) return parsed.ast.comments.flatMap((c) => make(parsed.lines, c.range[0], c.range[1], c.value) ?? []);
  const markers = LINE_MARKERS[parsed.kind];
  return markers ? fromLines(parsed.lines, markers) : [];
}

/** The comment syntax used to write an accept comment in a file of this kind (undefined: the format has no comments). */
export function commentSyntax(kind: ParsedFile['kind'] | undefined): { open: string; close: string } | undefined {
  switch (kind) {
    case 'ts': case 'prisma': case 'json': return { open: '// ', close: '' };
    case 'yaml': case 'dockerfile': case 'gitignore': case 'dockerignore': case 'env': case 'toml': case 'text': return { open: '# ', close: '' };
    case 'sql': return { open: '-- ', close: '' };
    case 'markdown': return { open: '<!-- ', close: ' -->' };
    default: return undefined;
  }
}
