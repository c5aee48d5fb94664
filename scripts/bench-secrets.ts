/**
 * Precision and recall of security/hardcoded-secret on a labeled set (test/fixtures/secrets/labeled.jsonl):
 * each item is one workspace file, labeled `secret` when the rule should report it and `not-secret` when it
 * should stay quiet. Run: `npm run bench:secrets` (add `--verbose` to list every miss).
 * A JWT or session secret is reported by the more specific auth/hardcoded-jwt-secret or auth/hardcoded-session-secret
 * instead (one finding per literal), so those two run too and a finding of any of the three counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../rules/security/hardcoded-secret';
import jwtSecretRule from '../rules/auth/hardcoded-jwt-secret';
import sessionSecretRule from '../rules/auth/hardcoded-session-secret';
import { Workspace } from '../server/engine/workspace';
import type { Finding } from '../server/engine/types';

export interface LabeledItem { id: string; label: 'secret' | 'not-secret'; file: string; content: string; why: string }
export interface BenchResult {
  total: number; tp: number; fp: number; fn: number; tn: number;
  precision: number; recall: number;
  falsePositives: Array<{ item: LabeledItem; findings: Finding[] }>;
  falseNegatives: LabeledItem[];
}

export const LABELED_PATH = join(__dirname, '..', 'test', 'fixtures', 'secrets', 'labeled.jsonl');

export function loadLabeled(path = LABELED_PATH): LabeledItem[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as LabeledItem);
}

export function benchSecrets(items = loadLabeled()): BenchResult {
  const r: BenchResult = { total: items.length, tp: 0, fp: 0, fn: 0, tn: 0, precision: 0, recall: 0, falsePositives: [], falseNegatives: [] };
  for (const item of items) {
    const ws = new Workspace({ rules: [rule, jwtSecretRule, sessionSecretRule], log: (l) => { if (l.level === 'error') throw new Error(`${item.id}: ${l.message}`); } });
    ws.setFile(item.file, item.content);
    const findings = ws.analyze().findings;
    const reported = findings.length > 0;
    if (item.label === 'secret') {
      if (reported) r.tp++; else { r.fn++; r.falseNegatives.push(item); }
    } else if (reported) { r.fp++; r.falsePositives.push({ item, findings }); } else r.tn++;
  }
  r.precision = r.tp + r.fp ? r.tp / (r.tp + r.fp) : 1;
  r.recall = r.tp + r.fn ? r.tp / (r.tp + r.fn) : 1;
  return r;
}

if (require.main === module) {
  const verbose = process.argv.includes('--verbose');
  const started = performance.now();
  const r = benchSecrets();
  const ms = performance.now() - started;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`security/hardcoded-secret on ${r.total} labeled files (${r.tp + r.fn} secret, ${r.fp + r.tn} not): ${ms.toFixed(0)} ms`);
  console.log(`  precision ${pct(r.precision)}  (${r.tp} true positives, ${r.fp} false positives)`);
  console.log(`  recall    ${pct(r.recall)}  (${r.fn} missed)`);
  for (const { item, findings } of r.falsePositives) {
    console.log(`  false positive ${item.id} ${item.file}: ${item.why}`);
    if (verbose) for (const f of findings) console.log(`    ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
  }
  for (const item of r.falseNegatives) console.log(`  missed ${item.id} ${item.file}: ${item.why}`);
}
