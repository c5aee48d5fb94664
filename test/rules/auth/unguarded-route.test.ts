import rule from '../../../rules/auth/unguarded-route';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const expressPkg = pkg({ express: '^4.19.2' });
const requireUser = "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  try {\n    req.user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Not signed in' });\n  }\n}\n";
const server = (mounts: string) => `import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { projectsRouter } from './routes/projects';\nimport { adminRouter } from './routes/admin';\nimport { authRouter } from './routes/auth';\n\nconst app = express();\napp.use(express.json());\n${mounts}\napp.listen(3000);\n`;
const projects = "import { Router } from 'express';\nimport { prisma } from '../lib/db';\n\nexport const projectsRouter = Router();\nprojectsRouter.get('/', async (req, res) => res.json(await prisma.project.findMany({ where: { ownerId: req.user.id } })));\nprojectsRouter.post('/', async (req, res) => res.json(await prisma.project.create({ data: { name: req.body.name, ownerId: req.user.id } })));\n";
const admin = "import { Router } from 'express';\nimport { prisma } from '../lib/db';\n\nexport const adminRouter = Router();\nadminRouter.get('/stats', async (req, res) => res.json({ users: await prisma.user.count() }));\nadminRouter.delete('/users/:id', async (req, res) => {\n  await prisma.user.delete({ where: { id: req.params.id } });\n  res.sendStatus(204);\n});\n";
const authRoutes = "import { Router } from 'express';\nimport { prisma } from '../lib/db';\n\nexport const authRouter = Router();\nauthRouter.post('/signup', async (req, res) => res.json(await prisma.user.create({ data: req.body })));\nauthRouter.post('/login', async (req, res) => res.json({}));\nauthRouter.post('/forgot-password', async (req, res) => res.json({}));\nauthRouter.post('/reset-password/:token', async (req, res) => res.json({}));\n";
// A Next.js App Router app whose pages check the session (Auth.js v5) and whose server actions do not
const nextPagesGuarded = (action: string, layout?: string) => ({
  'package.json': pkg({ next: '^14.0.4', 'next-auth': '5.0.0-beta.4', 'drizzle-orm': '^0.29.0' }),
  'src/auth.ts': "import NextAuth from 'next-auth';\nexport const { handlers, auth } = NextAuth({ providers: [] });\n",
  'src/app/(app)/layout.tsx': layout ?? "import { redirect } from 'next/navigation';\nimport { auth } from '@/auth';\n\nexport default async function AppLayout({ children }: { children: React.ReactNode }) {\n  const session = await auth();\n  if (!session) redirect('/signin');\n  return <main>{children}</main>;\n}\n",
  'src/actions/items.ts': action,
});
const deleteItemAction = "'use server';\n\nimport { eq } from 'drizzle-orm';\nimport { db } from '@/db';\nimport { items } from '@/db/schema';\n\nexport async function deleteItem(id: number) {\n  await db.delete(items).where(eq(items.id, id));\n}\n";

const expressApp = (mounts: string, extra: Record<string, string> = {}) => ({
  'package.json': expressPkg,
  'src/server.ts': server(mounts),
  'src/lib/auth.ts': requireUser,
  'src/routes/projects.ts': projects,
  'src/routes/admin.ts': admin,
  'src/routes/auth.ts': authRoutes,
  ...extra,
});

const nestPkg = pkg({ '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0', '@nestjs/passport': '^10.0.0' });
const jwtGuard = "import { Injectable } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n\n@Injectable()\nexport class JwtAuthGuard extends AuthGuard('jwt') {}\n";
const nestController = (deco: string) => [
  "import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';",
  "import { JwtAuthGuard } from '../auth/jwt-auth.guard';",
  "import { Public } from '../auth/public.decorator';",
  '',
  "@Controller('projects')",
  'export class ProjectsController {',
  '  constructor(private readonly projects: ProjectsService) {}',
  '',
  '  @Get()',
  '  list() {',
  '    return this.projects.findAll();',
  '  }',
  '',
  '  @UseGuards(JwtAuthGuard)',
  '  @Post()',
  '  create(@Body() dto: CreateProjectDto) {',
  '    return this.projects.create(dto);',
  '  }',
  '',
  deco,
  "  @Delete(':id')",
  "  remove(@Param('id') id: string) {",
  '    return this.projects.remove(id);',
  '  }',
  '}',
  '',
].join('\n');
const publicDecorator = "import { SetMetadata } from '@nestjs/common';\n\nexport const IS_PUBLIC_KEY = 'isPublic';\nexport const Public = () => SetMetadata(IS_PUBLIC_KEY, true);\n";

const currentUserDecorator = "import { createParamDecorator, type ExecutionContext } from '@nestjs/common';\n\nexport interface SessionUser { id: number; handle: string }\n\nexport const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest().user);\n";
/** A profiles controller: reading a profile takes the signed-in user as `userParam` (optional: auth optional by design); following someone is guarded. */
const profilesController = (userParam: string) => [
  "import { Controller, Get, Param, Post, UseGuards } from '@nestjs/common';",
  "import { JwtAuthGuard } from '../auth/jwt-auth.guard';",
  "import { CurrentUser, type SessionUser } from '../auth/current-user.decorator';",
  "import { ProfilesService } from './profiles.service';",
  '',
  "@Controller('profiles')",
  'export class ProfilesController {',
  '  constructor(private readonly profiles: ProfilesService) {}',
  '',
  "  @Get(':handle')",
  `  show(@Param('handle') handle: string, @CurrentUser() ${userParam}) {`,
  '    return this.profiles.find(handle, viewer?.id);',
  '  }',
  '',
  '  @UseGuards(JwtAuthGuard)',
  "  @Post(':handle/follow')",
  "  follow(@Param('handle') handle: string, @CurrentUser() viewer: SessionUser) {",
  '    return this.profiles.follow(handle, viewer.id);',
  '  }',
  '}',
  '',
].join('\n');
const profilesApp = (userParam: string) => ({
  'package.json': nestPkg,
  'src/auth/jwt-auth.guard.ts': jwtGuard,
  'src/auth/current-user.decorator.ts': currentUserDecorator,
  'src/profiles/profiles.controller.ts': profilesController(userParam),
});

const nextPkg = pkg({ next: '^15.0.0', 'next-auth': '^4.24.0' });
const guardedNextRoute = "import { getServerSession } from 'next-auth';\nimport { authOptions } from '@/lib/auth';\n\nexport async function POST(req: Request) {\n  const session = await getServerSession(authOptions);\n  if (!session) return new Response(null, { status: 401 });\n  const body = await req.json();\n  return Response.json(await prisma.project.create({ data: { ...body, ownerId: session.user.id } }));\n}\n";
const openNextRoute = "export async function DELETE(req: Request, { params }: { params: { id: string } }) {\n  await prisma.project.delete({ where: { id: params.id } });\n  return new Response(null, { status: 204 });\n}\n";

const trpcBase = [
  "import { initTRPC, TRPCError } from '@trpc/server';",
  "import { getServerAuthSession } from '~/server/auth';",
  "import { db } from '~/server/db';",
  '',
  'export const createTRPCContext = async () => ({ db, session: await getServerAuthSession() });',
  'const t = initTRPC.context<typeof createTRPCContext>().create();',
  '',
  'export const createTRPCRouter = t.router;',
  'export const publicProcedure = t.procedure;',
  'export const protectedProcedure = t.procedure.use(({ ctx, next }) => {',
  "  if (!ctx.session?.user) throw new TRPCError({ code: 'UNAUTHORIZED' });",
  '  return next({ ctx: { session: ctx.session } });',
  '});',
  '',
].join('\n');
/** A T3-style Next.js app: the tRPC helpers, a post router (its procedures given), and the root router with an inline auth router. */
const trpcApp = (procedures: string[], rootExtra = '') => ({
  'package.json': pkg({ next: '14.2.0', '@trpc/server': '^11.0.0', '@prisma/client': '^5.14.0', zod: '^3.23.0' }),
  'src/server/api/trpc.ts': trpcBase,
  'src/server/api/routers/post.ts': [
    "import { z } from 'zod';",
    "import { TRPCError } from '@trpc/server';",
    "import { createTRPCRouter, protectedProcedure, publicProcedure } from '~/server/api/trpc';",
    '',
    'export const postRouter = createTRPCRouter({',
    "  latest: publicProcedure.query(({ ctx }) => ctx.db.post.findFirst({ orderBy: { createdAt: 'desc' } })),",
    '  create: protectedProcedure',
    '    .input(z.object({ name: z.string().min(1) }))',
    '    .mutation(({ ctx, input }) => ctx.db.post.create({ data: { name: input.name, authorId: ctx.session.user.id } })),',
    ...procedures,
    '});',
    '',
  ].join('\n'),
  'src/server/api/root.ts': [
    "import { z } from 'zod';",
    "import { hash } from 'bcryptjs';",
    "import { postRouter } from '~/server/api/routers/post';",
    "import { createTRPCRouter, publicProcedure } from '~/server/api/trpc';",
    '',
    'export const appRouter = createTRPCRouter({',
    '  post: postRouter,',
    '  auth: createTRPCRouter({',
    '    register: publicProcedure',
    '      .input(z.object({ email: z.string().email(), password: z.string().min(8) }))',
    '      .mutation(async ({ ctx, input }) => ctx.db.user.create({ data: { email: input.email, password: await hash(input.password, 12) } })),',
    '  }),',
    rootExtra,
    '});',
    '',
  ].join('\n'),
  'src/app/api/trpc/[trpc]/route.ts': "import { fetchRequestHandler } from '@trpc/server/adapters/fetch';\nimport { appRouter } from '~/server/api/root';\nimport { createTRPCContext } from '~/server/api/trpc';\n\nconst handler = (req: Request) => fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext: createTRPCContext });\n\nexport { handler as GET, handler as POST };\n",
});

