import { type PackageCode, isServerPackage, packageLabel, packagesWithCode, workspaceDeps } from '../../server/engine/facts/servers';
import { HEALTH_PATH } from '../../server/engine/facts/opsFacts';
import type { RouteInfo } from '../../server/engine/facts/routes';
import type { WorkspaceRule } from '../../server/engine/types';
import { jsonKeyRange } from '../../server/engine/jsonEdits';
import { START } from '../../server/engine/positions';

/** Spec files by name: openapi.yaml, swagger.json, api.openapi.yml, a Postman collection, anything under docs/api/. */
const SPEC_FILE = /(^|\/)((openapi|swagger)(\.[\w-]+)?\.(ya?ml|json)|[\w.-]+\.(openapi|swagger)\.(ya?ml|json)|[\w.-]+\.postman_collection\.json)$|(^|\/)docs?\/api\//i;
/** Libraries that generate, serve or validate an OpenAPI description. */
const GENERATORS = /^(@nestjs\/swagger|swagger-jsdoc|swagger-ui-express|swagger-autogen|@fastify\/swagger|@fastify\/swagger-ui|fastify-swagger|fastify-openapi-glue|tsoa|zod-openapi|@asteasolutions\/zod-to-openapi|@anatine\/zod-openapi|@hono\/zod-openapi|hono-openapi|@hono\/swagger-ui|chanfana|next-swagger-doc|express-openapi-validator|express-openapi|openapi-backend|express-zod-api|trpc-openapi|trpc-to-openapi|@ts-rest\/open-api|openapi3-ts|@redocly\/cli|redoc|redoc-express|@scalar\/[\w-]+|@elysiajs\/swagger)$/;
/** APIs whose schema is their contract (GraphQL introspection, tRPC's typed client): not REST APIs to describe in OpenAPI. */
const OTHER_CONTRACTS = /^(@trpc\/server|@apollo\/server|apollo-server(-[\w-]+)?|graphql-yoga|mercurius|@nestjs\/graphql|type-graphql|express-graphql|graphql-http|@graphql-yoga\/[\w-]+)$/;
/** Next.js route handlers that are not an API to document: auth callbacks, webhooks, tRPC/GraphQL mounts, cron, revalidation, the create-next-app sample. */
const NEXT_NOT_API = /(^|\/)(hello|auth|webhooks?|trpc|graphql|inngest|cron|revalidate|draft|preview|og|uploadthing|sitemap[\w.]*|robots[\w.]*|feed[\w.]*|rss[\w.]*)(\/|$)/i;

/**
 * The package's HTTP API routes from the route map (health checks and, for Next.js, auth callbacks and webhooks left
 * out). A Next.js route handler that the app's own code requests (`fetch('/api/users/count')`) is the back end of its
 * pages, not an API for others: it counts only when nothing in the package calls it.
 */
function apiRoutes(p: PackageCode, routes: readonly RouteInfo[]): number {
  const calls = p.code.flatMap(([, v]) => v.facts.ops?.ownApiCalls ?? []);
  const called = (path: string) => {
    const re = new RegExp(`^${path.split('/').map((seg) => (seg.startsWith(':') || seg === '*' ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`);
    return calls.some((c) => re.test(c.replace(/\*/g, 'x')));
  };
  return routes.filter((r) => r.package === p.pkg.dir && r.kind === 'http' && !HEALTH_PATH.test(r.path) && !(r.framework === 'nextjs' && (NEXT_NOT_API.test(r.path) || called(r.path)))).length;
}

const rule: WorkspaceRule = {
  meta: {
    id: 'docs/no-api-docs',
    category: 'docs',
    phase: 'documentation',
    tier: 'tech-debt',
    title: 'HTTP API without an OpenAPI description',
    fixKind: 'none',
    effort: 'day',
    checklist: 'docs.api',
    docs: {
      why: 'Without an API description, every front-end developer, partner or new hire learns the API by reading handlers or asking. Requests and responses drift from what clients expect, breaking changes go unnoticed, and nothing can generate clients, mocks or contract tests.',
      checks: 'Not reported for Next.js apps without API routes (pages only; auth callbacks and webhooks do not count; nor do route handlers the app\'s own code requests, `fetch(\'/api/...\')`, which serve its pages) nor for GraphQL and tRPC APIs.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.get('/projects', (_req, res) => res.json([]));\napp.post('/projects', (req, res) => res.status(201).json(req.body));\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'openapi.yaml': 'openapi: 3.1.0\ninfo:\n  title: Projects API\n  version: 1.0.0\npaths:\n  /projects:\n    get:\n      responses:\n        "200":\n          description: The projects\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.get('/projects', (_req, res) => res.json([]));\napp.post('/projects', (req, res) => res.status(201).json(req.body));\napp.listen(3000);\n",
      } },
      fix: 'Describe the API in OpenAPI: a checked-in spec (openapi.yaml / swagger.json, or any YAML/JSON file with a top-level `openapi:` or `swagger:` key, or files under docs/api/), or generate one from the code (@nestjs/swagger, @fastify/swagger, swagger-jsdoc, tsoa, zod-openapi, @asteasolutions/zod-to-openapi, @hono/zod-openapi, next-swagger-doc, express-openapi-validator...). Serve it (swagger-ui, Redoc, Scalar) and check it in CI.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    for (const [path, v] of files) if (v.facts.ops?.apiSpec || SPEC_FILE.test(path)) return;
    const root = facts.packages.find((p) => p.dir === '');
    const depsOf = (m: { dependencies: string[]; devDependencies: string[] }) => [...m.dependencies, ...m.devDependencies];
    if (root && depsOf(root.manifest).some((d) => GENERATORS.test(d))) return;
    const all = packagesWithCode(ctx);
    const byPkg = new Map(all.map((p) => [p.pkg, p]));
    for (const p of all) {
      if (!isServerPackage(p)) continue;
      const deps = depsOf(p.pkg.manifest);
      if (deps.some((d) => GENERATORS.test(d) || OTHER_CONTRACTS.test(d))) continue;
      const shared = workspaceDeps(p.pkg, facts);
      if (shared.some((d) => depsOf(d.manifest).some((x) => GENERATORS.test(x)))) continue;
      if ([...p.code, ...shared.flatMap((d) => byPkg.get(d)?.code ?? [])].some(([, v]) => v.facts.imports?.some((i) => GENERATORS.test(i) || OTHER_CONTRACTS.test(i)))) continue;
      const routes = apiRoutes(p, facts.routes);
      if (!routes) continue;
      const text = files.get(p.pkg.manifestPath)?.text ?? '';
      const dep = p.serverDeps[0];
      ctx.report({
        message: `${packageLabel(p.pkg)} exposes an HTTP API (${routes} route${routes > 1 ? 's' : ''} found) with no OpenAPI/Swagger description or generator: clients learn it by reading handlers, breaking changes go unnoticed, and nothing can generate clients, mocks or contract tests. Check in an openapi.yaml or generate one from the code (e.g. @nestjs/swagger, @fastify/swagger, swagger-jsdoc, zod-openapi).`,
        file: p.pkg.manifestPath,
        range: (dep ? jsonKeyRange(text, ['dependencies', dep]) : undefined) ?? START,
      });
    }
  },
};

export default rule;
