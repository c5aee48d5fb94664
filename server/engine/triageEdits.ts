/**
 * Edits that record a triage decision, for the editor's quick fixes and actions: append an accepted shortcut to the
 * nearest production-gap.json (creating it at the root when there is none), insert an inline accept comment above a
 * finding's line, or record an attestation of a checklist item. Pure: they take texts and return a Fix, the caller
 * applies it.
 */
import * as jsonc from 'jsonc-parser';
import { ts } from 'ts-morph';
import { classify, parseTs } from './parse';
import { jsonFormatting } from './jsonEdits';
import { LineIndex } from './positions';
import { ACCEPT_MARKER, commentSyntax } from './inlineAccept';
import { isProjectFile, PROJECT_FILE, projectDir } from './project';
import type { Finding, Fix, Range, TextEdit } from './types';

const SCHEMA_URL = 'https://raw.githubusercontent.com/production-gap/production-gap/main/schemas/production-gap.schema.json';

export interface AcceptDetails { reason: string; by?: string; date?: string; revisit?: string }

/** The project file governing `file` among existing paths (nearest folder), or the root one to create. */
export function projectFileFor(paths: Iterable<string>, file: string): string {
  let best: string | undefined;
  for (const p of paths) {
    if (p !== PROJECT_FILE && !p.endsWith(`/${PROJECT_FILE}`)) continue;
    const dir = projectDir(p);
    if ((dir === '' || file.startsWith(`${dir}/`)) && (!best || dir.length > projectDir(best).length)) best = p;
  }
  return best ?? PROJECT_FILE;
}

/** The accepted entry as the ledger stores it (file relative to the project file's folder). */
export function acceptedEntry(projectPath: string, f: Finding, d: AcceptDetails): Record<string, string> {
  const dir = projectDir(projectPath);
  const entry: Record<string, string> = { rule: f.ruleId };
  if (!f.workspace) {
    entry.file = dir ? f.file.slice(dir.length + 1) : f.file;
    entry.fingerprint = f.fingerprint;
  }
  entry.reason = d.reason;
  if (d.by) entry.by = d.by;
  if (d.date) entry.date = d.date;
  if (d.revisit) entry.revisit = d.revisit;
  return entry;
}

/**
 * Appends an accepted shortcut for `f` to `projectPath` (current text, or undefined when the file does not exist yet),
 * or renews the entry already recorded for the same finding (same rule, file and fingerprint: e.g. a revisit date that
 * passed). A workspace finding is accepted for the whole scope (no file, no fingerprint).
 */
export function acceptInLedgerFix(projectPath: string, projectText: string | undefined, f: Finding, d: AcceptDetails): Fix {
  const entry = acceptedEntry(projectPath, f, d);
  const title = `Accept this ${f.ruleId} shortcut in ${PROJECT_FILE}`;
  const same = (e: jsonc.Node) => {
    const v = jsonc.getNodeValue(e) as Record<string, unknown> | undefined;
    return !!v && typeof v === 'object' && v.rule === entry.rule && v.file === entry.file && v.fingerprint === entry.fingerprint;
  };
  return { title, safe: false, ...projectFileEdits(projectPath, projectText, 'accepted', entry, same) };
}

/** The attestation of a checklist item as the project file stores it. */
export interface AttestDetails { evidence: string; by: string; date: string; expires?: string }

/**
 * Records that a checklist item the scan cannot see is in place (backups, staging, alerts, rollback): appends an
 * attestation to `projectPath`, or replaces the item's earlier ones (an expired attestation is renewed, not repeated).
 */
export function attestFix(projectPath: string, projectText: string | undefined, item: string, d: AttestDetails): Fix {
  const entry: Record<string, string> = { item, evidence: d.evidence.trim(), by: d.by, date: d.date };
  if (d.expires) entry.expires = d.expires;
  const same = (e: jsonc.Node) => {
    const v = jsonc.getNodeValue(e) as Record<string, unknown> | undefined;
    return !!v && typeof v === 'object' && v.item === item;
  };
  return { title: `Attest ${item} in ${PROJECT_FILE}`, safe: false, ...projectFileEdits(projectPath, projectText, 'attestations', entry, same) };
}

/**
 * Puts `entry` in the `key` list of a project file: creates the file, fills an empty one, replaces the entries `same`
 * matches (the first in place, the others removed) or appends. Comments and formatting elsewhere are kept.
 */
function projectFileEdits(projectPath: string, projectText: string | undefined, key: 'accepted' | 'attestations', entry: Record<string, string>, same: (e: jsonc.Node) => boolean): Pick<Fix, 'edits' | 'creates'> {
  if (projectText === undefined || projectText.trim() === '') {
    const content = JSON.stringify({ $schema: SCHEMA_URL, [key]: [entry] }, null, 2) + '\n';
    if (projectText === undefined) return { edits: [], creates: [{ file: projectPath, content }] };
    return { edits: [{ file: projectPath, range: new LineIndex(projectText).range(0, projectText.length), newText: content }] };
  }
  const options: jsonc.ModificationOptions = { formattingOptions: jsonFormatting(projectText) };
  const root = jsonc.parseTree(projectText, [], { allowTrailingComma: true });
  const list = root && jsonc.findNodeAtLocation(root, [key]);
  if (list?.type !== 'array') {
    const edits = jsonc.modify(projectText, [key], [entry], options);
    return { edits: [diffEdit(projectPath, projectText, jsonc.applyEdits(projectText, edits))] };
  }
  const matches = (list.children ?? []).map((e, i) => (same(e) ? i : -1)).filter((i) => i >= 0);
  let text = projectText;
  if (!matches.length) {
    text = jsonc.applyEdits(text, jsonc.modify(text, [key, list.children?.length ?? 0], entry, { ...options, isArrayInsertion: true }));
  } else {
    for (const i of matches.slice(1).reverse()) text = jsonc.applyEdits(text, jsonc.modify(text, [key, i], undefined, options));
    text = jsonc.applyEdits(text, jsonc.modify(text, [key, matches[0]], entry, options));
  }
  return { edits: [diffEdit(projectPath, projectText, text)] };
}

