/**
 * Operational facts of a TS/JS file, collected during the shared walk: how the code logs, which error handlers,
 * process and signal handlers it installs, the apps it creates and where it listens, and health-check paths it serves outside
 * the route map (routes.ts): mounted middleware and path comparisons.
 * Rules about a server's operability (logger, error handler, health check, shutdown...) read these from the cache.
 */
import { ts } from 'ts-morph';
import * as jsonc from 'jsonc-parser';
import * as YAML from 'yaml';
import type { ParsedFile } from '../parse';
import type { Position, Range, SyntaxKindName, TsVisitor } from '../types';
import { packageName, type FileImports } from '../ts/imports';
import { ConstTable, accessPath, asObject, calleeName, findProperty, isFalse, resolveCallee, stringValue, unwrap } from '../ts/helpers';
import { findDeclaration } from '../ts/values';
import { afterImports, quoteOf } from '../ts/edits';

export type AppFramework = 'express' | 'fastify' | 'koa' | 'hono';

/** A place a statement can be inserted: a position at the end of a line, and the indentation the new lines take. */
export interface Insertion { at: Position; indent: string }

export interface AppFact {
  framework: AppFramework;
  /** The variable holding the app, when the creation is assigned to one. */
  name?: string;
  /** The creation call (`express()`, `new Koa()`...). */
  range: Range;
  /** End of the creation statement: code placed here runs before any middleware or route is registered. */
  afterCreation?: Insertion;
  /** End of the last statement using the app before it is handed off (listen, export, return): where a final middleware goes. */
  afterSetup?: Insertion;
}

export interface ListenFact {
  /** The listen call (or `serve()` of @hono/node-server). */
  range: Range;
  /** What closes it: a Node HTTP server, a Fastify instance (`close()`), a Nest app (`enableShutdownHooks()`); 'unknown' when the receiver is imported. */
  kind: 'http' | 'fastify' | 'nest' | 'unknown';
  /** The receiver's name (`app` in `app.listen()`). */
  receiver?: string;
  /** The identifier holding the closable server or app, when there is one. */
  handle?: string;
  /** Start of the expression statement, where `const server = ` can capture an uncaptured listen result. */
  capture?: Position;
  /** Start of the statement holding the call, and the end of its last line; with its indentation. */
  before?: Insertion;
  after?: Insertion;
}

export interface OpsFacts {
  /** console.log/info/warn/error/debug/trace calls. */
  consoleCalls?: number;
  /** Structured loggers this file uses: package names ('pino', 'winston'...), 'Nest Logger', 'Fastify logger'. */
  loggers?: string[];
  /** Events given to process.on/once (and winston's handleExceptions/handleRejections): 'uncaughtException', 'unhandledRejection', 'SIGTERM', 'SIGINT'... */
  processEvents?: string[];
  /** Nest `app.enableShutdownHooks()`. */
  shutdownHooks?: boolean;
  /** A SIGTERM/SIGINT handler that calls `process.exit()` right after `server.close()` (not in its callback): the requests in flight are cut anyway. */
  exitAfterClose?: { range: Range; close: string };
  /** Graceful-shutdown libraries (SHUTDOWN_LIBS) put to use here: a binding of theirs called, constructed or passed on (`app.register(plugin)`); an import alone does not count. */
  shutdownLibs?: string[];
  apps?: AppFact[];
  /** Error handlers installed here: 'four-arg' (Express error middleware), 'try-next' (a middleware catching around `next()`), 'named' (middleware named like an error handler, e.g. `app.use(errorHandler())`), 'fastify' (setErrorHandler), 'koa-onerror', 'koa-listener' (app.on('error')), 'hono' (onError). */
  errorHandlers?: string[];
  /** Middleware given to `.use()` that is imported from a workspace file, for the workspace to check it: module specifier and export name. */
  middlewareImports?: Array<{ module: string; name: string }>;
  /** Exported error-handling middleware (4 parameters, or try/catch around next()): export names ('default' for the default export). */
  errorHandlerExports?: string[];
  listen?: ListenFact;
  /** Health-check paths served outside routes: `app.use('/health', ...)`, `if (req.url === '/healthz')`. */
  healthRoutes?: string[];
  /** The file starts with 'use server' (Next.js server actions). */
  useServer?: boolean;
  /** Names already used in the file among those a fix would introduce, and 'logger' when a module-level logger is bound (set in files with an app or a listen call). */
  taken?: string[];
  /** Where an import statement can be appended (end of the last import) and the file's quote character. */
  importAt?: Position;
  quote?: string;
  /** YAML/JSON: an OpenAPI or Swagger document (a top-level `openapi:` / `swagger:` key). */
  apiSpec?: boolean;
  /**
   * Same-origin API paths this file requests (`fetch('/api/users/count')`, `axios.get(\`/api/users/${id}\`)`, `useSWR('/api/me')`),
   * a value hole written as `*`, the query left out: the app's own pages calling its own route handlers.
   */
  ownApiCalls?: string[];
  /** Set when collecting these facts failed on this file (the facts are then partial). */
  error?: string;
}

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);
const PROCESS_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const PROCESS_EVENTS = /^(uncaughtException|uncaughtExceptionMonitor|unhandledRejection|SIGTERM|SIGINT|SIGHUP|SIGQUIT|SIGUSR2)$/;
/** Logging libraries that write leveled, machine-readable (JSON or key/value) records. */
export const STRUCTURED_LOGGERS = /^(pino|pino-http|pino-pretty|express-pino-logger|koa-pino-logger|hono-pino|nestjs-pino|pino-nestjs|winston|express-winston|nest-winston|winston-[\w-]+|bunyan|log4js|roarr|tslog|consola|@logtape\/logtape|@google-cloud\/logging(-winston|-bunyan)?|@aws-lambda-powertools\/logger|next-logger|next-axiom|@axiomhq\/[\w-]+|@logtail\/[\w-]+|@opentelemetry\/api-logs|lambda-log)$/;
/**
 * A health / readiness / liveness path: `/health`, `/api/healthz`, `/v1/ready`, `/health/live`, `/_health`...; under any
 * prefix when its last word can only mean a health check (`/api/redis-checks/health`, `/internal/db/healthz`).
 */
