/** Workspace facts, derived from cached per-file facts only (never from a re-parse). */
import ignore, { type Ignore } from 'ignore';
import type { FileKind } from '../parse';
import type { FileFacts, PackageManifest } from './fileFacts';
import { deriveRouteMap, moduleResolver, type UnusedGuard } from './routeMap';
import type { RouteInfo } from './routes';
import type { ModuleRef } from './routeBodies';

export type Framework = 'express' | 'fastify' | 'koa' | 'nestjs' | 'nextjs' | 'hono';
export type DataLayer = 'prisma' | 'typeorm' | 'sequelize' | 'drizzle' | 'mongoose' | 'knex' | 'pg' | 'mysql2' | 'sqlite' | 'supabase' | 'firebase';

const FRAMEWORK_DEPS: Record<string, Framework> = {
  express: 'express', fastify: 'fastify', koa: 'koa', '@nestjs/core': 'nestjs', next: 'nextjs', hono: 'hono',
};
const DATA_DEPS: Record<string, DataLayer> = {
  '@prisma/client': 'prisma', prisma: 'prisma', typeorm: 'typeorm', '@nestjs/typeorm': 'typeorm', sequelize: 'sequelize', 'sequelize-typescript': 'sequelize',
  'drizzle-orm': 'drizzle', mongoose: 'mongoose', '@nestjs/mongoose': 'mongoose', knex: 'knex', pg: 'pg', postgres: 'pg', mysql2: 'mysql2', mysql: 'mysql2',
  'better-sqlite3': 'sqlite', sqlite3: 'sqlite', '@supabase/supabase-js': 'supabase', 'firebase-admin': 'firebase',
};

export interface PackageInfo {
  /** Folder of the package relative to the root ('' for the root). */
  dir: string;
  manifestPath: string;
  manifest: PackageManifest;
  frameworks: Set<Framework>;
  dataLayers: Set<DataLayer>;
  /** Files of this package that start an HTTP server. */
  serverEntries: string[];
  /** Error trackers initialised in this package's code: file -> names. */
  errorTrackers: Array<{ file: string; name: string }>;
}

/** Packages whose imports define a schema in code: ORM entities and models, query-builder migrations, Drizzle tables. */
const SCHEMA_MODULES = /^(typeorm|sequelize|sequelize-typescript|@sequelize\/core|mongoose|@nestjs\/mongoose|knex|kysely|drizzle-orm|@mikro-orm\/core|objection)$/;

export interface WorkspaceFacts {
  packages: PackageInfo[];
  /** The innermost package containing a path. */
  packageOf(path: string): PackageInfo | undefined;
  /** CI configuration files. */
  ciFiles: string[];
  /** README files (root first). */
  readmes: string[];
  /** Env templates (.env.example, .env.sample...) and the keys they document. */
  envTemplates: string[];
  documentedEnv: Set<string>;
  /** Whether a path (or folder) is ignored by the workspace's .gitignore files. */
  gitIgnores(path: string): boolean;
  /** Files that define the database's schema: Prisma schemas, SQL files, and code that imports an ORM's schema API (entities, models, tables, migrations). */
  schemaFiles: number;
  /** Files git tracks, when the workspace is a git checkout (undefined otherwise). */
  gitTracked?: ReadonlySet<string>;
  /** Every HTTP route with what applies to it (facts/routes.ts documents the fields); derived on first read. */
  readonly routes: RouteInfo[];
  /** Role guards applied under a path no route of their router has (routeMap.ts UnusedGuard); derived with the routes. */
  readonly unusedGuards: UnusedGuard[];
  /** The workspace file a module specifier written in `from` names (relative, tsconfig paths, aliases, workspace packages), if any. */
  resolveModule(from: string, spec: string): string | undefined;
  /**
   * The function of a workspace module a reference written in `from` designates (`svc.createUser` of
   * `import * as svc from './user.service'`), following re-exports, default instances and class members: its file
   * and its local name there, the key of that file's `facts.routes.fns`.
   */
  resolveExport(from: string, ref: ModuleRef): { file: string; local: string } | undefined;
  /**
   * resolveExport for an exported function summarised by the route facts: also its key (`line:character` of where it
   * starts or is named, as requestInput's functionKeys gives it), to match facts rules recorded about it.
   */
  resolveFunction(from: string, ref: ModuleRef): { file: string; local: string; key: string } | undefined;
}

export interface FactsInput { kind: FileKind; facts: FileFacts }

function dirOf(path: string): string { const i = path.lastIndexOf('/'); return i < 0 ? '' : path.slice(0, i); }
function inDir(path: string, dir: string): boolean { return dir === '' || path === dir || path.startsWith(dir + '/'); }

