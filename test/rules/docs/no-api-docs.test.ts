import rule from '../../../rules/docs/no-api-docs';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>, devDeps: Record<string, string> = {}) => JSON.stringify({ name: 'api', dependencies: deps, devDependencies: devDeps }, null, 2) + '\n';
const express = pkg({ express: '^4.21.0' });
const server = "import express from 'express';\nconst app = express();\napp.get('/users', (_req, res) => res.json([]));\napp.post('/users', (req, res) => res.status(201).json(req.body));\napp.listen(3000);\n";

ruleTester(rule, {
  valid: [
    { name: 'Next.js: the only route handlers are the ones the app\'s own components fetch (seen on a real Next.js shop)', files: {
      'package.json': '{\n  "name": "web",\n  "dependencies": {\n    "next": "^15.0.0"\n  }\n}\n',
      'src/app/api/users/count/route.ts': 'export async function GET() { return Response.json({ count: 1 }); }\n',
      'src/app/api/users/trusted/route.ts': 'export async function GET(req: Request) { return Response.json([]); }\n',
      'src/components/trusted.tsx': "'use client';\nexport async function load() {\n  const list = await fetch('/api/users/trusted?limit=4');\n  const total = await fetch(\"/api/users/count\");\n  return [await list.json(), await total.json()];\n}\n",
    } },
    { name: 'a Postman collection under any name (seen on a real Express app: collections/postman.json)', files: { 'package.json': express, 'src/server.ts': server, 'collections/postman.json': '{ "info": { "name": "API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" }, "item": [] }\n' } },
    { name: 'an Insomnia export and a Bruno collection', files: { 'package.json': express, 'src/server.ts': server, 'docs/insomnia.json': '{ "_type": "export", "__export_format": 4, "resources": [] }\n' } },
    { files: { 'package.json': express, 'src/server.ts': server, 'api-requests/bruno.json': '{ "version": "1", "name": "api", "type": "collection" }\n' } },
    { name: 'openapi.yaml at the root', files: { 'package.json': express, 'src/server.ts': server, 'openapi.yaml': 'openapi: 3.1.0\ninfo:\n  title: API\n  version: 1.0.0\npaths: {}\n' } },
    { name: 'a spec detected by content (top-level openapi key) under any name', files: {
      'package.json': express, 'src/server.ts': server,
      'contracts/public-api.yml': 'openapi: "3.0.3"\ninfo:\n  title: Public\n  version: "1"\npaths: {}\n',
    } },
    { name: 'swagger 2.0 JSON by content', files: { 'package.json': express, 'src/server.ts': server, 'spec/v1.json': '{ "swagger": "2.0", "info": { "title": "x", "version": "1" }, "paths": {} }\n' } },
    { name: 'a file under docs/api/', files: { 'package.json': express, 'src/server.ts': server, 'docs/api/README.md': '# API\n\n## GET /users\n' } },
    { name: 'swagger-jsdoc + swagger-ui-express', files: { 'package.json': pkg({ express: '^4.21.0', 'swagger-jsdoc': '^6.2.8', 'swagger-ui-express': '^5.0.0' }), 'src/server.ts': server } },
    { name: '@nestjs/swagger imported', files: {
      'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { SwaggerModule, DocumentBuilder } from '@nestjs/swagger';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, new DocumentBuilder().build()));\n  await app.listen(3000);\n}\nbootstrap();\n",
      'src/users.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('users')\nexport class UsersController { @Get() list() { return []; } }\n",
    } },
    { name: 'a generator (@redocly/cli) in the monorepo root devDependencies', files: {
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*'], devDependencies: { '@redocly/cli': '^1.0.0' } }),
      'apps/api/package.json': pkg({ fastify: '^5.0.0' }),
      'apps/api/src/index.ts': "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/users', async () => []);\nawait app.listen({ port: 3000 });\n",
    } },
    { name: 'Hono with @hono/zod-openapi (OpenAPIHono)', files: {
      'package.json': pkg({ hono: '^4.0.0', '@hono/zod-openapi': '^0.16.0' }),
      'src/index.ts': "import { OpenAPIHono } from '@hono/zod-openapi';\nconst app = new OpenAPIHono();\napp.get('/users', (c) => c.json([]));\nexport default app;\n",
    } },
    { name: 'Next.js with pages only, auth callback and webhooks only', files: {
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', 'next-auth': '^4.0.0' } }),
      'app/page.tsx': 'export default function Page() { return null; }\n',
      'app/api/auth/[...nextauth]/route.ts': "import NextAuth from 'next-auth';\nconst handler = NextAuth({ providers: [] });\nexport { handler as GET, handler as POST };\n",
      'app/api/webhooks/stripe/route.ts': 'export async function POST(req: Request) { return new Response(null); }\n',
      'pages/api/hello.ts': "export default function handler(req: any, res: any) { res.status(200).json({ name: 'John Doe' }); }\n",
    } },
    { name: 'GraphQL and tRPC APIs', files: {
      'package.json': pkg({ express: '^4.21.0', '@apollo/server': '^4.0.0' }),
      'src/server.ts': "import express from 'express';\nimport { ApolloServer } from '@apollo/server';\nconst app = express();\napp.post('/graphql', handler);\napp.listen(4000);\n",
      'trpc/package.json': JSON.stringify({ name: 'trpc-api', dependencies: { '@trpc/server': '^11.0.0', fastify: '^5.0.0' } }),
      'trpc/src/index.ts': "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/health', async () => 'ok');\nawait app.listen({ port: 3001 });\n",
    } },
    { name: 'a server with no routes (a worker with a metrics port)', files: {
      'package.json': pkg({ koa: '^2.15.0' }),
      'src/index.ts': "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => { ctx.body = 'ok'; });\napp.listen(9100);\n",
    } },
    { name: 'HTTP clients calling paths are not routes', files: {
      'package.json': pkg({ axios: '^1.0.0', koa: '^2.15.0' }),
      'src/index.ts': "import Koa from 'koa';\nimport axios from 'axios';\nconst client = axios.create();\nconst app = new Koa();\nconst config = {};\napp.use(async (ctx) => { ctx.body = await client.get('/users', config); });\napp.listen(3000);\n",
    } },
  ],
  invalid: [
    {
      name: 'Express routes, no spec: anchored on the express dependency',
      files: { 'package.json': express, 'src/server.ts': server },
      errors: [{ file: 'package.json', line: 4, column: 5, endColumn: 14, message: /^"api" exposes an HTTP API \(2 routes found\) with no OpenAPI\/Swagger description/, tier: 'tech-debt' }],
      output: null,
    },
    {
      name: 'routes on a router in another file; an unrelated YAML file is not a spec',
      files: {
        'package.json': express,
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n',
        'src/server.ts': "import express from 'express';\nimport { users } from './users';\nconst app = express();\napp.use('/users', users);\napp.listen(3000);\n",
        'src/users.ts': "import { Router } from 'express';\nexport const users = Router();\nusers.get('/', list);\nusers.get('/:id', show);\nusers.delete('/:id', remove);\n",
      },
      errors: [{ file: 'package.json', line: 4, column: 5, message: /\(3 routes found\)/ }],
    },
    {
      name: 'NestJS controllers',
      files: {
        'package.json': pkg({ '@nestjs/common': '^10.0.0', '@nestjs/core': '^10.0.0' }),
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
        'src/users.controller.ts': "import { Controller, Get, Post } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get() list() { return []; }\n  @Post() create() { return {}; }\n}\n",
      },
      errors: [{ file: 'package.json', line: 5, column: 5, message: /\(2 routes found\)/ }],
    },
    {
      name: 'Next.js route handlers (app and pages router)',
      files: {
        'package.json': '{\n  "name": "web",\n  "dependencies": {\n    "next": "^15.0.0"\n  }\n}\n',
        'src/app/api/projects/route.ts': 'export async function GET() { return Response.json([]); }\n',
        'pages/api/users/[id].ts': 'export default function handler(req: any, res: any) { res.json({}); }\n',
        'app/api/auth/[...nextauth]/route.ts': 'export { handlers as GET } from "@/auth";\n',
      },
      errors: [{ file: 'package.json', line: 4, column: 5, message: /\(2 routes found\)/ }],
    },
    {
      name: 'Next.js: route handlers the app\'s own pages fetch do not count, one nothing in the app calls does',
      files: {
        'package.json': '{\n  "name": "web",\n  "dependencies": {\n    "next": "^15.0.0"\n  }\n}\n',
        'src/app/api/users/count/route.ts': 'export async function GET() { return Response.json({ count: 1 }); }\n',
        'src/app/api/users/[id]/route.ts': 'export async function GET() { return Response.json({}); }\n',
        'src/app/api/v1/orders/route.ts': 'export async function GET() { return Response.json([]); }\n',
        'src/components/stats.tsx': "'use client';\nimport useSWR from 'swr';\nexport function Stats({ id }: { id: string }) {\n  const { data } = useSWR('/api/users/count', (u: string) => fetch(u).then((r) => r.json()));\n  const load = () => fetch(`/api/users/${id}?fields=name`);\n  return <p onClick={load}>{data?.count}</p>;\n}\n",
      },
      errors: [{ file: 'package.json', line: 4, column: 5, message: /\(1 route found\)/ }],
    },
  ],
});
