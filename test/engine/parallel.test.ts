/**
 * The analysis on worker threads (engine/parallel.ts, with the built worker dist/worker.js): on realistic
 * workspaces it gives exactly the single-thread result, and a worker that cannot start or dies costs nothing but a
 * log line (its files are analysed in the calling thread).
 */
import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadWorkspace } from '../../server/engine/load';
import { analyzeAll, defaultWorkers, workersFromEnv, type ParallelOptions } from '../../server/engine/parallel';
import type { EngineLog } from '../../server/engine/types';
import type { Workspace } from '../../server/engine/workspace';
import { RULES } from '../../rules';
import { REPO, realisticWorkspaces } from '../helpers/samples';
import { ensureBuilt } from '../helpers/cli';

const WORKER = path.join(REPO, 'dist', 'worker.js');
const today = () => '2026-06-01';
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

function resultOf(ws: Workspace) {
  const r = ws.analyze();
  return { findings: plain(r.findings), checklist: plain(r.checklist) };
}

/** Loads `root` and analyses it with `analyzeAll` (every file counts: minFiles 0), collecting the log. */
async function parallel(root: string, opts: ParallelOptions) {
  const logs: EngineLog[] = [];
  const ws = loadWorkspace(root, { rules: RULES, today, log: (l) => logs.push(l) });
  const errors: string[] = [];
  const stats = await analyzeAll(ws, (p) => { try { ws.analyzeFile(p); } catch (e) { errors.push(`${p}: ${String(e)}`); } }, { minFiles: 0, log: (l) => logs.push(l), ...opts });
  assert.deepEqual(errors, []);
  const parsesBefore = ws.stats.parses;
  const result = resultOf(ws);
  assert.equal(ws.stats.parses, parsesBefore, 'every file was analysed by analyzeAll');
  return { ws, stats, logs, result };
}

function freshResult(root: string) {
  return resultOf(loadWorkspace(root, { rules: RULES, today }));
}

/** A worker bundle that misbehaves: written to a temp folder. */
function badWorker(body: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pg-worker-')), 'worker.js');
  fs.writeFileSync(file, body);
  return file;
}

describe('analysis on worker threads', () => {
  before(() => ensureBuilt());

  // The apps with gaps (the hardened twins add little here: each case starts workers, a second or two).
  realisticWorkspaces(['gaps']).forEach((root, i) => {
    const workers = i === 0 ? 2 : 1;
    it(`gives the single-thread result: ${path.relative(REPO, root)} (${workers} worker${workers > 1 ? 's' : ''})`, async () => {
      const { stats, result } = await parallel(root, { workerScript: WORKER, workers });
      assert.equal(stats.workers, workers);
      assert.ok(stats.inWorkers > 0, 'the workers analysed files');
      assert.ok(stats.inWorkers <= stats.files);
      assert.deepEqual(result, freshResult(root));
    });
  });

  it('logs of the files a worker analysed reach the caller (a file that fails to parse)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-par-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"x","dependencies":{"express":"^4.0.0"}}\n');
      for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(dir, `f${i}.ts`), `export const a${i} = ${i};\n`);
      fs.writeFileSync(path.join(dir, 'broken.json'), '{"a": ');
      const { logs, stats } = await parallel(dir, { workerScript: WORKER, workers: 1 });
      assert.ok(stats.inWorkers > 0);
      assert.ok(logs.some((l) => l.file === 'broken.json' && /parse/.test(l.message)), JSON.stringify(logs));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const root = realisticWorkspaces(['gaps'])[0];

  it('without the worker bundle: one thread, said in the log', async () => {
    const { stats, logs, result } = await parallel(root, { workerScript: path.join(os.tmpdir(), 'no-such-worker.js'), workers: 1 });
    assert.deepEqual({ workers: stats.workers, inWorkers: stats.inWorkers }, { workers: 0, inWorkers: 0 });
    assert.ok(logs.some((l) => /worker bundle .* is missing/.test(l.message)));
    assert.deepEqual(result, freshResult(root));
  });

  it('a worker that fails to load: its files are analysed here, the result is the same', async () => {
    const { stats, logs, result } = await parallel(root, { workerScript: badWorker("throw new Error('broken bundle');\n"), workers: 1 });
    assert.equal(stats.inWorkers, 0);
    assert.ok(logs.some((l) => /an analysis worker stopped \(broken bundle\)/.test(l.message)), JSON.stringify(logs));
    assert.deepEqual(result, freshResult(root));
  });

  it('a worker that dies with batches in hand: they are given back', async () => {
    const script = badWorker("require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const { stats, logs, result } = await parallel(root, { workerScript: script, workers: 1 });
    assert.equal(stats.inWorkers, 0);
    assert.ok(logs.some((l) => /an analysis worker stopped \(exit code 3\)/.test(l.message)), JSON.stringify(logs));
    assert.deepEqual(result, freshResult(root));
  });

  it('a worker that answers with nothing: the files are analysed here', async () => {
    const script = badWorker("const { parentPort } = require('node:worker_threads');\nparentPort.on('message', (m) => parentPort.postMessage({ id: m.id, entries: [] }));\n");
    const { stats, result } = await parallel(root, { workerScript: script, workers: 1 });
    assert.equal(stats.inWorkers, 0);
    assert.deepEqual(result, freshResult(root));
  });

  it('an analysis of a text that changed meanwhile is not adopted', () => {
    const ws = loadWorkspace(root, { rules: RULES, today });
    const other = loadWorkspace(root, { rules: RULES, today });
    const rel = ws.paths().find((p) => p.endsWith('.ts'))!;
    other.analyzeFile(rel);
    const entries = other.snapshotAnalyses();
    ws.setFile(rel, `${ws.getText(rel)}\n// edited in the editor\n`);
    assert.equal(ws.needsAnalysis(rel), true);
    assert.equal(ws.adoptAnalyses(entries), 0);
    assert.equal(ws.needsAnalysis(rel), true, 'still to analyse');
    assert.ok(ws.unanalysed().some((f) => f.path === rel));
  });

  it('few files: no worker is started', async () => {
    const { stats } = await parallel(root, { workerScript: WORKER, workers: 1, minFiles: 100_000 });
    assert.equal(stats.workers, 0);
  });

  it('worker counts: the default by cores, PRODUCTION_GAP_WORKERS', () => {
    assert.deepEqual([1, 2, 3, 4, 8, 64].map((c) => defaultWorkers(c)), [0, 0, 0, 2, 3, 3]);
    assert.equal(workersFromEnv({ PRODUCTION_GAP_WORKERS: '0' }), 0);
    assert.equal(workersFromEnv({ PRODUCTION_GAP_WORKERS: ' 2 ' }), 2);
    assert.equal(workersFromEnv({ PRODUCTION_GAP_WORKERS: 'many' }), undefined);
    assert.equal(workersFromEnv({}), undefined);
  });
});