export const CI_PATH = /^(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci\/config\.ya?ml|bitbucket-pipelines\.ya?ml|azure-pipelines\.ya?ml|Jenkinsfile|\.travis\.ya?ml|\.drone\.ya?ml|\.buildkite\/pipeline\.ya?ml|\.(gitea|forgejo)\/workflows\/[^/]+\.ya?ml|\.woodpecker\.ya?ml|\.woodpecker\/[^/]+\.ya?ml|\.semaphore\/semaphore\.ya?ml|\.?appveyor\.ya?ml|buildspec\.ya?ml|bitrise\.ya?ml|\.cirrus\.ya?ml|codefresh\.ya?ml)$/;

export function deriveWorkspaceFacts(files: ReadonlyMap<string, FactsInput>, gitTracked?: ReadonlySet<string>, allPaths?: Iterable<string>): WorkspaceFacts {
  const packages: PackageInfo[] = [];
  for (const [path, f] of files) {
    if (f.kind !== 'package-json' || !f.facts.manifest) continue;
    packages.push({ dir: dirOf(path), manifestPath: path, manifest: f.facts.manifest, frameworks: new Set(), dataLayers: new Set(), serverEntries: [], errorTrackers: [] });
  }
  packages.sort((a, b) => b.dir.length - a.dir.length); // innermost first
  const packageMemo = new Map<string, PackageInfo | undefined>();
  const packageOf = (path: string) => {
    let p = packageMemo.get(path);
    if (p === undefined && !packageMemo.has(path)) packageMemo.set(path, (p = packages.find((x) => inDir(path, x.dir))));
    return p;
  };
  for (const p of packages) {
    for (const d of [...p.manifest.dependencies, ...p.manifest.devDependencies]) {
      if (FRAMEWORK_DEPS[d]) p.frameworks.add(FRAMEWORK_DEPS[d]);
      if (DATA_DEPS[d]) p.dataLayers.add(DATA_DEPS[d]);
    }
  }
  const ciFiles: string[] = [];
  let schemaFiles = 0;
  const readmes: string[] = [];
  const envTemplates: string[] = [];
  const documentedEnv = new Set<string>();
  const ignores: Array<{ dir: string; ig: Ignore }> = [];
  for (const [path, f] of files) {
    if (CI_PATH.test(path)) ciFiles.push(path);
    if (f.kind === 'markdown' && /^readme\.(md|markdown|mdx)$/i.test(path.split('/').pop()!)) {
      readmes.push(path);
      for (const w of f.facts.words ?? []) documentedEnv.add(w);
    }
    if (f.kind === 'env' && /\.env\.(example|sample|template|dist|defaults)$/i.test(path)) {
      envTemplates.push(path);
      for (const k of f.facts.envKeys ?? []) documentedEnv.add(k);
      for (const k of f.facts.envCommentedKeys ?? []) documentedEnv.add(k);
    }
    if (f.kind === 'gitignore') ignores.push({ dir: dirOf(path), ig: ignore().add(f.facts.ignorePatterns ?? []) });
    if (f.kind === 'prisma' || f.kind === 'sql' || (f.kind === 'ts' && f.facts.imports?.some((i) => SCHEMA_MODULES.test(i)))) schemaFiles++;
    if (f.kind === 'ts' && !f.facts.isTest) {
      const pkg = packageOf(path);
      if (pkg) {
        if (f.facts.startsServer) pkg.serverEntries.push(path);
        for (const name of f.facts.errorTrackers ?? []) pkg.errorTrackers.push({ file: path, name });
      }
    }
  }
  if (allPaths) for (const p of allPaths) if (CI_PATH.test(p) && !ciFiles.includes(p)) ciFiles.push(p);
  readmes.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const p of packages) p.serverEntries.sort();
  const gitIgnores = (path: string) => ignores.some(({ dir, ig }) => inDir(path, dir) && ig.ignores(dir ? path.slice(dir.length + 1) : path));
  let routeMap: { routes: RouteInfo[]; unusedGuards: UnusedGuard[] } | undefined;
  let resolver: ReturnType<typeof moduleResolver> | undefined;
  return {
    packages, packageOf, ciFiles: ciFiles.sort(), readmes, envTemplates: envTemplates.sort(), documentedEnv, gitIgnores, gitTracked, schemaFiles,
    get routes() { return (routeMap ??= deriveRouteMap(files, packageOf)).routes; },
    get unusedGuards() { return (routeMap ??= deriveRouteMap(files, packageOf)).unusedGuards; },
    resolveModule: (from, spec) => (resolver ??= moduleResolver(files, packageOf)).resolveSpec(from, spec),
    resolveExport: (from, ref) => (resolver ??= moduleResolver(files, packageOf)).resolveExport(from, ref),
    resolveFunction: (from, ref) => {
      const t = (resolver ??= moduleResolver(files, packageOf)).resolveExport(from, ref);
      const range = t && files.get(t.file)?.facts.routes?.fns?.[t.local]?.range;
      return t && range ? { ...t, key: `${range.start.line}:${range.start.character}` } : undefined;
    },
  };
}