export const HEALTH_PATH = /^\/?((api|internal|_?system|monitoring|ops|v\d+)\/)*(\.well-known\/)?_?(health|healthz|healthcheck|health-check|health_check|ready|readyz|readiness|live|livez|liveness|alive|ping|status|heartbeat)(\/(live|livez|liveness|ready|readyz|readiness|startup|check))?\/?$|\/(health|healthz|healthcheck|health-check|health_check|readyz|livez|readiness|liveness)\/?$/i;
const ERROR_WORDS = new Set(['err', 'errs', 'error', 'errors', 'exception', 'exceptions', 'failure', 'failures', 'fault', 'faults', 'onerror']);
/** A name that says the value handles errors (`errorHandler`, `handleErrors`, `onError`, `exceptionMiddleware`), by camelCase word: not `transferRouter`. */
const isErrorName = (name: string) => name.split(/(?=[A-Z][a-z])|[^A-Za-z]+/).some((w) => ERROR_WORDS.has(w.toLowerCase()));
const SERVER_MODULES = /^(express|fastify|koa|@nestjs\/core|hono|@hono\/node-server|http|https|node:http|node:https|restify|@hapi\/hapi|polka|micro)$/;
/** Names fixes may introduce; the facts record which are already bound. */
const FIX_NAMES = new Set(['errorHandler', 'handleError', 'server', 'httpServer', 'ErrorRequestHandler', 'FastifyError']);

/** Calls that request a URL given as their first argument (fetch, axios and its methods, SWR / React Query keys, ky, ofetch). */
const HTTP_CALLS = new Set(['fetch', 'axios', 'get', 'post', 'put', 'patch', 'delete', 'useSWR', 'useSWRImmutable', 'useSWRMutation', '$fetch', 'ofetch', 'ky']);

/** `'/api/users/count'`, `` `/api/users/${id}?x=1` `` -> '/api/users/count', '/api/users/*': a same-origin API path, if the argument is one. */
function ownApiPath(arg: ts.Expression): string | undefined {
  const u = unwrap(arg);
  let text: string | undefined;
  if (ts.isStringLiteralLike(u)) text = u.text;
  else if (ts.isTemplateExpression(u)) text = u.head.text + u.templateSpans.map((s) => `*${s.literal.text}`).join('');
  if (!text || !text.startsWith('/api/')) return undefined;
  return text.replace(/[?#].*$/, '').replace(/\/+$/, '') || undefined;
}

type Fn = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration;
const isFn = (n: ts.Node | undefined): n is ts.ArrowFunction | ts.FunctionExpression => !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n));

