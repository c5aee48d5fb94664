import { ts } from 'ts-morph';
import { inUnusedLocalFunction } from '../../server/engine/ts/functions';
import type { Fix, TsRule, TsVisitor } from '../../server/engine/types';
import type { FileImports } from '../../server/engine/ts/imports';
import { accessPath, asObject, calleeName, envVarName, findProperty, isTestPath, propName, resolveCallee, stringValue, unwrap, type ConstTable } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { ENV_LIKE, envSecretFix, fallbackEnvName, nameFromHint, secretSource, type SecretSource } from '../../server/engine/ts/secretSource';
import { mask } from '../../server/engine/secrets';

interface Hit { source: SecretSource; where: string; sink: boolean; defaultName: string; hint?: string }

const GENERIC_NAMES = new Set(['SECRET', 'KEY', 'TOKEN', 'SECRET_KEY', 'PRIVATE_KEY', 'SIGNING_KEY', 'KEY_SECRET', 'SECRET_OR_KEY', 'SECRET_OR_PRIVATE_KEY']);
const SECRET_OPTIONS = new Set(['secret', 'privateKey', 'secretOrKey', 'secretOrPrivateKey', 'secretKey', 'signingKey']);
const JOSE_KEY_ARG1 = new Set(['jwtVerify', 'jwtDecrypt', 'compactVerify', 'flattenedVerify', 'generalVerify', 'compactDecrypt']);
const JOSE_BUILDERS = new Set(['SignJWT', 'EncryptJWT', 'CompactSign', 'FlattenedSign', 'GeneralSign', 'CompactEncrypt']);
const NEST_SERVICE_METHODS = new Set(['sign', 'signAsync', 'verify', 'verifyAsync']);
/** Modules whose calls, classes or options lead to a report (the switch in onCall, jose builders, passport-jwt, @fastify/jwt). */
const JWT_MODULES = new Set(['jsonwebtoken', 'jose', 'hono/jwt', 'express-jwt', 'koa-jwt', '@nestjs/jwt', 'next-auth', 'next-auth/jwt', 'passport-jwt', '@fastify/jwt', 'fastify-jwt']);
/** `jwt` or `tokensecret` once case, `-` and `_` are dropped: in every name isJwtSecretName accepts (a cheap first test). */
const JWT_WORDS = /j[-_]*w[-_]*t|t[-_]*o[-_]*k[-_]*e[-_]*n[-_]*s[-_]*e[-_]*c[-_]*r[-_]*e[-_]*t/i;

/** A JWT-secret-like variable or property name (jwtSecret, JWT_SIGNING_KEY, ACCESS_TOKEN_SECRET), never a public key. */
function isJwtSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (n.includes('public')) return false;
  return (n.includes('jwt') && /(secret|secretkey|privatekey|signingkey)$/.test(n)) || n === 'jwtkey' || /^(access|refresh|auth|id)tokensecret(key)?$/.test(n);
}

/** Objects a `useFactory` returns (arrow expression body or return statements, not nested functions). */
function factoryResults(fn: ts.Expression | undefined, consts: ConstTable): ts.ObjectLiteralExpression[] {
  const f = fn && consts.resolve(fn);
  if (!f || !(ts.isArrowFunction(f) || ts.isFunctionExpression(f))) return [];
  if (!ts.isBlock(f.body)) { const o = asObject(f.body, consts); return o ? [o] : []; }
  const out: ts.ObjectLiteralExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) { const o = asObject(n.expression, consts); if (o) out.push(o); }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(f.body, visit);
  return out;
}

/** The name an object literal is known by: `const jwtConfig = {...}`, `jwt: {...}`, `registerAs('jwt', () => ({...}))`. */
function ownerName(obj: ts.ObjectLiteralExpression): string | undefined {
  let n: ts.Node = obj;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p)) return propName(p.name);
  if (ts.isArrowFunction(p) && ts.isCallExpression(p.parent) && calleeName(p.parent) === 'registerAs') return stringValue(p.parent.arguments[0]);
  return undefined;
}

function isJsModule(imports: FileImports, module: RegExp): boolean {
  return imports.modules.some((m) => module.test(m.module));
}

