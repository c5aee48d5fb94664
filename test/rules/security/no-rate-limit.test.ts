import rule from '../../../rules/security/no-rate-limit';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const expressPkg = pkg({ express: '^4.21.0' });
const limitedPkg = pkg({ express: '^4.21.0', 'express-rate-limit': '^7.5.0' });
const authRoutes = "import { Router } from 'express';\nimport bcrypt from 'bcryptjs';\nimport { prisma } from '../db';\n\nexport const authRouter = Router();\n\nauthRouter.post('/login', async (req, res) => {\n  const user = await prisma.user.findUnique({ where: { email: req.body.email } });\n  if (!user || !(await bcrypt.compare(req.body.password, user.password))) return res.status(401).end();\n  res.json({ id: user.id });\n});\nauthRouter.post('/forgot-password', async (req, res) => res.sendStatus(204));\nauthRouter.post('/logout', (req, res) => res.sendStatus(204));\nauthRouter.get('/github/callback', (req, res) => res.redirect('/'));\n";
const projects = "import { Router } from 'express';\n\nexport const projectsRouter = Router();\nprojectsRouter.get('/', (req, res) => res.json([]));\nprojectsRouter.post('/', (req, res) => res.status(201).json({}));\n";
const nestMain = "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n";
const nestAuth = "import { Body, Controller, Post } from '@nestjs/common';\nimport { AuthService } from './auth.service';\n\n@Controller('auth')\nexport class AuthController {\n  constructor(private readonly auth: AuthService) {}\n\n  @Post('login')\n  login(@Body() dto: LoginDto) {\n    return this.auth.login(dto);\n  }\n}\n";
const nextLogin = "import { prisma } from '@/lib/prisma';\nimport bcrypt from 'bcryptjs';\n\nexport async function POST(req: Request) {\n  const { email, password } = await req.json();\n  const user = await prisma.user.findUnique({ where: { email } });\n  if (!user || !(await bcrypt.compare(password, user.passwordHash))) return Response.json({ error: 'Invalid' }, { status: 401 });\n  return Response.json({ ok: true });\n}\n";

/** A T3-style app: tRPC procedures served by a Next.js API route; an admin password login among them. */
const t3 = (deps: Record<string, string> = {}, extra: Record<string, string> = {}) => ({
  'package.json': pkg({ next: '13.4.0', '@trpc/server': '^10.0.0', zod: '^3.21.0', jsonwebtoken: '^9.0.0', ...deps }),
  'src/server/api/trpc.ts': "import { initTRPC } from '@trpc/server';\nconst t = initTRPC.create();\nexport const createTRPCRouter = t.router;\nexport const publicProcedure = t.procedure;\n",
  'src/server/api/root.ts': "import { z } from 'zod';\nimport jwt from 'jsonwebtoken';\nimport { createTRPCRouter, publicProcedure } from './trpc';\nexport const appRouter = createTRPCRouter({\n  admin: createTRPCRouter({\n    logIn: publicProcedure.input(z.object({ login: z.string(), password: z.string() })).mutation(({ input }) => {\n      if (input.login !== process.env.ADMIN_LOGIN || input.password !== process.env.ADMIN_PASSWORD) throw new Error('Invalid credentials');\n      return jwt.sign({ admin: true }, process.env.JWT_SECRET!, { expiresIn: '1d' });\n    }),\n  }),\n  products: createTRPCRouter({ list: publicProcedure.query(() => []) }),\n});\n",
  'src/pages/api/trpc/[trpc].ts': "import { createNextApiHandler } from '@trpc/server/adapters/next';\nimport { appRouter } from '~/server/api/root';\nexport default createNextApiHandler({ router: appRouter });\n",
  ...extra,
});