/** The string values an expression may take: literals, consts, array literals, loop variables over arrays (`for (const s of ['SIGINT', 'SIGTERM'])`). */
export function stringsOf(e: ts.Expression | undefined, depth = 0): string[] {
  if (!e || depth > 4) return [];
  e = unwrap(e);
  if (ts.isStringLiteralLike(e)) return [e.text];
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => stringsOf(x, depth + 1));
  if (ts.isIdentifier(e)) {
    const d = findDeclaration(e);
    if (!d) return [];
    if (ts.isVariableDeclaration(d)) {
      const loop = d.parent?.parent;
      if (loop && ts.isForOfStatement(loop) && loop.initializer === d.parent) return stringsOf(loop.expression, depth + 1);
      return stringsOf(d.initializer, depth + 1);
    }
    if (ts.isParameter(d) && d.parent.parameters[0] === d && isFn(d.parent)) {
      const call = d.parent.parent;
      if (ts.isCallExpression(call) && call.arguments[0] === d.parent && ts.isPropertyAccessExpression(call.expression) && /^(forEach|map)$/.test(call.expression.name.text)) {
        return stringsOf(call.expression.expression, depth + 1);
      }
    }
  }
  return [];
}

function paramCount(fn: Fn): number {
  return fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this')).length;
}

/** A Koa-style error middleware: `async (ctx, next) => { try { await next(); } catch (err) { ... } }`. */
function isTryNextMiddleware(fn: Fn): boolean {
  const next = fn.parameters[1];
  if (!next || !ts.isIdentifier(next.name) || !fn.body || !ts.isBlock(fn.body)) return false;
  const name = next.name.text;
  let found = false;
  const callsNext = (n: ts.Node): boolean => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) return true;
    return !!ts.forEachChild(n, callsNext);
  };
  const visit = (n: ts.Node): void => {
    if (found || (ts.isFunctionLike(n) && n !== fn)) return;
    if (ts.isTryStatement(n) && n.catchClause && callsNext(n.tryBlock)) { found = true; return; }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return found;
}

/** The function an expression refers to in this file: inline, or a local function / const. */
function localFunction(e: ts.Expression): Fn | undefined {
  e = unwrap(e);
  if (isFn(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const d = findDeclaration(e);
  if (d && ts.isFunctionDeclaration(d)) return d;
  if (d && ts.isVariableDeclaration(d) && d.initializer) {
    const init = unwrap(d.initializer);
    if (isFn(init)) return init;
  }
  return undefined;
}

function isErrorMiddleware(fn: Fn): boolean {
  return paramCount(fn) === 4 || isTryNextMiddleware(fn);
}

/** Extra facts for YAML/JSON files. */
export function specFacts(file: ParsedFile): OpsFacts | undefined {
  if (file.kind === 'yaml') {
    const doc = file.ast[0];
    return doc && YAML.isMap(doc.contents) && (doc.contents.has('openapi') || doc.contents.has('swagger')) ? { apiSpec: true } : undefined;
  }
  if (file.kind === 'json' && file.ast?.type === 'object') {
    const root = file.ast;
    const str = (path: jsonc.JSONPath) => { const n = jsonc.findNodeAtLocation(root, path); return n?.type === 'string' ? String(n.value) : undefined; };
    // an OpenAPI / Swagger document, or a request collection clients can run: Postman (info.schema on getpostman.com),
    // Insomnia's export (`__export_format`), Bruno's collection (bruno.json `type: collection`)
    const spec = jsonc.findNodeAtLocation(root, ['openapi']) || jsonc.findNodeAtLocation(root, ['swagger']) ||
      /getpostman\.com/.test(str(['info', 'schema']) ?? '') || (str(['_type']) === 'export' && !!jsonc.findNodeAtLocation(root, ['__export_format'])) ||
      (file.path.endsWith('bruno.json') && str(['type']) === 'collection');
    return spec ? { apiSpec: true } : undefined;
  }
  return undefined;
}

/**
 * In a signal handler, `server.close()` called without waiting (no await, its callback not holding the exit) and then
 * `process.exit()` in the same block: close() only stops accepting connections and returns at once.
 */
function exitRightAfterClose(handler: ts.Expression | undefined): { exit: ts.Node; close: string } | undefined {
  const fn = handler && unwrap(handler);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !ts.isBlock(fn.body)) return undefined;
  let close: string | undefined;
  for (const st of fn.body.statements) {
    const e = ts.isExpressionStatement(st) ? st.expression : undefined;
    if (!e) continue;
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'close' && !/^(db|database|prisma|mongoose|redis|pool|client|connection|knex|sequelize|queue|worker)$/i.test(accessPath(e.expression.expression)?.slice(-1)[0] ?? '')) {
      close = e.expression.getText();
      continue;
    }
    if (close && ts.isCallExpression(e) && accessPath(e.expression)?.join('.') === 'process.exit') return { exit: e, close };
  }
  return undefined;
}

