import { ts } from 'ts-morph';
import type { Fix, Range, TsRule } from '../../server/engine/types';
import { accessPath, asObject, calleeName, findProperty, hasOpaqueSpread, isTestPath, resolveCallee, stringValue, unwrap, type ConstTable } from '../../server/engine/ts/helpers';
import { addProperty, insertArgument, removeProperty, insertAt, nodeRange, quoteOf, replaceNode } from '../../server/engine/ts/edits';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';

const ID = 'auth/jwt-no-expiry';

type Lib = 'fastify' | 'nest';

/** A plugin / module registration without a default lifetime, and the sign calls that rely on the default. */
interface Data {
  registrations?: Array<{ lib: Lib; range: Range; fix?: Fix }>;
  calls?: Array<{ lib: Lib; range: Range; text: string }>;
}

const REGISTRATION: Record<Lib, { what: string; option: string }> = {
  fastify: { what: '@fastify/jwt is registered', option: '`sign: { expiresIn }`' },
  nest: { what: 'JwtModule is registered', option: '`signOptions: { expiresIn }`' },
};

/** Objects a `useFactory` returns; undefined when one of them cannot be seen. */
function factoryResults(fn: ts.Expression | undefined, consts: ConstTable): ts.ObjectLiteralExpression[] | undefined {
  const f = fn && consts.resolve(fn);
  if (!f || !(ts.isArrowFunction(f) || ts.isFunctionExpression(f))) return undefined;
  if (!ts.isBlock(f.body)) { const o = asObject(f.body, consts); return o ? [o] : undefined; }
  const out: ts.ObjectLiteralExpression[] = [];
  let opaque = false;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) { const o = asObject(n.expression, consts); if (o) out.push(o); else opaque = true; }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(f.body, visit);
  return opaque || !out.length ? undefined : out;
}

/** `1000 * 60 * 3`: a lifetime multiplied out in milliseconds (a factor 1000, at least a minute's worth), or undefined. */
function millisecondsProduct(e: ts.Expression | undefined, consts: ConstTable, depth = 0): number | undefined {
  const factors: number[] = [];
  const collect = (x: ts.Expression, d: number): boolean => {
    const u = unwrap(x);
    if (ts.isNumericLiteral(u)) { factors.push(Number(u.text.replace(/_/g, ''))); return true; }
    if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return collect(u.left, d) && collect(u.right, d);
    if (ts.isIdentifier(u) && d < 3) { const init = consts.get(u.text); return !!init && collect(init, d + 1); }
    return false;
  };
  if (!e || !collect(e, depth) || factors.length < 2 || !factors.includes(1000)) return undefined;
  const total = factors.reduce((a, b) => a * b, 1);
  return total >= 60_000 && Number.isFinite(total) ? total : undefined;
}

