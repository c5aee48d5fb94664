#!/usr/bin/env node
// Times the engine's answer to a keystroke in one file, in process (no protocol, no debounce): single-character
// edits at varying lines, each followed by Workspace.analyzeFile(file, { deferFacts: true }) as the server does.
// Prints p50/p95/max; with BENCH_TIMING=N, the N costliest rules (ms per edit). bench:lsp measures the same over LSP.
// Usage: npm run bench:file [-- <workspace> <file>] [-- --edits 200]
// Without a workspace: the generated bench:lsp workspace (500 files) and its 1,000-line service.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildWorker } from './esbuild-ts.mjs';
import { generateLspWorkspace, BIG_FILE } from './gen-lsp-workspace.mjs';

const root = new URL('..', import.meta.url).pathname;
const worker = await buildWorker(root, 'bench-file-worker');

const argv = process.argv.slice(2);
const i = argv.indexOf('--edits');
const edits = i >= 0 ? argv[i + 1] : '200';
const positional = argv.filter((a, k) => !a.startsWith('--') && !(k > 0 && argv[k - 1] === '--edits'));
let [workspace, file] = positional;
let temp;
if (!workspace) { temp = workspace = generateLspWorkspace(500); file = BIG_FILE; }
else if (!file) { console.error('usage: npm run bench:file -- <workspace> <file>'); process.exit(2); }
const r = spawnSync(process.execPath, [worker, resolve(workspace), file, edits], { stdio: 'inherit' });
if (temp) rmSync(temp, { recursive: true, force: true });
process.exit(r.status ?? 1);