/** Libraries that drain the server on SIGTERM (close-with-grace also installs the process error handlers). */
export const SHUTDOWN_LIBS: ReadonlySet<string> = new Set(['close-with-grace', '@godaddy/terminus', 'http-terminator', 'lightship', 'http-graceful-shutdown', 'fastify-graceful-shutdown', 'stoppable']);

/** A visitor (to merge into the shared walk) that fills `ops`. */
export function opsFactsVisitor(sf: ts.SourceFile, imports: FileImports, ops: OpsFacts): TsVisitor {
  const pos = (offset: number): Position => sf.getLineAndCharacterOfPosition(offset);
  const range = (n: ts.Node): Range => ({ start: pos(n.getStart(sf)), end: pos(n.end) });
  const push = (key: 'loggers' | 'processEvents' | 'errorHandlers' | 'healthRoutes' | 'shutdownLibs', v: string) => {
    const list: string[] = (ops[key] ??= []);
    if (!list.includes(v)) list.push(v);
  };
  let consts: ConstTable | undefined;
  const str = (e: ts.Expression | undefined) => stringValue(e, (consts ??= ConstTable.of(sf)));

  for (const m of imports.modules) {
    const pkg = packageName(m.module);
    if (pkg && STRUCTURED_LOGGERS.test(pkg)) push('loggers', pkg);
  }
  for (const b of imports.bindings.values()) {
    if (b.module === '@nestjs/common' && (b.name === 'Logger' || b.name === 'ConsoleLogger')) push('loggers', 'Nest Logger');
  }
  const importsServer = imports.modules.some((m) => SERVER_MODULES.test(m.module));
  const importsKoa = imports.modules.some((m) => m.module === 'koa');
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) break;
    if (st.expression.text === 'use server') ops.useServer = true;
  }

  const apps: Array<{ fact: AppFact; call: ts.Expression }> = [];
  let listenCall: ts.CallExpression | undefined;

  /** The module a callee comes from when it is the module itself (`express()`, `require('fastify')()`), with the export name. */
  const moduleOf = (callee: ts.Expression): { module: string; path: readonly string[] } | undefined => {
    const c = unwrap(callee);
    if (ts.isCallExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'require' && c.arguments[0] && ts.isStringLiteralLike(c.arguments[0])) return { module: c.arguments[0].text, path: [] };
    if (ts.isPropertyAccessExpression(c) && ts.isCallExpression(c.expression)) {
      const inner = moduleOf(c.expression);
      if (inner && inner.path.length === 0) return { module: inner.module, path: [c.name.text] };
    }
    return resolveCallee(c, imports);
  };

  const appFramework = (n: ts.CallExpression | ts.NewExpression): AppFramework | undefined => {
    const m = moduleOf(n.expression);
    if (!m) return undefined;
    const p = m.path.filter((x) => x !== 'default').join('.');
    if (ts.isCallExpression(n)) {
      if (m.module === 'express' && p === '') return 'express';
      if (m.module === 'fastify' && (p === '' || p === 'fastify')) return 'fastify';
    } else {
      if (m.module === 'koa' && (p === '' || p === 'Koa' || p === 'default')) return 'koa';
      if (/^hono(\/(tiny|quick))?$/.test(m.module) && p === 'Hono') return 'hono';
      if (m.module === '@hono/zod-openapi' && p === 'OpenAPIHono') return 'hono';
      if (m.module === 'hono-openapi' && p === 'Hono') return 'hono';
    }
    return undefined;
  };

  const onAppCreation = (n: ts.CallExpression | ts.NewExpression) => {
    const framework = appFramework(n);
    if (!framework) return;
    let up: ts.Node = n.parent;
    while (ts.isParenthesizedExpression(up) || ts.isAsExpression(up) || ts.isSatisfiesExpression(up) || ts.isNonNullExpression(up) || ts.isAwaitExpression(up)) up = up.parent;
    let name: string | undefined;
    if (ts.isVariableDeclaration(up) && ts.isIdentifier(up.name)) name = up.name.text;
    else if (ts.isBinaryExpression(up) && up.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(up.left)) name = up.left.text;
    apps.push({ fact: { framework, name, range: range(n) }, call: n });
    if (framework === 'fastify') {
      const opts = n.arguments?.[0];
      const obj = asObject(opts, (consts ??= ConstTable.of(sf)));
      const logger = obj && (findProperty(obj, 'logger', consts) ?? findProperty(obj, 'loggerInstance', consts));
      if ((opts && !obj) || (logger && !isFalse(logger.value, consts))) push('loggers', 'Fastify logger');
    }
  };

  const onUse = (call: ts.CallExpression) => {
    const args = call.arguments.flatMap((a) => { const u = unwrap(a); return ts.isArrayLiteralExpression(u) ? [...u.elements] : [u]; });
    for (const a of args) {
      const fn = localFunction(a);
      if (fn) {
        if (paramCount(fn) === 4) push('errorHandlers', 'four-arg');
        else if (isTryNextMiddleware(fn)) push('errorHandlers', 'try-next');
        continue;
      }
      if (ts.isIdentifier(a)) {
        const b = imports.bindings.get(a.text);
        if (b?.module.startsWith('.')) ops.middlewareImports = [...(ops.middlewareImports ?? []), { module: b.module, name: b.name }];
        if (isErrorName(a.text) && !(b && b.module.startsWith('@sentry/'))) push('errorHandlers', 'named');
        continue;
      }
      if (ts.isCallExpression(a) || ts.isPropertyAccessExpression(a)) {
        const name = ts.isCallExpression(a) ? calleeName(a) : a.name.text;
        const from = resolveCallee(ts.isCallExpression(a) ? a.expression : a, imports);
        if (name && isErrorName(name) && !from?.module.startsWith('@sentry/')) push('errorHandlers', 'named');
      }
    }
  };

  const importsShutdownLib = imports.modules.some((m) => SHUTDOWN_LIBS.has(m.module));
  /** `closeWithGrace(...)`, `new Lightship()`, `createTerminus(server, ...)`, `app.register(fastifyGracefulShutdown)`. */
  const onShutdownLib = (call: ts.CallExpression | ts.NewExpression) => {
    for (const e of [call.expression, ...(call.arguments ?? [])]) {
      const m = moduleOf(e);
      if (m && SHUTDOWN_LIBS.has(m.module)) push('shutdownLibs', m.module);
    }
  };

  const onCall = (n: ts.Node) => {
    const call = n as ts.CallExpression;
    const e = call.expression;
    if (importsShutdownLib) onShutdownLib(call);
    if (call.arguments.length && HTTP_CALLS.has(calleeName(call) ?? '')) {
      const path = ownApiPath(call.arguments[0]);
      if (path && (ts.isIdentifier(e) || (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && /^(axios|ky|api|http|client|\$fetch|ofetch)$/i.test(e.expression.text)))) {
        const list = (ops.ownApiCalls ??= []);
        if (!list.includes(path) && list.length < 200) list.push(path);
      }
    }
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
      const obj = e.expression.text;
      const method = e.name.text;
      if (obj === 'console' && CONSOLE_METHODS.has(method) && !imports.bindings.has('console')) { ops.consoleCalls = (ops.consoleCalls ?? 0) + 1; return; }
      if (obj === 'process' && PROCESS_METHODS.has(method)) {
        const evs = stringsOf(call.arguments[0]);
        for (const ev of evs) if (PROCESS_EVENTS.test(ev)) push('processEvents', ev);
        if (evs.some((ev) => ev === 'SIGTERM' || ev === 'SIGINT') && !ops.exitAfterClose) {
          const hit = exitRightAfterClose(call.arguments[1]);
          if (hit) ops.exitAfterClose = { range: range(hit.exit), close: hit.close };
        }
        return;
      }
      if (obj === 'process' && method === 'setUncaughtExceptionCaptureCallback') { push('processEvents', 'uncaughtException'); return; }
    }
    // `once(process, 'SIGTERM')` (node:events), `pEvent(process, 'SIGTERM', { rejectionEvents: ['unhandledRejection'] })`
    const [target, events, options] = call.arguments;
    if (target && events && ts.isIdentifier(unwrap(target)) && (unwrap(target) as ts.Identifier).text === 'process') {
      const opts = options && ts.isObjectLiteralExpression(unwrap(options)) ? unwrap(options) as ts.ObjectLiteralExpression : undefined;
      const rejection = opts?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'rejectionEvents');
      for (const ev of [...stringsOf(events), ...stringsOf(rejection?.initializer)]) if (PROCESS_EVENTS.test(ev)) push('processEvents', ev);
    }
    onAppCreation(call);
    const name = calleeName(call);
    if (!name) return;
    if (ts.isPropertyAccessExpression(e)) {
      if (name === 'use') {
        onUse(call);
        const path = call.arguments.length > 1 ? str(call.arguments[0]) : undefined;
        if (path && HEALTH_PATH.test(path)) push('healthRoutes', path);
      } else if (name === 'setErrorHandler') push('errorHandlers', 'fastify');
      else if (name === 'onError' && call.arguments.length) push('errorHandlers', 'hono');
      else if (name === 'enableShutdownHooks') ops.shutdownHooks = true;
      else if (name === 'on' && importsKoa && str(call.arguments[0]) === 'error') push('errorHandlers', 'koa-listener');
    }
    if (name === 'listen' && !listenCall && (importsServer || apps.length || importedReceiver(e))) listenCall = call;
    if (ts.isIdentifier(e)) {
      const callee = resolveCallee(e, imports);
      if (callee?.module === '@hono/node-server' && callee.path.join('.') === 'serve' && !listenCall) listenCall = call;
      if (callee?.module === 'koa-onerror') push('errorHandlers', 'koa-onerror');
    }
  };

  /** `app.listen()` with `app` imported from a file of the workspace, or built by a function imported from one (`const app = await buildApp()`). */
  const importedReceiver = (e: ts.Expression) => {
    const recv = ts.isPropertyAccessExpression(e) ? unwrap(e.expression) : undefined;
    if (!recv || !ts.isIdentifier(recv)) return false;
    if (imports.bindings.get(recv.text)?.module.startsWith('.')) return true;
    const d = findDeclaration(recv);
    const init = d && ts.isVariableDeclaration(d) && d.initializer ? unwrap(d.initializer) : undefined;
    if (!init || !(ts.isCallExpression(init) || ts.isNewExpression(init))) return false;
    return !!resolveCallee(init.expression, imports)?.module.startsWith('.');
  };

  const onBinary = (n: ts.Node) => {
    const b = n as ts.BinaryExpression;
    const op = b.operatorToken.kind;
    if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return;
    for (const side of [b.left, b.right]) {
      if (ts.isStringLiteralLike(side) && side.text.startsWith('/') && HEALTH_PATH.test(side.text)) push('healthRoutes', side.text);
    }
  };

  const onEnd = () => {
    if (apps.length) ops.apps = apps.map(({ fact, call }) => ({ ...fact, ...appInsertions(sf, call, fact.name) }));
    if (listenCall) ops.listen = listenFact(sf, listenCall, imports, apps.map((a) => a.fact), range(listenCall));
    ops.errorHandlerExports = exportedErrorHandlers(sf);
    if (!ops.errorHandlerExports.length) delete ops.errorHandlerExports;
    if (apps.length || listenCall) {
      const end = afterImports(sf);
      if (end > 0) ops.importAt = pos(end);
      ops.quote = quoteOf(sf);
      const taken = new Set<string>();
      const visit = (x: ts.Node): void => {
        if (ts.isIdentifier(x) && FIX_NAMES.has(x.text)) taken.add(x.text);
        ts.forEachChild(x, visit);
      };
      visit(sf);
      const loggerBound = imports.bindings.has('logger') || sf.statements.some((st) => ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === 'logger'));
      if (loggerBound) taken.add('logger');
      if (taken.size) ops.taken = [...taken].sort();
    }
  };

  const importsWinston = imports.modules.some((m) => m.module === 'winston');
  const onProperty = (n: ts.Node) => {
    const p = n as ts.PropertyAssignment;
    const key = ts.isIdentifier(p.name) ? p.name.text : undefined;
    if ((key === 'handleExceptions' || key === 'exceptionHandlers') && !isFalse(p.initializer)) push('processEvents', 'uncaughtException');
    if ((key === 'handleRejections' || key === 'rejectionHandlers') && !isFalse(p.initializer)) push('processEvents', 'unhandledRejection');
  };

  const visitor: TsVisitor = {
    CallExpression: onCall,
    NewExpression: (n) => { onAppCreation(n as ts.NewExpression); if (importsShutdownLib) onShutdownLib(n as ts.NewExpression); },
    BinaryExpression: onBinary,
    EndOfFileToken: onEnd,
  };
  if (importsWinston) visitor.PropertyAssignment = onProperty;
  // A fact that cannot be read is left out (and noted), never allowed to fail the file's analysis.
  for (const k of Object.keys(visitor) as SyntaxKindName[]) {
    const fn = visitor[k]!;
    visitor[k] = (n) => { try { fn(n); } catch (e) { ops.error ??= (e as Error).message; } };
  }
  return visitor;
}

