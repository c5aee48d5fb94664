import { ts } from 'ts-morph';
import { inUnusedLocalFunction } from '../../server/engine/ts/functions';
import type { Fix, TextEdit, TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, asObject, calleeName, envVarName, findProperty, hasOpaqueSpread, isTestPath, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { addProperty, insertArgument, nodeRange, quoteOf, replaceNode } from '../../server/engine/ts/edits';
import { nameWords } from '../../server/engine/secrets';

type Kind = 'jsonwebtoken' | 'express-jwt' | 'koa-jwt' | 'passport-jwt' | 'nest';

interface Candidate {
  kind: Kind;
  /** What the message calls the API. */
  label: string;
  /** The expression the finding is anchored on when `algorithms` is missing. */
  anchor: ts.Node;
  /** The options object, or undefined when the call has none (then `insert` says where it goes). */
  options?: ts.ObjectLiteralExpression;
  /** `opts.algorithms = [...]` assigned after the object was built. */
  assigned?: ts.Expression;
  insert?: { call: ts.CallExpression; index: number };
  /** The key expression, for guessing the algorithm family. */
  key?: ts.Expression;
  /** Only an allowed 'none' is a finding (module-level defaults may set the allowlist elsewhere). */
  noneOnly?: boolean;
}

const ASYMMETRIC_WORDS = new Set(['public', 'pub', 'pem', 'cert', 'certificate', 'rsa', 'jwks', 'jwk', 'x509', 'ecdsa', 'es256', 'rs256']);
const JWKS_CALLS = /^(expressJwtSecret|koaJwtSecret|passportJwtSecret|hapiJwt2Key|hapiJwt2KeyAsync|getSigningKey|createRemoteJWKSet|jwksClient)$/;

function isFunctionExpr(e: ts.Expression | undefined): boolean {
  const u = e && unwrap(e);
  return !!u && (ts.isArrowFunction(u) || ts.isFunctionExpression(u));
}

const rule: TsRule = {
  meta: {
    id: 'auth/jwt-verify-algorithms',
    category: 'auth',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'JWT verification without an algorithms allowlist',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'harden.auth',
    docs: {
      why: "Without an `algorithms` allowlist the token's own header picks how it is verified. In jsonwebtoken before v9 an RS256 public key could verify an attacker's HS256 token (the public key used as the HMAC secret), and v9 still only narrows the choice by key type. Allowing `'none'` is worse: an unsigned token is accepted whenever the key is empty, and a missing env var is enough for that.",
      checks: "Checked in jsonwebtoken `jwt.verify`, express-jwt and koa-jwt (express-jwt 6+ refuses to start without `algorithms`), passport-jwt strategies, and `'none'` in @nestjs/jwt verify options. jose's `jwtVerify` is not checked for a missing allowlist: jose never accepts `'none'` there and ties the algorithm to the key's type.",
      bad: { files: { 'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport const readToken = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);\n" } },
      good: { files: { 'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport const readToken = (token: string) => jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });\n" } },
      fix: "Pass the algorithms you sign with, and only those: `algorithms: ['HS256']` for a shared secret, `['RS256']` (or ES256) for a key pair or a JWKS endpoint. Never list `'none'`.",
    },
  },
  scope: 'ts',
  triggers: { modules: ['jsonwebtoken', 'express-jwt', 'koa-jwt', 'passport-jwt', '@nestjs/jwt'] },
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    const q = quoteOf(sf);
    const signAlgorithms: string[] = [];
    const candidates: Candidate[] = [];
    const importsPassportJwt = imports.modules.some((m) => m.module === 'passport-jwt');
    const importsNestJwt = imports.modules.some((m) => m.module === '@nestjs/jwt');

    /** Assignments `opts.algorithms = ...` to an options object held in a variable. */
    const assignedAlgorithms = (options: ts.Expression | undefined): ts.Expression | undefined => {
      const id = options && unwrap(options);
      if (!id || !ts.isIdentifier(id)) return undefined;
      let found: ts.Expression | undefined;
      const visit = (n: ts.Node): void => {
        if (found) return;
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const p = accessPath(n.left);
          if (p?.length === 2 && p[0] === id.text && p[1] === 'algorithms') { found = n.right; return; }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      return found;
    };

    const addOptionsCandidate = (kind: Kind, label: string, anchor: ts.Node, optionsArg: ts.Expression | undefined, keyProps: string[], noneOnly = false) => {
      const obj = asObject(optionsArg, consts);
      if (!obj) return;
      const key = keyProps.map((k) => findProperty(obj, k, consts)?.value).find(Boolean);
      candidates.push({ kind, label, anchor, options: obj, assigned: assignedAlgorithms(optionsArg), key, noneOnly });
    };

    const onCall = (call: ts.CallExpression) => {
      const callee = resolveCallee(call.expression, imports);
      const path = callee?.path.join('.') ?? '';
      const args = call.arguments;
      switch (callee?.module) {
        case 'jsonwebtoken':
          if (path === 'sign') {
            const opts = args[2] && !isFunctionExpr(args[2]) ? asObject(args[2], consts) : undefined;
            const alg = stringValue(opts && findProperty(opts, 'algorithm', consts)?.value, consts);
            if (alg && alg.toLowerCase() !== 'none' && !signAlgorithms.includes(alg)) signAlgorithms.push(alg);
          }
          if (path === 'verify' && args.length >= 2) {
            const third = args[2];
            if (third && !isFunctionExpr(third)) {
              const obj = asObject(third, consts);
              if (!obj) return;
              candidates.push({ kind: 'jsonwebtoken', label: 'jwt.verify()', anchor: call.expression, options: obj, assigned: assignedAlgorithms(third), key: args[1] });
            } else {
              candidates.push({ kind: 'jsonwebtoken', label: 'jwt.verify()', anchor: call.expression, insert: { call, index: 2 }, key: args[1] });
            }
          }
          return;
        case 'express-jwt':
          if (path === '' || path === 'expressjwt') addOptionsCandidate('express-jwt', 'this express-jwt middleware', call.expression, args[0], ['secret']);
          return;
        case 'koa-jwt':
          if (path === '') addOptionsCandidate('koa-jwt', 'this koa-jwt middleware', call.expression, args[0], ['secret']);
          return;
        case '@nestjs/jwt':
          if (path === 'JwtModule.register') {
            const o = asObject(args[0], consts);
            const vo = o && findProperty(o, 'verifyOptions', consts)?.value;
            if (vo) addOptionsCandidate('nest', 'JwtModule verifyOptions', call.expression, vo, [], true);
          }
          return;
      }
      if (callee) return;
      const target = unwrap(call.expression);
      const name = calleeName(call);
      if (importsNestJwt && (name === 'verify' || name === 'verifyAsync') && ts.isPropertyAccessExpression(target)) {
        const recv = accessPath(target.expression);
        if (recv && /jwt/i.test(recv[recv.length - 1]) && args[1]) addOptionsCandidate('nest', `${recv.join('.')}.${name}()`, call.expression, args[1], [], true);
        return;
      }
      if (importsPassportJwt && target.kind === ts.SyntaxKind.SuperKeyword) addOptionsCandidate('passport-jwt', 'this passport-jwt strategy', call.expression, args[0], ['secretOrKey', 'secretOrKeyProvider']);
    };

    const onNew = (created: ts.NewExpression) => {
      const c = resolveCallee(created.expression, imports);
      if (c?.module === 'passport-jwt' && /Strategy$/.test(c.path.join('.'))) addOptionsCandidate('passport-jwt', 'this passport-jwt strategy', created.expression, created.arguments?.[0], ['secretOrKey', 'secretOrKeyProvider']);
    };

    /** The algorithm family the key suggests: RS256 for public keys, PEM files and JWKS, HS256 for a shared secret. */
    const guessFromKey = (key: ts.Expression | undefined): string => {
      if (!key) return 'HS256';
      const r = consts.resolve(key) ?? key;
      const u = unwrap(r);
      if (ts.isArrowFunction(u) || ts.isFunctionExpression(u)) return 'RS256';
      const names: string[] = [];
      for (const e of [unwrap(key), u]) {
        const env = envVarName(e);
        if (env) names.push(env);
        const p = accessPath(e);
        if (p) names.push(p[p.length - 1]);
        if (ts.isCallExpression(e)) {
          const n = calleeName(e);
          if (n && (JWKS_CALLS.test(n) || /^readFileSync$|^readFile$/.test(n))) return 'RS256';
        }
      }
      const lit = stringValue(u, consts);
      if (lit && /-----BEGIN/.test(lit)) return 'RS256';
      return names.some((n) => nameWords(n).some((w) => ASYMMETRIC_WORDS.has(w))) ? 'RS256' : 'HS256';
    };

    const evaluate = (c: Candidate) => {
      const guessed = signAlgorithms.length ? signAlgorithms : [guessFromKey(c.key)];
      const fromSign = signAlgorithms.length > 0;
      const list = `[${guessed.map((a) => `${q}${a}${q}`).join(', ')}]`;
      const prop = c.assigned ?? (c.options && findProperty(c.options, 'algorithms', consts)?.value);
      if (prop) {
        const arr = consts.resolve(prop);
        if (!arr || !ts.isArrayLiteralExpression(arr)) return;
        const none = arr.elements.find((el) => stringValue(el, consts)?.toLowerCase() === 'none');
        if (!none) return;
        const kept = arr.elements.filter((el) => stringValue(el, consts)?.toLowerCase() !== 'none');
        const fixes: Fix[] | undefined = arr.getSourceFile() === sf
          ? [{ title: "Remove 'none' from algorithms", safe: kept.length > 0, edits: [replaceNode(sf, file.path, arr, kept.length ? `[${kept.map((e) => e.getText(sf)).join(', ')}]` : list)] }]
          : undefined;
        ctx.report({
          message: `\`algorithms\` allows 'none' in ${c.label}: an unsigned token (\`alg: none\`) is accepted whenever the key is empty (a missing env var is enough), so anyone can sign in as anyone. Remove 'none'.`,
          range: nodeRange(sf, none),
          tier: 'ship-stopping',
          fixes,
        });
        return;
      }
      if (c.noneOnly) return;
      if (c.options && hasOpaqueSpread(c.options, consts)) return;
      // a verify in a function nothing uses (a leftover middleware) checks no token
      if (inUnusedLocalFunction(c.anchor, sf)) return;
      let edit: TextEdit | undefined;
      if (c.options) edit = c.options.getSourceFile() === sf ? addProperty(sf, file.path, c.options, `algorithms: ${list}`) : undefined;
      else if (c.insert) edit = insertArgument(sf, file.path, c.insert.call, c.insert.index, `{ algorithms: ${list} }`);
      const why = c.kind === 'express-jwt'
        ? 'express-jwt 6+ refuses to start without it, and older versions let the token\'s header choose the algorithm'
        : 'the algorithm is taken from the token\'s own header and only the key type limits it (before jsonwebtoken v9, an RS256 public key could verify an attacker\'s HS256 token)';
      ctx.report({
        message: `${c.label.startsWith('this') ? `T${c.label.slice(1)}` : c.label} has no \`algorithms\` allowlist: ${why}. Pin the algorithms you sign with: \`algorithms: ${list}\`.`,
        range: nodeRange(sf, c.anchor),
        fixes: edit ? [{ title: `Add algorithms: ${list}`, safe: fromSign, edits: [edit] }] : undefined,
      });
    };

    return {
      CallExpression: (n) => onCall(n as ts.CallExpression),
      NewExpression: (n) => onNew(n as ts.NewExpression),
      onEnd() { for (const c of candidates) evaluate(c); },
    };
  },
};

export default rule;