/** One edit turning `before` into `after`: the span between their common prefix and suffix. */
function diffEdit(file: string, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { file, range: new LineIndex(before).range(start, before.length - end), newText: after.slice(start, after.length - end) };
}

/** True when a finding can be accepted by a comment in its own file: a code finding in a format with comments. */
export function canAcceptInline(f: Pick<Finding, 'file' | 'workspace'>): boolean {
  const kind = classify(f.file);
  return !f.workspace && kind !== 'package-json' && commentSyntax(kind) !== undefined;
}

/**
 * Inserts `<comment> production-gap-accept <rule> -- <reason>` above the finding's line, indented like it (among JSX
 * children, as `{/* ... *\/}`); undefined when the file's format has no comments (package.json, lockfiles).
 */
export function acceptInlineFix(fileText: string, f: Finding, reason: string): Fix | undefined {
  if (!canAcceptInline(f)) return undefined;
  const kind = classify(f.file);
  let syntax = commentSyntax(kind)!;
  const lines = new LineIndex(fileText);
  const line = f.range.start.line;
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  if (kind === 'ts' && inJsxChildren(f.file, fileText, lines.offsetAt({ line, character: indent.length }))) syntax = { open: '{/* ', close: ' */}' };
  const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
  const body = reason.replace(/\s+/g, ' ').trim().replace(/\*\//g, '* /').replace(/-->/g, '- ->');
  const text = `${indent}${syntax.open}${ACCEPT_MARKER} ${f.ruleId} -- ${body}${syntax.close}${eol}`;
  const at = { line, character: 0 };
  return { title: `Accept this ${f.ruleId} shortcut with a comment`, safe: false, edits: [{ file: f.file, range: { start: at, end: at }, newText: text }] };
}

/**
 * True when `offset` (the first character of a line) is JSX child content, where `//` would be text: inside an
 * element's or fragment's children, not in its attributes nor in an expression nested in them.
 */
function inJsxChildren(path: string, text: string, offset: number): boolean {
  if (!/\.[jt]sx$|\.[cm]?js$/i.test(path) || !text.includes('<')) return false;
  const sf = parseTs(path, text);
  // The innermost node whose own text (not its leading trivia) encloses the offset.
  let container: ts.Node = sf;
  for (;;) {
    const inner: ts.Node | undefined = ts.forEachChild(container, (c) => {
      const start = ts.isJsxText(c) ? c.pos : c.getStart(sf);
      return start < offset && offset < c.end ? c : undefined;
    });
    if (!inner) break;
    container = inner;
  }
  if (ts.isJsxText(container)) return true;
  if (ts.isJsxElement(container)) return offset >= container.openingElement.end && offset <= container.closingElement.pos;
  if (ts.isJsxFragment(container)) return offset >= container.openingFragment.end && offset <= container.closingFragment.pos;
  return false;
}

/**
 * Removes what a stale-problem points at (engine/triage.ts): an `accepted` entry of a project file (its range is the
 * entry's object) or an accept comment in a source file (the whole line when the comment is alone on it).
 * Undefined when the text no longer holds it at that range.
 */
export function removeStaleFix(file: string, text: string, range: Range): Fix | undefined {
  const lines = new LineIndex(text);
  const start0 = lines.offsetAt(range.start);
  const end0 = lines.offsetAt(range.end);
  if (isProjectFile(file)) {
    const root = jsonc.parseTree(text, [], { allowTrailingComma: true });
    const list = root && jsonc.findNodeAtLocation(root, ['accepted']);
    const i = list?.type === 'array' ? (list.children ?? []).findIndex((e) => e.offset === start0 && e.offset + e.length === end0) : -1;
    if (i < 0) return undefined;
    const after = jsonc.applyEdits(text, jsonc.modify(text, ['accepted', i], undefined, {}));
    return { title: `Remove this stale entry from ${PROJECT_FILE}`, safe: false, edits: [diffEdit(file, text, after)] };
  }
  if (!text.slice(start0, end0).includes(ACCEPT_MARKER)) return undefined;
  const lineStart = lines.offsetAt({ line: range.start.line, character: 0 });
  const nextLine = range.end.line + 1 < lines.lineCount ? lines.offsetAt({ line: range.end.line + 1, character: 0 }) : text.length;
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  const back = (i: number) => { while (i > lineStart && blank(text[i - 1])) i--; return i; };
  let start = start0, end = end0;
  // `{/* production-gap-accept ... */}` among JSX children: the braces (an empty JSX expression) go with the comment.
  const jsx = classify(file) === 'ts' ? emptyJsxExpressionAround(parseTs(file, text), start0, end0) : undefined;
  if (jsx) { start = jsx.start; end = jsx.end; }
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, nextLine).trim() === '';
  const from = alone ? lineStart : back(start);
  const to = alone ? nextLine : end;
  return { title: 'Remove this stale accept comment', safe: false, edits: [{ file, range: lines.range(from, to), newText: '' }] };
}

function emptyJsxExpressionAround(sf: ts.SourceFile, start: number, end: number): { start: number; end: number } | undefined {
  let found: { start: number; end: number } | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.end < end || n.pos > start) return;
    if (ts.isJsxExpression(n) && !n.expression && n.getStart(sf) <= start && end <= n.end) found = { start: n.getStart(sf), end: n.end };
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}