/** The statement holding a node, when that statement sits directly in a block (so statements can go before or after it). */
function blockStatement(n: ts.Node): ts.Statement | undefined {
  for (let x: ts.Node | undefined = n; x; x = x.parent) {
    if (ts.isFunctionLike(x) && x !== n) return undefined;
    const p: ts.Node | undefined = x.parent;
    if (p && (ts.isSourceFile(p) || ts.isBlock(p) || ts.isModuleBlock(p)) && (p.statements as readonly ts.Node[]).includes(x)) return x as ts.Statement;
  }
  return undefined;
}

function lineIndent(sf: ts.SourceFile, offset: number): string {
  const { line } = sf.getLineAndCharacterOfPosition(offset);
  const start = sf.getPositionOfLineAndCharacter(line, 0);
  return /^[ \t]*/.exec(sf.text.slice(start, start + 200))![0];
}

function afterStatement(sf: ts.SourceFile, st: ts.Node): Insertion {
  const end = sf.getLineEndOfPosition(st.end);
  return { at: sf.getLineAndCharacterOfPosition(end), indent: lineIndent(sf, st.getStart(sf)) };
}

function beforeStatement(sf: ts.SourceFile, st: ts.Node): Insertion {
  return { at: sf.getLineAndCharacterOfPosition(st.getStart(sf)), indent: lineIndent(sf, st.getStart(sf)) };
}

