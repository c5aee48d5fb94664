import rule from '../../../rules/errors/no-structured-logger';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>, devDeps: Record<string, string> = {}) => JSON.stringify({ name: 'api', dependencies: deps, devDependencies: devDeps }, null, 2) + '\n';
const express = pkg({ express: '^4.21.0' });
const server = "import express from 'express';\nconst app = express();\napp.listen(3000, () => console.log('listening'));\n";

ruleTester(rule, {
  valid: [
    { name: 'a fastify-cli app (fastify start -l info app.js runs it with Fastify\'s pino logger) (seen on a real app)', files: {
      'package.json': JSON.stringify({ name: 'api', scripts: { start: 'fastify start -l info app.js' }, dependencies: { fastify: '^4.9.0', 'fastify-cli': '^5.5.0' } }),
      'app.js': "module.exports = async function (fastify, opts) {\n  fastify.get('/', async () => ({ ok: true }));\n};\n",
      'util/remote.js': "const fastify = require('fastify');\nexports.call = async () => { console.log('calling the SOAP service'); };\n",
    } },
    { name: 'pino in a logger module (console left in a few places)', files: {
      'package.json': express,
      'src/logger.ts': "import pino from 'pino';\nexport const logger = pino();\n",
      'src/server.ts': server,
    } },
    { name: 'winston as a dependency', files: {
      'package.json': pkg({ express: '^4.21.0', winston: '^3.13.0' }),
      'src/server.ts': server,
    } },
    { name: 'NestJS Logger from @nestjs/common', files: {
      'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' }),
      'src/main.ts': "import { Logger } from '@nestjs/common';\nimport { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n  console.log('up');\n  new Logger('Bootstrap').log('listening');\n}\nbootstrap();\n",
    } },
    { name: 'Fastify with its built-in logger enabled (options in a const)', files: {
      'package.json': pkg({ fastify: '^5.0.0' }),
      'src/index.ts': "import Fastify from 'fastify';\nconst options = { logger: { level: 'info' } };\nconst app = Fastify(options);\napp.get('/', async (req) => { console.log('hit'); return 'ok'; });\nawait app.listen({ port: 3000 });\n",
    } },
    { name: 'console only in scripts, seeds, config and tests', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nexpress().listen(3000);\n",
      'scripts/backfill.ts': "console.log('backfilled');\n",
      'prisma/seed.ts': "console.log('seeded');\n",
      'src/seed.ts': "console.log('seeded');\n",
      'vite.config.ts': "console.log('config');\n",
      'test/server.test.ts': "console.log('test');\n",
    } },
    { name: 'logger from a workspace package', files: {
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/log/package.json': JSON.stringify({ name: '@acme/log' }),
      'packages/log/src/index.ts': "import { createLogger } from 'winston';\nexport const log = createLogger({});\n",
      'apps/api/package.json': pkg({ express: '^4.21.0', '@acme/log': 'workspace:*' }),
      'apps/api/src/server.ts': server,
    } },
    { name: 'Next.js: console in pages and client components is not server logging', files: {
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', react: '^19.0.0' } }),
      'app/page.tsx': "'use client';\nexport default function Page() { console.log('render'); return null; }\n",
      'lib/format.ts': "export const f = (x: number) => { console.log(x); return x; };\n",
    } },
    { name: 'Hono on Cloudflare Workers (wrangler): console is the platform logger', files: {
      'package.json': pkg({ hono: '^4.0.0' }, { wrangler: '^3.0.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => { console.log('hit'); return c.text('hi'); });\nexport default app;\n",
    } },
    { name: 'a library that only imports express types', files: {
      'package.json': JSON.stringify({ name: 'lib', dependencies: {}, devDependencies: { express: '^4.21.0' } }),
      'src/index.ts': "import type { Request } from 'express';\nexport const f = (r: Request) => console.log(r.path);\n",
    } },
  ],
  invalid: [
    {
      name: "Fastify with its logger off: the advice is Fastify's own logger (seen on a real Fastify + Kysely app)",
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { fastify: '^4.26.0' } }),
        'src/server.ts': "import fastify from 'fastify';\nexport const app = fastify();\napp.get('/courses', async () => { console.log('listing courses'); return []; });\napp.listen({ port: 3333 }).then(() => console.log('HTTP server running'));\n",
      },
      errors: [{ file: 'src/server.ts', line: 4, column: 1, message: /Turn on Fastify's built-in logger \(pino, with a request id on every line\): `fastify\(\{ logger: true \}\)`/ }],
    },
    {
      name: 'Express with console only: anchored on the entry listen call',
      files: {
        'package.json': express,
        'src/server.ts': "import express from 'express';\nimport { router } from './routes';\nconst app = express();\napp.use(router);\napp.listen(3000, () => console.log('listening'));\n",
        'src/routes.ts': "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/', (req, res) => {\n  console.info('list');\n  try { res.json([]); } catch (err) { console.error(err); }\n});\n",
        'scripts/seed.ts': "console.log('not counted');\n",
      },
      errors: [{ file: 'src/server.ts', line: 5, column: 1, message: '"api" logs only through console.* (3 calls in 2 files) and has no structured logger: in production these are unleveled plain-text lines without request ids or context, hard to search, filter or alert on. Use a logger that writes leveled JSON (pino, winston...), with a request logger such as pino-http.', tier: 'tech-debt' }],
    },
    {
      name: 'Fastify without a logger (default off); morgan-like and debug do not count',
      files: {
        'package.json': pkg({ fastify: '^5.0.0', debug: '^4.0.0' }),
        'src/index.ts': "import Fastify from 'fastify';\nimport createDebug from 'debug';\nconst debug = createDebug('api');\nconst app = Fastify({ logger: false });\napp.get('/', async () => { console.warn('deprecated'); return 'ok'; });\nawait app.listen({ port: 3000 });\n",
      },
      errors: [{ file: 'src/index.ts', line: 6, column: 7, message: /\(1 call in 1 file\)/ }],
    },
    {
      name: 'Next.js route handlers and server actions logging with console: anchored on the next dependency',
      files: {
        'package.json': '{\n  "name": "web",\n  "dependencies": {\n    "next": "^15.0.0"\n  }\n}\n',
        'app/api/orders/route.ts': "export async function POST(req: Request) {\n  console.log('order');\n  return Response.json({});\n}\n",
        'app/actions.ts': "'use server';\nexport async function save() { console.error('failed'); }\n",
        'app/page.tsx': "export default function Page() { console.log('x'); return null; }\n",
      },
      errors: [{ file: 'package.json', line: 4, column: 5, message: /\(2 calls in 2 files\)/ }],
    },
    {
      name: 'Next.js (create-t3-app): console in the tRPC procedures under src/server counts (seen on a real T3 shop whose count said 2 calls for 38)',
      files: {
        'package.json': '{\n  "name": "web",\n  "dependencies": {\n    "next": "^13.4.0",\n    "@trpc/server": "^10.0.0"\n  }\n}\n',
        'src/pages/api/trpc/[trpc].ts': "import { createNextApiHandler } from '@trpc/server/adapters/next';\nimport { appRouter } from '~/server/api/root';\nexport default createNextApiHandler({ router: appRouter, onError: ({ error }) => console.error(error) });\n",
        'src/server/api/routers/orders.ts': "import { publicProcedure } from '../trpc';\nexport const createOrder = publicProcedure.mutation(async () => {\n  try { return await save(); } catch (e) { console.log('ERROR! createOrder', e); throw e; }\n});\nexport const listOrders = publicProcedure.query(async () => {\n  try { return await list(); } catch (e) { console.log('ERROR! listOrders', e); throw e; }\n});\n",
        'src/components/Cart.tsx': "export function Cart() { console.log('render'); return null; }\n",
      },
      errors: [{ file: 'package.json', line: 4, column: 5, message: /\(3 calls in 2 files\)/ }],
    },
    {
      // seen on a real Next.js 16 + Supabase app: its only logging was in a server-only module and proxy.ts
      name: "Next.js: console in proxy.ts (Next 16) and in a module marked server-only",
      files: {
        'package.json': '{\n  "name": "web",\n  "dependencies": {\n    "next": "^16.0.0"\n  }\n}\n',
        'src/proxy.ts': "import { NextResponse } from 'next/server';\nexport function proxy() {\n  console.log('request');\n  return NextResponse.next();\n}\n",
        'src/lib/db-errors.ts': "import 'server-only';\nexport function describeDbError(e: unknown) {\n  console.error(e);\n  return 'failed';\n}\n",
      },
      errors: [{ file: 'package.json', line: 4, column: 5, message: /\(2 calls in 2 files\)/ }],
    },
    {
      name: 'Koa with signale (a pretty printer, not structured) and console',
      files: {
        'package.json': pkg({ koa: '^2.15.0', signale: '^1.4.0' }),
        'index.js': "const Koa = require('koa');\nconst app = new Koa();\napp.on('error', (err) => console.error(err));\napp.listen(3000);\n",
      },
      errors: [{ file: 'index.js', line: 4, column: 1 }],
    },
  ],
});
