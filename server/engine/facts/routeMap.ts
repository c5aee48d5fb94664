/**
 * The workspace route map, derived from cached per-file route facts (routes.ts) on demand: resolves imports
 * between workspace files, mounts routers under their prefixes, applies app/router/mount-level middleware in
 * statement order (Fastify hooks per encapsulation context), Nest global guards and pipes, Next.js file routes
 * and middleware.ts matchers, tRPC routers nested under their keys. Never parses.
 */
import type { Range } from '../types';
import type { FileKind } from '../parse';
import type { FileFacts } from './fileFacts';
import type { PackageInfo } from './workspaceFacts';
import type { TsconfigFacts } from './fileFacts';
import {
  joinPath, uniq, type Flag, type HandlerFact, type ModuleRef, type MwFact, type NextMiddlewareFact, type RouteEvent, type RouteFileFacts,
  type RouteFramework, type RouteInfo, type RouterFact, type RouterRef, type RouterTarget, type Summary, type NestMwTarget,
  type TrpcRouterFact, type NestRoute,
} from './routes';
import { authorizeOnlyName, refOfPath, type FallsThrough } from './routeBodies';
import { fastifyCliEntry } from './routeKinds';

interface Input { kind: FileKind; facts: FileFacts }
type Fw = NonNullable<RouterFact['framework']>;

const MW_FLAGS: readonly Flag[] = ['auth', 'role', 'validate', 'rate-limit', 'csrf', 'public'];
const TS_EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

interface Resolved { name: string; flags: Flag[]; auth?: string; role?: string; opaque?: boolean; fields?: 'open' | 'exact'; nest?: 'guard' | 'metadata'; fallsThrough?: FallsThrough; ignored?: string; readsMetadata?: boolean; readsClassMetadata?: boolean }
interface Applied { mw: Resolved; scope?: string[] | null; used?: boolean }

/**
 * A role guard applied under a path no route of its router has (`router.use('/admin', restrictTo('admin'))` on a
 * router whose routes are `/plans`, `/payments`): it guards nothing, and `routes` (those registered after it) go
 * unchecked.
 */
export interface UnusedGuard { file: string; range: Range; name: string; scope: string[]; routes: RouteInfo[] }

function dirOf(p: string): string { const i = p.lastIndexOf('/'); return i < 0 ? '' : p.slice(0, i); }
function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop(); else out.push(part);
  }
  return out.join('/');
}
function inDir(path: string, dir: string): boolean { return dir === '' || path.startsWith(dir + '/'); }

/** Does a use() scope cover a route path? true / false / undefined (cannot tell). */
function scopeMatches(scope: string[] | null | undefined, path: string | null): boolean | undefined {
  if (scope === undefined) return true;
  if (scope === null) return undefined;
  let unknown = false;
  for (const raw of scope) {
    const s = raw.replace(/\/?\*+$/, '').replace(/\/+$/, '');
    if (s === '' || s === '*') return true;
    if (/[*(?+]/.test(s)) { unknown = true; continue; }
    if (path === null) { unknown = true; continue; }
    if (path === s || path.startsWith(s + '/')) return true;
  }
  return unknown ? undefined : false;
}

/** A Next.js matcher (path-to-regexp style: `/dashboard/:path*`, `/((?!api|_next).*)`, `/admin(.*)`) as a RegExp. */
export function matcherRegExp(pattern: string): RegExp | undefined {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === ':') {
      const m = /^:([A-Za-z_]\w*)(\([^)]*\))?([*+?])?/.exec(pattern.slice(i));
      if (!m) return undefined;
      const slash = out.endsWith('/');
      if (slash) out = out.slice(0, -1);
      const seg = m[2] ? m[2] : '[^/]+';
      const mod = m[3];
      out += mod === '*' ? `(?:/${seg}(?:/${seg})*)?` : mod === '+' ? `(?:/${seg})+` : mod === '?' ? `(?:/${seg})?` : `${slash ? '/' : ''}${seg}`;
      i += m[0].length;
      continue;
    }
    if (c === '(') {
      let depth = 0; let j = i;
      for (; j < pattern.length; j++) { if (pattern[j] === '(') depth++; else if (pattern[j] === ')') { depth--; if (depth === 0) break; } }
      out += pattern.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '*') { out += '.*'; i++; continue; }
    if ('.+?^$|{}[]\\'.includes(c)) { out += c === '.' ? '\\.' : c === '?' ? '?' : `\\${c}`; i++; continue; }
    out += c; i++;
  }
  try { return new RegExp(`^${out}/?$`); } catch { return undefined; }
}

/** Whether a route path is matched by a Next.js matcher list (undefined: cannot tell). */
function matchesAny(patterns: readonly string[], path: string): boolean | undefined {
  const concrete = path.replace(/:(\w+)\*/g, 'x/y').replace(/:(\w+)/g, 'x');
  let unknown = false;
  for (const p of patterns) {
    const re = matcherRegExp(p);
    if (!re) { unknown = true; continue; }
    if (re.test(concrete) || re.test(path)) return true;
  }
  return unknown ? undefined : false;
}

