import { ts } from 'ts-morph';
import type { Range, TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import type { RouteInfo } from '../../server/engine/facts/routes';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { routeLabel, routeTopic } from '../../server/engine/facts/routeKinds';
import { accessPath, asObject, calleeName, findProperty, hasOpaqueSpread, isTestPath, resolveCallee, stringValue, unwrap, type ConstTable } from '../../server/engine/ts/helpers';
import { packageName } from '../../server/engine/ts/imports';
import { nodeRange } from '../../server/engine/ts/edits';
import { camelWords } from '../../server/engine/ts/words';
import { rawSetCookies, tokenValue } from '../../server/engine/ts/cookies';

const ID = 'security/no-csrf';
type SameSite = 'strict' | 'lax' | 'none' | 'missing' | 'unknown';

/** A cookie that carries the session or a credential, where it is configured, and its sameSite setting. */
interface CookieSite { range: Range; sameSite: SameSite; label: string }
interface Data {
  /** Session middleware (express-session, cookie-session, koa-session, @fastify/session...). */
  sessions?: CookieSite[];
  /** cookie-parser / @fastify/cookie registrations. */
  parsers?: Range[];
  /** Auth cookies set by handlers (`res.cookie('token', ...)`). */
  sets?: CookieSite[];
  /** The code reads an auth cookie (`req.cookies.token`, `ctx.cookies.get('sid')`, `getCookie(c, 'session')`). */
  reads?: boolean;
  /** A CSRF library is imported, or Origin / Referer / Sec-Fetch-Site is checked. */
  csrf?: boolean;
}

const CSRF_PACKAGES = new Set(['csurf', 'csrf-csrf', 'csrf-sync', 'tiny-csrf', 'lusca', '@fastify/csrf-protection', 'koa-csrf', '@dr.pogodin/csurf', 'next-csrf', '@edge-csrf/nextjs', '@edge-csrf/express', '@edge-csrf/node-http', 'csrf', 'csrf-tokens']);
const SESSION_LIBS: Record<string, { label: string; nested: boolean; defaultUnknown?: boolean }> = {
  'express-session': { label: 'express-session', nested: true },
  'cookie-session': { label: 'cookie-session', nested: false },
  'koa-session': { label: 'koa-session', nested: false },
  'koa-generic-session': { label: 'koa-generic-session', nested: true },
  '@fastify/session': { label: '@fastify/session', nested: true, defaultUnknown: true },
  '@fastify/secure-session': { label: '@fastify/secure-session', nested: true, defaultUnknown: true },
};
const AUTH_WORDS = new Set(['session', 'sess', 'sid', 'sessionid', 'token', 'auth', 'jwt', 'access', 'refresh', 'remember', 'login', 'identity', 'credentials', 'authentication', 'authorization', 'connect']);
const ORIGIN_HEADERS = new Set(['origin', 'referer', 'referrer', 'sec-fetch-site']);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const isAuthName = (name: string | undefined) => !!name && !camelWords(name).some((w) => w === 'csrf' || w === 'xsrf') && camelWords(name).some((w) => AUTH_WORDS.has(w));

function sameSiteOf(obj: ts.ObjectLiteralExpression | undefined, consts: ConstTable, defaultUnknown = false): SameSite {
  if (!obj) return defaultUnknown ? 'unknown' : 'missing';
  const p = findProperty(obj, 'sameSite', consts);
  if (!p) return hasOpaqueSpread(obj, consts) || defaultUnknown ? 'unknown' : 'missing';
  if (!p.value) return 'unknown';
  const v = consts.resolve(p.value) ?? p.value;
  if (v.kind === ts.SyntaxKind.TrueKeyword) return 'strict';
  if (v.kind === ts.SyntaxKind.FalseKeyword) return 'missing';
  const s = stringValue(v, consts)?.toLowerCase();
  return s === 'strict' || s === 'lax' || s === 'none' ? s : 'unknown';
}

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'Cookie-authenticated routes that change data have no CSRF defence',
    fixKind: 'none',
    effort: 'day',
    checklist: 'harden.auth',
    docs: {
      why: "When the session lives in a cookie, the browser attaches it to every request to your API — including a form another site submits, or a fetch from a page the user happens to have open. Without a defence, that page can create, change or delete data as the signed-in user (cross-site request forgery). `sameSite: 'lax'` (or 'strict') on the session cookie stops cross-site POSTs in modern browsers; CSRF tokens (csrf-csrf, @fastify/csrf-protection, koa-csrf, lusca) or an Origin check cover the rest.",
      checks: "Reported once per app, on the session or cookie middleware, when the app authenticates with a session or an auth cookie, that cookie is configured without sameSite strict/lax, no CSRF library or Origin check is used, and guarded routes change data. APIs authenticated with an Authorization header only, Next.js (server actions check the Origin; auth libraries set sameSite=lax) and cookies whose sameSite depends on the environment are not reported.",
      bad: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', 'express-session': '^1.18.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\nimport session from 'express-session';\nimport { requireUser } from './auth';\n\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: true } }));\napp.use(express.json());\napp.post('/projects', requireUser, (req, res) => res.status(201).json({}));\napp.delete('/projects/:id', requireUser, (req, res) => res.sendStatus(204));\napp.listen(3000);\n",
        'src/auth.ts': "export function requireUser(req, res, next) {\n  if (!req.session.userId) return res.sendStatus(401);\n  next();\n}\n",
      } },
      good: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', 'express-session': '^1.18.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\nimport session from 'express-session';\nimport { requireUser } from './auth';\n\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));\napp.use(express.json());\napp.post('/projects', requireUser, (req, res) => res.status(201).json({}));\napp.delete('/projects/:id', requireUser, (req, res) => res.sendStatus(204));\napp.listen(3000);\n",
        'src/auth.ts': "export function requireUser(req, res, next) {\n  if (!req.session.userId) return res.sendStatus(401);\n  next();\n}\n",
      } },
      fix: "Set `sameSite: 'lax'` (or `'strict'`) on the session / auth cookie (express-session: under `cookie: {...}`), and keep state-changing actions off GET. For older browsers, embedded contexts, or cookies that must stay `sameSite: 'none'` (a front end on another site), add CSRF tokens: csrf-csrf or csrf-sync (Express), @fastify/csrf-protection, koa-csrf, lusca; or reject requests whose Origin header is not yours. Or authenticate API calls with an Authorization header instead of a cookie.",
    },
  },
  scope: 'ts',
  triggers: {
    names: ['get', 'set', 'header', 'getHeader', 'cookie', 'setCookie', 'cookies', 'signedCookies', 'headers', 'setHeader', 'append'],
    modules: [...CSRF_PACKAGES, 'hono/csrf', 'hono/cookie', ...Object.keys(SESSION_LIBS), 'cookie-parser', '@fastify/cookie', 'fastify-cookie'],
  },
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    const data = () => ruleDataOf<Data>(ctx.facts, ID, () => ({}));
    if (imports.modules.some((m) => CSRF_PACKAGES.has(m.module) || CSRF_PACKAGES.has(packageName(m.module) ?? '') || m.module === 'hono/csrf')) data().csrf = true;
    const serverFile = imports.modules.some((m) => /^(express|fastify|koa|@koa\/router|koa-router|@nestjs\/|hono)/.test(m.module));

    const session = (lib: string, opts: ts.Expression | undefined, at: ts.Node) => {
      const cfg = SESSION_LIBS[lib];
      let sameSite: SameSite;
      const o = opts ? asObject(opts, consts) : undefined;
      if (opts && !o) sameSite = 'unknown';
      else if (o && hasOpaqueSpread(o, consts)) sameSite = 'unknown';
      else if (cfg.nested) {
        const c = o ? findProperty(o, 'cookie', consts) : undefined;
        const co = c?.value ? asObject(c.value, consts) : undefined;
        sameSite = c && !co ? 'unknown' : sameSiteOf(co, consts, cfg.defaultUnknown);
      } else sameSite = sameSiteOf(o, consts, cfg.defaultUnknown);
      (data().sessions ??= []).push({ range: nodeRange(sf, at), sameSite, label: cfg.label });
    };

    const cookieName = (e: ts.Expression | undefined) => (e ? stringValue(e, consts) : undefined);

    const onCall = (n: ts.Node) => {
      const call = n as ts.CallExpression;
      // `res.setHeader('Set-Cookie', `Authentication=${jwt}; Path=/`)`: an auth cookie set by hand, its SameSite in the text
      const raw = rawSetCookies(call, consts);
      if (raw) {
        for (const c of raw) {
          if (c.empty || !isAuthName(c.name) || c.attrs.get('max-age') === '0') continue;
          const v = c.attrs.get('samesite')?.toLowerCase();
          const sameSite: SameSite = c.opaque && v === undefined ? 'unknown' : v === undefined ? 'missing' : v === 'strict' || v === 'lax' || v === 'none' ? v : 'unknown';
          (data().sets ??= []).push({ range: nodeRange(sf, c.node), sameSite, label: `\`${c.name}\`` });
        }
        return;
      }
      const r = resolveCallee(call.expression, imports);
      const path = r?.path.join('.');
      if (r && SESSION_LIBS[r.module] && (path === '' || path === 'default' || path === 'session') && r.module !== '@fastify/session' && r.module !== '@fastify/secure-session') return session(r.module, call.arguments[0], call);
      if (r?.module === 'cookie-parser' && path === '') { (data().parsers ??= []).push(nodeRange(sf, call)); return; }
      const name = calleeName(call);
      if (!name) return;
      // app.register(fastifySession, { cookie: {...} }) / app.register(fastifyCookie)
      if (name === 'register' && call.arguments[0]) {
        const plugin = resolveCallee(unwrap(call.arguments[0]), imports);
        if (plugin && SESSION_LIBS[plugin.module]) return session(plugin.module, call.arguments[1], call);
        if (plugin?.module === '@fastify/cookie' || plugin?.module === 'fastify-cookie') { (data().parsers ??= []).push(nodeRange(sf, call)); return; }
      }
      // hono: getCookie(c, 'session') / setCookie(c, 'session', value, opts)
      if (r && /^hono\/cookie$/.test(r.module)) {
        if ((path === 'getCookie' || path === 'getSignedCookie') && isAuthName(cookieName(call.arguments[1]))) data().reads = true;
        if ((path === 'setCookie' || path === 'setSignedCookie') && isAuthName(cookieName(call.arguments[1]))) {
          const opts = call.arguments[path === 'setCookie' ? 3 : 4];
          const o = opts ? asObject(opts, consts) : undefined;
          (data().sets ??= []).push({ range: nodeRange(sf, call), sameSite: opts && !o ? 'unknown' : sameSiteOf(o, consts), label: `\`${cookieName(call.arguments[1])}\`` });
        }
        return;
      }
      const callee = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(callee)) return;
      const recv = accessPath(callee.expression);
      // ctx.cookies.get('sid') / req.cookies.get('token') (Next.js request cookies too)
      if (name === 'get' && recv && recv[recv.length - 1] === 'cookies' && recv.length >= 2 && isAuthName(cookieName(call.arguments[0]))) data().reads = true;
      // res.cookie('token', v, opts) / reply.setCookie(...) / ctx.cookies.set(...)
      const koaSet = name === 'set' && !!recv && recv.length >= 2 && recv[recv.length - 1] === 'cookies' && /^(ctx|context)$/.test(recv[0]);
      const resSet = (name === 'cookie' || name === 'setCookie') && call.arguments.length >= 2 && call.arguments.length <= 3 && (serverFile || /^(res|response|reply|resp)$/i.test(recv?.[recv.length - 1] ?? ''));
      if ((koaSet || resSet) && (isAuthName(cookieName(call.arguments[0])) || (cookieName(call.arguments[0]) !== undefined && !/csrf|xsrf/i.test(cookieName(call.arguments[0])!) && tokenValue(call.arguments[1])))) {
        const value = call.arguments[1] && unwrap(call.arguments[1]);
        if (value && (value.kind === ts.SyntaxKind.NullKeyword || (ts.isStringLiteralLike(value) && value.text === ''))) return;
        const opts = call.arguments[2];
        const o = opts ? asObject(opts, consts) : undefined;
        if (o) {
          const maxAge = findProperty(o, 'maxAge', consts)?.value;
          if (maxAge && ts.isNumericLiteral(unwrap(maxAge)) && Number((unwrap(maxAge) as ts.NumericLiteral).text) === 0) return;
        }
        (data().sets ??= []).push({ range: nodeRange(sf, call.expression), sameSite: opts && !o ? 'unknown' : sameSiteOf(o, consts), label: `\`${cookieName(call.arguments[0])}\`` });
      }
      // req.get('origin') / req.header('Origin') / headers.get('origin')
      if (/^(get|header|getHeader)$/.test(name) && ORIGIN_HEADERS.has((cookieName(call.arguments[0]) ?? '').toLowerCase())) data().csrf = true;
    };
    const onAccess = (n: ts.Node) => {
      const inner = (n as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
      if (!ts.isPropertyAccessExpression(inner) || !/^(cookies|signedCookies|headers)$/.test(inner.name.text)) return;
      const p = accessPath(n as ts.Expression);
      if (!p || p.length < 3) return;
      const i = p.findIndex((x) => x === 'cookies' || x === 'signedCookies');
      if (i >= 1 && i === p.length - 2 && isAuthName(p[i + 1])) data().reads = true;
      if (p[p.length - 2] === 'headers' && ORIGIN_HEADERS.has(p[p.length - 1].toLowerCase())) data().csrf = true;
    };
    const onElement = (n: ts.Node) => {
      const e = n as ts.ElementAccessExpression;
      if (!ts.isPropertyAccessExpression(e.expression) || !/^(cookies|signedCookies|headers)$/.test(e.expression.name.text)) return;
      const obj = accessPath(e.expression);
      const key = stringValue(e.argumentExpression, consts);
      if (!obj || !key) return;
      const last = obj[obj.length - 1];
      if ((last === 'cookies' || last === 'signedCookies') && obj.length >= 2 && isAuthName(key)) data().reads = true;
      if (last === 'headers' && ORIGIN_HEADERS.has(key.toLowerCase())) data().csrf = true;
    };
    return {
      CallExpression: onCall,
      PropertyAccessExpression: onAccess,
      ElementAccessExpression: onElement,
    };
  },
  checkWorkspace(ctx: WorkspaceRuleContext) {
    const pkgs = new Map<string, { sessions: Array<CookieSite & { file: string }>; parsers: Array<{ file: string; range: Range }>; sets: Array<CookieSite & { file: string }>; reads: boolean; csrf: boolean }>();
    for (const [path, f] of ctx.files) {
      const d = getRuleData<Data>(f.facts, ID);
      if (!d || f.facts.isTest) continue;
      const dir = ctx.facts.packageOf(path)?.dir ?? '';
      let p = pkgs.get(dir);
      if (!p) pkgs.set(dir, (p = { sessions: [], parsers: [], sets: [], reads: false, csrf: false }));
      for (const s of d.sessions ?? []) p.sessions.push({ ...s, file: path });
      for (const r of d.parsers ?? []) p.parsers.push({ file: path, range: r });
      for (const s of d.sets ?? []) p.sets.push({ ...s, file: path });
      if (d.reads) p.reads = true;
      if (d.csrf) p.csrf = true;
    }
    const apps = new Map<string, RouteInfo[]>();
    for (const r of ctx.facts.routes) {
      if (r.framework === 'nextjs') continue;
      let list = apps.get(r.app);
      if (!list) apps.set(r.app, (list = []));
      list.push(r);
    }
    for (const [app, routes] of apps) {
      const p = pkgs.get(routes[0].package);
      if (!p || p.csrf || routes.some((r) => r.hasCsrf)) continue;
      const cookieAuth = p.sessions.length > 0 || (p.reads && p.sets.length > 0);
      if (!cookieAuth) continue;
      const cookies = [...p.sessions, ...(p.reads ? p.sets : [])];
      if (cookies.some((c) => c.sameSite === 'unknown')) continue;
      const weak = cookies.filter((c) => c.sameSite === 'missing' || c.sameSite === 'none');
      if (!weak.length) continue;
      const targets = routes.filter((r) => r.kind === 'http' && MUTATING.has(r.method) && r.authGuarded && !r.opaque && !r.hasCsrf && !r.authFlow && routeTopic(r.path) !== 'webhook' && routeTopic(r.path) !== 'auth');
      if (!targets.length) continue;
      const appFile = app.includes('#') ? app.slice(0, app.indexOf('#')) : undefined;
      const pick = <T extends { file: string }>(xs: T[]) => xs.find((x) => x.file === appFile) ?? xs[0];
      const anchor = pick(p.sessions) ?? pick(p.parsers) ?? pick(weak);
      const w = weak[0];
      const cookie = p.sessions.includes(w as never) ? `the session cookie (${w.label})` : `the auth cookie ${w.label}`;
      const setting = w.sameSite === 'none' ? "is set with `sameSite: 'none'`" : 'is set without sameSite';
      const list = targets.slice(0, 3).map((r) => routeLabel(r)).join(', ') + (targets.length > 3 ? ` and ${targets.length - 3} more` : '');
      ctx.report({
        file: anchor.file,
        range: anchor.range,
        message: `Routes that change data with cookie authentication (${list}) have no CSRF defence: ${cookie} ${setting}, so the browser sends it on requests another site triggers, and a page the user visits can act as them. Set \`sameSite: 'lax'\` (or 'strict') on the cookie, or add CSRF tokens (csrf-csrf, @fastify/csrf-protection, koa-csrf) or an Origin check.`,
      });
    }
  },
};

export default rule;
