/**
 * Edits that record a triage decision, for the editor's quick fixes: append an accepted shortcut to the nearest
 * production-gap.json (creating it at the root when there is none), or insert an inline accept comment above a
 * finding's line. Pure: they take texts and return a Fix, the caller applies it.
 */
import * as jsonc from 'jsonc-parser';
import { classify } from './parse';
import { jsonFormatting } from './jsonEdits';
import { LineIndex } from './positions';
import { ACCEPT_MARKER, commentSyntax } from './inlineAccept';
import { PROJECT_FILE, projectDir } from './project';
import type { Finding, Fix } from './types';

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
 * Appends an accepted shortcut for `f` to `projectPath` (current text, or undefined when the file does not exist yet).
 * A workspace finding is accepted for the whole scope (no file, no fingerprint).
 */
export function acceptInLedgerFix(projectPath: string, projectText: string | undefined, f: Finding, d: AcceptDetails): Fix {
  const entry = acceptedEntry(projectPath, f, d);
  const title = `Accept this ${f.ruleId} shortcut in ${PROJECT_FILE}`;
  if (projectText === undefined || projectText.trim() === '') {
    const content = JSON.stringify({ $schema: 'https://raw.githubusercontent.com/production-gap/production-gap/main/schemas/production-gap.schema.json', accepted: [entry] }, null, 2) + '\n';
    if (projectText === undefined) return { title, safe: false, edits: [], creates: [{ file: projectPath, content }] };
    const lines = new LineIndex(projectText);
    return { title, safe: false, edits: [{ file: projectPath, range: lines.range(0, projectText.length), newText: content }] };
  }
  const root = jsonc.parseTree(projectText, [], { allowTrailingComma: true });
  const list = root && jsonc.findNodeAtLocation(root, ['accepted']);
  const path: jsonc.JSONPath = list?.type === 'array' ? ['accepted', list.children?.length ?? 0] : ['accepted'];
  const value = list?.type === 'array' ? entry : [entry];
  const lines = new LineIndex(projectText);
  const edits = jsonc.modify(projectText, path, value, { formattingOptions: jsonFormatting(projectText), isArrayInsertion: list?.type === 'array' });
  return { title, safe: false, edits: edits.map((e) => ({ file: projectPath, range: lines.range(e.offset, e.offset + e.length), newText: e.content })) };
}

/** Inserts `<comment> production-gap-accept <rule> -- <reason>` above the finding's line, indented like it; undefined when the file's format has no comments (package.json, lockfiles). */
export function acceptInlineFix(fileText: string, f: Finding, reason: string): Fix | undefined {
  const kind = classify(f.file);
  const syntax = kind === 'package-json' ? undefined : commentSyntax(kind);
  if (!syntax || f.workspace) return undefined;
  const lines = new LineIndex(fileText);
  const line = f.range.start.line;
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
  const text = `${indent}${syntax.open}${ACCEPT_MARKER} ${f.ruleId} -- ${reason.replace(/\s+/g, ' ').trim()}${syntax.close}${eol}`;
  const at = { line, character: 0 };
  return { title: `Accept this ${f.ruleId} shortcut with a comment`, safe: false, edits: [{ file: f.file, range: { start: at, end: at }, newText: text }] };
}
