import rule from '../../../rules/security/no-security-headers';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'api', ...extra, dependencies: deps }, null, 2) + '\n';
const WHY = 'responses carry no Content-Security-Policy, Strict-Transport-Security, X-Frame-Options or X-Content-Type-Options, so browsers allow clickjacking, MIME sniffing and HTTPS downgrades on what it serves';

ruleTester(rule, {
  valid: [
    { name: 'helmet', files: { 'package.json': pkg({ express: '^4.21.0', helmet: '^8.1.0' }), 'src/server.ts': "import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\napp.use(helmet());\napp.listen(3000);\n" } },
    { name: '@fastify/helmet', files: { 'package.json': pkg({ fastify: '^5.0.0', '@fastify/helmet': '^13.0.1' }), 'src/index.ts': "import Fastify from 'fastify';\nimport helmet from '@fastify/helmet';\nconst app = Fastify();\nawait app.register(helmet);\nawait app.listen({ port: 3000 });\n" } },
    { name: 'Hono secureHeaders', files: { 'package.json': pkg({ hono: '^4.6.0' }), 'src/index.ts': "import { Hono } from 'hono';\nimport { secureHeaders } from 'hono/secure-headers';\nconst app = new Hono();\napp.use('*', secureHeaders());\nexport default app;\n" } },
    { name: 'headers set by hand in a middleware', files: { 'package.json': pkg({ express: '^4.21.0' }), 'src/server.js': "const express = require('express');\nconst app = express();\napp.use((req, res, next) => {\n  res.setHeader('X-Content-Type-Options', 'nosniff');\n  res.setHeader('X-Frame-Options', 'DENY');\n  next();\n});\napp.listen(3000);\n" } },
    { name: 'Next.js headers() in next.config', files: { 'package.json': pkg({ next: '^15.0.0' }), 'next.config.js': "module.exports = {\n  async headers() {\n    return [{ source: '/(.*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }, { key: 'Strict-Transport-Security', value: 'max-age=63072000' }] }];\n  },\n};\n" } },
    { name: 'Next.js middleware', files: { 'package.json': pkg({ next: '^15.0.0' }), 'middleware.ts': "import { NextResponse } from 'next/server';\nexport function middleware() {\n  const res = NextResponse.next();\n  res.headers.set('Content-Security-Policy', \"default-src 'self'\");\n  return res;\n}\n" } },
    { name: 'Next.js headers() returning a const array of headers', files: { 'package.json': pkg({ next: '^15.0.0' }), 'next.config.ts': "import type { NextConfig } from 'next';\nconst securityHeaders = [\n  { key: 'X-Frame-Options', value: 'DENY' },\n  { key: 'Content-Security-Policy', value: \"default-src 'self'\" },\n];\nconst nextConfig: NextConfig = {\n  async headers() {\n    return [{ source: '/:path*', headers: securityHeaders }];\n  },\n};\nexport default nextConfig;\n" } },
    { name: 'Next.js middleware: NextResponse.next({ headers }) with a const object', files: { 'package.json': pkg({ next: '^15.0.0' }), 'src/middleware.ts': "import { NextResponse } from 'next/server';\nconst SECURITY = { 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff' };\nexport function middleware() {\n  return NextResponse.next({ headers: SECURITY });\n}\n" } },
    { name: 'headers exported from a shared module', files: { 'package.json': pkg({ next: '^15.0.0' }), 'lib/security-headers.ts': "export const securityHeaders = [{ key: 'Strict-Transport-Security', value: 'max-age=63072000' }];\n", 'next.config.ts': "import { securityHeaders } from './lib/security-headers';\nexport default { async headers() { return [{ source: '/(.*)', headers: securityHeaders }]; } };\n" } },
    { name: 'netlify.toml [[headers]] with [headers.values]', files: { 'package.json': pkg({ next: '^15.0.0' }), 'next.config.mjs': 'export default { reactStrictMode: true };\n', 'netlify.toml': '[build]\n  command = "next build"\n\n[[headers]]\n  for = "/*"\n  [headers.values]\n    X-Frame-Options = "DENY"\n    "Strict-Transport-Security" = "max-age=63072000"\n' } },
    { name: 'netlify.toml headers as an inline table', files: { 'package.json': pkg({ next: '^15.0.0' }), 'next.config.mjs': 'export default { reactStrictMode: true };\n', 'netlify.toml': '[[headers]]\nfor = "/*"\nvalues = { Content-Security-Policy = "default-src \'self\'", X-Content-Type-Options = "nosniff" }\n' } },
    { name: 'nginx in front', files: { 'package.json': pkg({ express: '^4.21.0' }), 'src/server.ts': "import express from 'express';\nexpress().listen(3000);\n", 'deploy/nginx.conf': 'server {\n  listen 443 ssl;\n  add_header Strict-Transport-Security "max-age=31536000" always;\n  location / { proxy_pass http://api:3000; }\n}\n' } },
    { name: 'vercel.json headers', files: { 'package.json': pkg({ next: '^15.0.0' }), 'vercel.json': '{ "headers": [{ "source": "/(.*)", "headers": [{ "key": "X-Content-Type-Options", "value": "nosniff" }] }] }\n' } },
    { name: 'not a server', files: { 'package.json': pkg({ react: '^19.0.0', vite: '^6.0.0' }), 'src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(null);\n" } },
    { name: 'hono as an RPC client in a front-end', files: { 'package.json': pkg({ hono: '^4.6.0', react: '^19.0.0' }), 'src/api.ts': "import { hc } from 'hono/client';\nexport const client = hc('/api');\n" } },
    { name: 'express only for tests', files: { 'package.json': JSON.stringify({ name: 'sdk', devDependencies: { express: '^4.21.0' } }), 'test/server.ts': "import express from 'express';\nexpress().listen(4000);\n" } },
    { name: 'helmet applied by a shared package of the monorepo', files: {
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'], dependencies: { express: '^4.21.0' } }),
      'packages/http/package.json': pkg({ helmet: '^8.1.0' }, { name: '@acme/http' }),
      'packages/http/src/index.ts': "import helmet from 'helmet';\nexport const secure = () => helmet();\n",
      'apps/api/package.json': pkg({ express: '^4.21.0', '@acme/http': 'workspace:*' }),
      'apps/api/src/server.ts': "import express from 'express';\nimport { secure } from '@acme/http';\nconst app = express();\napp.use(secure());\napp.listen(3000);\n",
    } },
    // The rule's early exit: header names as computed keys or in another case are found in the text.
    { name: 'Next.js middleware: a computed header key', files: { 'package.json': pkg({ next: '^15.0.0' }), 'middleware.ts': "import { NextResponse } from 'next/server';\nexport function middleware() {\n  return NextResponse.next({ headers: { ['X-Frame-Options']: 'DENY' } });\n}\n" } },
    { name: 'headers exported with upper-case and computed keys', files: { 'package.json': pkg({ next: '^15.0.0' }), 'lib/headers.ts': "export const SECURITY = { ['X-FRAME-OPTIONS']: 'DENY' };\n" } },
    { name: 'headers exported with upper-case quoted keys', files: { 'package.json': pkg({ next: '^15.0.0' }), 'lib/headers.ts': "export const SECURITY = { 'X-FRAME-OPTIONS': 'DENY', 'x-content-type-options': 'nosniff' };\n" } },
  ],
  invalid: [
    {
      name: 'helmet is in package.json but no file imports it (seen on a real MERN shop): reported, and the fix adds only the import and the middleware',
      files: {
        'package.json': '{ "name": "api", "scripts": { "start": "node app.js" }, "dependencies": { "express": "^4.19.2", "helmet": "^7.1.0" } }\n',
        'app.js': 'var express = require("express");\nvar app = express();\napp.get("/healthz", (req, res) => res.send("ok"));\napp.listen(3000);\n',
      },
      errors: [{ file: 'app.js', line: 2, column: 11, message: /^No security headers are set in "api" \(helmet is in package\.json, but no file imports it\)/ }],
      output: { 'app.js': 'var express = require("express");\nconst helmet = require("helmet");\nvar app = express();\napp.use(helmet());\napp.get("/healthz", (req, res) => res.send("ok"));\napp.listen(3000);\n' },
    },
    {
      name: 'Express (ESM): helmet added after the app, imported, and added to package.json',
      files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport cors from 'cors';\n\nconst app = express();\napp.use(cors());\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/server.ts', line: 4, column: 13, message: `No security headers are set in "api": ${WHY}. Add helmet before the routes: \`app.use(helmet())\`.`, tier: 'tech-debt' }],
      output: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0",\n    "helmet": "^8.1.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport cors from 'cors';\nimport helmet from 'helmet';\n\nconst app = express();\napp.use(helmet());\napp.use(cors());\napp.listen(3000);\n",
      },
    },
    {
      name: 'Express (CommonJS), app created in app.js and started in server.js',
      files: {
        'package.json': pkg({ express: '^4.21.0' }),
        'src/app.js': 'const express = require("express");\n\nfunction createApp() {\n  const server = express();\n  server.get("/", (req, res) => res.send("ok"));\n  return server;\n}\nmodule.exports = { createApp };\n',
        'src/server.js': 'const { createApp } = require("./app");\ncreateApp().listen(3000);\n',
      },
      errors: [{ file: 'src/app.js', line: 4, column: 18 }],
      output: {
        'package.json': pkg({ express: '^4.21.0', helmet: '^8.1.0' }),
        'src/app.js': 'const express = require("express");\nconst helmet = require("helmet");\n\nfunction createApp() {\n  const server = express();\n  server.use(helmet());\n  server.get("/", (req, res) => res.send("ok"));\n  return server;\n}\nmodule.exports = { createApp };\n',
      },
    },
    {
      name: 'Fastify in an async main',
      files: {
        'package.json': pkg({ fastify: '^5.0.0' }),
        'src/index.ts': "import Fastify from 'fastify';\n\nasync function main() {\n  const app = Fastify({ logger: true });\n  await app.listen({ port: 3000 });\n}\nmain();\n",
      },
      errors: [{ file: 'src/index.ts', line: 4, column: 15, message: /Register @fastify\/helmet/ }],
      output: {
        'package.json': pkg({ '@fastify/helmet': '^13.0.1', fastify: '^5.0.0' }),
        'src/index.ts': "import Fastify from 'fastify';\nimport helmet from '@fastify/helmet';\n\nasync function main() {\n  const app = Fastify({ logger: true });\n  await app.register(helmet);\n  await app.listen({ port: 3000 });\n}\nmain();\n",
      },
    },
    {
      name: 'Nest main.ts',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0' }),
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
      },
      errors: [{ file: 'src/main.ts', line: 5, column: 21, message: /Add helmet in main\.ts/ }],
      output: {
        'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', helmet: '^8.1.0' }),
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nimport helmet from 'helmet';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.use(helmet());\n  await app.listen(3000);\n}\nbootstrap();\n",
      },
    },
    {
      name: 'Hono on Workers: secureHeaders, no new dependency',
      files: { 'package.json': pkg({ hono: '^4.6.0' }), 'src/index.ts': "import { Hono } from 'hono';\n\nconst app = new Hono();\napp.get('/', (c) => c.text('ok'));\nexport default app;\n" },
      errors: [{ file: 'src/index.ts', line: 3, column: 13 }],
      output: { 'src/index.ts': "import { Hono } from 'hono';\nimport { secureHeaders } from 'hono/secure-headers';\n\nconst app = new Hono();\napp.use(secureHeaders());\napp.get('/', (c) => c.text('ok'));\nexport default app;\n" },
    },
    {
      name: 'Koa',
      files: { 'package.json': pkg({ koa: '^2.15.0' }), 'server.js': "const Koa = require('koa');\nconst app = new Koa();\napp.listen(3000);\n" },
      errors: [{ file: 'server.js', line: 2, column: 13, message: /koa-helmet/ }],
      output: { 'package.json': pkg({ koa: '^2.15.0', 'koa-helmet': '^9.0.0' }), 'server.js': "const Koa = require('koa');\nconst helmet = require('koa-helmet');\nconst app = new Koa();\napp.use(helmet());\napp.listen(3000);\n" },
    },
    {
      name: 'Next.js without headers: anchored on next.config',
      files: { 'package.json': pkg({ next: '^15.0.0', react: '^19.0.0' }), 'next.config.mjs': 'export default { reactStrictMode: true };\n', 'app/page.tsx': 'export default function Page() { return null; }\n' },
      errors: [{ file: 'next.config.mjs', line: 1, column: 1, message: /Return them from `async headers\(\)` in next\.config/ }],
      output: null,
    },
    {
      name: 'netlify.toml with redirects only (a header name in a comment or a path does not count)',
      files: {
        'package.json': pkg({ next: '^15.0.0' }),
        'next.config.mjs': 'export default { reactStrictMode: true };\n',
        'netlify.toml': '[build]\n  command = "next build"\n\n[[redirects]]\n  from = "/x-frame-options"\n  to = "/docs/security"\n\n# [[headers]]\n#   for = "/*"\n#   [headers.values]\n#     X-Frame-Options = "DENY"\n',
      },
      errors: [{ file: 'next.config.mjs', line: 1, column: 1, message: /Return them from `async headers\(\)` in next\.config/ }],
      output: null,
    },
    {
      name: 'Next.js: an array of header names that nothing returns or sets does not count',
      files: {
        'package.json': pkg({ next: '^15.0.0' }),
        'next.config.ts': "const securityHeaders = [\n  { key: 'X-Frame-Options', value: 'DENY' },\n  { key: 'Strict-Transport-Security', value: 'max-age=63072000' },\n];\nconst unused = { 'Content-Security-Policy': \"default-src 'self'\" };\nexport default {\n  poweredByHeader: false,\n  async headers() {\n    return [{ source: '/api/:path*', headers: [{ key: 'Cache-Control', value: 'no-store' }] }];\n  },\n};\n",
      },
      errors: [{ file: 'next.config.ts', line: 1, column: 1, message: /^No security headers are set in "api"/ }],
      output: null,
    },
    {
      name: 'Express imported under another name (no setter or key names in the file)',
      files: { 'package.json': pkg({ express: '^4.21.0' }), 'src/server.ts': "import createServer from 'express';\n\nconst api = createServer();\napi.listen(3000);\n" },
      errors: [{ file: 'src/server.ts', line: 3, column: 13, message: /Add helmet before the routes/ }],
      output: {
        'package.json': pkg({ express: '^4.21.0', helmet: '^8.1.0' }),
        'src/server.ts': "import createServer from 'express';\nimport helmet from 'helmet';\n\nconst api = createServer();\napi.use(helmet());\napi.listen(3000);\n",
      },
    },
    {
      name: 'Fastify through require with destructuring',
      files: { 'package.json': pkg({ fastify: '^5.0.0' }), 'src/index.js': "const { fastify } = require('fastify');\n\nconst server = fastify();\nserver.listen({ port: 3000 });\n" },
      errors: [{ file: 'src/index.js', line: 3, column: 16, message: /Register @fastify\/helmet/ }],
      output: {
        'package.json': pkg({ '@fastify/helmet': '^13.0.1', fastify: '^5.0.0' }),
        'src/index.js': "const { fastify } = require('fastify');\nconst helmet = require('@fastify/helmet');\n\nconst server = fastify();\nserver.register(helmet);\nserver.listen({ port: 3000 });\n",
      },
    },
  ],
});
