import rule from '../../../rules/security/no-csrf';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const sessionPkg = pkg({ express: '^4.21.0', 'express-session': '^1.18.0', 'connect-redis': '^7.1.0' });
const sessionGuard = "export function requireUser(req, res, next) {\n  if (!req.session.userId) return res.status(401).json({ error: 'Sign in' });\n  next();\n}\n";
const sessionServer = (cookie: string, extra = '') => `import express from 'express';\nimport session from 'express-session';\nimport { requireUser } from './auth';\nimport { projects } from './routes/projects';\n${extra}\nconst app = express();\napp.use(session({\n  secret: process.env.SESSION_SECRET!,\n  resave: false,\n  saveUninitialized: false,\n${cookie}}));\napp.use(express.json());\napp.use('/projects', requireUser, projects);\napp.listen(3000);\n`;
const projectsRouter = "import { Router } from 'express';\n\nexport const projects = Router();\nprojects.get('/', (req, res) => res.json([]));\nprojects.post('/', (req, res) => res.status(201).json({}));\nprojects.delete('/:id', (req, res) => res.sendStatus(204));\n";
const cookieJwtGuard = "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  try {\n    req.user = jwt.verify(req.cookies.access_token, process.env.JWT_SECRET!);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Sign in' });\n  }\n}\n";
const cookieServer = (opts: string) => `import express from 'express';\nimport cookieParser from 'cookie-parser';\nimport { requireUser } from './auth';\nimport { projects } from './routes/projects';\n\nconst app = express();\napp.use(express.json());\napp.use(cookieParser());\napp.post('/login', (req, res) => {\n  res.cookie('access_token', sign(req.body), ${opts});\n  res.sendStatus(204);\n});\napp.use('/projects', requireUser, projects);\napp.listen(3000);\n`;

