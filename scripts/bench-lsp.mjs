#!/usr/bin/env node
// Benchmarks the built language server over stdio:
//   npm run bench:lsp [<workspace> [<file>]] [-- --edits 50 --no-build]
// - initial analysis: server start -> end of its work-done progress (every diagnostic published), and
//   initialize -> end; baseline: a separate process that reads and parses (ts.createSourceFile) the same
//   TS/JS files, run once before the server and once after it, so the ratio is paired in one run (their mean: the
//   speed of a shared machine drifts over a minute);
// - N single-character edits at varying lines of <file> (opened as a document): didChange -> publishDiagnostics
//   of that version, p50/p95/max (each edit comes once the server is idle, as typing does: analysed at once); then
//   bursts of 5 edits 3 ms apart, which the server debounces: last edit -> its publish, and how many analyses ran;
// - the server's RSS (productionGap/stats) after the initial analysis and after the edits;
// - a warm start: a second server on the same workspace and storage folder (analyses kept between sessions).
// The server inherits the environment: PRODUCTION_GAP_WORKERS=N sets its analysis worker threads (engine/parallel.ts).
// Without a workspace, a synthetic one is generated in a temp folder: ~5,000 Express/Nest/Prisma files with one
// 1,000-line file (the edited one). Prints figures; asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateLspWorkspace, BIG_FILE } from './gen-lsp-workspace.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const WITH_VALUE = new Set(['--edits', '--files']);
const positional = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && WITH_VALUE.has(argv[i - 1])));
const EDITS = Number(option('--edits', 50));

// ---- the workspace ---------------------------------------------------------------------------------------

let workspace = positional[0] && path.resolve(positional[0]);
let file = positional[1];
let generated = false;
if (!workspace) {
  workspace = generateLspWorkspace(Number(option('--files', 5000)));
  file = BIG_FILE;
  generated = true;
}
if (!file) { console.error('usage: npm run bench:lsp <workspace> <file-to-edit>'); process.exit(2); }
const fileAbs = path.resolve(workspace, file);
if (!fs.existsSync(fileAbs)) { console.error(`no such file: ${fileAbs}`); process.exit(2); }

if (!flag('--no-build')) {
  const b = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

// ---- parse-only baseline, in its own process, before the server and after it ----------------------------

const baselineScript = `
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
const fs = require('node:fs'); const path = require('node:path');
const { ts } = require(${JSON.stringify(path.join(root, 'node_modules/ts-morph'))});
const EX = new Set(['node_modules','dist','build','.next','coverage','vendor','.git','.turbo','.vercel','out','.cache']);
const files = [];
(function walk(d) { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
  const p = path.join(d, e.name);
  if (e.isDirectory()) { if (!EX.has(e.name)) walk(p); }
  else if (/\\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(e.name) && !/\\.d\\.[cm]?ts$/.test(e.name)) files.push(p);
} })(process.argv[1]);
let nodes = 0;
for (const f of files) {
  const sf = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  nodes += sf.statements.length;
}
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, files: files.length, rss: process.memoryUsage().rss }));
`;
function runBaseline() {
  const tb = performance.now();
  const base = spawnSync(process.execPath, ['-e', baselineScript, workspace], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const wall = performance.now() - tb;
  if (base.status !== 0) { console.error(base.stderr); return undefined; }
  return { ...JSON.parse(base.stdout), wall };
}
const before = runBaseline();

// ---- the server ------------------------------------------------------------------------------------------

const tSpawn = performance.now();
// BENCH_NODE_ARGS: extra node flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (NODE_OPTIONS refuses those).
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiters = new Set();
const latest = new Map();
let publishes = 0;
let lastPublishAt = 0;
let progressEndAt = 0;
let analysingMessage = '';
const wake = () => { for (const w of [...waiters]) w(); };
conn.onNotification('textDocument/publishDiagnostics', (p) => { publishes++; lastPublishAt = performance.now(); latest.set(p.uri, p); wake(); });
conn.onNotification('$/progress', (p) => {
  if (p.value.kind === 'report' && p.value.message) analysingMessage = p.value.message;
  if (p.value.kind === 'end') { progressEndAt = performance.now(); wake(); }
});
conn.onNotification('window/logMessage', (p) => { if (flag('--verbose')) console.log(`[server ${Math.round(performance.now() - tSpawn)} ms] ${p.message}`); });
conn.onNotification('productionGap/checklist', () => {});
conn.onRequest('window/workDoneProgress/create', () => null);
conn.onRequest('client/registerCapability', () => null);
conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
conn.listen();

function until(probe, what, timeoutMs = 600_000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const v = probe();
      if (v) { waiters.delete(check); clearTimeout(timer); resolve(v); }
    };
    const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`timed out: ${what}`)); }, timeoutMs);
    waiters.add(check);
    check();
  });
}

