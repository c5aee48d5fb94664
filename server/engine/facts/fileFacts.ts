/** Per-file facts: small, serialisable summaries of one file, cached by content and aggregated into workspace facts. */
import { ts } from 'ts-morph';
import * as jsonc from 'jsonc-parser';
import { bareEnvKeys, commentedEnvKeys, isEnvTemplate, type ParsedFile, type MarkdownHeading } from '../parse';
import { span } from '../schema/prisma';
import type { Position, Range, TsVisitor } from '../types';
import { packageName, type FileImports } from '../ts/imports';
import { accessPath, calleeName, envVarName, isTestPath, propName, resolveCallee, unwrap } from '../ts/helpers';
import { constInitializer, findDeclaration } from '../ts/declarations';
import { afterImports } from '../ts/edits';
import { sqlSchemaFacts, type SqlSchemaFacts } from './sqlSchema';
import { deployFacts, type DeployFacts } from './deployFacts';
import { mergeVisitors, opsFactsVisitor, specFacts, type OpsFacts } from './opsFacts';
import { routeFileFacts, type RouteFileFacts } from './routes';

export interface EnvRead { name: string; range: Range }
export interface PackageManifest {
  name?: string;
  dependencies: string[];
  devDependencies: string[];
  scripts: Record<string, string>;
  enginesNode?: string;
  workspaces: boolean;
  /** The `packageManager` field (e.g. 'pnpm@9.1.0'). */
  packageManager?: string;
  /**
   * Where an import of this package leads, for a workspace package imported by name (`@acme/auth`, `@acme/auth/jwt`):
   * subpath ('.', './jwt') -> the files named by `exports` (every condition), then `source`, `types`, `module`, `main` for '.'.
   * Paths relative to the package folder, as written (often build output: the route map maps them back to sources).
   */
  entries?: Record<string, string[]>;
}

export interface FileFacts {
  /** Package names imported or required (TS/JS). */
  imports?: string[];
  envReads?: EnvRead[];
  /** This file starts an HTTP server (listen(), NestFactory.create, serve()...). */
  startsServer?: boolean;
  /** Error trackers initialised here (e.g. 'Sentry'). */
  errorTrackers?: string[];
  /**
   * Supabase clients the file creates: `service` with the service-role (or secret) key, which bypasses row level
   * security; `user` with the anon / publishable key or the signed-in user's session (@supabase/ssr, auth helpers).
   */
  supabaseClients?: Array<'service' | 'user'>;
  /** Set with startsServer: the first start call, where a top-level statement can go (after the imports, or before the first statement), and whether the file uses `import` syntax. */
  serverStart?: { range: Range; insert: Position; afterImports: boolean; esm: boolean };
  /** A test, fixture or mock file. */
  isTest?: boolean;
  manifest?: PackageManifest;
  envKeys?: string[];
  /** .env files: keys of commented-out assignments (`# REDIS_HOST=localhost`), documented optional settings in a template. */
  envCommentedKeys?: string[];
  headings?: MarkdownHeading[];
  words?: string[];
  ignorePatterns?: string[];
  /** SQL files: tables' columns, foreign keys, unique constraints and indexes. */
  sqlSchema?: SqlSchemaFacts;
  /** Deployment facts: CI commands and jobs, Dockerfile FROM/COPY, compose services, platform configs, Node version files, docs topics (facts/deployFacts.ts). */
  deploy?: DeployFacts;
  /** The file starts with a `'use client'` directive (React Server Components: browser code). */
  useClient?: boolean;
  /** Serialisable data a rule collects from this file for its own workspace pass (rule id -> data); written by that rule only. */
  ruleData?: Record<string, unknown>;
  /** Operational facts: logging, error/process/signal handlers, apps, listen call, health paths outside routes; API specs in YAML/JSON (facts/opsFacts.ts). */
  ops?: OpsFacts;
  /** TS/JS: routers, routes, mounts, middleware, Nest controllers, Next.js handlers, exported function summaries, for the route map (facts/routes.ts). */
  routes?: RouteFileFacts;
  /** tsconfig.json / jsconfig.json: what import specifiers resolve to (`compilerOptions.paths`, `baseUrl`), and the config it extends. */
  tsconfig?: TsconfigFacts;
}

export interface TsconfigFacts { baseUrl?: string; paths?: Record<string, string[]>; extends?: string }

