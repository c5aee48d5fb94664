import rule from '../../../rules/errors/no-error-tracker';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name: 'api', ...extra, dependencies: deps }, null, 2) + '\n';
const expressServer = "import express from 'express';\n\nconst app = express();\napp.listen(3000);\n";

ruleTester(rule, {
  valid: [
    { name: 'Sentry.init in the entry', files: {
      'package.json': pkg({ express: '^4.19.2', '@sentry/node': '^11.0.0' }),
      'src/server.ts': "import * as Sentry from '@sentry/node';\nimport express from 'express';\nSentry.init({ dsn: process.env.SENTRY_DSN });\nconst app = express();\napp.listen(3000);\n",
    } },
    { name: 'Sentry initialised in an instrument file of the package', files: {
      'package.json': pkg({ express: '^4.19.2', '@sentry/node': '^11.0.0' }),
      'src/instrument.ts': "import { init } from '@sentry/node';\ninit({ dsn: process.env.SENTRY_DSN });\n",
      'src/server.ts': "import './instrument';\n" + expressServer,
    } },
    { name: 'preloaded by the start script', files: {
      'package.json': pkg({ express: '^4.19.2', '@sentry/node': '^11.0.0' }, { scripts: { start: 'node --import @sentry/node/preload dist/server.js' } }),
      'src/server.ts': expressServer,
    } },
    { name: 'dd-trace preloaded with -r', files: {
      'package.json': pkg({ fastify: '^5.0.0', 'dd-trace': '^5.0.0' }, { scripts: { start: 'node -r dd-trace/init dist/index.js' } }),
      'src/index.ts': "import Fastify from 'fastify';\nconst app = Fastify();\napp.listen({ port: 3000 });\n",
    } },
    { name: 'New Relic through NODE_OPTIONS', files: {
      'package.json': pkg({ koa: '^2.15.0', newrelic: '^12.0.0' }, { scripts: { start: "NODE_OPTIONS='--require newrelic' node dist/main.js" } }),
      'src/main.ts': "import Koa from 'koa';\nnew Koa().listen(3000);\n",
    } },
    { name: "require('newrelic') as the first line (CommonJS)", files: {
      'package.json': pkg({ express: '^4.19.2', newrelic: '^12.0.0' }),
      'index.js': "require('newrelic');\nconst express = require('express');\nexpress().listen(3000);\n",
    } },
    { name: 'Bugsnag.start', files: {
      'package.json': pkg({ express: '^4.19.2', '@bugsnag/js': '^8.0.0' }),
      'src/server.ts': "import Bugsnag from '@bugsnag/js';\nimport express from 'express';\nBugsnag.start({ apiKey: process.env.BUGSNAG_KEY! });\nexpress().listen(3000);\n",
    } },
    { name: 'new Rollbar(...)', files: {
      'package.json': pkg({ express: '^4.19.2', rollbar: '^2.26.0' }),
      'src/server.js': "const Rollbar = require('rollbar');\nconst express = require('express');\nconst rollbar = new Rollbar({ accessToken: process.env.ROLLBAR_TOKEN });\nexpress().listen(3000);\n",
    } },
    { name: 'OpenTelemetry NodeSDK in a tracing file', files: {
      'package.json': pkg({ '@nestjs/core': '^10.0.0', '@opentelemetry/sdk-node': '^0.50.0' }),
      'src/tracing.ts': "import { NodeSDK } from '@opentelemetry/sdk-node';\nexport const sdk = new NodeSDK({});\nsdk.start();\n",
      'src/main.ts': "import './tracing';\nimport { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
    } },
    { name: 'Next.js with instrumentation.ts and @vercel/otel', files: {
      'package.json': pkg({ next: '^15.0.0', '@vercel/otel': '^1.0.0' }),
      'instrumentation.ts': "import { registerOTel } from '@vercel/otel';\nexport function register() {\n  registerOTel({ serviceName: 'web' });\n}\n",
      'app/page.tsx': 'export default function Page() { return null; }\n',
    } },
    { name: 'Next.js with sentry.server.config.ts', files: {
      'package.json': pkg({ next: '^15.0.0', '@sentry/nextjs': '^11.0.0' }),
      'sentry.server.config.ts': "import * as Sentry from '@sentry/nextjs';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n",
    } },
    { name: 'Hono on Cloudflare with @sentry/cloudflare', files: {
      'package.json': pkg({ hono: '^4.0.0', '@sentry/cloudflare': '^11.0.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nimport * as Sentry from '@sentry/cloudflare';\nconst app = new Hono();\nexport default Sentry.withSentry((env) => ({ dsn: env.SENTRY_DSN }), app);\n",
    } },
    { name: 'tracker initialised in a workspace package the server depends on', files: {
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/observability/package.json': pkg({ '@sentry/node': '^11.0.0' }, { name: '@acme/observability' }),
      'packages/observability/src/index.ts': "import * as Sentry from '@sentry/node';\nexport function initTracking() {\n  Sentry.init({ dsn: process.env.SENTRY_DSN });\n}\n",
      'apps/api/package.json': pkg({ express: '^4.19.2', '@acme/observability': 'workspace:*' }),
      'apps/api/src/server.ts': "import { initTracking } from '@acme/observability';\nimport express from 'express';\ninitTracking();\nexpress().listen(3000);\n",
    } },
    { name: 'not a server: a library, a frontend', files: {
      'package.json': pkg({ zod: '^3.23.0' }),
      'web/package.json': pkg({ react: '^18.3.0', vite: '^5.0.0' }, { name: 'web' }),
      'src/index.ts': 'export const x = 1;\n',
    } },
    { name: 'express only as a dev dependency, used by tests', files: {
      'package.json': JSON.stringify({ name: 'sdk', dependencies: { axios: '^1.0.0' }, devDependencies: { express: '^4.19.2' } }, null, 2),
      'test/server.ts': "import express from 'express';\nexpress().listen(4000);\n",
    } },
    { name: 'monorepo root: its framework dependencies are shared, the apps are the servers', files: {
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*'], dependencies: { express: '^4.19.2' } }, null, 2),
      'apps/api/package.json': pkg({ express: '^4.19.2', '@sentry/node': '^11.0.0' }),
      'apps/api/src/server.ts': "import * as Sentry from '@sentry/node';\nimport express from 'express';\nSentry.init({});\nexpress().listen(3000);\n",
    } },
  ],
  invalid: [
    {
      // seen on a real Express + Prisma app deployed on Fly.io: the finding sat on package.json without a fix
      name: 'the app built in one module (createApp) and started in another: anchored on the listen, with the fix there',
      files: { 'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^5.1.0"\n  }\n}\n', 'src/app.ts': "import express from 'express';\nexport function createApp() {\n  const app = express();\n  app.get('/healthz', (_req, res) => res.json({ ok: true }));\n  return app;\n}\n", 'src/server.ts': "import { createApp } from './app';\n\nconst app = createApp();\napp.listen(Number(process.env.PORT ?? 8080));\n" },
      errors: [{ file: 'src/server.ts', line: 4, column: 1 }],
      output: { 'src/server.ts': "import { createApp } from './app';\nimport * as Sentry from '@sentry/node';\n\nSentry.init({\n  dsn: process.env.SENTRY_DSN,\n  environment: process.env.NODE_ENV,\n});\n\nconst app = createApp();\napp.listen(Number(process.env.PORT ?? 8080));\n", 'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "@sentry/node": "^11.0.0",\n    "express": "^5.1.0"\n  }\n}\n', '.env.example': 'SENTRY_DSN=\n' },
    },
    {
      name: 'Express (ESM TS): init in the entry, dependency, .env.example created',
      files: {
        'package.json': '{\n  "name": "api",\n  "scripts": {\n    "start": "node dist/server.js"\n  },\n  "dependencies": {\n    "express": "^4.19.2",\n    "zod": "^3.23.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport { router } from './routes';\n\nconst app = express();\napp.use(router);\napp.listen(process.env.PORT ?? 3000, () => console.log('up'));\n",
      },
      errors: [{ file: 'src/server.ts', line: 6, column: 1, message: /^No error tracker is initialised in "api": when this server throws in production nobody is alerted/, tier: 'ship-stopping' }],
      output: {
        'src/server.ts': "import express from 'express';\nimport { router } from './routes';\nimport * as Sentry from '@sentry/node';\n\nSentry.init({\n  dsn: process.env.SENTRY_DSN,\n  environment: process.env.NODE_ENV,\n});\n\nconst app = express();\napp.use(router);\napp.listen(process.env.PORT ?? 3000, () => console.log('up'));\n",
        'package.json': '{\n  "name": "api",\n  "scripts": {\n    "start": "node dist/server.js"\n  },\n  "dependencies": {\n    "@sentry/node": "^11.0.0",\n    "express": "^4.19.2",\n    "zod": "^3.23.0"\n  }\n}\n',
        '.env.example': 'SENTRY_DSN=\n',
      },
    },
    {
      name: 'CommonJS JS entry with double quotes, existing .env.example without a final newline',
      files: {
        'package.json': '{\n    "name": "legacy-api",\n    "dependencies": {\n        "body-parser": "^1.20.0",\n        "express": "^4.19.2"\n    }\n}\n',
        '.env.example': 'PORT=3000\nDATABASE_URL=',
        'server.js': 'const express = require("express");\nconst bodyParser = require("body-parser");\n\nconst app = express();\napp.use(bodyParser.json());\n\nmodule.exports = app.listen(3000);\n',
      },
      errors: [{ file: 'server.js', line: 7, column: 18 }],
      output: {
        'server.js': 'const express = require("express");\nconst bodyParser = require("body-parser");\nconst Sentry = require("@sentry/node");\n\nSentry.init({\n  dsn: process.env.SENTRY_DSN,\n  environment: process.env.NODE_ENV,\n});\n\nconst app = express();\napp.use(bodyParser.json());\n\nmodule.exports = app.listen(3000);\n',
        'package.json': '{\n    "name": "legacy-api",\n    "dependencies": {\n        "@sentry/node": "^11.0.0",\n        "body-parser": "^1.20.0",\n        "express": "^4.19.2"\n    }\n}\n',
        '.env.example': 'PORT=3000\nDATABASE_URL=\nSENTRY_DSN=\n',
      },
    },
    {
      name: 'NestJS in a monorepo package with tabs: anchored on NestFactory.create, .env.example beside the package',
      files: {
        'package.json': '{\n\t"name": "acme",\n\t"private": true,\n\t"workspaces": ["apps/*"]\n}\n',
        'apps/api/package.json': '{\n\t"name": "@acme/api",\n\t"dependencies": {\n\t\t"@nestjs/common": "^10.0.0",\n\t\t"@nestjs/core": "^10.0.0"\n\t}\n}\n',
        'apps/api/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
        'apps/api/src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      },
      errors: [{ file: 'apps/api/src/main.ts', line: 5, column: 21, message: /"@acme\/api"/ }],
      output: {
        'apps/api/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nimport * as Sentry from '@sentry/node';\n\nSentry.init({\n  dsn: process.env.SENTRY_DSN,\n  environment: process.env.NODE_ENV,\n});\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
        'apps/api/package.json': '{\n\t"name": "@acme/api",\n\t"dependencies": {\n\t\t"@nestjs/common": "^10.0.0",\n\t\t"@nestjs/core": "^10.0.0",\n\t\t"@sentry/node": "^11.0.0"\n\t}\n}\n',
        'apps/api/.env.example': 'SENTRY_DSN=\n',
      },
    },
    {
      name: 'the SDK is installed but never initialised: init only',
      files: {
        'package.json': pkg({ '@sentry/node': '^11.0.0', fastify: '^5.0.0' }),
        'src/index.ts': "import Fastify from 'fastify';\n\nconst app = Fastify({ logger: true });\nawait app.listen({ port: 3000 });\n",
        '.env.example': 'SENTRY_DSN=\n',
      },
      errors: [{ file: 'src/index.ts', line: 4, column: 7, message: /^@sentry\/node is a dependency of "api" but no tracker is initialised/ }],
      output: {
        'src/index.ts': "import Fastify from 'fastify';\nimport * as Sentry from '@sentry/node';\n\nSentry.init({\n  dsn: process.env.SENTRY_DSN,\n  environment: process.env.NODE_ENV,\n});\n\nconst app = Fastify({ logger: true });\nawait app.listen({ port: 3000 });\n",
      },
    },
    {
      name: 'the entry already imports Sentry without init: reported, no fix',
      files: {
        'package.json': pkg({ '@sentry/node': '^11.0.0', express: '^4.19.2' }),
        'src/server.ts': "import * as Sentry from '@sentry/node';\nimport express from 'express';\nconst app = express();\napp.use((err, req, res, next) => { Sentry.captureException(err); next(err); });\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/server.ts', line: 5, column: 1 }],
      output: null,
    },
    {
      name: 'Next.js app router without instrumentation: anchored on the next dependency, creates src/instrumentation.ts',
      files: {
        'package.json': '{\n  "name": "web",\n  "dependencies": {\n    "next": "15.0.3",\n    "react": "^19.0.0"\n  },\n  "devDependencies": {\n    "typescript": "^5.6.0"\n  }\n}\n',
        'src/app/page.tsx': 'export default function Page() { return null; }\n',
        'src/app/api/users/route.ts': 'export async function GET() { return Response.json([]); }\n',
      },
      errors: [{ file: 'package.json', line: 4, column: 5, endColumn: 11 }],
      output: {
        'src/instrumentation.ts': "import * as Sentry from '@sentry/nextjs';\n\nexport async function register() {\n  Sentry.init({\n    dsn: process.env.SENTRY_DSN,\n    environment: process.env.NODE_ENV,\n  });\n}\n\nexport const onRequestError = Sentry.captureRequestError;\n",
        'package.json': '{\n  "name": "web",\n  "dependencies": {\n    "@sentry/nextjs": "^11.0.0",\n    "next": "15.0.3",\n    "react": "^19.0.0"\n  },\n  "devDependencies": {\n    "typescript": "^5.6.0"\n  }\n}\n',
        '.env.example': 'SENTRY_DSN=\n',
      },
    },
    {
      name: 'Next.js with an instrumentation file that starts no tracker: anchored there, no fix',
      files: {
        'package.json': pkg({ next: '^15.0.0' }),
        'instrumentation.ts': "export async function register() {\n  console.log('starting');\n}\n",
      },
      errors: [{ file: 'instrumentation.ts', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'a framework dependency but no entry found (serverless handler): anchored on the dependency, no fix',
      files: {
        'package.json': pkg({ express: '^4.19.2', 'serverless-http': '^3.2.0' }),
        'src/handler.ts': "import express from 'express';\nimport serverless from 'serverless-http';\nconst app = express();\nexport const handler = serverless(app);\n",
      },
      errors: [{ file: 'package.json', line: 4, column: 5 }],
      output: null,
    },
    {
      name: 'one finding per server package; the entry is chosen by name',
      files: {
        'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*'] }, null, 2),
        'apps/api/package.json': pkg({ express: '^4.19.2' }),
        'apps/api/src/server.ts': expressServer,
        'apps/api/src/admin/metrics.ts': "import http from 'node:http';\nhttp.createServer().listen(9100);\n",
        'apps/worker/package.json': pkg({ hono: '^4.0.0', '@hono/node-server': '^1.0.0' }, { name: 'worker' }),
        'apps/worker/src/index.ts': "import { Hono } from 'hono';\nimport { serve } from '@hono/node-server';\nconst app = new Hono();\nserve({ fetch: app.fetch, port: 8787 });\n",
      },
      errors: [{ file: 'apps/api/src/server.ts', line: 4, column: 1 }, { file: 'apps/worker/src/index.ts', line: 4, column: 1, message: /"worker"/ }],
    },
  ],
});
