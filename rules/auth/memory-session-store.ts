import { ts } from 'ts-morph';
import type { TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, asObject, findProperty, hasOpaqueSpread, isTestPath, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { inDevOnlyBranch, isDevOnlyPath } from '../../server/engine/ts/envBranch';

const rule: TsRule = {
  meta: {
    id: 'auth/memory-session-store',
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Sessions kept in the default in-memory store',
    fixKind: 'none',
    effort: 'day',
    checklist: 'harden.auth',
    docs: {
      why: "Without a `store`, express-session (and @fastify/session) keep sessions in a MemoryStore inside the Node process. Every restart or deploy signs every user out, a second instance or a serverless cold start does not see the sessions of the first, and the store never evicts expired entries, so memory grows until the process dies: the express-session README says it is not meant for production.",
      checks: "cookie-session keeps the data in the cookie and is not concerned.",
      bad: { files: { 'src/server.ts': "import express from 'express';\nimport session from 'express-session';\n\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));\n" } },
      good: { files: { 'src/server.ts': "import express from 'express';\nimport session from 'express-session';\nimport { RedisStore } from 'connect-redis';\nimport { createClient } from 'redis';\n\nconst redis = createClient({ url: process.env.REDIS_URL });\nawait redis.connect();\n\nconst app = express();\napp.use(session({ store: new RedisStore({ client: redis }), secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));\n" } },
      fix: 'Give the session middleware a shared store: connect-redis (Redis), connect-pg-simple (Postgres), connect-mongo, @quixo3/prisma-session-store (Prisma), or the Fastify equivalents. Or move to stateless sessions (signed JWT or cookie-session) if the session data is small.',
    },
  },
  scope: 'ts',
  // `register`: Fastify plugins, also registered as an inline `require()` that imports nothing at the top.
  triggers: { names: ['register'], modules: ['express-session'] },
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path) || isDevOnlyPath(file.path)) return {};

    /** `opts.store = new RedisStore(...)` after the options object was built. */
    const storeAssigned = (options: ts.Expression): boolean => {
      const id = unwrap(options);
      if (!ts.isIdentifier(id)) return false;
      let found = false;
      const visit = (n: ts.Node): void => {
        if (found) return;
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const p = accessPath(n.left);
          if (p?.length === 2 && p[0] === id.text && p[1] === 'store') { found = true; return; }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      return found;
    };

    const check = (call: ts.CallExpression, options: ts.Expression | undefined, lib: string) => {
      if (inDevOnlyBranch(call)) return;
      if (options) {
        const obj = asObject(options, consts);
        if (!obj || hasOpaqueSpread(obj, consts) || findProperty(obj, 'store', consts) || storeAssigned(options)) return;
      }
      ctx.report({
        message: `${lib} keeps sessions in its default MemoryStore here (no \`store\` option): every restart or deploy signs everyone out, a second instance does not see the sessions, and the store grows until the process runs out of memory. Give it a shared store (Redis, Postgres, Mongo...).`,
        range: nodeRange(sf, call.expression),
      });
    };

    return {
      CallExpression(n) {
        const call = n as ts.CallExpression;
        const callee = resolveCallee(call.expression, imports);
        if (callee?.module === 'express-session' && callee.path.length === 0) { check(call, call.arguments[0], 'express-session'); return; }
        if (callee) return;
        const target = unwrap(call.expression);
        if (!ts.isPropertyAccessExpression(target) || target.name.text !== 'register' || call.arguments.length < 2) return;
        const plugin = unwrap(call.arguments[0]);
        const module = ts.isCallExpression(plugin) && ts.isIdentifier(plugin.expression) && plugin.expression.text === 'require'
          ? stringValue(plugin.arguments[0])
          : resolveCallee(plugin, imports)?.module;
        if (module === '@fastify/session' || module === 'fastify-session') check(call, call.arguments[1], module);
      },
    };
  },
};

export default rule;
