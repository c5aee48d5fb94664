import { ts } from 'ts-morph';
import type { TextEdit, TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, asObject, calleeName, findProperty, hasOpaqueSpread, isFalse, isTestPath, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { addProperty, insertArgument, insertAt, nodeRange, quoteOf, replaceNode } from '../../server/engine/ts/edits';
import { rawSetCookies, signedWithLifetime, tokenValue } from '../../server/engine/ts/cookies';
import { camelWords } from '../../server/engine/ts/words';

type Flag = 'httpOnly' | 'secure' | 'sameSite' | 'maxAge';

/** How a library sets a cookie: which flags it turns on by itself, and the unit of `maxAge`. */
interface Lib { label: string; httpOnlyDefault: boolean; secureDefault: boolean; maxAgeSeconds: boolean }
const LIBS = {
  expressSession: { label: 'express-session', httpOnlyDefault: true, secureDefault: false, maxAgeSeconds: false },
  // cookie-session and Koa go through `cookies`: httpOnly by default, secure when the request is HTTPS
  cookieSession: { label: 'cookie-session', httpOnlyDefault: true, secureDefault: true, maxAgeSeconds: false },
  koa: { label: 'ctx.cookies.set()', httpOnlyDefault: true, secureDefault: true, maxAgeSeconds: false },
  express: { label: 'res.cookie()', httpOnlyDefault: false, secureDefault: false, maxAgeSeconds: false },
  fastify: { label: 'reply.setCookie()', httpOnlyDefault: false, secureDefault: false, maxAgeSeconds: true },
  hono: { label: 'setCookie()', httpOnlyDefault: false, secureDefault: false, maxAgeSeconds: true },
  next: { label: 'cookies().set()', httpOnlyDefault: false, secureDefault: false, maxAgeSeconds: true },
  // the `cookie` package's serialize(), whose string a handler sends as a Set-Cookie header (Next.js API routes)
  serialize: { label: 'cookie.serialize()', httpOnlyDefault: false, secureDefault: false, maxAgeSeconds: true },
} satisfies Record<string, Lib>;

interface CookieCall {
  lib: Lib;
  name?: ts.Expression;
  value?: ts.Expression;
  /** The options argument, or undefined when the call has none (then `optionsIndex` is where it goes). */
  options?: ts.Expression;
  optionsIndex: number;
  /** express-session keeps the flags under `cookie: {...}`. */
  nested?: boolean;
}

const AUTH_WORDS = new Set(['session', 'sess', 'sid', 'sessionid', 'sessid', 'token', 'auth', 'jwt', 'refresh', 'access', 'remember', 'login', 'identity', 'credentials', 'authentication', 'authorization']);
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const SERVER_MODULES = /^(express|fastify|koa|@koa\/router|koa-router|@nestjs\/|hono|next\/|h3$|@hapi\/|restify)/;
const RESPONSE_NAMES = /^(res|response|reply|resp|rep)$/i;

const REASONS: Record<Flag, string> = {
  httpOnly: 'without httpOnly any injected script can read it',
  secure: 'without secure it also travels over plain HTTP',
  sameSite: 'without sameSite it rides along on cross-site requests (CSRF)',
  maxAge: 'without maxAge/expires it has no lifetime of its own (browsers that restore sessions keep it indefinitely)',
};
const LABELS: Record<Flag, string> = { httpOnly: 'httpOnly', secure: 'secure', sameSite: 'sameSite', maxAge: 'maxAge/expires' };

function listOf(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `{ maxAge: 0 }`, `{ expires: new Date(0) }`: a cookie being cleared. */
function clears(obj: ts.ObjectLiteralExpression | undefined): boolean {
  if (!obj) return false;
  const maxAge = findProperty(obj, 'maxAge')?.value;
  const m = maxAge && unwrap(maxAge);
  if (m && ((ts.isNumericLiteral(m) && Number(m.text) === 0) || (ts.isPrefixUnaryExpression(m) && m.operator === ts.SyntaxKind.MinusToken))) return true;
  const expires = findProperty(obj, 'expires')?.value;
  const e = expires && unwrap(expires);
  return !!e && ts.isNewExpression(e) && calleeName(e) === 'Date' && e.arguments?.length === 1 && ts.isNumericLiteral(e.arguments[0]) && Number(e.arguments[0].text) === 0;
}

function isEmptyValue(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const v = unwrap(e);
  return v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined') || (ts.isStringLiteralLike(v) && v.text === '');
}

const rule: TsRule = {
  meta: {
    id: 'auth/session-cookie-flags',
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Session or auth cookie without httpOnly, secure, sameSite or a lifetime',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'harden.auth',
    docs: {
      why: 'A session or token cookie is the user\'s identity. Without `httpOnly` one XSS bug hands it to an attacker; without `secure` it is sent in clear text over any HTTP request; without `sameSite` the browser attaches it to cross-site requests (CSRF); without `maxAge`/`expires` its lifetime is whatever the browser decides. Library defaults differ: express-session, cookie-session and Koa set httpOnly for you, `res.cookie()` and Fastify do not.',
      bad: { files: { 'src/routes/auth.ts': "import { Router } from 'express';\n\nexport const router = Router();\n\nrouter.post('/login', async (req, res) => {\n  const token = await login(req.body);\n  res.cookie('token', token);\n  res.sendStatus(204);\n});\n" } },
      good: { files: { 'src/routes/auth.ts': "import { Router } from 'express';\n\nexport const router = Router();\n\nrouter.post('/login', async (req, res) => {\n  const token = await login(req.body);\n  res.cookie('token', token, {\n    httpOnly: true,\n    secure: process.env.NODE_ENV === 'production',\n    sameSite: 'lax',\n    maxAge: 1000 * 60 * 60 * 24 * 7,\n  });\n  res.sendStatus(204);\n});\n" } },
      fix: "Set `httpOnly: true`, `secure` (gate it on the environment if local development runs over HTTP: `secure: process.env.NODE_ENV === 'production'`), `sameSite: 'lax'` (or 'strict') and an explicit `maxAge`. For express-session these live under `cookie: {...}`. Behind a TLS-terminating proxy also `app.set('trust proxy', 1)`, or secure cookies are never sent.",
    },
  },
  scope: 'ts',
  triggers: { names: ['cookie', 'setCookie', 'cookies', 'setHeader', 'header', 'append', 'appendHeader', 'serialize'], modules: ['express-session', 'cookie-session', 'hono/cookie', 'next/headers', 'next/server', 'cookie', 'cookie-es'] },
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    const q = quoteOf(sf);
    const serverFile = imports.modules.some((m) => SERVER_MODULES.test(m.module));
    const importsKoa = imports.modules.some((m) => /^(koa|@koa\/router|koa-router)$/.test(m.module));
    const importsNext = imports.modules.some((m) => /^next\/(headers|server)$/.test(m.module));

    const isNextCookies = (e: ts.Expression): boolean => {
      const r = consts.resolve(e);
      if (!r || !ts.isCallExpression(r)) return false;
      const c = resolveCallee(r.expression, imports);
      return c?.module === 'next/headers' && c.path.join('.') === 'cookies';
    };

    const classify = (call: ts.CallExpression): CookieCall | undefined => {
      const args = call.arguments;
      const callee = resolveCallee(call.expression, imports);
      const path = callee?.path.join('.');
      if (callee?.module === 'express-session' && path === '') return { lib: LIBS.expressSession, options: args[0], optionsIndex: 0, nested: true };
      if (callee?.module === 'cookie-session' && path === '') return { lib: LIBS.cookieSession, options: args[0], optionsIndex: 0 };
      if (callee?.module === 'hono/cookie' && path === 'setCookie') return { lib: LIBS.hono, name: args[1], value: args[2], options: args[3], optionsIndex: 3 };
      if (callee?.module === 'hono/cookie' && path === 'setSignedCookie') return { lib: LIBS.hono, name: args[1], value: args[2], options: args[4], optionsIndex: 4 };
      if ((callee?.module === 'cookie' || callee?.module === 'cookie-es') && path === 'serialize') return { lib: LIBS.serialize, name: args[0], value: args[1], options: args[2], optionsIndex: 2 };
      if (callee) return undefined;
      const target = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(target)) return undefined;
      const method = target.name.text;
      // `res.status(200).cookie(...)`: the response the chain starts from
      let recvExpr = unwrap(target.expression);
      while (ts.isCallExpression(recvExpr) && ts.isPropertyAccessExpression(recvExpr.expression) && /^(status|set|header|clearCookie|cookie|type|vary|append)$/.test(recvExpr.expression.name.text)) recvExpr = unwrap(recvExpr.expression.expression);
      const recvPath = accessPath(recvExpr);
      const recvName = recvPath?.[recvPath.length - 1];
      if (method === 'set') {
        const recv = unwrap(target.expression);
        if (isNextCookies(recv) || (importsNext && recvName === 'cookies')) {
          if (args.length === 1) return { lib: LIBS.next, options: args[0], optionsIndex: 1, name: undefined, value: undefined };
          return { lib: LIBS.next, name: args[0], value: args[1], options: args[2], optionsIndex: 2 };
        }
        if (recvPath && recvPath.length >= 2 && recvName === 'cookies' && (importsKoa || /^(ctx|context)$/.test(recvPath[0]))) {
          return { lib: LIBS.koa, name: args[0], value: args[1], options: args[2], optionsIndex: 2 };
        }
        return undefined;
      }
      if ((method === 'cookie' || method === 'setCookie') && args.length >= 2 && args.length <= 3 && (serverFile || RESPONSE_NAMES.test(recvName ?? ''))) {
        const lib = method === 'setCookie' || recvName === 'reply' || imports.modules.some((m) => /^fastify$|^@fastify\//.test(m.module)) ? LIBS.fastify : LIBS.express;
        return { lib, name: args[0], value: args[1], options: args[2], optionsIndex: 2 };
      }
      return undefined;
    };

    /** True when the cookie carries a session or credential (by its name, or by the value's name when the name is not static). */
    const isAuthCookie = (c: CookieCall, obj: ts.ObjectLiteralExpression | undefined): { yes: boolean; name?: string } => {
      const nameExpr = c.name ?? (obj ? findProperty(obj, 'name', consts)?.value : undefined);
      const valueExpr = c.value ?? (obj ? findProperty(obj, 'value', consts)?.value : undefined);
      const name = stringValue(nameExpr, consts);
      if (name !== undefined) {
        if (!COOKIE_NAME.test(name)) return { yes: false };
        const ws = camelWords(name);
        if (ws.some((w) => w === 'csrf' || w === 'xsrf')) return { yes: false };
        // a name that says nothing (`kento`): the value tells, when it is plainly the signed-in user's token
        return { yes: ws.some((w) => AUTH_WORDS.has(w)) || tokenValue(valueExpr), name };
      }
      const v = valueExpr && unwrap(valueExpr);
      const vName = v && (ts.isCallExpression(v) ? calleeName(v) : accessPath(v)?.pop());
      return { yes: !!vName && camelWords(vName).some((w) => AUTH_WORDS.has(w)) };
    };

    const propLines = (obj: ts.ObjectLiteralExpression | undefined, props: string[]): string => {
      if (!obj || obj.properties.length === 0) return props.join(', ');
      const first = obj.properties[0];
      const multiline = sf.getLineAndCharacterOfPosition(first.getStart(sf)).line !== sf.getLineAndCharacterOfPosition(obj.getStart(sf)).line;
      if (!multiline) return props.join(', ');
      const last = obj.properties[obj.properties.length - 1];
      const { line } = sf.getLineAndCharacterOfPosition(last.getStart(sf));
      const lineStart = sf.getPositionOfLineAndCharacter(line, 0);
      const indent = /^[ \t]*/.exec(sf.text.slice(lineStart, lineStart + 200))![0];
      return props.join(`,\n${indent}`);
    };

    /** `res.setHeader('Set-Cookie', `Authentication=${token}; Path=/`)`: the attributes written in the header's text. */
    const checkRaw = (call: ts.CallExpression): boolean => {
      const cookies = rawSetCookies(call, consts);
      if (!cookies) return false;
      for (const c of cookies) {
        const ws = camelWords(c.name);
        if (c.opaque || c.empty || !ws.some((w) => AUTH_WORDS.has(w)) || ws.some((w) => w === 'csrf' || w === 'xsrf')) continue;
        if (c.attrs.get('max-age') === '0' || /1970/.test(c.attrs.get('expires') ?? '')) continue;
        const has: Record<Flag, boolean> = { httpOnly: c.attrs.has('httponly'), secure: c.attrs.has('secure'), sameSite: c.attrs.has('samesite'), maxAge: c.attrs.has('max-age') || c.attrs.has('expires') };
        const missing = (['httpOnly', 'secure', 'sameSite', 'maxAge'] as Flag[]).filter((f) => !has[f]);
        if (!missing.length) continue;
        const add = missing.map((f) => ({ httpOnly: 'HttpOnly', secure: 'Secure', sameSite: 'SameSite=Lax', maxAge: 'Max-Age=604800' })[f]);
        const shipStopping = missing.includes('httpOnly') || missing.includes('secure');
        ctx.report({
          message: `Auth cookie \`${c.name}\` is set by a raw Set-Cookie header without ${listOf(missing.map((f) => LABELS[f]))}: ${missing.map((f) => REASONS[f]).join('; ')}. Add the missing attributes (\`${add.join('; ')}\`), or set it with the framework's cookie helper and its options.`,
          range: nodeRange(sf, c.node),
          tier: shipStopping ? 'ship-stopping' : 'tech-debt',
          fixes: [{ title: `Add ${add.join('; ')} to the cookie`, safe: false, edits: [insertAt(sf, file.path, c.node.end - 1, `; ${add.join('; ')}`)] }],
        });
      }
      return true;
    };

    const check = (call: ts.CallExpression) => {
      if (checkRaw(call)) return;
      const c = classify(call);
      if (!c) return;
      let outer: ts.ObjectLiteralExpression | undefined;
      if (c.options) {
        outer = asObject(c.options, consts);
        if (!outer || hasOpaqueSpread(outer, consts)) return;
      } else if (c.nested || c.lib === LIBS.cookieSession) return;
      let flagsObj = outer;
      let cookieProp: ts.Expression | undefined;
      if (c.nested && outer) {
        cookieProp = findProperty(outer, 'cookie', consts)?.value;
        if (cookieProp) {
          flagsObj = asObject(cookieProp, consts);
          if (!flagsObj || hasOpaqueSpread(flagsObj, consts)) return;
        } else flagsObj = undefined;
      }
      let cookieName: string | undefined;
      if (!c.nested && c.lib !== LIBS.cookieSession) {
        const auth = isAuthCookie(c, outer);
        if (!auth.yes || isEmptyValue(c.value ?? (outer && findProperty(outer, 'value', consts)?.value)) || clears(flagsObj)) return;
        cookieName = auth.name;
      }

      const missing: Flag[] = [];
      const turnedOff: Flag[] = [];
      const replaceEdits: TextEdit[] = [];
      const wanted: Record<Flag, string> = {
        httpOnly: 'true',
        secure: `process.env.NODE_ENV === ${q}production${q}`,
        sameSite: `${q}lax${q}`,
        maxAge: c.lib.maxAgeSeconds ? '60 * 60 * 24 * 7' : '1000 * 60 * 60 * 24 * 7',
      };
      const toAdd: string[] = [];
      for (const flag of ['httpOnly', 'secure', 'sameSite', 'maxAge'] as Flag[]) {
        const p = flagsObj && (findProperty(flagsObj, flag, consts) ?? (flag === 'maxAge' ? findProperty(flagsObj, 'expires', consts) : undefined));
        if (p) {
          if (flag !== 'maxAge' && p.value && isFalse(p.value, consts)) {
            turnedOff.push(flag);
            if (p.value.getSourceFile() === sf && ts.isPropertyAssignment(p.node)) replaceEdits.push(replaceNode(sf, file.path, p.value, wanted[flag]));
          }
          continue;
        }
        if ((flag === 'httpOnly' && c.lib.httpOnlyDefault) || (flag === 'secure' && c.lib.secureDefault)) continue;
        missing.push(flag);
        toAdd.push(`${flag}: ${wanted[flag]}`);
      }
      // a JWT signed here with its own lifetime: the server refuses it once expired; without maxAge the cookie itself
      // ends with the browser session, which is shorter still
      if (missing.includes('maxAge') && signedWithLifetime(c.value ?? (outer && findProperty(outer, 'value', consts)?.value))) {
        missing.splice(missing.indexOf('maxAge'), 1);
        toAdd.splice(toAdd.findIndex((t) => t.startsWith('maxAge')), 1);
      }
      const all = [...turnedOff, ...missing];
      if (!all.length) return;

      const edits: TextEdit[] = [...replaceEdits];
      let editable = true;
      if (toAdd.length) {
        if (flagsObj) {
          if (flagsObj.getSourceFile() !== sf) editable = false;
          else edits.push(addProperty(sf, file.path, flagsObj, propLines(flagsObj, toAdd)));
        } else if (c.nested && outer) {
          if (outer.getSourceFile() !== sf) editable = false;
          else {
            const multiline = propLines(outer, ['a', 'b']).includes('\n');
            edits.push(addProperty(sf, file.path, outer, multiline ? cookieBlock(outer, toAdd) : `cookie: { ${toAdd.join(', ')} }`));
          }
        } else {
          edits.push(insertArgument(sf, file.path, call, c.optionsIndex, `{ ${toAdd.join(', ')} }`));
        }
      }
      const turnedOffSet = new Set(turnedOff);
      const labels = all.map((f) => (turnedOffSet.has(f) ? `${LABELS[f]} (set to false)` : LABELS[f]));
      const subject = c.nested || c.lib === LIBS.cookieSession
        ? `The session cookie (${c.lib.label})`
        : cookieName ? `Auth cookie \`${cookieName}\`` : `This auth cookie (${c.lib.label})`;
      const shipStopping = all.includes('httpOnly') || all.includes('secure');
      ctx.report({
        message: `${subject} is set without ${listOf(labels)}: ${all.map((f) => REASONS[f]).join('; ')}. Add the missing cookie options.`,
        // `reply.code(200)\n  .setCookie(...)`: at the method, not at the start of the chain
        range: nodeRange(sf, call.expression, methodChained(call) ? (call.expression as ts.PropertyAccessExpression).name.getStart(sf) : undefined),
        tier: shipStopping ? 'ship-stopping' : 'tech-debt',
        fixes: editable ? [{ title: `Add ${listOf(all.map((f) => LABELS[f].split('/')[0]))} to the cookie options`, safe: false, edits }] : undefined,
      });
    };

    /** `cookie: {...}` as a multi-line block under a multi-line express-session options object. */
    const cookieBlock = (outer: ts.ObjectLiteralExpression, props: string[]): string => {
      const last = outer.properties[outer.properties.length - 1];
      const { line } = sf.getLineAndCharacterOfPosition(last.getStart(sf));
      const lineStart = sf.getPositionOfLineAndCharacter(line, 0);
      const indent = /^[ \t]*/.exec(sf.text.slice(lineStart, lineStart + 200))![0];
      return `cookie: {\n${props.map((p) => `${indent}  ${p},`).join('\n')}\n${indent}}`;
    };

    return { CallExpression: (n) => check(n as ts.CallExpression) };
  },
};

/** `reply.code(200).setCookie(...)`: a method called on another method's result. */
function methodChained(call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const recv = unwrap(call.expression.expression);
  return ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression);
}

export default rule;