/** 180 -> '3m', 86400 -> '1d': a zeit/ms string for a number of seconds. */
function msString(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** 180000 -> 'about 2 days'. */
function roughly(seconds: number): string {
  const unit = (n: number, w: string) => `about ${n >= 10 ? Math.round(n) : Math.round(n * 10) / 10} ${w}${n >= 1.05 ? 's' : ''}`;
  if (seconds >= 365 * 86400) return unit(seconds / (365 * 86400), 'year');
  if (seconds >= 86400) return unit(seconds / 86400, 'day');
  return unit(seconds / 3600, 'hour');
}

function spelled(s: string): string {
  const n = Number(s.slice(0, -1));
  const w = { s: 'second', m: 'minute', h: 'hour', d: 'day' }[s.slice(-1)]!;
  return `${n} ${w}${n === 1 ? '' : 's'}`;
}

const rule: TsRule = {
  meta: {
    id: 'auth/jwt-no-expiry',
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'JWTs are signed without an expiry',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.auth',
    docs: {
      why: 'A token without `exp` is valid forever: a leaked or stolen token (logs, browser storage, a former employee) keeps working until the signing key is rotated, which logs every user out.',
      bad: { files: { 'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, process.env.JWT_SECRET!);\n" } },
      good: { files: { 'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, process.env.JWT_SECRET!, { expiresIn: '15m' });\n" } },
      fix: "Give every token a lifetime: `expiresIn` in jsonwebtoken's options, `.setExpirationTime('15m')` with jose, a default at registration with @fastify/jwt (`sign: { expiresIn }`) and @nestjs/jwt (`signOptions: { expiresIn }`). Keep access tokens short and refresh them.",
      checks: "hono/jwt `sign(payload, secret)` is reported when the payload literal has no `exp` (it sets no expiry of its own). A @fastify/jwt or JwtModule registration is reported when some `*.jwt.sign()` / `reply.jwtSign()` / `jwtService.sign()` call of the package passes no `expiresIn` of its own (registrations whose options are built elsewhere are left alone). A lifetime multiplied out in milliseconds (`expiresIn: 60 * 60 * 1000`) in sign options, a registration or a JWT config module is reported too: these libraries read a number as seconds, so the token lives 1000 times longer than meant (ship-stopping from 30 days).",
    },
  },
  scope: 'ts',
  // `register`: `app.register(require('@fastify/jwt'), ...)` imports nothing at the top.
  // `expiresIn`: a JWT config object in a file of its own (`jwtConfig = { expiresIn: 1000 * 60 * 3 }`)
  triggers: { names: ['sign', 'jwtSign', 'register', 'expiresIn'], modules: ['jsonwebtoken', 'jose', '@nestjs/jwt', '@fastify/jwt', 'fastify-jwt', 'hono/jwt', 'hono/utils/jwt'] },
  create(ctx) {
    const { sf, imports, consts, file } = ctx;
    const path = file.path;
    const fix = (title: string, ...edits: Array<ReturnType<typeof insertAt>>) => [{ title, safe: true, edits }];
    const q = quoteOf(sf);
    const test = isTestPath(path);
    const data = () => ruleDataOf<Data>(ctx.facts, ID, () => ({}));
    const importsNestJwt = imports.modules.some((m) => m.module === '@nestjs/jwt');
    const checkedLifetimes = new Set<number>();
    const jwtConfigFile = /jwt/i.test(path.slice(path.lastIndexOf('/') + 1));
    /** `expiresIn: 1000 * 60 * 3`: jsonwebtoken (and @nestjs/jwt, @fastify/jwt) read a number as seconds, so a lifetime written in milliseconds lasts 1000 times longer. */
    const checkLifetime = (obj: ts.ObjectLiteralExpression | undefined, key = 'expiresIn') => {
      const prop = obj && findProperty(obj, key, consts);
      const value = prop?.value;
      if (!value || checkedLifetimes.has(value.pos)) return;
      checkedLifetimes.add(value.pos);
      const total = millisecondsProduct(value, consts);
      if (total === undefined) return;
      const meant = msString(Math.round(total / 1000));
      ctx.report({
        message: `\`${key}: ${value.getText(sf).replace(/\s+/g, ' ')}\` is read as seconds by the JWT library: the token lives ${total.toLocaleString('en-US')} seconds (${roughly(total)}), not ${spelled(meant)}. Write \`${q}${meant}${q}\`.`,
        range: nodeRange(sf, value),
        ...(total >= 30 * 86400 ? {} : { tier: 'tech-debt' as const }),
        fixes: value.getSourceFile() === sf ? [{ title: `Write ${q}${meant}${q}`, safe: true, edits: [replaceNode(sf, path, value, `${q}${meant}${q}`)] }] : [],
      });
    };

    /** A default lifetime in registration options: undefined = none (with the fix), 'set' = set or not visible. */
    const registration = (lib: Lib, options: ts.ObjectLiteralExpression | undefined, key: string, call: ts.CallExpression) => {
      if (!options || hasOpaqueSpread(options, consts)) return;
      const group = findProperty(options, key, consts);
      let fix: Fix | undefined;
      if (group) {
        const obj = group.value && asObject(group.value, consts);
        checkLifetime(obj);
        if (!obj || hasOpaqueSpread(obj, consts) || findProperty(obj, 'expiresIn', consts)) return;
        if (obj.getSourceFile() === sf) fix = { title: `Add expiresIn to ${key}`, safe: true, edits: [addProperty(sf, path, obj, `expiresIn: ${q}1h${q}`)] };
      } else if (options.getSourceFile() === sf) {
        fix = { title: `Add ${key}: { expiresIn: ${q}1h${q} }`, safe: true, edits: [addProperty(sf, path, options, `${key}: { expiresIn: ${q}1h${q} }`)] };
      }
      (data().registrations ??= []).push({ lib, range: nodeRange(sf, call.expression), fix });
    };

    /** `app.jwt.sign(payload)`, `reply.jwtSign(payload)`, `this.jwtService.sign(payload)`: a lifetime of its own, or the registration's. */
    const signCall = (call: ts.CallExpression) => {
      const name = calleeName(call);
      const target = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(target)) return;
      const recv = accessPath(target.expression);
      const last = recv?.[recv.length - 1];
      let lib: Lib | undefined;
      if (name === 'jwtSign' || (name === 'sign' && last === 'jwt' && recv!.length > 1)) lib = 'fastify';
      else if (importsNestJwt && (name === 'sign' || name === 'signAsync') && last && /jwt/i.test(last) && recv!.length > 1) lib = 'nest';
      if (!lib) return;
      const [payload, options] = call.arguments;
      if (!payload) return;
      const payloadObj = asObject(payload, consts);
      if (payloadObj && (findProperty(payloadObj, 'exp', consts) || hasOpaqueSpread(payloadObj, consts))) return;
      if (options && !ts.isArrowFunction(unwrap(options)) && !ts.isFunctionExpression(unwrap(options))) {
        const obj = asObject(options, consts);
        checkLifetime(obj);
        if (!obj || hasOpaqueSpread(obj, consts) || findProperty(obj, 'expiresIn', consts)) return;
        const signObj = findProperty(obj, 'sign', consts);
        if (signObj && (!signObj.value || !asObject(signObj.value, consts) || findProperty(asObject(signObj.value, consts)!, 'expiresIn', consts))) return;
      }
      (data().calls ??= []).push({ lib, range: nodeRange(sf, call.expression), text: `${target.getText(sf).replace(/\s+/g, '')}()` });
    };

    const onRegistration = (call: ts.CallExpression, callee: ReturnType<typeof resolveCallee>) => {
      if (callee?.module === '@nestjs/jwt') {
        const p = callee.path.join('.');
        if (p === 'JwtModule.register') registration('nest', asObject(call.arguments[0], consts), 'signOptions', call);
        else if (p === 'JwtModule.registerAsync') {
          const opts = asObject(call.arguments[0], consts);
          const results = opts && !hasOpaqueSpread(opts, consts) ? factoryResults(findProperty(opts, 'useFactory', consts)?.value, consts) : undefined;
          for (const o of results ?? []) registration('nest', o, 'signOptions', call);
        }
        return;
      }
      if (calleeName(call) !== 'register' || call.arguments.length < 2 || !ts.isPropertyAccessExpression(unwrap(call.expression))) return;
      const plugin = unwrap(call.arguments[0]);
      const module = ts.isCallExpression(plugin) && ts.isIdentifier(plugin.expression) && plugin.expression.text === 'require'
        ? stringValue(plugin.arguments[0])
        : resolveCallee(plugin, imports)?.module;
      if (module === '@fastify/jwt' || module === 'fastify-jwt') registration('fastify', asObject(call.arguments[1], consts), 'sign', call);
    };

    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const callee = resolveCallee(call.expression, imports);
        if (!test) {
          onRegistration(call, callee);
          signCall(call);
        }
        // hono/jwt: `sign(payload, secret)` puts in only what the payload has; the lifetime is its `exp`
        if ((callee?.module === 'hono/jwt' && callee.path.join('.') === 'sign') || (callee?.module === 'hono/utils/jwt' && callee.path.join('.') === 'Jwt.sign')) {
          const payloadObj = asObject(call.arguments[0], consts);
          if (test || !payloadObj || findProperty(payloadObj, 'exp', consts) || hasOpaqueSpread(payloadObj, consts)) return;
          ctx.report({
            message: "This JWT never expires: hono/jwt's sign() adds no expiry of its own and the payload has no `exp`. A leaked token stays valid forever. Add `exp` (seconds since the epoch) to the payload.",
            range: nodeRange(sf, call.expression),
            fixes: payloadObj.getSourceFile() === sf ? fix('Add exp (1 hour) to the payload', addProperty(sf, path, payloadObj, 'exp: Math.floor(Date.now() / 1000) + 60 * 60')) : undefined,
          });
          return;
        }
        if (callee?.module === 'jsonwebtoken' && callee.path.join('.') === 'sign') {
          const [payload, , third] = call.arguments;
          if (!payload) return;
          const payloadObj = asObject(payload, consts);
          if (payloadObj && (findProperty(payloadObj, 'exp', consts) || hasOpaqueSpread(payloadObj, consts))) return;
          const thirdIsCallback = third && (ts.isArrowFunction(unwrap(third)) || ts.isFunctionExpression(unwrap(third)));
          const options = third && !thirdIsCallback ? third : undefined;
          // `jwt.sign({ email, expiresIn: '1h' }, secret)`: an ordinary claim there, no `exp`; moved to the options it counts
          const misplaced = payloadObj && (findProperty(payloadObj, 'expiresIn', consts) ?? findProperty(payloadObj, 'expires_in', consts));
          if (misplaced && ts.isPropertyAssignment(misplaced.node) && misplaced.node.getSourceFile() === sf && misplaced.value) {
            const optionsObj = options && asObject(options, consts);
            if (options && (!optionsObj || hasOpaqueSpread(optionsObj, consts) || findProperty(optionsObj, 'expiresIn', consts))) return;
            const value = misplaced.value.getText(sf);
            const add = optionsObj ? (optionsObj.getSourceFile() === sf ? addProperty(sf, path, optionsObj, `expiresIn: ${value}`) : undefined) : insertArgument(sf, path, call, 2, `{ expiresIn: ${value} }`);
            ctx.report({
              message: `This JWT never expires: \`${misplaced.name}\` is in the payload, where jsonwebtoken keeps it as an ordinary claim and sets no \`exp\`. A leaked token stays valid forever. Pass \`expiresIn\` in the options (the third argument).`,
              range: nodeRange(sf, call.expression),
              fixes: add && call.arguments.length >= 2 ? fix('Move expiresIn to the options', removeProperty(sf, path, payloadObj!, misplaced.node), add) : undefined,
            });
            return;
          }
          let fixes;
          if (options) {
            const obj = asObject(options, consts);
            checkLifetime(obj);
            if (!obj || hasOpaqueSpread(obj, consts) || findProperty(obj, 'expiresIn', consts)) return;
            if (obj.getSourceFile() === sf) fixes = fix('Add expiresIn to the options', addProperty(sf, path, obj, `expiresIn: ${q}1h${q}`));
          } else if (call.arguments.length >= 2) {
            fixes = fix('Add { expiresIn } options', insertArgument(sf, path, call, 2, `{ expiresIn: ${q}1h${q} }`));
          }
          ctx.report({
            message: 'This JWT never expires: jwt.sign() has no `expiresIn` option and the payload no `exp`. A leaked token stays valid forever.',
            range: nodeRange(sf, call.expression),
            fixes,
          });
        }
      },
      ObjectLiteralExpression(node) {
        // a JWT config object: `const jwtConfig = { accessExpiresIn: 1000 * 60 * 3 }`, `jwt: { expiresIn: ... }`
        const obj = node as ts.ObjectLiteralExpression;
        if (!jwtConfigFile) {
          const holder = ts.isVariableDeclaration(obj.parent) || ts.isPropertyAssignment(obj.parent) ? obj.parent.name : undefined;
          if (!holder || !ts.isIdentifier(holder) || !/jwt/i.test(holder.text)) return;
        }
        for (const p of obj.properties) {
          const key = p.name && ts.isIdentifier(p.name) ? p.name.text : undefined;
          if (key && ts.isPropertyAssignment(p) && /expiresIn$/i.test(key)) checkLifetime(obj, key);
        }
      },
      NewExpression(node) {
        const created = node as ts.NewExpression;
        const callee = resolveCallee(created.expression, imports);
        if (callee?.module !== 'jose' || callee.path.join('.') !== 'SignJWT') return;
        const payloadObj = asObject(created.arguments?.[0], consts);
        if (payloadObj && findProperty(payloadObj, 'exp', consts)) return;
        // Follow the builder chain: new SignJWT(...).setProtectedHeader(...).sign(key)
        let cur: ts.Node = created;
        let signAccess: ts.PropertyAccessExpression | undefined;
        while (ts.isPropertyAccessExpression(cur.parent) && ts.isCallExpression(cur.parent.parent) && cur.parent.parent.expression === cur.parent) {
          const name = cur.parent.name.text;
          if (name === 'setExpirationTime') return;
          if (name === 'sign') { signAccess = cur.parent; break; }
          cur = cur.parent.parent;
        }
        if (!signAccess) return;
        ctx.report({
          message: "This JWT never expires: the SignJWT chain has no `.setExpirationTime(...)`. A leaked token stays valid forever.",
          range: nodeRange(sf, created.expression),
          fixes: fix('Add .setExpirationTime()', insertAt(sf, path, signAccess.expression.end, `.setExpirationTime(${q}1h${q})`)),
        });
      },
    };
  },
  checkWorkspace(ctx) {
    const registrations: Array<NonNullable<Data['registrations']>[number] & { file: string }> = [];
    const calls: Array<NonNullable<Data['calls']>[number] & { file: string }> = [];
    for (const [file, f] of ctx.files) {
      const d = getRuleData<Data>(f.facts, ID);
      if (!d) continue;
      registrations.push(...(d.registrations ?? []).map((r) => ({ ...r, file })));
      calls.push(...(d.calls ?? []).map((c) => ({ ...c, file })));
    }
    const pkg = (file: string) => ctx.facts.packageOf(file)?.dir ?? '';
    for (const r of registrations) {
      const bare = calls.filter((c) => c.lib === r.lib && pkg(c.file) === pkg(r.file));
      if (!bare.length) continue;
      const first = bare[0];
      const more = bare.length > 1 ? ` and ${bare.length - 1} more call${bare.length > 2 ? 's' : ''}` : '';
      const { what, option } = REGISTRATION[r.lib];
      ctx.report({
        file: r.file,
        range: r.range,
        message: `These JWTs never expire: ${what} without ${option}, and \`${first.text}\` (${first.file}:${first.range.start.line + 1})${more} ${bare.length > 1 ? 'pass' : 'passes'} no \`expiresIn\` either. A leaked token stays valid forever. Set a default lifetime here (and a longer one only where a call needs it).`,
        fixes: r.fix ? [r.fix] : [],
      });
    }
  },
};

export default rule;
