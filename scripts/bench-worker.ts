/**
 * One measured run, in its own process: `parse <root>` (TypeScript parse-only of the TS/JS files, the baseline)
 * or `analyze <root>` (the full engine: discovery, every parser, facts, every rule, checklist), or `load` (nothing:
 * what loading this bundle costs, for bench.mjs --instructions).
 * Prints one JSON line: wall ms and peak RSS.
 */
import * as fs from 'node:fs';
import { ts } from 'ts-morph';
import { discover } from '../server/engine/discover';
import { loadWorkspace } from '../server/engine/load';
import { classify } from '../server/engine/parse';
import { RULES } from '../rules';

const [mode, root] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
let files = 0;
let findings = 0;
const keep: unknown[] = [];
if (mode === 'load') {
  // only the bundle's load and start-up
} else if (mode === 'parse') {
  for (const f of discover(root)) {
    if (classify(f.path) !== 'ts') continue;
    const text = fs.readFileSync(f.abs, 'utf8');
    keep.push(ts.createSourceFile(f.path, text, ts.ScriptTarget.Latest, true));
    files++;
  }
} else {
  const timing = process.env.BENCH_TIMING ? new Map<string, number>() : undefined;
  const ws = loadWorkspace(root, { rules: RULES, timing });
  const r = ws.analyze();
  if (timing) {
    const top = [...timing].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_TIMING) || 20);
    for (const [k, ms] of top) console.error(`${ms.toFixed(0).padStart(7)} ms  ${k}`);
  }
  files = r.fileCount;
  findings = r.findings.length;
  keep.push(ws);
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ mode, ms: Math.round(ms), maxRssMiB: Math.round(maxRssMiB), files, findings, kept: keep.length }));
