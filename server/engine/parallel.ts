/**
 * The analysis of many files (a workspace's initial analysis, a CLI audit) on every core.
 *
 * The calling thread analyses files one at a time from the front of the list while worker threads (a bundle whose
 * entry calls `serveAnalyses`) take batches from the back. A worker sends its analyses back as data (the analysis
 * store's form: content hash and path, analysis) and the Workspace adopts them. An analysis is a pure function of a
 * file's path and text, so which thread ran it changes no result. A worker that cannot start, or dies, is logged
 * and its files go back to the calling thread; so does a file whose text changed while a worker had it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker, parentPort } from 'node:worker_threads';
import { Workspace, type FileAnalysis } from './workspace';
import type { EngineLog, Rule } from './types';

interface BatchRequest { id: number; files: Array<{ path: string; text: string }> }
interface BatchReply { id: number; entries: Array<[string, FileAnalysis]> }

/** A batch: about this much text or this many files, whichever comes first (some 50-100 ms of work). */
const BATCH_BYTES = 384 * 1024;
const BATCH_FILES = 64;
/** Batches a worker holds at once: the next is there when it finishes one. */
const IN_FLIGHT = 2;

export interface ParallelOptions {
  /** The worker bundle (its entry calls `serveAnalyses`). Without it, or when it is missing, every file is analysed in this thread. */
  workerScript?: string;
  /** Worker threads to start. Default: `defaultWorkers()`. */
  workers?: number;
  /** With fewer files to analyse than this, no worker is started (a worker spends some 0.3 s loading TypeScript). Default 200. */
  minFiles?: number;
  /** Called as files are analysed (here or in a worker). */
  onProgress?(done: number, total: number): void;
  /**
   * Awaited about every `sliceMs` of work in this thread (default: a setImmediate every 20 ms). It must let the
   * event loop run: worker replies are only received then.
   */
  pause?(): Promise<void>;
  sliceMs?: number;
  log?(l: EngineLog): void;
  /** The files to analyse, when the caller has already taken `ws.unanalysed()`. */
  work?: Array<{ path: string; text: string }>;
}

export interface ParallelStats {
  /** Files analysed in all. */
  files: number;
  /** Of which in worker threads. */
  inWorkers: number;
  /** Worker threads started. */
  workers: number;
}

/**
 * Workers started by default: none on up to 3 cores, else one per core beyond two (the calling thread works too,
 * and V8's garbage collector runs on a core of its own), at most 3. Measured on 2 vCPUs (`npm run bench:lsp` with
 * PRODUCTION_GAP_WORKERS=1): a worker there gives no speed-up at all (the collector already keeps the second core
 * busy) and costs about 230 MB while it runs.
 */
export function defaultWorkers(cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length): number {
  return cores < 4 ? 0 : Math.min(3, cores - 2);
}

/** The worker count asked for in PRODUCTION_GAP_WORKERS (a whole number; 0: analyse in one thread), if any. */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.PRODUCTION_GAP_WORKERS;
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
}

/**
 * Analyses every file of `ws` not analysed yet. `analyzeOne` analyses a file in this thread (the caller's own
 * error handling around `ws.analyzeFile`).
 */