function mentions(n: ts.Node, name: string): boolean {
  if (ts.isIdentifier(n)) {
    const p = n.parent;
    if (p && ts.isPropertyAccessExpression(p) && p.name === n) return false;
    if (p && (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) && p.name === n) return false;
    return n.text === name;
  }
  return !!ts.forEachChild(n, (c) => mentions(c, name) || undefined);
}

const HAND_OFF_CALLS = new Set(['listen', 'createServer', 'serverless', 'serve', 'handle', 'createHandler', 'toNodeHandler', 'handler']);

/** A statement that hands the app over (starts it, exports or returns it): middleware registered after it may come too late. */
function isHandOff(st: ts.Statement, name: string): boolean {
  if (ts.isReturnStatement(st) || ts.isExportAssignment(st) || ts.isExportDeclaration(st)) return true;
  if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = st.expression.left;
    const root = ts.isPropertyAccessExpression(left) ? (ts.isPropertyAccessExpression(left.expression) ? left.expression.expression : left.expression) : undefined;
    if (root && ts.isIdentifier(root) && (root.text === 'module' || root.text === 'exports')) return true;
  }
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const c = calleeName(n);
      const e = unwrap(n.expression);
      if (c === 'listen' && ts.isPropertyAccessExpression(e) && ts.isIdentifier(unwrap(e.expression)) && (unwrap(e.expression) as ts.Identifier).text === name) { found = true; return; }
      if (c && HAND_OFF_CALLS.has(c) && n.arguments.some((a) => mentions(a, name))) { found = true; return; }
    }
    ts.forEachChild(n, visit);
  };
  visit(st);
  return found;
}

