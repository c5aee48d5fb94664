import { ts } from 'ts-morph';
import type { Fix, TsRule, TsVisitor } from '../../server/engine/types';
import { asObject, findProperty, isTestPath, propName, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange, replaceNode } from '../../server/engine/ts/edits';
import { envRead, envSecretFix, fallbackEnvName, nameFromHint, secretSource, type SecretSource } from '../../server/engine/ts/secretSource';
import { mask } from '../../server/engine/secrets';

interface Hit { source: SecretSource; where: string; defaultName: string; array?: ts.ArrayLiteralExpression; kept?: ts.Expression[] }

const GENERIC_NAMES = new Set(['SECRET', 'KEY', 'KEYS', 'PASSWORD', 'SECRETS', 'SECRET_KEY', 'SESSION', 'COOKIE', 'APP_KEYS', 'SIGNING_KEY']);
const IRON_MODULES = /^iron-session(\/.*)?$|^next-iron-session$/;
const IRON_OPTION_TYPES = new Set(['SessionOptions', 'IronSessionOptions']);

const rule: TsRule = {
  meta: {
    id: 'auth/hardcoded-session-secret',
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Session or cookie-signing secret hardcoded in source',
    fixKind: 'multi-file',
    effort: 'minutes',
    checklist: 'harden.secrets',
    docs: {
      why: "The session secret signs (or encrypts) the session cookie. Whoever knows it can forge a cookie for any session id or, with stateless sessions (cookie-session, iron-session, secure-session), write any user id into the cookie and be that user. A value written in the code is known to everyone with access to the repository, and the `'keyboard cat'` of the express-session README is in many production apps.",
      checks: "Checked in express-session, cookie-session (`secret` and `keys`), cookie-parser, @fastify/session, @fastify/cookie, @fastify/secure-session, Koa's `app.keys` and iron-session's `password`.",
      bad: { files: { 'src/server.ts': "import express from 'express';\nimport session from 'express-session';\n\nconst app = express();\napp.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));\n" } },
      good: { files: {
        'src/server.ts': "import express from 'express';\nimport session from 'express-session';\n\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));\n",
        '.env.example': 'SESSION_SECRET=\n',
      } },
      fix: 'Read the secret from the environment (`process.env.SESSION_SECRET`), list it in .env.example, fail at start-up when it is missing, and rotate the value that was in the code (express-session and cookie-session accept a list, so the old one can keep old sessions valid during the switch).',
    },
  },
  scope: 'ts',
  // `register`: Fastify plugins, also registered as an inline `require()` that imports nothing at the top.
  triggers: { names: ['register'], modules: ['express-session', 'cookie-session', 'cookie-parser', 'koa', 'iron-session', 'next-iron-session'] },
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    const hits = new Map<ts.Node, Hit>();
    const importsKoa = imports.modules.some((m) => m.module === 'koa');
    const importsIron = imports.modules.some((m) => IRON_MODULES.test(m.module));

    const add = (value: ts.Expression | undefined, where: string, defaultName: string) => {
      if (!value) return;
      const arr = consts.resolve(value);
      if (arr && ts.isArrayLiteralExpression(arr)) {
        const sources = arr.elements.map((el) => (ts.isSpreadElement(el) ? undefined : secretSource(el, consts)));
        const first = sources.find((s): s is SecretSource => !!s);
        if (!first || hits.has(arr)) return;
        const kept = arr.elements.filter((_, i) => !sources[i]);
        hits.set(arr, { source: first, where, defaultName, array: arr, kept });
        return;
      }
      const source = secretSource(value, consts);
      if (source && !hits.has(source.node)) hits.set(source.node, { source, where, defaultName });
    };
    const addOption = (options: ts.Expression | undefined, names: readonly string[], lib: string, defaultName = 'SESSION_SECRET') => {
      const obj = asObject(options, consts);
      if (!obj) return;
      for (const n of names) {
        const p = findProperty(obj, n, consts);
        if (p?.value) add(p.value, `in ${lib}'s \`${n}\``, defaultName);
      }
    };

    const pluginModule = (plugin: ts.Expression): string | undefined => {
      const p = unwrap(plugin);
      if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'require') return stringValue(p.arguments[0]);
      return resolveCallee(p, imports)?.module;
    };

    const onCall = (call: ts.CallExpression) => {
      const callee = resolveCallee(call.expression, imports);
      const path = callee?.path.join('.') ?? '';
      const args = call.arguments;
      if (callee && IRON_MODULES.test(callee.module)) {
        for (const a of args) if (asObject(a, consts)) addOption(a, ['password'], 'iron-session');
        return;
      }
      switch (callee?.module) {
        case 'express-session':
          if (path === '') addOption(args[0], ['secret'], 'express-session');
          return;
        case 'cookie-session':
          if (path === '') addOption(args[0], ['secret', 'keys'], 'cookie-session');
          return;
        case 'cookie-parser':
          if (path === '') add(args[0], 'passed to cookie-parser', 'COOKIE_SECRET');
          return;
      }
      if (!callee && ts.isPropertyAccessExpression(unwrap(call.expression)) && (unwrap(call.expression) as ts.PropertyAccessExpression).name.text === 'register' && args.length >= 2) {
        const module = pluginModule(args[0]);
        if (module === '@fastify/session' || module === 'fastify-session') addOption(args[1], ['secret'], module);
        else if (module === '@fastify/cookie' || module === 'fastify-cookie') addOption(args[1], ['secret'], module, 'COOKIE_SECRET');
        else if (module === '@fastify/secure-session' || module === 'fastify-secure-session') addOption(args[1], ['secret', 'key'], module);
      }
    };

    const onNew = (created: ts.NewExpression) => {
      const c = resolveCallee(created.expression, imports);
      if (c?.module === 'koa' && c.path.length === 0) addOption(created.arguments?.[0], ['keys'], 'Koa');
    };

    const onAssign = (b: ts.BinaryExpression) => {
      if (!importsKoa || b.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(b.left) || b.left.name.text !== 'keys') return;
      const target = unwrap(b.left.expression);
      if (!ts.isIdentifier(target)) return;
      const init = consts.resolve(target);
      const isKoaApp = init && ts.isNewExpression(init) && resolveCallee(init.expression, imports)?.module === 'koa';
      if (isKoaApp || target.text === 'app') add(b.right, "in Koa's `app.keys`", 'SESSION_SECRET');
    };

    /** iron-session options kept in a config module: `export const sessionOptions: SessionOptions = { password: '...', cookieName }`. */
    const onObject = (obj: ts.ObjectLiteralExpression) => {
      if (!importsIron) return;
      let n: ts.Node = obj;
      while (ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent) || ts.isParenthesizedExpression(n.parent)) n = n.parent;
      const p = n.parent;
      const typeName = ts.isVariableDeclaration(p) && p.type && ts.isTypeReferenceNode(p.type) ? p.type.typeName.getText(sf) : undefined;
      const satisfies = ts.isSatisfiesExpression(obj.parent) && ts.isTypeReferenceNode(obj.parent.type) ? obj.parent.type.typeName.getText(sf) : undefined;
      const typed = [typeName, satisfies].some((t) => t && IRON_OPTION_TYPES.has(t));
      const names = obj.properties.map((x) => propName(x.name)).filter(Boolean);
      if (typed || (names.includes('cookieName') && names.includes('password'))) addOption(obj, ['password'], 'iron-session');
    };

    return {
      CallExpression: (n) => onCall(n as ts.CallExpression),
      NewExpression: (n) => onNew(n as ts.NewExpression),
      BinaryExpression: (n) => onAssign(n as ts.BinaryExpression),
      ObjectLiteralExpression: (n) => onObject(n as ts.ObjectLiteralExpression),
      onEnd() {
        const ordered = [...hits.values()].sort((a, b) => (a.array ?? a.source.node).pos - (b.array ?? b.source.node).pos);
        for (const hit of ordered) {
          const { source, where, array } = hit;
          const envName = fallbackEnvName(source) ?? nameFromHint(source.hint, GENERIC_NAMES, /(SECRET|KEY|PASSWORD)/) ?? hit.defaultName;
          let fix: Fix | undefined;
          if (array) {
            if (array.getSourceFile() === sf) {
              const kept = hit.kept ?? [];
              fix = {
                title: kept.length ? 'Remove the hardcoded values' : `Read the secret from process.env.${envName}`,
                safe: false,
                edits: [replaceNode(sf, file.path, array, `[${kept.length ? kept.map((k) => k.getText(sf)).join(', ') : envRead(file.path, envName)}]`)],
                ...(kept.length ? {} : { envKeys: { near: file.path, keys: [envName] } }),
              };
            }
          } else fix = envSecretFix(sf, file.path, source, envName);
          const lit = source.kind === 'literal' ? source.node : source.lit;
          const message = source.kind === 'literal'
            ? `Hardcoded session secret (\`${mask(source.value)}\`) ${where}: anyone who can read the code can sign a session cookie of their own and be any user. Read it from process.env.${envName} and rotate this value.`
            : `Session secret falls back to a hardcoded value (\`${mask(source.value)}\`) ${where}: a deploy that misses ${fallbackEnvName(source) ?? 'the setting'} signs session cookies with a secret anyone reading the code knows. Drop the fallback so a missing secret fails loudly, and rotate this value.`;
          ctx.report({ message, range: nodeRange(sf, lit), fixes: fix ? [fix] : undefined });
        }
      },
    };
  },
};

export default rule;
