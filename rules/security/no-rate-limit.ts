import { ts } from 'ts-morph';
import type { FileRuleContext, Fix, Position, Range, TextEdit, TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import type { RouteInfo, RouteFramework } from '../../server/engine/facts/routes';
import type { PackageInfo } from '../../server/engine/facts/workspaceFacts';
import { basename } from '../../server/engine/parse';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { LineIndex, START } from '../../server/engine/positions';
import { jsonKeyRange, setJsonValue } from '../../server/engine/jsonEdits';
import { actionTopic, isSessionEndpoint, midLabel, pathWords, routeLabel, routeTopic } from '../../server/engine/facts/routeKinds';
import { packageLabel } from '../../server/engine/facts/servers';
import { isTestPath, resolveCallee } from '../../server/engine/ts/helpers';
import { packageName } from '../../server/engine/ts/imports';
import { afterImports, nodeRange, quoteOf } from '../../server/engine/ts/edits';

const ID = 'security/no-rate-limit';
const LIMITER_PACKAGES = new Set([
  'express-rate-limit', 'express-slow-down', 'express-brute', 'express-limiter', 'rate-limiter-flexible', '@fastify/rate-limit', 'fastify-rate-limit',
  'koa-ratelimit', 'koa2-ratelimit', 'hono-rate-limiter', '@hono-rate-limiter/redis', '@upstash/ratelimit', '@nestjs/throttler', '@unkey/ratelimit',
  'next-rate-limit', '@arcjet/next', '@arcjet/node', '@arcjet/nest', '@arcjet/bun', '@vercel/firewall', 'rate-limit-redis', 'limiter',
]);
const AUTH_WORDS = /^(login|log-in|signin|sign-in|signup|sign-up|register|registration|forgot|forgot-password|forgotpassword|reset|reset-password|resetpassword|password-reset|password|passwords|magic-link|magiclink|otp|2fa|mfa|verify-otp|passwordless|send-code|verify-code|one-time-code)$/;
const AUTH_FIRST = /^(auth|token|tokens)$/;
const NOT_BRUTE = /^(logout|log-out|signout|sign-out|callback|callbacks|refresh|refresh-token|me|whoami|providers|csrf)$/;
const SIGNUP_PATH = /^(users?|accounts?|members?|customers?)$/;

/** Where an Express app is created, and what the fix needs to register a limiter right after it. */
interface AppSite { name?: string; range: Range; after?: Position; indent: string; importAt: Position; importAfter: boolean; esm: boolean; quote: string; bound: boolean }
interface Data { limiter?: boolean; proxy?: boolean; express?: AppSite[] }

const ADVICE: Record<RouteFramework, string> = {
  express: 'Add a limiter before the routes: `app.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }))` (express-rate-limit), and a stricter one on login, signup and password reset.',
  fastify: "Register @fastify/rate-limit before the routes: `await app.register(rateLimit, { max: 100, timeWindow: '15 minutes' })`, with a stricter `config: { rateLimit }` on login, signup and password reset.",
  koa: 'Add koa-ratelimit (or rate-limiter-flexible) as an early middleware: `app.use(ratelimit({ driver: \'memory\', db: new Map(), duration: 60_000, max: 100 }))`, and a stricter limit on login, signup and password reset.',
  hono: 'Add hono-rate-limiter (or @upstash/ratelimit on the edge) as a middleware: `app.use(rateLimiter({ windowMs: 15 * 60 * 1000, limit: 100, keyGenerator }))`, and a stricter one on login, signup and password reset.',
  trpc: 'Add a limiter middleware to the procedures (`t.middleware` that checks @upstash/ratelimit or rate-limiter-flexible keyed by IP and account), and a stricter one on login, signup and password reset.',
  nestjs: 'Add @nestjs/throttler: `ThrottlerModule.forRoot([{ ttl: 60_000, limit: 100 }])` and `{ provide: APP_GUARD, useClass: ThrottlerGuard }` in the root module, with a stricter `@Throttle()` on login, signup and password reset.',
  nextjs: 'Limit the auth endpoints: check a limiter keyed by IP or account at the top of the route handler or server action (or in middleware.ts), e.g. @upstash/ratelimit `await ratelimit.limit(ip)`.',
  graphql: 'Limit requests to the GraphQL endpoint in its host server (express-rate-limit on `/graphql`, or a plugin of the GraphQL server), and cost or depth limits per operation (graphql-rate-limit, graphql-armor).',
  firebase: 'Cap what one caller can do: enforce App Check (`enforceAppCheck: true`), set `maxInstances`, and count calls per user or IP in Firestore (or a limiter such as rate-limiter-flexible) in the functions that send email, charge money or create accounts.',
};
const WHY = 'one client can send unlimited requests: brute-force and credential-stuffing logins, sign-up and password-reset email floods, scraping, and load that takes the API (and your database and email bills) down';

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'No rate limiting on the app, or none on login / signup / password reset',
    fixKind: 'multi-file',
    effort: 'hour',
    checklist: 'harden.rate-limiting',
    docs: {
      why: "Without a rate limit, the only thing between an attacker and your users' passwords is how fast your server answers: credential-stuffing lists are tried at full speed, password-reset and sign-up endpoints become free email cannons, and one busy script can take the API (and the database behind it) down. An app-wide limiter is the baseline; login, signup and password reset need a stricter one of their own.",
      checks: "Reported once per app when nothing is rate-limited (a limiter imported anywhere in the package counts, as does `limit_req` in an nginx config), or per auth route when the app limits other routes but not that one. Limits set only in a platform (Cloudflare, a WAF) are invisible here: accept the finding with a note.",
      bad: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\nimport { login } from './auth';\n\nconst app = express();\napp.use(express.json());\napp.post('/auth/login', login);\napp.get('/projects', (req, res) => res.json([]));\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', 'express-rate-limit': '^8.0.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\nimport rateLimit from 'express-rate-limit';\nimport { login } from './auth';\n\nconst app = express();\napp.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }));\napp.use(express.json());\napp.post('/auth/login', rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 }), login);\napp.get('/projects', (req, res) => res.json([]));\napp.listen(3000);\n",
      } },
      fix: "Express: `app.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }))` from express-rate-limit right after creating the app (the quick fix adds it, its import and the dependency), plus a stricter limiter on the auth routes. Fastify: @fastify/rate-limit. Koa: koa-ratelimit. Hono: hono-rate-limiter. Nest: @nestjs/throttler with ThrottlerGuard as APP_GUARD. Next.js: @upstash/ratelimit in the auth route handlers, server actions or middleware.ts. Behind a proxy, set `app.set('trust proxy', 1)` so limits are per client, and use a shared store (Redis) when running several instances.",
    },
  },
  scope: 'ts',
  triggers: { modules: [...LIMITER_PACKAGES, 'express'] },
  kinds: ['text'],
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    if (isTestPath(file.path)) return {};
    const data = () => ruleDataOf<Data>(ctx.facts, ID, () => ({}));
    if (imports.modules.some((m) => LIMITER_PACKAGES.has(packageName(m.module) ?? ''))) data().limiter = true;
    if (!imports.modules.some((m) => m.module === 'express')) return {};
    const esm = sf.statements.some((s) => ts.isImportDeclaration(s)) || (imports.modules.length === 0 && /\.(m?tsx?|mjs)$/i.test(file.path));
    const importEnd = afterImports(sf);
    const importAt = sf.getLineAndCharacterOfPosition(importEnd);
    const quote = quoteOf(sf);
    const bound = imports.bindings.has('rateLimit');
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const r = resolveCallee(call.expression, imports);
        if (!r || r.module !== 'express' || r.path.length) return;
        const decl = call.parent;
        let name: string | undefined; let after: Position | undefined; let indent = '';
        if (ts.isVariableDeclaration(decl) && decl.initializer === call && ts.isIdentifier(decl.name) && ts.isVariableDeclarationList(decl.parent) && decl.parent.declarations.length === 1 && ts.isVariableStatement(decl.parent.parent)) {
          const st = decl.parent.parent;
          name = decl.name.text;
          after = sf.getLineAndCharacterOfPosition(st.end);
          const lineStart = sf.getPositionOfLineAndCharacter(sf.getLineAndCharacterOfPosition(st.getStart(sf)).line, 0);
          indent = /^[ \t]*/.exec(sf.text.slice(lineStart, st.getStart(sf)))![0];
        } else if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) name = decl.name.text;
        (data().express ??= []).push({ name, range: nodeRange(sf, call), after, indent, importAt, importAfter: importEnd > 0, esm, quote, bound });
      },
    };
  },
  check(ctx: FileRuleContext) {
    const { file } = ctx;
    if (file.kind !== 'text') return;
    const name = basename(file.path);
    if (!/\.conf$/i.test(name) && name !== 'Caddyfile') return;
    for (const line of file.text.split(/\r?\n/)) {
      const words = line.trim().split(/\s+/);
      if (words[0]?.startsWith('#')) continue;
      if (words.some((w) => /^(limit_req|limit_req_zone|rate_limit)$/.test(w))) { ruleDataOf<Data>(ctx.facts, ID, () => ({})).proxy = true; return; }
    }
  },
  checkWorkspace(ctx: WorkspaceRuleContext) {
    const { facts, files } = ctx;
    const limited = new Set<string>();
    const sites = new Map<string, AppSite[]>();
    for (const [path, f] of files) {
      // a Next.js middleware that limits requests (by path, in its own code): whether it covers a server action's page is not known
      if (f.facts.routes?.next?.middleware?.mw.some((m) => m.flags.includes('rate-limit'))) limited.add(facts.packageOf(path)?.dir ?? '');
      const d = getRuleData<Data>(f.facts, ID);
      if (!d) continue;
      if (d.proxy) return;
      if (d.limiter && !f.facts.isTest) limited.add(facts.packageOf(path)?.dir ?? '');
      if (d.express) sites.set(path, d.express);
    }
    const apps = new Map<string, RouteInfo[]>();
    for (const r of facts.routes) {
      let list = apps.get(r.app);
      if (!list) apps.set(r.app, (list = []));
      list.push(r);
    }
    for (const [app, all] of apps) {
      const routes = all.filter((r) => !(r.kind === 'http' && (routeTopic(r.path) === 'health' || r.method === 'OPTIONS' || r.method === 'HEAD')));
      if (!routes.length) continue;
      if (routes.some((r) => r.rateLimited)) {
        for (const r of routes) {
          // (a server action whose page a limiting middleware may cover is left alone: its page is not known)
          if (r.rateLimited || r.opaque || !isAuthRoute(r)) continue;
          ctx.report({ file: r.file, range: r.range, workspace: false, message: routeMessage(r) });
        }
        continue;
      }
      const pkg = facts.packageOf(routes[0].file);
      if (limited.has(pkg?.dir ?? '') || routes.every(unread) || opaqueAppMiddleware(ctx, app)) continue;
      const fw = routes[0].framework;
      // a tRPC API is served by a route of its host app (Next.js, Express...), which answers for the app as a whole; but a
      // sign-in or sign-up procedure with no limiter in the package is brute-forced like any login route
      if (fw === 'trpc') {
        for (const r of routes) if (isAuthRoute(r) && !unread(r)) ctx.report({ file: r.file, range: r.range, workspace: false, message: routeMessage(r, false) });
        continue;
      }
      if (fw === 'graphql') continue;
      // Cloud Functions: no app to register a limiter on; per-function limits (App Check, maxInstances, counters) are left to the functions' own review
      if (fw === 'firebase') continue;
      if (fw === 'nextjs' && !routes.some((r) => isAuthRoute(r) && !unread(r))) continue;
      const label = pkg ? packageLabel(pkg) : 'this server';
      const anchor = anchorOf(ctx, app, fw, routes, pkg, sites);
      if (!anchor) continue;
      const kind = { express: 'Express', fastify: 'Fastify', koa: 'Koa', hono: 'Hono', nestjs: 'Nest', nextjs: 'Next.js', trpc: 'tRPC', firebase: 'Cloud Functions', graphql: 'GraphQL' }[fw];
      const auth = routes.filter((r) => isAuthRoute(r) && !unread(r));
      const authNote = auth.length ? ` Its auth routes (${auth.slice(0, 3).map((r) => midLabel(r)).join(', ')}${auth.length > 3 ? '...' : ''}) are the first target.` : '';
      ctx.report({
        file: anchor.file,
        range: anchor.range,
        message: `No rate limiting in ${label} (the ${kind} app): ${WHY}.${authNote} ${ADVICE[fw]}`,
        fixes: anchor.site && pkg ? fixFor(anchor.file, anchor.site, files.get(anchor.file)?.text ?? '', pkg, files.get(pkg.manifestPath)?.text ?? '') : undefined,
      });
    }
  },
};