ruleTester(rule, {
  valid: [
    { name: 'tRPC: a password login procedure in an app whose Next.js middleware limits requests', files: t3({ '@upstash/ratelimit': '^1.0.0' }, { 'src/middleware.ts': "import { Ratelimit } from '@upstash/ratelimit';\nimport { Redis } from '@upstash/redis';\nimport { NextResponse, type NextRequest } from 'next/server';\nconst ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(10, '10 s') });\nexport async function middleware(req: NextRequest) {\n  const { success } = await ratelimit.limit(req.ip ?? 'anon');\n  return success ? NextResponse.next() : new NextResponse('Too many requests', { status: 429 });\n}\nexport const config = { matcher: '/api/:path*' };\n" }) },
    { name: 'Next.js: sign-in server actions beside a middleware that rate-limits the sign-in page by path (seen on a real Supabase SaaS starter)', files: {
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '15.0.0', '@supabase/ssr': '^0.5.0' } }),
      'middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\nimport { rateLimit } from '@/lib/rate-limit';\nimport { updateSession } from '@/lib/supabase/middleware';\nexport default async function middleware(request: NextRequest) {\n  const { pathname } = request.nextUrl;\n  if (pathname.startsWith('/login')) {\n    const result = rateLimit(request.ip ?? 'anon', { limit: 5, windowSeconds: 60 });\n    if (!result.success) return new NextResponse('Too many requests', { status: 429 });\n  }\n  return updateSession(request);\n}\nexport const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };\n",
      'lib/rate-limit.ts': "export function rateLimit(key: string, opts: { limit: number; windowSeconds: number }) {\n  return { success: true, key, opts };\n}\n",
      'lib/supabase/middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\nimport { createServerClient } from '@supabase/ssr';\nexport async function updateSession(request: NextRequest) {\n  const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: { getAll: () => request.cookies.getAll(), setAll: () => {} } });\n  const { data: { user } } = await supabase.auth.getUser();\n  if (!user && !request.nextUrl.pathname.startsWith('/login')) return NextResponse.redirect(new URL('/login', request.url));\n  return NextResponse.next({ request });\n}\n",
      'features/auth/auth-actions.ts': "'use server';\nimport { createClient } from '@/lib/supabase/server';\nexport async function signIn(formData: FormData) {\n  const supabase = await createClient();\n  await supabase.auth.signInWithPassword({ email: String(formData.get('email')), password: String(formData.get('password')) });\n}\n",
    } },
    { name: 'Express: a global limiter registered before the routers covers the login route defined in another file', files: {
      'package.json': limitedPkg,
      'src/server.ts': "import express from 'express';\nimport rateLimit from 'express-rate-limit';\nimport { authRouter } from './routes/auth';\nimport { projectsRouter } from './routes/projects';\n\nconst app = express();\napp.use(rateLimit({ windowMs: 60_000, limit: 300 }));\napp.use(express.json());\napp.use('/auth', authRouter);\napp.use('/projects', projectsRouter);\napp.listen(3000);\n",
      'src/routes/auth.ts': authRoutes,
      'src/routes/projects.ts': projects,
    } },
    { name: 'Express: limiters only on the auth routes (login, forgot-password) and none elsewhere; logout and the OAuth callback need none', files: {
      'package.json': limitedPkg,
      'src/server.ts': "import express from 'express';\nimport { authRouter } from './routes/auth';\nimport { projectsRouter } from './routes/projects';\n\nconst app = express();\napp.use(express.json());\napp.use('/auth', authRouter);\napp.use('/projects', projectsRouter);\napp.listen(3000);\n",
      'src/routes/auth.ts': "import { Router } from 'express';\nimport rateLimit from 'express-rate-limit';\n\nexport const authRouter = Router();\nconst strict = rateLimit({ windowMs: 15 * 60_000, limit: 10 });\n\nauthRouter.post('/login', strict, (req, res) => res.json({}));\nauthRouter.post('/forgot-password', strict, (req, res) => res.sendStatus(204));\nauthRouter.post('/logout', (req, res) => res.sendStatus(204));\nauthRouter.post('/oauth/callback', (req, res) => res.redirect('/'));\n",
      'src/routes/projects.ts': projects,
    } },
    { name: 'Express: the limiter is applied by a helper in another file (imported: trusted even when the map cannot see it)', files: {
      'package.json': limitedPkg,
      'src/security.ts': "import type { Express } from 'express';\nimport rateLimit from 'express-rate-limit';\n\nexport function harden(app: Express) {\n  app.use(rateLimit({ windowMs: 60_000, limit: 100 }));\n}\n",
      'src/server.ts': "import express from 'express';\nimport { harden } from './security';\n\nconst app = express();\nharden(app);\napp.post('/login', (req, res) => res.json({}));\napp.listen(3000);\n",
    } },
    { name: 'Express: a limiter imported by subpath, required in a CommonJS file that does not import express', files: {
      'package.json': pkg({ express: '^4.21.0', 'rate-limiter-flexible': '^5.0.0' }),
      'src/limiter.js': "const { RateLimiterMemory } = require('rate-limiter-flexible/lib/index');\nconst limiter = new RateLimiterMemory({ points: 10, duration: 1 });\nmodule.exports = (req, res, next) => limiter.consume(req.ip).then(() => next(), () => res.sendStatus(429));\n",
      'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.post('/login', (req, res) => res.json({}));\napp.listen(3000);\n",
    } },
    { name: 'Express: app-level middleware from a spread we cannot see', files: {
      'package.json': expressPkg,
      'src/server.ts': "import express from 'express';\nimport { middlewares } from '@acme/platform';\n\nconst app = express();\napp.use(...middlewares);\napp.post('/login', (req, res) => res.json({}));\napp.listen(3000);\n",
    } },
    { name: 'Express: only a health check', files: {
      'package.json': expressPkg,
      'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.get('/healthz', (req, res) => res.json({ ok: true }));\napp.listen(3000);\n",
    } },
    { name: 'Express behind nginx with limit_req', files: {
      'package.json': expressPkg,
      'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.post('/login', (req, res) => res.json({}));\napp.listen(3000);\n",
      'deploy/nginx.conf': 'http {\n  limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n  server {\n    location / {\n      limit_req zone=api burst=20;\n      proxy_pass http://app:3000;\n    }\n  }\n}\n',
    } },
    { name: 'Express app in a test file', files: {
      'package.json': expressPkg,
      'src/__tests__/app.test.ts': "import express from 'express';\n\nconst app = express();\napp.post('/login', (req, res) => res.json({}));\n",
    } },
    { name: 'Fastify: @fastify/rate-limit registered', files: {
      'package.json': pkg({ fastify: '^4.28.0', '@fastify/rate-limit': '^9.1.0' }),
      'src/app.ts': "import Fastify from 'fastify';\nimport rateLimit from '@fastify/rate-limit';\n\nconst app = Fastify();\nawait app.register(rateLimit, { max: 100, timeWindow: '1 minute' });\napp.post('/login', async () => ({}));\nawait app.listen({ port: 3000 });\n",
    } },
    { name: 'Koa: koa-ratelimit as an early middleware', files: {
      'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^12.0.0', 'koa-ratelimit': '^5.1.0' }),
      'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\nimport ratelimit from 'koa-ratelimit';\n\nconst app = new Koa();\napp.use(ratelimit({ driver: 'memory', db: new Map(), duration: 60_000, max: 100 }));\nconst router = new Router();\nrouter.post('/signup', async (ctx) => { ctx.body = {}; });\napp.use(router.routes());\napp.listen(3000);\n",
    } },
    { name: 'Hono: hono-rate-limiter', files: {
      'package.json': pkg({ hono: '^4.6.0', 'hono-rate-limiter': '^0.4.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nimport { rateLimiter } from 'hono-rate-limiter';\n\nconst app = new Hono();\napp.use(rateLimiter({ windowMs: 15 * 60 * 1000, limit: 100, keyGenerator: (c) => c.req.header('x-forwarded-for') ?? '' }));\napp.post('/api/login', async (c) => c.json({}));\nexport default app;\n",
    } },
    { name: 'Nest: ThrottlerGuard as a global APP_GUARD', files: {
      'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', '@nestjs/throttler': '^6.2.0' }),
      'src/main.ts': nestMain,
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';\nimport { AuthController } from './auth.controller';\n\n@Module({\n  imports: [ThrottlerModule.forRoot([{ ttl: 60_000, limit: 100 }])],\n  controllers: [AuthController],\n  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],\n})\nexport class AppModule {}\n",
      'src/auth.controller.ts': nestAuth,
    } },
    { name: 'Next.js: route handlers with no login, signup or reset endpoint', files: {
      'package.json': pkg({ next: '^15.0.0' }),
      'app/api/posts/route.ts': "export async function POST(req: Request) {\n  return Response.json(await req.json());\n}\n",
    } },
    { name: 'Next.js: the login route checks an @upstash/ratelimit limiter', files: {
      'package.json': pkg({ next: '^15.0.0', '@upstash/ratelimit': '^2.0.0' }),
      'lib/ratelimit.ts': "import { Ratelimit } from '@upstash/ratelimit';\nimport { Redis } from '@upstash/redis';\n\nexport const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(5, '1 m') });\n",
      'app/api/auth/login/route.ts': "import { ratelimit } from '@/lib/ratelimit';\n\nexport async function POST(req: Request) {\n  const { success } = await ratelimit.limit(req.headers.get('x-forwarded-for') ?? 'anon');\n  if (!success) return new Response('Too many requests', { status: 429 });\n  const { email } = await req.json();\n  return Response.json({ email });\n}\n",
    } },
  ],
  invalid: [
    {
      name: 'Hono: a router that nothing mounts is no second app: one finding, on the app (seen on a real Hono + Drizzle API)',
      files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"hono\":\"^4.4.0\",\"@hono/node-server\":\"^1.11.0\"}}", "src/index.ts": "import { serve } from '@hono/node-server';\nimport { Hono } from 'hono';\nimport { userRoute } from './users/user.route';\nconst app = new Hono();\napp.get('/', (c) => c.text('Hello Hono!'));\napp.route('/user', userRoute);\nserve({ fetch: app.fetch, port: 8000 });\n", "src/users/user.route.ts": "import { Hono } from 'hono';\nexport const userRoute = new Hono();\nuserRoute.post('/login', async (c) => c.json({ token: 'x' }));\n", "src/auth/auth.route.ts": "import { Hono } from 'hono';\nimport type { Context } from 'hono';\nexport const authRouter = new Hono();\nauthRouter.post('/register', (c: Context) => c.json({ message: 'register user' }, 200));\nauthRouter.post('/login', (c: Context) => c.json({ message: 'login user' }, 200));\n"},
      errors: [{ file: 'src/index.ts', line: 4, column: 13, message: /^No rate limiting in "api" \(the Hono app\)/ }],
    },
    {
      name: 'tRPC (create-t3-app): an admin password login procedure, and nothing in the app limits requests (seen on a real T3 shop)',
      files: t3(),
      errors: [{ file: 'src/server/api/root.ts', line: 6, column: 5, message: /has no rate limit, and nothing else in the app limits requests: attackers can try passwords .* Add a strict limiter middleware to this procedure/ }],
    },
    { name: 'Next.js Pages Router: the auth routes named are the sign-in and sign-up, not a record named session edited by id (seen on a real legal-practice app)', files: {
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^14.2.0', bcryptjs: '^2.4.3' } }),
      'pages/api/auth/signup.ts': "import bcrypt from 'bcryptjs';\nexport default async function handler(req: any, res: any) {\n  await db.user.create({ data: { email: req.body.email, hash: await bcrypt.hash(req.body.password, 12) } });\n  res.status(201).end();\n}\n",
      'pages/api/sessions/[id].ts': "export default async function handler(req: any, res: any) {\n  if (req.method === 'PUT') await db.billableSession.update({ where: { id: String(req.query.id) }, data: { minutes: Number(req.body.minutes) } });\n  res.end();\n}\n",
    },
    errors: [{ file: 'pages/api/auth/signup.ts', line: 2, column: 31, message: /Its auth routes \(`ALL \/api\/auth\/signup`\) are the first target/ }] },
    { name: 'Express: nothing limited (the fix adds express-rate-limit)', files: {
      'package.json': expressPkg,
      'src/server.ts': "import express from 'express';\nimport { authRouter } from './routes/auth';\nimport { projectsRouter } from './routes/projects';\n\nconst app = express();\napp.use(express.json());\napp.use('/auth', authRouter);\napp.use('/projects', projectsRouter);\napp.listen(3000);\n",
      'src/routes/auth.ts': authRoutes,
      'src/routes/projects.ts': projects,
    },
    errors: [{ file: 'src/server.ts', line: 5, column: 13, message: 'No rate limiting in "api" (the Express app): one client can send unlimited requests: brute-force and credential-stuffing logins, sign-up and password-reset email floods, scraping, and load that takes the API (and your database and email bills) down. Its auth routes (`POST /auth/login`, `POST /auth/forgot-password`) are the first target. Add a limiter before the routes: `app.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }))` (express-rate-limit), and a stricter one on login, signup and password reset.', tier: 'ship-stopping' }],
    output: {
      'src/server.ts': "import express from 'express';\nimport { authRouter } from './routes/auth';\nimport { projectsRouter } from './routes/projects';\nimport rateLimit from 'express-rate-limit';\n\nconst app = express();\napp.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }));\napp.use(express.json());\napp.use('/auth', authRouter);\napp.use('/projects', projectsRouter);\napp.listen(3000);\n",
      'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0",\n    "express-rate-limit": "^8.0.0"\n  }\n}\n',
    } },
    { name: 'Express (CommonJS): the fix uses require; express-rate-limit installed but never used', files: {
      'package.json': limitedPkg,
      'app.js': "const express = require('express');\n\nconst app = express();\napp.post('/login', (req, res) => res.json({}));\napp.listen(3000);\n",
    },
    errors: [{ file: 'app.js', line: 3, column: 13, message: /^No rate limiting in "api" \(the Express app\)/ }],
    output: { 'app.js': "const express = require('express');\nconst rateLimit = require('express-rate-limit');\n\nconst app = express();\napp.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }));\napp.post('/login', (req, res) => res.json({}));\napp.listen(3000);\n" } },
    { name: 'Express: a limiter on /api but none on login and signup (one finding per auth route, none for logout)', files: {
      'package.json': limitedPkg,
      'src/server.ts': "import express from 'express';\nimport rateLimit from 'express-rate-limit';\n\nconst app = express();\nconst apiLimiter = rateLimit({ windowMs: 60_000, limit: 100 });\napp.post('/auth/login', (req, res) => res.json({}));\napp.post('/auth/signup', (req, res) => res.status(201).json({}));\napp.post('/auth/logout', (req, res) => res.sendStatus(204));\napp.use('/api', apiLimiter);\napp.get('/api/projects', (req, res) => res.json([]));\napp.listen(3000);\n",
    },
    errors: [
      { line: 6, column: 1, message: "`POST /auth/login` has no rate limit while other routes of this app have one: attackers can try passwords (or trigger sign-up and reset emails) as fast as the server answers. Add a strict limiter to this route (e.g. `rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 })` before the handler)." },
      { line: 7, column: 1, message: /^`POST \/auth\/signup` has no rate limit while other routes/ },
    ] },
    { name: 'Express: sign-up as `POST /users` (hashes a password) left out of the limited routes', files: {
      'package.json': limitedPkg,
      'src/server.ts': "import express from 'express';\nimport rateLimit from 'express-rate-limit';\nimport bcrypt from 'bcryptjs';\nimport { prisma } from './db';\n\nconst app = express();\napp.get('/projects', rateLimit({ limit: 100 }), (req, res) => res.json([]));\napp.post('/users', async (req, res) => {\n  const user = await prisma.user.create({ data: { email: req.body.email, password: await bcrypt.hash(req.body.password, 12) } });\n  res.status(201).json({ id: user.id });\n});\napp.listen(3000);\n",
    },
    errors: [{ line: 8, column: 1, message: /^`POST \/users` has no rate limit/ }] },
    { name: 'Fastify: nothing limited', files: {
      'package.json': pkg({ fastify: '^4.28.0' }),
      'src/app.ts': "import Fastify from 'fastify';\n\nconst app = Fastify({ logger: true });\napp.post('/login', async () => ({}));\nawait app.listen({ port: 3000 });\n",
    },
    errors: [{ line: 3, column: 13, message: /^No rate limiting in "api" \(the Fastify app\): .*Register @fastify\/rate-limit before the routes/ }],
    output: null },
    { name: 'Fastify: a limited plugin, and a login route that opts out with no config of its own', files: {
      'package.json': pkg({ fastify: '^4.28.0', '@fastify/rate-limit': '^9.1.0' }),
      'src/app.ts': "import Fastify from 'fastify';\n\nconst app = Fastify();\napp.get('/search', { config: { rateLimit: { max: 30 } } }, async () => []);\napp.post('/password-reset', async () => ({}));\nawait app.listen({ port: 3000 });\n",
    },
    errors: [{ line: 5, column: 1, message: /^`POST \/password-reset` has no rate limit .* Add `config: \{ rateLimit: \{ max: 10, timeWindow: '15 minutes' \} \}` to this route\.$/ }] },
    { name: 'Koa: nothing limited', files: {
      'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^12.0.0' }),
      'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\n\nconst app = new Koa();\nconst router = new Router();\nrouter.post('/signup', async (ctx) => { ctx.body = {}; });\napp.use(router.routes());\napp.listen(3000);\n",
    },
    errors: [{ line: 4, column: 13, message: /\(the Koa app\).* Add koa-ratelimit/ }] },
    { name: 'Hono: nothing limited', files: {
      'package.json': pkg({ hono: '^4.6.0' }),
      'src/index.ts': "import { Hono } from 'hono';\n\nconst app = new Hono();\napp.post('/api/login', async (c) => c.json({}));\nexport default app;\n",
    },
    errors: [{ line: 3, column: 13, message: /\(the Hono app\).* Add hono-rate-limiter/ }] },
    { name: 'Nest: no throttler (anchored on NestFactory.create in main.ts)', files: {
      'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0' }),
      'src/main.ts': nestMain,
      'src/auth.controller.ts': nestAuth,
    },
    errors: [{ file: 'src/main.ts', line: 5, column: 21, message: /\(the Nest app\).* Add @nestjs\/throttler/ }] },
    { name: 'Next.js: a sign-in server action beside a session middleware (the action is opaque only for auth rules; seen on a real Supabase app)', files: {
      "package.json": "{ \"name\": \"web\", \"dependencies\": { \"next\": \"15.0.0\", \"@supabase/ssr\": \"^0.5.0\", \"@supabase/supabase-js\": \"^2.45.0\" } }\n",
      "src/app/login/actions.ts": "'use server'\nimport { redirect } from 'next/navigation'\nimport { createClient } from '@/lib/server'\nexport async function login(_prev: string | null, formData: FormData) {\n  const supabase = await createClient()\n  const { error } = await supabase.auth.signInWithPassword({ email: String(formData.get('email')), password: String(formData.get('password')) })\n  if (error) return 'Wrong email or password'\n  redirect('/')\n}\n",
      "src/lib/server.ts": "import { cookies } from 'next/headers';\nimport { createServerClient } from '@supabase/ssr';\nexport async function createClient() {\n  const store = await cookies();\n  return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: { getAll: () => store.getAll(), setAll: () => {} } });\n}\n",
      "src/middleware.ts": "import { NextResponse, type NextRequest } from 'next/server';\nimport { createServerClient } from '@supabase/ssr';\nexport async function middleware(request: NextRequest) {\n  const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: { getAll: () => request.cookies.getAll(), setAll: () => {} } });\n  const { data: { user } } = await supabase.auth.getUser();\n  if (!user && !request.nextUrl.pathname.startsWith('/login')) {\n    const url = request.nextUrl.clone(); url.pathname = '/login';\n    return NextResponse.redirect(url);\n  }\n  return NextResponse.next({ request });\n}\nexport const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };\n",
    },
    errors: [{ file: 'src/middleware.ts', line: 3, column: 23, message: /^No rate limiting in "web" \(the Next\.js app\): .*Its auth routes \(the server action `login`\)/ }] },
    { name: 'Next.js: a login route handler with no limiter (anchored on middleware.ts, where a limiter can go)', files: {
      'package.json': pkg({ next: '^15.0.0' }),
      'middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\n\nexport function middleware(req: NextRequest) {\n  return NextResponse.next();\n}\n\nexport const config = { matcher: ['/dashboard/:path*'] };\n",
      'app/api/auth/login/route.ts': nextLogin,
    },
    errors: [{ file: 'middleware.ts', line: 3, column: 17, message: /^No rate limiting in "api" \(the Next\.js app\): .*`POST \/api\/auth\/login`/ }] },
    { name: 'Next.js: a sign-in server action with no limiter (anchored on the action)', files: {
      'package.json': pkg({ next: '^15.0.0' }),
      'app/login/actions.ts': "'use server';\n\nimport { redirect } from 'next/navigation';\nimport { createSession, checkPassword } from '@/lib/session';\n\nexport async function signIn(formData: FormData) {\n  const ok = await checkPassword(String(formData.get('email')), String(formData.get('password')));\n  if (!ok) return { error: 'Invalid credentials' };\n  await createSession();\n  redirect('/dashboard');\n}\n",
    },
    errors: [{ file: 'app/login/actions.ts', line: 6, column: 23, message: /^No rate limiting in "api" \(the Next\.js app\): .*Its auth routes \(the server action `signIn`\)/ }] },
  ],
});
