/**
 * Re-analyses one file of a workspace after single-character edits, as the editor does on a keystroke
 * (incremental parse, route facts deferred), and prints the time per edit and, with BENCH_TIMING, per rule; then
 * the workspace step that follows a pause in the edits (Workspace.analyze: the edited file's facts, workspace facts
 * and rules, triage, checklist), after each of a few more edits.
 * Usage (through scripts/bench-file.mjs): bench-file-worker <workspace> <file> [edits]
 */
import { performance } from 'node:perf_hooks';
import { loadWorkspace } from '../server/engine/load';
import { RULES } from '../rules';

const [root, file, n = '200'] = process.argv.slice(2);
const timing = process.env.BENCH_TIMING ? new Map<string, number>() : undefined;
const timed = loadWorkspace(root, { rules: RULES, timing });
timed.analyze();
timing?.clear();
const text = timed.getText(file);
if (text === undefined) { console.error(`not in the workspace: ${file}`); process.exit(2); }
const lines = text.split('\n');
const edits = Number(n);
const times: number[] = [];
for (let i = 0; i < edits; i++) {
  const at = (i * 7919) % lines.length;
  lines[at] += ' '; // one character, cumulative: no text repeats (the content cache would answer)
  const t0 = performance.now();
  timed.setFile(file, lines.join('\n'));
  timed.analyzeFile(file, { deferFacts: true });
  times.push(performance.now() - t0);
}
const sorted = [...times].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
console.log(`${file}: ${lines.length} lines, ${edits} edits; analyzeFile p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
if (timing) {
  const top = [...timing].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_TIMING) || 20);
  for (const [k, ms] of top) console.log(`${(ms / edits).toFixed(2).padStart(7)} ms/edit  ${k}`);
}

const steps: number[] = [];
const WORKSPACE_STEPS = Math.max(5, Math.round(edits / 20));
for (let i = 0; i < WORKSPACE_STEPS; i++) {
  const at = (i * 104729) % lines.length;
  lines[at] += ' ';
  timed.setFile(file, lines.join('\n'));
  timed.analyzeFile(file, { deferFacts: true });
  const t0 = performance.now();
  timed.analyze();
  steps.push(performance.now() - t0);
}
steps.sort((a, b) => a - b);
console.log(`workspace step after an edit (Workspace.analyze), ${steps.length} runs: median ${steps[Math.floor(steps.length / 2)].toFixed(1)} ms, max ${steps[steps.length - 1].toFixed(1)} ms`);
