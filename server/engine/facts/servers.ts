/** Server packages as workspace rules see them: which packages serve HTTP, their entry files, their code files, and fix-text helpers. */
import type { FileKind } from '../parse';
import type { Position, TextEdit, WorkspaceRuleContext } from '../types';
import type { FileFacts } from './fileFacts';
import type { PackageInfo, WorkspaceFacts } from './workspaceFacts';
import type { Insertion } from './opsFacts';
import { jsonKeyRange } from '../jsonEdits';
import { START } from '../positions';

export const SERVER_DEPS = ['express', 'fastify', 'koa', '@nestjs/core', 'hono', 'next'];
export const ENTRY_NAMES = /^(main|server|index|app)\.[cm]?[jt]sx?$/;

export interface FileView { kind: FileKind; facts: FileFacts; text: string }
export interface PackageCode {
  pkg: PackageInfo;
  /** Non-test TS/JS files whose innermost package is this one. */
  code: Array<[string, FileView]>;
  /** Files that start an HTTP server (listen, NestFactory.create, serve), best entry first. */
  entries: string[];
  /** Runtime dependencies among the server frameworks. */
  serverDeps: string[];
}

export const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
export const joinPath = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
export const dirName = (p: string) => { const i = p.lastIndexOf('/'); return i < 0 ? '' : p.slice(0, i); };

/** Entry files ordered: conventional names (main, server, index, app) first, then the shallowest. */
export function orderEntries(entries: readonly string[]): string[] {
  return [...entries].sort((a, b) =>
    Number(!ENTRY_NAMES.test(baseName(a))) - Number(!ENTRY_NAMES.test(baseName(b))) || a.split('/').length - b.split('/').length || a.localeCompare(b));
}

/** Every package with its code files, entries and server dependencies (one pass over the files). */
export function packagesWithCode(ctx: Pick<WorkspaceRuleContext, 'facts' | 'files'>): PackageCode[] {
  const byPkg = new Map<PackageInfo, PackageCode>();
  for (const pkg of ctx.facts.packages) {
    byPkg.set(pkg, { pkg, code: [], entries: [], serverDeps: SERVER_DEPS.filter((d) => pkg.manifest.dependencies.includes(d)) });
  }
  for (const [path, view] of ctx.files) {
    if (view.kind !== 'ts' || view.facts.isTest) continue;
    const pkg = ctx.facts.packageOf(path);
    const entry = pkg && byPkg.get(pkg);
    if (!entry) continue;
    entry.code.push([path, view]);
    const listen = view.facts.ops?.listen;
    if (view.facts.startsServer || (listen && listen.kind !== 'unknown')) entry.entries.push(path);
  }
  for (const p of byPkg.values()) {
    p.code.sort((a, b) => a[0].localeCompare(b[0]));
    // `app.listen()` on an app imported from (or built by) another file: an entry when the package has an app or a server framework.
    const hasApp = p.serverDeps.length > 0 || p.code.some(([, v]) => v.facts.ops?.apps?.length);
    for (const [path, view] of p.code) {
      if (hasApp && view.facts.ops?.listen?.kind === 'unknown' && !p.entries.includes(path)) p.entries.push(path);
    }
    p.entries = orderEntries(p.entries);
  }
  return [...byPkg.values()].sort((a, b) => a.pkg.dir.localeCompare(b.pkg.dir));
}

/** A package that serves HTTP: it starts a server, or depends at run time on a server framework (a monorepo root's shared dependencies excepted). */
export function isServerPackage(p: PackageCode): boolean {
  if (p.entries.length) return true;
  if (!p.serverDeps.length) return false;
  return !(p.pkg.dir === '' && p.pkg.manifest.workspaces);
}

/** The packages of the workspace this package depends on (by name), for facts that live in a shared workspace package. */
export function workspaceDeps(p: PackageInfo, facts: WorkspaceFacts): PackageInfo[] {
  const byName = new Map(facts.packages.filter((x) => x.manifest.name).map((x) => [x.manifest.name!, x]));
  return [...p.manifest.dependencies, ...p.manifest.devDependencies].map((d) => byName.get(d)).filter((x): x is PackageInfo => !!x && x !== p);
}

/** How to name a package in a message. */
export function packageLabel(pkg: PackageInfo): string {
  return pkg.manifest.name ? `"${pkg.manifest.name}"` : pkg.dir ? pkg.dir : 'this server';
}

/** Where a workspace finding about a server package goes: the entry's start call, else the framework dependency in package.json. */
export function serverAnchor(p: PackageCode, files: ReadonlyMap<string, FileView>): { file: string; range: { start: Position; end: Position } } {
  const entry = p.entries[0];
  const view = entry ? files.get(entry) : undefined;
  const range = view?.facts.ops?.listen?.range ?? view?.facts.serverStart?.range;
  if (entry && range) return { file: entry, range };
  const text = files.get(p.pkg.manifestPath)?.text ?? '';
  const dep = p.serverDeps[0];
  return { file: p.pkg.manifestPath, range: (dep ? jsonKeyRange(text, ['dependencies', dep]) : undefined) ?? START };
}

/** Resolves a relative module specifier from a file to a workspace file (TS/JS extensions, index files, `.js` written for `.ts`). */
export function resolveRelative(from: string, spec: string, has: (p: string) => boolean): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const parts = dirName(from).split('/').filter(Boolean);
  for (const seg of spec.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') parts.pop(); else parts.push(seg);
  }
  const base = parts.join('/');
  const stem = base.replace(/\.[cm]?js$/, '');
  const candidates = [base, ...['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'].map((e) => stem + e), ...['ts', 'tsx', 'js', 'mjs'].map((e) => `${base}/index.${e}`)];
  return candidates.find(has);
}

export const isTypeScript = (path: string) => /\.[cm]?tsx?$/i.test(path);

/** Lines of a statement block to insert at an Insertion (after a statement's line): a blank line, then each line indented. */
export function insertAfter(file: string, ins: Insertion, lines: string[], eol: string, blankLine = true): TextEdit {
  const body = lines.map((l) => (l ? ins.indent + l : '')).join(eol);
  return { file, range: { start: ins.at, end: ins.at }, newText: `${eol}${blankLine ? eol : ''}${body}` };
}

/** Lines to insert before a statement (at its first character, which keeps the statement's indentation). */
export function insertBefore(file: string, ins: Insertion, lines: string[], eol: string): TextEdit {
  const body = lines.map((l, i) => (i === 0 ? l : l ? ins.indent + l : '')).join(eol);
  return { file, range: { start: ins.at, end: ins.at }, newText: `${body}${eol}${ins.indent}` };
}