function appInsertions(sf: ts.SourceFile, call: ts.Expression, name: string | undefined): Pick<AppFact, 'afterCreation' | 'afterSetup'> {
  const st = blockStatement(call);
  if (!st || !name) return {};
  const block = st.parent as ts.SourceFile | ts.Block | ts.ModuleBlock;
  const list = block.statements;
  let last: ts.Statement = st;
  for (let i = list.indexOf(st) + 1; i < list.length; i++) {
    const s = list[i];
    if (isHandOff(s, name)) break;
    if (!ts.isFunctionDeclaration(s) && !ts.isClassDeclaration(s) && mentions(s, name)) last = s;
  }
  const setup = afterStatement(sf, last);
  return { afterCreation: afterStatement(sf, st), afterSetup: { at: setup.at, indent: lineIndent(sf, st.getStart(sf)) } };
}

function listenFact(sf: ts.SourceFile, call: ts.CallExpression, imports: FileImports, apps: AppFact[], r: Range): ListenFact {
  const fact: ListenFact = { range: r, kind: 'http' };
  const e = unwrap(call.expression);
  let needsCapture = true;
  if (ts.isPropertyAccessExpression(e)) {
    const recv = unwrap(e.expression);
    if (ts.isIdentifier(recv)) {
      fact.receiver = recv.text;
      const d = findDeclaration(recv);
      const init = d && ts.isVariableDeclaration(d) && d.initializer ? unwrap(d.initializer) : undefined;
      const app = apps.find((a) => a.name === recv.text);
      if (app) fact.kind = app.framework === 'fastify' ? 'fastify' : 'http';
      else if (init && (ts.isCallExpression(init) || ts.isNewExpression(init))) {
        const callee = resolveCallee(init.expression, imports);
        const path = callee?.path.join('.') ?? '';
        if (callee?.module === '@nestjs/core' && /^NestFactory\.create/.test(path)) fact.kind = 'nest';
        else if (calleeName(init) === 'createServer' || (ts.isNewExpression(init) && calleeName(init) === 'Server')) { fact.handle = recv.text; needsCapture = false; }
        else fact.kind = 'unknown';
      } else if (d) fact.kind = 'unknown';
      if (fact.kind === 'fastify' || fact.kind === 'nest') { fact.handle = recv.text; needsCapture = false; }
    }
  }
  let up: ts.Node = call.parent;
  while (ts.isAwaitExpression(up) || ts.isParenthesizedExpression(up)) up = up.parent;
  const st = blockStatement(call);
  if (ts.isVariableDeclaration(up) && ts.isIdentifier(up.name)) {
    if (needsCapture) fact.handle = up.name.text;
  } else if (ts.isExpressionStatement(up) && st === up && needsCapture) {
    fact.capture = sf.getLineAndCharacterOfPosition(up.getStart(sf));
  }
  if (st) { fact.before = beforeStatement(sf, st); fact.after = afterStatement(sf, st); }
  return fact;
}

