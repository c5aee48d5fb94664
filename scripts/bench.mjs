#!/usr/bin/env node
// Times a full analysis of a workspace against TypeScript's parse-only time of the same files, in the same run,
// each in fresh processes (medians of 3, alternating), and prints both, the ratios and peak memory.
// Usage: npm run bench [-- <workspace>]   (default: a generated 5,000-file monorepo in a temp folder)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildWorker } from './esbuild-ts.mjs';
import { generateWorkspace } from './gen-workspace.mjs';

const root = new URL('..', import.meta.url).pathname;
const worker = await buildWorker(root, 'bench-worker');

let target = process.argv[2] ? resolve(process.argv[2]) : undefined;
let temp;
if (!target) {
  temp = mkdtempSync(join(tmpdir(), 'pg-bench-'));
  target = generateWorkspace(temp, 5000);
  console.log(`no workspace given: generated a 5,000-file monorepo in ${temp}`);
} else if (!existsSync(target)) { console.error(`no such folder: ${target}`); process.exit(2); }

const runs = Number(process.env.BENCH_RUNS ?? 3);
const once = (mode) => {
  const r = spawnSync(process.execPath, [worker, mode, target], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
  return JSON.parse(r.stdout.trim().split('\n').pop());
};
const results = { parse: [], analyze: [] };
for (let i = 0; i < runs; i++) { results.parse.push(once('parse')); results.analyze.push(once('analyze')); }
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p = { ms: median(results.parse.map((r) => r.ms)), rss: median(results.parse.map((r) => r.maxRssMiB)) };
const a = { ms: median(results.analyze.map((r) => r.ms)), rss: median(results.analyze.map((r) => r.maxRssMiB)) };
console.log(`workspace: ${target}`);
console.log(`TS/JS files parsed (baseline): ${results.parse[0].files}; files analysed (all kinds): ${results.analyze[0].files}; findings: ${results.analyze[0].findings}`);
console.log(`parse-only (TypeScript):  ${p.ms} ms, peak RSS ${p.rss} MiB   (median of ${runs})`);
console.log(`full analysis:            ${a.ms} ms, peak RSS ${a.rss} MiB   (median of ${runs})`);
console.log(`ratio time:   ${(a.ms / p.ms).toFixed(2)}x  (target <= 1.5x)`);
console.log(`ratio memory: ${(a.rss / p.rss).toFixed(2)}x  (target <= 1.3x)`);
if (temp) rmSync(temp, { recursive: true, force: true });
