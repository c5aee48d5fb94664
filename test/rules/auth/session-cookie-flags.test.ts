import rule from '../../../rules/auth/session-cookie-flags';
import { ruleTester } from '../../helpers/ruleTester';

const express = "import express from 'express';\nconst app = express();\n";

ruleTester(rule, {
  valid: [
    { name: 'Fastify: a refresh-token cookie without maxAge, the JWT in it signed with its own 7-day lifetime (seen on a real Fastify + Prisma API)', code: "import { FastifyReply, FastifyRequest } from 'fastify';\nexport async function authenticate(request: FastifyRequest, reply: FastifyReply) {\n  const token = await reply.jwtSign({ role: 'MEMBER' }, { sign: { sub: 'u1' } });\n  const refreshToken = await reply.jwtSign({ role: 'MEMBER' }, { sign: { sub: 'u1', expiresIn: '7d' } });\n  return reply\n    .code(200)\n    .setCookie('refreshToken', refreshToken, {\n      path: '/',\n      secure: true,\n      sameSite: true,\n      httpOnly: true,\n    })\n    .send({ token });\n}\n" },
    { name: 'the cookie package: a session cookie serialised with every flag, and a theme cookie', code: "import { serialize } from 'cookie';\nexport function headers(sid: string) {\n  return [serialize('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 3600, path: '/' }), serialize('theme', 'dark', { path: '/' })];\n}\n" },
    "function prefs(req, res, theme) {\n  res.cookie('kento', theme, { maxAge: 86400000 });\n  res.cookie('XSRF-TOKEN', token, { sameSite: 'lax' });\n}\n",
    { name: 'Raw Set-Cookie headers: a complete auth cookie, a logout that clears it, attributes chosen at run time, and a non-auth cookie', code: "export function login(res, token: string, secure: boolean) {\n  res.setHeader('Set-Cookie', `session=${token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=3600`);\n}\nexport function logout(res) {\n  res.setHeader('Set-Cookie', 'session=; Path=/; Max-Age=0');\n}\nexport function dev(res, token: string, secure: boolean) {\n  res.setHeader('Set-Cookie', `token=${token}; Path=/; ${secure ? 'Secure; ' : ''}HttpOnly`);\n}\nexport function theme(res) {\n  res.setHeader('Set-Cookie', 'theme=dark; Path=/');\n}\n" },
    express + "app.post('/login', (req, res) => {\n  res.cookie('token', token, {\n    httpOnly: true,\n    secure: process.env.NODE_ENV === 'production',\n    sameSite: 'lax',\n    maxAge: 1000 * 60 * 60,\n  });\n});",
    express + "const isProd = process.env.NODE_ENV === 'production';\napp.post('/login', (req, res) => {\n  res.cookie('session_id', id, { httpOnly: true, secure: isProd, sameSite: 'strict', expires: new Date(Date.now() + 864e5) });\n});",
    // options in a const, with or without a spread on top
    express + "const cookieOptions = { httpOnly: true, secure: true, sameSite: 'lax' as const, maxAge: 7 * 24 * 3600 * 1000 };\napp.post('/refresh', (req, res) => {\n  res.cookie('refreshToken', t, { ...cookieOptions, path: '/auth/refresh' });\n  res.cookie('accessToken', a, cookieOptions);\n});",
    // options this file cannot see
    "import { Response } from 'express';\nimport { cookieOptions, getCookieOptions } from './cookies';\nexport function setAuth(res: Response, token: string) {\n  res.cookie('token', token, cookieOptions);\n  res.cookie('jwt', token, getCookieOptions());\n  res.cookie('auth', token, { ...cookieOptions });\n}",
    // not an auth cookie
    express + "app.get('/prefs', (req, res) => {\n  res.cookie('theme', 'dark');\n  res.cookie('locale', req.query.lang, { maxAge: 31536000000 });\n});",
    // a CSRF double-submit cookie must stay readable by the page
    express + "app.use((req, res, next) => { res.cookie('XSRF-TOKEN', req.csrfToken()); next(); });",
    // clearing a cookie on logout
    express + "app.post('/logout', (req, res) => {\n  res.cookie('token', '', { maxAge: 0 });\n  res.cookie('session', 'x', { expires: new Date(0) });\n  res.cookie('jwt', null);\n  res.clearCookie('refresh_token');\n});",
    // express-session: httpOnly is on by default; secure may be 'auto' or env-gated
    "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { secure: 'auto', sameSite: 'lax', maxAge: 86400000 } }));",
    "const session = require('express-session');\nconst sessionCookie = { secure: process.env.NODE_ENV === 'production', sameSite: 'strict', maxAge: 3600000 };\napp.use(session({ secret: process.env.SESSION_SECRET, cookie: sessionCookie }));",
    "import session from 'express-session';\nimport { sessionOptions } from './config';\napp.use(session(sessionOptions));\napp.use(session({ ...sessionOptions, name: 'sid' }));",
    // cookie-session: httpOnly by default, secure whenever the request is HTTPS
    "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY!], sameSite: 'lax', maxAge: 24 * 60 * 60 * 1000 }));",
    // Koa: httpOnly by default, secure on HTTPS requests
    "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => { ctx.cookies.set('token', token, { sameSite: 'lax', maxAge: 86400000 }); });",
    // Fastify, Hono and Next.js with every flag
    "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/login', async (req, reply) => {\n  reply.setCookie('session', token, { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: 3600 });\n});",
    "import { setCookie } from 'hono/cookie';\napp.post('/login', (c) => { setCookie(c, 'session', id, { httpOnly: true, secure: true, sameSite: 'Lax', maxAge: 3600 }); return c.text('ok'); });",
    "'use server';\nimport { cookies } from 'next/headers';\nexport async function login() {\n  (await cookies()).set('session', s, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', expires });\n  const store = await cookies();\n  store.set({ name: 'token', value: t, httpOnly: true, secure: true, sameSite: 'strict', maxAge: 60 });\n  store.delete('old');\n}",
    // browser-side and unrelated cookie APIs
    { filename: 'src/client/auth.js', code: "import $ from 'jquery';\n$.cookie('token', token);" },
    { filename: 'src/client/session.ts', code: "import Cookies from 'js-cookie';\nCookies.set('token', token, { expires: 7 });" },
    "import { CookieJar } from 'tough-cookie';\nconst jar = new CookieJar();\njar.setCookie('session=abc; Path=/', 'https://example.com');",
    // tests
    { filename: 'src/routes/auth.test.ts', code: express + "app.get('/t', (req, res) => res.cookie('token', 't'));" },
  ],
  invalid: [
    {
      name: 'Fastify: the same refresh cookie when the JWT has no lifetime of its own: maxAge is reported, at the setCookie of the chain',
      code: "import { FastifyReply, FastifyRequest } from 'fastify';\nexport async function authenticate(request: FastifyRequest, reply: FastifyReply) {\n  const token = await reply.jwtSign({ role: 'MEMBER' }, { sign: { sub: 'u1' } });\n  const refreshToken = await reply.jwtSign({ role: 'MEMBER' }, { sign: { sub: 'u1' } });\n  return reply\n    .code(200)\n    .setCookie('refreshToken', refreshToken, {\n      path: '/',\n      secure: true,\n      sameSite: true,\n      httpOnly: true,\n    })\n    .send({ token });\n}\n",
      errors: [{ line: 7, column: 6, tier: 'tech-debt', message: /^Auth cookie `refreshToken` is set without maxAge\/expires/ }],
    },
    {
      name: "Next.js API route: the admin token serialised with the cookie package into a Set-Cookie header, httpOnly commented out (seen on a real T3 shop)",
      filename: 'src/server/api/admin.ts',
      code: "import cookie from 'cookie';\nimport type { NextApiResponse } from 'next';\nexport function setAdminCookie(res: NextApiResponse, token: string) {\n  res.setHeader('Set-Cookie', cookie.serialize('admin-token', token, {\n    // httpOnly: true,\n    path: '/',\n    secure: process.env.NODE_ENV === 'production',\n    sameSite: process.env.NODE_ENV === 'production' && 'lax',\n  }));\n}\n",
      errors: [{ line: 4, column: 31, tier: 'ship-stopping', message: /^Auth cookie `admin-token` is set without httpOnly and maxAge\/expires: without httpOnly any injected script can read it/ }],
      output: "import cookie from 'cookie';\nimport type { NextApiResponse } from 'next';\nexport function setAdminCookie(res: NextApiResponse, token: string) {\n  res.setHeader('Set-Cookie', cookie.serialize('admin-token', token, {\n    // httpOnly: true,\n    path: '/',\n    secure: process.env.NODE_ENV === 'production',\n    sameSite: process.env.NODE_ENV === 'production' && 'lax',\n    httpOnly: true,\n    maxAge: 60 * 60 * 24 * 7,\n  }));\n}\n",
    },
    {
      name: 'a cookie whose name says nothing (kento) holding the signed JWT: an auth cookie by its value (seen on a real MERN shop)',
      code: "const jwt = require('jsonwebtoken');\nfunction login(req, res) {\n  let token = jwt.sign({ id: 1 }, process.env.JWT_SECRET, { expiresIn: '1d' });\n  res.status(200).cookie('kento', token, { expires: new Date(Date.now() + 3600 * 1000), httpOnly: true }).send({ success: true });\n}\n",
      errors: [{ line: 4, column: 19, message: /^Auth cookie `kento` is set without secure and sameSite/ }],
      output: "const jwt = require('jsonwebtoken');\nfunction login(req, res) {\n  let token = jwt.sign({ id: 1 }, process.env.JWT_SECRET, { expiresIn: '1d' });\n  res.status(200).cookie('kento', token, { expires: new Date(Date.now() + 3600 * 1000), httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' }).send({ success: true });\n}\n",
    },
    { name: 'NestJS: a JWT cookie written as a raw Set-Cookie header with no HttpOnly, Secure or SameSite (seen on a real NestJS app)',
      filename: 'src/auth/auth.controller.ts',
      code: "import { Controller, Post, Res } from '@nestjs/common';\nimport type { Response } from 'express';\n\n@Controller('auth')\nexport class AuthController {\n  @Post('login')\n  login(@Res({ passthrough: true }) res: Response) {\n    const token = this.sign();\n    res.setHeader('Set-Cookie', [`Authentication=${token}; Path=/; Max-Age=900`]);\n    return { ok: true };\n  }\n  sign() { return 'x'; }\n}\n",
      errors: [{ line: 9, column: 34, tier: 'ship-stopping', message: 'Auth cookie `Authentication` is set by a raw Set-Cookie header without httpOnly, secure and sameSite: without httpOnly any injected script can read it; without secure it also travels over plain HTTP; without sameSite it rides along on cross-site requests (CSRF). Add the missing attributes (`HttpOnly; Secure; SameSite=Lax`), or set it with the framework\'s cookie helper and its options.' }],
      output: "import { Controller, Post, Res } from '@nestjs/common';\nimport type { Response } from 'express';\n\n@Controller('auth')\nexport class AuthController {\n  @Post('login')\n  login(@Res({ passthrough: true }) res: Response) {\n    const token = this.sign();\n    res.setHeader('Set-Cookie', [`Authentication=${token}; Path=/; Max-Age=900; HttpOnly; Secure; SameSite=Lax`]);\n    return { ok: true };\n  }\n  sign() { return 'x'; }\n}\n" },
    {
      name: 'res.cookie with no options',
      code: express + "app.post('/login', (req, res) => {\n  res.cookie('token', token);\n  res.sendStatus(204);\n});",
      errors: [{ line: 4, column: 3, tier: 'ship-stopping', message: 'Auth cookie `token` is set without httpOnly, secure, sameSite and maxAge/expires: without httpOnly any injected script can read it; without secure it also travels over plain HTTP; without sameSite it rides along on cross-site requests (CSRF); without maxAge/expires it has no lifetime of its own (browsers that restore sessions keep it indefinitely). Add the missing cookie options.' }],
      output: express + "app.post('/login', (req, res) => {\n  res.cookie('token', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 1000 * 60 * 60 * 24 * 7 });\n  res.sendStatus(204);\n});",
    },
    {
      name: 'a chained res.status(200).cookie() in a controller that does not import express (seen on a real Express + Sequelize app)',
      filename: 'src/controllers/user.controller.js',
      code: "const cookieConfig = { httpOnly: true, maxAge: 1000 * 60 * 60 * 24 * 30 };\nexports.login = async (req, res) => {\n  res.status(200).cookie('refreshToken', refreshToken, cookieConfig).json({ accessToken });\n};\n",
      errors: [{ line: 3, column: 19, tier: 'ship-stopping', message: /^Auth cookie `refreshToken` is set without secure and sameSite:/ }],
      output: "const cookieConfig = { httpOnly: true, maxAge: 1000 * 60 * 60 * 24 * 30, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' };\nexports.login = async (req, res) => {\n  res.status(200).cookie('refreshToken', refreshToken, cookieConfig).json({ accessToken });\n};\n",
    },
    {
      name: 'httpOnly only: secure missing is ship-stopping',
      code: express + "app.post('/login', (req, res) => { res.cookie('jwt', jwt, { httpOnly: true }); });",
      errors: [{ line: 3, column: 36, tier: 'ship-stopping', message: /^Auth cookie `jwt` is set without secure, sameSite and maxAge\/expires:/ }],
      output: express + "app.post('/login', (req, res) => { res.cookie('jwt', jwt, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 1000 * 60 * 60 * 24 * 7 }); });",
    },
    {
      name: 'only sameSite and maxAge missing: tech-debt',
      code: express + "app.post('/login', (req, res) => { res.cookie('session', sid, { httpOnly: true, secure: true }); });",
      errors: [{ line: 3, column: 36, tier: 'tech-debt', message: /^Auth cookie `session` is set without sameSite and maxAge\/expires: without sameSite/ }],
      output: express + "app.post('/login', (req, res) => { res.cookie('session', sid, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 1000 * 60 * 60 * 24 * 7 }); });",
    },
    {
      name: 'multi-line options keep one option per line (double quotes)',
      code: 'import express from "express";\nconst app = express();\napp.post("/login", (req, res) => {\n  res.cookie("refresh_token", refreshToken, {\n    httpOnly: true,\n    path: "/auth",\n  });\n});',
      errors: [{ line: 4, column: 3 }],
      output: 'import express from "express";\nconst app = express();\napp.post("/login", (req, res) => {\n  res.cookie("refresh_token", refreshToken, {\n    httpOnly: true,\n    path: "/auth",\n    secure: process.env.NODE_ENV === "production",\n    sameSite: "lax",\n    maxAge: 1000 * 60 * 60 * 24 * 7,\n  });\n});',
    },
    {
      name: 'httpOnly turned off',
      code: express + "app.post('/login', (req, res) => { res.cookie('accessToken', t, { httpOnly: false, secure: true, sameSite: 'lax', maxAge: 900000 }); });",
      errors: [{ line: 3, column: 36, tier: 'ship-stopping', message: /^Auth cookie `accessToken` is set without httpOnly \(set to false\): without httpOnly/ }],
      output: express + "app.post('/login', (req, res) => { res.cookie('accessToken', t, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 900000 }); });",
    },
    {
      name: 'cookie name from a const; options in a const object',
      code: express + "const COOKIE_NAME = 'sid';\nconst opts = { httpOnly: true, secure: true, maxAge: 3600000 };\napp.post('/login', (req, res) => res.cookie(COOKIE_NAME, id, opts));",
      errors: [{ line: 5, column: 34, tier: 'tech-debt' }],
      output: express + "const COOKIE_NAME = 'sid';\nconst opts = { httpOnly: true, secure: true, maxAge: 3600000, sameSite: 'lax' };\napp.post('/login', (req, res) => res.cookie(COOKIE_NAME, id, opts));",
    },
    {
      name: 'name not static, value is a token',
      code: "import { Response } from 'express';\nexport const setAuth = (res: Response, accessToken: string) => res.cookie(config.cookieName, accessToken, { httpOnly: true, sameSite: 'strict', maxAge: 60000 });",
      errors: [{ line: 2, column: 64, message: /^This auth cookie \(res\.cookie\(\)\) is set without secure:/ }],
    },
    {
      name: 'NestJS controller with @Res({ passthrough: true })',
      code: "import { Controller, Post, Res } from '@nestjs/common';\nimport { Response } from 'express';\n@Controller('auth')\nexport class AuthController {\n  @Post('login')\n  login(@Res({ passthrough: true }) res: Response) {\n    res.cookie('refresh_token', this.tokens.refresh, { httpOnly: true, secure: true, sameSite: 'strict' });\n  }\n}",
      errors: [{ line: 7, column: 5, tier: 'tech-debt', message: /without maxAge\/expires/ }],
    },
    {
      name: 'NestJS tutorial-style Authentication cookie',
      code: "import { Response } from 'express';\nexport function setAuthCookie(res: Response, token: string) {\n  res.cookie('Authentication', token, { httpOnly: true, path: '/', maxAge: 3600 * 1000 });\n}",
      errors: [{ line: 3, column: 3, tier: 'ship-stopping', message: /^Auth cookie `Authentication` is set without secure and sameSite:/ }],
    },
    {
      name: 'express-session without cookie options: the cookie object is created (multi-line)',
      code: "import session from 'express-session';\napp.use(\n  session({\n    secret: process.env.SESSION_SECRET!,\n    resave: false,\n    saveUninitialized: false,\n  }),\n);",
      errors: [{ line: 3, column: 3, tier: 'ship-stopping', message: 'The session cookie (express-session) is set without secure, sameSite and maxAge/expires: without secure it also travels over plain HTTP; without sameSite it rides along on cross-site requests (CSRF); without maxAge/expires it has no lifetime of its own (browsers that restore sessions keep it indefinitely). Add the missing cookie options.' }],
      output: "import session from 'express-session';\napp.use(\n  session({\n    secret: process.env.SESSION_SECRET!,\n    resave: false,\n    saveUninitialized: false,\n    cookie: {\n      secure: process.env.NODE_ENV === 'production',\n      sameSite: 'lax',\n      maxAge: 1000 * 60 * 60 * 24 * 7,\n    },\n  }),\n);",
    },
    {
      name: 'express-session on one line (require)',
      code: "const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET, store }));",
      errors: [{ line: 2, column: 9 }],
      output: "const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET, store, cookie: { secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 1000 * 60 * 60 * 24 * 7 } }));",
    },
    {
      name: 'express-session with a partial cookie object',
      code: "import session from 'express-session';\napp.use(session({ secret: s, cookie: { maxAge: 86400000 } }));",
      errors: [{ line: 2, column: 9, tier: 'ship-stopping', message: /without secure and sameSite:/ }],
      output: "import session from 'express-session';\napp.use(session({ secret: s, cookie: { maxAge: 86400000, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' } }));",
    },
    {
      name: 'express-session: secure set, the rest is tech-debt; httpOnly: false is not',
      code: "import session from 'express-session';\napp.use(session({ secret: s, cookie: { secure: true, httpOnly: false } }));",
      errors: [{ line: 2, column: 9, tier: 'ship-stopping', message: /without httpOnly \(set to false\), sameSite and maxAge\/expires:/ }],
      output: "import session from 'express-session';\napp.use(session({ secret: s, cookie: { secure: true, httpOnly: true, sameSite: 'lax', maxAge: 1000 * 60 * 60 * 24 * 7 } }));",
    },
    {
      name: 'cookie-session: defaults cover httpOnly and secure',
      code: "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY!] }));",
      errors: [{ line: 2, column: 9, tier: 'tech-debt', message: /^The session cookie \(cookie-session\) is set without sameSite and maxAge\/expires:/ }],
      output: "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY!], sameSite: 'lax', maxAge: 1000 * 60 * 60 * 24 * 7 }));",
    },
    {
      name: 'cookie-session with secure turned off',
      code: "const cookieSession = require('cookie-session');\napp.use(cookieSession({ keys: ['k'], secure: false, sameSite: 'lax', maxAge: 3600000 }));",
      errors: [{ line: 2, column: 9, tier: 'ship-stopping' }],
      output: "const cookieSession = require('cookie-session');\napp.use(cookieSession({ keys: ['k'], secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 3600000 }));",
    },
    {
      name: 'Fastify reply.setCookie: maxAge in seconds',
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/login', async (req, reply) => {\n  reply.setCookie('refresh_token', token, { path: '/' });\n});",
      errors: [{ line: 4, column: 3, tier: 'ship-stopping' }],
      output: "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/login', async (req, reply) => {\n  reply.setCookie('refresh_token', token, { path: '/', httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 60 * 60 * 24 * 7 });\n});",
    },
    {
      name: 'Koa ctx.cookies.set: only sameSite and maxAge (httpOnly and secure have defaults)',
      code: "import Router from '@koa/router';\nconst router = new Router();\nrouter.post('/login', async (ctx) => {\n  ctx.cookies.set('token', token);\n});",
      errors: [{ line: 4, column: 3, tier: 'tech-debt', message: /^Auth cookie `token` is set without sameSite and maxAge\/expires:/ }],
      output: "import Router from '@koa/router';\nconst router = new Router();\nrouter.post('/login', async (ctx) => {\n  ctx.cookies.set('token', token, { sameSite: 'lax', maxAge: 1000 * 60 * 60 * 24 * 7 });\n});",
    },
    {
      name: 'Next.js server action: cookies().set',
      filename: 'app/actions.ts',
      code: "'use server';\nimport { cookies } from 'next/headers';\nexport async function login() {\n  (await cookies()).set('session', session);\n}",
      errors: [{ line: 4, column: 3, tier: 'ship-stopping' }],
      output: "'use server';\nimport { cookies } from 'next/headers';\nexport async function login() {\n  (await cookies()).set('session', session, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 60 * 60 * 24 * 7 });\n}",
    },
    {
      name: 'Next.js object form on a cookie store const',
      filename: 'app/api/login/route.ts',
      code: "import { cookies } from 'next/headers';\nexport async function POST() {\n  const store = await cookies();\n  store.set({ name: 'token', value: t, httpOnly: true });\n}",
      errors: [{ line: 4, column: 3, tier: 'ship-stopping', message: /without secure, sameSite and maxAge\/expires/ }],
      output: "import { cookies } from 'next/headers';\nexport async function POST() {\n  const store = await cookies();\n  store.set({ name: 'token', value: t, httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 60 * 60 * 24 * 7 });\n}",
    },
    {
      name: 'Next.js middleware: response.cookies.set',
      filename: 'middleware.ts',
      code: "import { NextResponse } from 'next/server';\nexport function middleware() {\n  const response = NextResponse.next();\n  response.cookies.set('session', refreshed, { httpOnly: true, secure: true, maxAge: 3600 });\n  return response;\n}",
      errors: [{ line: 4, column: 3, tier: 'tech-debt' }],
    },
    {
      name: 'Hono setCookie',
      code: "import { setCookie } from 'hono/cookie';\napp.post('/login', (c) => {\n  setCookie(c, 'session', id);\n  return c.text('ok');\n});",
      errors: [{ line: 3, column: 3 }],
      output: "import { setCookie } from 'hono/cookie';\napp.post('/login', (c) => {\n  setCookie(c, 'session', id, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 60 * 60 * 24 * 7 });\n  return c.text('ok');\n});",
    },
    {
      name: 'Hono setSignedCookie',
      code: "import { setSignedCookie } from 'hono/cookie';\napp.post('/login', async (c) => {\n  await setSignedCookie(c, 'session', id, process.env.COOKIE_SECRET!);\n  return c.text('ok');\n});",
      errors: [{ line: 3, column: 9, message: /^Auth cookie `session` is set without httpOnly, secure, sameSite and maxAge\/expires/ }],
      output: "import { setSignedCookie } from 'hono/cookie';\napp.post('/login', async (c) => {\n  await setSignedCookie(c, 'session', id, process.env.COOKIE_SECRET!, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax', maxAge: 60 * 60 * 24 * 7 });\n  return c.text('ok');\n});",
    },
  ],
});
