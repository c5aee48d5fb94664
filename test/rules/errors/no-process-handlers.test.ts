import rule from '../../../rules/errors/no-process-handlers';
import { ruleTester } from '../../helpers/ruleTester';
import { PROCESS_EVENT_APPS } from '../../helpers/samples';

const pkg = (deps: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'api', ...extra, dependencies: deps }, null, 2) + '\n';
const express = pkg({ express: '^4.21.0' });
const server = "import express from 'express';\n\nconst app = express();\napp.listen(3000);\n";

ruleTester(rule, {
  valid: [
    ...PROCESS_EVENT_APPS,
    { name: 'both handlers in the entry', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nprocess.on('unhandledRejection', (r) => console.error(r));\nprocess.on('uncaughtException', (e) => { console.error(e); process.exit(1); });\nexpress().listen(3000);\n",
    } },
    { name: 'one of them, with process.once, in another file of the package', files: {
      'package.json': express,
      'src/server.ts': "import './crash';\n" + server,
      'src/crash.ts': "process.once('uncaughtException', (err) => {\n  console.error(err);\n  process.exit(1);\n});\n",
    } },
    { name: 'events from a loop over an array', files: {
      'package.json': express,
      'src/server.ts': "import express from 'express';\nconst fatal = ['unhandledRejection', 'uncaughtException'] as const;\nfor (const ev of fatal) process.on(ev, (e) => { console.error(e); process.exit(1); });\nexpress().listen(3000);\n",
    } },
    { name: 'Sentry.init installs them (default integrations)', files: {
      'package.json': pkg({ express: '^4.21.0', '@sentry/node': '^8.0.0' }),
      'src/instrument.ts': "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n",
      'src/server.ts': "import './instrument';\n" + server,
    } },
    { name: 'Sentry preloaded by the start script', files: {
      'package.json': pkg({ express: '^4.21.0', '@sentry/node': '^8.0.0' }, { scripts: { start: 'node --import @sentry/node/preload dist/server.js' } }),
      'src/server.ts': server,
    } },
    { name: 'Bugsnag.start', files: {
      'package.json': pkg({ express: '^4.21.0', '@bugsnag/js': '^8.0.0' }),
      'src/server.ts': "import Bugsnag from '@bugsnag/js';\nimport express from 'express';\nBugsnag.start({ apiKey: process.env.BUGSNAG_KEY! });\nexpress().listen(3000);\n",
    } },
    { name: 'close-with-grace', files: {
      'package.json': pkg({ fastify: '^5.0.0', 'close-with-grace': '^2.0.0' }),
      'src/index.ts': "import Fastify from 'fastify';\nimport closeWithGrace from 'close-with-grace';\nconst app = Fastify();\ncloseWithGrace(async () => { await app.close(); });\nawait app.listen({ port: 3000 });\n",
    } },
    { name: 'winston handleExceptions / handleRejections', files: {
      'package.json': pkg({ express: '^4.21.0', winston: '^3.0.0' }),
      'src/logger.ts': "import winston from 'winston';\nexport const logger = winston.createLogger({\n  transports: [new winston.transports.Console({ handleExceptions: true, handleRejections: true })],\n});\n",
      'src/server.ts': server,
    } },
    { name: 'handlers in a shared workspace package the server depends on', files: {
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/runtime/package.json': JSON.stringify({ name: '@acme/runtime' }),
      'packages/runtime/src/index.ts': "export function installCrashHandlers() {\n  process.on('uncaughtException', (e) => { console.error(e); process.exit(1); });\n}\n",
      'apps/api/package.json': pkg({ express: '^4.21.0', '@acme/runtime': 'workspace:*' }),
      'apps/api/src/server.ts': "import { installCrashHandlers } from '@acme/runtime';\nimport express from 'express';\ninstallCrashHandlers();\nexpress().listen(3000);\n",
    } },
    { name: 'no server started: a serverless handler, a Next.js app, a library', files: {
      'package.json': pkg({ express: '^4.21.0', 'serverless-http': '^3.0.0' }),
      'src/handler.ts': "import express from 'express';\nimport serverless from 'serverless-http';\nconst app = express();\nexport const handler = serverless(app);\n",
      'web/package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0' } }),
      'web/app/api/users/route.ts': 'export async function GET() { return Response.json([]); }\n',
    } },
    { name: 'handlers only in a test setup file do not count, but there is no server outside tests either', files: {
      'package.json': express,
      'test/server.ts': server,
    } },
  ],
  invalid: [
    {
      name: "express-generator's layout: the server starts in bin/www, a Node script with no extension (seen on a real MERN shop)",
      files: {
        'package.json': JSON.stringify({ name: 'api', scripts: { start: 'node ./bin/www' }, dependencies: { express: '^4.19.2' } }),
        'bin/www': '#!/usr/bin/env node\nvar app = require("../app");\nvar http = require("http");\nvar server = http.createServer(app);\nserver.listen(process.env.PORT || 3000);\n',
        'app.js': 'var express = require("express");\nvar app = express();\napp.get("/users", (req, res) => res.json([]));\nmodule.exports = app;\n',
      },
      errors: [{ file: 'bin/www', line: 5, column: 1, message: /^"api" has no `unhandledRejection` \/ `uncaughtException` handler/ }],
    },
    {
      name: 'close-with-grace imported but never called installs nothing',
      files: { 'package.json': pkg({ express: '^4.21.0', 'close-with-grace': '^2.0.0' }), 'src/server.ts': "import express from 'express';\nimport closeWithGrace from 'close-with-grace';\n\nconst app = express();\napp.listen(3000);\n" },
      errors: [{ file: 'src/server.ts', line: 5, column: 1, message: /^"api" has no `unhandledRejection` \/ `uncaughtException` handler/ }],
    },
    {
      name: 'Express ESM entry: handlers after the imports',
      files: { 'package.json': express, 'src/server.ts': "import express from 'express';\nimport { router } from './routes';\n\nconst app = express();\napp.use(router);\napp.listen(3000);\n" },
      errors: [{ file: 'src/server.ts', line: 6, column: 1, message: /^"api" has no `unhandledRejection` \/ `uncaughtException` handler/, tier: 'tech-debt' }],
      output: {
        'src/server.ts': "import express from 'express';\nimport { router } from './routes';\n\nprocess.on('unhandledRejection', (reason) => {\n  console.error('Unhandled promise rejection:', reason);\n});\nprocess.on('uncaughtException', (err) => {\n  console.error('Uncaught exception:', err);\n  process.exit(1);\n});\n\nconst app = express();\napp.use(router);\napp.listen(3000);\n",
      },
    },
    {
      name: 'only SIGTERM handled, pino logger in scope: pino-style calls; double quotes kept',
      files: {
        'package.json': pkg({ fastify: '^5.0.0', pino: '^9.0.0' }),
        'src/index.ts': 'import Fastify from "fastify";\nimport { logger } from "./logger";\n\nconst app = Fastify({ loggerInstance: logger });\nprocess.on("SIGTERM", () => app.close());\nawait app.listen({ port: 3000 });\n',
        'src/logger.ts': 'import pino from "pino";\nexport const logger = pino();\n',
      },
      errors: [{ file: 'src/index.ts', line: 6, column: 7 }],
      output: {
        'src/index.ts': 'import Fastify from "fastify";\nimport { logger } from "./logger";\n\nprocess.on("unhandledRejection", (reason) => {\n  logger.error({ err: reason }, "unhandled promise rejection");\n});\nprocess.on("uncaughtException", (err) => {\n  logger.fatal({ err }, "uncaught exception");\n  process.exit(1);\n});\n\nconst app = Fastify({ loggerInstance: logger });\nprocess.on("SIGTERM", () => app.close());\nawait app.listen({ port: 3000 });\n',
      },
    },
    {
      name: 'CommonJS entry with "use strict"',
      files: {
        'package.json': pkg({ koa: '^2.15.0' }),
        'index.js': "'use strict';\nconst Koa = require('koa');\nconst app = new Koa();\napp.listen(3000);\n",
      },
      errors: [{ file: 'index.js', line: 4, column: 1 }],
      output: {
        'index.js': "'use strict';\nconst Koa = require('koa');\n\nprocess.on('unhandledRejection', (reason) => {\n  console.error('Unhandled promise rejection:', reason);\n});\nprocess.on('uncaughtException', (err) => {\n  console.error('Uncaught exception:', err);\n  process.exit(1);\n});\nconst app = new Koa();\napp.listen(3000);\n",
      },
    },
    {
      name: 'NestJS: anchored on the listen call inside bootstrap()',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' }),
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
      },
      errors: [{ file: 'src/main.ts', line: 6, column: 9 }],
    },
    {
      name: 'Rollbar does not install them by default: still reported',
      files: {
        'package.json': pkg({ express: '^4.21.0', rollbar: '^2.26.0' }),
        'src/server.js': "const Rollbar = require('rollbar');\nconst express = require('express');\nconst rollbar = new Rollbar({ accessToken: process.env.ROLLBAR_TOKEN });\nexpress().listen(3000);\n",
      },
      errors: [{ file: 'src/server.js', line: 4, column: 1 }],
    },
  ],
});
