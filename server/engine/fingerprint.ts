/** Fingerprints that survive edits above a finding: rule, file, the anchored line's normalised text, and its occurrence. */
import { createHash } from 'node:crypto';

export function normaliseLine(s: string): string { return s.replace(/\s+/g, ' ').trim(); }

/** Assigns fingerprints; `seen` counts identical keys in one file so repeated lines stay distinct. */
export function fingerprint(ruleId: string, file: string, lineText: string, seen: Map<string, number>): string {
  const key = `${ruleId}\u0000${file}\u0000${normaliseLine(lineText)}`;
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 24);
}
