import { ts } from 'ts-morph';
import type { Fix, TsRule, TsVisitor } from '../../server/engine/types';
import type { FileImports } from '../../server/engine/ts/imports';
import { accessPath, asObject, calleeName, envVarName, findProperty, isTestPath, propName, resolveCallee, stringValue, unwrap, type ConstTable } from '../../server/engine/ts/helpers';
import { nodeRange, replaceNode } from '../../server/engine/ts/edits';
import { mask } from '../../server/engine/secrets';

/** Where a secret came from: a literal, or a non-literal value with a literal fallback. */
type Source =
  | { kind: 'literal'; node: ts.Expression; value: string; hint?: string }
  | { kind: 'fallback'; node: ts.Expression; lit: ts.Expression; value: string; keep: ts.Expression; hint?: string; schemaDefault?: boolean };

interface Hit { source: Source; where: string; sink: boolean; defaultName: string; hint?: string }

const ENV_LIKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const GENERIC_NAMES = new Set(['SECRET', 'KEY', 'TOKEN', 'SECRET_KEY', 'PRIVATE_KEY', 'SIGNING_KEY', 'KEY_SECRET', 'SECRET_OR_KEY', 'SECRET_OR_PRIVATE_KEY']);
const ENV_GATE_VARS = new Set(['NODE_ENV', 'APP_ENV', 'ENV', 'ENVIRONMENT', 'VERCEL_ENV', 'MODE', 'DEV', 'PROD']);
const ENV_GATE_NAME = /^(is)?(prod|production|dev|development|local|test|testing|staging)(env|mode)?$/i;
const SECRET_OPTIONS = new Set(['secret', 'privateKey', 'secretOrKey', 'secretOrPrivateKey', 'secretKey', 'signingKey']);
const JOSE_KEY_ARG1 = new Set(['jwtVerify', 'jwtDecrypt', 'compactVerify', 'flattenedVerify', 'generalVerify', 'compactDecrypt']);
const JOSE_BUILDERS = new Set(['SignJWT', 'EncryptJWT', 'CompactSign', 'FlattenedSign', 'GeneralSign', 'CompactEncrypt']);
const NEST_SERVICE_METHODS = new Set(['sign', 'signAsync', 'verify', 'verifyAsync']);

function screamingSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s.]+/g, '_').toUpperCase();
}

/** A JWT-secret-like variable or property name (jwtSecret, JWT_SIGNING_KEY, ACCESS_TOKEN_SECRET), never a public key. */
function isJwtSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (n.includes('public')) return false;
  return (n.includes('jwt') && /(secret|secretkey|privatekey|signingkey)$/.test(n)) || n === 'jwtkey' || /^(access|refresh|auth|id)tokensecret(key)?$/.test(n);
}

/** The env var name a const or property name suggests, when it is specific enough to reuse. */
function nameFromHint(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const snake = ENV_LIKE.test(hint) ? hint : screamingSnake(hint);
  if (!ENV_LIKE.test(snake) || GENERIC_NAMES.has(snake) || !/(SECRET|KEY)/.test(snake)) return undefined;
  return snake;
}

function isEnvGate(cond: ts.Expression): boolean {
  let gated = false;
  const visit = (n: ts.Node): void => {
    if (gated) return;
    const env = envVarName(n);
    if (env) { if (ENV_GATE_VARS.has(env)) gated = true; return; }
    if (ts.isIdentifier(n) && ENV_GATE_NAME.test(n.text)) { gated = true; return; }
    if (ts.isCallExpression(n) && calleeName(n) === 'get' && n.arguments.length === 1 && stringValue(n.arguments[0]) === 'env') { gated = true; return; }
    ts.forEachChild(n, visit);
  };
  visit(cond);
  return gated;
}

/** The object literal a (const) object or a member of one is: `cfg`, `cfg.jwt`. */
function objectOf(e: ts.Expression, consts: ConstTable, depth = 0): ts.ObjectLiteralExpression | undefined {
  e = unwrap(e);
  if (depth > 4) return undefined;
  if (ts.isIdentifier(e) || ts.isObjectLiteralExpression(e)) return asObject(e, consts);
  if (ts.isPropertyAccessExpression(e)) {
    const parent = objectOf(e.expression, consts, depth + 1);
    const p = parent && findProperty(parent, e.name.text, consts);
    return p?.value ? objectOf(p.value, consts, depth + 1) : undefined;
  }
  return undefined;
}

/** Key wrappers that keep a literal a literal: `new TextEncoder().encode(x)`, `Buffer.from(x)`, `createSecretKey(x)`. */
function wrappedKey(call: ts.CallExpression, consts: ConstTable): ts.Expression | undefined {
  const arg = call.arguments[0];
  if (!arg) return undefined;
  const callee = unwrap(call.expression);
  const name = calleeName(call);
  if (name === 'encode' && ts.isPropertyAccessExpression(callee)) {
    const recv = consts.resolve(callee.expression);
    if (recv && ts.isNewExpression(recv) && calleeName(recv) === 'TextEncoder') return arg;
  }
  const path = accessPath(callee);
  if (path?.length === 2 && path[0] === 'Buffer' && path[1] === 'from') return arg;
  if (name === 'createSecretKey') return arg;
  return undefined;
}

