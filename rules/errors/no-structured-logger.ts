import { STRUCTURED_LOGGERS, type AppFramework } from '../../server/engine/facts/opsFacts';
import { type FileView, type PackageCode, isServerPackage, packageLabel, packagesWithCode, serverAnchor, workspaceDeps } from '../../server/engine/facts/servers';
import type { WorkspaceRule } from '../../server/engine/types';
import { fastifyCliEntry } from '../../server/engine/facts/routeKinds';

/** Code that is not the server at run time: scripts, seeds, migrations, CLIs, config, front-end folders and components. */
const NOT_SERVER_CODE = /(^|\/)(scripts?|seeds?|seeders|migrations?|bin|cli|tools|prisma|client|frontend|public|static)\/|(^|\/)seed\.[cm]?[jt]s$|\.config\.[cm]?[jt]s$|\.[jt]sx$/i;
/** Next.js code that runs on the server: route handlers, API routes, middleware (proxy.ts since Next 16). */
// route handlers, API routes, middleware, and the server folder create-t3-app and others keep (tRPC routers, auth, db)
const NEXT_SERVER_CODE = /^(src\/)?(app\/(.+\/)?route\.[cm]?[jt]sx?|pages\/api\/.+|(middleware|proxy)\.[cm]?[jt]s|server\/.+\.[cm]?[jt]s)$/;
const WORKERS_CONFIG = /^wrangler\.(toml|json|jsonc)$/;

const rel = (p: PackageCode, path: string) => (p.pkg.dir ? path.slice(p.pkg.dir.length + 1) : path);

function serverFiles(p: PackageCode): Array<[string, FileView]> {
  const next = p.pkg.manifest.dependencies.includes('next');
  return p.code.filter(([path, v]) => {
    const r = rel(p, path);
    if (p.entries.includes(path)) return true;
    // (and modules marked server-only: `import 'server-only'`)
    if (next) return NEXT_SERVER_CODE.test(r) || !!v.facts.ops?.useServer || !!v.facts.imports?.includes('server-only');
    return !NOT_SERVER_CODE.test(r);
  });
}

/** What to use, by the app's framework. */
const ADVICE: Partial<Record<AppFramework, string>> & { other: string } = {
  fastify: "Turn on Fastify's built-in logger (pino, with a request id on every line): `fastify({ logger: true })` (or pino options), and log with `request.log` / `app.log` instead of console.*.",
  koa: 'Use a logger that writes leveled JSON (pino, winston...), with a request logger such as koa-pino-logger.',
  hono: 'Use a logger that writes leveled JSON (pino, winston...), with a request logger such as hono-pino.',
  other: 'Use a logger that writes leveled JSON (pino, winston...), with a request logger such as pino-http.',
};

const rule: WorkspaceRule = {
  meta: {
    id: 'errors/no-structured-logger',
    category: 'errors',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'Server logs only through console.*',
    fixKind: 'none',
    effort: 'day',
    checklist: 'infra.monitoring',
    docs: {
      why: 'console.log writes unleveled plain text: in production there is no way to filter errors from noise, no request id or user to correlate lines, and log platforms cannot index fields or alert on them. When something breaks, the team greps a wall of text, or finds the line was never written.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.post('/orders', async (req, res) => {\n  console.log('creating order', req.body.sku);\n  res.status(201).end();\n});\napp.listen(3000, () => console.log('listening'));\n",
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0",\n    "pino": "^9.5.0",\n    "pino-http": "^10.3.0"\n  }\n}\n',
        'src/logger.ts': "import pino from 'pino';\n\nexport const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });\n",
        'src/server.ts': "import express from 'express';\nimport pinoHttp from 'pino-http';\nimport { logger } from './logger';\n\nconst app = express();\napp.use(pinoHttp({ logger }));\napp.post('/orders', async (req, res) => {\n  req.log.info({ sku: req.body.sku }, 'creating order');\n  res.status(201).end();\n});\napp.listen(3000, () => logger.info('listening'));\n",
      } },
      fix: 'Use a structured logger that writes JSON with levels (pino, or winston, bunyan, log4js, roarr, tslog, consola; NestJS\'s Logger or nestjs-pino; Fastify\'s built-in logger with `logger: true`, which fastify-cli\'s `fastify start` turns on; signale, debug and morgan do not count: they print human-readable lines), create it once, and log objects with context (`logger.info({ orderId }, \'order created\')`); pino-http / nestjs-pino add a request id to every line. Scripts, seeds, migrations, CLIs and front-end code are not counted, nor are Next.js pages (only route handlers, API routes, middleware, server actions and the `server/` folder), nor Cloudflare Workers (whose console is the platform\'s logging API).',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const all = packagesWithCode(ctx);
    const byPkg = new Map(all.map((p) => [p.pkg, p]));
    const workerDirs = new Set([...files.keys()].filter((f) => WORKERS_CONFIG.test(f.slice(f.lastIndexOf('/') + 1))).map((f) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '')));
    for (const p of all) {
      if (!isServerPackage(p)) continue;
      const m = p.pkg.manifest;
      if (workerDirs.has(p.pkg.dir) || [...m.dependencies, ...m.devDependencies].includes('wrangler')) continue;
      if (m.dependencies.some((d) => STRUCTURED_LOGGERS.test(d))) continue;
      // fastify-cli (`fastify start -l info app.js`) runs the app with Fastify's pino logger on
      if (Object.values(m.scripts).some((sc) => fastifyCliEntry(sc) !== undefined)) continue;
      const shared = workspaceDeps(p.pkg, facts).flatMap((d) => byPkg.get(d)?.code ?? []);
      if ([...p.code, ...shared].some(([, v]) => v.facts.ops?.loggers?.length)) continue;
      const server = serverFiles(p).filter(([, v]) => v.facts.ops?.consoleCalls);
      if (!server.length) continue;
      const calls = server.reduce((n, [, v]) => n + (v.facts.ops?.consoleCalls ?? 0), 0);
      const anchor = serverAnchor(p, files);
      const frameworks = new Set(p.code.flatMap(([, v]) => (v.facts.ops?.apps ?? []).map((a) => a.framework)));
      const advice = frameworks.size !== 1 ? ADVICE.other : ADVICE[[...frameworks][0]] ?? ADVICE.other;
      ctx.report({
        message: `${packageLabel(p.pkg)} logs only through console.* (${calls} call${calls > 1 ? 's' : ''} in ${server.length} file${server.length > 1 ? 's' : ''}) and has no structured logger: in production these are unleveled plain-text lines without request ids or context, hard to search, filter or alert on. ${advice}`,
        file: anchor.file,
        range: anchor.range,
      });
    }
  },
};

export default rule;