const folderUri = pathToFileURL(workspace).href;
// Where the server keeps its analyses between sessions (as the VS Code client's workspace storage): the warm start below reads it.
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-bench-store-'));
const tInit = performance.now();
await conn.sendRequest('initialize', {
  processId: process.pid,
  rootUri: folderUri,
  workspaceFolders: [{ uri: folderUri, name: path.basename(workspace) }],
  initializationOptions: { storageDir },
  capabilities: {
    workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
    window: { workDoneProgress: true },
    textDocument: { publishDiagnostics: { versionSupport: true } },
  },
});
await conn.sendNotification('initialized', {});
await until(() => progressEndAt, 'the end of the initial analysis');
const initial = { fromSpawn: progressEndAt - tSpawn, fromInitialize: progressEndAt - tInit, publishes, lastPublish: lastPublishAt - tInit };
const statsAfterLoad = await conn.sendRequest('productionGap/stats');

// ---- edits -----------------------------------------------------------------------------------------------

const uri = pathToFileURL(fileAbs).href;
let text = fs.readFileSync(fileAbs, 'utf8');
let version = 1;
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
await until(() => latest.get(uri)?.version === version, 'diagnostics of the opened file');
const lineCount = text.split('\n').length;
const latencies = [];
const idleWaits = [];
for (let i = 0; i < EDITS; i++) {
  // A space inserted at the start of a line: a single-character edit that keeps the file parseable, and a
  // content never analysed before (no cache hit).
  const line = Math.floor((i * 7919) % Math.max(1, lineCount - 1));
  const change = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' };
  version++;
  const t = performance.now();
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  const v = version;
  await until(() => latest.get(uri)?.version === v, `diagnostics of version ${v}`, 30_000);
  latencies.push(performance.now() - t);
  // Like a person typing: the next keystroke comes once the server is idle again.
  const ts = performance.now();
  await conn.sendRequest('productionGap/stats');
  idleWaits.push(performance.now() - ts);
}
const statsAfterEdits = await conn.sendRequest('productionGap/stats');
// Bursts: 5 edits 3 ms apart (an extension's or a macro's edits), coalesced by the server; last edit -> its publish.
const bursts = [];
const parsesBeforeBursts = statsAfterEdits.folders[0]?.parses ?? 0;
for (let b = 0; b < 10; b++) {
  let t = 0;
  for (let k = 0; k < 5; k++) {
    const line = Math.floor(((b * 5 + k) * 104729) % Math.max(1, lineCount - 1));
    version++;
    t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }] });
    if (k < 4) await new Promise((r) => setTimeout(r, 3));
  }
  const v = version;
  await until(() => latest.get(uri)?.version === v, `diagnostics of version ${v}`, 30_000);
  bursts.push(performance.now() - t);
  await conn.sendRequest('productionGap/stats');
}
const burstParses = ((await conn.sendRequest('productionGap/stats')).folders[0]?.parses ?? 0) - parsesBeforeBursts;
// The workspace step runs once the edits pause: wait for it, then read its duration.
await new Promise((r) => setTimeout(r, 1000));
const statsAfterPause = await conn.sendRequest('productionGap/stats');
try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* gone */ }
await new Promise((r) => { child.once('exit', r); setTimeout(r, 3000); });
if (child.exitCode === null) child.kill();
conn.dispose();

// ---- warm start: a second server on the same workspace and storage (the editor reopened) ------------------

async function warmStart() {
  const t0 = performance.now();
  const c = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const cn = createProtocolConnection(new StreamMessageReader(c.stdout), new StreamMessageWriter(c.stdin));
  let end = 0;
  const done = new Promise((resolve) => cn.onNotification('$/progress', (p) => { if (p.value.kind === 'end') { end = performance.now(); resolve(); } }));
  cn.onNotification('window/logMessage', () => {});
  cn.onNotification('textDocument/publishDiagnostics', () => {});
  cn.onNotification('productionGap/checklist', () => {});
  cn.onRequest('window/workDoneProgress/create', () => null);
  cn.onRequest('client/registerCapability', () => null);
  cn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  cn.listen();
  await cn.sendRequest('initialize', {
    processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: path.basename(workspace) }],
    initializationOptions: { storageDir },
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await cn.sendNotification('initialized', {});
  await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out: the warm start')), 600_000))]);
  const stats = await cn.sendRequest('productionGap/stats');
  try { await cn.sendRequest('shutdown'); await cn.sendNotification('exit'); } catch { /* gone */ }
  await new Promise((r) => { c.once('exit', r); setTimeout(r, 3000); });
  if (c.exitCode === null) c.kill();
  cn.dispose();
  return { ms: end - t0, parses: stats.folders[0]?.parses ?? 0 };
}
const warm = await warmStart();
fs.rmSync(storageDir, { recursive: true, force: true });