/** Exported error-handling middleware of a file (4 parameters, or a try/catch around next()). */
function exportedErrorHandlers(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const isExported = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const isDefault = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  const fnOf = (e: ts.Expression | undefined) => (e ? localFunction(e) : undefined);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && isExported(st) && isErrorMiddleware(st)) out.push(isDefault(st) ? 'default' : st.name?.text ?? 'default');
    else if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) {
        const fn = fnOf(d.initializer);
        if (ts.isIdentifier(d.name) && fn && isErrorMiddleware(fn)) out.push(d.name.text);
      }
    } else if (ts.isExportAssignment(st)) {
      const fn = fnOf(st.expression);
      if (fn && isErrorMiddleware(fn)) out.push('default');
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.moduleSpecifier) {
      for (const el of st.exportClause.elements) {
        const fn = fnOf(el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName : el.name);
        if (fn && isErrorMiddleware(fn)) out.push(el.name.text);
      }
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = st.expression.left;
      const fn = fnOf(st.expression.right);
      if (!fn || !isErrorMiddleware(fn) || !ts.isPropertyAccessExpression(left)) continue;
      const root = left.expression;
      if (ts.isIdentifier(root) && root.text === 'module' && left.name.text === 'exports') out.push('default');
      else if (ts.isIdentifier(root) && root.text === 'exports') out.push(left.name.text);
      else if (ts.isPropertyAccessExpression(root) && ts.isIdentifier(root.expression) && root.expression.text === 'module' && root.name.text === 'exports') out.push(left.name.text);
    }
  }
  return out;
}

/** Combines visitors keyed by SyntaxKind name (both handlers run, in order). */
export function mergeVisitors(a: TsVisitor, b: TsVisitor): TsVisitor {
  const out: TsVisitor = { ...a };
  for (const k of Object.keys(b) as SyntaxKindName[]) {
    if ((k as string) === 'onEnd') continue;
    const first = out[k];
    const second = b[k]!;
    out[k] = first ? (n) => { first(n); second(n); } : second;
  }
  return out;
}
