import rule from '../../../rules/deploy/no-graceful-shutdown';
import { ruleTester } from '../../helpers/ruleTester';
import { PROCESS_EVENT_APPS } from '../../helpers/samples';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const express = pkg({ express: '^4.21.0' });

ruleTester(rule, {
  valid: [
    { name: 'an Express app deployed only as a Vercel function (vercel.json builds with @vercel/node beside it; seen on a real Express + pg CRM)', files: {
      'Backend/package.json': pkg({ express: '^4.21.0', pg: '^8.13.0' }),
      'Backend/vercel.json': '{\n  "version": 2,\n  "builds": [{ "src": "server.js", "use": "@vercel/node" }],\n  "routes": [{ "src": "/api(.*)", "dest": "/server.js" }]\n}\n',
      'Backend/server.js': "const express = require('express');\nconst app = express();\napp.get('/api/items', (req, res) => res.json([]));\napp.listen(process.env.PORT);\n",
    } },
    { name: 'exit in close\'s callback; a database closed before exiting', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nimport mongoose from 'mongoose';\nconst app = express();\nconst server = app.listen(3000);\nprocess.on('SIGTERM', () => {\n  server.close(async () => {\n    mongoose.connection.close();\n    process.exit(0);\n  });\n});\nprocess.on('SIGINT', async () => {\n  await new Promise((r) => server.close(r));\n  process.exit(0);\n});\n",
    } },
    ...PROCESS_EVENT_APPS,
    { name: 'SIGTERM closes the server', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nconst app = express();\nconst server = app.listen(3000);\nprocess.on('SIGTERM', () => server.close());\n",
    } },
    { name: 'signals from a loop, in a separate shutdown module', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nimport { onShutdown } from './shutdown';\nconst app = express();\nonShutdown(app.listen(3000));\n",
      'src/shutdown.ts': "import type { Server } from 'node:http';\nexport function onShutdown(server: Server) {\n  ['SIGINT', 'SIGTERM'].forEach((signal) => process.once(signal, () => server.close()));\n}\n",
    } },
    { name: 'NestJS enableShutdownHooks', files: {
      'package.json': pkg({ '@nestjs/core': '^10.0.0' }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableShutdownHooks();\n  await app.listen(3000);\n}\nbootstrap();\n",
    } },
    { name: '@godaddy/terminus', files: {
      'package.json': pkg({ express: '^4.21.0', '@godaddy/terminus': '^4.12.0' }),
      'src/server.ts': "import http from 'node:http';\nimport express from 'express';\nimport { createTerminus } from '@godaddy/terminus';\nconst app = express();\nconst server = http.createServer(app);\ncreateTerminus(server, { signals: ['SIGTERM'] });\nserver.listen(3000);\n",
    } },
    { name: 'close-with-grace with Fastify', files: {
      'package.json': pkg({ fastify: '^5.0.0', 'close-with-grace': '^2.0.0' }),
      'src/index.ts': "import Fastify from 'fastify';\nimport closeWithGrace from 'close-with-grace';\nconst app = Fastify();\ncloseWithGrace(async () => { await app.close(); });\nawait app.listen({ port: 3000 });\n",
    } },
    { name: 'close-with-grace by require, fastify-graceful-shutdown registered as a plugin', files: {
      'package.json': pkg({ fastify: '^5.0.0', 'close-with-grace': '^2.0.0', 'fastify-graceful-shutdown': '^4.0.0' }),
      'src/index.js': "const fastify = require('fastify')();\nconst closeWithGrace = require('close-with-grace');\ncloseWithGrace({ delay: 500 }, async () => fastify.close());\nfastify.listen({ port: 3000 });\n",
      'admin/package.json': JSON.stringify({ name: 'admin', dependencies: { fastify: '^5.0.0', 'fastify-graceful-shutdown': '^4.0.0' } }),
      'admin/src/index.ts': "import Fastify from 'fastify';\nimport gracefulShutdown from 'fastify-graceful-shutdown';\nconst app = Fastify();\napp.register(gracefulShutdown);\nawait app.listen({ port: 3001 });\n",
    } },
    { name: 'no server started: serverless, Next.js on a platform, Hono on Workers', files: {
      'package.json': pkg({ hono: '^4.0.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.text('hi'));\nexport default app;\n",
      'web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0' } }),
      'web/app/api/users/route.ts': 'export async function GET() { return Response.json([]); }\n',
    } },
  ],
  invalid: [
    {
      name: 'Vercel hosts only the front end (its vercel.json is in the web folder); the API runs in a container',
      files: {
        'web/package.json': JSON.stringify({ name: 'web', dependencies: { vite: '^6.0.0' } }),
        'web/vercel.json': '{ "rewrites": [{ "source": "/(.*)", "destination": "/" }] }\n',
        'api/package.json': pkg({ express: '^4.21.0' }),
        'api/Dockerfile': 'FROM node:22-alpine\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
        'api/server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
      },
      errors: [{ file: 'api/server.js', line: 3, column: 1, message: /does not handle SIGTERM/ }],
    },
    {
      // seen on a real Express + Mongoose app
      name: 'the SIGTERM handler exits right after server.close(), not in its callback',
      files: {
        'package.json': express,
        'src/server.ts': "import express from 'express';\nconst app = express();\nconst server = app.listen(3000);\nprocess.on('SIGTERM', () => {\n  console.log('SIGTERM received');\n  server.close();\n  process.exit(1);\n});\n",
      },
      errors: [{ file: 'src/server.ts', line: 7, column: 3, message: /^`process\.exit\(\)` runs right after `server\.close\(\)` in the shutdown handler: .*`server\.close\(\(\) => process\.exit\(0\)\)`/ }],
    },
    {
      name: 'close-with-grace imported but never called: nothing handles SIGTERM',
      files: {
        'package.json': pkg({ fastify: '^5.0.0', 'close-with-grace': '^2.0.0' }),
        'src/index.ts': "import Fastify from 'fastify';\nimport closeWithGrace from 'close-with-grace';\nimport type { Options } from 'close-with-grace';\nconst app = Fastify();\nawait app.listen({ port: 3000 });\n",
      },
      errors: [{ file: 'src/index.ts', line: 5, column: 7, message: /^"api" does not handle SIGTERM/ }],
      output: {
        'src/index.ts': "import Fastify from 'fastify';\nimport closeWithGrace from 'close-with-grace';\nimport type { Options } from 'close-with-grace';\nconst app = Fastify();\nawait app.listen({ port: 3000 });\n\nprocess.on('SIGTERM', async () => {\n  await app.close();\n  process.exit(0);\n});\n",
      },
    },
    {
      name: 'Express: listen result not captured -> captured as `server`, handler added after it',
      files: {
        'package.json': express,
        'src/server.ts': "import express from 'express';\n\nconst app = express();\nconst port = Number(process.env.PORT ?? 3000);\napp.listen(port, () => {\n  console.log(`listening on ${port}`);\n});\n",
      },
      errors: [{ file: 'src/server.ts', line: 5, column: 1, message: /^"api" does not handle SIGTERM/, tier: 'tech-debt' }],
      output: {
        'src/server.ts': "import express from 'express';\n\nconst app = express();\nconst port = Number(process.env.PORT ?? 3000);\nconst server = app.listen(port, () => {\n  console.log(`listening on ${port}`);\n});\n\nprocess.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n  setTimeout(() => process.exit(1), 10_000).unref();\n});\n",
      },
    },
    {
      name: 'already captured under another name; a `server` identifier elsewhere does not matter',
      files: {
        'package.json': express,
        'src/server.ts': "import express from 'express';\nconst app = express();\nconst httpServer = app.listen(3000); // start\nexport { httpServer };\n",
      },
      errors: [{ file: 'src/server.ts', line: 3, column: 20 }],
      output: {
        'src/server.ts': "import express from 'express';\nconst app = express();\nconst httpServer = app.listen(3000); // start\n\nprocess.on('SIGTERM', () => {\n  httpServer.close(() => process.exit(0));\n  setTimeout(() => process.exit(1), 10_000).unref();\n});\nexport { httpServer };\n",
      },
    },
    {
      name: '`server` is taken: captured as httpServer; inside an async main(), indented',
      files: {
        'package.json': pkg({ koa: '^2.15.0' }),
        'src/index.js': "const Koa = require('koa');\nconst { server } = require('./config');\n\nasync function main() {\n  const app = new Koa();\n  await app.listen(server.port);\n}\nmain();\n",
      },
      errors: [{ file: 'src/index.js', line: 6, column: 9 }],
      output: {
        'src/index.js': "const Koa = require('koa');\nconst { server } = require('./config');\n\nasync function main() {\n  const app = new Koa();\n  const httpServer = await app.listen(server.port);\n\n  process.on('SIGTERM', () => {\n    httpServer.close(() => process.exit(0));\n    setTimeout(() => process.exit(1), 10_000).unref();\n  });\n}\nmain();\n",
      },
    },
    {
      name: 'node:http server listening: closes that server',
      files: {
        'package.json': express,
        'server.js': "const http = require('node:http');\nconst express = require('express');\nconst app = express();\nconst server = http.createServer(app);\nserver.listen(8080);\n",
      },
      errors: [{ file: 'server.js', line: 5, column: 1 }],
      output: {
        'server.js': "const http = require('node:http');\nconst express = require('express');\nconst app = express();\nconst server = http.createServer(app);\nserver.listen(8080);\n\nprocess.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n  setTimeout(() => process.exit(1), 10_000).unref();\n});\n",
      },
    },
    {
      name: 'only SIGINT handled: reported with its own message; Fastify closes the app',
      files: {
        'package.json': pkg({ fastify: '^5.0.0' }),
        'src/index.ts': "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\nprocess.on('SIGINT', () => process.exit(0));\ntry {\n  await app.listen({ port: 3000, host: '0.0.0.0' });\n} catch (err) {\n  app.log.error(err);\n  process.exit(1);\n}\n",
      },
      errors: [{ file: 'src/index.ts', line: 5, column: 9, message: /^"api" handles SIGINT but not SIGTERM/ }],
      output: {
        'src/index.ts': "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\nprocess.on('SIGINT', () => process.exit(0));\ntry {\n  await app.listen({ port: 3000, host: '0.0.0.0' });\n\n  process.on('SIGTERM', async () => {\n    await app.close();\n    process.exit(0);\n  });\n} catch (err) {\n  app.log.error(err);\n  process.exit(1);\n}\n",
      },
    },
    {
      name: 'NestJS: enableShutdownHooks() before listen',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.0.0' }),
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(process.env.PORT ?? 3000);\n}\nbootstrap();\n",
      },
      errors: [{ file: 'src/main.ts', line: 6, column: 9 }],
      output: {
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableShutdownHooks();\n  await app.listen(process.env.PORT ?? 3000);\n}\nbootstrap();\n",
      },
    },
    {
      name: 'Hono on Node: serve() result captured',
      files: {
        'package.json': pkg({ hono: '^4.0.0', '@hono/node-server': '^1.0.0' }),
        'src/index.ts': "import { Hono } from 'hono';\nimport { serve } from '@hono/node-server';\n\nconst app = new Hono();\napp.get('/', (c) => c.text('hi'));\n\nserve({ fetch: app.fetch, port: 3000 });\n",
      },
      errors: [{ file: 'src/index.ts', line: 7, column: 1 }],
      output: {
        'src/index.ts': "import { Hono } from 'hono';\nimport { serve } from '@hono/node-server';\n\nconst app = new Hono();\napp.get('/', (c) => c.text('hi'));\n\nconst server = serve({ fetch: app.fetch, port: 3000 });\n\nprocess.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n  setTimeout(() => process.exit(1), 10_000).unref();\n});\n",
      },
    },
    {
      name: 'app imported from app.ts (Express): captured in the entry',
      files: {
        'package.json': express,
        'src/app.ts': "import express from 'express';\nexport const app = express();\n",
        'src/server.ts': "import { app } from './app';\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/server.ts', line: 2, column: 1 }],
      output: {
        'src/server.ts': "import { app } from './app';\nconst server = app.listen(3000);\n\nprocess.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n  setTimeout(() => process.exit(1), 10_000).unref();\n});\n",
      },
    },
    {
      name: 'Fastify app built by a factory in app.ts: the entry is the file that listens, the app is closed',
      files: {
        'package.json': pkg({ fastify: '^5.0.0' }),
        'src/app.ts': "import Fastify from 'fastify';\nexport async function buildApp() {\n  const fastify = Fastify({ logger: true });\n  fastify.get('/', async () => 'ok');\n  return fastify;\n}\n",
        'src/server.ts': "import { buildApp } from './app.js';\n\nconst app = await buildApp();\nawait app.listen({ port: Number(process.env.PORT ?? 3000) });\n",
      },
      errors: [{ file: 'src/server.ts', line: 4, column: 7 }],
      output: {
        'src/server.ts': "import { buildApp } from './app.js';\n\nconst app = await buildApp();\nawait app.listen({ port: Number(process.env.PORT ?? 3000) });\n\nprocess.on('SIGTERM', async () => {\n  await app.close();\n  process.exit(0);\n});\n",
      },
    },
    {
      name: 'listen result exported: reported without a fix it cannot make exact',
      files: {
        'package.json': express,
        'src/server.js': "const express = require('express');\nconst app = express();\nmodule.exports = app.listen(3000);\n",
      },
      errors: [{ file: 'src/server.js', line: 3, column: 18 }],
      output: null,
    },
  ],
});
