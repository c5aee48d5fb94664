import rule from '../../../rules/errors/no-health-check';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const express = pkg({ express: '^4.21.0' });

ruleTester(rule, {
  valid: [
    { name: 'a health check under a longer path (/api/redis-checks/health; seen on a real Next.js app served from a container)', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/api/redis-checks/health', async (_req, res) => res.json({ ok: true }));\napp.get('/api/orders/:id/status', (_req, res) => res.json({}));\napp.listen(3000);\n",
    } },
    { name: "express-status-monitor serves /status (required, seen on a real Express + Knex app)", files: {
      'package.json': express,
      'app.js': "const express = require('express');\nconst statusMonitor = require('express-status-monitor');\nconst app = express();\napp.use(statusMonitor());\napp.listen(3000);\n",
    } },
    { name: 'app.get("/healthz")', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/healthz', (_req, res) => res.json({ ok: true }));\napp.listen(3000);\n",
    } },
    { name: 'a health router mounted at /api/health, in another file', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nimport { health } from './health';\nconst app = express();\napp.use('/api/health', health);\napp.listen(3000);\n",
      'src/health.ts': "import { Router } from 'express';\nexport const health = Router();\nhealth.get('/', (_req, res) => res.send('ok'));\n",
    } },
    { name: 'path from a constant, on a router', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nimport { routes } from './routes';\nconst app = express();\napp.use(routes);\napp.listen(3000);\n",
      'src/routes.ts': "import { Router } from 'express';\nconst READY = '/v1/ready';\nexport const routes = Router();\nroutes.get(READY, async (_req, res) => { res.sendStatus(204); });\n",
    } },
    { name: 'a health router mounted under a prefix that cannot be read', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nimport { health } from './health';\nconst app = express();\napp.use(process.env.BASE_PATH!, health);\napp.listen(3000);\n",
      'src/health.ts': "import { Router } from 'express';\nexport const health = Router();\nhealth.get('/healthz', (_req, res) => res.send('ok'));\n",
    } },
    { name: 'Fastify route({ url }) and Hono', files: {
      'package.json': pkg({ fastify: '^5.0.0' }),
      'src/index.ts': "import Fastify from 'fastify';\nconst app = Fastify();\napp.route({ method: 'GET', url: '/health/live', handler: async () => 'ok' });\nawait app.listen({ port: 3000 });\n",
    } },
    { name: 'NestJS controller @Controller("health") + @Get()', files: {
      'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
      'src/health/health.controller.ts': "import { Controller, Get } from '@nestjs/common';\n\n@Controller('health')\nexport class HealthController {\n  @Get()\n  check() {\n    return { status: 'ok' };\n  }\n}\n",
    } },
    { name: '@nestjs/terminus', files: {
      'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/terminus': '^10.0.0' }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
      'src/health.controller.ts': "import { Controller, Get } from '@nestjs/common';\nimport { HealthCheck, HealthCheckService } from '@nestjs/terminus';\n@Controller('probe')\nexport class HealthController {\n  constructor(private health: HealthCheckService) {}\n  @Get() @HealthCheck() check() { return this.health.check([]); }\n}\n",
    } },
    { name: 'raw node:http comparing req.url, Koa comparing ctx.path', files: {
      'package.json': pkg({ koa: '^2.15.0' }),
      'src/index.js': "const Koa = require('koa');\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  if (ctx.path === '/ping') { ctx.body = 'pong'; return; }\n  await next();\n});\napp.listen(3000);\n",
    } },
    { name: '@godaddy/terminus', files: {
      'package.json': pkg({ express: '^4.21.0', '@godaddy/terminus': '^4.12.0' }),
      'src/server.ts': "import http from 'node:http';\nimport express from 'express';\nimport { createTerminus } from '@godaddy/terminus';\nconst server = http.createServer(express());\ncreateTerminus(server, { healthChecks: { '/healthcheck': async () => {} } });\nserver.listen(3000);\n",
    } },
    { name: 'a business route ending in /status is not a health check, but this app has one at /api/status', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/api/status', (_req, res) => res.json({ up: true }));\napp.listen(3000);\n",
    } },
    { name: 'Next.js on a platform (no container) is not checked; in a container, app/api/health/route.ts counts', files: {
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0' } }),
      'app/page.tsx': 'export default function Page() { return null; }\n',
      'admin/package.json': JSON.stringify({ name: 'admin', dependencies: { next: '^15.0.0' } }),
      'admin/Dockerfile': 'FROM node:20\nCMD ["node", "server.js"]\n',
      'admin/app/api/health/route.ts': "export function GET() { return Response.json({ ok: true }); }\n",
    } },
    { name: 'not a running server: serverless handler, Hono on Workers', files: {
      'package.json': pkg({ hono: '^4.0.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.text('hi'));\nexport default app;\n",
    } },
  ],
  invalid: [
    {
      name: 'Express: /healthz added right after the app is created (before middleware)',
      files: {
        'package.json': express,
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './auth';\n\nconst app = express();\napp.use(requireUser);\napp.get('/orders/:id/status', (req, res) => res.json({}));\n\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/server.ts', line: 8, column: 1, message: /^"api" has no health-check endpoint/, tier: 'tech-debt' }],
      output: {
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './auth';\n\nconst app = express();\n\napp.get('/healthz', (_req, res) => {\n  res.json({ ok: true });\n});\napp.use(requireUser);\napp.get('/orders/:id/status', (req, res) => res.json({}));\n\napp.listen(3000);\n",
      },
    },
    {
      name: 'Fastify',
      files: {
        'package.json': pkg({ fastify: '^5.0.0' }),
        'src/index.ts': "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\napp.get('/users', async () => []);\nawait app.listen({ port: 3000 });\n",
      },
      errors: [{ file: 'src/index.ts', line: 4, column: 7 }],
      output: {
        'src/index.ts': "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\n\napp.get('/healthz', async () => ({ ok: true }));\napp.get('/users', async () => []);\nawait app.listen({ port: 3000 });\n",
      },
    },
    {
      name: 'Koa (double quotes)',
      files: {
        'package.json': pkg({ koa: '^2.15.0' }),
        'index.js': 'const Koa = require("koa");\nconst app = new Koa();\napp.use(router.routes());\napp.listen(3000);\n',
      },
      errors: [{ file: 'index.js', line: 4, column: 1 }],
      output: {
        'index.js': 'const Koa = require("koa");\nconst app = new Koa();\n\napp.use(async (ctx, next) => {\n  if (ctx.path === "/healthz") {\n    ctx.body = { ok: true };\n    return;\n  }\n  await next();\n});\napp.use(router.routes());\napp.listen(3000);\n',
      },
    },
    {
      name: 'Hono on Node, the app created in app.ts',
      files: {
        'package.json': pkg({ hono: '^4.0.0', '@hono/node-server': '^1.0.0' }),
        'src/app.ts': "import { Hono } from 'hono';\nexport const app = new Hono();\napp.get('/', (c) => c.text('hi'));\n",
        'src/index.ts': "import { serve } from '@hono/node-server';\nimport { app } from './app';\nserve({ fetch: app.fetch, port: 3000 });\n",
      },
      errors: [{ file: 'src/index.ts', line: 3, column: 1 }],
      output: {
        'src/app.ts': "import { Hono } from 'hono';\nexport const app = new Hono();\n\napp.get('/healthz', (c) => c.json({ ok: true }));\napp.get('/', (c) => c.text('hi'));\n",
      },
    },
    {
      name: 'NestJS without a health controller: reported, no fix',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.0.0' }),
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
      },
      errors: [{ file: 'src/main.ts', line: 4, column: 9 }],
      output: null,
    },
    {
      name: 'Next.js in a container without a health route: anchored on the next dependency',
      files: {
        'package.json': '{\n  "name": "web",\n  "dependencies": {\n    "next": "^15.0.0"\n  }\n}\n',
        'Dockerfile': 'FROM node:20\nCMD ["node", "server.js"]\n',
        'app/api/users/route.ts': 'export function GET() { return Response.json([]); }\n',
      },
      errors: [{ file: 'package.json', line: 4, column: 5 }],
      output: null,
    },
  ],
});
