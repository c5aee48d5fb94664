/**
 * Workspace discovery on disk: every file under a root that a rule reads, honouring nested .gitignore files,
 * default excludes and configured excludes. Unreadable folders, symlink loops and binary files are logged and skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { classify } from './parse';
import { MAX_FILE_BYTES } from './limits';
import type { EngineLog } from './types';

export const DEFAULT_EXCLUDES = ['node_modules', 'dist', 'build', '.next', 'coverage', 'vendor', '.git', '.turbo', '.vercel', 'out', '.cache'];

export interface DiscoverOptions {
  exclude?: string[];
  log?: (l: EngineLog) => void;
}

export interface DiscoveredFile { path: string; abs: string }

/** Lists the files to analyse, as '/'-separated paths relative to `root`. */
export function discover(root: string, opts: DiscoverOptions = {}): DiscoveredFile[] {
  const log = opts.log ?? (() => {});
  const excludeGlob = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : () => false;
  const out: DiscoveredFile[] = [];
  const seenDirs = new Set<string>();
  /** `real`: the folder's real path, when known (a folder reached by its own name under a real path); else resolved here. */
  const walk = (absDir: string, rel: string, ignores: Array<{ base: string; ig: Ignore }>, real?: string) => {
    if (real === undefined) {
      try { real = fs.realpathSync(absDir); } catch (e) { log({ level: 'warn', file: rel || '.', message: `skipped folder: ${(e as Error).message}` }); return; }
    }
    if (seenDirs.has(real)) { log({ level: 'warn', file: rel || '.', message: 'skipped folder: symlink loop or folder already visited' }); return; }
    seenDirs.add(real);
    let dirents: fs.Dirent[];
    try { dirents = fs.readdirSync(absDir, { withFileTypes: true }); } catch (e) {
      log({ level: 'warn', file: rel || '.', message: `skipped unreadable folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    const gi = dirents.find((d) => d.name === '.gitignore' && (d.isFile() || d.isSymbolicLink()));
    if (gi) {
      try {
        ignores = [...ignores, { base: rel, ig: ignore().add(fs.readFileSync(path.join(absDir, '.gitignore'), 'utf8')) }];
      } catch (e) { log({ level: 'warn', file: joinRel(rel, '.gitignore'), message: `unreadable: ${(e as Error).message}` }); }
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of dirents) {
      const childRel = joinRel(rel, d.name);
      const abs = path.join(absDir, d.name);
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        try { const st = fs.statSync(abs); isDir = st.isDirectory(); isFile = st.isFile(); } catch {
          log({ level: 'warn', file: childRel, message: 'skipped broken symlink' }); continue;
        }
      }
      if (isDir && DEFAULT_EXCLUDES.includes(d.name)) continue;
      if (excludeGlob(childRel) || (isDir && excludeGlob(childRel + '/'))) continue;
      if (isIgnored(ignores, childRel, isDir)) continue;
      // a folder that is not a symlink: its real path is its parent's plus its name (no system call per folder)
      if (isDir) walk(abs, childRel, ignores, d.isSymbolicLink() ? undefined : path.join(real, d.name));
      else if (isFile && classify(childRel)) out.push({ path: childRel, abs });
    }
  };
  walk(path.resolve(root), '', []);
  return out;
}

function joinRel(a: string, b: string): string { return a ? `${a}/${b}` : b; }

function isIgnored(ignores: Array<{ base: string; ig: Ignore }>, rel: string, isDir: boolean): boolean {
  for (const { base, ig } of ignores) {
    const sub = base ? rel.slice(base.length + 1) : rel;
    if (ig.ignores(isDir ? sub + '/' : sub)) return true;
  }
  return false;
}

/** Reads a discovered file as UTF-8 text; undefined (logged) when unreadable, too large or binary. */
export function readText(f: DiscoveredFile, log: (l: EngineLog) => void = () => {}): string | undefined {
  try {
    const st = fs.statSync(f.abs);
    // Rules only ask whether a lockfile exists: a large or binary one (bun.lockb) is kept, empty, so its presence counts.
    const lockfile = classify(f.path) === 'lockfile';
    if (lockfile && (st.size > MAX_FILE_BYTES || f.path.endsWith('.lockb'))) return '';
    if (st.size > MAX_FILE_BYTES) { log({ level: 'warn', file: f.path, message: `skipped: larger than ${MAX_FILE_BYTES} bytes` }); return undefined; }
    const buf = fs.readFileSync(f.abs);
    if (buf.subarray(0, 8000).includes(0)) { log({ level: 'warn', file: f.path, message: 'skipped: binary content' }); return undefined; }
    return buf.toString('utf8');
  } catch (e) {
    log({ level: 'warn', file: f.path, message: `skipped unreadable file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return undefined;
  }
}

/**
 * Files git tracks under root, or undefined outside a checkout. Only env files are asked for (that is what rules need):
 * `.env`, `.env.local`, and every template name isEnvTemplate knows (`.env.example`, `.env_example`, `.env-sample`,
 * `example.env`, `env.example`).
 */
export function gitTrackedEnvFiles(root: string): Set<string> | undefined {
  const r = spawnSync('git', ['ls-files', '-z', '--', '.env*', '**/.env*', '*.env', '**/*.env', 'env.*', '**/env.*'], { cwd: root, encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0 || r.error) return undefined;
  return new Set(r.stdout.split('\0').filter(Boolean));
}