// ---- parse-only baseline, again after the server (the machine's speed drifts: the ratio uses both) ---------

const after = runBaseline();
const baseline = before && after ? { ...after, wall: (before.wall + after.wall) / 2, ms: (before.ms + after.ms) / 2 } : undefined;
const baselineWall = baseline?.wall;

// ---- figures ---------------------------------------------------------------------------------------------

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n) => `${Math.round(n).toLocaleString('en-US')} ms`;
const mib = (n) => `${(n / 1048576).toFixed(0)} MiB`;
const folder = statsAfterEdits.folders[0] ?? {};
console.log(`\nworkspace: ${workspace}${generated ? ' (generated)' : ''}`);
console.log(`analysed files: ${folder.files?.toLocaleString('en-US')} (${analysingMessage}); findings: ${folder.findings}`);
console.log(`edited file: ${file} (${lineCount.toLocaleString('en-US')} lines)`);
console.log('\ninitial analysis');
console.log(`  server start -> all diagnostics published (progress end): ${ms(initial.fromSpawn)}`);
console.log(`  initialize -> progress end:                               ${ms(initial.fromInitialize)} (${initial.publishes} publishDiagnostics)`);
if (baseline) {
  console.log(`  baseline, parse-only process (read + ts.createSourceFile of ${baseline.files.toLocaleString('en-US')} TS/JS files), mean of a run before the server and one after: ${ms(baseline.ms)} in-process, ${ms(baselineWall)} wall (${ms(before.wall)} before, ${ms(after.wall)} after)`);
  console.log(`  ratio (server start -> progress end) / (parse-only wall): ${(initial.fromSpawn / baselineWall).toFixed(2)}`);
}
console.log(`  warm start (the editor reopened; analyses stored by the session above, ${warm.parses.toLocaleString('en-US')} file(s) changed since analysed again): ${ms(warm.ms)}${baseline ? `, ratio ${(warm.ms / baselineWall).toFixed(2)}` : ''}`);
console.log(`\nedits: ${latencies.length} single-character edits, didChange -> publishDiagnostics of that version (next edit once the server is idle: each is analysed at once; edits closer than 12 ms are debounced)`);
console.log(`  p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms; the last edit's own analysis in the server: ${folder.lastFileStepMs} ms`);
const inside = [...(folder.editLatenciesMs ?? [])].slice(-latencies.length).sort((a, b) => a - b);
if (inside.length) {
  const ip = (p) => inside[Math.min(inside.length - 1, Math.ceil((p / 100) * inside.length) - 1)];
  console.log(`  measured inside the server (didChange handled -> publish sent): p50 ${ip(50).toFixed(1)} ms, p95 ${ip(95).toFixed(1)} ms`);
}
if (flag('--verbose')) console.log(`  idle waits: ${idleWaits.map((x) => x.toFixed(0)).join(' ')}`);
console.log(`  slowest: ${sorted.slice(-5).map((x) => x.toFixed(0)).join(', ')} ms; workspace steps during the edits: ${(statsAfterEdits.folders[0]?.workspaceSteps ?? 0) - (statsAfterLoad.folders[0]?.workspaceSteps ?? 0)}`);
console.log(`  workspace step once the edits pause (Workspace.analyze: workspace rules, checklist): ${statsAfterPause.folders[0]?.lastWorkspaceStepMs} ms`);
const sb = [...bursts].sort((a, b) => a - b);
console.log(`  bursts: ${bursts.length} x 5 edits 3 ms apart: last edit -> its publish p50 ${sb[Math.floor(sb.length / 2)].toFixed(1)} ms, max ${sb.at(-1).toFixed(1)} ms; ${burstParses} analyses for ${bursts.length * 5} edits`);
console.log('\nmemory (server RSS)');
console.log(`  after the initial analysis: ${mib(statsAfterLoad.memory.rss)} (heap ${mib(statsAfterLoad.memory.heapUsed)})`);
console.log(`  after the edits:            ${mib(statsAfterEdits.memory.rss)} (heap ${mib(statsAfterEdits.memory.heapUsed)})`);
if (baseline) console.log(`  parse-only process RSS:     ${mib(baseline.rss)}`);
if (generated && !flag('--keep')) fs.rmSync(workspace, { recursive: true, force: true });
// Done: leave even if a child's pipe is still draining.
process.exit(0);
