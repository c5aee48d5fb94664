/** Loads a folder from disk into a Workspace: discovery, reading, git facts. Used by the CLI and the language server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover, gitTrackedEnvFiles, readText } from './discover';
import { Workspace, type WorkspaceOptions } from './workspace';

export interface LoadOptions extends WorkspaceOptions {
  /** Called every `progressEvery` files read. */
  onProgress?(done: number, total: number): void;
}

export function loadWorkspace(root: string, opts: LoadOptions): Workspace {
  const log = opts.log ?? (() => {});
  const ws = new Workspace(opts);
  const files = discover(root, { exclude: opts.config?.exclude, log });
  const tracked = gitTrackedEnvFiles(root);
  ws.setGitTracked(tracked);
  // A tracked .env is a finding even when .gitignore now covers it: make sure the rule sees it.
  const known = new Set(files.map((f) => f.path));
  for (const p of tracked ?? []) {
    const abs = path.join(root, p);
    if (!known.has(p) && fs.existsSync(abs)) files.push({ path: p, abs });
  }
  let done = 0;
  for (const f of files) {
    const text = readText(f, log);
    if (text !== undefined) ws.setFile(f.path, text);
    if (++done % 200 === 0) opts.onProgress?.(done, files.length);
  }
  opts.onProgress?.(files.length, files.length);
  return ws;
}