/** compilerOptions.paths / baseUrl of a tsconfig.json or jsconfig.json (a JSON-with-comments tree). */
function tsconfigFacts(ast: jsonc.Node | undefined): TsconfigFacts | undefined {
  const v = ast ? jsonc.getNodeValue(ast) : undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const co = (v as { compilerOptions?: unknown }).compilerOptions;
  const out: TsconfigFacts = {};
  const ext = (v as { extends?: unknown }).extends;
  if (typeof ext === 'string' && ext.startsWith('.')) out.extends = ext;
  if (co && typeof co === 'object') {
    const { baseUrl, paths } = co as { baseUrl?: unknown; paths?: unknown };
    if (typeof baseUrl === 'string') out.baseUrl = baseUrl;
    if (paths && typeof paths === 'object' && !Array.isArray(paths)) {
      const p: Record<string, string[]> = {};
      for (const [k, t] of Object.entries(paths)) if (Array.isArray(t)) p[k] = t.filter((x): x is string => typeof x === 'string');
      if (Object.keys(p).length) out.paths = p;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** Error-tracker packages and the call that initialises each (module, member path). */
const TRACKER_INITS: Array<{ name: string; module: RegExp; path?: RegExp }> = [
  { name: 'Sentry', module: /^@sentry\//, path: /^(init|initWithoutDefaultIntegrations)$/ },
  { name: 'Bugsnag', module: /^@bugsnag\//, path: /^(start|init)$/ },
  { name: 'Rollbar', module: /^rollbar$/ },
  { name: 'Honeybadger', module: /^@honeybadger-io\//, path: /^configure$/ },
  { name: 'Datadog', module: /^dd-trace$/, path: /^init$/ },
  { name: 'New Relic', module: /^newrelic$/ },
  { name: 'Highlight', module: /^@highlight-run\//, path: /^(init|H\.init)$/ },
  { name: 'OpenTelemetry', module: /^@opentelemetry\/sdk-node$/, path: /^NodeSDK$/ },
  { name: 'Airbrake', module: /^@airbrake\//, path: /^Notifier$/ },
  { name: 'Raygun', module: /^raygun$/, path: /^Client$/ },
  { name: 'AppSignal', module: /^@appsignal\/nodejs$/, path: /^Appsignal$/ },
  { name: 'Sentry', module: /^@sentry\/cloudflare$/, path: /^(withSentry|sentryPagesPlugin)$/ },
  { name: 'Sentry', module: /^toucan-js$/, path: /^Toucan$/ },
  { name: 'Sentry', module: /^@ntegral\/nestjs-sentry$|^@travelerdev\/nestjs-sentry$/, path: /^SentryModule\.forRoot(Async)?$/ },
  { name: 'OpenTelemetry', module: /^@vercel\/otel$/, path: /^registerOTel$/ },
  { name: 'OpenTelemetry', module: /^@opentelemetry\/sdk-trace-node$/, path: /^NodeTracerProvider$/ },
  { name: 'Elastic APM', module: /^elastic-apm-node$/, path: /^start$/ },
];

const SERVER_MODULES = /^(express|fastify|koa|@nestjs\/core|hono|@hono\/node-server|http|https|node:http|node:https|restify|@hapi\/hapi)$/;

/** Which key a Supabase client is created with: the service role's (or a secret key) bypasses RLS; anything else acts as a user. */
function supabaseKeyKind(module: string, path: string, key: ts.Expression | undefined): 'service' | 'user' {
  if (module !== '@supabase/supabase-js' || path !== 'createClient' || !key) return 'user';
  let k = unwrap(key);
  // `const supabaseKey = process.env.SUPABASE_SERVICE_ROLE_KEY!`
  if (ts.isIdentifier(k)) { const d = findDeclaration(k); if (d && ts.isVariableDeclaration(d) && d.initializer) k = unwrap(d.initializer); }
  while (ts.isBinaryExpression(k) && (k.operatorToken.kind === ts.SyntaxKind.BarBarToken || k.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) k = unwrap(k.left);
  const text = envVarName(k) ?? (ts.isIdentifier(k) || ts.isPropertyAccessExpression(k) ? k.getText() : '');
  return /service|secret|admin/i.test(text) ? 'service' : 'user';
}

/** A visitor that collects TS facts during the shared walk. */
export function tsFactsVisitor(sf: ts.SourceFile, imports: FileImports, facts: FileFacts): TsVisitor {
  const lines = (n: ts.Node): Range => {
    const s = sf.getLineAndCharacterOfPosition(n.getStart(sf));
    const e = sf.getLineAndCharacterOfPosition(n.end);
    return { start: s, end: e };
  };
  facts.imports = [...new Set(imports.modules.map((m) => packageName(m.module)).filter((x): x is string => !!x))];
  facts.isTest = isTestPath(sf.fileName);
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) break;
    if (st.expression.text === 'use client') facts.useClient = true;
  }
  // New Relic and Datadog may be loaded for side effects only: `require('newrelic')` / `import 'dd-trace/init'`.
  for (const m of imports.modules) {
    if (m.module === 'newrelic') (facts.errorTrackers ??= []).push('New Relic');
    if (m.module === 'dd-trace/init') (facts.errorTrackers ??= []).push('Datadog');
    if (m.module === 'elastic-apm-node/start') (facts.errorTrackers ??= []).push('Elastic APM');
    if (/^@sentry\/[\w-]+\/preload$/.test(m.module)) (facts.errorTrackers ??= []).push('Sentry');
  }
  const importsServer = imports.modules.some((m) => SERVER_MODULES.test(m.module));
  const envVarLib = imports.modules.some((m) => m.module === 'env-var');
  const configReads = envVarLib || imports.modules.some((m) => m.module === '@nestjs/config');
  const onAccess = (n: ts.Node) => {
    const name = envVarName(n);
    // `process.env.NEXTAUTH_URL = process.env.NEXTAUTH_URL_LOCAL`, `delete process.env.X`: the code sets it, nobody reads it from outside
    const p = n.parent;
    if (p && ((ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) || ts.isDeleteExpression(p))) return;
    if (name) (facts.envReads ??= []).push({ name, range: lines(n) });
  };
  const onCall = (n: ts.Node) => {
    const call = n as ts.CallExpression | ts.NewExpression;
    const name = calleeName(call);
    // `this.configService.get<string>('JWT_SECRET')` (@nestjs/config), `env.get('PORT').required()` (env-var)
    if ((name === 'get' || name === 'getOrThrow') && configReads && call.arguments?.length && ts.isPropertyAccessExpression(call.expression)) {
      const recv = accessPath(call.expression.expression);
      const key = ts.isStringLiteralLike(call.arguments[0]) ? call.arguments[0].text : undefined;
      const last = recv?.[recv.length - 1] ?? '';
      if (key && /^[A-Z][A-Z0-9_]*[A-Z0-9]$/.test(key) && (/config/i.test(last) || (last === 'env' && envVarLib))) (facts.envReads ??= []).push({ name: key, range: lines(call.arguments[0]) });
    }
    // keys of a schema the environment is parsed with: `EnvSchema.parse(process.env)` (zod, valibot...),
    // `cleanEnv(process.env, { PORT: port() })` (envalid), `createEnv({ server: { DATABASE_URL: z.string() } })` (t3-env)
    const args = call.arguments ?? [];
    if (name && /^(parse|safeParse|parseAsync|safeParseAsync)$/.test(name) && args[0] && isProcessEnv(args[0]) && ts.isPropertyAccessExpression(call.expression)) envSchemaKeys(call.expression.expression);
    else if (name === 'cleanEnv' && args[0] && isProcessEnv(args[0]) && args[1]) envSchemaKeys(args[1]);
    else if (name === 'createEnv' && args[0]) {
      const o = unwrap(args[0]);
      if (ts.isObjectLiteralExpression(o)) for (const p of o.properties) if (ts.isPropertyAssignment(p) && /^(server|client|shared)$/.test(propName(p.name) ?? '')) envSchemaKeys(p.initializer);
    }
    // `app.listen(port)` on the app another module of the workspace builds (`import { createApp } from './app'`)
    if (name === 'listen' && (importsServer || listensOnImportedApp(call))) facts.startsServer = true;
    const callee = resolveCallee(call.expression, imports);
    if (callee) {
      const path = callee.path.join('.');
      if (callee.module === '@nestjs/core' && path === 'NestFactory.create') facts.startsServer = true;
      if (callee.module === '@hono/node-server' && path === 'serve') facts.startsServer = true;
      if (/^@supabase\//.test(callee.module) && /^create\w*Client$/.test(path)) (facts.supabaseClients ??= []).push(supabaseKeyKind(callee.module, path, args[1]));
      for (const t of TRACKER_INITS) {
        if (t.module.test(callee.module) && (!t.path || t.path.test(path))) (facts.errorTrackers ??= []).push(t.name);
      }
    } else if (name === 'init') {
      const p = accessPath(call.expression);
      if (p?.[0] === 'Sentry') (facts.errorTrackers ??= []).push('Sentry');
    }
    if (facts.startsServer && !facts.serverStart) facts.serverStart = serverStartOf(sf, imports, lines(call));
  };
  const listensOnImportedApp = (call: ts.CallExpression | ts.NewExpression): boolean => {
    if (!ts.isPropertyAccessExpression(call.expression) || !(call.arguments ?? []).length) return false;
    let root: ts.Expression = unwrap(call.expression.expression);
    if (ts.isCallExpression(root)) root = unwrap(root.expression);
    if (ts.isIdentifier(root)) {
      const b = imports.bindings.get(root.text);
      if (b) return /^(\.|@\/|~\/|#|src\/)/.test(b.module);
      // `const app = createApp()` / `const app = await buildApp()` with the factory imported from the workspace
      const d = findDeclaration(root);
      const init = d && ts.isVariableDeclaration(d) && d.initializer ? unwrap(d.initializer) : undefined;
      const made = init && (ts.isAwaitExpression(init) ? unwrap(init.expression) : init);
      const callee = made && ts.isCallExpression(made) && ts.isIdentifier(unwrap(made.expression)) ? imports.bindings.get((unwrap(made.expression) as ts.Identifier).text) : undefined;
      return !!callee && /^(\.|@\/|~\/|#|src\/)/.test(callee.module);
    }
    return false;
  };
  const isProcessEnv = (e: ts.Expression) => { const p = accessPath(unwrap(e)); return !!p && p.length === 2 && p[0] === 'process' && p[1] === 'env'; };
  /** The upper-case keys of the object literals a schema expression is built from (through consts and call chains): one read each. */
  const envSchemaKeys = (e: ts.Expression, depth = 0): void => {
    if (depth > 6) return;
    const u = unwrap(e);
    if (ts.isObjectLiteralExpression(u)) {
      for (const p of u.properties) {
        const key = p.name && propName(p.name);
        if (key && /^[A-Z][A-Z0-9_]*[A-Z0-9]$/.test(key)) (facts.envReads ??= []).push({ name: key, range: lines(p.name!) });
      }
    } else if (ts.isIdentifier(u)) {
      const init = constInitializer(u);
      if (init) envSchemaKeys(init, depth + 1);
    } else if (ts.isCallExpression(u)) {
      for (const a of u.arguments) if (ts.isObjectLiteralExpression(unwrap(a)) || ts.isIdentifier(unwrap(a))) envSchemaKeys(a, depth + 1);
      if (ts.isPropertyAccessExpression(u.expression)) envSchemaKeys(u.expression.expression, depth + 1);
    }
  };
  /** `const { JWT_SECRET, PORT = '3000' } = process.env` (or `import.meta.env`): one read per name. */
  const onBinding = (n: ts.Node) => {
    const decl = n.parent;
    if (!ts.isVariableDeclaration(decl) || decl.name !== n || !decl.initializer) return;
    const init = decl.initializer;
    const p = accessPath(init);
    const env = (p && p.length === 2 && p[0] === 'process' && p[1] === 'env') || (ts.isPropertyAccessExpression(init) && init.name.text === 'env' && ts.isMetaProperty(init.expression));
    if (!env) return;
    for (const el of (n as ts.ObjectBindingPattern).elements) {
      if (el.dotDotDotToken) continue;
      const key = el.propertyName ?? el.name;
      const name = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
      if (name) (facts.envReads ??= []).push({ name, range: lines(key) });
    }
  };
  const own: TsVisitor = {
    PropertyAccessExpression: onAccess,
    ElementAccessExpression: onAccess,
    ObjectBindingPattern: onBinding,
    CallExpression: onCall,
    NewExpression: onCall,
  };
  own.SourceFile = () => { const r = routeFileFacts(sf, imports); if (r) facts.routes = r; };
  return mergeVisitors(own, opsFactsVisitor(sf, imports, (facts.ops = {})));
}

function serverStartOf(sf: ts.SourceFile, imports: FileImports, range: Range): NonNullable<FileFacts['serverStart']> {
  const end = afterImports(sf);
  const first = sf.statements[0];
  const insert = sf.getLineAndCharacterOfPosition(end > 0 ? end : first ? first.getStart(sf) : 0);
  const esm = sf.statements.some(ts.isImportDeclaration) || (imports.modules.length === 0 && /\.(m?tsx?|mjs)$/i.test(sf.fileName));
  return { range, insert, afterImports: end > 0, esm };
}

function manifestFacts(root: jsonc.Node | undefined): PackageManifest {
  const v = (root ? jsonc.getNodeValue(root) : {}) as Record<string, unknown>;
  const obj = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
  const scripts: Record<string, string> = {};
  for (const [k, s] of Object.entries(obj(v.scripts))) if (typeof s === 'string') scripts[k] = s;
  return {
    name: typeof v.name === 'string' ? v.name : undefined,
    dependencies: [...Object.keys(obj(v.dependencies)), ...Object.keys(obj(v.peerDependencies)), ...Object.keys(obj(v.optionalDependencies))],
    devDependencies: Object.keys(obj(v.devDependencies)),
    scripts,
    enginesNode: typeof obj(v.engines).node === 'string' ? (obj(v.engines).node as string) : undefined,
    workspaces: !!v.workspaces,
    packageManager: typeof v.packageManager === 'string' ? v.packageManager : undefined,
    ...entriesOf(v),
  };
}

/** PackageManifest.entries: the string leaves of `exports` per subpath (conditions in the order written), then the legacy fields. */
function entriesOf(v: Record<string, unknown>): { entries?: Record<string, string[]> } {
  const out: Record<string, string[]> = {};
  const add = (sub: string, target: unknown, depth = 0): void => {
    if (typeof target === 'string') { if (!target.includes('*')) (out[sub] ??= []).includes(target) || out[sub].push(target); return; }
    if (Array.isArray(target)) { for (const t of target) add(sub, t, depth + 1); return; }
    if (target && typeof target === 'object' && depth < 4) for (const t of Object.values(target)) add(sub, t, depth + 1);
  };
  const exp = v.exports;
  if (typeof exp === 'string' || Array.isArray(exp)) add('.', exp);
  else if (exp && typeof exp === 'object') {
    const keys = Object.keys(exp);
    // Subpath keys start with '.'; otherwise the object is the conditions of '.' itself.
    if (keys.some((k) => k.startsWith('.'))) { for (const k of keys) if (k.startsWith('.') && !k.includes('*')) add(k, (exp as Record<string, unknown>)[k]); }
    else add('.', exp);
  }
  for (const f of ['source', 'types', 'typings', 'module', 'main']) add('.', v[f]);
  return Object.keys(out).length ? { entries: out } : {};
}

/** Facts of a non-TS file (TS facts come from the shared walk). */
export function otherFacts(file: ParsedFile): FileFacts {
  const facts = kindFacts(file);
  const deploy = deployFacts(file);
  if (deploy) facts.deploy = deploy;
  return facts;
}

function kindFacts(file: ParsedFile): FileFacts {
  switch (file.kind) {
    case 'package-json': return { manifest: manifestFacts(file.ast) };
    case 'env': {
      const commented = commentedEnvKeys(file.text);
      // a template may list bare names (`SECRETKEY` on its own line): dotenv reads nothing there, but it documents them
      const keys = file.ast.map((e) => e.key);
      if (isEnvTemplate(file.path)) for (const k of bareEnvKeys(file.text)) if (!keys.includes(k)) keys.push(k);
      return { envKeys: keys, ...(commented.length ? { envCommentedKeys: commented } : {}) };
    }
    case 'markdown': return { headings: file.ast.headings, words: [...file.ast.words].filter((w) => /^[A-Z][A-Z0-9_]{2,}$/.test(w)) };
    case 'gitignore':
    case 'dockerignore': return { ignorePatterns: file.ast.map((l) => l.pattern) };
    case 'sql': return { sqlSchema: sqlSchemaFacts(file) };
    case 'prisma': {
      // `url = env("DATABASE_URL")` in the datasource and generator blocks
      const envReads: EnvRead[] = [];
      for (const block of file.ast?.list ?? []) {
        if ((block.type !== 'datasource' && block.type !== 'generator') || !('assignments' in block)) continue;
        for (const a of block.assignments) {
          const v = a.type === 'assignment' ? a.value : undefined;
          if (!v || typeof v !== 'object' || !('type' in v) || v.type !== 'function' || v.name !== 'env') continue;
          const arg = typeof v.params?.[0] === 'string' ? v.params[0].replace(/^"|"$/g, '') : undefined;
          const at = span(a);
          if (arg && at) envReads.push({ name: arg, range: file.lines.range(at.start, at.end) });
        }
      }
      return envReads.length ? { envReads } : {};
    }
    default: {
      if (file.kind === 'json' && /(^|\/)(tsconfig|jsconfig)(\.[\w-]+)?\.json$/.test(file.path)) { const tsconfig = tsconfigFacts(file.ast); return tsconfig ? { tsconfig } : {}; }
      const ops = specFacts(file);
      return ops ? { ops } : {};
    }
  }
}