function secretSource(e: ts.Expression | undefined, consts: ConstTable, hint?: string, depth = 0): Source | undefined {
  if (!e || depth > 6) return undefined;
  e = unwrap(e);
  if (ts.isIdentifier(e)) {
    const init = consts.get(e.text);
    return init ? secretSource(init, consts, e.text, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && !envVarName(e)) {
    const obj = objectOf(e.expression, consts);
    const p = obj && findProperty(obj, e.name.text, consts);
    return p?.value ? secretSource(p.value, consts, hint ?? e.name.text, depth + 1) : undefined;
  }
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    const value = stringValue(e, consts);
    return value ? { kind: 'literal', node: e, value, hint } : undefined;
  }
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    const left = secretSource(e.left, consts, hint, depth + 1);
    if (left) return left;
    const right = secretSource(e.right, consts, hint, depth + 1);
    if (!right) return undefined;
    return { kind: 'fallback', node: e, lit: right.kind === 'literal' ? right.node : right.lit, value: right.value, keep: e.left, hint };
  }
  if (ts.isConditionalExpression(e)) {
    const t = secretSource(e.whenTrue, consts, hint, depth + 1);
    const f = secretSource(e.whenFalse, consts, hint, depth + 1);
    if (t && f) return { kind: 'literal', node: e, value: t.value, hint };
    if (!t && !f) return undefined;
    if (isEnvGate(e.condition)) return undefined;
    const lit = (t ?? f)!;
    return { kind: 'fallback', node: e, lit: lit.kind === 'literal' ? lit.node : lit.lit, value: lit.value, keep: t ? e.whenFalse : e.whenTrue, hint };
  }
  if (ts.isCallExpression(e)) {
    const inner = wrappedKey(e, consts);
    if (inner) return secretSource(inner, consts, hint, depth + 1);
    // z.string().default('dev-secret'): the schema's default is a fallback
    const callee = unwrap(e.expression);
    if (calleeName(e) === 'default' && ts.isPropertyAccessExpression(callee) && e.arguments.length === 1) {
      const lit = secretSource(e.arguments[0], consts, hint, depth + 1);
      if (lit?.kind === 'literal') return { kind: 'fallback', node: e, lit: lit.node, value: lit.value, keep: callee.expression, hint, schemaDefault: true };
    }
  }
  return undefined;
}

/** The env var a kept expression reads: `process.env.X`, `config.get('X')`. */
function keptEnvName(e: ts.Expression): string | undefined {
  e = unwrap(e);
  const env = envVarName(e);
  if (env) return env;
  if (ts.isCallExpression(e) && /^(get|getOrThrow)$/.test(calleeName(e) ?? '')) {
    const key = stringValue(e.arguments[0]);
    if (key && ENV_LIKE.test(key)) return key;
  }
  return undefined;
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

    const isJs = /\.[cm]?jsx?$/i.test(file.path);
    const envRead = (name: string) => `process.env.${name}${isJs ? '' : '!'}`;

    return {
      [ts.SyntaxKind.CallExpression]: (n) => onCall(n as ts.CallExpression),
      [ts.SyntaxKind.NewExpression]: (n) => onNew(n as ts.NewExpression),
      [ts.SyntaxKind.BinaryExpression]: (n) => onAssign(n as ts.BinaryExpression),
      [ts.SyntaxKind.VariableDeclaration](n) {
        const d = n as ts.VariableDeclaration;
        if (ts.isIdentifier(d.name) && isJwtSecretName(d.name.text)) byName(d.name.text, d.name.text, d.initializer);
      },
      [ts.SyntaxKind.PropertyDeclaration](n) {
        const d = n as ts.PropertyDeclaration;
        const name = propName(d.name);
        if (name && isJwtSecretName(name)) byName(name, name, d.initializer);
      },
      [ts.SyntaxKind.PropertyAssignment](n) {
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
          let fixes: Fix[] | undefined;
          const kept = source.kind === 'fallback' ? keptEnvName(source.keep) ?? (source.schemaDefault && source.hint && ENV_LIKE.test(source.hint) ? source.hint : undefined) : undefined;
          let envName = kept ?? nameFromHint(hit.hint) ?? hit.defaultName;
          if (!kept) {
            for (let i = 2; used.has(envName) && used.get(envName) !== source.value; i++) envName = `${envName.replace(/_\d+$/, '')}_${i}`;
          }
          used.set(envName, source.value);
          const envKeys = kept || source.kind === 'literal' ? { envKeys: { near: file.path, keys: [envName] } } : {};
          if (source.node.getSourceFile() === sf) {
            let text: string;
            if (source.kind === 'literal') text = envRead(envName);
            else {
              const keep = unwrap(source.keep);
              text = envVarName(keep) && !isJs && !ts.isNonNullExpression(source.keep) ? `${keep.getText(sf)}!` : source.keep.getText(sf);
            }
            fixes = [{
              title: source.kind === 'literal' ? `Read the secret from process.env.${envName}` : 'Remove the hardcoded fallback',
              safe: false,
              edits: [replaceNode(sf, file.path, source.node, text)],
              ...envKeys,
            }];
          }
          const lit = source.kind === 'literal' ? source.node : source.lit;
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