/** `app/api/users/[id]/route.ts` -> '/api/users/:id'; undefined when the file is not routable. */
export function nextRoutePath(rel: string): { path: string; kind: 'app' | 'pages' } | undefined {
  const r = rel.replace(/^src\//, '');
  let segs: string[]; let kind: 'app' | 'pages';
  if (/^app\/(.+\/)?route\.[cm]?[jt]sx?$/.test(r)) { segs = r.split('/').slice(1, -1); kind = 'app'; }
  else if (/^pages\/api\/.+\.[cm]?[jt]sx?$/.test(r)) {
    segs = r.replace(/\.[cm]?[jt]sx?$/, '').split('/').slice(1);
    if (segs[segs.length - 1] === 'index') segs.pop();
    kind = 'pages';
  } else return undefined;
  const out: string[] = [];
  for (const s of segs) {
    if (/^\(.*\)$/.test(s) || s.startsWith('@')) continue;
    if (s.startsWith('_')) return undefined;
    const catchAll = /^\[\[?\.\.\.(\w+)\]\]?$/.exec(s);
    if (catchAll) { out.push(`:${catchAll[1]}*`); continue; }
    const dyn = /^\[(\w+)\]$/.exec(s);
    out.push(dyn ? `:${dyn[1]}` : s);
  }
  return { path: '/' + out.join('/'), kind };
}

/** The page folder a server action's module sits in under app/ ('/admin/courses'); undefined for a shared module (lib/, actions/). */
function actionPagePath(rel: string): string | undefined {
  const dir = dirOf(rel);
  return /^(src\/)?app(\/|$)/.test(dir) ? nextRoutePath(`${dir}/route.ts`)?.path : undefined;
}

export class RouteMap {
  private readonly rf = new Map<string, RouteFileFacts>();
  private readonly paths: Set<string>;
  private readonly routerKeys = new Map<string, { file: string; router: RouterFact }>();
  private readonly eventsByRouter = new Map<string, Array<{ file: string; ev: RouteEvent }>>();
  private readonly decorations = new Map<string, Map<string, Summary>>();
  private readonly out: RouteInfo[] = [];
  /** Role guards whose path scope no route matched (see UnusedGuard). */
  readonly unusedGuards: UnusedGuard[] = [];

  /** The workspace's packages by name: a monorepo's `@acme/auth` imported by name resolves into its folder. */
  private readonly packagesByName = new Map<string, { dir: string; entries: Record<string, string[]> }>();

  /** tsconfig.json / jsconfig.json facts by path: import aliases (`compilerOptions.paths`, `baseUrl`). */
  private readonly tsconfigs = new Map<string, TsconfigFacts>();

  constructor(files: ReadonlyMap<string, Input>, private readonly packageOf: (path: string) => PackageInfo | undefined) {
    this.paths = new Set(files.keys());
    for (const [path, f] of files) {
      if (f.facts.tsconfig) this.tsconfigs.set(path, f.facts.tsconfig);
      if (f.kind === 'ts' && f.facts.routes && !f.facts.isTest) this.rf.set(path, f.facts.routes);
      const m = f.kind === 'package-json' ? f.facts.manifest : undefined;
      if (m?.name && !this.packagesByName.has(m.name)) this.packagesByName.set(m.name, { dir: dirOf(path), entries: m.entries ?? {} });
      if (m) for (const script of Object.values(m.scripts)) { const entry = fastifyCliEntry(script); if (entry) this.cliEntries.push(normalize(`${dirOf(path)}/${entry}`)); }
    }
  }

  /** Files a package script starts with fastify-cli (`fastify start -l info app.js`), as written (maybe build output). */
  private readonly cliEntries: string[] = [];

  /** The source files of the apps fastify-cli starts: the plugin each exports is the app (fastify-cli registers it). */
  private fastifyCliApps(): Set<string> {
    const out = new Set<string>();
    for (const e of this.cliEntries) {
      const hit = this.probe(e) ?? this.probe(e.replace(/(^|\/)(dist|build|lib|out)\//, '$1src/'));
      if (hit) out.add(hit);
    }
    return out;
  }

  build(): RouteInfo[] {
    for (const [file, f] of this.rf) {
      for (const r of f.routers ?? []) this.routerKeys.set(`${file}#${r.id}`, { file, router: r });
      const pkg = this.pkgDir(file);
      for (const [k, s] of Object.entries(f.decorations ?? {})) {
        let m = this.decorations.get(pkg);
        if (!m) this.decorations.set(pkg, (m = new Map()));
        m.set(k, s);
      }
    }
    this.resolveFactories();
    for (const [file, f] of this.rf) {
      for (const ev of f.events ?? []) {
        const key = this.routerKey(file, ev.router);
        if (!key) continue;
        let list = this.eventsByRouter.get(key);
        if (!list) this.eventsByRouter.set(key, (list = []));
        list.push({ file, ev });
      }
    }
    for (const [key, list] of this.eventsByRouter) {
      const home = this.routerKeys.get(key)?.file;
      list.sort((a, b) => Number(a.file !== home) - Number(b.file !== home) || a.file.localeCompare(b.file) || a.ev.pos - b.ev.pos);
    }
    this.expressLike();
    this.nest();
    this.next();
    this.trpc();
    this.firebase();
    this.graphql();
    return this.out;
  }

  private pkgDir(file: string): string { return this.packageOf(file)?.dir ?? ''; }

  /** Routers made by the app's own factory, by key -> the router key the factory returns (its middleware applies first). */
  private readonly factoryOf = new Map<string, string>();

  /**
   * A router made by calling the app's function (`const app = createRouter()`) is the router that function returns:
   * it takes its framework and kind, and its middleware runs first. One whose function returns no router is no router.
   */
  private resolveFactories(): void {
    for (const [key, { file, router }] of [...this.routerKeys]) {
      const f = router.factory;
      if (!f) continue;
      let made: Array<{ key: string }> = [];
      if ('fn' in f) made = this.routersOfFn(file, f.fn);
      else {
        const t = this.refTarget(file, f.ref);
        if (t && t !== 'unresolved') made = this.routersOfFn(t.file, t.local);
      }
      // (an app instance is the router its function returns: that router's routes are served by this instance)
      const made0 = made[0] && made[0].key !== key ? this.routerKeys.get(made[0].key) : undefined;
      if (!made0) { this.routerKeys.delete(key); continue; }
      this.factoryOf.set(key, made[0].key);
      const kind = made0.router.kind === 'plugin' ? 'router' : made0.router.kind;
      this.routerKeys.set(key, { file, router: { ...router, framework: router.framework ?? made0.router.framework, kind } });
    }
  }

  /** A router's events: those of the router its factory returns first (its middleware, routes and mounts), then its own. */
  private eventsOf(key: string, depth = 0): Array<{ file: string; ev: RouteEvent }> {
    const own = this.eventsByRouter.get(key) ?? [];
    const made = depth < 4 ? this.factoryOf.get(key) : undefined;
    return made ? [...this.eventsOf(made, depth + 1), ...own] : own;
  }

  // ---- module resolution ----

  resolveSpec(from: string, spec: string): string | undefined {
    // The same specifiers are resolved from the same folders over and over (every route, every reference).
    const key = `${dirOf(from)}\0${spec}`;
    let hit = this.resolved.get(key);
    if (hit === undefined && !this.resolved.has(key)) this.resolved.set(key, (hit = this.resolveUncached(from, spec)));
    return hit;
  }
  /** resolveSpec's answers by folder and specifier: they depend on nothing else for one build of the map. */
  private readonly resolved = new Map<string, string | undefined>();

  private resolveUncached(from: string, spec: string): string | undefined {
    let bases: string[];
    if (spec.startsWith('.')) bases = [normalize(`${dirOf(from)}/${spec}`)];
    else if (spec.startsWith('/')) bases = [normalize(spec)];
    else if ((bases = this.aliasBases(from, spec)).length) { /* the nearest tsconfig's paths / baseUrl */ }
    else if (/^[@~#]\//.test(spec) || spec.startsWith('#')) {
      const rest = spec.replace(/^[@~#]\/?/, '');
      const pkg = this.pkgDir(from);
      bases = [normalize(`${pkg}/src/${rest}`), normalize(`${pkg}/${rest}`), normalize(`${pkg}/app/${rest}`)];
    } else if (spec.startsWith('src/')) bases = [normalize(`${this.pkgDir(from)}/${spec}`)];
    else return this.resolvePackage(spec);
    for (const base of bases) { const hit = this.probe(base); if (hit) return hit; }
    return undefined;
  }

  /**
   * Where the nearest tsconfig.json / jsconfig.json (following `extends`) maps a bare specifier: `compilerOptions.paths`
   * (the longest matching pattern, `*` substituted; relative to `baseUrl`, else to the config that sets them), then
   * `baseUrl` itself. Empty when no config maps it.
   */
  private aliasBases(from: string, spec: string): string[] {
    if (!this.tsconfigs.size) return [];
    let cfg: string | undefined;
    for (let dir = dirOf(from); ; dir = dirOf(dir)) {
      cfg = ['tsconfig.json', 'jsconfig.json'].map((n) => (dir ? `${dir}/${n}` : n)).find((p) => this.paths.has(p));
      if (cfg || !dir) break;
    }
    if (!cfg) return [];
    let paths: { map: Record<string, string[]>; dir: string } | undefined;
    let baseUrl: string | undefined;
    for (let c: string | undefined = cfg, i = 0; c && i < 4; i++) {
      const t = this.tsconfigs.get(c);
      if (!t) break;
      if (!paths && t.paths) paths = { map: t.paths, dir: dirOf(c) };
      if (baseUrl === undefined && t.baseUrl !== undefined) baseUrl = normalize(`${dirOf(c)}/${t.baseUrl}`);
      c = t.extends ? normalize(`${dirOf(c)}/${t.extends}`) : undefined;
      if (c && !c.endsWith('.json')) c += '.json';
    }
    const out: string[] = [];
    if (paths) {
      const base = baseUrl ?? paths.dir;
      let best: { len: number; targets: string[]; star: string } | undefined;
      for (const [pattern, targets] of Object.entries(paths.map)) {
        const star = pattern.indexOf('*');
        if (star < 0) { if (pattern === spec && (!best || pattern.length > best.len)) best = { len: pattern.length, targets, star: '' }; continue; }
        const pre = pattern.slice(0, star);
        const post = pattern.slice(star + 1);
        if (spec.length >= pre.length + post.length && spec.startsWith(pre) && spec.endsWith(post) && (!best || pre.length > best.len)) best = { len: pre.length, targets, star: spec.slice(pre.length, spec.length - post.length) };
      }
      for (const t of best?.targets ?? []) out.push(normalize(`${base}/${t.replace('*', best!.star)}`));
    }
    if (baseUrl !== undefined) out.push(normalize(`${baseUrl}/${spec}`));
    return out.filter((b) => this.probe(b));
  }

  /** The module file a path names: itself, with a TS/JS extension (a `.js` specifier may name a `.ts` file), or its index. */
  private probe(base: string): string | undefined {
    if (this.isModule(base)) return base;
    const stem = base.replace(/\.(m?js|cjs|jsx)$/, '');
    for (const e of TS_EXTS) if (this.isModule(stem + e)) return stem + e;
    for (const e of TS_EXTS) if (this.isModule(`${base}/index${e}`)) return `${base}/index${e}`;
    return undefined;
  }

  /**
   * A workspace package imported by name: `@acme/auth` or a subpath `@acme/auth/jwt`. The files its manifest names
   * (`exports`, `source`, `types`, `module`, `main`), taken back to sources (`dist/index.js` -> `src/index.ts`), then
   * `src/<subpath>` and `<subpath>` (index files for '.'). Undefined for packages that are not the workspace's.
   */
  private resolvePackage(spec: string): string | undefined {
    if (!this.packagesByName.size) return undefined;
    const parts = spec.split('/');
    const nameLen = spec.startsWith('@') ? 2 : 1;
    const pkg = this.packagesByName.get(parts.slice(0, nameLen).join('/'));
    if (!pkg) return undefined;
    const rest = parts.slice(nameLen).join('/');
    const named = pkg.entries[rest ? `./${rest}` : '.'] ?? [];
    const candidates: string[] = [];
    for (const c of named) {
      const p = normalize(c);
      candidates.push(p, p.replace(/^(dist|build|lib|out|esm|cjs)\//, 'src/'));
    }
    candidates.push(...(rest ? [`src/${rest}`, rest] : ['src/index', 'index']));
    for (const c of candidates) {
      const hit = this.probe(normalize(`${pkg.dir}/${c.replace(/\.d\.[cm]?ts$/, '')}`));
      if (hit) return hit;
    }
    return undefined;
  }

  /** A package binding of a route file (RouteFileFacts.bare) as a reference into a workspace package: `gate`, `auth.gate`, `requireRole('admin')`. */
  private bareRef(file: string, name: string | undefined): ModuleRef | undefined {
    const bare = name ? this.rf.get(file)?.bare : undefined;
    if (!bare) return undefined;
    const path = name!.replace(/\(.*$/s, '').split('.');
    const b = Object.prototype.hasOwnProperty.call(bare, path[0]) ? bare[path[0]] : undefined;
    if (!b || !this.resolveSpec(file, b.spec)) return undefined;
    return refOfPath(b.spec, b.name, path.slice(1));
  }

  private isModule(c: string): boolean {
    return this.rf.has(c) || (this.paths.has(c) && /\.[cm]?[jt]sx?$/.test(c));
  }

  /** The local name an export of a workspace module is bound to (following re-exports); `namespace` when it is a whole module. */
  private lookup(file: string, name: string, depth = 0): { file: string; local: string; namespace?: boolean } | undefined {
    const f = this.rf.get(file);
    if (!f || depth > 5) return undefined;
    const ex = f.exports ?? {};
    const local = name === '=' ? ex['='] ?? ex.default : name === 'default' ? ex.default ?? ex['='] : ex[name];
    if (local) return { file, local };
    for (const r of f.reexports ?? []) {
      if (r.as !== name && r.as !== '*') continue;
      const target = this.resolveSpec(file, r.spec);
      if (!target) continue;
      if (r.as === name && r.name === '=') return this.lookup(target, '=', depth + 1) ?? { file: target, local: '', namespace: true };
      const hit = this.lookup(target, r.as === '*' ? name : r.name, depth + 1);
      if (hit) return hit;
    }
    if (name === '=' && (Object.keys(ex).length || f.reexports?.length)) return { file, local: '', namespace: true };
    return undefined;
  }

  /** The function (or class, or value) of a workspace module a reference designates, by its local name there (the key of its `fns`). */
  exportTarget(from: string, ref: ModuleRef): { file: string; local: string } | undefined {
    const t = this.refTarget(from, ref);
    return t && t !== 'unresolved' ? t : undefined;
  }

  private refTarget(from: string, ref: ModuleRef): { file: string; local: string } | 'unresolved' | undefined {
    const file = this.resolveSpec(from, ref.spec);
    if (!file) return 'unresolved';
    const hit = this.lookup(file, ref.name);
    if (hit?.namespace) {
      if (!ref.member) return undefined;
      // segment by segment: a module's exports object, a module it re-exports whole, then a group of its functions
      const segs = ref.member.split('.');
      let cur: { file: string; local: string; namespace?: boolean } | undefined = hit;
      for (let i = 0; i < segs.length; i++) {
        if (!cur!.namespace) return { file: cur!.file, local: `${cur!.local}.${segs.slice(i).join('.')}` };
        cur = this.lookup(cur!.file, segs[i]);
        if (!cur) return undefined;
      }
      return cur && !cur.namespace ? cur : undefined;
    }
    if (hit && ref.member) {
      const inst = this.rf.get(hit.file)?.instances?.[hit.local];
      return { file: hit.file, local: `${inst ?? hit.local}.${ref.member}` };
    }
    if (!hit && ref.name !== '=' && ref.name !== 'default') {
      // `const Users = require('./users.controller'); router.get('/', Users.list)` where the module exports a class or an
      // instance whole (`module.exports = UsersController`): `list` is its member, not a named export
      const whole = this.lookup(file, '=');
      if (whole && !whole.namespace) {
        const f = this.rf.get(whole.file);
        const local = `${f?.instances?.[whole.local] ?? whole.local}.${ref.name}`;
        if (f?.fns?.[local]) return { file: whole.file, local };
      }
    }
    return hit;
  }

  /** What a function of another module does (following its own calls into other modules, two levels). */
  summaryOf(from: string, ref: ModuleRef, depth = 0): (Summary & { file: string; range?: import('../types').Range; local: string; metadata?: boolean }) | 'unresolved' | undefined {
    const t = this.refTarget(from, ref);
    if (!t || t === 'unresolved') return t;
    const fn = this.rf.get(t.file)?.fns?.[t.local];
    if (!fn) return undefined;
    const s: Summary & { file: string; range?: import('../types').Range; local: string; metadata?: boolean } = { flags: [...fn.flags], auth: fn.auth, role: fn.role, file: t.file, range: fn.range, local: t.local, enforces: fn.enforces };
    if (fn.guards) s.guards = true;
    if (fn.optionalAuth) s.optionalAuth = true;
    if (fn.readsMetadata) s.readsMetadata = true;
    if (fn.readsClassMetadata) s.readsClassMetadata = true;
    if (fn.openValidation) s.openValidation = true;
    if (fn.unchecked) s.unchecked = fn.unchecked;
    if (fn.fallsThrough) s.fallsThrough = { ...fn.fallsThrough, file: t.file };
    if (fn.metadata) s.metadata = true;
    if (depth < 2) for (const r of [...fn.refs ?? [], ...fn.pkgRefs ?? []]) {
      const inner = this.summaryOf(t.file, r, depth + 1);
      if (inner && inner !== 'unresolved') { for (const f of inner.flags) if (f !== 'public' && !s.flags.includes(f)) s.flags.push(f); s.auth ??= inner.auth; s.role ??= inner.role; if (inner.paths && !s.paths) s.paths = inner.paths; if (inner.enforces) s.enforces = true; }
    }
    if (fn.paths) s.paths = fn.paths;
    return s;
  }

  private routerKey(file: string, ref: RouterRef): string | undefined {
    if ('local' in ref) return `${file}#${ref.local}`;
    const t = this.refTarget(file, ref.ref);
    if (!t || t === 'unresolved') return undefined;
    const key = `${t.file}#${t.local}`;
    return this.routerKeys.has(key) ? key : undefined;
  }

  /** Router keys a mount target designates, with an extra path (autoload folders). */
  private targets(file: string, target: RouterTarget): Array<{ key: string; extra: string }> {
    if ('local' in target) { const k = `${file}#${target.local}`; return this.routerKeys.has(k) ? [{ key: k, extra: '' }] : []; }
    if ('list' in target) {
      // a const array of routers in another module (`export default [auth, tasks]`), mounted one by one
      const t = this.refTarget(file, target.list);
      if (!t || t === 'unresolved') return [];
      const els = this.rf.get(t.file)?.lists?.[t.local] ?? [];
      return els.filter((el) => !('list' in el)).flatMap((el) => this.targets(t.file, el));
    }
    if ('fn' in target) return this.routersOfFn(file, target.fn);
    if ('autoload' in target) {
      const out: Array<{ key: string; extra: string }> = [];
      const { dir, prefix } = target.autoload;
      for (const [f, facts] of this.rf) {
        if (!inDir(f, dir) || f.split('/').pop()!.startsWith('_')) continue;
        const local = facts.exports?.default ?? facts.exports?.['='];
        if (!local) continue;
        const sub = dirOf(f).slice(dir.length).replace(/^\//, '');
        for (const r of this.routersOfFn(f, local)) out.push({ key: r.key, extra: joinPath(prefix, sub) });
      }
      return out;
    }
    const t = this.refTarget(file, target.ref);
    if (!t || t === 'unresolved') return [];
    const direct = `${t.file}#${t.local}`;
    if (!target.call && this.routerKeys.has(direct)) return [{ key: direct, extra: '' }];
    return this.routersOfFn(t.file, t.local);
  }

  private routersOfFn(file: string, fn: string): Array<{ key: string; extra: string }> {
    return (this.rf.get(file)?.routers ?? []).filter((r) => r.fn === fn).map((r) => ({ key: `${file}#${r.id}`, extra: '' }));
  }

  private resolveMw(file: string, mw: MwFact): Resolved {
    const r: Resolved = { name: mw.name, flags: [...mw.flags], opaque: mw.opaque };
    if (mw.fallsThrough) r.fallsThrough = { ...mw.fallsThrough, file: mw.fallsThrough.file ?? file };
    if (mw.fields) r.fields = mw.fields;
    if (mw.nest) r.nest = mw.nest;
    if (mw.ignored) r.ignored = mw.ignored;
    if (r.flags.includes('auth')) r.auth = mw.name;
    if (r.flags.includes('role')) r.role = mw.name;
    const ref = mw.ref ?? this.bareRef(file, mw.name);
    if (ref) {
      const s = this.summaryOf(file, ref);
      if (s && s !== 'unresolved') {
        for (const f of s.flags) if (MW_FLAGS.includes(f) && !r.flags.includes(f)) { r.flags.push(f); if (f === 'auth') r.auth ??= mw.name; if (f === 'role') r.role ??= mw.name; }
        // `authorizeRequest` whose body only verifies the token: the body says what it checks
        if (authorizeOnlyName(mw.name) && !s.flags.includes('role')) { r.flags = r.flags.filter((f) => f !== 'role'); r.role = undefined; }
        // JWT middleware that lets token-less requests through guards nothing, even when named `jwt` or `auth`
        if (s.optionalAuth) { r.flags = r.flags.filter((f) => f !== 'auth'); r.auth = undefined; }
        // nor does one that answers 401 and lets the request go on (`next()` after `res.status(401)`)
        if (s.fallsThrough) {
          const kind: Flag = s.fallsThrough.status === 401 ? 'auth' : 'role';
          if (!s.flags.includes(kind)) { r.flags = r.flags.filter((f) => f !== kind); if (kind === 'auth') r.auth = undefined; else r.role = undefined; r.fallsThrough ??= s.fallsThrough; }
        }
        if (s.readsMetadata) r.readsMetadata = true;
        if (s.readsClassMetadata) r.readsClassMetadata = true;
        if (s.openValidation && !r.fields) r.fields = 'open';
        // A NestJS decorator of the workspace (`@Roles()`): a guard when it applies guards, else it only sets metadata.
        if (!mw.nest && mw.name.startsWith('@')) r.nest = s.guards && !s.metadata ? 'guard' : 'metadata';
        // A workspace package's middleware, read like a file of the app: no longer opaque.
        if (!mw.ref) r.opaque = false;
      }
    }
    if (mw.member) {
      const s = this.decorations.get(this.pkgDir(file))?.get(mw.member);
      if (s) for (const f of s.flags) if (MW_FLAGS.includes(f) && !r.flags.includes(f)) { r.flags.push(f); if (f === 'auth') r.auth ??= mw.name; if (f === 'role') r.role ??= mw.name; }
    }
    if (r.flags.includes('role') && !r.flags.includes('auth')) { r.flags.push('auth'); r.auth ??= mw.name; }
    if (mw.everyRole && r.flags.includes('role')) { r.flags = r.flags.filter((f) => f !== 'role'); r.role = undefined; }
    return r;
  }

  private resolveHandler(file: string, h: HandlerFact): { s: Summary; loc?: RouteInfo['handler']; opaque: boolean } {
    const s: Summary = { flags: [...h.flags], auth: h.auth, role: h.role };
    if (h.unchecked) s.unchecked = h.unchecked;
    if (h.fallsThrough) s.fallsThrough = { ...h.fallsThrough, file: h.fallsThrough.file ?? file };
    let loc: RouteInfo['handler'] = h.range ? { file, range: h.range, name: h.name } : undefined;
    let opaque = !!h.opaque;
    const ref = h.ref ?? (h.opaque ? this.bareRef(file, h.name) : undefined);
    if (ref) {
      const t = this.summaryOf(file, ref);
      if (t && t !== 'unresolved') {
        for (const f of t.flags) if (f !== 'public' && !s.flags.includes(f)) s.flags.push(f);
        s.auth ??= t.auth; s.role ??= t.role; s.unchecked ??= t.unchecked; s.fallsThrough ??= t.fallsThrough;
        if (t.range) loc = { file: t.file, range: t.range, name: h.name ?? t.local };
        if (!h.ref) opaque = false; // a workspace package's handler, read like a file of the app
      } else opaque = true;
    }
    for (const r of [...h.refs ?? [], ...h.pkgRefs ?? []]) {
      const t = this.summaryOf(file, r);
      if (t && t !== 'unresolved') { for (const f of t.flags) if (f !== 'public' && !s.flags.includes(f)) s.flags.push(f); s.auth ??= t.auth; s.role ??= t.role; }
    }
    return { s, loc, opaque };
  }

  private emit(base: Omit<RouteInfo, 'authGuarded' | 'authBy' | 'roleChecked' | 'roleBy' | 'public' | 'authFlow' | 'readsInput' | 'writesData' | 'dataRules' | 'validated' | 'rateLimited' | 'hasCsrf' | 'middleware' | 'optionalAuth' | 'authScopeOpaque' | 'validatedFieldsOnly' | 'rolesUnenforced' | 'classRolesUnread' | 'bodyServerOwned' | 'bodyEntity' | 'sessionUnchecked' | 'fallsThrough' | 'ignoredGuards'>, applied: Resolved[], handler: Summary, extra: { public?: boolean; optionalAuth?: boolean; authScopeOpaque?: boolean; rolesUnenforced?: string; classRolesUnread?: RouteInfo['classRolesUnread']; bodyServerOwned?: RouteInfo['bodyServerOwned']; bodyEntity?: RouteInfo['bodyEntity'] } = {}): void {
    const ignored = applied.filter((m) => m.ignored);
    if (ignored.length) applied = applied.filter((m) => !m.ignored);
    const has = (f: Flag) => applied.some((m) => m.flags.includes(f)) || handler.flags.includes(f);
    // a sign-in or sign-up whose only "check" is the 401 its service throws for bad credentials or a refused role checks no caller
    const signInOnly = handler.flags.includes('auth-flow') && handler.auth === 'a 401 response' && !handler.flags.includes('role');
    const authBy = uniq([...applied.filter((m) => m.flags.includes('auth')).map((m) => m.auth ?? m.name), ...((handler.flags.includes('auth') && !signInOnly) || handler.flags.includes('role') ? [handler.auth ?? handler.role ?? 'a check in the handler'] : [])]);
    const roleBy = uniq([...applied.filter((m) => m.flags.includes('role')).map((m) => m.role ?? m.name), ...(handler.flags.includes('role') ? [handler.role ?? 'a check in the handler'] : [])]);
    // Every field written out, in one order (a spread of `base` made V8 build each route slowly: ~20 µs apiece).
    const route: RouteInfo = {
      framework: base.framework, kind: base.kind, method: base.method, path: base.path, pathKnown: base.pathKnown,
      file: base.file, range: base.range, package: base.package, app: base.app,
      middleware: applied.map((m) => m.name),
      authGuarded: authBy.length > 0,
      authBy,
      roleChecked: roleBy.length > 0,
      roleBy,
      public: extra.public ?? false,
      authFlow: handler.flags.includes('auth-flow'),
      readsInput: handler.flags.includes('reads-input'),
      writesData: handler.flags.includes('writes-data'),
      dataRules: handler.flags.includes('data-rules'),
      validated: has('validate'),
      rateLimited: has('rate-limit'),
      hasCsrf: has('csrf'),
      opaque: base.opaque,
    };
    if (base.handler !== undefined) route.handler = base.handler;
    if (base.controller !== undefined) route.controller = base.controller;
    if (extra.optionalAuth) route.optionalAuth = true;
    if (extra.authScopeOpaque && base.opaque) route.authScopeOpaque = true;
    if (extra.rolesUnenforced && !route.roleChecked) route.rolesUnenforced = extra.rolesUnenforced;
    if (extra.classRolesUnread && !route.roleChecked) route.classRolesUnread = extra.classRolesUnread;
    if (extra.bodyServerOwned) route.bodyServerOwned = extra.bodyServerOwned;
    if (extra.bodyEntity) route.bodyEntity = extra.bodyEntity;
    if (handler.unchecked && !route.authGuarded) route.sessionUnchecked = handler.unchecked;
    const fell = [...applied.map((m) => m.fallsThrough), handler.fallsThrough].find((f) => f?.file && (f.status === 401 ? !route.authGuarded : !route.roleChecked));
    if (fell?.file) route.fallsThrough = { ...fell, file: fell.file };
    const ignoredGuards = ignored.filter((m) => m.flags.includes('auth') || m.flags.includes('role'));
    if (ignoredGuards.length && !route.authGuarded) route.ignoredGuards = { hook: ignoredGuards[0].ignored!, names: uniq(ignoredGuards.map((m) => m.name)) };
    if ((applied.some((m) => m.fields === 'open') || handler.openValidation) && !applied.some((m) => m.fields === 'exact')) route.validatedFieldsOnly = true;
    this.out.push(route);
  }

  // ---- Express, Fastify, Koa, Hono ----

  private expressLike(): void {
    const mounted = new Set<string>();
    for (const [key, list] of this.eventsByRouter) {
      void key;
      for (const { file, ev } of list) {
        if (ev.t === 'mount') for (const t of this.targets(file, ev.target)) mounted.add(t.key);
        if (ev.t === 'use') for (const a of ev.args) if (a.target) for (const t of this.targets(file, a.target)) mounted.add(t.key);
      }
    }
    // `export const api = onRequest(app)`: the app answers under the function's name
    const functionPrefix = new Map<string, string>();
    for (const [file, f] of this.rf) for (const fn of f.functions ?? []) {
      const key = fn.app && this.routerKey(file, fn.app);
      if (key) functionPrefix.set(key, `/${fn.name ?? '*'}`);
    }
    for (const made of this.factoryOf.values()) mounted.add(made);
    const roots = [...this.routerKeys.keys()].filter((k) => !mounted.has(k)).sort((a, b) => Number(this.routerKeys.get(a)!.router.kind !== 'app') - Number(this.routerKeys.get(b)!.router.kind !== 'app') || a.localeCompare(b));
    const visited = new Set<string>();
    const cliApps = this.fastifyCliApps();
    for (const root of roots) {
      const { file, router } = this.routerKeys.get(root)!;
      const fw = router.framework ?? this.packageFw(file);
      if (!fw) continue;
      const prefix = functionPrefix.get(root) ?? '';
      // a plugin is mounted somewhere unknown, unless it is the app fastify-cli starts
      const app = router.kind === 'app' || (router.kind === 'plugin' && fw === 'fastify' && cliApps.has(file));
      // an instance of the app's own factory (`const app = await buildApp()`) is configured where the factory builds it
      let appKey = root;
      for (let i = 0; i < 4 && this.factoryOf.has(appKey); i++) appKey = this.factoryOf.get(appKey)!;
      this.walk(root, prefix, [], { app: appKey, fw, opaque: !app, stack: new Set(), visited, prefixKnown: prefix !== '/*' });
    }
  }

  private packageFw(file: string): Fw | undefined {
    const fws = this.packageOf(file)?.frameworks;
    if (!fws) return undefined;
    return (['express', 'fastify', 'koa', 'hono'] as Fw[]).find((f) => fws.has(f));
  }

  private hooksOf(key: string, depth = 0): Applied[] {
    const out: Applied[] = [];
    if (depth > 6) return out;
    for (const { file, ev } of this.eventsOf(key)) {
      if (ev.t === 'use' && ev.hook) for (const a of ev.args) out.push({ mw: this.resolveMw(file, a.mw) });
      if (ev.t === 'mount' && ev.fp) for (const t of this.targets(file, ev.target)) out.push(...this.hooksOf(t.key, depth + 1));
    }
    return out;
  }

  private walk(key: string, parentPrefix: string, inherited: Applied[], ctx: { app: string; fw: Fw; opaque: boolean; stack: Set<string>; visited: Set<string>; prefixKnown: boolean }, sink?: Applied[]): void {
    if (ctx.stack.has(key) || ctx.stack.size > 16) return;
    const info = this.routerKeys.get(key);
    if (!info) return;
    const fw = info.router.framework ?? ctx.fw;
    const prefix = joinPath(parentPrefix, info.router.prefix ?? '');
    ctx.stack.add(key);
    ctx.visited.add(key);
    const active = sink ?? [...inherited];
    const scopedGuards: Array<{ entry: Applied; file: string; range: Range; start: number }> = [];
    const fastifyScope = fw === 'fastify';
    if (fastifyScope) active.push(...this.hooksOf(key));
    const child = (k: string, p: string | null, extraKnown: boolean, list: Applied[], inline?: boolean) => {
      const known = ctx.prefixKnown && p !== null && extraKnown;
      this.walk(k, p ?? joinPath(prefix, '*'), list, { ...ctx, fw, prefixKnown: known }, inline ? active : undefined);
    };
    for (const { file, ev } of this.eventsOf(key)) {
      if (ev.t === 'use') {
        if (ev.hook && fastifyScope) continue;
        const scope = ev.paths === undefined ? undefined : ev.paths === null ? null : ev.paths.map((p) => joinPath(prefix, p));
        for (const a of ev.args) {
          const ts = a.target ? this.targets(file, a.target) : [];
          if (ts.length) {
            for (const t of ts) {
              const p = ev.paths === null ? null : joinPath(joinPath(prefix, ev.paths?.[0] ?? ''), t.extra);
              child(t.key, p, true, [...active]);
            }
            continue;
          }
          const entry: Applied = { mw: this.resolveMw(file, a.mw), scope };
          active.push(entry);
          if (scope && scope.length && entry.mw.flags.includes('role')) scopedGuards.push({ entry, file, range: ev.range, start: this.out.length });
        }
      } else if (ev.t === 'mount') {
        const ts = this.targets(file, ev.target);
        for (const t of ts) {
          if (ev.inline) { child(t.key, prefix, true, active, true); continue; }
          const p = ev.paths === null || ev.paths === undefined ? (ev.paths === null ? null : prefix) : joinPath(joinPath(prefix, ev.fp ? '' : ev.paths[0] ?? ''), t.extra);
          child(t.key, p, true, [...active]);
        }
      } else if (ev.t === 'route') {
        let { methods, paths } = ev;
        const own: Resolved[] = [];
        if (ev.config) {
          // @hono/zod-openapi: the route config is another module's `createRoute({...})`
          const t = this.refTarget(file, ev.config);
          const c = t && t !== 'unresolved' ? this.rf.get(t.file)?.openapi?.[t.local] : undefined;
          if (!c) continue;
          ({ methods, paths } = c);
          own.push(...c.mw.map((m) => this.resolveMw((t as { file: string }).file, m)));
        }
        const { s, loc, opaque: hOpaque } = this.resolveHandler(file, ev.handler);
        own.push(...ev.mw.map((m) => this.resolveMw(file, m)));
        for (const raw of paths ?? [null]) {
          const full = raw === null ? null : joinPath(prefix, raw);
          const applied: Resolved[] = [];
          let opaque = ctx.opaque || hOpaque;
          for (const a of active) {
            const m = scopeMatches(a.scope, full);
            if (m !== false) a.used = true;
            if (m === true) { applied.push(a.mw); if (a.mw.opaque) opaque = true; }
            else if (m === undefined && (a.mw.flags.length || a.mw.opaque)) opaque = true;
          }
          applied.push(...own);
          if (own.some((m) => m.opaque)) opaque = true;
          for (const method of methods) {
            this.emit({
              framework: fw, kind: 'http', method, path: full ?? joinPath(prefix, '*'), pathKnown: full !== null && ctx.prefixKnown,
              file, range: ev.range, handler: loc, package: this.pkgDir(file), app: ctx.app, opaque,
            }, applied, s);
          }
        }
      }
    }
    for (const g of scopedGuards) {
      if (g.entry.used) continue;
      this.unusedGuards.push({ file: g.file, range: g.range, name: g.entry.mw.name, scope: g.entry.scope!, routes: this.out.slice(g.start) });
    }
    ctx.stack.delete(key);
  }

  // ---- NestJS ----

  private nest(): void {
    type Consumer = { file: string; mw: MwFact[]; routes: NestMwTarget[] | null; exclude: NestMwTarget[] | null };
    const globals = new Map<string, { guards: Array<{ file: string; mw: MwFact }>; validation: boolean; whitelist?: boolean; prefix?: string | null; consumers: Consumer[] }>();
    const g = (pkg: string) => { let x = globals.get(pkg); if (!x) globals.set(pkg, (x = { guards: [], validation: false, consumers: [] })); return x; };
    for (const [file, f] of this.rf) {
      const n = f.nest;
      if (!n) continue;
      const x = g(this.pkgDir(file));
      for (const mw of n.globalGuards ?? []) x.guards.push({ file, mw });
      if (n.globalValidation) x.validation = true;
      if (n.globalWhitelist !== undefined && x.whitelist !== true) x.whitelist = n.globalWhitelist;
      if (n.globalPrefix !== undefined) x.prefix = n.globalPrefix;
      for (const c of n.middleware ?? []) x.consumers.push({ file, ...c });
    }
    /** Does a forRoutes()/exclude() list name this route? undefined when it cannot be read. */
    const names = (list: NestMwTarget[] | null, controller: string, path: string, method: string): boolean | undefined => {
      if (list === null) return undefined;
      const p = path.replace(/^\/+/, '');
      return list.some((t) => {
        if (t.controller) return t.controller === controller;
        if (t.method && t.method !== method) return false;
        const tp = (t.path ?? '').replace(/^\/+|\/+$/g, '').replace(/\/?\(?\*\)?$|\(\.\*\)$/, '');
        return tp === '' || tp === '*' || p === tp || p.startsWith(tp + '/');
      });
    };
    for (const [file, f] of this.rf) {
      for (const c of f.nest?.controllers ?? []) {
        const pkg = this.pkgDir(file);
        const x = g(pkg);
        const global = x.guards.map((gd) => this.resolveMw(gd.file, gd.mw));
        // a guard whose code says nothing the scan recognises (`return req.currentUser`): what it checks is unknown
        const unknownGuard = (m: Resolved): Resolved => (m.nest === 'guard' && !m.flags.length && !m.opaque ? { ...m, opaque: true } : m);
        const cls = c.mw.map((m) => unknownGuard(this.resolveMw(file, m)));
        for (const r of c.routes) {
          let own = r.mw.map((m) => unknownGuard(this.resolveMw(file, m)));
          let onClass = cls;
          const isPublic = [...cls, ...own].some((m) => m.flags.includes('public'));
          const roleDecorated = [...cls, ...own].some((m) => m.flags.includes('role'));
          let globals = global.filter((m) => !(isPublic && (m.flags.includes('auth') || m.opaque))).map((m) => (m.flags.includes('role') && !roleDecorated ? { ...m, flags: m.flags.filter((fl) => fl !== 'role'), role: undefined } : m));
          // `@Roles('admin')` only sets metadata: it checks nothing unless a guard that can read it (a role guard, or one the scan cannot see) applies.
          let rolesUnenforced: string | undefined;
          const metadataRole = (m: Resolved) => m.nest === 'metadata' && m.flags.includes('role');
          // A guard that checks roles, one the scan cannot see, or one of unknown purpose (not a login or rate-limit guard) may read it.
          const mayRead = (m: Resolved) => m.flags.includes('role') || !!m.opaque || !m.flags.some((fl) => fl === 'auth' || fl === 'rate-limit');
          const guards = [...globals, ...[...cls, ...own].filter((m) => m.nest === 'guard')];
          if ([...cls, ...own].some(metadataRole) && !guards.some(mayRead) && ![...cls, ...own].some((m) => m.nest !== 'metadata' && (m.flags.includes('role') || m.opaque))) {
            rolesUnenforced = [...own, ...cls].find(metadataRole)!.name;
            const strip = (m: Resolved): Resolved => (metadataRole(m) ? { ...m, flags: m.flags.filter((fl) => fl !== 'role' && fl !== 'auth'), role: undefined, auth: undefined } : m);
            own = own.map(strip);
            onClass = cls.map(strip);
          }
          // `@Roles('admin')` on the controller only, and every role guard reads the method's metadata alone
          // (`reflector.get(ROLES_KEY, context.getHandler())`): the guard finds no roles and lets everyone through
          let classRolesUnread: RouteInfo['classRolesUnread'];
          if (!rolesUnenforced && cls.some(metadataRole) && !own.some(metadataRole)) {
            const readers = guards.filter((m) => m.readsMetadata && m.flags.includes('role'));
            if (readers.length && readers.every((m) => !m.readsClassMetadata) && !guards.some((m) => m.opaque && !m.readsMetadata)) {
              classRolesUnread = { decorator: cls.find(metadataRole)!.name, guard: readers[0].name };
              const strip = (m: Resolved): Resolved => (metadataRole(m) || (m.nest === 'guard' && m.readsMetadata && m.flags.includes('role')) ? { ...m, flags: m.flags.filter((fl) => fl !== 'role' && (fl !== 'auth' || m.nest === 'guard')), role: undefined, ...(metadataRole(m) ? { auth: undefined } : {}) } : m);
              own = own.map(strip);
              onClass = cls.map(strip);
              globals = globals.map(strip);
            }
          }
          // a role guard that takes its roles from `@Roles()` metadata lets a route without it through (`if (!required) return true`)
          if (![...cls, ...own].some(metadataRole)) {
            const unrolled = (m: Resolved): Resolved => (m.nest === 'guard' && m.readsMetadata && m.flags.includes('role') ? { ...m, flags: m.flags.filter((fl) => fl !== 'role'), role: undefined } : m);
            own = own.map(unrolled);
            onClass = onClass.map(unrolled);
          }
          const applied = [...globals, ...onClass, ...own];
          const { s, loc, opaque } = this.resolveHandler(file, r.handler);
          // an app-wide ValidationPipe checks DTO classes, not a field taken by name (`@Body('status') status: OrderStatus`)
          if (x.validation && !r.unvalidatedField) s.flags.push('validate');
          for (const cp of c.prefix ?? ['*']) {
            for (const mp of r.paths ?? ['*']) {
              // a GraphQL operation: served at /graphql (what module middleware sees), named by its operation
              const local = c.graphql ? 'graphql' : joinPath(cp, mp);
              const path = c.graphql ? joinPath('', mp) : joinPath(x.prefix ?? '', local);
              const consumed: Resolved[] = [];
              let consumerOpaque = false;
              for (const cm of x.consumers) {
                const hit = names(cm.routes, c.name, local, r.method);
                const out = names(cm.exclude, c.name, local, r.method);
                const mws = cm.mw.map((m) => this.resolveMw(cm.file, m));
                if (hit === true && out === false) consumed.push(...mws);
                else if ((hit === undefined || (hit && out === undefined)) && mws.some((m) => m.flags.length || m.opaque)) consumerOpaque = true;
              }
              this.emit({
                framework: 'nestjs', kind: c.graphql ? 'procedure' : 'http', method: r.method, path, pathKnown: c.graphql ? r.paths !== null : c.prefix !== null && r.paths !== null && x.prefix !== null,
                file, range: r.range, handler: loc, package: pkg, app: `${pkg}:nest`, opaque: opaque || consumerOpaque || [...applied, ...consumed].some((m) => m.opaque), controller: c.name,
              }, [...consumed, ...applied].map((m) => ({ ...m, flags: m.flags.filter((fl) => fl !== 'public') })), s, { public: isPublic, optionalAuth: r.optionalUser, rolesUnenforced, classRolesUnread, bodyServerOwned: this.dtoOf(file, r.body), bodyEntity: r.bodyWhitelist === true || (x.validation && x.whitelist !== false) ? undefined : this.entityOf(file, r.body) });
            }
          }
        }
      }
    }
  }

  /** The class a route's `@Body()` is typed with: its file and local name (declared there, or imported from the workspace). */
  private bodyClass(file: string, body: NestRoute['body']): { file: string; local: string } | undefined {
    if (!body) return undefined;
    const t = 'local' in body ? { file, local: body.local } : this.refTarget(file, body.ref);
    return t && t !== 'unresolved' ? t : undefined;
  }

  /** The ORM entity class a `@Body()` is typed with, if it is one. */
  private entityOf(file: string, body: NestRoute['body']): RouteInfo['bodyEntity'] {
    const t = this.bodyClass(file, body);
    return t && this.rf.get(t.file)?.entities?.includes(t.local) ? { entity: t.local, file: t.file } : undefined;
  }

  /** The server-owned fields of a route's `@Body()` DTO class, found in its file's facts. */
  private dtoOf(file: string, body: NestRoute['body']): RouteInfo['bodyServerOwned'] {
    const t = this.bodyClass(file, body);
    const fields = t && this.rf.get(t.file)?.dtos?.[t.local];
    return t && fields ? { dto: t.local, file: t.file, fields } : undefined;
  }

  // ---- Next.js ----

  private middlewareFor(pkg: string): { file: string; mw: NextMiddlewareFact; resolved: Resolved[]; protect?: NextMiddlewareFact['protect']; opaque: boolean } | undefined {
    for (const name of ['middleware', 'src/middleware', 'proxy', 'src/proxy']) {
      for (const ext of ['.ts', '.js', '.mjs', '.tsx']) {
        const file = pkg ? `${pkg}/${name}${ext}` : `${name}${ext}`;
        const mw = this.rf.get(file)?.next?.middleware;
        if (!mw) continue;
        const resolved = mw.mw.map((m) => {
          const r = this.resolveMw(file, m);
          if (!m.ref || m.flags.length) return r;
          const s = this.summaryOf(file, m.ref);
          const enforcing = m.enforcedHere || (s && s !== 'unresolved' && s.enforces);
          return enforcing ? r : { ...r, flags: r.flags.filter((f) => f !== 'auth' && f !== 'role') };
        });
        let protect = mw.protect;
        let opaque = !!mw.opaque;
        for (const m of mw.mw) {
          if (!m.ref) continue;
          const s = this.summaryOf(file, m.ref);
          if (s && s !== 'unresolved' && s.paths && (s.flags.includes('auth') || s.flags.includes('role'))) {
            if (s.paths.opaque) opaque = true; else protect ??= { only: s.paths.only?.map(prefixPattern), except: s.paths.except?.map(prefixPattern) };
          }
        }
        return { file, mw, resolved, protect, opaque };
      }
    }
    return undefined;
  }

  private next(): void {
    const mwCache = new Map<string, ReturnType<RouteMap['middlewareFor']> | null>();
    const mwOf = (pkg: string) => { if (!mwCache.has(pkg)) mwCache.set(pkg, this.middlewareFor(pkg) ?? null); return mwCache.get(pkg) ?? undefined; };
    for (const [file, f] of this.rf) {
      const n = f.next;
      if (!n || (!n.handlers && !n.actions)) continue;
      const pkgInfo = this.packageOf(file);
      if (pkgInfo && !pkgInfo.frameworks.has('nextjs')) continue;
      const pkg = pkgInfo?.dir ?? '';
      const mw = mwOf(pkg);
      const mwAuth = !!mw && mw.resolved.some((m) => m.flags.includes('auth'));
      const rel = pkg ? file.slice(pkg.length + 1) : file;
      const route = n.handlers ? nextRoutePath(rel) : undefined;
      for (const h of route ? n.handlers ?? [] : []) {
        const { s, loc, opaque: hOpaque } = this.resolveHandler(file, h.handler);
        const applied: Resolved[] = [];
        let opaque = false;
        if (mw) {
          const matched = mw.mw.matchers === undefined ? true : mw.mw.matchers === null ? undefined : matchesAny(mw.mw.matchers, route!.path);
          let covered = matched;
          if (covered && mw.protect?.only) covered = matchesAny(mw.protect.only, route!.path);
          else if (covered && mw.protect?.except) { const ex = matchesAny(mw.protect.except, route!.path); covered = ex === undefined ? undefined : !ex; }
          if (covered === true) {
            const mwName = /(^|\/)proxy\.[cm]?[jt]sx?$/.test(mw.file) ? 'proxy.ts' : 'middleware.ts';
            applied.push(...mw.resolved.map((m) => (m.flags.includes('auth') ? { ...m, auth: mwName } : m)));
            if (mw.opaque && mwAuth) opaque = true;
          } else if (covered === undefined && mwAuth) opaque = true;
          else if (matched === true) applied.push(...mw.resolved.filter((m) => !m.flags.includes('auth') && !m.flags.includes('role')));
          if (covered !== false && mw.opaque && mwAuth) opaque = true;
        }
        // `opaque` here: the middleware's reach is unknown; the handler's own opacity is another matter
        this.emit({
          framework: 'nextjs', kind: 'http', method: h.method, path: route!.path, pathKnown: true,
          file, range: h.range, handler: loc, package: pkg, app: `${pkg}:next`, opaque: opaque || hOpaque,
        }, applied, s, { authScopeOpaque: opaque && !hOpaque });
      }
      // A server action runs on the page that calls it, which the scan does not trace: middleware with a sign-in check may
      // cover it, unless its matcher is known and covers neither the action's page folder nor pages in general
      // (`matcher: ['/admin/:path*']` and an action in lib/): then the action is judged on its own checks.
      let mwReach = mwAuth;
      if (mw && mwAuth && n.actions) {
        const page = actionPagePath(rel) ?? '/any-page';
        let covered = mw.mw.matchers === undefined ? true : mw.mw.matchers === null ? undefined : matchesAny(mw.mw.matchers, page);
        if (covered && mw.protect?.only) covered = matchesAny(mw.protect.only, page);
        if (covered === false) mwReach = false;
      }
      for (const a of n.actions ?? []) {
        const { s, loc, opaque } = this.resolveHandler(file, a.handler);
        this.emit({
          framework: 'nextjs', kind: 'server-action', method: 'POST', path: '', pathKnown: false,
          file, range: a.range, handler: loc, package: pkg, app: `${pkg}:next`, opaque: opaque || mwReach,
        }, [], s, { authScopeOpaque: mwReach && !opaque });
      }
    }
  }

  // ---- GraphQL resolver maps ----

  /**
   * Operations of resolver maps, named by their field. With schema-level permissions (graphql-shield, graphql-middleware)
   * the checks live where the scan does not look: the operations are opaque.
   */
  private graphql(): void {
    for (const [file, f] of this.rf) {
      if (!f.graphql) continue;
      const pkg = this.packageOf(file);
      const deps = pkg ? [...pkg.manifest.dependencies, ...pkg.manifest.devDependencies] : [];
      const schemaLevel = deps.some((d) => /^(graphql-shield|graphql-middleware|@graphql-authz\/|graphql-auth-directives)/.test(d));
      for (const op of f.graphql) {
        const { s, loc, opaque } = this.resolveHandler(file, op.handler);
        this.emit({
          framework: 'graphql', kind: 'procedure', method: op.type === 'mutation' ? 'POST' : 'GET', path: `/${op.name}`, pathKnown: true,
          file, range: op.range, handler: loc, package: this.pkgDir(file), app: `${this.pkgDir(file)}:graphql`, opaque: opaque || schemaLevel,
        }, [], s);
      }
    }
  }

  // ---- Firebase Cloud Functions ----

  /** HTTPS functions: a callable is a POST to its name, a raw HTTP function answers any method there. */
  private firebase(): void {
    for (const [file, f] of this.rf) {
      for (const fn of f.functions ?? []) {
        if (fn.app) continue; // its app's routes stand for it (expressLike)
        const pkg = this.pkgDir(file);
        const { s, loc, opaque } = this.resolveHandler(file, fn.handler);
        this.emit({
          framework: 'firebase', kind: 'http', method: fn.type === 'call' ? 'POST' : 'ALL', path: `/${fn.name ?? '*'}`, pathKnown: fn.name !== undefined,
          file, range: fn.range, handler: loc, package: pkg, app: `${pkg}:firebase`, opaque,
        }, [], s);
      }
    }
  }

  // ---- tRPC ----

  /**
   * Procedures of tRPC routers, their paths the router keys from the root router down (`post.create`, as '/post/create').
   * A root is a router no other router nests; its keys start the path when it nests routers or is named like the app's
   * router (`appRouter`), else the path may miss a prefix (`pathKnown` false).
   */
  private trpc(): void {
    const routers = new Map<string, { file: string; r: TrpcRouterFact }>();
    for (const [file, f] of this.rf) f.trpc?.forEach((r, i) => routers.set(`${file}#${r.local ?? `@${i}`}`, { file, r }));
    if (!routers.size) return;
    const keyOf = (file: string, t: RouterRef): string | undefined => {
      if ('local' in t) return routers.has(`${file}#${t.local}`) ? `${file}#${t.local}` : undefined;
      const hit = this.refTarget(file, t.ref);
      return hit && hit !== 'unresolved' && routers.has(`${hit.file}#${hit.local}`) ? `${hit.file}#${hit.local}` : undefined;
    };
    const nested = new Map<string, Array<{ key: string; child: string }>>();
    const referenced = new Set<string>();
    for (const [k, { file, r }] of routers) {
      const list: Array<{ key: string; child: string }> = [];
      for (const c of r.children) {
        const child = keyOf(file, c.target);
        if (child && child !== k) { list.push({ key: c.key, child }); referenced.add(child); }
      }
      nested.set(k, list);
    }
    const walk = (k: string, prefix: string[], known: boolean, stack: Set<string>): void => {
      if (stack.has(k)) return;
      stack.add(k);
      const { file, r } = routers.get(k)!;
      const pkg = this.pkgDir(file);
      for (const p of r.procedures) {
        const path = [...prefix, ...p.key.split('.')].filter(Boolean);
        if (!path.length) continue;
        const applied = [p.base, ...p.mw].map((m) => this.resolveMw(file, m));
        if (p.validated) applied.push({ name: '.input()', flags: ['validate'] });
        const { s, loc, opaque } = this.resolveHandler(file, p.handler);
        this.emit({
          framework: 'trpc', kind: 'procedure', method: p.type === 'mutation' ? 'POST' : 'GET', path: `/${path.join('/')}`, pathKnown: known,
          file, range: p.range, handler: loc, package: pkg, app: `${pkg}:trpc`, opaque: opaque || applied.some((m) => m.opaque),
        }, applied, s);
      }
      for (const c of nested.get(k)!) walk(c.child, [...prefix, ...c.key.split('.')].filter(Boolean), known, stack);
      stack.delete(k);
    };
    // pieces of routers (a procedure or an object of them exported on its own) are served only where a router nests them
    for (const k of [...routers.keys()].filter((x) => !referenced.has(x) && !routers.get(x)!.r.part).sort()) {
      const { r } = routers.get(k)!;
      walk(k, [], nested.get(k)!.some((c) => c.key !== '') || /^(app|root|main|api|trpc)Router$/i.test(r.local ?? ''), new Set());
    }
  }
}

/** Pathname prefixes (`pathname.startsWith('/login')`) as matcher patterns. */
function prefixPattern(p: string): string {
  return `${p.replace(/\/+$/, '')}(.*)`;
}

let last: { keys: Array<unknown>; routes: RouteInfo[]; unusedGuards: UnusedGuard[] } | undefined;

/**
 * Derives the route map from per-file facts (see routes.ts for the fields). Per-file facts are cached by content,
 * so when no file's route facts or manifest changed since the last call (the usual keystroke), the last map is reused.
 */
export function deriveRoutes(files: ReadonlyMap<string, Input>, packageOf: (path: string) => PackageInfo | undefined): RouteInfo[] {
  return deriveRouteMap(files, packageOf).routes;
}

/** deriveRoutes, with the role guards no route matched (UnusedGuard). */
export function deriveRouteMap(files: ReadonlyMap<string, Input>, packageOf: (path: string) => PackageInfo | undefined): { routes: RouteInfo[]; unusedGuards: UnusedGuard[] } {
  const keys: unknown[] = [];
  for (const [path, f] of files) {
    if (f.facts.routes) keys.push(path, f.facts.routes, f.facts.isTest);
    else if (f.facts.manifest) keys.push(path, f.facts.manifest);
    else if (f.facts.tsconfig) keys.push(path, f.facts.tsconfig);
  }
  if (last && last.keys.length === keys.length && last.keys.every((k, i) => k === keys[i])) return last;
  const map = new RouteMap(files, packageOf);
  const routes = map.build();
  last = { keys, routes, unusedGuards: map.unusedGuards };
  return last;
}

/**
 * A module resolver over the workspace's files, the one the route map uses (relative paths, tsconfig `paths` and
 * `baseUrl`, the `@/` `~/` `src/` aliases, workspace packages by name): for workspace rules that follow an import.
 */
export function moduleResolver(files: ReadonlyMap<string, Input>, packageOf: (path: string) => PackageInfo | undefined): {
  resolveSpec(from: string, spec: string): string | undefined;
  resolveExport(from: string, ref: ModuleRef): { file: string; local: string } | undefined;
} {
  const map = new RouteMap(files, packageOf);
  return { resolveSpec: (from, spec) => map.resolveSpec(from, spec), resolveExport: (from, ref) => map.exportTarget(from, ref) };
}

export type { RouteInfo, RouteFramework };
