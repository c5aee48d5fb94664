#!/usr/bin/env node
// Times a full analysis of a workspace against TypeScript's parse-only time of the same files, in the same run,
// each in fresh processes (medians of 3, alternating), and prints both, the ratios and peak memory.
// Usage: npm run bench [-- <workspace>] [--files N]   (default: a generated 5,000-file monorepo in a temp folder)
//        npm run bench -- --instructions [--files 1000]
//   counts the instructions each run executes under valgrind's callgrind instead of timing it: the same on a busy
//   machine, so a change of a few percent shows (about 20 minutes for 1,000 files). A third run only loads the
//   bundle: its count (V8 compiling TypeScript, about 6 G) is taken off both, which leaves parsing and analysis.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildWorker } from './esbuild-ts.mjs';
import { generateWorkspace } from './gen-workspace.mjs';

const root = new URL('..', import.meta.url).pathname;
const worker = await buildWorker(root, 'bench-worker');

const argv = process.argv.slice(2);
const instructions = argv.includes('--instructions');
const filesAt = argv.indexOf('--files');
const count = filesAt >= 0 ? Number(argv[filesAt + 1]) : instructions ? 1000 : 5000;
const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--files');
let target = positional[0] ? resolve(positional[0]) : undefined;
let temp;
if (!target) {
  temp = mkdtempSync(join(tmpdir(), 'pg-bench-'));
  target = generateWorkspace(temp, count);
  console.log(`no workspace given: generated a ${count.toLocaleString('en-US')}-file monorepo in ${temp}`);
} else if (!existsSync(target)) { console.error(`no such folder: ${target}`); process.exit(2); }

if (instructions) {
  const counted = (mode) => {
    const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, worker, mode, target], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.error || r.status !== 0) { console.error(r.error ? `valgrind: ${r.error.message} (install Debian's valgrind)` : r.stderr.slice(-2000)); process.exit(1); }
    const n = /Collected\s*:\s*(\d+)/.exec(r.stderr);
    if (!n) { console.error('no instruction count in callgrind\'s output'); process.exit(1); }
    const last = r.stdout.trim().split('\n').pop();
    return { instr: Number(n[1]), ...(last ? JSON.parse(last) : {}) };
  };
  const l = counted('load');
  const p = counted('parse');
  const a = counted('analyze');
  const g = (x) => `${(x / 1e9).toFixed(2)} G`;
  console.log(`workspace: ${target}`);
  console.log(`TS/JS files parsed (baseline): ${p.files}; files analysed (all kinds): ${a.files}; findings: ${a.findings}`);
  console.log(`instructions, loading the bundle only:  ${g(l.instr)}`);
  console.log(`instructions, parse-only (TypeScript): ${g(p.instr)}  (${g(p.instr - l.instr)} beyond loading)`);
  console.log(`instructions, full analysis:           ${g(a.instr)}  (${g(a.instr - l.instr)} beyond loading)`);
  console.log(`ratio beyond loading: ${((a.instr - l.instr) / (p.instr - l.instr)).toFixed(2)}x (whole processes: ${(a.instr / p.instr).toFixed(2)}x); the analysis beyond parsing: ${g(a.instr - p.instr)}`);
  if (temp) rmSync(temp, { recursive: true, force: true });
  process.exit(0);
}

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
