import { isGraphqlServer } from '../../server/engine/facts/routes';
import type { AppFact, AppFramework } from '../../server/engine/facts/opsFacts';
import { type FileView, isTypeScript, insertAfter, packageLabel, packagesWithCode, resolveRelative } from '../../server/engine/facts/servers';
import type { Fix, TextEdit, WorkspaceRule } from '../../server/engine/types';
import { LineIndex, START } from '../../server/engine/positions';

/** Which recorded handlers satisfy each framework. */
const SATISFIED_BY: Record<Exclude<AppFramework, 'hono'>, string[]> = {
  express: ['four-arg', 'named'],
  fastify: ['fastify'],
  koa: ['try-next', 'named', 'koa-listener', 'koa-onerror'],
};

const MESSAGES: Record<Exclude<AppFramework, 'hono'>, (label: string) => string> = {
  express: (label) => `The Express app of ${label} has no error-handling middleware (a 4-argument \`(err, req, res, next)\` handler): a thrown error or \`next(err)\` reaches Express's default handler, which answers with an HTML page that, unless NODE_ENV is "production", includes the stack trace, and logs nothing useful. Register an error handler after the routes that logs the error and answers with a generic JSON error.`,
  fastify: (label) => `The Fastify app of ${label} has no \`setErrorHandler\`: errors reach Fastify's default handler, which sends the error's message to the client (a database error's text included) and logs nothing unless the logger is enabled. Set an error handler that logs the error and answers 5xx with a generic message.`,
  koa: (label) => `The Koa app of ${label} has no error-catching middleware and no \`app.on('error')\` listener: errors are only printed to stderr by Koa's default handler and clients get a plain-text status line, so nothing reaches your logs or tracker in a usable form. Add a first middleware that wraps \`await next()\` in try/catch.`,
};

const TITLES: Record<Exclude<AppFramework, 'hono'>, string> = {
  express: 'Add an Express error-handling middleware after the routes',
  fastify: 'Add app.setErrorHandler(...)',
  koa: 'Add an error-catching first middleware',
};