/** Login, signup, password reset, one-time codes: the routes worth brute-forcing. */
function isAuthRoute(r: RouteInfo): boolean {
  if (r.kind === 'server-action') {
    const name = r.handler?.name ?? '';
    return actionTopic(name) === 'auth' && !/sign-?out|log-?out/i.test(name.replace(/([a-z0-9])([A-Z])/g, '$1-$2'));
  }
  if (!['POST', 'PUT', 'PATCH', 'ALL'].includes(r.method) || !r.pathKnown) return false;
  const w = pathWords(r.path);
  if (w.some((s) => NOT_BRUTE.test(s))) return false;
  if (w.some((s) => AUTH_WORDS.test(s))) return true;
  if (w.length && AUTH_FIRST.test(w[0]) && (r.authFlow || w.length === 1)) return true;
  if (isSessionEndpoint(r.path) && (r.authFlow || r.method === 'POST')) return true;
  return r.authFlow && r.method === 'POST' && (routeTopic(r.path) === 'auth' || (w.length === 1 && SIGNUP_PATH.test(w[0])));
}

function routeMessage(r: RouteInfo, othersLimited = true): string {
  const how = r.framework === 'fastify' ? "add `config: { rateLimit: { max: 10, timeWindow: '15 minutes' } }` to this route"
    : r.framework === 'nestjs' ? 'add `@Throttle({ default: { limit: 10, ttl: 15 * 60_000 } })` (with ThrottlerGuard applied) to this route'
      : r.framework === 'nextjs' ? 'check a limiter keyed by IP and account at the top of this handler (e.g. @upstash/ratelimit)'
        : r.framework === 'trpc' ? 'add a strict limiter middleware to this procedure (`.use(...)` before `.mutation()`), keyed by IP and account'
        : 'add a strict limiter to this route (e.g. `rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 })` before the handler)';
  return `${routeLabel(r)} has no rate limit${othersLimited ? ' while other routes of this app have one' : ', and nothing else in the app limits requests'}: attackers can try passwords (or trigger sign-up and reset emails) as fast as the server answers. ${how[0].toUpperCase()}${how.slice(1)}.`;
}

