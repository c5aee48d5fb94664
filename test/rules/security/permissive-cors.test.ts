import rule from '../../../rules/security/permissive-cors';
import { ruleTester } from '../../helpers/ruleTester';

const EXPRESS = "import express from 'express';\nimport cors from 'cors';\nconst app = express();\n";
const ENV = "process.env.CORS_ORIGINS?.split(',') ?? []";
const CREATED_ENV = { '.env.example': 'CORS_ORIGINS=\n' };

ruleTester(rule, {
  valid: [
    { name: 'a throw-away Express router in a controller file that exports only its handlers (never mounted; seen on a real Express + pg CRM)', filename: 'controllers/dropdown.js', code: "const express = require('express');\nconst cors = require('cors');\nconst pool = require('../db');\nconst router = express.Router();\nrouter.use(cors());\nrouter.use(express.json());\nconst getRoutes = async (req, res) => res.json((await pool.query('SELECT * FROM dropdown')).rows);\nmodule.exports = { getRoutes };\n" },
    EXPRESS + "const CORS_ORIGIN = process.env.CORS_ORIGIN ?? 'https://app.example.com';\napp.use(cors({ origin: CORS_ORIGIN === '*' ? true : CORS_ORIGIN.split(','), credentials: true }));\n",
    { name: 'a member of an imported config that is not CORS options is not judged', files: {
      'src/config.ts': "export default { server: { port: 3000, host: '0.0.0.0' }, cors: { origin: process.env.CORS_ORIGIN } };\n",
      'src/app.ts': EXPRESS + "import config from './config';\napp.use(cors(config.cors));\n",
    } },
    // options in their own module: an allowlist function (the common config/corsOptions.js), a list from env
    { name: 'imported options with an allowlist origin function', files: {
      'server.js': "const express = require('express');\nconst cors = require('cors');\nconst corsOptions = require('./config/corsOptions');\nconst app = express();\napp.use(cors(corsOptions));\n",
      'config/allowedOrigins.js': "module.exports = ['https://www.example.com', 'http://localhost:3000'];\n",
      'config/corsOptions.js': "const allowedOrigins = require('./allowedOrigins');\n\nconst corsOptions = {\n  origin: (origin, callback) => {\n    if (allowedOrigins.indexOf(origin) !== -1 || !origin) {\n      callback(null, true);\n    } else {\n      callback(new Error('Not allowed by CORS'));\n    }\n  },\n  credentials: true,\n  optionsSuccessStatus: 200,\n};\n\nmodule.exports = corsOptions;\n",
    } },
    { name: 'imported options from env', files: {
      'src/app.ts': EXPRESS + "import { corsOptions } from './config/cors';\napp.use(cors(corsOptions));\n",
      'src/config/cors.ts': "export const corsOptions = { origin: process.env.CORS_ORIGINS?.split(','), credentials: true };\n",
    } },
    // permissive options exported but handed to no cors() (a socket.io server's own setting, an unused module)
    { name: 'exported permissive options no cors() uses', files: {
      'src/app.ts': EXPRESS + "import { corsOptions } from './config/cors';\nimport { Server } from 'socket.io';\nexport const io = new Server(3001, { cors: corsOptions });\n",
      'src/config/cors.ts': "export const corsOptions = { origin: '*', credentials: true };\n",
    } },
    // allowlists: from env, literal https origins, a checking callback
    EXPRESS + "app.use(cors({ origin: process.env.CORS_ORIGIN?.split(','), credentials: true }));",
    EXPRESS + "app.use(cors({ origin: ['https://app.example.com', 'https://admin.example.com'], credentials: true }));",
    EXPRESS + "app.use(cors({ origin: 'https://app.example.com' }));",
    EXPRESS + "const allowed = (process.env.ALLOWED_ORIGINS ?? '').split(',');\napp.use(cors({\n  origin: (origin, cb) => {\n    if (!origin || allowed.includes(origin)) return cb(null, true);\n    cb(new Error('Not allowed by CORS'));\n  },\n  credentials: true,\n}));",
    EXPRESS + "app.use(cors({ origin: /\\.example\\.com$/ }));",
    // options this file cannot see
    EXPRESS + "import { corsOptions } from './config/cors';\napp.use(cors(corsOptions));",
    EXPRESS + "import { baseCors } from './config/cors';\napp.use(cors({ ...baseCors, credentials: true }));",
    EXPRESS + 'app.use(cors((req, cb) => cb(null, { origin: lookup(req) })));',
    // development only
    EXPRESS + "if (process.env.NODE_ENV !== 'production') app.use(cors());",
    EXPRESS + "const isDev = process.env.NODE_ENV === 'development';\nif (isDev) {\n  app.use(cors({ origin: true, credentials: true }));\n}",
    EXPRESS + "app.use(cors({ origin: process.env.NODE_ENV === 'production' ? ['https://app.example.com'] : '*' }));",
    // a `cors` that is not the cors package
    "import cors from './middleware/cors';\napp.use(cors());",
    // Fastify, Koa, Nest, Hono with allowlists
    "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(cors, { origin: ['https://app.example.com'], credentials: true });",
    "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(cors, { delegator: (req, cb) => cb(null, { origin: pick(req) }) });",
    "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst ALLOWED = ['https://app.example.com'];\nconst app = new Koa();\napp.use(cors({ origin: (ctx) => (ALLOWED.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''), credentials: true }));",
    "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule, { cors: { origin: process.env.FRONTEND_URL, credentials: true } });\n  app.enableCors({ origin: process.env.FRONTEND_URL });\n}",
    "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('/api/*', cors({ origin: (origin) => (origin.endsWith('.example.com') ? origin : null) }));",
    // hand-set headers that are fine
    "export function handler(req, res) {\n  const origin = req.headers.origin;\n  if (ALLOWED.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);\n  res.end();\n}",
    "export function handler(req, res) {\n  res.setHeader('Access-Control-Allow-Origin', process.env.FRONTEND_URL);\n  res.setHeader('Access-Control-Allow-Methods', '*');\n}",
    // a request header set by a client is not a CORS policy
    "export const load = () => fetch('/api/items', { headers: { 'Access-Control-Allow-Origin': '*' } });",
    // tests
    { filename: 'test/app.test.ts', code: EXPRESS + 'app.use(cors());' },
    { filename: 'next.config.js', code: "module.exports = {\n  async headers() {\n    return [{ source: '/api/:path*', headers: [{ key: 'Access-Control-Allow-Origin', value: 'https://app.example.com' }] }];\n  },\n};" },
  ],
  invalid: [
    {
      name: 'the same router, exported (mounted elsewhere)',
      filename: 'routes/dropdown.js',
      code: "const express = require('express');\nconst cors = require('cors');\nconst router = express.Router();\nrouter.use(cors());\nrouter.get('/', (req, res) => res.json([]));\nmodule.exports = router;\n",
      errors: [{ line: 4, column: 12, message: /^cors\(\) has no options and allows every origin/ }],
      output: { 'routes/dropdown.js': "const express = require('express');\nconst cors = require('cors');\nconst router = express.Router();\nrouter.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [] }));\nrouter.get('/', (req, res) => res.json([]));\nmodule.exports = router;\n", '.env.example': 'CORS_ORIGINS=\n' },
    },
    {
      name: "express: origin falls back to '*' when CORS_ORIGIN is unset (seen on a real Express + Stripe app)",
      code: EXPRESS + "app.use(cors({ origin: process.env.CORS_ORIGIN || '*', credentials: true }));\n",
      errors: [{ line: 4, column: 16, tier: 'ship-stopping', message: /^CORS allows every origin whenever `process\.env\.CORS_ORIGIN` is unset: the fallback is `'\*'`, so a deploy that misses the variable opens the API to every site/ }],
      output: { 'src/app.ts': EXPRESS + "app.use(cors({ origin: " + ENV + ", credentials: true }));\n", ...CREATED_ENV },
    },
    {
      name: "express: the '*' fallback through a const, no credentials",
      code: EXPRESS + "const ORIGIN = process.env.CORS_ORIGIN ?? '*';\napp.use(cors({ origin: ORIGIN }));\n",
      errors: [{ line: 5, column: 16, tier: 'tech-debt', message: /^CORS allows every origin whenever `process\.env\.CORS_ORIGIN` is unset/ }],
      output: { 'src/app.ts': EXPRESS + "const ORIGIN = process.env.CORS_ORIGIN ?? '*';\napp.use(cors({ origin: " + ENV + " }));\n", ...CREATED_ENV },
    },
    {
      name: "express: origin true when CORS_ORIGIN is '*', and '*' is its default (unset in production, every origin is allowed)",
      code: EXPRESS + "const CORS_ORIGIN = process.env.CORS_ORIGIN ?? '*';\napp.use(cors({ origin: CORS_ORIGIN === '*' ? true : CORS_ORIGIN.split(','), credentials: true }));\n",
      errors: [{ line: 5, column: 16, tier: 'ship-stopping', message: /^CORS accepts whatever origin asks/ }],
      output: { 'src/app.ts': EXPRESS + "const CORS_ORIGIN = process.env.CORS_ORIGIN ?? '*';\napp.use(cors({ origin: " + ENV + ", credentials: true }));\n", ...CREATED_ENV },
    },
    {
      // seen on a real Koa + TypeORM app
      name: 'koa: options that are a member of an imported config object (cors(config.corsConfig)), with no origin',
      files: {
        'src/server/config.ts': "const config = {\n  corsConfig: {\n    allowMethods: ['GET', 'POST'],\n    allowHeaders: ['Content-Type', 'Authorization'],\n  },\n  bodyParser: { enableTypes: ['json'] },\n};\n\nexport default config;\n",
        'src/server/KoaServer.ts': "import Koa from 'koa';\nimport cors from '@koa/cors';\nimport config from './config';\nconst app = new Koa();\napp.use(cors(config.corsConfig));\n",
      },
      errors: [{ file: 'src/server/config.ts', line: 2, column: 15, tier: 'tech-debt', message: /^The CORS options of cors\(\) set no `origin`, so every origin is allowed.*These options are used by cors\(\) in src\/server\/KoaServer\.ts/ }],
      output: {
        'src/server/config.ts': "const config = {\n  corsConfig: {\n    allowMethods: ['GET', 'POST'],\n    allowHeaders: ['Content-Type', 'Authorization'],\n    origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),\n  },\n  bodyParser: { enableTypes: ['json'] },\n};\n\nexport default config;\n",
        ...CREATED_ENV,
      },
    },
    {
      name: 'express: options imported from another module (CommonJS) echo every origin with credentials: reported where they are written, fixed there',
      files: {
        'server.js': "const express = require('express');\nconst cors = require('cors');\nconst corsOptions = require('./config/corsOptions');\nconst app = express();\napp.use(cors(corsOptions));\n",
        'config/corsOptions.js': "const corsOptions = {\n  origin: (origin, callback) => {\n    callback(null, true);\n  },\n  credentials: true,\n};\n\nmodule.exports = corsOptions;\n",
      },
      errors: [{ file: 'config/corsOptions.js', line: 2, column: 3, tier: 'ship-stopping', message: /^CORS accepts whatever origin asks .*with credentials allowed.*These options are used by cors\(\) in server\.js\.\)$/ }],
      output: {
        'config/corsOptions.js': "const corsOptions = {\n  origin: process.env.CORS_ORIGINS?.split(',') ?? [],\n  credentials: true,\n};\n\nmodule.exports = corsOptions;\n",
        ...CREATED_ENV,
      },
    },
    {
      name: "express: a named export with origin '*' imported by an ES module (tech debt), and two users reported once",
      files: {
        'src/app.ts': EXPRESS + "import { corsOptions } from './config/cors';\napp.use(cors(corsOptions));\n",
        'src/admin.ts': EXPRESS + "import { corsOptions } from './config/cors';\napp.use('/admin', cors(corsOptions));\n",
        'src/config/cors.ts': "export const corsOptions = { origin: '*' };\n",
      },
      errors: [{ file: 'src/config/cors.ts', line: 1, column: 30, tier: 'tech-debt', message: /^CORS allows every origin \(`origin: '\*'`\): any website/ }],
      output: { 'src/config/cors.ts': `export const corsOptions = { origin: ${ENV} };\n`, ...CREATED_ENV },
    },
    {
      name: "koa: `module.exports = { origin: '*', credentials: true }` handed to @koa/cors echoes the origin",
      files: {
        'src/app.js': "const Koa = require('koa');\nconst cors = require('@koa/cors');\nconst { cors: corsConfig } = require('./config');\nconst app = new Koa();\napp.use(cors(corsConfig));\n",
        'src/config.js': "module.exports = {\n  port: 3000,\n  cors: { origin: '*', credentials: true },\n};\n",
      },
      errors: [{ file: 'src/config.js', line: 3, column: 11, tier: 'ship-stopping', message: /^CORS accepts whatever origin asks \(@koa\/cors answers/ }],
      output: {
        'src/config.js': "module.exports = {\n  port: 3000,\n  cors: { origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : ''), credentials: true },\n};\n",
        ...CREATED_ENV,
      },
    },
    {
      name: 'express: cors() with no options, .env.example created',
      code: EXPRESS + 'app.use(cors());',
      errors: [{ line: 4, column: 9, message: /^cors\(\) has no options and allows every origin: any website/, tier: 'tech-debt' }],
      output: { 'src/app.ts': EXPRESS + `app.use(cors({ origin: ${ENV} }));`, ...CREATED_ENV },
    },
    {
      name: 'express: cors() with no options, existing .env.example gets the key appended',
      files: { '.env.example': 'DATABASE_URL=\nJWT_SECRET=\n' },
      code: EXPRESS + 'app.use(cors());',
      errors: [{ line: 4, column: 9, file: 'src/app.ts' }],
      output: { 'src/app.ts': EXPRESS + `app.use(cors({ origin: ${ENV} }));`, '.env.example': 'DATABASE_URL=\nJWT_SECRET=\nCORS_ORIGINS=\n' },
    },
    {
      name: "express: origin '*' (require, .js, double quotes)",
      filename: 'server.js',
      code: 'const express = require("express");\nconst cors = require("cors");\nconst app = express();\napp.use(cors({ origin: "*" }));',
      errors: [{ line: 4, column: 16, message: /^CORS allows every origin \(`origin: '\*'`\)/ }],
      output: { 'server.js': 'const express = require("express");\nconst cors = require("cors");\nconst app = express();\napp.use(cors({ origin: process.env.CORS_ORIGINS?.split(",") ?? [] }));', ...CREATED_ENV },
    },
    {
      name: 'express: origin true with credentials is ship-stopping',
      code: EXPRESS + 'app.use(cors({ origin: true, credentials: true }));',
      errors: [{ line: 4, column: 16, tier: 'ship-stopping', message: /whatever origin asks.*signed-in user visits can send requests/ }],
      output: { 'src/app.ts': EXPRESS + `app.use(cors({ origin: ${ENV}, credentials: true }));`, ...CREATED_ENV },
    },
    {
      name: 'express: an origin callback that reflects, options in a const',
      code: EXPRESS + 'const corsOptions = {\n  origin: (origin, callback) => callback(null, origin),\n  credentials: true,\n};\napp.use(cors(corsOptions));',
      errors: [{ line: 5, column: 3, tier: 'ship-stopping' }],
      output: { 'src/app.ts': EXPRESS + `const corsOptions = {\n  origin: ${ENV},\n  credentials: true,\n};\napp.use(cors(corsOptions));`, ...CREATED_ENV },
    },
    {
      name: 'express: an origin method that always says yes',
      code: EXPRESS + 'app.use(cors({\n  origin(origin, cb) {\n    cb(null, true);\n  },\n}));',
      errors: [{ line: 5, column: 3, tier: 'tech-debt' }],
      output: { 'src/app.ts': EXPRESS + `app.use(cors({\n  origin: ${ENV},\n}));`, ...CREATED_ENV },
    },
    {
      name: "express: origin '*' with credentials",
      code: EXPRESS + "app.use(cors({ origin: '*', credentials: true }));",
      errors: [{ line: 4, column: 16, tier: 'ship-stopping', message: /browsers refuse `\*` for signed-in requests/ }],
      output: { 'src/app.ts': EXPRESS + `app.use(cors({ origin: ${ENV}, credentials: true }));`, ...CREATED_ENV },
    },
    {
      name: 'express: options without origin but with credentials',
      code: EXPRESS + 'app.use(cors({ credentials: true, maxAge: 600 }));',
      errors: [{ line: 4, column: 9, tier: 'ship-stopping', message: /set no `origin`/ }],
      output: { 'src/app.ts': EXPRESS + `app.use(cors({ credentials: true, maxAge: 600, origin: ${ENV} }));`, ...CREATED_ENV },
    },
    {
      name: 'express: preflight handler and middleware both permissive',
      code: EXPRESS + "app.options('*', cors());\napp.use(cors({ origin: '*' }));",
      errors: [{ line: 4, column: 18 }, { line: 5, column: 16 }],
    },
    {
      name: 'fastify: plugin registered without options',
      code: "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(cors);",
      errors: [{ line: 4, column: 7, message: /^@fastify\/cors has no options/ }],
      output: { 'src/app.ts': `import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(cors, { origin: ${ENV} });`, ...CREATED_ENV },
    },
    {
      name: 'fastify: inline require with origin true and credentials',
      filename: 'src/server.js',
      code: "const fastify = require('fastify')();\nfastify.register(require('@fastify/cors'), { origin: true, credentials: true });",
      errors: [{ line: 2, column: 46, tier: 'ship-stopping' }],
      output: { 'src/server.js': `const fastify = require('fastify')();\nfastify.register(require('@fastify/cors'), { origin: ${ENV}, credentials: true });`, ...CREATED_ENV },
    },
    {
      name: 'koa: @koa/cors with no options gets an origin function',
      code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors());",
      errors: [{ line: 4, column: 9 }],
      output: { 'src/app.ts': "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : '') }));", ...CREATED_ENV },
    },
    {
      name: 'koa: an origin function that echoes the Origin header, with credentials',
      code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ origin: (ctx) => ctx.request.header.origin, credentials: true }));",
      errors: [{ line: 4, column: 16, tier: 'ship-stopping' }],
      output: { 'src/app.ts': "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ origin: (ctx) => ((process.env.CORS_ORIGINS?.split(',') ?? []).includes(ctx.get('Origin')) ? ctx.get('Origin') : ''), credentials: true }));", ...CREATED_ENV },
    },
    {
      name: "koa: origin '*' with credentials, which @koa/cors answers by echoing the request's origin",
      code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ origin: '*', credentials: true }));",
      errors: [{ line: 4, column: 16, tier: 'ship-stopping', message: /^CORS accepts whatever origin asks \(@koa\/cors answers `origin: '\*'` with credentials on by echoing the request's origin\): with credentials allowed, any website a signed-in user visits can send requests/ }],
    },
    {
      name: 'nest: enableCors() with no options',
      code: "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableCors();\n  await app.listen(3000);\n}",
      errors: [{ line: 4, column: 3, message: /^app\.enableCors\(\) has no options/ }],
      output: { 'src/app.ts': `import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.enableCors({ origin: ${ENV} });\n  await app.listen(3000);\n}`, ...CREATED_ENV },
    },
    {
      name: 'nest: cors: true in NestFactory.create',
      code: "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: true });",
      errors: [{ line: 2, column: 51 }],
      output: { 'src/app.ts': `import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: { origin: ${ENV} } });`, ...CREATED_ENV },
    },
    {
      name: 'nest: cors options in NestFactory.create with a fastify adapter',
      code: "import { NestFactory } from '@nestjs/core';\nimport { FastifyAdapter } from '@nestjs/platform-fastify';\nconst app = await NestFactory.create(AppModule, new FastifyAdapter(), { cors: { origin: '*', credentials: true } });",
      errors: [{ line: 3, column: 81, tier: 'ship-stopping' }],
    },
    {
      name: 'nest: enableCors with a reflecting origin',
      code: "import { INestApplication } from '@nestjs/common';\nexport function setup(app: INestApplication) {\n  app.enableCors({ origin: true, credentials: true });\n}",
      errors: [{ line: 3, column: 20, tier: 'ship-stopping' }],
      output: { 'src/app.ts': `import { INestApplication } from '@nestjs/common';\nexport function setup(app: INestApplication) {\n  app.enableCors({ origin: ${ENV}, credentials: true });\n}`, ...CREATED_ENV },
    },
    {
      name: 'hono: cors() defaults to every origin',
      code: "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('/api/*', cors());",
      errors: [{ line: 4, column: 19, message: /^cors\(\) from hono\/cors has no options/ }],
      output: { 'src/app.ts': `import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('/api/*', cors({ origin: ${ENV} }));`, ...CREATED_ENV },
    },
    {
      name: 'hono: origin function returning the origin, credentials on',
      code: "import { Hono } from 'hono';\nimport { cors as corsMw } from 'hono/cors';\nconst app = new Hono();\napp.use('*', corsMw({ origin: (origin) => origin, credentials: true }));",
      errors: [{ line: 4, column: 23, tier: 'ship-stopping' }],
    },
    {
      name: 'hand-set: express middleware',
      code: "export const allowAll = (req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.setHeader('Access-Control-Allow-Headers', 'Content-Type');\n  next();\n};",
      errors: [{ line: 2, column: 3, tier: 'tech-debt', message: /^`Access-Control-Allow-Origin: \*` is set by hand/ }],
      output: null,
    },
    {
      name: 'hand-set: the request origin echoed with credentials (express)',
      code: "app.use((req, res, next) => {\n  res.header('Access-Control-Allow-Origin', req.headers.origin);\n  res.header('Access-Control-Allow-Credentials', 'true');\n  next();\n});",
      errors: [{ line: 2, column: 3, tier: 'ship-stopping', message: /Origin header is echoed/ }],
    },
    {
      name: 'hand-set: fastify reply.header, koa ctx.set, hono c.header',
      code: "fastify.addHook('onSend', async (req, reply) => { reply.header('Access-Control-Allow-Origin', '*'); });\nkoa.use(async (ctx, next) => { ctx.set('Access-Control-Allow-Origin', ctx.get('Origin')); await next(); });\nhono.use(async (c, next) => { c.header('access-control-allow-origin', '*'); await next(); });",
      errors: [{ line: 1, column: 51 }, { line: 2, column: 32 }, { line: 3, column: 31 }],
    },
    {
      name: 'hand-set: res.writeHead header object',
      code: "import http from 'node:http';\nhttp.createServer((req, res) => {\n  res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });\n  res.end('{}');\n});",
      errors: [{ line: 3, column: 60 }],
    },
    {
      name: 'hand-set: Next.js route handler with NextResponse.json and new Response',
      filename: 'app/api/items/route.ts',
      code: "import { NextResponse } from 'next/server';\nexport async function GET() {\n  return NextResponse.json(items, { headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' } });\n}\nexport async function OPTIONS() {\n  return new Response(null, { status: 204, headers: { 'Access-Control-Allow-Origin': '*' } });\n}",
      errors: [{ line: 3, column: 48, tier: 'ship-stopping' }, { line: 6, column: 55, tier: 'tech-debt' }],
    },
    {
      name: 'next.config.js headers() with a wildcard origin',
      filename: 'next.config.js',
      code: "module.exports = {\n  async headers() {\n    return [\n      {\n        source: '/api/:path*',\n        headers: [\n          { key: 'Access-Control-Allow-Origin', value: '*' },\n          { key: 'Access-Control-Allow-Methods', value: 'GET,POST' },\n        ],\n      },\n    ];\n  },\n};",
      errors: [{ line: 7, column: 49, message: /^next\.config sends/ }],
      output: null,
    },
    {
      name: 'next.config.mjs: quoted keys in a header list, exported inline',
      filename: 'next.config.mjs',
      code: "const apiHeaders = [{ 'key': 'Access-Control-Allow-Origin', 'value': '*' }];\nexport default { async rewrites() { return []; }, apiHeaders };",
      errors: [{ line: 1, column: 61, message: /^next\.config sends/ }],
      output: null,
    },
    {
      name: 'express: cors required under another name (gate: the module)',
      filename: 'src/app.js',
      code: "const allowAll = require('cors');\nmodule.exports = (app) => app.use(allowAll());",
      errors: [{ line: 2, column: 35, message: /^allowAll\(\) has no options/ }],
    },
  ],
});
