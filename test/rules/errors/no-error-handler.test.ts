import rule from '../../../rules/errors/no-error-handler';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const express = pkg({ express: '^4.21.0' });

ruleTester(rule, {
  valid: [
    { name: 'an Express app that only hosts Apollo Server and static files (seen on a real app)', files: {
      'package.json': pkg({ express: '^4.21.0', 'apollo-server-express': '^3.13.0', graphql: '^16.8.0' }),
      'server/server.js': "const express = require('express');\nconst path = require('path');\nconst { ApolloServer } = require('apollo-server-express');\nconst { typeDefs, resolvers } = require('./schema');\nconst app = express();\nconst server = new ApolloServer({ typeDefs, resolvers });\nserver.start().then(() => server.applyMiddleware({ app }));\napp.use(express.static(path.join(__dirname, '../client/build')));\napp.listen(3001);\n",
    } },
    { name: 'inline 4-argument middleware', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\napp.use((err, req, res, next) => {\n  res.status(500).json({ error: 'Internal Server Error' });\n});\napp.listen(3000);\n",
    } },
    { name: 'named function declared below, typed const with ErrorRequestHandler', files: {
      'package.json': express,
      'src/server.ts': "import express, { type ErrorRequestHandler } from 'express';\nconst app = express();\nconst onError: ErrorRequestHandler = (err, _req, res, _next) => {\n  res.status(500).json({ error: 'oops' });\n};\napp.use(onError);\napp.listen(3000);\n",
      'src/other.js': "const express = require('express');\nconst admin = express();\nadmin.use(handle);\nfunction handle(err, req, res, next) { res.sendStatus(500); }\nmodule.exports = admin;\n",
    } },
    { name: 'imported from a file whose export is a 4-argument function (not named like a handler)', files: {
      'package.json': express,
      'src/app.ts': "import express from 'express';\nimport { apiRouter } from './routes';\nimport { respond } from './middleware/respond.js';\n\nexport const app = express();\napp.use('/api', apiRouter);\napp.use(respond);\n",
      'src/middleware/respond.ts': "import type { NextFunction, Request, Response } from 'express';\nexport function respond(err: Error, req: Request, res: Response, next: NextFunction) {\n  res.status(500).json({ error: 'Internal Server Error' });\n}\n",
    } },
    { name: 'CommonJS default export of a 4-argument function', files: {
      'package.json': express,
      'server.js': "const express = require('express');\nconst last = require('./last');\nconst app = express();\napp.use(last);\napp.listen(3000);\n",
      'last.js': 'module.exports = function (err, req, res, next) {\n  res.status(500).end();\n};\n',
    } },
    { name: 'a handler from a package, or a factory named like one', files: {
      'package.json': pkg({ express: '^4.21.0', '@acme/http': '1.0.0' }),
      'src/server.ts': "import express from 'express';\nimport { errorMiddleware } from '@acme/http';\nconst app = express();\napp.use(errorMiddleware());\napp.listen(3000);\n",
    } },
    { name: 'the handler is registered in another file of the package', files: {
      'package.json': express,
      'src/app.ts': "import express from 'express';\nexport const app = express();\n",
      'src/server.ts': "import { app } from './app';\napp.use((err: any, req: any, res: any, next: any) => res.status(500).end());\napp.listen(3000);\n",
    } },
    { name: 'Fastify with setErrorHandler (in a plugin)', files: {
      'package.json': pkg({ fastify: '^5.0.0' }),
      'src/index.ts': "import Fastify from 'fastify';\nimport errors from './errors';\nconst app = Fastify({ logger: true });\napp.register(errors);\nawait app.listen({ port: 3000 });\n",
      'src/errors.ts': "import type { FastifyInstance } from 'fastify';\nexport default async function errors(fastify: FastifyInstance) {\n  fastify.setErrorHandler((error, request, reply) => { reply.status(500).send({ error: 'Internal' }); });\n}\n",
    } },
    { name: 'Koa with a try/catch around next()', files: {
      'package.json': pkg({ koa: '^2.15.0' }),
      'src/index.ts': "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  try {\n    await next();\n  } catch (err) {\n    ctx.status = 500;\n    ctx.body = { error: 'Internal Server Error' };\n  }\n});\napp.listen(3000);\n",
    } },
    { name: 'Koa with an app.on("error") listener only (decided: enough, Koa already hides 5xx details)', files: {
      'package.json': pkg({ koa: '^2.15.0' }),
      'src/index.js': "const Koa = require('koa');\nconst app = new Koa();\napp.on('error', (err, ctx) => reportError(err));\napp.listen(3000);\n",
    } },
    { name: 'Hono (its default onError answers a generic 500), NestJS, Next.js', files: {
      'package.json': pkg({ hono: '^4.0.0', '@hono/node-server': '^1.0.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nimport { serve } from '@hono/node-server';\nconst app = new Hono();\napp.get('/', (c) => c.text('hi'));\nserve({ fetch: app.fetch, port: 3000 });\n",
      'nest/package.json': JSON.stringify({ name: 'nest', dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/platform-express': '^10.0.0', express: '^4.21.0' } }),
      'nest/src/main.ts': "import express from 'express';\nimport { NestFactory } from '@nestjs/core';\nimport { ExpressAdapter } from '@nestjs/platform-express';\nconst server = express();\nNestFactory.create(AppModule, new ExpressAdapter(server)).then((app) => app.listen(3000));\n",
    } },
    { name: 'an Express app only in tests', files: {
      'package.json': pkg({ axios: '^1.0.0' }),
      'test/server.ts': "import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => res.json({}));\napp.listen(4000);\n",
    } },
    { name: 'Router only (no app) in a library package', files: {
      'package.json': express,
      'src/routes.ts': "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/', (req, res) => res.json([]));\n",
    } },
  ],
  invalid: [
    {
      name: 'an Express app hosting Apollo Server that also has routes of its own',
      files: {
        'package.json': pkg({ express: '^4.21.0', 'apollo-server-express': '^3.13.0', graphql: '^16.8.0' }),
        'server/server.js': "const express = require('express');\nconst path = require('path');\nconst { ApolloServer } = require('apollo-server-express');\nconst { typeDefs, resolvers } = require('./schema');\nconst app = express();\nconst server = new ApolloServer({ typeDefs, resolvers });\nserver.start().then(() => server.applyMiddleware({ app }));\napp.use(express.static(path.join(__dirname, '../client/build')));\napp.listen(3001);\n".replace("app.listen(3001);", "app.post('/upload', (req, res) => res.json({ ok: true }));\napp.listen(3001);"),
      },
      errors: [{ file: 'server/server.js', line: 5, column: 13, message: /^The Express app of "api" has no error-handling middleware/ }],
      output: { 'server/server.js': "const express = require('express');\nconst path = require('path');\nconst { ApolloServer } = require('apollo-server-express');\nconst { typeDefs, resolvers } = require('./schema');\nconst app = express();\nconst server = new ApolloServer({ typeDefs, resolvers });\nserver.start().then(() => server.applyMiddleware({ app }));\napp.use(express.static(path.join(__dirname, '../client/build')));\napp.post('/upload', (req, res) => res.json({ ok: true }));\n\napp.use((err, _req, res, next) => {\n  if (res.headersSent) return next(err);\n  console.error(err);\n  const status = err.status ?? err.statusCode ?? 500;\n  res.status(status).json({ error: status < 500 ? err.message : 'Internal Server Error' });\n});\napp.listen(3001);\n" },
    },
    {
      name: 'Express (TS): typed handler after the last route, type import added',
      files: {
        'package.json': express,
        'src/server.ts': "import express from 'express';\nimport { router } from './routes';\n\nconst app = express();\napp.use(express.json());\napp.use('/api', router);\n\nconst port = Number(process.env.PORT ?? 3000);\napp.listen(port, () => {\n  console.log(`listening on ${port}`);\n});\n",
      },
      errors: [{ file: 'src/server.ts', line: 4, column: 13, message: /^The Express app of "api" has no error-handling middleware/, tier: 'ship-stopping' }],
      output: {
        'src/server.ts': "import express from 'express';\nimport { router } from './routes';\nimport type { ErrorRequestHandler } from 'express';\n\nconst app = express();\napp.use(express.json());\napp.use('/api', router);\n\nconst errorHandler: ErrorRequestHandler = (err, _req, res, next) => {\n  if (res.headersSent) return next(err);\n  console.error(err);\n  const status = err.status ?? err.statusCode ?? 500;\n  res.status(status).json({ error: status < 500 ? err.message : 'Internal Server Error' });\n};\napp.use(errorHandler);\n\nconst port = Number(process.env.PORT ?? 3000);\napp.listen(port, () => {\n  console.log(`listening on ${port}`);\n});\n",
      },
    },
    {
      name: 'Express (CommonJS JS, double quotes), exported app: inline handler after the routes, before module.exports',
      files: {
        'package.json': express,
        'app.js': 'const express = require("express");\nconst users = require("./users");\n\nconst app = express();\napp.use("/users", users);\napp.get("/", (req, res) => res.send("ok"));\n\nmodule.exports = app;\n',
        'users.js': 'const { Router } = require("express");\nconst r = Router();\nmodule.exports = r;\n',
      },
      errors: [{ file: 'app.js', line: 4, column: 13 }],
      output: {
        'app.js': 'const express = require("express");\nconst users = require("./users");\n\nconst app = express();\napp.use("/users", users);\napp.get("/", (req, res) => res.send("ok"));\n\napp.use((err, _req, res, next) => {\n  if (res.headersSent) return next(err);\n  console.error(err);\n  const status = err.status ?? err.statusCode ?? 500;\n  res.status(status).json({ error: status < 500 ? err.message : "Internal Server Error" });\n});\n\nmodule.exports = app;\n',
      },
    },
    {
      name: 'Express app built in a factory, with a logger in scope: inserted before the return',
      files: {
        'package.json': express,
        'src/app.ts': "import express from 'express';\nimport { logger } from './logger';\n\nexport function createApp() {\n  const app = express();\n  app.get('/', (_req, res) => res.send('ok'));\n  return app;\n}\n",
      },
      errors: [{ file: 'src/app.ts', line: 5, column: 15 }],
      output: {
        'src/app.ts': "import express from 'express';\nimport { logger } from './logger';\nimport type { ErrorRequestHandler } from 'express';\n\nexport function createApp() {\n  const app = express();\n  app.get('/', (_req, res) => res.send('ok'));\n\n  const errorHandler: ErrorRequestHandler = (err, _req, res, next) => {\n    if (res.headersSent) return next(err);\n    logger.error(err);\n    const status = err.status ?? err.statusCode ?? 500;\n    res.status(status).json({ error: status < 500 ? err.message : 'Internal Server Error' });\n  };\n  app.use(errorHandler);\n  return app;\n}\n",
      },
    },
    {
      name: 'Sentry.setupExpressErrorHandler alone does not answer the client: still reported, handler goes after it',
      files: {
        'package.json': pkg({ express: '^4.21.0', '@sentry/node': '^8.0.0' }),
        'src/server.ts': "import * as Sentry from '@sentry/node';\nimport express from 'express';\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\nSentry.setupExpressErrorHandler(app);\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/server.ts', line: 3, column: 13 }],
      output: {
        'src/server.ts': "import * as Sentry from '@sentry/node';\nimport express from 'express';\nimport type { ErrorRequestHandler } from 'express';\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\nSentry.setupExpressErrorHandler(app);\n\nconst errorHandler: ErrorRequestHandler = (err, _req, res, next) => {\n  if (res.headersSent) return next(err);\n  console.error(err);\n  const status = err.status ?? err.statusCode ?? 500;\n  res.status(status).json({ error: status < 500 ? err.message : 'Internal Server Error' });\n};\napp.use(errorHandler);\napp.listen(3000);\n",
      },
    },
    {
      name: 'a router whose name contains "err" (transferRouter) is not an error handler',
      files: {
        'package.json': express,
        'src/server.ts': "import express from 'express';\nimport { transferRouter } from './transfers';\nconst app = express();\napp.use('/transfers', transferRouter);\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/server.ts', line: 3, column: 13 }],
    },
    {
      name: 'a 3-argument middleware imported from another file does not count',
      files: {
        'package.json': express,
        'src/server.ts': "import express from 'express';\nimport { audit } from './audit';\nconst app = express();\napp.use(audit);\napp.listen(3000);\n",
        'src/audit.ts': 'export function audit(req: any, res: any, next: any) { next(); }\n',
      },
      errors: [{ file: 'src/server.ts', line: 3, column: 13 }],
    },
    {
      name: 'Fastify (TS): setErrorHandler right after the creation, FastifyError type imported',
      files: {
        'package.json': pkg({ fastify: '^5.0.0' }),
        'src/index.ts': "import Fastify from 'fastify';\n\nconst app = Fastify({ logger: true });\n\napp.get('/', async () => ({ ok: true }));\n\nawait app.listen({ port: 3000 });\n",
      },
      errors: [{ file: 'src/index.ts', line: 3, column: 13, message: /^The Fastify app of "api" has no `setErrorHandler`/ }],
      output: {
        'src/index.ts': "import Fastify from 'fastify';\nimport type { FastifyError } from 'fastify';\n\nconst app = Fastify({ logger: true });\n\napp.setErrorHandler((error: FastifyError, request, reply) => {\n  request.log.error(error);\n  const status = error.statusCode ?? 500;\n  reply.status(status).send({ error: status < 500 ? error.message : 'Internal Server Error' });\n});\n\napp.get('/', async () => ({ ok: true }));\n\nawait app.listen({ port: 3000 });\n",
      },
    },
    {
      name: 'Fastify (CommonJS require chain)',
      files: {
        'package.json': pkg({ fastify: '^4.0.0' }),
        'server.js': "const fastify = require('fastify')({ logger: true });\nfastify.get('/', async () => 'ok');\nfastify.listen({ port: 3000 });\n",
      },
      errors: [{ file: 'server.js', line: 1, column: 17 }],
      output: {
        'server.js': "const fastify = require('fastify')({ logger: true });\n\nfastify.setErrorHandler((error, request, reply) => {\n  request.log.error(error);\n  const status = error.statusCode ?? 500;\n  reply.status(status).send({ error: status < 500 ? error.message : 'Internal Server Error' });\n});\nfastify.get('/', async () => 'ok');\nfastify.listen({ port: 3000 });\n",
      },
    },
    {
      name: 'Koa without any error handling: tech-debt, first middleware added',
      files: {
        'package.json': pkg({ koa: '^2.15.0' }),
        'src/index.ts': "import Koa from 'koa';\nimport { router } from './router';\n\nconst app = new Koa();\napp.use(router.routes());\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/index.ts', line: 4, column: 13, tier: 'tech-debt', message: /^The Koa app of "api" has no error-catching middleware/ }],
      output: {
        'src/index.ts': "import Koa from 'koa';\nimport { router } from './router';\n\nconst app = new Koa();\n\napp.use(async (ctx, next) => {\n  try {\n    await next();\n  } catch (err: any) {\n    ctx.status = err.status ?? err.statusCode ?? 500;\n    ctx.body = { error: ctx.status < 500 ? err.message : 'Internal Server Error' };\n    ctx.app.emit('error', err, ctx);\n  }\n});\napp.use(router.routes());\napp.listen(3000);\n",
      },
    },
    {
      name: 'monorepo: one finding per package, the app in the entry is chosen',
      files: {
        'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*'] }),
        'apps/api/package.json': express,
        'apps/api/src/metrics.ts': "import express from 'express';\nexport const metrics = express();\nmetrics.get('/metrics', (_req, res) => res.send(''));\n",
        'apps/api/src/server.ts': "import express from 'express';\nimport { metrics } from './metrics';\nconst app = express();\napp.use('/internal', metrics);\napp.listen(3000);\n",
      },
      errors: [{ file: 'apps/api/src/server.ts', line: 3, column: 13 }],
    },
  ],
});