/**
 * A route whose handler cannot be read. Not one that is opaque only because an auth middleware's reach is unknown
 * (Next.js server actions beside a session middleware): a limiter there would be seen as the package's.
 */
const unread = (r: RouteInfo) => r.opaque && !r.authScopeOpaque;

/** `app.use(...middlewares)` or a conditional middleware on the app itself: a limiter may hide there. */
function opaqueAppMiddleware(ctx: WorkspaceRuleContext, app: string): boolean {
  const i = app.indexOf('#');
  if (i < 0) return false;
  const file = app.slice(0, i);
  const id = app.slice(i + 1);
  for (const ev of ctx.files.get(file)?.facts.routes?.events ?? []) {
    if (ev.t !== 'use' || !('local' in ev.router) || ev.router.local !== id) continue;
    if (ev.args.some((a) => a.mw.opaque && !a.target)) return true;
  }
  return false;
}

function anchorOf(ctx: WorkspaceRuleContext, app: string, fw: RouteFramework, routes: RouteInfo[], pkg: PackageInfo | undefined, sites: Map<string, AppSite[]>): { file: string; range: Range; site?: AppSite } | undefined {
  const { files } = ctx;
  const i = app.indexOf('#');
  if (fw !== 'nestjs' && fw !== 'nextjs' && i > 0) {
    const file = app.slice(0, i);
    const id = app.slice(i + 1);
    const site = fw === 'express' ? sites.get(file)?.find((s) => s.name === id) : undefined;
    if (site) return { file, range: site.range, site };
    const created = files.get(file)?.facts.ops?.apps?.find((a) => a.name === id);
    if (created) return { file, range: created.range };
    const router = files.get(file)?.facts.routes?.routers?.find((r) => r.id === id);
    if (router) return { file, range: router.range };
    return undefined;
  }
  if (fw === 'nestjs') {
    const entries = (pkg?.serverEntries ?? []).filter((p) => files.get(p)?.facts.imports?.includes('@nestjs/core'));
    const entry = entries.sort()[0];
    const start = entry ? files.get(entry)?.facts.serverStart : undefined;
    if (entry) return { file: entry, range: start?.range ?? START };
    if (pkg) return { file: pkg.manifestPath, range: jsonKeyRange(files.get(pkg.manifestPath)?.text ?? '', ['dependencies', '@nestjs/core']) ?? START };
    return undefined;
  }
  const dir = pkg?.dir ?? '';
  for (const name of ['middleware', 'src/middleware', 'proxy', 'src/proxy']) {
    for (const ext of ['.ts', '.js', '.mjs']) {
      const p = dir ? `${dir}/${name}${ext}` : `${name}${ext}`;
      if (files.has(p)) return { file: p, range: files.get(p)?.facts.routes?.next?.middleware?.range ?? START };
    }
  }
  const auth = routes.find((r) => isAuthRoute(r) && !unread(r));
  return auth ? { file: auth.file, range: auth.range } : undefined;
}

function fixFor(file: string, site: AppSite, text: string, pkg: PackageInfo, manifestText: string): Fix[] | undefined {
  if (!site.name || !site.after || site.bound || !text) return undefined;
  const eol = new LineIndex(text).eol;
  const q = site.quote;
  const importLine = site.esm ? `import rateLimit from ${q}express-rate-limit${q};` : `const rateLimit = require(${q}express-rate-limit${q});`;
  const edits: TextEdit[] = [
    { file, range: { start: site.importAt, end: site.importAt }, newText: site.importAfter ? `${eol}${importLine}` : `${importLine}${eol}` },
    { file, range: { start: site.after, end: site.after }, newText: `${eol}${site.indent}${site.name}.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }));` },
  ];
  if (!pkg.manifest.dependencies.includes('express-rate-limit')) edits.push(...setJsonValue(pkg.manifestPath, manifestText, ['dependencies', 'express-rate-limit'], '^8.0.0'));
  return [{ title: 'Add express-rate-limit to the Express app (100 requests per 15 minutes per IP)', safe: false, edits }];
}

export default rule;