const rule: TsRule = {
  meta: {
    id: 'auth/hardcoded-jwt-secret',
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'JWT secret hardcoded in source',
    fixKind: 'multi-file',
    effort: 'minutes',
    checklist: 'harden.secrets',
    docs: {
      why: 'Whoever knows the JWT signing secret can mint a valid token for any user, admin included. A secret written in the code is known to everyone who can read the repository, a fork, a CI log or a leaked bundle, and it cannot be rotated without a deploy. A literal fallback (`process.env.JWT_SECRET || \'dev-secret\'`) is the same bug waiting for a deploy that forgets the variable.',
      bad: { files: { 'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nconst JWT_SECRET = 'super-secret-key';\n\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, JWT_SECRET, { expiresIn: '15m' });\n" } },
      good: { files: {
        'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nconst JWT_SECRET = process.env.JWT_SECRET!;\n\nexport const issue = (userId: string) => jwt.sign({ sub: userId }, JWT_SECRET, { expiresIn: '15m' });\n",
        '.env.example': 'JWT_SECRET=\n',
      } },
      fix: 'Read the secret from the environment (`process.env.JWT_SECRET`, or your config service), list the variable in .env.example, fail at start-up when it is missing instead of falling back to a default, and rotate the value that was in the code: it is in the git history for good.',
    },
  },
  scope: 'ts',
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    // Every report needs a JWT_MODULES import, register(require(...)), a JWT-secret name or a SECRET_OPTIONS key owned by a jwt name (computed string keys are in the name table).
    if (!imports.modules.some((m) => JWT_MODULES.has(m.module))
      && !(ctx.hasName('register') && ctx.hasName('require'))
      && !ctx.someName((n) => JWT_WORDS.test(n) && isJwtSecretName(n))
      && !([...SECRET_OPTIONS].some(ctx.hasName) && (ctx.hasName('registerAs') || ctx.someName((n) => /jwt/i.test(n))))) return {};
    const hits = new Map<ts.Node, Hit>();
    const add = (value: ts.Expression | undefined, where: string, sink: boolean, defaultName = 'JWT_SECRET', hint?: string) => {
      const source = secretSource(value, consts, hint);
      if (!source) return;
      const prev = hits.get(source.node);
      if (prev && (prev.sink || !sink)) return;
      hits.set(source.node, { source, where, sink, defaultName, hint: source.hint });
    };
    const addOptions = (options: ts.Expression | undefined, where: string, names: readonly string[] = ['secret'], defaultName = 'JWT_SECRET') => {
      const obj = asObject(options, consts);
      if (!obj) return;
      for (const n of names) {
        const p = findProperty(obj, n, consts);
        if (p?.value) add(p.value, where, true, n === 'privateKey' ? 'JWT_PRIVATE_KEY' : defaultName);
      }
    };
    const importsNestJwt = isJsModule(imports, /^@nestjs\/jwt$/);
    const importsPassportJwt = isJsModule(imports, /^passport-jwt$/);

    const onCall = (call: ts.CallExpression) => {
      const callee = resolveCallee(call.expression, imports);
      const path = callee?.path.join('.') ?? '';
      switch (callee?.module) {
        case 'jsonwebtoken':
          if (path === 'sign' || path === 'verify') add(call.arguments[1], `passed to jwt.${path}()`, true);
          return;
        case 'jose':
          if (JOSE_KEY_ARG1.has(path)) add(call.arguments[1], `used as the key of jose ${path}()`, true);
          return;
        case 'hono/jwt':
          if (path === 'sign' || path === 'verify') add(call.arguments[1], `passed to hono/jwt ${path}()`, true);
          if (path === 'jwt') addOptions(call.arguments[0], "as hono/jwt's `secret`");
          return;
        case 'express-jwt':
          if (path === '' || path === 'expressjwt') addOptions(call.arguments[0], "as express-jwt's `secret`");
          return;
        case 'koa-jwt':
          if (path === '') addOptions(call.arguments[0], "as koa-jwt's `secret`");
          return;
        case '@nestjs/jwt':
          if (path === 'JwtModule.register') addOptions(call.arguments[0], 'in JwtModule.register()', ['secret', 'privateKey']);
          if (path === 'JwtModule.registerAsync') {
            const opts = asObject(call.arguments[0], consts);
            const factory = opts && findProperty(opts, 'useFactory', consts);
            for (const o of factoryResults(factory?.value, consts)) addOptions(o, "returned by JwtModule.registerAsync()'s useFactory", ['secret', 'privateKey']);
          }
          return;
        case 'next-auth':
          if (path === '') addOptions(call.arguments.length >= 3 ? call.arguments[2] : call.arguments[0], "as NextAuth's `secret`", ['secret'], 'NEXTAUTH_SECRET');
          return;
        case 'next-auth/jwt':
          if (['getToken', 'encode', 'decode'].includes(path)) addOptions(call.arguments[0], `in next-auth's ${path}()`, ['secret'], 'NEXTAUTH_SECRET');
          return;
      }
      const name = calleeName(call);
      const target = unwrap(call.expression);
      if ((name === 'sign' || name === 'encrypt') && ts.isPropertyAccessExpression(target)) {
        let cur: ts.Expression = unwrap(target.expression);
        while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(unwrap(cur.expression))) cur = unwrap((unwrap(cur.expression) as ts.PropertyAccessExpression).expression);
        if (ts.isNewExpression(cur)) {
          const c = resolveCallee(cur.expression, imports);
          if (c?.module === 'jose' && JOSE_BUILDERS.has(c.path.join('.'))) { add(call.arguments[0], `used as the key of jose ${c.path.join('.')}.${name}()`, true); return; }
        }
      }
      if (importsNestJwt && name && NEST_SERVICE_METHODS.has(name) && ts.isPropertyAccessExpression(target) && !callee) {
        const recv = accessPath(target.expression);
        if (recv && /jwt/i.test(recv[recv.length - 1])) addOptions(call.arguments[1], `passed to ${recv.join('.')}.${name}()`, ['secret', 'privateKey']);
        return;
      }
      if (importsPassportJwt && target.kind === ts.SyntaxKind.SuperKeyword) { addOptions(call.arguments[0], "as passport-jwt's `secretOrKey`", ['secretOrKey']); return; }
      if (name === 'register' && call.arguments.length >= 2) {
        const plugin = unwrap(call.arguments[0]);
        let module: string | undefined;
        if (ts.isCallExpression(plugin) && ts.isIdentifier(plugin.expression) && plugin.expression.text === 'require') module = stringValue(plugin.arguments[0]);
        else module = resolveCallee(plugin, imports)?.module;
        if (module === '@fastify/jwt' || module === 'fastify-jwt') addOptions(call.arguments[1], "as @fastify/jwt's `secret`");
      }
    };

    const onNew = (created: ts.NewExpression) => {
      const c = resolveCallee(created.expression, imports);
      if (c?.module === 'passport-jwt' && /Strategy$/.test(c.path.join('.'))) addOptions(created.arguments?.[0], "as passport-jwt's `secretOrKey`", ['secretOrKey']);
    };

    const onAssign = (b: ts.BinaryExpression) => {
      if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left)) return;
      const name = b.left.name.text;
      if (importsPassportJwt && name === 'secretOrKey') add(b.right, "as passport-jwt's `secretOrKey`", true);
      else if (isJwtSecretName(name) && !envVarName(b.left)) byName(name, name, b.right);
    };

    const byName = (label: string, hint: string, value: ts.Expression | undefined) => {
      const source = secretSource(value, consts, hint);
      // a name-only match on a value that reads like an env var name is a config key, not a secret
      if (!source || (source.kind === 'literal' && ENV_LIKE.test(source.value))) return;
      add(value, `in \`${label}\``, false, hint === 'jwtPrivateKey' ? 'JWT_PRIVATE_KEY' : 'JWT_SECRET', hint);
    };

    return {
      CallExpression: (n) => onCall(n as ts.CallExpression),
      NewExpression: (n) => onNew(n as ts.NewExpression),
      BinaryExpression: (n) => onAssign(n as ts.BinaryExpression),
      VariableDeclaration(n) {
        const d = n as ts.VariableDeclaration;
        if (ts.isIdentifier(d.name) && isJwtSecretName(d.name.text)) byName(d.name.text, d.name.text, d.initializer);
      },
      PropertyDeclaration(n) {
        const d = n as ts.PropertyDeclaration;
        const name = propName(d.name);
        if (name && isJwtSecretName(name)) byName(name, name, d.initializer);
      },
      PropertyAssignment(n) {
        const p = n as ts.PropertyAssignment;
        const name = propName(p.name);
        if (!name || !ts.isObjectLiteralExpression(p.parent)) return;
        if (isJwtSecretName(name)) { byName(name, name, p.initializer); return; }
        const owner = SECRET_OPTIONS.has(name) ? ownerName(p.parent) : undefined;
        if (owner && /jwt/i.test(owner)) byName(`${owner}.${name}`, name === 'privateKey' ? 'jwtPrivateKey' : 'jwtSecret', p.initializer);
      },
      onEnd() {
        const used = new Map<string, string>();
        const ordered = [...hits.values()].sort((a, b) => a.source.node.pos - b.source.node.pos);
        for (const hit of ordered) {
          const { source, where } = hit;
          const kept = fallbackEnvName(source);
          let envName = kept ?? nameFromHint(hit.hint, GENERIC_NAMES) ?? hit.defaultName;
          if (!kept) {
            for (let i = 2; used.has(envName) && used.get(envName) !== source.value; i++) envName = `${envName.replace(/_\d+$/, '')}_${i}`;
          }
          used.set(envName, source.value);
          const fix = envSecretFix(sf, file.path, source, envName);
          const fixes: Fix[] | undefined = fix && [fix];
          const lit = source.kind === 'literal' ? source.node : source.lit;
          // in a function nothing uses (a leftover middleware): no token is ever checked with it
          if (inUnusedLocalFunction(lit, sf)) continue;
          const message = source.kind === 'literal'
            ? `Hardcoded JWT secret (\`${mask(source.value)}\`) ${where}: anyone who can read the code (repository, fork, CI log, leaked bundle) can forge a valid token for any user. Read it from process.env.${envName} and rotate this value.`
            : `JWT secret falls back to a hardcoded value (\`${mask(source.value)}\`) ${where}: a deploy that misses ${kept ?? 'the setting'} signs tokens with a secret anyone reading the code knows. Drop the fallback so a missing secret fails loudly, and rotate this value.`;
          ctx.report({ message, range: nodeRange(sf, lit), fixes });
        }
      },
    };
  },
};

export default rule;
