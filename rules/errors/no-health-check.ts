import { HEALTH_PATH, type AppFact } from '../../server/engine/facts/opsFacts';
import type { RouteInfo } from '../../server/engine/facts/routes';
import { type FileView, type PackageCode, dirName, insertAfter, packageLabel, packagesWithCode, serverAnchor, workspaceDeps } from '../../server/engine/facts/servers';
import type { Fix, WorkspaceRule } from '../../server/engine/types';
import { LineIndex } from '../../server/engine/positions';

/** Libraries that expose a health endpoint. */
const HEALTH_LIBS = new Set(['@nestjs/terminus', 'fastify-healthcheck', '@fastify/under-pressure', 'under-pressure', 'express-healthcheck', '@godaddy/terminus', 'express-actuator', 'lightship', '@cloudnative/health-connect', 'express-status-monitor']);

/** A health path; when a prefix could not be read, its own last segments decide. */
function isHealthRoute(r: RouteInfo): boolean {
  if (HEALTH_PATH.test(r.path)) return true;
  if (r.pathKnown) return false;
  const segs = r.path.split('/').filter(Boolean);
  return [1, 2].some((n) => segs.length >= n && HEALTH_PATH.test('/' + segs.slice(-n).join('/')));
}

/** A health route in the route map (any framework, Next.js route files included), a health path served outside routes, or a health library. */
function hasHealth(dirs: Set<string>, files: Array<[string, FileView]>, routes: readonly RouteInfo[]): boolean {
  if (routes.some((r) => dirs.has(r.package) && r.kind === 'http' && isHealthRoute(r))) return true;
  return files.some(([, v]) => !!v.facts.ops?.healthRoutes?.length || v.facts.imports?.some((i) => HEALTH_LIBS.has(i)));
}

function healthFix(p: PackageCode, files: ReadonlyMap<string, FileView>): Fix[] | undefined {
  const inEntry = p.entries.flatMap((e) => (files.get(e)?.facts.ops?.apps ?? []).map((app) => ({ file: e, app })));
  const all = p.code.flatMap(([file, v]) => (v.facts.ops?.apps ?? []).map((app) => ({ file, app })));
  const chosen = inEntry[0] ?? (all.length === 1 ? all[0] : undefined);
  if (!chosen) return undefined;
  const { file, app } = chosen as { file: string; app: AppFact };
  const view = files.get(file)!;
  if (!app.name || !app.afterCreation) return undefined;
  const q = view.facts.ops?.quote ?? "'";
  const a = app.name;
  const lines = {
    express: [`${a}.get('/healthz', (_req, res) => {`, '  res.json({ ok: true });', '});'],
    fastify: [`${a}.get('/healthz', async () => ({ ok: true }));`],
    hono: [`${a}.get('/healthz', (c) => c.json({ ok: true }));`],
    koa: [`${a}.use(async (ctx, next) => {`, "  if (ctx.path === '/healthz') {", '    ctx.body = { ok: true };', '    return;', '  }', '  await next();', '});'],
  }[app.framework].map((l) => l.replace(/'/g, q));
  const eol = new LineIndex(view.text).eol;
  return [{ title: 'Add a GET /healthz endpoint', safe: true, edits: [insertAfter(file, app.afterCreation, lines, eol)] }];
}

const rule: WorkspaceRule = {
  meta: {
    id: 'errors/no-health-check',
    category: 'errors',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'No health-check endpoint',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'infra.monitoring',
    docs: {
      why: 'Load balancers, container orchestrators (Kubernetes, ECS, Fly, Railway, Render) and uptime monitors decide whether an instance gets traffic by calling a health endpoint. Without one they can only check that the port is open: a hung or half-started instance keeps receiving requests, a broken deploy is not rolled back, and nobody is paged.',
      checks: 'Paths such as /health, /healthz, /ready, /readyz, /livez, /ping, /status (optionally under /api or /v1) count as a health check, as do @nestjs/terminus, @godaddy/terminus, fastify-healthcheck, @fastify/under-pressure, express-healthcheck, express-status-monitor (its `/status` page) and lightship, and Next.js route files such as app/api/health/route.ts. Checked for packages that start a server, and for Next.js apps that ship in a container (a Dockerfile beside package.json); serverless and edge deployments do not probe.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.get('/users', (_req, res) => res.json([]));\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.get('/healthz', (_req, res) => {\n  res.json({ ok: true });\n});\napp.get('/users', (_req, res) => res.json([]));\napp.listen(3000);\n",
      } },
      fix: 'Add a cheap, unauthenticated `GET /healthz` (liveness) registered before auth and rate-limit middleware, and, when the platform supports it, a readiness check that pings the database.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const all = packagesWithCode(ctx);
    const byPkg = new Map(all.map((p) => [p.pkg, p]));
    const dockerDirs = new Set([...files].filter(([, v]) => v.kind === 'dockerfile').map(([f]) => dirName(f)));
    for (const p of all) {
      const next = p.pkg.manifest.dependencies.includes('next');
      const containerised = dockerDirs.has(p.pkg.dir);
      if (!p.entries.length && !(next && containerised)) continue;
      const deps = workspaceDeps(p.pkg, facts);
      const shared = deps.flatMap((d) => byPkg.get(d)?.code ?? []);
      if (hasHealth(new Set([p.pkg.dir, ...deps.map((d) => d.dir)]), [...p.code, ...shared], facts.routes)) continue;
      const anchor = serverAnchor(p, files);
      ctx.report({
        message: `${packageLabel(p.pkg)} has no health-check endpoint: load balancers, orchestrators and uptime monitors cannot tell a live instance from a hung one, so a broken instance keeps receiving traffic and nobody is alerted. Add a cheap \`GET /healthz\` (and a readiness check that pings the database where the platform supports one).`,
        file: anchor.file,
        range: anchor.range,
        fixes: p.entries.length ? healthFix(p, files) : undefined,
      });
    }
  },
};

export default rule;
