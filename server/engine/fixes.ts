/** Applying fixes to in-memory texts: used by tests, the CLI and to check that a fix leaves parseable files. */
import { LineIndex } from './positions';
import type { Fix, TextEdit } from './types';

/** Applies text edits to one text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}

/** Applies a fix to a set of files (path -> text); returns the changed and created files. */
export function applyFix(files: ReadonlyMap<string, string>, fix: Fix): Map<string, string> {
  const changed = new Map<string, string>();
  for (const c of fix.creates ?? []) {
    if (files.has(c.file)) throw new Error(`fix would create ${c.file}, which exists`);
    changed.set(c.file, c.content);
  }
  const byFile = new Map<string, TextEdit[]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    const base = changed.get(file) ?? files.get(file);
    if (base === undefined) throw new Error(`fix edits ${file}, which does not exist`);
    changed.set(file, applyEdits(base, edits));
  }
  return changed;
}
