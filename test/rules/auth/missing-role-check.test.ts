import rule from '../../../rules/auth/missing-role-check';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const expressPkg = pkg({ express: '^4.19.2' });
const authLib = "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  try {\n    req.user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Not signed in' });\n  }\n}\n\nexport const requireRole = (role: string) => (req, res, next) => (req.user?.role === role ? next() : res.sendStatus(403));\n";
const adminRoutes = "import { Router } from 'express';\nimport { prisma } from '../lib/db';\n\nexport const adminRouter = Router();\nadminRouter.get('/users', async (req, res) => res.json(await prisma.user.findMany()));\nadminRouter.delete('/users/:id', async (req, res) => {\n  await prisma.user.delete({ where: { id: req.params.id } });\n  res.sendStatus(204);\n});\n";
const server = (mount: string) => `import express from 'express';\nimport { requireUser, requireRole } from './lib/auth';\nimport { adminRouter } from './routes/admin';\n\nconst app = express();\n${mount}\napp.listen(3000);\n`;
const expressApp = (mount: string, extra: Record<string, string> = {}) => ({
  'package.json': expressPkg, 'src/lib/auth.ts': authLib, 'src/routes/admin.ts': adminRoutes, 'src/server.ts': server(mount), ...extra,
});

const nestPkg = pkg({ '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0', '@nestjs/passport': '^10.0.0' });
const jwtGuard = "import { Injectable } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n\n@Injectable()\nexport class JwtAuthGuard extends AuthGuard('jwt') {}\n";
const adminController = (decorators: string) => `import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from '../auth/jwt-auth.guard';\nimport { Roles } from '../auth/roles.decorator';\nimport { RolesGuard } from '../auth/roles.guard';\n\n@Controller('users')\n${decorators}\nexport class AdminUsersController {\n  constructor(private readonly users: UsersService) {}\n\n  @Get()\n  list() {\n    return this.users.findAll();\n  }\n\n  @Delete(':id')\n  remove(@Param('id') id: string) {\n    return this.users.remove(id);\n  }\n}\n`;
const nestFiles = (decorators: string) => ({
  'package.json': nestPkg,
  'src/auth/jwt-auth.guard.ts': jwtGuard,
  'src/auth/roles.decorator.ts': "import { SetMetadata } from '@nestjs/common';\nexport const Roles = (...roles: string[]) => SetMetadata('roles', roles);\n",
  'src/auth/roles.guard.ts': "import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';\nimport { Reflector } from '@nestjs/core';\n@Injectable()\nexport class RolesGuard implements CanActivate {\n  constructor(private reflector: Reflector) {}\n  canActivate(ctx: ExecutionContext) {\n    const roles = this.reflector.getAllAndOverride<string[]>('roles', [ctx.getHandler(), ctx.getClass()]);\n    return !roles || roles.includes(ctx.switchToHttp().getRequest().user.role);\n  }\n}\n",
  'src/admin/admin-users.controller.ts': adminController(decorators),
});

/** A projects controller (not an admin path) whose DELETE is meant for admins: `classDecorators` on the class, `methodDecorators` on remove(). */
const projects = (classDecorators: string, methodDecorators: string, imports = '') => `import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from '../auth/jwt-auth.guard';\nimport { Roles } from '../auth/roles.decorator';\nimport { RolesGuard } from '../auth/roles.guard';\n${imports}\n@Controller('projects')\n${classDecorators}\nexport class ProjectsController {\n  constructor(private readonly projects: ProjectsService) {}\n\n  @Get()\n  list() {\n    return this.projects.findAll();\n  }\n\n  ${methodDecorators}\n  @Delete(':id')\n  remove(@Param('id') id: string) {\n    return this.projects.remove(id);\n  }\n}\n`;
const nestProjects = (classDecorators: string, methodDecorators: string, extra: Record<string, string> = {}, imports = '') => {
  const { 'src/admin/admin-users.controller.ts': _admin, ...base } = nestFiles('');
  return { ...base, 'src/projects/projects.controller.ts': projects(classDecorators, methodDecorators, imports), ...extra };
};
const createDecoratorRoles = "import { Reflector } from '@nestjs/core';\nexport const Roles = Reflector.createDecorator<string[]>();\n";