ruleTester(rule, {
  valid: [
    { name: 'express-session with sameSite lax (cookie options in a const)', files: {
      'package.json': sessionPkg, 'src/auth.ts': sessionGuard, 'src/routes/projects.ts': projectsRouter,
      'src/server.ts': sessionServer('  cookie,\n', "const cookie = { httpOnly: true, secure: true, sameSite: 'lax' as const, maxAge: 86_400_000 };"),
    } },
    { name: 'sameSite chosen by environment (cannot tell)', files: {
      'package.json': sessionPkg, 'src/auth.ts': sessionGuard, 'src/routes/projects.ts': projectsRouter,
      'src/server.ts': sessionServer("  cookie: { httpOnly: true, sameSite: process.env.CROSS_SITE ? 'none' : 'lax' },\n"),
    } },
    { name: 'csrf-csrf configured in another file', files: {
      'package.json': sessionPkg, 'src/auth.ts': sessionGuard, 'src/routes/projects.ts': projectsRouter,
      'src/csrf.ts': "import { doubleCsrf } from 'csrf-csrf';\n\nexport const { doubleCsrfProtection, generateToken } = doubleCsrf({ getSecret: () => process.env.CSRF_SECRET! });\n",
      'src/server.ts': sessionServer("  cookie: { httpOnly: true },\n"),
    } },
    { name: 'An Origin check middleware', files: {
      'package.json': sessionPkg, 'src/auth.ts': sessionGuard, 'src/routes/projects.ts': projectsRouter,
      'src/origin.ts': "export function sameOrigin(req, res, next) {\n  if (req.method !== 'GET' && req.headers.origin !== process.env.APP_ORIGIN) return res.sendStatus(403);\n  next();\n}\n",
      'src/server.ts': sessionServer("  cookie: { httpOnly: true },\n"),
    } },
    { name: 'An Origin check with req.get() in its own file (the only relevant name: get)', files: {
      'package.json': sessionPkg, 'src/auth.ts': sessionGuard, 'src/routes/projects.ts': projectsRouter,
      'src/origin.ts': "export function sameOrigin(req, res, next) {\n  if (req.method !== 'GET' && req.get('Origin') !== process.env.APP_ORIGIN) return res.sendStatus(403);\n  next();\n}\n",
      'src/server.ts': sessionServer("  cookie: { httpOnly: true },\n"),
    } },
    { name: 'A CSRF library imported with require in another file', files: {
      'package.json': sessionPkg, 'src/auth.ts': sessionGuard, 'src/routes/projects.ts': projectsRouter,
      'src/csrf.js': "const lusca = require('lusca');\nmodule.exports = lusca.csrf();\n",
      'src/server.ts': sessionServer("  cookie: { httpOnly: true },\n"),
    } },
    { name: 'Bearer tokens in the Authorization header (no cookie auth)', files: {
      'package.json': pkg({ express: '^4.21.0', jsonwebtoken: '^9.0.0' }),
      'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  try {\n    req.user = jwt.verify(req.headers.authorization?.replace('Bearer ', '') ?? '', process.env.JWT_SECRET!);\n    next();\n  } catch {\n    res.status(401).end();\n  }\n}\n",
      'src/routes/projects.ts': projectsRouter,
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './auth';\nimport { projects } from './routes/projects';\n\nconst app = express();\napp.post('/login', (req, res) => res.json({ token: sign(req.body) }));\napp.use('/projects', requireUser, projects);\napp.listen(3000);\n",
    } },
    { name: 'An auth cookie set with sameSite strict', files: {
      'package.json': pkg({ express: '^4.21.0', 'cookie-parser': '^1.4.0' }), 'src/auth.ts': cookieJwtGuard, 'src/routes/projects.ts': projectsRouter,
      'src/server.ts': cookieServer("{ httpOnly: true, secure: true, sameSite: 'strict' }"),
    } },
    { name: 'Sessions but only read routes', files: {
      'package.json': sessionPkg, 'src/auth.ts': sessionGuard,
      'src/routes/projects.ts': "import { Router } from 'express';\n\nexport const projects = Router();\nprojects.get('/', (req, res) => res.json([]));\n",
      'src/server.ts': sessionServer("  cookie: { httpOnly: true },\n"),
    } },
    { name: 'Hono: the csrf() middleware', files: {
      'package.json': pkg({ hono: '^4.6.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nimport { csrf } from 'hono/csrf';\nimport { getCookie, setCookie } from 'hono/cookie';\n\nconst app = new Hono();\napp.use(csrf({ origin: 'https://app.example.com' }));\napp.post('/login', (c) => { setCookie(c, 'session', 'x', { httpOnly: true }); return c.text('ok'); });\napp.post('/notes', (c) => {\n  if (!getCookie(c, 'session')) return c.json({ error: 'Sign in' }, 401);\n  return c.json({});\n});\nexport default app;\n",
    } },
    { name: 'Next.js route handlers (server actions and auth libraries handle it)', files: {
      'package.json': pkg({ next: '^15.0.0' }),
      'app/api/notes/route.ts': "import { cookies } from 'next/headers';\n\nexport async function POST(req: Request) {\n  const token = (await cookies()).get('session');\n  if (!token) return new Response(null, { status: 401 });\n  return Response.json({});\n}\n",
    } },
    { name: 'Fastify: @fastify/session with its defaults (not read here)', files: {
      'package.json': pkg({ fastify: '^4.28.0', '@fastify/cookie': '^9.4.0', '@fastify/session': '^10.9.0' }),
      'src/app.ts': "import Fastify from 'fastify';\nimport fastifyCookie from '@fastify/cookie';\nimport fastifySession from '@fastify/session';\n\nconst app = Fastify();\napp.register(fastifyCookie);\napp.register(fastifySession, { secret: process.env.SESSION_SECRET! });\napp.post('/notes', async (request, reply) => {\n  if (!request.session.userId) return reply.code(401).send();\n  return {};\n});\napp.listen({ port: 3000 });\n",
    } },
  ],
  invalid: [
    { name: 'NestJS: a JWT read from a cookie set by a raw Set-Cookie header with no SameSite (seen on a real NestJS app)', files: {
      'package.json': pkg({ '@nestjs/core': '^11.0.0', '@nestjs/common': '^11.0.0', '@nestjs/passport': '^11.0.0', 'passport-jwt': '^4.0.1' }),
      'src/jwt.strategy.ts': "import { Injectable } from '@nestjs/common';\nimport { PassportStrategy } from '@nestjs/passport';\nimport { Strategy } from 'passport-jwt';\n@Injectable()\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor() {\n    super({ jwtFromRequest: (req) => req?.cookies?.Authentication, secretOrKey: process.env.JWT_SECRET!, algorithms: ['HS256'] });\n  }\n  validate(p: { id: number }) { return p; }\n}\n",
      'src/auth.controller.ts': "import { Controller, Delete, Param, Post, Res, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\nimport type { Response } from 'express';\n\n@Controller('auth')\nexport class AuthController {\n  @Post('login')\n  login(@Res({ passthrough: true }) res: Response) {\n    res.setHeader('Set-Cookie', [`Authentication=${this.sign()}; HttpOnly; Path=/; Max-Age=900`]);\n    return { ok: true };\n  }\n  sign() { return 'x'; }\n}\n",
      'src/items.controller.ts': "import { Controller, Delete, Param, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n\n@Controller('items')\nexport class ItemsController {\n  @Delete(':id')\n  @UseGuards(AuthGuard('jwt'))\n  remove(@Param('id') id: string) {\n    return { id };\n  }\n}\n",
    },
    errors: [{ file: 'src/auth.controller.ts', line: 9, column: 34, message: /^Routes that change data with cookie authentication \(`DELETE \/items\/:id`\) have no CSRF defence: the auth cookie `Authentication` is set without sameSite/ }] },
    { name: 'Express: express-session without sameSite, guarded routes in another file', files: {
      'package.json': sessionPkg, 'src/auth.ts': sessionGuard, 'src/routes/projects.ts': projectsRouter,
      'src/server.ts': sessionServer("  cookie: { httpOnly: true, secure: true },\n"),
    },
    errors: [{ file: 'src/server.ts', line: 7, column: 9, message: "Routes that change data with cookie authentication (`POST /projects`, `DELETE /projects/:id`) have no CSRF defence: the session cookie (express-session) is set without sameSite, so the browser sends it on requests another site triggers, and a page the user visits can act as them. Set `sameSite: 'lax'` (or 'strict') on the cookie, or add CSRF tokens (csrf-csrf, @fastify/csrf-protection, koa-csrf) or an Origin check.", tier: 'tech-debt' }] },
    { name: 'Express: a JWT in a cookie read by the guard, set with sameSite none (anchored on cookie-parser)', files: {
      'package.json': pkg({ express: '^4.21.0', 'cookie-parser': '^1.4.0' }), 'src/auth.ts': cookieJwtGuard, 'src/routes/projects.ts': projectsRouter,
      'src/server.ts': cookieServer("{ httpOnly: true, secure: true, sameSite: 'none' }"),
    },
    errors: [{ file: 'src/server.ts', line: 8, column: 9, message: /^Routes that change data with cookie authentication \(`POST \/projects`, `DELETE \/projects\/:id`\) have no CSRF defence: the auth cookie `access_token` is set with `sameSite: 'none'`/ }] },
    { name: 'Express: the cookie set with no options at all, read by a guard that also accepts a bearer token', files: {
      'package.json': pkg({ express: '^4.21.0', 'cookie-parser': '^1.4.0' }),
      'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  const token = req.cookies.token ?? req.headers.authorization?.replace('Bearer ', '');\n  try {\n    req.user = jwt.verify(token, process.env.JWT_SECRET!);\n    next();\n  } catch {\n    res.status(401).end();\n  }\n}\n",
      'src/routes/projects.ts': projectsRouter,
      'src/routes/auth.ts': "import { Router } from 'express';\n\nexport const auth = Router();\nauth.post('/login', (req, res) => {\n  res.cookie('token', sign(req.body));\n  res.sendStatus(204);\n});\n",
      'src/server.ts': "import express from 'express';\nimport cookieParser from 'cookie-parser';\nimport { requireUser } from './auth';\nimport { auth } from './routes/auth';\nimport { projects } from './routes/projects';\n\nconst app = express();\napp.use(cookieParser());\napp.use('/auth', auth);\napp.use('/projects', requireUser, projects);\napp.listen(3000);\n",
    },
    errors: [{ file: 'src/server.ts', line: 8, column: 9, message: /the auth cookie `token` is set without sameSite/ }] },
    { name: 'Koa: koa-session without sameSite', files: {
      'package.json': pkg({ koa: '^2.15.0', 'koa-session': '^6.4.0', '@koa/router': '^12.0.0' }),
      'src/app.ts': "import Koa from 'koa';\nimport session from 'koa-session';\nimport Router from '@koa/router';\n\nconst app = new Koa();\napp.keys = [process.env.SESSION_KEY!];\napp.use(session({ maxAge: 86_400_000, httpOnly: true }, app));\nconst router = new Router();\nrouter.post('/notes', async (ctx) => {\n  if (!ctx.session.userId) ctx.throw(401);\n  ctx.body = {};\n});\napp.use(router.routes());\napp.listen(3000);\n",
    },
    errors: [{ line: 7, column: 9, message: /^Routes that change data with cookie authentication \(`POST \/notes`\) have no CSRF defence: the session cookie \(koa-session\) is set without sameSite/ }] },
    { name: 'Hono: a session cookie set and read with hono/cookie', files: {
      'package.json': pkg({ hono: '^4.6.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nimport { getCookie, setCookie } from 'hono/cookie';\n\nconst app = new Hono();\napp.post('/login', (c) => {\n  setCookie(c, 'session', createSession(), { httpOnly: true, secure: true });\n  return c.text('ok');\n});\napp.post('/notes', (c) => {\n  if (!getCookie(c, 'session')) return c.json({ error: 'Sign in' }, 401);\n  return c.json({});\n});\nexport default app;\n",
    },
    errors: [{ line: 6, column: 3, message: /the auth cookie `session` is set without sameSite/ }] },
    { name: 'Nest: express-session in main.ts, an AuthenticatedGuard (passport sessions) on the controller', files: {
      'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', 'express-session': '^1.18.0' }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport session from 'express-session';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));\n  await app.listen(3000);\n}\nbootstrap();\n",
      'src/authenticated.guard.ts': "import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';\n\n@Injectable()\nexport class AuthenticatedGuard implements CanActivate {\n  canActivate(ctx: ExecutionContext) {\n    return ctx.switchToHttp().getRequest().isAuthenticated();\n  }\n}\n",
      'src/notes.controller.ts': "import { Body, Controller, Post, UseGuards } from '@nestjs/common';\nimport { AuthenticatedGuard } from './authenticated.guard';\n\n@Controller('notes')\n@UseGuards(AuthenticatedGuard)\nexport class NotesController {\n  @Post()\n  create(@Body() body: CreateNoteDto) {\n    return body;\n  }\n}\n",
    },
    errors: [{ file: 'src/main.ts', line: 7, column: 11, message: /^Routes that change data with cookie authentication \(`POST \/notes`\)/ }] },
    { name: 'Fastify: @fastify/session with sameSite none for a front end on another site', files: {
      'package.json': pkg({ fastify: '^4.28.0', '@fastify/cookie': '^9.4.0', '@fastify/session': '^10.9.0' }),
      'src/app.ts': "import Fastify from 'fastify';\nimport fastifyCookie from '@fastify/cookie';\nimport fastifySession from '@fastify/session';\n\nconst app = Fastify();\napp.register(fastifyCookie);\napp.register(fastifySession, { secret: process.env.SESSION_SECRET!, cookie: { secure: true, sameSite: 'none' } });\napp.post('/notes', async (request, reply) => {\n  if (!request.session.userId) return reply.code(401).send();\n  return {};\n});\napp.listen({ port: 3000 });\n",
    },
    errors: [{ line: 7, column: 1, message: /the session cookie \(@fastify\/session\) is set with `sameSite: 'none'`/ }] },
  ],
});