export async function analyzeAll(ws: Workspace, analyzeOne: (path: string) => void, opts: ParallelOptions = {}): Promise<ParallelStats> {
  const work = opts.work ?? ws.unanalysed();
  const total = work.length;
  const log = opts.log ?? (() => {});
  const pause = opts.pause ?? (() => new Promise<void>((r) => setImmediate(r)));
  const sliceMs = opts.sliceMs ?? 20;
  let wanted = Math.max(0, opts.workers ?? defaultWorkers());
  if (total < (opts.minFiles ?? 200)) wanted = 0;
  if (wanted && (!opts.workerScript || !fs.existsSync(opts.workerScript))) {
    log({ level: 'info', message: `analysis in one thread: the worker bundle ${opts.workerScript ?? '(none given)'} is missing` });
    wanted = 0;
  }

  // work[front, back) is left to hand out; `retry` holds files given back by workers, for this thread.
  let front = 0;
  let back = work.length;
  const retry: string[] = [];
  let done = 0;
  let inWorkers = 0;
  let wake: (() => void) | undefined;
  const notify = () => { const w = wake; wake = undefined; w?.(); };

  interface Helper { worker: Worker; inflight: Map<number, string[]>; dead: boolean }
  const helpers: Helper[] = [];
  let nextId = 1;
  let stopping = false;

  const takeBatch = (): BatchRequest['files'] | undefined => {
    if (back <= front) return undefined;
    // Smaller batches near the end, so that no thread is left with a long tail.
    const maxFiles = Math.max(4, Math.min(BATCH_FILES, Math.ceil((back - front) / (4 * (helpers.length + 1)))));
    const files: BatchRequest['files'] = [];
    let bytes = 0;
    while (back > front && files.length < maxFiles && bytes < BATCH_BYTES) {
      const f = work[--back];
      files.push(f);
      bytes += f.text.length;
    }
    return files;
  };
  const feed = (h: Helper) => {
    while (!h.dead && h.inflight.size < IN_FLIGHT) {
      const files = takeBatch();
      if (!files) return;
      const id = nextId++;
      h.inflight.set(id, files.map((f) => f.path));
      h.worker.postMessage({ id, files } satisfies BatchRequest);
    }
  };
  const giveBack = (h: Helper) => {
    for (const paths of h.inflight.values()) retry.push(...paths);
    h.inflight.clear();
  };
  const fail = (h: Helper, why: string) => {
    if (h.dead) return;
    h.dead = true;
    if (!stopping) log({ level: 'warn', message: `an analysis worker stopped (${why}); its files are analysed in the main thread` });
    giveBack(h);
    void h.worker.terminate().catch(() => {});
    notify();
  };

  for (let i = 0; i < wanted; i++) {
    let worker: Worker;
    try {
      // Its own stdout and stderr: the language server's stdout is the protocol channel.
      worker = new Worker(opts.workerScript!, { stdout: true, stderr: true });
    } catch (e) {
      log({ level: 'warn', message: `an analysis worker could not start: ${e instanceof Error ? e.message : String(e)}` });
      break;
    }
    const h: Helper = { worker, inflight: new Map(), dead: false };
    helpers.push(h);
    worker.stdout.resume();
    worker.stderr.setEncoding('utf8').on('data', (d: string) => { if (d.trim()) log({ level: 'warn', message: `analysis worker: ${d.trim()}` }); });
    worker.on('message', (m: BatchReply) => {
      const paths = h.inflight.get(m.id);
      if (!paths || h.dead) return;
      h.inflight.delete(m.id);
      const taken = ws.adoptAnalyses(m.entries);
      // Not taken: the worker could not analyse it, or its text changed meanwhile (an editor opened it).
      if (taken < paths.length) for (const p of paths) if (ws.needsAnalysis(p)) retry.push(p);
      done += taken;
      inWorkers += taken;
      opts.onProgress?.(done, total);
      feed(h);
      notify();
    });
    worker.on('error', (e) => fail(h, e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => fail(h, `exit code ${code}`));
    feed(h);
  }

  try {
    let sliceStart = performance.now();
    for (;;) {
      const p = retry.pop() ?? (front < back ? work[front++].path : undefined);
      if (p !== undefined) {
        analyzeOne(p);
        done++;
        if (performance.now() - sliceStart > sliceMs) {
          opts.onProgress?.(done, total);
          await pause();
          sliceStart = performance.now();
        }
        continue;
      }
      if (!helpers.some((h) => h.inflight.size > 0)) break;
      await new Promise<void>((r) => { wake = r; });
    }
  } finally {
    stopping = true;
    await Promise.all(helpers.map((h) => { h.dead = true; return h.worker.terminate().catch(() => 0); }));
  }
  opts.onProgress?.(total, total);
  return { files: total, inWorkers, workers: helpers.length };
}

/** The worker thread's side: analyses each batch it is sent with `rules` and sends the analyses back. */
export function serveAnalyses(rules: readonly Rule[]): void {
  const port = parentPort;
  if (!port) throw new Error('serveAnalyses runs in a worker thread');
  port.on('message', (m: BatchRequest) => {
    // A Workspace per batch: nothing of one batch is kept for the next. No config: the caller chose the files.
    const ws = new Workspace({ rules });
    for (const f of m.files) {
      ws.setFile(f.path, f.text);
      // A file the engine cannot analyse is not sent back: the calling thread analyses it again and logs why.
      try { ws.analyzeFile(f.path); } catch { /* see above */ }
    }
    port.postMessage({ id: m.id, entries: ws.snapshotAnalyses() } satisfies BatchReply);
  });
}