const nextPkg = pkg({ next: '^15.0.0', 'next-auth': '^4.24.0' });
const nextAdmin = (check: string) => `import { getServerSession } from 'next-auth';\nimport { authOptions } from '@/lib/auth';\n\nexport async function DELETE(req: Request, { params }: { params: { id: string } }) {\n  const session = await getServerSession(authOptions);\n  if (!session) return new Response(null, { status: 401 });\n${check}  await prisma.user.delete({ where: { id: params.id } });\n  return new Response(null, { status: 204 });\n}\n`;

const trpcPkg = pkg({ next: '14.2.0', '@trpc/server': '^11.0.0' });
const trpcBase = [
  "import { initTRPC, TRPCError } from '@trpc/server';",
  "import { getServerAuthSession } from '~/server/auth';",
  "import { db } from '~/server/db';",
  '',
  'const t = initTRPC.context<{ db: typeof db; session: Awaited<ReturnType<typeof getServerAuthSession>> }>().create();',
  'export const createTRPCRouter = t.router;',
  'export const protectedProcedure = t.procedure.use(({ ctx, next }) => {',
  "  if (!ctx.session?.user) throw new TRPCError({ code: 'UNAUTHORIZED' });",
  '  return next({ ctx: { session: ctx.session } });',
  '});',
  'export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {',
  "  if (ctx.session.user.role !== 'ADMIN') throw new TRPCError({ code: 'FORBIDDEN' });",
  '  return next();',
  '});',
  '',
].join('\n');
const trpcAdmin = (procedure: string) => ({
  'package.json': trpcPkg,
  'src/server/api/trpc.ts': trpcBase,
  'src/server/api/root.ts': "import { createTRPCRouter } from './trpc';\nimport { adminRouter } from './routers/admin';\n\nexport const appRouter = createTRPCRouter({ admin: adminRouter });\n",
  'src/server/api/routers/admin.ts': `import { z } from 'zod';\nimport { createTRPCRouter, ${procedure} } from '../trpc';\n\nexport const adminRouter = createTRPCRouter({\n  banUser: ${procedure}\n    .input(z.object({ id: z.string() }))\n    .mutation(({ ctx, input }) => ctx.db.user.update({ where: { id: input.id }, data: { banned: true } })),\n});\n`,
});

