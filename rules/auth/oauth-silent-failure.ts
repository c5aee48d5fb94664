import { ts } from 'ts-morph';
import type { TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, asObject, calleeName, findProperty, hasOpaqueSpread, isFalse, isTestPath, propName, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { findNode, outermostFunction } from '../../server/engine/ts/functions';

const PASSPORT_MODULES = new Set(['passport', 'koa-passport', '@fastify/passport']);
/** Strategies built on passport-oauth2, which sends no `state` unless told to. */
const OAUTH2_STRATEGIES = /^passport-(google-oauth(20|2)?|github2?|facebook|oauth2|discord|linkedin-oauth2|microsoft|gitlab2|spotify|twitch(-new)?|slack-oauth2|dropbox-oauth2|bitbucket-oauth2|reddit|instagram|yandex|vkontakte|azure-ad-oauth2|heroku|digitalocean|strava|zoom-oauth2|notion|atlassian-oauth2|salesforce-oauth2|hubspot-oauth2|twitter-oauth2|42)$/;
const NOT_OAUTH = new Set(['local', 'jwt', 'bearer', 'basic', 'digest', 'anonymous', 'headerapikey', 'api-key', 'localapikey', 'session', 'custom', 'totp', 'magiclink', 'magic-link', 'cookie', 'hash', 'unique-token', 'webauthn', 'passwordless']);
const CALLBACK_PATH = /callback|redirect|return|oauth2?cb/i;
const FAILURE_OPTIONS = ['failureRedirect', 'failWithError'];
const ROUTE_METHODS = new Set(['get', 'post', 'all', 'use', 'route', 'put']);
/** Calls that lead to a report on their own name: passport's authenticate(), google-auth-library's and openid-client's URL builders. */
const ENTRY_CALLS = ['authenticate', 'generateAuthUrl', 'authorizationUrl'];
const AUTH_ENDPOINT = /(\/authorize|\/oauth2?\/(v\d(\.\d)?\/)?auth|\/dialog\/oauth|\/o\/oauth2|\/login\/oauth|\/oauth2?\/authorize|\/auth\?)/i;

const FAILURE_MESSAGE = (strategy: string) => `This OAuth callback has no failure handling: passport.authenticate('${strategy}') without \`failureRedirect\` (or \`failWithError\`) answers a denied consent, an expired code or a provider error with a bare 401 "Unauthorized" page, and nothing is logged. Add \`failureRedirect: '/login?error=oauth'\`, or handle the failure in a custom callback.`;
const IGNORED_ERR = "This passport callback ignores its `err` argument: a provider outage or a failed token exchange is treated like \"no user\" (or crashes further on) and is never logged. Handle it first: `if (err) return next(err)`.";
const STATE_OFF = "`state: false` turns off the OAuth `state` check: nothing ties the callback to the browser that started the login, so an attacker can finish a login in a victim's browser with the attacker's own account (login CSRF). Remove it and set `state: true` (it needs a session) or a state `store`.";
const STATE_MISSING = (module: string) => `This ${module} strategy sends no \`state\` (passport-oauth2 strategies only do with \`state: true\` or a \`store\`): nothing ties the callback to the browser that started the login, so an attacker can log a victim into the attacker's own account (login CSRF). Set \`state: true\` (it needs a session), or \`pkce: true\` with it.`;
const URL_NO_STATE = 'This OAuth authorization request has no `state` (and no PKCE `code_challenge`): nothing ties the callback to the browser that started the login, so the callback accepts a code an attacker planted (login CSRF, a victim linked to the attacker\'s account). Send a random `state`, keep it in the session or a cookie, and compare it in the callback.';

function isFunctionExpr(e: ts.Expression | undefined): e is ts.ArrowFunction | ts.FunctionExpression {
  const u = e && unwrap(e);
  return !!u && (ts.isArrowFunction(u) || ts.isFunctionExpression(u));
}

/** `params` keys as an authorization request: client_id with redirect_uri / response_type, not a token request (grant_type, code, client_secret). */
function authRequestWithoutState(keys: Set<string>): boolean {
  if (!keys.has('client_id') || !(keys.has('redirect_uri') || keys.has('response_type'))) return false;
  if (keys.has('grant_type') || keys.has('code') || keys.has('client_secret') || keys.has('refresh_token')) return false;
  return !keys.has('state') && !keys.has('code_challenge');
}

const rule: TsRule = {
  meta: {
    id: 'auth/oauth-silent-failure',
    category: 'auth',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'OAuth callbacks without failure handling or without state',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.auth',
    docs: {
      why: "The OAuth callback is where sign-in fails in production: users deny consent, codes expire, providers have outages. passport.authenticate() without `failureRedirect` answers all of that with a bare 401 page, and a custom callback that ignores `err` hides provider errors from your logs. The `state` parameter ties the callback to the browser that started the login; without it an attacker can complete a login in a victim's browser with the attacker's account (login CSRF), and passport-oauth2 strategies (Google, GitHub, Facebook...) send no state unless `state: true` is set.",
      checks: "Also checked: authorization URLs built by hand (a literal URL, URLSearchParams, google-auth-library's generateAuthUrl, openid-client's authorizationUrl) with no `state` and no PKCE.",
      bad: { files: { 'src/auth/google.ts': "import passport from 'passport';\nimport { Strategy as GoogleStrategy } from 'passport-google-oauth20';\nimport { Router } from 'express';\n\npassport.use(new GoogleStrategy({ clientID: process.env.GOOGLE_CLIENT_ID!, clientSecret: process.env.GOOGLE_CLIENT_SECRET!, callbackURL: '/auth/google/callback', state: false }, verify));\n\nexport const router = Router();\nrouter.get('/auth/google', passport.authenticate('google', { scope: ['profile', 'email'] }));\nrouter.get('/auth/google/callback', passport.authenticate('google', { successRedirect: '/' }));\n" } },
      good: { files: { 'src/auth/google.ts': "import passport from 'passport';\nimport { Strategy as GoogleStrategy } from 'passport-google-oauth20';\nimport { Router } from 'express';\n\npassport.use(new GoogleStrategy({ clientID: process.env.GOOGLE_CLIENT_ID!, clientSecret: process.env.GOOGLE_CLIENT_SECRET!, callbackURL: '/auth/google/callback', state: true }, verify));\n\nexport const router = Router();\nrouter.get('/auth/google', passport.authenticate('google', { scope: ['profile', 'email'] }));\nrouter.get('/auth/google/callback', passport.authenticate('google', { successRedirect: '/', failureRedirect: '/login?error=google' }));\n" } },
      fix: "On the callback route, pass `failureRedirect` (and `failureMessage: true` to show why), or use a custom callback that handles `err` (log it, `next(err)`) and a missing user. Turn on `state: true` in passport OAuth strategies (it needs a session), and in hand-built flows send a random `state`, keep it in the session or a cookie, and compare it in the callback (PKCE's `code_challenge` also protects the flow).",
    },
  },
  scope: 'ts',
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    const oauthModules = imports.modules.filter((m) => OAUTH2_STRATEGIES.test(m.module)).map((m) => m.module);
    // Every report needs a passport-oauth2 strategy import, one of ENTRY_CALLS, or a request's `client_id` key (a name, or in a string: a URL, set('client_id'), a computed key).
    if (!oauthModules.length && !ENTRY_CALLS.some(ctx.hasName) && !ctx.hasName('client_id') && !sf.text.includes('client_id')) return {};

    const isAuthenticate = (call: ts.CallExpression): boolean => {
      if (calleeName(call) !== 'authenticate') return false;
      const callee = resolveCallee(call.expression, imports);
      if (callee) return PASSPORT_MODULES.has(callee.module);
      const target = unwrap(call.expression);
      const recv = ts.isPropertyAccessExpression(target) ? accessPath(target.expression) : undefined;
      return !!recv && /passport/i.test(recv[recv.length - 1]);
    };

    /** The path of the route an authenticate() middleware is registered on (`router.get('/auth/google/callback', ...)`). */
    const routePath = (call: ts.CallExpression): string | undefined => {
      let n: ts.Node = call;
      while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
      const route = n.parent;
      if (!ts.isCallExpression(route) || !route.arguments.includes(n as ts.Expression)) return undefined;
      const method = calleeName(route);
      return method && ROUTE_METHODS.has(method) ? stringValue(route.arguments[0], consts) : undefined;
    };

    const checkAuthenticate = (call: ts.CallExpression) => {
      const strategies = (() => {
        const a = consts.resolve(call.arguments[0]);
        if (a && ts.isArrayLiteralExpression(a)) return a.elements.map((e) => stringValue(e, consts));
        return [stringValue(a, consts)];
      })();
      if (strategies.some((s) => s === undefined || NOT_OAUTH.has(s.toLowerCase()))) return;
      const strategy = strategies.join("', '");
      const custom = [call.arguments[1], call.arguments[2]].find(isFunctionExpr);
      if (custom) {
        const errParam = custom.parameters[0];
        if (!errParam || !ts.isIdentifier(errParam.name)) return;
        const err = errParam.name.text;
        const used = !!findNode(custom.body, (n) => ts.isIdentifier(n) && n.text === err && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n));
        if (!used) ctx.report({ message: IGNORED_ERR, range: nodeRange(sf, errParam) });
        return;
      }
      const optsArg = call.arguments[1];
      const opts = optsArg ? asObject(optsArg, consts) : undefined;
      if (optsArg && (!opts || hasOpaqueSpread(opts, consts))) return;
      if (opts && FAILURE_OPTIONS.some((o) => findProperty(opts, o, consts))) return;
      const path = routePath(call);
      const isCallback = (path !== undefined && CALLBACK_PATH.test(path)) || (!!opts && (!!findProperty(opts, 'successRedirect', consts) || !!findProperty(opts, 'successReturnToOrRedirect', consts)));
      if (!isCallback || (path === undefined && opts && findProperty(opts, 'scope', consts) && !findProperty(opts, 'successRedirect', consts))) return;
      ctx.report({ message: FAILURE_MESSAGE(strategy), range: nodeRange(sf, call.expression) });
    };

    /** The OAuth strategy module a class extends (`class GoogleStrategy extends PassportStrategy(Strategy, 'google')`). */
    const strategyBase = (superCall: ts.CallExpression): string | undefined => {
      let cls: ts.Node | undefined = superCall.parent;
      while (cls && !ts.isClassLike(cls)) cls = cls.parent;
      const heritage = cls && (cls as ts.ClassLikeDeclaration).heritageClauses;
      let module: string | undefined;
      for (const h of heritage ?? []) findNode(h, (n) => { const b = ts.isIdentifier(n) ? imports.bindings.get(n.text) : undefined; if (b && OAUTH2_STRATEGIES.test(b.module)) module = b.module; return !!module; });
      return module;
    };

    const checkStrategyOptions = (optionsArg: ts.Expression | undefined, module: string) => {
      const opts = asObject(optionsArg, consts);
      if (!opts) return;
      const state = findProperty(opts, 'state', consts);
      if (state?.value && isFalse(state.value, consts)) { ctx.report({ message: STATE_OFF, range: nodeRange(sf, state.node) }); return; }
      if (state || findProperty(opts, 'store', consts) || hasOpaqueSpread(opts, consts)) return;
      ctx.report({ message: STATE_MISSING(module), range: nodeRange(sf, opts) });
    };

    const checkParams = (obj: ts.ObjectLiteralExpression | undefined, at: ts.Node) => {
      if (!obj || hasOpaqueSpread(obj, consts)) return;
      const keys = new Set(obj.properties.map((p) => propName(p.name)).filter((x): x is string => !!x));
      if (authRequestWithoutState(keys)) ctx.report({ message: URL_NO_STATE, range: nodeRange(sf, at) });
    };

    /** `url.searchParams.set('client_id', ...)` / `params.append(...)` calls in one function, read as one request. */
    const searchParamCalls = new Map<ts.Node, { keys: Set<string>; first: ts.Node }>();

    const onCall = (call: ts.CallExpression) => {
      if (isAuthenticate(call)) { checkAuthenticate(call); return; }
      const name = calleeName(call);
      const target = unwrap(call.expression);
      if (target.kind === ts.SyntaxKind.SuperKeyword && oauthModules.length) {
        const module = strategyBase(call);
        if (module) checkStrategyOptions(call.arguments[0], module);
        return;
      }
      if (name === 'generateAuthUrl' || name === 'authorizationUrl') {
        const o = asObject(call.arguments[0], consts);
        if (!o || hasOpaqueSpread(o, consts)) return;
        if (!findProperty(o, 'state', consts) && !findProperty(o, 'code_challenge', consts) && !findProperty(o, 'nonce', consts)) ctx.report({ message: URL_NO_STATE, range: nodeRange(sf, call.expression) });
        return;
      }
      if (name === 'stringify' && ts.isPropertyAccessExpression(target) && /^(qs|querystring)$/.test(accessPath(target.expression)?.[0] ?? '')) { checkParams(asObject(call.arguments[0], consts), call); return; }
      if ((name === 'set' || name === 'append') && ts.isPropertyAccessExpression(target)) {
        const key = stringValue(call.arguments[0], consts);
        const fn = outermostFunction(call) ?? sf;
        if (!key || !/^(client_id|redirect_uri|response_type|state|code_challenge|grant_type|code|client_secret|refresh_token)$/.test(key)) return;
        const entry = searchParamCalls.get(fn) ?? { keys: new Set<string>(), first: call };
        entry.keys.add(key);
        searchParamCalls.set(fn, entry);
      }
    };

    const onNew = (created: ts.NewExpression) => {
      const c = resolveCallee(created.expression, imports);
      if (c && OAUTH2_STRATEGIES.test(c.module)) { if (!/^OAuthStrategy$/.test(c.path.join('.'))) checkStrategyOptions(created.arguments?.[0], c.module); return; }
      if (calleeName(created) === 'URLSearchParams') checkParams(asObject(created.arguments?.[0], consts), created);
    };

    /** A literal authorization URL with its query: `https://github.com/login/oauth/authorize?client_id=${id}&scope=user`. */
    const onLiteral = (e: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression) => {
      if (ts.isTemplateSpan(e.parent) || (ts.isBinaryExpression(e.parent) && e.parent.operatorToken.kind === ts.SyntaxKind.PlusToken)) return;
      const text = ts.isTemplateExpression(e) ? e.head.text + e.templateSpans.map((s) => `X${s.literal.text}`).join('') : e.text;
      const q = text.indexOf('?');
      if (q < 0 || !AUTH_ENDPOINT.test(text.slice(0, q + 1))) return;
      const keys = new Set(text.slice(q + 1).split('&').map((kv) => kv.split('=')[0]));
      if (authRequestWithoutState(keys) || (keys.has('client_id') && !keys.has('state') && !keys.has('code_challenge') && !keys.has('grant_type'))) ctx.report({ message: URL_NO_STATE, range: nodeRange(sf, e) });
    };

    return {
      CallExpression: (n) => onCall(n as ts.CallExpression),
      NewExpression: (n) => onNew(n as ts.NewExpression),
      StringLiteral: (n) => onLiteral(n as ts.StringLiteral),
      NoSubstitutionTemplateLiteral: (n) => onLiteral(n as ts.NoSubstitutionTemplateLiteral),
      TemplateExpression: (n) => onLiteral(n as ts.TemplateExpression),
      onEnd() {
        for (const { keys, first } of searchParamCalls.values()) if (authRequestWithoutState(keys)) ctx.report({ message: URL_NO_STATE, range: nodeRange(sf, first) });
      },
    };
  },
};

export default rule;