ruleTester(rule, {
  valid: [
    { name: 'Next.js with no guard anywhere: a person lookup in an app without accounts, and one that checks the session', files: {
      'package.json': pkg({ next: '15.4.1', 'drizzle-orm': '^0.44.2' }),
      'src/db/userService.ts': "'use server';\nimport { eq } from 'drizzle-orm';\nimport { db } from './connection';\nimport { users } from './schema';\n\nexport async function getUserByEmail(email: string) {\n  const [user] = await db.select().from(users).where(eq(users.email, email));\n  return user;\n}\n",
    } },
    { name: 'Next.js with accounts but no guard anywhere: a person lookup that checks the session', files: {
      'package.json': pkg({ next: '15.4.1', 'next-auth': '5.0.0-beta.29', 'drizzle-orm': '^0.44.2' }),
      'src/db/userService.ts': "\"use server\";\nimport { eq } from 'drizzle-orm';\nimport { auth } from '@/auth';\nimport { db } from './connection';\nimport { users } from './schema';\n\nexport async function getUserById(id: string) {\n  const session = await auth();\n  if (!session?.user) throw new Error('Unauthorized');\n  const [user] = await db.select().from(users).where(eq(users.id, id));\n  return user;\n}",
    } },
    { name: 'Express + Supabase: a client with the anon key leaves access to RLS', files: {
        'package.json': pkg({ express: '^4.21.0', '@supabase/supabase-js': '^2.45.0' }),
        'src/supabase.js': "import { createClient } from '@supabase/supabase-js';\nconst key = process.env.SUPABASE_ANON_KEY;\nexport const supabase = createClient(process.env.SUPABASE_URL, key);\n",
        'src/auth.js': "export function authenticate(req, res, next) {\n  if (!req.headers.authorization) return res.status(401).end();\n  next();\n}\n",
        'src/app.js': "import express from 'express';\nimport { supabase } from './supabase.js';\nimport { authenticate } from './auth.js';\nconst app = express();\napp.use(express.json());\napp.get('/api/me', authenticate, async (req, res) => res.json(req.user));\napp.post('/api/orders', async (req, res) => {\n  const { data } = await supabase.from('orders').insert({ item: req.body.item }).select().single();\n  res.json(data);\n});\napp.listen(3000);\n",
      } },
    { name: 'Express: the public price list under /payments (GET /payments/plans, /plans/:id) beside guarded routes (seen on a real Stripe app)', files: expressApp("app.use('/payments', paymentsRouter);", {
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { paymentsRouter } from './routes/payments';\nconst app = express();\napp.use('/payments', paymentsRouter);\napp.listen(3000);\n",
      'src/routes/payments.ts': "import { Router } from 'express';\nimport { requireUser } from '../lib/auth';\nimport { Plan, Payment } from '../models';\nexport const paymentsRouter = Router();\npaymentsRouter.get('/plans', async (req, res) => res.json(await Plan.find({ active: true })));\npaymentsRouter.get('/plans/:id', async (req, res) => res.json(await Plan.findById(req.params.id)));\npaymentsRouter.get('/history', requireUser, async (req, res) => res.json(await Payment.find({ user: req.user.id })));\n",
    }) },
    { name: 'Express: the OTP steps of a password reset mounted under a camel-case word (/api/userReset/verify-otp), beside guarded routes (seen on a real Express + pg CRM)', files: expressApp("app.use('/projects', requireUser, projectsRouter);", {
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { projectsRouter } from './routes/projects';\nimport { resetRouter } from './routes/reset';\nconst app = express();\napp.use('/projects', requireUser, projectsRouter);\napp.use('/api/userReset', resetRouter);\napp.use('/api/adminReset', resetRouter);\napp.listen(3000);\n",
      'src/routes/reset.ts': "import { Router } from 'express';\nimport { pool } from '../db';\nexport const resetRouter = Router();\nresetRouter.post('/send-otp', async (req, res) => { await pool.query('UPDATE users SET otp = $1 WHERE email = $2', [req.body.otp, req.body.email]); res.end(); });\nresetRouter.post('/verify-otp', async (req, res) => { await pool.query('UPDATE users SET otp_verified = true WHERE email = $1', [req.body.email]); res.end(); });\n",
    }) },
    { name: 'Next.js: pages check the session, and so does the server action', files: nextPagesGuarded("'use server';\n\nimport { eq } from 'drizzle-orm';\nimport { auth } from '@/auth';\nimport { db } from '@/db';\nimport { items } from '@/db/schema';\n\nexport async function deleteItem(id: number) {\n  const session = await auth();\n  if (!session?.user) throw new Error('Unauthorized');\n  await db.delete(items).where(eq(items.id, id));\n}\n") },
    { name: 'Next.js: a layout that reads the session without turning anyone away is no evidence', files: nextPagesGuarded(deleteItemAction, "import { auth } from '@/auth';\n\nexport default async function AppLayout({ children }: { children: React.ReactNode }) {\n  const session = await auth();\n  return <main data-user={session?.user?.name}>{children}</main>;\n}\n") },
    { name: 'Next.js: sign-up flow actions stay quiet beside guarded pages (email verification, resend)', files: nextPagesGuarded("'use server';\n\nimport { eq } from 'drizzle-orm';\nimport { db } from '@/db';\nimport { users } from '@/db/schema';\n\nexport async function markEmailAsVerified(token: string) {\n  await db.update(users).set({ emailVerified: new Date() }).where(eq(users.emailVerificationToken, token));\n}\nexport async function resendEmailVerificationLink(email: string) {\n  await db.update(users).set({ emailVerificationToken: crypto.randomUUID() }).where(eq(users.email, email));\n}\n") },
    {
      name: 'Next.js pages API: a session check before the method branches guards every method; a public GET branch next to a guarded POST',
      files: {
        'package.json': nextPkg,
        'pages/api/posts/[id].ts': "import { getServerSession } from 'next-auth/next';\nimport { authOptions } from '../auth/[...nextauth]';\nimport { prisma } from '../../../lib/prisma';\n\nexport default async function handler(req, res) {\n  const session = await getServerSession(req, res, authOptions);\n  if (!session) return res.status(401).end();\n  const id = String(req.query.id);\n  if (req.method === 'GET') return res.json(await prisma.post.findUnique({ where: { id, authorId: session.user.id } }));\n  if (req.method === 'PUT' || req.method === 'PATCH') return res.json(await prisma.post.update({ where: { id, authorId: session.user.id }, data: { title: req.body.title } }));\n  if (req.method === 'DELETE') { await prisma.post.delete({ where: { id, authorId: session.user.id } }); return res.status(204).end(); }\n  res.status(405).end();\n}\n",
        'pages/api/posts/index.ts': "import { getServerSession } from 'next-auth/next';\nimport { authOptions } from '../auth/[...nextauth]';\nimport { prisma } from '../../../lib/prisma';\n\nexport default async function handler(req, res) {\n  if (req.method === 'GET') {\n    return res.json(await prisma.post.findMany({ where: { published: true } }));\n  } else if (req.method === 'POST') {\n    const session = await getServerSession(req, res, authOptions);\n    if (!session) return res.status(401).json({ error: 'Sign in' });\n    return res.status(201).json(await prisma.post.create({ data: { title: req.body.title, authorId: session.user.id } }));\n  }\n  res.status(405).end();\n}\n",
      },
    },
    // 401 answers that end the request: returned, followed by a return, in an else-less branch at the end, in if/else, or in a catch that is last
    {
      name: 'middleware whose 401 answers all stop the request (quiet)',
      files: expressApp("app.use('/projects', requireUser, projectsRouter);\napp.use('/admin', requireUser, adminRouter);\napp.use('/auth', authRouter);", {
        'src/lib/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  const token = req.headers.authorization;\n  if (!token) {\n    res.status(401).json({ error: 'Not signed in' });\n    return;\n  }\n  let user;\n  try {\n    user = jwt.verify(token, process.env.JWT_SECRET!);\n  } catch (err) {\n    console.error(err);\n    res.status(401);\n    res.json({ error: 'Invalid token' });\n    return;\n  }\n  if (!user) { res.status(401).end() } else { req.user = user; next(); }\n}\n",
        'src/routes/admin.ts': "import { Router } from 'express';\nimport { prisma } from '../lib/db';\n\nexport const adminRouter = Router();\nadminRouter.get('/stats', (req, res, next) => {\n  if (!req.user) res.status(401).json({ msg: 'No token' });\n  else next();\n}, async (req, res) => res.json({ users: await prisma.user.count() }));\n",
      }),
    },
    {
      name: 'Koa: ctx.throw(401) without a return, then next() (it throws: quiet)',
      files: {
        'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^12.0.0' }),
        'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\n\nconst app = new Koa();\nconst router = new Router();\nasync function requireUser(ctx, next) {\n  if (!ctx.state.user) ctx.throw(401, 'Not signed in');\n  await next();\n}\nrouter.post('/articles', requireUser, async (ctx) => {\n  ctx.body = await db.article.create({ data: ctx.request.body });\n});\nrouter.delete('/articles/:id', requireUser, async (ctx) => {\n  await db.article.delete({ where: { id: ctx.params.id } });\n  ctx.status = 204;\n});\napp.use(router.routes());\napp.listen(3000);\n",
      },
    },
    {
      name: 'a 401 followed only by logging, by a test of what happened, or by a bare return (quiet)',
      files: expressApp("app.use('/projects', requireUser, projectsRouter);", {
        'src/lib/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  let user;\n  try {\n    user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!);\n  } catch {\n    res.status(401).json({ error: 'Not signed in' });\n  }\n  logger.info('auth checked');\n  if (user) { req.user = user; next(); }\n}\n",
      }),
    },
    { name: 'Express: a guarded route mounted under an authenticated prefix, the route defined in another file', files: expressApp("app.use('/auth', authRouter);\napp.use('/projects', requireUser, projectsRouter);\napp.use('/admin', requireUser, adminRouter);") },
    { name: 'Express: app-level auth middleware before the routers; the auth routes registered before it stay open on purpose', files: expressApp("app.use('/auth', authRouter);\napp.use(requireUser);\napp.use('/projects', projectsRouter);\napp.use('/admin', adminRouter);") },
    { name: 'Express: an app that guards nothing at all (a different problem, not this rule)', files: expressApp("app.use('/auth', authRouter);\napp.use('/projects', projectsRouter);\napp.use('/admin', adminRouter);") },
    { name: 'Express: public GETs next to guarded writes', files: {
      'package.json': expressPkg,
      'src/lib/auth.ts': requireUser,
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nconst app = express();\napp.get('/posts', (req, res) => res.json([]));\napp.get('/posts/:slug', (req, res) => res.json({}));\napp.post('/posts', requireUser, (req, res) => res.json({}));\napp.get('/healthz', (req, res) => res.json({ ok: true }));\napp.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => res.sendStatus(200));\napp.post('/newsletter/subscribe', (req, res) => res.sendStatus(204));\n// a newsletter's subscribers, added and removed by the visitor (seen on a real Express app)\napp.post('/v1/subscribers', async (req, res) => res.json(await db.subscriber.create({ data: { email: req.body.email } })));\napp.delete('/v1/subscribers', async (req, res) => res.json(await db.subscriber.delete({ where: { email: req.body.email } })));\n",
    } },
    { name: 'Express: an in-handler check counts as a guard', files: expressApp("app.use('/auth', authRouter);\napp.use('/projects', requireUser, projectsRouter);\napp.use('/admin', adminRouter);", {
      'src/routes/admin.ts': "import { Router } from 'express';\n\nexport const adminRouter = Router();\nadminRouter.delete('/users/:id', async (req, res) => {\n  if (!req.session?.userId) return res.sendStatus(401);\n  res.sendStatus(204);\n});\n",
    }) },
    { name: 'Express: middleware from a spread we cannot see, and a router we never see mounted', files: {
      'package.json': expressPkg,
      'src/lib/auth.ts': requireUser,
      'src/routes.ts': "import { Router } from 'express';\nimport { requireUser } from './lib/auth';\nimport { policies } from '@acme/policies';\nexport const router = Router();\nrouter.post('/a', requireUser, (req, res) => res.end());\nrouter.post('/b', ...policies, (req, res) => res.end());\n",
      'src/plugins/orphan.ts': "import { Router } from 'express';\nexport const orphan = Router();\norphan.delete('/things/:id', (req, res) => res.end());\n",
      'src/server.ts': "import express from 'express';\nimport { router } from './routes';\nconst app = express();\napp.use(router);\n",
    } },
    { name: "Express: app.all('*', requireUser) before the routes, CommonJS", files: {
      'package.json': expressPkg,
      'middleware/auth.js': "const jwt = require('jsonwebtoken');\nmodule.exports = function auth(req, res, next) {\n  try { req.user = jwt.verify(req.get('authorization'), process.env.SECRET); next(); } catch (e) { res.status(401).end(); }\n};\n",
      'app.js': "const express = require('express');\nconst auth = require('./middleware/auth');\nconst app = express();\napp.post('/login', (req, res) => res.end());\napp.all('*', auth);\napp.post('/notes', (req, res) => res.end());\napp.delete('/notes/:id', (req, res) => res.end());\n",
    } },
    { name: 'Express: the only check in the app is a cron secret (not user auth): public POSTs stay quiet', files: {
      'package.json': expressPkg,
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.post('/links', async (req, res) => res.json(await db.link.create({ data: { url: req.body.url } })));\napp.post('/cron/expire', (req, res) => {\n  if (req.headers.authorization !== `Bearer ${process.env.CRON_SECRET}`) return res.sendStatus(401);\n  res.sendStatus(204);\n});\n",
    } },
    { name: 'Express: routes in test files are not the app', files: {
      'package.json': expressPkg,
      'src/lib/auth.ts': requireUser,
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nconst app = express();\napp.post('/notes', requireUser, (req, res) => res.end());\n",
      'src/__tests__/server.test.ts': "import express from 'express';\nconst app = express();\napp.post('/notes', (req, res) => res.end());\n",
    } },
    { name: 'Fastify: an onRequest hook in the plugin guards every route of it', files: {
      'package.json': pkg({ fastify: '^5.0.0' }),
      'src/server.ts': "import Fastify from 'fastify';\nimport projects from './routes/projects';\nconst app = Fastify();\napp.register(projects, { prefix: '/projects' });\napp.get('/healthz', async () => ({ ok: true }));\n",
      'src/routes/projects.ts': "import type { FastifyInstance } from 'fastify';\nexport default async function projects(app: FastifyInstance) {\n  app.post('/', async (req) => db.project.create({ data: req.body }));\n  app.delete('/:id', async (req) => db.project.delete({ where: { id: req.params.id } }));\n  app.addHook('onRequest', async (req, reply) => {\n    await req.jwtVerify();\n  });\n}\n",
    } },
    { name: 'Koa: routes after router.use(jwt) are guarded; login before it is open', files: {
      'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^12.0.0', 'koa-jwt': '^4.0.0' }),
      'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\nimport jwt from 'koa-jwt';\nconst app = new Koa();\nconst router = new Router({ prefix: '/api' });\nrouter.post('/login', async (ctx) => { ctx.body = {}; });\nrouter.use(jwt({ secret: process.env.JWT_SECRET! }));\nrouter.post('/notes', async (ctx) => { ctx.body = ctx.request.body; });\nrouter.delete('/notes/:id', async (ctx) => { ctx.status = 204; });\napp.use(router.routes());\n",
    } },
    { name: 'NestJS: a global APP_GUARD guards everything; an explicit @Public() is a decision', files: {
      'package.json': nestPkg,
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { JwtAuthGuard } from './auth/jwt-auth.guard';\n@Module({ providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] })\nexport class AppModule {}\n",
      'src/auth/jwt-auth.guard.ts': jwtGuard,
      'src/auth/public.decorator.ts': publicDecorator,
      'src/projects/projects.controller.ts': nestController('  @Public()'),
    } },
    { name: 'NestJS: the guard on the controller class', files: {
      'package.json': nestPkg,
      'src/auth/jwt-auth.guard.ts': jwtGuard,
      'src/auth/public.decorator.ts': publicDecorator,
      'src/projects/projects.controller.ts': nestController('').replace("@Controller('projects')", "@Controller('projects')\n@UseGuards(JwtAuthGuard)"),
    } },
    { name: 'NestJS: a read whose handler takes the signed-in user as optional (`user?:`) serves anonymous readers by design', files: profilesApp('viewer?: SessionUser') },
    { name: 'NestJS: the same with the user typed `| undefined`', files: profilesApp('viewer: SessionUser | undefined') },
    { name: 'Next.js: the middleware matcher covers the route', files: {
      'package.json': nextPkg,
      'src/app/api/projects/route.ts': guardedNextRoute,
      'src/app/api/projects/[id]/route.ts': openNextRoute,
      'src/middleware.ts': "export { default } from 'next-auth/middleware';\nexport const config = { matcher: ['/dashboard/:path*', '/api/projects/:path*'] };\n",
    } },
    { name: 'Next.js: an in-handler check through a helper of the app (@/ alias)', files: {
      'package.json': nextPkg,
      'src/lib/session.ts': "import { getServerSession } from 'next-auth';\nimport { authOptions } from './auth';\nexport async function requireSession() {\n  const s = await getServerSession(authOptions);\n  if (!s) throw new Response(null, { status: 401 });\n  return s;\n}\n",
      'src/app/api/projects/route.ts': guardedNextRoute,
      'src/app/api/projects/[id]/route.ts': "import { requireSession } from '@/lib/session';\n" + openNextRoute.replace('{\n  await prisma', '{\n  await requireSession();\n  await prisma'),
      'src/app/api/auth/[...nextauth]/route.ts': "import NextAuth from 'next-auth';\nimport { authOptions } from '@/lib/auth';\nconst handler = NextAuth(authOptions);\nexport { handler as GET, handler as POST };\n",
    } },
    { name: 'Next.js: Clerk protects every route but the public ones', files: {
      'package.json': pkg({ next: '^15.0.0', '@clerk/nextjs': '^6.0.0' }),
      'middleware.ts': "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublicRoute = createRouteMatcher(['/', '/sign-in(.*)', '/api/webhooks(.*)']);\nexport default clerkMiddleware(async (auth, request) => {\n  if (!isPublicRoute(request)) await auth.protect();\n});\nexport const config = { matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js|png|svg|ico)).*)', '/(api|trpc)(.*)'] };\n",
      'app/api/projects/route.ts': "import { auth } from '@clerk/nextjs/server';\nexport async function POST() {\n  const { userId } = await auth();\n  return Response.json({ userId });\n}\n",
      'app/api/projects/[id]/route.ts': openNextRoute,
      'app/api/webhooks/clerk/route.ts': 'export async function POST(req: Request) { return new Response(null); }\n',
    } },
    { name: 'Next.js: a server action in a page folder the middleware matcher covers', files: {
      'package.json': nextPkg,
      'src/middleware.ts': "import { NextResponse } from 'next/server';\nimport { verifySession } from './lib/session';\nexport async function middleware(req) {\n  if (!(await verifySession(req.cookies.get('session')?.value))) return NextResponse.redirect(new URL('/login', req.url));\n  return NextResponse.next();\n}\nexport const config = { matcher: ['/admin/:path*'] };\n",
      'src/lib/session.ts': "import { jwtVerify } from 'jose';\nexport async function verifySession(token?: string) {\n  if (!token) return null;\n  try { return (await jwtVerify(token, new TextEncoder().encode(process.env.AUTH_SECRET))).payload; } catch { return null; }\n}\n",
      'src/app/api/admin/upload/route.ts': "import { auth } from '@/auth';\nexport async function POST(req: Request) {\n  const session = await auth();\n  if (!session || session.user.role !== 'admin') return Response.json({ error: 'Unauthorized' }, { status: 401 });\n  await db.insert(uploads).values({ name: 'x' });\n  return Response.json({ ok: true });\n}\n",
      'src/app/admin/courses/actions.ts': "'use server';\nexport async function deleteCourse(id: string) {\n  await db.delete(courses).where(eq(courses.id, id));\n}\n",
    } },
    { name: 'Next.js: a server action when the middleware covers every page', files: {
      'package.json': nextPkg,
      'src/middleware.ts': "import { NextResponse } from 'next/server';\nimport { verifySession } from './lib/session';\nexport async function middleware(req) {\n  if (!(await verifySession(req.cookies.get('session')?.value))) return NextResponse.redirect(new URL('/login', req.url));\n  return NextResponse.next();\n}\nexport const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };\n",
      'src/lib/session.ts': "import { jwtVerify } from 'jose';\nexport async function verifySession(token?: string) {\n  if (!token) return null;\n  try { return (await jwtVerify(token, new TextEncoder().encode(process.env.AUTH_SECRET))).payload; } catch { return null; }\n}\n",
      'src/app/api/admin/upload/route.ts': "import { auth } from '@/auth';\nexport async function POST(req: Request) {\n  const session = await auth();\n  if (!session || session.user.role !== 'admin') return Response.json({ error: 'Unauthorized' }, { status: 401 });\n  await db.insert(uploads).values({ name: 'x' });\n  return Response.json({ ok: true });\n}\n",
      'src/lib/admin-actions.ts': "'use server';\nexport async function deleteCourse(id: string) {\n  await db.delete(courses).where(eq(courses.id, id));\n}\n",
    } },
    { name: 'Next.js: server actions that check the session, and a sign-in action', files: {
      'package.json': nextPkg,
      'src/app/actions.ts': "'use server';\nimport { auth } from '@/auth';\nexport async function createNote(formData: FormData) {\n  const session = await auth();\n  if (!session?.user) throw new Error('Unauthorized');\n  await db.note.create({ data: { text: String(formData.get('text')), userId: session.user.id } });\n}\nexport async function signUp(formData: FormData) {\n  await db.user.create({ data: { email: String(formData.get('email')) } });\n}\n",
    } },
    { name: 'Firebase: callables that check request.auth, a public HTTP function that reads', files: {
      'functions/package.json': pkg({ 'firebase-admin': '^12.0.0', 'firebase-functions': '^5.0.0' }),
      'functions/src/index.ts': "import { onCall, onRequest, HttpsError } from 'firebase-functions/v2/https';\nimport { getFirestore } from 'firebase-admin/firestore';\nconst db = getFirestore();\nexport const createOrganization = onCall(async (request) => {\n  if (!request.auth) throw new HttpsError('unauthenticated', 'Sign in first');\n  return db.collection('organizations').add({ name: String(request.data.name), owner: request.auth.uid });\n});\n" + "export const sitemap = onRequest(async (req, res) => { res.send(await db.collection('pages').get()); });\n",
    } },
    { name: 'NestJS: a guard of the app whose check the scan does not recognise (returns req.currentUser) keeps the route quiet (seen on a real NestJS app)', files: {
      'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0', '@nestjs/passport': '^10.0.0' }),
      'src/guards/user.guard.ts': "import { CanActivate, ExecutionContext } from '@nestjs/common';\nexport class UserGuard implements CanActivate {\n  canActivate(context: ExecutionContext) {\n    const req = context.switchToHttp().getRequest();\n    return req.currentUser;\n  }\n}\n",
      'src/cart/cart.controller.ts': "import { Body, Controller, Post, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\nimport { UserGuard } from '../guards/user.guard';\n@Controller('cart')\nexport class CartController {\n  constructor(private readonly carts: CartService) {}\n  @UseGuards(UserGuard)\n  @Post()\n  add(@Body() body: AddDto) {\n    return this.carts.create(body);\n  }\n  @UseGuards(AuthGuard('jwt'))\n  @Post('checkout')\n  checkout(@Body() body: CheckoutDto) {\n    return this.carts.checkout(body);\n  }\n}\n",
      'src/cart/cart.service.ts': "export class CartService {\n  create(body) { return this.cartModel.create(body); }\n  checkout(body) { return this.orderModel.create(body); }\n}\n",
    } },
    { name: 'GraphQL: every mutation checks the user from the context; a public query and a sign-in mutation', files: {
      'package.json': pkg({ '@apollo/server': '^4.10.0', graphql: '^16.8.0' }),
      'src/resolvers.ts': "import { GraphQLError } from 'graphql';\nconst requireUser = (ctx) => { if (!ctx.user) throw new GraphQLError('Not signed in', { extensions: { code: 'UNAUTHENTICATED' } }); return ctx.user; };\nexport const resolvers = {\n  Query: { posts: () => db.post.findMany() },\n  Mutation: {\n    createPost: (_, args, ctx) => db.post.create({ data: { title: args.title, authorId: requireUser(ctx).id } }),\n    deletePost: async (_, args, ctx) => {\n      if (!ctx.user) throw new GraphQLError('Not signed in', { extensions: { code: 'UNAUTHENTICATED' } });\n      return db.post.delete({ where: { id: args.id, authorId: ctx.user.id } });\n    },\n    login: async (_, { email, password }) => issueToken(await verifyPassword(email, password)),\n  },\n};\n",
    } },
    { name: 'a public profile read by username, next to guarded routes (seen on a real Koa app)', files: {
      'package.json': expressPkg,
      'src/lib/auth.ts': requireUser,
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nconst app = express();\napp.get('/profiles/:username', async (req, res) => res.json(await db.user.findUnique({ where: { username: req.params.username }, select: { username: true, bio: true } })));\napp.post('/profiles/:username/follow', requireUser, async (req, res) => res.json(await db.follow.create({ data: { from: req.user.id, to: req.params.username } })));\n",
    } },
    { name: 'Express: sign-up as POST /users (hashes the password), next to guarded routes', files: {
      'package.json': expressPkg,
      'src/lib/auth.ts': requireUser,
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { createAccount } from './accounts';\nconst app = express();\napp.post('/users', async (req, res) => res.json(await createAccount(req.body)));\napp.put('/user', requireUser, (req, res) => res.end());\n",
      'src/accounts.ts': "import bcrypt from 'bcryptjs';\nexport async function createAccount(body: { email: string; password: string }) {\n  return db.user.create({ data: { email: body.email, password: await bcrypt.hash(body.password, 12) } });\n}\n",
    } },
    { name: 'Next.js + Supabase: writes through the user-scoped client are left to RLS (data/rls-disabled checks it)', files: {
      'package.json': pkg({ next: '^15.0.0', '@supabase/ssr': '^0.5.0' }),
      'app/api/account/route.ts': "import { createClient } from '@/utils/supabase/server';\nexport async function PATCH(req: Request) {\n  const supabase = await createClient();\n  const { data: { user } } = await supabase.auth.getUser();\n  if (!user) return new Response(null, { status: 401 });\n  await supabase.from('profiles').update(await req.json()).eq('id', user.id);\n  return Response.json({});\n}\n",
      'app/api/notes/route.ts': "import { createClient } from '@/utils/supabase/server';\nexport async function POST(req: Request) {\n  const supabase = await createClient();\n  await supabase.from('notes').insert(await req.json());\n  return Response.json({});\n}\n",
    } },
    { name: 'Express: a public search sent as POST (filters in the body) that writes nothing, next to guarded routes', files: expressApp("app.use('/auth', authRouter);\napp.post('/products/search', async (req, res) => res.json(await prisma.product.findMany({ where: { name: { contains: String(req.body.q) } } })));\napp.use('/projects', requireUser, projectsRouter);\napp.use('/admin', requireUser, adminRouter);") },
    { name: 'tRPC: writes built on protectedProcedure, a public read, and a public sign-up mutation', files: trpcApp([]) },
    { name: 'tRPC: a public profile read by username (public profiles by design)', files: trpcApp([], "  user: createTRPCRouter({ byUsername: publicProcedure.input(z.string()).query(({ ctx, input }) => ctx.db.user.findUnique({ where: { username: input }, select: { username: true, image: true } })) }),") },
    { name: 'tRPC: a public mutation that checks the session in its resolver', files: trpcApp([
      '  remove: publicProcedure.input(z.object({ id: z.number() })).mutation(async ({ ctx, input }) => {',
      "    if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED' });",
      '    await ctx.db.post.delete({ where: { id: input.id, authorId: ctx.session.user.id } });',
      '  }),',
    ]) },
    { name: 'tRPC: a public mutation that writes nothing (it sends a message)', files: trpcApp([
      '  share: publicProcedure.input(z.object({ to: z.string().email() })).mutation(({ input }) => sendShareEmail(input.to)),',
    ]) },
    { name: 'Hono: /admin/* behind jwt, public reads outside', files: {
      'package.json': pkg({ hono: '^4.6.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nimport { jwt } from 'hono/jwt';\nimport admin from './admin';\nconst app = new Hono();\napp.get('/posts', (c) => c.json([]));\napp.use('/admin/*', jwt({ secret: process.env.JWT_SECRET! }));\napp.route('/admin', admin);\nexport default app;\n",
      'src/admin.ts': "import { Hono } from 'hono';\nconst admin = new Hono();\nadmin.delete('/posts/:id', async (c) => c.body(null, 204));\nexport default admin;\n",
    } },
  ],
  invalid: [
    {
      name: 'Koa: koa-router\'s allowedMethods() is no guard, whatever the router is called (authRouter): the advice names the real one (seen on a real Koa API)',
      files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"koa\":\"^2.15.0\",\"koa-router\":\"^12.0.0\",\"jsonwebtoken\":\"^9.0.0\"}}", "src/middleware/auth.js": "import jwt from 'jsonwebtoken';\nexport const isUser = async (ctx, next) => {\n  const token = ctx.headers.authorization;\n  if (!token) ctx.throw(401, 'Not signed in');\n  ctx.state.user = jwt.verify(token, process.env.JWT_SECRET);\n  await next();\n};\n", "src/routes/auth.js": "import Router from 'koa-router';\nimport * as auth from '../middleware/auth';\nconst router = new Router();\nrouter.post('/api/user/update-password', auth.isUser, async (ctx) => { await ctx.db.user.update(ctx.request.body); ctx.body = {}; });\nrouter.delete('/api/user/:id', auth.isUser, async (ctx) => { await ctx.db.user.delete(ctx.params.id); ctx.body = {}; });\nexport default router;\n", "src/routes/support.js": "import Router from 'koa-router';\nconst router = new Router();\nrouter.post('/api/support', async (ctx) => { await ctx.db.ticket.create(ctx.request.body); ctx.body = {}; });\nexport default router;\n", "src/index.js": "import Koa from 'koa';\nimport authRouter from './routes/auth';\nimport supportRouter from './routes/support';\nconst app = new Koa();\napp.use(authRouter.routes());\napp.use(authRouter.allowedMethods());\napp.use(supportRouter.routes());\napp.use(supportRouter.allowedMethods());\napp.listen(8000);\n"},
      errors: [{ file: 'src/routes/support.js', line: 3, column: 1, message: /Other routes of this app are protected with `auth\.isUser`: add it to this route/ }],
    },
    {
      name: 'Next.js: an open server action among actions that all check the ADMIN role: the advice says so (seen on a real Next.js barbershop whose payment credentials anyone could replace)',
      files: {"package.json": "{\"name\":\"web\",\"dependencies\":{\"next\":\"14.2.0\",\"next-auth\":\"^4.24.0\",\"@prisma/client\":\"^5.0.0\"}}", "app/_actions/update-service.ts": "'use server';\nimport { getServerSession } from 'next-auth';\nimport { authOptions } from '@/app/_lib/auth';\nimport { db } from '@/app/_lib/prisma';\nexport const updateService = async (data: { id: string; name: string }) => {\n  const session = await getServerSession(authOptions);\n  if ((session?.user as any)?.role !== 'ADMIN') throw new Error('N\u00e3o autorizado');\n  await db.service.update({ where: { id: data.id }, data: { name: data.name } });\n};\n", "app/_actions/update-product.ts": "'use server';\nimport { getServerSession } from 'next-auth';\nimport { authOptions } from '@/app/_lib/auth';\nimport { db } from '@/app/_lib/prisma';\nexport const updateProduct = async (data: { id: string; name: string }) => {\n  const session = await getServerSession(authOptions);\n  if ((session?.user as any)?.role !== 'ADMIN') throw new Error('N\u00e3o autorizado');\n  await db.product.update({ where: { id: data.id }, data: { name: data.name } });\n};\n", "app/_actions/update-barber.ts": "'use server';\nimport { getServerSession } from 'next-auth';\nimport { authOptions } from '@/app/_lib/auth';\nimport { db } from '@/app/_lib/prisma';\nexport const updateBarber = async (data: { id: string; name: string }) => {\n  const session = await getServerSession(authOptions);\n  if ((session?.user as any)?.role !== 'ADMIN') throw new Error('N\u00e3o autorizado');\n  await db.barber.update({ where: { id: data.id }, data: { name: data.name } });\n};\n", "app/_actions/upsert-bank-credential.ts": "'use server';\nimport { db } from '@/app/_lib/prisma';\nexport const upsertBankCredential = async (params: { bankId: string; clientSecret: string }) => {\n  await db.bankCredential.upsert({ where: { bankId: params.bankId }, update: { clientSecret: params.clientSecret }, create: { bankId: params.bankId, clientSecret: params.clientSecret } });\n};\n"},
      errors: [{ file: 'app/_actions/upsert-bank-credential.ts', line: 3, column: 14, message: /has no auth check: anyone who finds it can change data without signing in\. Other code of this app checks the session with `getServerSession\(\)`: do the same at the start of the action \(server actions are public POST endpoints\)\. Most of them also check a role \(a check of `\.role`\): check it here too if only staff may call this\.$/ }],
    },
    {
      name: 'tRPC: an open write in an app whose admin panel builds most procedures on adminProcedure: the advice names the signed-in guard, not the admin one (seen on a real T3 shop)',
      files: {
        'package.json': pkg({ next: '13.4.0', '@trpc/server': '^10.0.0', '@prisma/client': '^4.14.0', zod: '^3.21.0', 'next-auth': '^4.22.0' }),
        'src/server/api/trpc.ts': trpcBase + "export const adminProcedure = t.procedure.use(({ ctx, next }) => {\n  if (ctx.session?.user.role !== 'ADMIN') throw new TRPCError({ code: 'FORBIDDEN' });\n  return next();\n});\n",
        'src/server/api/root.ts': "import { z } from 'zod';\nimport { adminProcedure, createTRPCRouter, protectedProcedure, publicProcedure } from '~/server/api/trpc';\nexport const appRouter = createTRPCRouter({\n  products: createTRPCRouter({\n    add: adminProcedure.input(z.object({ name: z.string() })).mutation(({ ctx, input }) => ctx.db.product.create({ data: input })),\n    edit: adminProcedure.input(z.object({ id: z.string(), name: z.string() })).mutation(({ ctx, input }) => ctx.db.product.update({ where: { id: input.id }, data: { name: input.name } })),\n    remove: adminProcedure.input(z.string()).mutation(({ ctx, input }) => ctx.db.product.delete({ where: { id: input } })),\n  }),\n  user: createTRPCRouter({\n    wish: protectedProcedure.input(z.string()).mutation(({ ctx, input }) => ctx.db.wish.create({ data: { productId: input, userId: ctx.session.user.id } })),\n  }),\n  orders: createTRPCRouter({\n    updateOrderStatus: publicProcedure.input(z.object({ id: z.string(), status: z.string() })).mutation(({ ctx, input }) => ctx.db.order.update({ where: { id: input.id }, data: { status: input.status } })),\n  }),\n});\n",
      },
      errors: [{ file: 'src/server/api/root.ts', line: 13, column: 5, message: /^The tRPC mutation `orders\.updateOrderStatus` has no auth check: anyone who finds it can change data without signing in\. Other procedures of this app are built on `protectedProcedure`: build this one on it too/ }],
    },
    {
      name: 'Express (CommonJS): routes mounted by a function the app is handed (`routes(app)`), handlers on a controller object filled member by member; PUT /users rewrites any account (its password hashed anew) and is no sign-up; POST /users may be sign-up and stays quiet (seen on a real Express + Sequelize API)',
      files: {
        'package.json': pkg({ express: '^4.17.2', bcrypt: '^5.0.1', jsonwebtoken: '^8.5.1', sequelize: '^6.13.0' }),
        'src/app.js': "const express = require('express');\nconst app = express();\napp.use(express.json());\nconst routes = require('./routes');\nroutes(app);\napp.listen(4000);\nmodule.exports = app;\n",
        'src/routes/index.js': "const userRoutes = require('./userRoutes');\nconst productRoutes = require('./productRoutes');\nmodule.exports = app => {\n  app.use('/users', userRoutes);\n  app.use('/products', productRoutes);\n};\n",
        'src/routes/userRoutes.js': "const express = require('express');\nconst router = express.Router();\nconst userController = require('../controllers').userController;\nrouter.post('/', userController.post);\nrouter.put('/', userController.update);\nmodule.exports = router;\n",
        'src/routes/productRoutes.js': "const express = require('express');\nconst router = express.Router();\nconst { verifyToken } = require('../middlewares/authentication');\nconst productsController = require('../controllers').productsController;\nrouter.post('/', verifyToken, productsController.post);\nmodule.exports = router;\n",
        'src/middlewares/authentication.js': "const jwt = require('jsonwebtoken');\nconst verifyToken = (req, res, next) => {\n  const token = req.headers['authorization'];\n  if (!token) return res.status(401).send({ message: 'No token' });\n  jwt.verify(token, process.env.SECRETKEY, (err) => { if (err) return res.status(401).send({ message: 'Unauthorized' }); next(); });\n};\nmodule.exports = { verifyToken };\n",
        'src/controllers/index.js': "const userController = require('./users/userController');\nconst productsController = require('./products/productsController');\nmodule.exports = {\n  userController,\n  productsController\n}\n",
        'src/controllers/users/userController.js': "const User = require('../../models').Users;\nconst bcrypt = require('bcrypt');\nuserController = {};\n\nuserController.post = async (req, res) => {\n  const { name, password, email } = req.body;\n  await User.create({ name, password: await bcrypt.hash(password, 12), email });\n  return res.status(200).json({ message: 'successful' });\n};\n\nuserController.update = async (req, res) => {\n  const { nit, password, email } = req.body;\n  const access = await bcrypt.hash(password, 12);\n  await User.update({ password: access, email }, { where: { nit } });\n  return res.status(200).json({ message: 'successful' });\n};\n\nmodule.exports = userController;\n",
        'src/controllers/products/productsController.js': "const Products = require('../../models').Products;\nconst productsController = {};\nproductsController.post = async (req, res) => {\n  await Products.create({ name: req.body.name });\n  res.status(201).end();\n};\nmodule.exports = productsController;\n",
      },
      errors: [{ file: 'src/routes/userRoutes.js', line: 5, column: 1, message: /^`PUT \/users` has no auth check: anyone who finds it can change data without signing in\. Other routes of this app are protected with `verifyToken`/ }],
    },
    {
      name: 'Express: POST /api/admin/register creates an admin account with no auth check, beside guarded routes; the admin login stays quiet (seen on a real Express + pg CRM)',
      files: expressApp("app.use('/projects', requireUser, projectsRouter);", {
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { projectsRouter } from './routes/projects';\nimport { adminAuth } from './routes/admin-auth';\nconst app = express();\napp.use('/projects', requireUser, projectsRouter);\napp.use('/api/admin', adminAuth);\napp.listen(3000);\n",
        'src/routes/admin-auth.ts': "import { Router } from 'express';\nimport bcrypt from 'bcryptjs';\nimport jwt from 'jsonwebtoken';\nimport { pool } from '../lib/db';\nexport const adminAuth = Router();\nadminAuth.post('/register', async (req, res) => {\n  const hash = await bcrypt.hash(String(req.body.password), 12);\n  await pool.query('INSERT INTO admins (username, password, email) VALUES ($1, $2, $3)', [req.body.username, hash, req.body.email]);\n  res.sendStatus(201);\n});\nadminAuth.post('/login', async (req, res) => {\n  const { rows } = await pool.query('SELECT * FROM admins WHERE email = $1', [req.body.email]);\n  if (!rows[0] || !(await bcrypt.compare(String(req.body.password), rows[0].password))) return res.sendStatus(401);\n  res.json({ token: jwt.sign({ id: rows[0].id, role: 'admin' }, process.env.SECRET!, { expiresIn: '1h' }) });\n});\n",
      }),
      errors: [{ file: 'src/routes/admin-auth.ts', line: 6, column: 1, message: /^`POST \/api\/admin\/register` has no auth check: anyone who finds it can change data without signing in/ }],
    },
    {
      name: 'Next.js + Supabase: a handler that only checks the role value the caller sent (ROLES.includes(body.role)) checks nobody, and its write through a client from createAdminClient() is a write (seen on a real restaurant app)',
      files: {
        "package.json": "{ \"name\": \"m1\", \"dependencies\": { \"next\": \"16.0.0\", \"@supabase/ssr\": \"^0.6.0\", \"@supabase/supabase-js\": \"^2.45.0\" } }\n",
        "src/app/api/admin/users/route.ts": "import { NextResponse } from 'next/server'\nimport { createAdminClient } from '@/lib/admin'\nconst ROLES = ['admin', 'waiter', 'cook']\n// no auth at all: anyone can promote any user to admin\nexport async function PUT(req: Request) {\n  const body = await req.json()\n  if (!ROLES.includes(body.role)) return NextResponse.json({ error: 'bad role' }, { status: 400 })\n  const admin = createAdminClient()\n  await admin.from('profiles').update({ role: body.role }).eq('id', body.id)\n  return NextResponse.json({ ok: true })\n}\n",
        "src/app/api/notes/route.ts": "import { NextResponse } from 'next/server'\nimport { createClient } from '@/lib/server'\nimport { createAdminClient } from '@/lib/admin'\nexport async function POST(req: Request) {\n  const supabase = await createClient()\n  const { data: { user } } = await supabase.auth.getUser()\n  if (!user) return NextResponse.json({ error: 'no' }, { status: 401 })\n  const { text } = await req.json()\n  await createAdminClient().from('notes').insert({ text: String(text), user_id: user.id })\n  return NextResponse.json({ ok: true })\n}\n",
        "src/lib/admin.ts": "import { createClient } from '@supabase/supabase-js'\nexport const createAdminClient = () => createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)\n",
        "src/lib/server.ts": "import { createServerClient } from '@supabase/ssr'\nimport { cookies } from 'next/headers'\nexport async function createClient() {\n  const c = await cookies()\n  return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: { getAll: () => c.getAll(), setAll: () => {} } })\n}\n",
      },
      errors: [{ file: 'src/app/api/admin/users/route.ts', line: 5, column: 23, message: /^`PUT \/api\/admin\/users` has no auth check: anyone who finds it can change data without signing in/ }],
    },
    {
      name: 'Next.js Pages Router: a record named session (billable work sessions) deleted by id with no auth check, beside a guarded route; POST /api/sessions, the sign-in, stays quiet (seen on a real legal-practice app)',
      files: {
        'package.json': pkg({ next: '^14.2.0', 'next-auth': '^4.24.0', mongodb: '^6.0.0', bcryptjs: '^2.4.3' }),
        'pages/api/billing/index.ts': "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { getSession } from 'next-auth/react';\nimport { MongoClient } from 'mongodb';\n\nconst bills = new MongoClient(process.env.MONGODB_URI as string).db('app').collection('bills');\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const session = await getSession({ req });\n  if (!session) return res.status(401).json({ error: 'Unauthorized' });\n  if (req.method === 'POST') {\n    const r = await bills.insertOne({ amount: Number(req.body.amount) });\n    return res.status(201).json({ id: r.insertedId });\n  }\n  res.status(200).json(await bills.find().toArray());\n}\n",
        'pages/api/sessions/[id].ts': "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { MongoClient, ObjectId } from 'mongodb';\n\n// \"sessions\" here are billable work sessions (timesheets), not login sessions\nconst sessions = new MongoClient(process.env.MONGODB_URI as string).db('app').collection('sessions');\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const id = new ObjectId(String(req.query.id));\n  if (req.method === 'DELETE') {\n    await sessions.deleteOne({ _id: id });\n    return res.status(204).end();\n  }\n  res.status(405).end();\n}\n",
        'pages/api/sessions/index.ts': "import type { NextApiRequest, NextApiResponse } from 'next';\nimport bcrypt from 'bcryptjs';\nimport { users } from '../../lib/db';\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const user = await users.findOne({ email: String(req.body.email) });\n  if (!user || !(await bcrypt.compare(String(req.body.password), user.hash))) return res.status(401).end();\n  await users.updateOne({ _id: user._id }, { $set: { lastLogin: new Date() } });\n  res.status(204).end();\n}\n",
      },
      errors: [{ file: 'pages/api/sessions/[id].ts', line: 7, column: 31, message: /^`DELETE \/api\/sessions\/:id` has no auth check: anyone who finds it can change data without signing in/ }],
    },
    {
      name: 'Express: GET /api/users lists every account with no auth check, beside guarded routes, and GET /api/users/teachers those of one role; public member and profile directories, and the email-code check of sign-up (/users/validate), stay quiet (seen on a real Express + pg CRM whose list returned password hashes, and a real Fastify app)',
      files: expressApp("app.use('/projects', requireUser, projectsRouter);\napp.use('/api/users', usersRouter);", {
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { projectsRouter } from './routes/projects';\nimport { usersRouter } from './routes/users';\nconst app = express();\napp.use('/projects', requireUser, projectsRouter);\napp.use('/api', usersRouter);\napp.listen(3000);\n",
        'src/routes/users.ts': "import { Router } from 'express';\nimport { pool } from '../lib/db';\nexport const usersRouter = Router();\nusersRouter.get('/users', async (req, res) => res.json((await pool.query('SELECT * FROM users')).rows));\nusersRouter.get('/members', async (req, res) => res.json((await pool.query('SELECT name, avatar FROM members')).rows));\nusersRouter.get('/profiles', async (req, res) => res.json((await pool.query('SELECT handle, bio FROM profiles')).rows));\nusersRouter.get('/users/teachers', async (req, res) => res.json((await pool.query(\"SELECT id, email, name FROM users WHERE role = 'TEACHER'\")).rows));\nusersRouter.post('/users/validate', async (req, res) => { await pool.query('UPDATE users SET email_verified = now() WHERE email = $1 AND code = $2', [req.body.email, req.body.code]); res.end(); });\n",
      }),
      errors: [
        { file: 'src/routes/users.ts', line: 4, column: 1, message: /^`GET \/api\/users` has no auth check: anyone who finds it can read this data without signing in/ },
        { file: 'src/routes/users.ts', line: 7, column: 1, message: /^`GET \/api\/users\/teachers` has no auth check/ },
      ],
    },
    {
      name: 'Next.js with accounts but no guard anywhere: a public person-lookup server action still returns any user\'s row (seen on a real Next.js + Auth.js app: getUserByEmail called from the sign-in page)',
      files: {
        'package.json': pkg({ next: '15.4.1', 'next-auth': '5.0.0-beta.29', bcryptjs: '^3.0.2', 'drizzle-orm': '^0.44.2' }),
        'src/db/userService.ts': "'use server';\nimport { eq } from 'drizzle-orm';\nimport { db } from './connection';\nimport { users } from './schema';\n\nexport async function getUserByEmail(email: string) {\n  const [user] = await db.select().from(users).where(eq(users.email, email));\n  return user;\n}\n",
        'src/app/auth/signin/page.tsx': "'use client';\nimport { getUserByEmail } from '@/db/userService';\nexport default function SignIn() {\n  return <form action={async (fd) => { await getUserByEmail(String(fd.get('email'))); }} />;\n}\n",
      },
      errors: [{ file: 'src/db/userService.ts', line: 6, column: 23, message: /^The server action `getUserByEmail` looks a person up by what the caller sends and has no auth check: a server action is a public POST endpoint, so anyone can call it with any email and get back what it returns/ }],
    },
    {
      name: 'Express + Supabase: a service-role client named `supabase` bypasses RLS, so an open insert is reported (seen on a real app)',
      files: {
        'package.json': pkg({ express: '^4.21.0', '@supabase/supabase-js': '^2.45.0' }),
        'src/supabase.js': "import { createClient } from '@supabase/supabase-js';\nconst key = process.env.SUPABASE_SERVICE_ROLE_KEY;\nexport const supabase = createClient(process.env.SUPABASE_URL, key);\n",
        'src/auth.js': "export function authenticate(req, res, next) {\n  if (!req.headers.authorization) return res.status(401).end();\n  next();\n}\n",
        'src/app.js': "import express from 'express';\nimport { supabase } from './supabase.js';\nimport { authenticate } from './auth.js';\nconst app = express();\napp.use(express.json());\napp.get('/api/me', authenticate, async (req, res) => res.json(req.user));\napp.post('/api/orders', async (req, res) => {\n  const { data } = await supabase.from('orders').insert({ item: req.body.item }).select().single();\n  res.json(data);\n});\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/app.js', line: 7, column: 1, message: /^`POST \/api\/orders` has no auth check/ }],
    },
    { name: 'Express: a payment history read under /payments is no price list', files: expressApp('', {
      'src/server.ts': "import express from 'express';\nimport { paymentsRouter } from './routes/payments';\nconst app = express();\napp.use('/payments', paymentsRouter);\napp.listen(3000);\n",
      'src/routes/payments.ts': "import { Router } from 'express';\nimport { requireUser } from '../lib/auth';\nimport { Plan, Payment } from '../models';\nexport const paymentsRouter = Router();\npaymentsRouter.get('/plans', async (req, res) => res.json(await Plan.find({ active: true })));\npaymentsRouter.get('/all', async (req, res) => res.json(await Payment.find()));\npaymentsRouter.get('/history', requireUser, async (req, res) => res.json(await Payment.find({ user: req.user.id })));\n",
    }),
      errors: [{ file: 'src/routes/payments.ts', line: 6, column: 1, message: /^`GET \/payments\/all` has no auth check/ }] },
    {
      name: 'Hono: the only guarded routes are /auth/me and /auth/logout; an open write beside them (seen on a real Hono + Prisma app with 15 open writes)',
      files: {
        'package.json': pkg({ hono: '^4.6.0', '@prisma/client': '^6.0.0' }),
        'src/middlewares/auth.ts': "import { getCookie } from 'hono/cookie';\nimport { verify } from 'hono/jwt';\nexport const authMiddleware = async (c, next) => {\n  const token = getCookie(c, 'access_token');\n  if (!token) return c.json({ message: 'Unauthorized' }, 401);\n  c.set('user', await verify(token, process.env.JWT_SECRET!));\n  await next();\n};\n",
        'src/app.ts': "import { Hono } from 'hono';\nimport { authMiddleware } from './middlewares/auth';\nimport { prisma } from './lib/prisma';\nconst app = new Hono();\napp.get('/api/auth/me', authMiddleware, (c) => c.json(c.get('user')));\napp.post('/api/auth/logout', authMiddleware, (c) => c.json({ ok: true }));\napp.post('/api/destinations', async (c) => {\n  const { name } = await c.req.json();\n  return c.json(await prisma.destination.create({ data: { name } }));\n});\nexport default app;\n",
      },
      errors: [{ file: 'src/app.ts', line: 7, column: 1, message: /^`POST \/api\/destinations` has no auth check/ }],
    },
    {
      name: 'Next.js: a server action that looks a person up by email, beside guarded pages (it returns the row to anyone; seen on a real Auth.js app)',
      files: nextPagesGuarded("'use server';\n\nimport { eq } from 'drizzle-orm';\nimport { db } from '@/db';\nimport { users } from '@/db/schema';\n\nexport async function getUserByEmail(email: string) {\n  const [user] = await db.select().from(users).where(eq(users.email, email));\n  return user ?? null;\n}\nexport async function getStats() {\n  return db.select().from(users);\n}\nexport async function getUser() {\n  return db.query.users.findFirst();\n}\n"),
      errors: [{ file: 'src/actions/items.ts', line: 7, column: 23, message: /^The server action `getUserByEmail` has no auth check: anyone who finds it can read this data without signing in\./ }],
    },
    { name: 'Next.js 16: a route outside the matcher of the proxy.ts that guards the others, named as proxy.ts', files: {
      'package.json': nextPkg,
      'src/proxy.ts': "import { NextResponse } from 'next/server';\nimport { verifySession } from './lib/session';\nexport async function proxy(req) {\n  if (!(await verifySession(req.cookies.get('session')?.value))) return NextResponse.redirect(new URL('/login', req.url));\n  return NextResponse.next();\n}\nexport const config = { matcher: ['/api/admin/:path*'] };\n",
      'src/lib/session.ts': "import { jwtVerify } from 'jose';\nexport async function verifySession(token?: string) {\n  if (!token) return null;\n  try { return (await jwtVerify(token, new TextEncoder().encode(process.env.AUTH_SECRET))).payload; } catch { return null; }\n}\n",
      'src/app/api/admin/users/route.ts': "export async function DELETE(req: Request) {\n  await db.delete(users);\n  return Response.json({ ok: true });\n}\n",
      'src/app/api/orders/route.ts': "export async function POST(req: Request) {\n  const body = await req.json();\n  await db.insert(orders).values(body);\n  return Response.json({ ok: true });\n}\n",
    }, errors: [{ file: 'src/app/api/orders/route.ts', line: 1, column: 23, message: /^`POST \/api\/orders` has no auth check: .*Other routes of this app are protected by proxy\.ts: extend its `matcher` to this path/ }] },
    {
      // seen on a real Fastify + Supabase app: a GET by id left public this way
      name: 'Fastify: preHandler written inside schema is never run (reported whatever the method and path); beside it, a route guarded properly',
      files: {
        'package.json': pkg({ fastify: '^5.0.0', '@fastify/jwt': '^9.0.0' }),
        'src/middlewares/auth.ts': "import type { FastifyReply, FastifyRequest } from 'fastify';\nexport async function authMiddleware(req: FastifyRequest, reply: FastifyReply) {\n  try {\n    await req.jwtVerify();\n  } catch {\n    return reply.code(401).send({ error: 'Unauthorized' });\n  }\n}\n",
        'src/routes/teams.ts': "import type { FastifyInstance } from 'fastify';\nimport { authMiddleware } from '../middlewares/auth';\nexport async function teams(app: FastifyInstance) {\n  app.get('/team/:id', {\n    schema: {\n      params: { type: 'object', properties: { id: { type: 'string' } } },\n      preHandler: [authMiddleware],\n    },\n  }, async (req) => db.team.findUnique({ where: { id: (req.params as { id: string }).id } }));\n  app.post('/team', { preHandler: [authMiddleware] }, async (req) => db.team.create({ data: req.body as object }));\n}\n",
        'src/server.ts': "import Fastify from 'fastify';\nimport { teams } from './routes/teams';\nconst app = Fastify();\napp.register(teams, { prefix: '/api' });\napp.listen({ port: 3000 });\n",
      },
      errors: [{ file: 'src/routes/teams.ts', line: 4, column: 3, message: /^`GET \/api\/team\/:id` has no auth check: its `preHandler` \(`authMiddleware`\) is written inside `schema`, where Fastify runs no hook/ }],
    },
    {
      name: 'Next.js: the pages check the session (layout: auth() + redirect), the server action that deletes does not',
      files: nextPagesGuarded(deleteItemAction),
      errors: [{ file: 'src/actions/items.ts', line: 7, column: 23, message: /^The server action `deleteItem` has no auth check: anyone who finds it can change data without signing in\. The app's pages check the session \(`auth\(\)` in src\/app\/\(app\)\/layout\.tsx\), but a server action is a public POST endpoint of its own/ }],
    },
    {
      name: 'Express: a POST named like a read that writes data is still reported, and so is a search under /admin',
      files: expressApp("app.use('/auth', authRouter);\napp.post('/reports/query', async (req, res) => res.json(await prisma.report.create({ data: { sql: req.body.sql } })));\napp.post('/admin/users/search', async (req, res) => res.json(await prisma.user.findMany({ where: { email: { contains: String(req.body.q) } } })));\napp.use('/projects', requireUser, projectsRouter);\napp.use('/admin', requireUser, adminRouter);"),
      errors: [
        { file: 'src/server.ts', line: 10, column: 1, message: /^`POST \/reports\/query` has no auth check: anyone who finds it can change data without signing in\./ },
        { file: 'src/server.ts', line: 11, column: 1, message: /^`POST \/admin\/users\/search` has no auth check: anyone who finds it can call it without signing in\./ },
      ],
      output: null,
    },
    {
      name: 'tRPC: a mutation that deletes data built on publicProcedure, where the app builds its other writes on protectedProcedure',
      files: trpcApp([
        '  remove: publicProcedure',
        '    .input(z.object({ id: z.number() }))',
        '    .mutation(({ ctx, input }) => ctx.db.post.delete({ where: { id: input.id } })),',
      ]),
      errors: [{ file: 'src/server/api/routers/post.ts', line: 10, column: 3, message: "The tRPC mutation `post.remove` has no auth check: anyone who finds it can change data without signing in. Other procedures of this app are built on `protectedProcedure`: build this one on it too (in place of `publicProcedure`), or check `ctx.session` at the top of the resolver and throw `new TRPCError({ code: 'UNAUTHORIZED' })`." }],
    },
    {
      name: 'a server action next to guarded tRPC procedures: the advice does not name the procedure builder (seen on a real T3 app)',
      files: { ...trpcApp([]), 'src/app/lessons/actions.ts': "'use server';\n\nimport { db } from '~/server/db';\n\nexport async function editLesson(id: string, body: string) {\n  await db.lesson.update({ where: { id }, data: { body } });\n}\n" },
      errors: [{ file: 'src/app/lessons/actions.ts', line: 5, column: 23, message: /^The server action `editLesson` has no auth check: anyone who finds it can change data without signing in\. Other code of this app checks who is calling \(e\.g\. the tRPC mutation `post\.create`\)/ }],
    },
    {
      name: 'tRPC: a public query that looks a user up by id (the procedure form of GET /users/:id; seen on a real T3 app)',
      files: trpcApp([], "  user: createTRPCRouter({ byId: publicProcedure.input(z.string()).query(({ ctx, input }) => ctx.db.user.findUnique({ where: { id: input } })) }),"),
      errors: [{ file: 'src/server/api/root.ts', line: 13, column: 28, message: /^The tRPC query `user\.byId` has no auth check: anyone who finds it can read this data without signing in\./ }],
    },
    {
      name: 'tRPC: a query under the admin key of the root router, with no auth',
      files: trpcApp([], '  admin: createTRPCRouter({ revenue: publicProcedure.query(({ ctx }) => ctx.db.payment.aggregate({ _sum: { amount: true } })) }),'),
      errors: [{ file: 'src/server/api/root.ts', line: 13, column: 29, message: /^The tRPC query `admin\.revenue` has no auth check: anyone who finds it can read this data without signing in\. Other procedures of this app are built on `protectedProcedure`/ }],
    },
    {
      name: 'Express: an admin router mounted without the auth middleware the other routers get',
      files: expressApp("app.use('/auth', authRouter);\napp.use('/projects', requireUser, projectsRouter);\napp.use('/admin', adminRouter);"),
      errors: [
        { file: 'src/routes/admin.ts', line: 5, column: 1, message: "`GET /admin/stats` has no auth check: anyone who finds it can read this data without signing in. Other routes of this app are protected with `requireUser`: add it to this route (or to its router's mount, e.g. `app.use('/prefix', requireUser, router)`)." },
        { file: 'src/routes/admin.ts', line: 6, column: 1, message: /^`DELETE \/admin\/users\/:id` has no auth check: anyone who finds it can change data without signing in\. Other routes of this app are protected with `requireUser`/ },
      ],
      output: null,
    },
    {
      name: "Express in a monorepo: the guard comes from a workspace package imported by name (main in dist/, sources in src/)",
      files: {
        'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }),
        'packages/auth/package.json': JSON.stringify({ name: '@acme/auth', main: 'dist/index.js' }),
        'packages/auth/src/index.ts': "import jwt from 'jsonwebtoken';\nexport function gate(req, res, next) {\n  const token = req.headers.authorization?.slice(7);\n  if (!token) return res.status(401).end();\n  res.locals.user = jwt.verify(token, process.env.JWT_SECRET!);\n  next();\n}\n",
        'apps/api/package.json': JSON.stringify({ name: '@acme/api', dependencies: { express: '^4.21.0', '@acme/auth': '*' } }),
        'apps/api/src/server.ts': "import express from 'express';\nimport { gate } from '@acme/auth';\nconst app = express();\napp.post('/orders', gate, (req, res) => res.status(201).end());\napp.delete('/orders/:id', gate, (req, res) => res.status(204).end());\napp.post('/projects', (req, res) => res.status(201).end());\napp.listen(3000);\n",
      },
      errors: [{ file: 'apps/api/src/server.ts', line: 6, column: 1, message: /^`POST \/projects` has no auth check: anyone who finds it can call it without signing in\. Other routes of this app are protected with `gate`/ }],
    },
    {
      name: 'Express: a route registered before the app-level auth middleware',
      files: {
        'package.json': expressPkg,
        'src/lib/auth.ts': requireUser,
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nconst app = express();\napp.post('/login', (req, res) => res.end());\napp.delete('/projects/:id', (req, res) => res.end());\napp.use(requireUser);\napp.post('/projects', (req, res) => res.end());\n",
      },
      errors: [{ file: 'src/server.ts', line: 5, column: 1, message: /^`DELETE \/projects\/:id` has no auth check: anyone who finds it can call it without signing in\. Other routes .* `requireUser`/ }],
    },
    {
      name: 'Express: inline guards on some routes of a router, one forgotten (CommonJS, renamed)',
      files: {
        'package.json': expressPkg,
        'lib/guard.js': "const jwt = require('jsonwebtoken');\nexports.ensureAuth = (req, res, next) => { try { req.user = jwt.verify(req.cookies.t, process.env.SECRET); next(); } catch { res.sendStatus(401); } };\n",
        'routes/notes.js': "const express = require('express');\nconst { ensureAuth: guard } = require('../lib/guard');\nconst router = express.Router();\nrouter.post('/', guard, (req, res) => res.end());\nrouter.put('/:id', guard, (req, res) => res.end());\nrouter.delete('/:id', (req, res) => res.end());\nmodule.exports = router;\n",
        'app.js': "const express = require('express');\nconst app = express();\napp.use('/api/notes', require('./routes/notes'));\napp.listen(3000);\n",
      },
      errors: [{ file: 'routes/notes.js', line: 6, column: 1, message: /^`DELETE \/api\/notes\/:id` has no auth check.*protected with `guard`/ }],
    },
    {
      name: 'Express: a user record by id, readable by anyone',
      files: {
        'package.json': expressPkg,
        'src/lib/auth.ts': requireUser,
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nconst app = express();\napp.get('/users/:id', async (req, res) => res.json(await db.user.findUnique({ where: { id: req.params.id } })));\napp.patch('/users/:id', requireUser, (req, res) => res.end());\n",
      },
      errors: [{ file: 'src/server.ts', line: 4, column: 1, message: /^`GET \/users\/:id` has no auth check: anyone who finds it can read this data without signing in\./ }],
    },
    {
      name: 'Fastify: one route of the plugin without the preHandler',
      files: {
        'package.json': pkg({ fastify: '^5.0.0' }),
        'src/server.ts': "import Fastify from 'fastify';\nimport projects from './routes/projects';\nconst app = Fastify();\napp.decorate('authenticate', async (req, reply) => { await req.jwtVerify(); });\napp.register(projects, { prefix: '/projects' });\n",
        'src/routes/projects.ts': "export default async function projects(app) {\n  app.post('/', { preHandler: [app.authenticate] }, async (req) => db.project.create({ data: req.body }));\n  app.delete('/:id', async (req) => db.project.delete({ where: { id: req.params.id } }));\n}\n",
      },
      errors: [{ file: 'src/routes/projects.ts', line: 3, column: 3, message: /^`DELETE \/projects\/:id` has no auth check: anyone who finds it can change data without signing in\. Other routes of this app are protected with `app\.authenticate`: add it as an `onRequest`\/`preHandler` hook on this route or its plugin\.$/ }],
    },
    {
      name: 'Koa: a route registered before router.use(jwt)',
      files: {
        'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^12.0.0', 'koa-jwt': '^4.0.0' }),
        'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\nimport jwt from 'koa-jwt';\nconst app = new Koa();\nconst router = new Router({ prefix: '/api' });\nrouter.delete('/notes/:id', async (ctx) => { ctx.status = 204; });\nrouter.use(jwt({ secret: process.env.JWT_SECRET! }));\nrouter.post('/notes', async (ctx) => { ctx.body = ctx.request.body; });\napp.use(router.routes());\n",
      },
      errors: [{ file: 'src/app.ts', line: 6, column: 1, message: /^`DELETE \/api\/notes\/:id` has no auth check.*protected with `jwt\(\)`/ }],
    },
    {
      name: 'NestJS: a method without @UseGuards while its siblings have it, no global guard',
      files: {
        'package.json': nestPkg,
        'src/auth/jwt-auth.guard.ts': jwtGuard,
        'src/auth/public.decorator.ts': publicDecorator,
        'src/projects/projects.controller.ts': nestController(''),
      },
      errors: [{ file: 'src/projects/projects.controller.ts', line: 21, column: 3, message: "`DELETE /projects/:id` has no auth check: anyone who finds it can call it without signing in. Other routes of this app are protected with `JwtAuthGuard`: add `@UseGuards(JwtAuthGuard)` to this method or its controller (or register the guard as a global APP_GUARD and mark public routes with a decorator)." }],
    },
    {
      name: 'NestJS: a profile read by handle with the signed-in user required, but no guard (the user is never set)',
      files: profilesApp('viewer: SessionUser'),
      errors: [{ file: 'src/profiles/profiles.controller.ts', line: 10, column: 3, message: /^`GET \/profiles\/:handle` has no auth check: anyone who finds it can read this data without signing in\. Other routes of this app are protected with `JwtAuthGuard`/ }],
    },
    {
      name: 'NestJS: a route that changes data is reported even when its handler takes the signed-in user as optional',
      files: { ...profilesApp('viewer?: SessionUser'), 'src/profiles/profiles.controller.ts': profilesController('viewer?: SessionUser')
        .replace("  @UseGuards(JwtAuthGuard)\n  @Post(':handle/follow')", "  @Post(':handle/follow')")
        .replace("  @Get(':handle')", "  @UseGuards(JwtAuthGuard)\n  @Get(':handle')")
        .replace('follow(@Param(\'handle\') handle: string, @CurrentUser() viewer: SessionUser)', 'follow(@Param(\'handle\') handle: string, @CurrentUser() viewer?: SessionUser)') },
      errors: [{ file: 'src/profiles/profiles.controller.ts', line: 16, column: 3, message: /^`POST \/profiles\/:handle\/follow` has no auth check: anyone who finds it can call it without signing in\. Other routes of this app are protected with `JwtAuthGuard`/ }],
    },
    {
      name: "NestJS: an optional parameter with one of Nest's own decorators is not the signed-in user",
      files: { ...profilesApp('viewer: SessionUser'), 'src/profiles/profiles.controller.ts': profilesController('viewer: SessionUser').replace("@Param('handle') handle: string, @CurrentUser()", "@Param('handle') handle?: string, @CurrentUser()") },
      errors: [{ file: 'src/profiles/profiles.controller.ts', line: 10, column: 3, message: /^`GET \/profiles\/:handle` has no auth check/ }],
    },
    {
      name: 'NestJS: module middleware (consumer.apply().forRoutes()) covers some routes, not this one',
      files: {
        'package.json': nestPkg,
        'src/user/user.module.ts': "import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';\nimport { UserController } from './user.controller';\nimport { AuthMiddleware } from './auth.middleware';\n@Module({ controllers: [UserController] })\nexport class UserModule implements NestModule {\n  configure(consumer: MiddlewareConsumer) {\n    consumer.apply(AuthMiddleware).forRoutes({ path: 'user', method: RequestMethod.PUT });\n  }\n}\n",
        'src/user/auth.middleware.ts': "import { HttpException, HttpStatus, Injectable, NestMiddleware } from '@nestjs/common';\nimport * as jwt from 'jsonwebtoken';\n@Injectable()\nexport class AuthMiddleware implements NestMiddleware {\n  use(req, res, next) {\n    if (!req.headers.authorization) throw new HttpException('Not authorized.', HttpStatus.UNAUTHORIZED);\n    req.user = jwt.verify(req.headers.authorization, process.env.SECRET!);\n    next();\n  }\n}\n",
        'src/user/user.controller.ts': "import { Body, Controller, Delete, Param, Post, Put } from '@nestjs/common';\nimport { UserService } from './user.service';\n@Controller()\nexport class UserController {\n  constructor(private readonly userService: UserService) {}\n  @Post('users')\n  create(@Body('user') dto: any) { return this.userService.create(dto); }\n  @Put('user')\n  update(@Body('user') dto: any) { return this.userService.update(dto); }\n  @Delete('users/:slug')\n  remove(@Param('slug') slug: string) { return this.userService.remove(slug); }\n}\n",
        'src/user/user.service.ts': "export class UserService {\n  constructor(private readonly repo: any) {}\n  create(dto: any) { return this.repo.save(dto); }\n  update(dto: any) { return this.repo.save(dto); }\n  remove(slug: string) { return this.repo.delete({ slug }); }\n}\n",
      },
      errors: [{ file: 'src/user/user.controller.ts', line: 10, column: 3, message: "`DELETE /users/:slug` has no auth check: anyone who finds it can change data without signing in. Other routes of this app are protected with `AuthMiddleware`: apply it to this route too in its module's `configure()` (`consumer.apply(AuthMiddleware).forRoutes(...)`), or use a guard on the controller." }],
    },
    {
      name: 'Next.js: a route handler without the session check the others do',
      files: {
        'package.json': nextPkg,
        'src/app/api/projects/route.ts': guardedNextRoute,
        'src/app/api/projects/[id]/route.ts': openNextRoute,
      },
      errors: [{ file: 'src/app/api/projects/[id]/route.ts', line: 1, column: 23, message: "`DELETE /api/projects/:id` has no auth check: anyone who finds it can change data without signing in. Other handlers of this app check the session with `getServerSession()`: do the same at the top of this handler (or cover its path in middleware.ts)." }],
    },
    {
      name: 'Next.js: a path the middleware matcher does not cover',
      files: {
        'package.json': nextPkg,
        'src/middleware.ts': "import { withAuth } from 'next-auth/middleware';\nexport default withAuth({ pages: { signIn: '/login' } });\nexport const config = { matcher: ['/dashboard/:path*', '/api/admin/:path*'] };\n",
        'src/app/api/admin/users/route.ts': 'export async function GET() { return Response.json([]); }\n',
        'src/app/api/billing/portal/route.ts': "export async function POST() {\n  return Response.json({ url: await stripe.billingPortal.sessions.create({ customer: 'x' }) });\n}\n",
      },
      errors: [{ file: 'src/app/api/billing/portal/route.ts', line: 1, column: 23, message: /^`POST \/api\/billing\/portal` has no auth check: anyone who finds it can call it without signing in\. Other routes of this app are protected by middleware\.ts: extend its `matcher` to this path/ }],
    },
    {
      name: 'NestJS GraphQL: a mutation with no guard next to one behind GqlAuthGuard',
      files: {
        'package.json': pkg({ '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0', '@nestjs/graphql': '^12.0.0', '@nestjs/passport': '^10.0.0' }),
        'src/auth/gql-auth.guard.ts': "import { ExecutionContext, Injectable } from '@nestjs/common';\nimport { GqlExecutionContext } from '@nestjs/graphql';\nimport { AuthGuard } from '@nestjs/passport';\n@Injectable()\nexport class GqlAuthGuard extends AuthGuard('jwt') {\n  getRequest(context: ExecutionContext) {\n    return GqlExecutionContext.create(context).getContext().req;\n  }\n}\n",
        'src/posts/posts.resolver.ts': "import { UseGuards } from '@nestjs/common';\nimport { Args, Mutation, Query, Resolver } from '@nestjs/graphql';\nimport { GqlAuthGuard } from '../auth/gql-auth.guard';\nimport { PrismaService } from '../prisma.service';\nimport { Post } from './post.model';\n\n@Resolver(() => Post)\nexport class PostsResolver {\n  constructor(private readonly prisma: PrismaService) {}\n\n  @Query(() => [Post])\n  posts() {\n    return this.prisma.post.findMany();\n  }\n\n  @UseGuards(GqlAuthGuard)\n  @Mutation(() => Post)\n  createPost(@Args('title') title: string) {\n    return this.prisma.post.create({ data: { title } });\n  }\n\n  @Mutation(() => Post, { name: 'removePost' })\n  deletePost(@Args('id') id: string) {\n    return this.prisma.post.delete({ where: { id } });\n  }\n}\n",
      },
      errors: [{ file: 'src/posts/posts.resolver.ts', line: 22, column: 3, message: "The GraphQL mutation `removePost` has no auth check: anyone who finds it can change data without signing in. Other routes of this app are protected with `GqlAuthGuard`: add `@UseGuards(GqlAuthGuard)` to this method or its controller (or register the guard as a global APP_GUARD and mark public routes with a decorator)." }],
    },
    {
      name: 'Next.js: a handler that reads the session but never checks it (seen on a real Next.js app)',
      files: {
        'package.json': nextPkg,
        'src/app/api/projects/route.ts': guardedNextRoute,
        'src/app/api/projects/[id]/route.ts': "import { getServerSession } from 'next-auth';\nimport { authOptions } from '@/lib/auth';\nexport async function DELETE(req: Request, { params }: { params: { id: string } }) {\n  const session = await getServerSession(authOptions);\n  await prisma.project.delete({ where: { id: params.id, ownerId: session?.user.id } });\n  return new Response(null, { status: 204 });\n}\n",
      },
      errors: [{ file: 'src/app/api/projects/[id]/route.ts', line: 3, column: 23, message: "`DELETE /api/projects/:id` reads the session (`getServerSession()`) but never checks it: anyone who finds it can change data without signing in. Turn the request away when there is none, before doing anything (`if (!session?.user) ...` returning 401, redirecting or throwing)." }],
    },
    {
      name: 'GraphQL (Apollo Server): a mutation with no check next to ones that require a user',
      files: { 'package.json': pkg({ '@apollo/server': '^4.10.0', graphql: '^16.8.0' }), 'src/resolvers/index.ts': "import { GraphQLError } from 'graphql';\nimport { prisma } from '../db';\n\nfunction requireUser(ctx: { user?: { id: string } }) {\n  if (!ctx.user) throw new GraphQLError('Not signed in', { extensions: { code: 'UNAUTHENTICATED' } });\n  return ctx.user;\n}\n\nexport const resolvers = {\n  Query: {\n    posts: () => prisma.post.findMany(),\n    me: (_: unknown, __: unknown, ctx) => requireUser(ctx),\n  },\n  Mutation: {\n    async createPost(_: unknown, args: { title: string }, ctx) {\n      const user = requireUser(ctx);\n      return prisma.post.create({ data: { title: args.title, authorId: user.id } });\n    },\n    deletePost: async (_: unknown, args: { id: string }) => prisma.post.delete({ where: { id: args.id } }),\n  },\n};\n" },
      errors: [{ file: 'src/resolvers/index.ts', line: 19, column: 5, message: "The GraphQL mutation `deletePost` has no auth check: anyone who finds it can change data without signing in. Other code of this app checks who is calling (e.g. the GraphQL query `me`): add the same check here, or a middleware/guard that covers every private route." }],
    },
    {
      name: 'Firebase: a callable that deletes with no request.auth check, next to callables that check it',
      files: {
        'functions/package.json': pkg({ 'firebase-admin': '^12.0.0', 'firebase-functions': '^5.0.0' }),
        'functions/src/index.ts': "import { onCall, onRequest, HttpsError } from 'firebase-functions/v2/https';\nimport { getFirestore } from 'firebase-admin/firestore';\nconst db = getFirestore();\nexport const createOrganization = onCall(async (request) => {\n  if (!request.auth) throw new HttpsError('unauthenticated', 'Sign in first');\n  return db.collection('organizations').add({ name: String(request.data.name), owner: request.auth.uid });\n});\n" + "export const deleteOrganization = onCall(async (request) => {\n  await db.collection('organizations').doc(String(request.data.id)).delete();\n});\n",
      },
      errors: [{ file: 'functions/src/index.ts', line: 8, column: 14, message: "The callable function `deleteOrganization` has no auth check: anyone who finds it can change data without signing in. Other code of this app checks who is calling (e.g. the callable function `createOrganization`): start the handler with `if (!request.auth) throw new HttpsError('unauthenticated', 'Sign in first')`." }],
    },
    {
      name: 'Next.js: a server action in a shared module, the middleware checking sign-in under /admin only (seen on a real Next.js + Drizzle app)',
      files: {
        'package.json': nextPkg,
        'src/middleware.ts': "import { NextResponse } from 'next/server';\nimport { verifySession } from './lib/session';\nexport async function middleware(req) {\n  if (!(await verifySession(req.cookies.get('session')?.value))) return NextResponse.redirect(new URL('/login', req.url));\n  return NextResponse.next();\n}\nexport const config = { matcher: ['/admin/:path*'] };\n",
        'src/lib/session.ts': "import { jwtVerify } from 'jose';\nexport async function verifySession(token?: string) {\n  if (!token) return null;\n  try { return (await jwtVerify(token, new TextEncoder().encode(process.env.AUTH_SECRET))).payload; } catch { return null; }\n}\n",
        'src/app/api/admin/upload/route.ts': "import { auth } from '@/auth';\nexport async function POST(req: Request) {\n  const session = await auth();\n  if (!session || session.user.role !== 'admin') return Response.json({ error: 'Unauthorized' }, { status: 401 });\n  await db.insert(uploads).values({ name: 'x' });\n  return Response.json({ ok: true });\n}\n",
        'src/lib/admin-actions.ts': "'use server';\nexport async function deleteCourse(id: string) {\n  await db.delete(courses).where(eq(courses.id, id));\n}\n",
      },
      errors: [{ file: 'src/lib/admin-actions.ts', line: 2, column: 23, message: /^The server action `deleteCourse` has no auth check: anyone who finds it can change data without signing in\. Other code of this app checks the session with `auth\(\)`/ }],
    },
    {
      name: 'Next.js: a pages API route that writes whatever the method, and a server action',
      files: {
        'package.json': nextPkg,
        'pages/api/projects/index.ts': "import { getServerSession } from 'next-auth/next';\nexport default async function handler(req, res) {\n  const session = await getServerSession(req, res, authOptions);\n  if (!session) return res.status(401).end();\n  res.json(await prisma.project.findMany());\n}\n",
        'pages/api/projects/[id].ts': "export default async function handler(req, res) {\n  await prisma.project.delete({ where: { id: req.query.id } });\n  res.status(204).end();\n}\n",
        'app/actions.ts': "'use server';\nexport async function deleteProject(id: string) {\n  await prisma.project.delete({ where: { id } });\n}\n",
      },
      errors: [
        { file: 'app/actions.ts', line: 2, column: 23, message: /^The server action `deleteProject` has no auth check: anyone who finds it can change data without signing in\. Other code of this app checks the session with `getServerSession\(\)`: do the same at the start of the action/ },
        { file: 'pages/api/projects/[id].ts', line: 1, column: 31, message: /^`ALL \/api\/projects\/:id` has no auth check/ },
      ],
    },
    {
      name: 'Hono: a write route outside the guarded /admin/* scope',
      files: {
        'package.json': pkg({ hono: '^4.6.0' }),
        'src/index.ts': "import { Hono } from 'hono';\nimport { jwt } from 'hono/jwt';\nconst app = new Hono();\napp.use('/admin/*', jwt({ secret: process.env.JWT_SECRET! }));\napp.delete('/admin/posts/:id', (c) => c.body(null, 204));\napp.post('/posts', async (c) => c.json(await db.insert(posts).values(await c.req.json())));\nexport default app;\n",
      },
      errors: [{ file: 'src/index.ts', line: 6, column: 1, message: /^`POST \/posts` has no auth check: anyone who finds it can change data without signing in\. Other routes of this app are protected with `jwt\(\)`/ }],
    },
    {
      name: 'Express: the app-wide auth middleware answers 401 and calls next() anyway (one finding where it answers, with the fix)',
      files: {
        'package.json': expressPkg,
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { projectsRouter } from './routes/projects';\n\nconst app = express();\napp.use(express.json());\napp.get('/health', (req, res) => res.json({ ok: true }));\napp.use(requireUser);\napp.use('/projects', projectsRouter);\napp.listen(3000);\n",
        'src/lib/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  const token = req.headers.authorization?.replace('Bearer ', '');\n  try {\n    req.user = jwt.verify(token ?? '', process.env.JWT_SECRET!);\n  } catch (err) {\n    console.warn('bad token', err);\n    res.status(401).json({ error: 'Not signed in' });\n  }\n  next();\n}\n",
        'src/routes/projects.ts': projects,
      },
      errors: [{ file: 'src/lib/auth.ts', line: 9, column: 5, tier: 'ship-stopping', message: "`res.status(401)` turns the caller away, but the code goes on: `next()` still runs for a caller this check turned away (with `next()` the request is served without a valid sign-in). 2 routes rely on this check (e.g. `POST /projects`). Return right after answering (`return res.status(401)...`, or `return;` after it)." }],
      output: { 'src/lib/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  const token = req.headers.authorization?.replace('Bearer ', '');\n  try {\n    req.user = jwt.verify(token ?? '', process.env.JWT_SECRET!);\n  } catch (err) {\n    console.warn('bad token', err);\n    res.status(401).json({ error: 'Not signed in' });\n    return;\n  }\n  next();\n}\n" },
    },
    {
      name: 'Express: a missing-token branch without braces or return, in a route middleware (fix adds both)',
      files: {
        'package.json': expressPkg,
        'src/server.ts': "import express from 'express';\nimport { prisma } from './db';\n\nconst app = express();\nconst auth = (req, res, next) => {\n  if (!req.session.userId) res.sendStatus(401)\n  next()\n}\napp.delete('/projects/:id', auth, async (req, res) => {\n  await prisma.project.delete({ where: { id: req.params.id } });\n  res.sendStatus(204);\n});\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/server.ts', line: 6, column: 28, message: /^`res\.sendStatus\(401\)` turns the caller away, but the code goes on: `next\(\)` still runs for a caller this check turned away \(with `next\(\)` the request is served without a valid sign-in\)\. `DELETE \/projects\/:id` relies on this check\./ }],
      output: { 'src/server.ts': "import express from 'express';\nimport { prisma } from './db';\n\nconst app = express();\nconst auth = (req, res, next) => {\n  if (!req.session.userId) { res.sendStatus(401); return; }\n  next()\n}\napp.delete('/projects/:id', auth, async (req, res) => {\n  await prisma.project.delete({ where: { id: req.params.id } });\n  res.sendStatus(204);\n});\napp.listen(3000);\n" },
    },
    {
      name: 'Koa: ctx.status = 401 and a body, then await next() (the return goes after the body)',
      files: {
        'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^12.0.0' }),
        'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\n\nconst app = new Koa();\nconst router = new Router();\nasync function requireUser(ctx, next) {\n  if (!ctx.state.user) {\n    ctx.status = 401;\n    ctx.body = { error: 'Not signed in' };\n  }\n  await next();\n}\nrouter.post('/articles', requireUser, async (ctx) => {\n  ctx.body = await db.article.create({ data: ctx.request.body });\n});\napp.use(router.routes());\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/app.ts', line: 8, column: 5, message: /^`ctx\.status = 401` turns the caller away, but the code goes on: `await next\(\)` still runs/ }],
      output: { 'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\n\nconst app = new Koa();\nconst router = new Router();\nasync function requireUser(ctx, next) {\n  if (!ctx.state.user) {\n    ctx.status = 401;\n    ctx.body = { error: 'Not signed in' };\n    return;\n  }\n  await next();\n}\nrouter.post('/articles', requireUser, async (ctx) => {\n  ctx.body = await db.article.create({ data: ctx.request.body });\n});\napp.use(router.routes());\napp.listen(3000);\n" },
    },
    {
      name: "Express: a handler's own check answers 401 in a jwt.verify callback and goes on to write",
      files: {
        'package.json': expressPkg,
        'src/server.ts': "import express from 'express';\nimport jwt from 'jsonwebtoken';\nimport { prisma } from './db';\n\nconst app = express();\napp.post('/notes', (req, res) => {\n  jwt.verify(req.headers.authorization, process.env.JWT_SECRET, async (err, user) => {\n    if (err) { res.status(401).json({ error: err.message }) }\n    const note = await prisma.note.create({ data: { text: req.body.text, userId: user.id } });\n    res.json(note);\n  });\n});\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/server.ts', line: 8, column: 16, message: /^`res\.status\(401\)` turns the caller away, but the code goes on: `const note = await prisma\.note\.create\(.*` still runs for a caller this check turned away \(with `next\(\)` the request is served without a valid sign-in\)\. `POST \/notes` relies on this check\./ }],
      output: { 'src/server.ts': "import express from 'express';\nimport jwt from 'jsonwebtoken';\nimport { prisma } from './db';\n\nconst app = express();\napp.post('/notes', (req, res) => {\n  jwt.verify(req.headers.authorization, process.env.JWT_SECRET, async (err, user) => {\n    if (err) { res.status(401).json({ error: err.message }); return; }\n    const note = await prisma.note.create({ data: { text: req.body.text, userId: user.id } });\n    res.json(note);\n  });\n});\napp.listen(3000);\n" },
    },
    {
      name: 'Next.js pages API: one handler per file, the session checked in the GET branch only, DELETE unguarded (seen on real apps)',
      files: {
        'package.json': nextPkg,
        'pages/api/posts/[id].ts': "import { getServerSession } from 'next-auth/next';\nimport { authOptions } from '../auth/[...nextauth]';\nimport { prisma } from '../../../lib/prisma';\n\nexport default async function handler(req, res) {\n  const id = String(req.query.id);\n  switch (req.method) {\n    case 'GET': {\n      const session = await getServerSession(req, res, authOptions);\n      if (!session) return res.status(401).end();\n      return res.json(await prisma.post.findUnique({ where: { id } }));\n    }\n    case 'PUT':\n    case 'DELETE':\n      await prisma.post.delete({ where: { id } });\n      return res.status(204).end();\n    default:\n      return res.status(405).end();\n  }\n}\n",
        'pages/api/drafts.ts': "import { getServerSession } from 'next-auth/next';\nimport { authOptions } from './auth/[...nextauth]';\nimport { prisma } from '../../lib/prisma';\n\nexport default async function handler(req, res) {\n  if (req.method === 'GET') {\n    return res.json(await prisma.post.findMany({ where: { published: true } }));\n  }\n  if (req.method !== 'POST') return res.status(405).end();\n  const session = await getServerSession(req, res, authOptions);\n  if (!session) return res.status(401).json({ error: 'Sign in' });\n  return res.status(201).json(await prisma.post.create({ data: { title: req.body.title, authorId: session.user.id } }));\n}\n",
      },
      // one finding per handler: its first unguarded method
      errors: [{ file: 'pages/api/posts/[id].ts', line: 5, column: 31, message: /^`PUT \/api\/posts\/:id` has no auth check: anyone who finds it can change data without signing in\./ }],
    },
    {
      name: 'Hono: a guard that answers c.json(..., 401) without returning it, then awaits next() (advice in Hono terms)',
      files: {
        'package.json': pkg({ hono: '^4.6.0' }),
        'src/index.ts': "import { Hono } from 'hono';\nimport { getCookie } from 'hono/cookie';\nconst app = new Hono();\napp.use('/api/*', async (c, next) => {\n  if (!getCookie(c, 'session')) {\n    c.json({ error: 'Sign in' }, 401);\n  }\n  await next();\n});\napp.delete('/api/posts/:id', async (c) => c.json(await db.delete(posts).where(eq(posts.id, c.req.param('id')))));\nexport default app;\n",
      },
      errors: [{ file: 'src/index.ts', line: 6, column: 5, message: "`c.json({ error: 'Sign in' }, 401)` turns the caller away, but the code goes on: `await next()` still runs for a caller this check turned away (with `next()` the request is served without a valid sign-in). `DELETE /api/posts/:id` relies on this check. Return the answer (`return c.json({ error: 'Sign in' }, 401)`)." }],
      output: { 'src/index.ts': "import { Hono } from 'hono';\nimport { getCookie } from 'hono/cookie';\nconst app = new Hono();\napp.use('/api/*', async (c, next) => {\n  if (!getCookie(c, 'session')) {\n    return c.json({ error: 'Sign in' }, 401);\n  }\n  await next();\n});\napp.delete('/api/posts/:id', async (c) => c.json(await db.delete(posts).where(eq(posts.id, c.req.param('id')))));\nexport default app;\n" },
    },
  ],
});