function errorHandlerFix(file: string, view: FileView, app: AppFact): Fix[] | undefined {
  const ops = view.facts.ops;
  const name = app.name;
  if (!ops || !name) return undefined;
  const eol = new LineIndex(view.text).eol;
  const q = ops.quote ?? "'";
  const taken = new Set(ops.taken ?? []);
  const typed = isTypeScript(file);
  const log = taken.has('logger') ? 'logger.error' : 'console.error';
  const edits: TextEdit[] = [];
  const addTypeImport = (type: string, module: string) => {
    if (taken.has(type)) return;
    const line = `import type { ${type} } from ${q}${module}${q};`;
    edits.push(ops.importAt ? { file, range: { start: ops.importAt, end: ops.importAt }, newText: `${eol}${line}` } : { file, range: START, newText: `${line}${eol}` });
  };
  if (app.framework === 'express') {
    if (!app.afterSetup) return undefined;
    const body = [
      '  if (res.headersSent) return next(err);',
      `  ${log}(err);`,
      '  const status = err.status ?? err.statusCode ?? 500;',
      "  res.status(status).json({ error: status < 500 ? err.message : 'Internal Server Error' });",
    ].map((l) => l.replace(/'/g, q));
    let lines: string[];
    if (typed) {
      const handler = ['errorHandler', 'handleError'].find((n) => !taken.has(n));
      if (!handler) return undefined;
      addTypeImport('ErrorRequestHandler', 'express');
      lines = [`const ${handler}: ErrorRequestHandler = (err, _req, res, next) => {`, ...body, '};', `${name}.use(${handler});`];
    } else {
      lines = [`${name}.use((err, _req, res, next) => {`, ...body, '});'];
    }
    edits.push(insertAfter(file, app.afterSetup, lines, eol));
  } else if (app.framework === 'fastify') {
    if (!app.afterCreation) return undefined;
    if (typed) addTypeImport('FastifyError', 'fastify');
    const lines = [
      `${name}.setErrorHandler((error${typed ? ': FastifyError' : ''}, request, reply) => {`,
      '  request.log.error(error);',
      '  const status = error.statusCode ?? 500;',
      "  reply.status(status).send({ error: status < 500 ? error.message : 'Internal Server Error' });",
      '});',
    ].map((l) => l.replace(/'/g, q));
    edits.push(insertAfter(file, app.afterCreation, lines, eol));
  } else if (app.framework === 'koa') {
    if (!app.afterCreation) return undefined;
    const lines = [
      `${name}.use(async (ctx, next) => {`,
      '  try {',
      '    await next();',
      `  } catch (err${typed ? ': any' : ''}) {`,
      '    ctx.status = err.status ?? err.statusCode ?? 500;',
      "    ctx.body = { error: ctx.status < 500 ? err.message : 'Internal Server Error' };",
      "    ctx.app.emit('error', err, ctx);",
      '  }',
      '});',
    ].map((l) => l.replace(/'/g, q));
    edits.push(insertAfter(file, app.afterCreation, lines, eol));
  } else return undefined;
  return [{ title: TITLES[app.framework], safe: false, edits }];
}

const rule: WorkspaceRule = {
  meta: {
    id: 'errors/no-error-handler',
    category: 'errors',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'No application error handler',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.error-tracking',
    docs: {
      why: 'Without an application-level error handler, every unexpected error is answered by the framework\'s default: Express sends an HTML page with the stack trace unless NODE_ENV is "production", Fastify sends the raw error message (database errors included) and logs nothing when its logger is off. Clients get inconsistent or revealing answers, and the errors never reach the logs or the tracker in a usable form.',
      checks: 'For Express, imported handlers count. Koa\'s default response already hides 5xx details, so for Koa a missing handler is tech-debt. NestJS (its built-in exception filter), Next.js and Hono (whose default `onError` logs and answers a generic 500) are not reported. An Express app that only hosts a GraphQL server (Apollo, Yoga, express-graphql) and static files, with no routes of its own, is left alone: the GraphQL server answers its errors.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport { router } from './routes';\n\nconst app = express();\napp.use(express.json());\napp.use('/api', router);\n\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express, { type ErrorRequestHandler } from 'express';\nimport { router } from './routes';\nimport { logger } from './logger';\n\nconst app = express();\napp.use(express.json());\napp.use('/api', router);\n\nconst errorHandler: ErrorRequestHandler = (err, req, res, next) => {\n  if (res.headersSent) return next(err);\n  logger.error({ err }, 'request failed');\n  res.status(500).json({ error: 'Internal Server Error' });\n};\napp.use(errorHandler);\n\napp.listen(3000);\n",
      } },
      fix: 'Express: register a 4-argument middleware after the routes (`app.use((err, req, res, next) => ...)`). It should log the error (or report it to the tracker) and answer with a generic body for 5xx. `Sentry.setupExpressErrorHandler(app)` reports errors but then passes them on, so you still need one that responds. Fastify: `app.setErrorHandler((error, request, reply) => ...)`. Koa: a first middleware that wraps `await next()` in try/catch (or, at least, an `app.on(\'error\')` listener). The quick fix inserts a handler that logs the error and answers `{ error }`, with the message only for 4xx errors.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { files } = ctx;
    for (const p of packagesWithCode(ctx)) {
      const deps = p.pkg.manifest.dependencies;
      if (deps.includes('@nestjs/core') || deps.includes('next')) continue;
      const apps: Array<{ file: string; app: AppFact }> = [];
      const handlers = new Set<string>();
      for (const [path, view] of p.code) {
        const ops = view.facts.ops;
        if (!ops) continue;
        for (const app of ops.apps ?? []) apps.push({ file: path, app });
        for (const h of ops.errorHandlers ?? []) handlers.add(h);
        for (const imp of ops.middlewareImports ?? []) {
          const target = resolveRelative(path, imp.module, (f) => files.has(f));
          const exports = target ? files.get(target)?.facts.ops?.errorHandlerExports ?? [] : [];
          const name = imp.name === '*' ? 'default' : imp.name;
          if (exports.includes(name)) handlers.add('four-arg');
        }
      }
      // an Express app that only hosts a GraphQL server (and static files): the server answers its errors in the GraphQL response
      const graphqlHost = deps.some(isGraphqlServer) && !ctx.facts.routes.some((r) => r.package === p.pkg.dir && r.framework === 'express');
      for (const framework of ['express', 'fastify', 'koa'] as const) {
        const candidates = apps.filter((a) => a.app.framework === framework);
        if (!candidates.length || SATISFIED_BY[framework].some((h) => handlers.has(h))) continue;
        if (framework === 'express' && graphqlHost) continue;
        const chosen = candidates.find((a) => p.entries.includes(a.file)) ?? candidates[0];
        const view = files.get(chosen.file)!;
        ctx.report({
          message: MESSAGES[framework](packageLabel(p.pkg)),
          file: chosen.file,
          range: chosen.app.range,
          tier: framework === 'koa' ? 'tech-debt' : undefined,
          fixes: errorHandlerFix(chosen.file, view, chosen.app),
        });
      }
    }
  },
};

export default rule;