ruleTester(rule, {
  valid: [
    { name: 'NestJS: the role guard reads the controller\'s @Roles too (getAllAndOverride over handler and class), or @Roles sits on the method it reads', files: {
      'package.json': JSON.parse("{\"name\": \"api\", \"dependencies\": {\"@nestjs/common\": \"^10.0.0\", \"@nestjs/core\": \"^10.0.0\", \"@nestjs/passport\": \"^10.0.0\", \"@nestjs/typeorm\": \"^10.0.0\", \"typeorm\": \"^0.3.20\"}}") && "{\"name\": \"api\", \"dependencies\": {\"@nestjs/common\": \"^10.0.0\", \"@nestjs/core\": \"^10.0.0\", \"@nestjs/passport\": \"^10.0.0\", \"@nestjs/typeorm\": \"^10.0.0\", \"typeorm\": \"^0.3.20\"}}",
      'src/roles.ts': "import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';\nimport { Reflector } from '@nestjs/core';\n\nexport const Roles = (...roles: string[]) => SetMetadata('roles', roles);\n\n@Injectable()\nexport class RolesGuard implements CanActivate {\n  constructor(private reflector: Reflector) {}\n  canActivate(context: ExecutionContext): boolean {\n    const roles = this.reflector.getAllAndOverride<string[]>('roles', [context.getHandler(), context.getClass()]);\n    if (!roles) return true;\n    return roles.includes(context.switchToHttp().getRequest().user.role);\n  }\n}\n",
      'src/user.entity.ts': "import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id: number;\n  @Column({ unique: true }) email: string;\n  @Column() role: string;\n}\n",
      'src/admin.controller.ts': "import { Controller, Delete, Param, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Roles, RolesGuard } from './roles';\nimport { User } from './user.entity';\n\n@Controller('admin/users')\n@Roles('admin')\n@UseGuards(AuthGuard('jwt'), RolesGuard)\nexport class AdminController {\n  constructor(@InjectRepository(User) private users: Repository<User>) {}\n\n  @Delete(':id')\n  remove(@Param('id') id: string) {\n    return this.users.delete(id);\n  }\n}\n",
      'src/admin2/roles.ts': "import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';\nimport { Reflector } from '@nestjs/core';\n\nexport const Roles = (...roles: string[]) => SetMetadata('roles', roles);\n\n@Injectable()\nexport class RolesGuard implements CanActivate {\n  constructor(private reflector: Reflector) {}\n  canActivate(context: ExecutionContext): boolean {\n    const roles = this.reflector.get<string[]>('roles', context.getHandler());\n    if (!roles) return true;\n    return roles.includes(context.switchToHttp().getRequest().user.role);\n  }\n}\n",
      'src/admin2/user.entity.ts': "import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id: number;\n  @Column({ unique: true }) email: string;\n  @Column() role: string;\n}\n",
      'src/admin2/admin.controller.ts': "import { Controller, Delete, Param, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Roles, RolesGuard } from './roles';\nimport { User } from './user.entity';\n\n@Controller('admin/accounts')\n@UseGuards(AuthGuard('jwt'), RolesGuard)\nexport class AdminController {\n  constructor(@InjectRepository(User) private users: Repository<User>) {}\n\n  @Delete(':id')\n  @Roles('admin')\n  remove(@Param('id') id: string) {\n    return this.users.delete(id);\n  }\n}\n",
    } },
    { name: 'Express: a role guard under /admin with admin routes under it', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0' } }),
      'src/middleware/auth.js': "const jwt = require('jsonwebtoken');\nexports.protect = (req, res, next) => {\n  try { req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET); next(); } catch { res.status(401).json({ message: 'Not authorized' }); }\n};\nexports.restrictTo = (...roles) => (req, res, next) => {\n  if (!roles.includes(req.user.role)) return res.status(403).json({ message: 'Forbidden' });\n  next();\n};\n",
      'src/routes/payments.js': "const express = require('express');\nconst { protect, restrictTo } = require('../middleware/auth');\nconst router = express.Router();\nrouter.use(protect);\nrouter.use('/admin', restrictTo('admin'));\nrouter.post('/admin/plans', async (req, res) => res.json({}));\nrouter.post('/checkout', async (req, res) => res.json({}));\nmodule.exports = router;\n",
      'src/app.js': "const express = require('express');\nconst payments = require('./routes/payments');\nconst app = express();\napp.use('/api/payments', payments);\napp.listen(3000);\n",
    } },
    { name: 'Fastify: a preHandler hook that replies 403 and calls done() (Fastify runs nothing more once a hook has replied)', files: {
      'package.json': pkg({ fastify: '^4.28.0', '@fastify/jwt': '^8.0.0' }),
      'src/app.ts': "import Fastify from 'fastify';\nimport jwt from '@fastify/jwt';\n\nconst app = Fastify();\napp.register(jwt, { secret: process.env.JWT_SECRET! });\nfunction requireAdmin(request, reply, done) {\n  if (request.user.role !== 'admin') {\n    reply.code(403).send({ error: 'Admins only' });\n  }\n  done();\n}\napp.register(async (admin) => {\n  admin.addHook('onRequest', (request, reply) => request.jwtVerify());\n  admin.addHook('preHandler', requireAdmin);\n  admin.delete('/users/:id', async (request) => db.user.delete({ where: { id: request.params.id } }));\n}, { prefix: '/admin' });\napp.listen({ port: 3000 });\n",
    } },
    { name: 'Express: a role middleware whose 401 and 403 answers end the request (a return after one, if/else around the other)', files: expressApp("app.use('/admin', requireUser, requireAdmin, adminRouter);", {
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { requireAdmin } from './lib/admin';\nimport { adminRouter } from './routes/admin';\n\nconst app = express();\napp.use('/admin', requireUser, requireAdmin, adminRouter);\napp.listen(3000);\n",
      'src/lib/admin.ts': "export function requireAdmin(req, res, next) {\n  if (!req.user) {\n    res.status(401).json({ error: 'Not signed in' });\n    return;\n  }\n  if (req.user.role !== 'admin') res.status(403).json({ error: 'Admins only' });\n  else next();\n}\n",
    }) },
    { name: 'tRPC: an admin procedure built on a procedure that checks the role (FORBIDDEN unless ADMIN)', files: trpcAdmin('adminProcedure') },
    { name: 'Express: a role middleware on the admin mount', files: expressApp("app.use('/admin', requireUser, requireRole('admin'), adminRouter);") },
    { name: 'Express: a role check in the handler', files: expressApp("app.use('/admin', requireUser, adminRouter);", {
      'src/routes/admin.ts': "import { Router } from 'express';\n\nexport const adminRouter = Router();\nadminRouter.delete('/users/:id', async (req, res) => {\n  if (!req.user.isAdmin) return res.sendStatus(403);\n  res.sendStatus(204);\n});\n",
    }) },
    { name: 'Express: an admin-only middleware by name (requireAdmin) from another file', files: expressApp("app.use('/admin', requireAdmin, adminRouter);", {
      'src/server.ts': "import express from 'express';\nimport { requireAdmin } from './lib/admin';\nimport { adminRouter } from './routes/admin';\nconst app = express();\napp.use('/admin', requireAdmin, adminRouter);\n",
      'src/lib/admin.ts': "export function requireAdmin(req, res, next) { return req.user?.role === 'admin' ? next() : res.sendStatus(403); }\n",
    }) },
    { name: 'Express: admin routes behind basic auth (a shared admin credential)', files: expressApp("app.use('/admin', basicAuth({ users: { admin: process.env.ADMIN_PASSWORD! } }), adminRouter);", {
      'src/server.ts': "import express from 'express';\nimport basicAuth from 'express-basic-auth';\nimport { adminRouter } from './routes/admin';\nconst app = express();\napp.use('/admin', basicAuth({ users: { admin: process.env.ADMIN_PASSWORD! } }), adminRouter);\n",
    }) },
    { name: 'Express: an internal route checking a shared secret (cron, service-to-service)', files: {
      'package.json': expressPkg,
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.post('/internal/jobs/cleanup', (req, res) => {\n  if (req.headers.authorization !== `Bearer ${process.env.CRON_SECRET}`) return res.sendStatus(401);\n  res.sendStatus(204);\n});\n",
    } },
    { name: 'Express: unguarded admin routes are for auth/unguarded-route, not this rule', files: expressApp("app.use('/admin', adminRouter);") },
    { name: 'Express: non-admin routes guarded by login only are fine', files: expressApp("app.use('/projects', requireUser, adminRouter);") },
    { name: 'Express: middleware we cannot see (a spread) keeps it quiet', files: expressApp("app.use('/admin', requireUser, ...adminPolicies, adminRouter);", {
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { adminPolicies } from '@acme/policies';\nimport { adminRouter } from './routes/admin';\nconst app = express();\napp.use('/admin', requireUser, ...adminPolicies, adminRouter);\n",
    }) },
    { name: 'NestJS: @Roles with a RolesGuard on the admin controller', files: nestFiles("@UseGuards(JwtAuthGuard, RolesGuard)\n@Roles('admin')") },
    { name: 'NestJS: @Roles on a method, RolesGuard with the JWT guard on the controller', files: nestProjects('@UseGuards(JwtAuthGuard, RolesGuard)', "@Roles('admin')") },
    { name: 'NestJS: @Roles (Reflector.createDecorator), RolesGuard registered as a global APP_GUARD', files: nestProjects('@UseGuards(JwtAuthGuard)', "@Roles(['admin'])", {
      'src/auth/roles.decorator.ts': createDecoratorRoles,
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { RolesGuard } from './auth/roles.guard';\n@Module({ providers: [{ provide: APP_GUARD, useClass: RolesGuard }] })\nexport class AppModule {}\n",
    }) },
    { name: 'NestJS: a composite decorator that applies the guards itself (applyDecorators)', files: nestProjects('', "@Auth('admin')", {
      'src/auth/auth.decorator.ts': "import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from './jwt-auth.guard';\nimport { RolesGuard } from './roles.guard';\nexport function Auth(...roles: string[]) {\n  return applyDecorators(SetMetadata('roles', roles), UseGuards(JwtAuthGuard, RolesGuard));\n}\n",
    }, "import { Auth } from '../auth/auth.decorator';\n") },
    { name: 'NestJS: a role decorator from a package (its module registers the guard) is trusted', files: nestProjects('', "@Resource('projects')\n  @KeycloakRoles({ roles: ['admin'] })", {}, "import { Resource, Roles as KeycloakRoles } from 'nest-keycloak-connect';\n") },
    { name: 'NestJS: a global guard of unknown purpose (from a package) may read @Roles', files: nestProjects('', "@Roles('admin')", {
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { guards } from '@acme/nest-kit';\n@Module({ providers: [{ provide: APP_GUARD, useClass: guards.primary }] })\nexport class AppModule {}\n",
    }) },
    { name: 'NestJS: a global guard the scan cannot see (APP_GUARD with a factory)', files: nestProjects('', "@Roles('admin')", {
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\n@Module({ providers: [{ provide: APP_GUARD, useFactory: (r) => r.create(), inject: [GuardRegistry] }] })\nexport class AppModule {}\n",
    }) },
    { name: 'NestJS: a guard that checks admins by name', files: { ...nestFiles('@UseGuards(JwtAuthGuard, AdminGuard)'), 'src/admin/admin-users.controller.ts': adminController('@UseGuards(JwtAuthGuard, AdminGuard)').replace("import { RolesGuard } from '../auth/roles.guard';", "import { AdminGuard } from '../auth/admin.guard';"), 'src/auth/admin.guard.ts': 'export class AdminGuard { canActivate() { return true; } }\n' } },
    { name: 'Next.js: the handler checks the role', files: { 'package.json': nextPkg, 'src/app/api/admin/users/[id]/route.ts': nextAdmin("  if (session.user.role !== 'admin') return new Response(null, { status: 403 });\n") } },
    { name: 'Next.js: the middleware checks the role for /admin', files: {
      'package.json': nextPkg,
      'src/middleware.ts': "import { withAuth } from 'next-auth/middleware';\nexport default withAuth({ callbacks: { authorized: ({ token }) => token?.role === 'admin' } });\nexport const config = { matcher: ['/admin/:path*', '/api/admin/:path*'] };\n",
      'src/app/api/admin/users/route.ts': 'export async function GET() { return Response.json([]); }\n',
    } },
  ],
  invalid: [
    {
      name: 'NestJS: @Roles on the controller, but the role guard reads only the method\'s metadata (reflector.get(..., context.getHandler())), so it lets every signed-in user through (seen on a real NestJS + TypeORM app)',
      files: { 'package.json': "{\"name\": \"api\", \"dependencies\": {\"@nestjs/common\": \"^10.0.0\", \"@nestjs/core\": \"^10.0.0\", \"@nestjs/passport\": \"^10.0.0\", \"@nestjs/typeorm\": \"^10.0.0\", \"typeorm\": \"^0.3.20\"}}", 'src/roles.ts': "import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';\nimport { Reflector } from '@nestjs/core';\n\nexport const Roles = (...roles: string[]) => SetMetadata('roles', roles);\n\n@Injectable()\nexport class RolesGuard implements CanActivate {\n  constructor(private reflector: Reflector) {}\n  canActivate(context: ExecutionContext): boolean {\n    const roles = this.reflector.get<string[]>('roles', context.getHandler());\n    if (!roles) return true;\n    return roles.includes(context.switchToHttp().getRequest().user.role);\n  }\n}\n", 'src/user.entity.ts': "import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id: number;\n  @Column({ unique: true }) email: string;\n  @Column() role: string;\n}\n", 'src/admin.controller.ts': "import { Controller, Delete, Param, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Roles, RolesGuard } from './roles';\nimport { User } from './user.entity';\n\n@Controller('admin/users')\n@Roles('admin')\n@UseGuards(AuthGuard('jwt'), RolesGuard)\nexport class AdminController {\n  constructor(@InjectRepository(User) private users: Repository<User>) {}\n\n  @Delete(':id')\n  remove(@Param('id') id: string) {\n    return this.users.delete(id);\n  }\n}\n" },
      errors: [{ file: 'src/admin.controller.ts', line: 14, column: 3, tier: 'ship-stopping', message: /^`DELETE \/admin\/users\/:id` is in a controller marked `@Roles`, but `RolesGuard` reads the roles only from the method/ }],
    },
    { name: 'Express: a role guard applied under /admin on a router whose routes are /plans and /payments (seen on a real Stripe app: any user could create plans)', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', mongoose: '^8.0.0' } }),
      'src/middleware/auth.js': "const jwt = require('jsonwebtoken');\nexports.protect = (req, res, next) => {\n  try { req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET); next(); } catch { res.status(401).json({ message: 'Not authorized' }); }\n};\nexports.restrictTo = (...roles) => (req, res, next) => {\n  if (!roles.includes(req.user.role)) return res.status(403).json({ message: 'Forbidden' });\n  next();\n};\n",
      'src/routes/payments.js': "const express = require('express');\nconst { protect, restrictTo } = require('../middleware/auth');\nconst Plan = require('../models/plan');\nconst router = express.Router();\nrouter.get('/plans', async (req, res) => res.json(await Plan.find()));\nrouter.use(protect);\nrouter.get('/history', async (req, res) => res.json([]));\nrouter.use('/admin', restrictTo('admin'));\nrouter.post('/plans', async (req, res) => res.json(await Plan.create({ name: req.body.name })));\nrouter.delete('/plans/:id', async (req, res) => res.json(await Plan.findByIdAndDelete(req.params.id)));\nmodule.exports = router;\n",
      'src/app.js': "const express = require('express');\nconst payments = require('./routes/payments');\nconst app = express();\napp.use(express.json());\napp.use('/api/payments', payments);\napp.listen(3000);\n",
    },
    errors: [{ file: 'src/routes/payments.js', line: 8, column: 1, tier: 'ship-stopping', message: "`restrictTo('admin')` is applied only under `/api/payments/admin`, but no route of this router is there, so it checks nothing: `POST /api/payments/plans`, `DELETE /api/payments/plans/:id` check no role, and any signed-in user can call them. Apply the guard to the routes it is meant for (`router.use(restrictTo('admin'))` before them, or on each route), or register them under `/api/payments/admin`." }] },
    {
      name: 'tRPC: a procedure under the admin key built on protectedProcedure only',
      files: trpcAdmin('protectedProcedure'),
      errors: [{ file: 'src/server/api/routers/admin.ts', line: 5, column: 3, message: "The tRPC mutation `admin.banUser` is an admin route but only checks that the caller is signed in (`protectedProcedure`): any user with an account can call it. Build it on a procedure that checks the role: e.g. `adminProcedure = protectedProcedure.use(...)` throwing `new TRPCError({ code: 'FORBIDDEN' })` unless `ctx.session.user.role === 'admin'`." }],
    },
    {
      name: 'Express: an admin router mounted behind the login check only (route in another file)',
      files: expressApp("app.use('/admin', requireUser, adminRouter);"),
      errors: [
        { file: 'src/routes/admin.ts', line: 5, column: 1, message: "`GET /admin/users` is an admin route but only checks that the caller is signed in (`requireUser`): any user with an account can call it. Add a role or permission check after the login check (e.g. `requireRole('admin')`, or `if (req.user.role !== 'admin') return res.sendStatus(403)`), ideally on the admin router's mount." },
        { file: 'src/routes/admin.ts', line: 6, column: 1, message: /^`DELETE \/admin\/users\/:id` is an admin route but only checks that the caller is signed in \(`requireUser`\)/ },
      ],
      output: null,
    },
    {
      name: 'Express: the app uses a role middleware elsewhere, not on this admin route',
      files: {
        'package.json': expressPkg,
        'src/lib/auth.ts': authLib,
        'src/server.ts': "import express from 'express';\nimport { requireUser, requireRole } from './lib/auth';\nconst app = express();\napp.use(requireUser);\napp.get('/billing/invoices', requireRole('owner'), (req, res) => res.json([]));\napp.post('/internal/reindex', (req, res) => res.sendStatus(202));\n",
      },
      errors: [{ file: 'src/server.ts', line: 6, column: 1, message: /^`POST \/internal\/reindex` is an admin route .* \(`requireUser`\).*\(`requireRole\('owner'\)`, which this app uses elsewhere\)/ }],
    },
    {
      name: 'NestJS: an Admin controller behind the JWT guard only',
      files: nestFiles('@UseGuards(JwtAuthGuard)'),
      errors: [
        { file: 'src/admin/admin-users.controller.ts', line: 11, column: 3, message: "`GET /users` is an admin route but only checks that the caller is signed in (`JwtAuthGuard`): any user with an account can call it. Add a role guard: `@Roles('admin')` with a RolesGuard on the method or controller." },
        { file: 'src/admin/admin-users.controller.ts', line: 16, column: 3 },
      ],
    },
    {
      name: 'NestJS: @Roles on a method behind the JWT guard only: nothing reads the roles (not an admin path)',
      files: nestProjects('@UseGuards(JwtAuthGuard)', "@Roles('admin')"),
      errors: [{ file: 'src/projects/projects.controller.ts', line: 17, column: 3, tier: 'tech-debt', message: "`DELETE /projects/:id` is marked `@Roles`, but that decorator only sets metadata and no guard on this route reads it (no RolesGuard in `@UseGuards()` on the method or controller, nor as a global `APP_GUARD`): any signed-in user can call it. Apply the role guard: `@UseGuards(JwtAuthGuard, RolesGuard)`, or register RolesGuard as an `APP_GUARD` provider." }],
    },
    {
      name: 'NestJS: @Roles (Reflector.createDecorator) on the controller and no guard at all',
      files: nestProjects("@Roles(['admin'])", '', { 'src/auth/roles.decorator.ts': createDecoratorRoles }),
      errors: [
        { file: 'src/projects/projects.controller.ts', line: 11, column: 3, tier: 'ship-stopping', message: /^`GET \/projects` is marked `@Roles`, but .*: anyone, signed in or not, can call it\. Apply the role guard: `@UseGuards\(JwtAuthGuard, RolesGuard\)`/ },
        { file: 'src/projects/projects.controller.ts', line: 17, column: 3, tier: 'ship-stopping' },
      ],
    },
    {
      name: 'Next.js: an admin route handler that checks the session only',
      files: { 'package.json': nextPkg, 'src/app/api/admin/users/[id]/route.ts': nextAdmin('') },
      errors: [{ file: 'src/app/api/admin/users/[id]/route.ts', line: 4, column: 23, message: /^`DELETE \/api\/admin\/users\/:id` is an admin route but only checks that the caller is signed in \(`getServerSession\(\)`\): any user with an account can call it\. Check the session user's role/ }],
    },
    {
      name: 'Fastify: an admin plugin whose hook only verifies the JWT',
      files: {
        'package.json': pkg({ fastify: '^5.0.0' }),
        'src/server.ts': "import Fastify from 'fastify';\nimport admin from './admin';\nconst app = Fastify();\napp.register(admin, { prefix: '/admin' });\n",
        'src/admin.ts': "export default async function admin(app) {\n  app.addHook('onRequest', async (req) => { await req.jwtVerify(); });\n  app.delete('/users/:id', async (req) => db.user.delete({ where: { id: req.params.id } }));\n}\n",
      },
      errors: [{ file: 'src/admin.ts', line: 3, column: 3, message: /^`DELETE \/admin\/users\/:id` is an admin route .*Add a role check as a `preHandler` hook/ }],
    },
    {
      name: 'Hono: /backoffice/* behind jwt only',
      files: {
        'package.json': pkg({ hono: '^4.6.0' }),
        'src/index.ts': "import { Hono } from 'hono';\nimport { jwt } from 'hono/jwt';\nconst app = new Hono();\napp.use('/backoffice/*', jwt({ secret: process.env.JWT_SECRET! }));\napp.post('/backoffice/refunds', async (c) => c.json({}));\nexport default app;\n",
      },
      errors: [{ file: 'src/index.ts', line: 5, column: 1, message: /^`POST \/backoffice\/refunds` is an admin route but only checks that the caller is signed in \(`jwt\(\)`\)/ }],
    },
    {
      name: 'Express: the admin role middleware answers 403 and calls next() anyway (one finding where it answers, with the fix)',
      files: expressApp("app.use('/admin', requireUser, requireAdmin, adminRouter);", {
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { requireAdmin } from './lib/admin';\nimport { adminRouter } from './routes/admin';\n\nconst app = express();\napp.use('/admin', requireUser, requireAdmin, adminRouter);\napp.listen(3000);\n",
        'src/lib/admin.ts': "export function requireAdmin(req, res, next) {\n  if (req.user.role !== 'admin') {\n    res.status(403).json({ error: 'Admins only' });\n  }\n  next();\n}\n",
      }),
      errors: [{ file: 'src/lib/admin.ts', line: 3, column: 5, tier: 'ship-stopping', message: "`res.status(403)` refuses the caller, but the code goes on: `next()` still runs for a caller this check refused. 2 routes rely on this check (e.g. `DELETE /admin/users/:id`). Return right after answering (`return res.status(403)...`, or `return;` after it)." }],
      output: { 'src/lib/admin.ts': "export function requireAdmin(req, res, next) {\n  if (req.user.role !== 'admin') {\n    res.status(403).json({ error: 'Admins only' });\n    return;\n  }\n  next();\n}\n" },
    },
    {
      name: "Express: a handler's owner check answers 403 and goes on to delete (not an admin route)",
      files: {
        'package.json': expressPkg,
        'src/lib/auth.ts': authLib,
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { prisma } from './lib/db';\n\nconst app = express();\napp.delete('/posts/:id', requireUser, async (req, res) => {\n  const post = await prisma.post.findUnique({ where: { id: req.params.id } });\n  if (post.authorId !== req.user.id) res.status(403).json({ error: 'Not yours' });\n  await prisma.post.delete({ where: { id: post.id } });\n  res.sendStatus(204);\n});\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/server.ts', line: 8, column: 38, message: /^`res\.status\(403\)` refuses the caller, but the code goes on: `await prisma\.post\.delete\(\{ where: \{ id: post\.id \} \}\)` still runs for a caller this check refused\. `DELETE \/posts\/:id` relies on this check\./ }],
      output: { 'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { prisma } from './lib/db';\n\nconst app = express();\napp.delete('/posts/:id', requireUser, async (req, res) => {\n  const post = await prisma.post.findUnique({ where: { id: req.params.id } });\n  if (post.authorId !== req.user.id) { res.status(403).json({ error: 'Not yours' }); return; }\n  await prisma.post.delete({ where: { id: post.id } });\n  res.sendStatus(204);\n});\napp.listen(3000);\n" },
    },
    {
      name: 'Express: an authorize(roles) factory that lets allowed roles through early, then refuses and calls next() anyway (seen on a real TypeORM app, fixed)',
      files: expressApp("app.use('/admin', requireUser, authorize(['admin']), adminRouter);", {
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { authorize } from './lib/authorize';\nimport { adminRouter } from './routes/admin';\n\nconst app = express();\napp.use('/admin', requireUser, authorize(['admin']), adminRouter);\napp.listen(3000);\n",
        'src/lib/authorize.ts': "export const authorize = (roles: string[]) => (req, res, next) => {\n  if (roles.includes(req.user.role)) {\n    return next();\n  }\n  res.status(403).json({ message: 'Forbidden' });\n  next();\n};\n",
      }),
      errors: [{ file: 'src/lib/authorize.ts', line: 5, column: 3, tier: 'ship-stopping', message: /^`res\.status\(403\)` refuses the caller, but the code goes on: `next\(\)` still runs for a caller this check refused\. 2 routes rely on this check/ }],
      output: { 'src/lib/authorize.ts': "export const authorize = (roles: string[]) => (req, res, next) => {\n  if (roles.includes(req.user.role)) {\n    return next();\n  }\n  res.status(403).json({ message: 'Forbidden' });\n  return;\n  next();\n};\n" },
    },
  ],
});
