import rule from '../../../rules/auth/jwt-no-expiry';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    // hono/jwt: exp in the payload, a payload built elsewhere, a test file
    "import { sign } from 'hono/jwt';\nexport const issue = (id: number) => sign({ sub: id, exp: Math.floor(Date.now() / 1000) + 3600 }, process.env.JWT_SECRET!);\nexport const again = (payload: Record<string, unknown>) => sign(payload, process.env.JWT_SECRET!);\n",
    { filename: 'src/auth.test.ts', code: "import { sign } from 'hono/jwt';\nconst token = await sign({ sub: 1 }, 'test-secret');\n" },
    { name: 'lifetimes in seconds or zeit/ms strings; milliseconds where milliseconds are meant (cookies, Firebase session cookies)', files: {
      'src/auth.ts': "import jwt from 'jsonwebtoken';\nexport const a = (id: string) => jwt.sign({ sub: id }, process.env.JWT_SECRET!, { expiresIn: 60 * 60 });\nexport const b = (id: string) => jwt.sign({ sub: id }, process.env.JWT_SECRET!, { expiresIn: '15m' });\nexport const cookie = { httpOnly: true, maxAge: 1000 * 60 * 60 };\n",
      'src/session.ts': "import { getAuth } from 'firebase-admin/auth';\nexport const createSession = (idToken: string) => getAuth().createSessionCookie(idToken, { expiresIn: 1000 * 60 * 60 * 24 * 5 });\n",
    } },
    "import jwt from 'jsonwebtoken';\njwt.sign({ sub: 1 }, process.env.JWT_SECRET!, { expiresIn: '15m' });",
    "const jwt = require('jsonwebtoken');\nconst opts = { algorithm: 'HS256', expiresIn: 3600 };\njwt.sign({ sub: 1 }, key, opts);",
    "import { sign } from 'jsonwebtoken';\nsign({ sub: 1, exp: Math.floor(Date.now() / 1000) + 60 }, key);",
    "import jwt from 'jsonwebtoken';\nconst base = { expiresIn: '1h' };\njwt.sign(payload, key, { ...base, algorithm: 'HS256' });",
    // options built elsewhere: cannot be seen here, so no guess
    "import jwt from 'jsonwebtoken';\nexport const issue = (p: object, o: jwt.SignOptions) => jwt.sign(p, key, o);",
    "import jwt from 'jsonwebtoken';\njwt.sign(p, key, { ...defaults });",
    // a different library's sign()
    "import { sign } from './crypto';\nsign({ sub: 1 }, key);",
    "const crypto = require('crypto');\ncrypto.sign('sha256', data, privateKey);",
    "import { SignJWT } from 'jose';\nawait new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(secret);",
    "import * as jose from 'jose';\nconst t = await new jose.SignJWT({ sub: '1' })\n  .setProtectedHeader({ alg: 'HS256' })\n  .setIssuedAt()\n  .setExpirationTime('2h')\n  .sign(secret);",
    // @fastify/jwt with a default lifetime, or every call passing its own
    { files: {
      'src/plugins/auth.ts': "import fastifyJwt from '@fastify/jwt';\nexport default async (app) => {\n  await app.register(fastifyJwt, { secret: process.env.JWT_SECRET!, sign: { algorithm: 'HS256', expiresIn: '15m' } });\n};\n",
      'src/routes/auth.ts': "export default async (app) => {\n  app.post('/login', async (request, reply) => ({ token: app.jwt.sign({ sub: request.user.id }) }));\n};\n",
    } },
    { files: {
      'src/plugins/auth.ts': "import fastifyJwt from '@fastify/jwt';\nexport default async (app) => {\n  await app.register(fastifyJwt, { secret: process.env.JWT_SECRET! });\n};\n",
      'src/routes/auth.ts': "export default async (app) => {\n  app.post('/login', async (request, reply) => {\n    const access = app.jwt.sign({ sub: request.user.id }, { expiresIn: '15m' });\n    const refresh = await reply.jwtSign({ sub: request.user.id }, { sign: { expiresIn: '30d' } });\n    return { access, refresh };\n  });\n};\n",
    } },
    // registration options built elsewhere; a registration used only to verify tokens issued by another service
    { files: {
      'src/plugins/auth.ts': "import fastifyJwt from '@fastify/jwt';\nimport { jwtOptions } from '../config';\nexport default async (app) => {\n  await app.register(fastifyJwt, jwtOptions);\n  await app.register(fastifyJwt, { ...jwtOptions, namespace: 'legacy' });\n};\n",
      'src/routes/auth.ts': "export default async (app) => {\n  app.post('/login', async () => ({ token: app.jwt.sign({ sub: '1' }) }));\n};\n",
    } },
    "import fastifyJwt from '@fastify/jwt';\nexport const build = async (app) => {\n  await app.register(fastifyJwt, { secret: { public: process.env.AUTH_PUBLIC_KEY! } });\n  app.addHook('onRequest', (request) => request.jwtVerify());\n};",
    // @nestjs/jwt with signOptions.expiresIn (register and registerAsync), or the call passing it
    { files: {
      'src/auth/auth.module.ts': "import { JwtModule } from '@nestjs/jwt';\nexport const imports = [\n  JwtModule.registerAsync({\n    inject: [ConfigService],\n    useFactory: (config: ConfigService) => ({ secret: config.get('JWT_SECRET'), signOptions: { expiresIn: '15m' } }),\n  }),\n];\n",
      'src/auth/auth.service.ts': "import { JwtService } from '@nestjs/jwt';\nexport class AuthService {\n  constructor(private readonly jwt: JwtService) {}\n  login(id: string) { return this.jwt.signAsync({ sub: id }); }\n}\n",
    } },
    { files: {
      'src/auth/auth.module.ts': "import { JwtModule } from '@nestjs/jwt';\nexport const imports = [JwtModule.register({ secret: process.env.JWT_SECRET })];\n",
      'src/auth/auth.service.ts': "import { JwtService } from '@nestjs/jwt';\nexport class AuthService {\n  constructor(private readonly jwtService: JwtService) {}\n  login(id: string) { return this.jwtService.sign({ sub: id }, { expiresIn: '1h' }); }\n}\n",
    } },
    // a registration in a test file
    { files: {
      'test/helpers/app.ts': "import fastifyJwt from '@fastify/jwt';\nexport const build = async (app) => { await app.register(fastifyJwt, { secret: 'test' }); return app.jwt.sign({ sub: '1' }); };\n",
    } },
  ],
  invalid: [
    {
      name: 'jsonwebtoken: expiresIn put in the payload, with a callback: moved to the options (seen on a real Express + Sequelize API)',
      code: "const jwt = require('jsonwebtoken');\nexports.login = (req, res) => {\n  const { email } = req.body;\n  jwt.sign({ email, expiresIn: process.env.JWT_EXPIRES_IN }, process.env.SECRETKEY, (e, token) => res.json({ token }));\n};\n",
      errors: [{ line: 4, column: 3, tier: 'ship-stopping', message: 'This JWT never expires: `expiresIn` is in the payload, where jsonwebtoken keeps it as an ordinary claim and sets no `exp`. A leaked token stays valid forever. Pass `expiresIn` in the options (the third argument).' }],
      output: "const jwt = require('jsonwebtoken');\nexports.login = (req, res) => {\n  const { email } = req.body;\n  jwt.sign({ email }, process.env.SECRETKEY, { expiresIn: process.env.JWT_EXPIRES_IN }, (e, token) => res.json({ token }));\n};\n",
    },
    {
      name: 'jsonwebtoken: expiresIn first in the payload, options with an algorithm',
      code: "import jwt from 'jsonwebtoken';\nexport const issue = (id: string) => jwt.sign({ expiresIn: '7d', sub: id }, process.env.JWT_SECRET!, { algorithm: 'HS256' });\n",
      errors: [{ line: 2, column: 38, message: /^This JWT never expires: `expiresIn` is in the payload/ }],
      output: "import jwt from 'jsonwebtoken';\nexport const issue = (id: string) => jwt.sign({ sub: id }, process.env.JWT_SECRET!, { algorithm: 'HS256', expiresIn: '7d' });\n",
    },
    {
      name: 'hono/jwt: sign() with a payload that has no exp (seen on a real Hono + Drizzle app)',
      code: "import { sign } from 'hono/jwt';\nexport async function issue(user: { id: number }) {\n  return sign({ sub: user.id, role: 'user' }, process.env.JWT_SECRET!);\n}\n",
      errors: [{ line: 3, column: 10, tier: 'ship-stopping', message: "This JWT never expires: hono/jwt's sign() adds no expiry of its own and the payload has no `exp`. A leaked token stays valid forever. Add `exp` (seconds since the epoch) to the payload." }],
      output: "import { sign } from 'hono/jwt';\nexport async function issue(user: { id: number }) {\n  return sign({ sub: user.id, role: 'user', exp: Math.floor(Date.now() / 1000) + 60 * 60 }, process.env.JWT_SECRET!);\n}\n",
    },
    {
      name: 'a lifetime written in milliseconds where jsonwebtoken reads seconds',
      code: "import jwt from 'jsonwebtoken';\nexport const issue = (id: string) => jwt.sign({ sub: id }, process.env.JWT_SECRET!, { expiresIn: 60 * 60 * 1000 });\n",
      errors: [{ line: 2, column: 98, tier: 'ship-stopping', message: "`expiresIn: 60 * 60 * 1000` is read as seconds by the JWT library: the token lives 3,600,000 seconds (about 42 days), not 1 hour. Write `'1h'`." }],
      output: "import jwt from 'jsonwebtoken';\nexport const issue = (id: string) => jwt.sign({ sub: id }, process.env.JWT_SECRET!, { expiresIn: '1h' });\n",
    },
    {
      name: 'a JWT config module in milliseconds (seen on a real Express app)',
      filename: 'src/config/jwtConfig.js',
      code: "module.exports = {\n  access: {\n    expiresIn: 1000 * 60 * 3,\n  },\n};\n",
      errors: [{ line: 3, column: 16, tier: 'tech-debt', message: "`expiresIn: 1000 * 60 * 3` is read as seconds by the JWT library: the token lives 180,000 seconds (about 2.1 days), not 3 minutes. Write `'3m'`." }],
      output: "module.exports = {\n  access: {\n    expiresIn: '3m',\n  },\n};\n",
    },
    {
      name: '@fastify/jwt registered without sign.expiresIn, app.jwt.sign() in a route plugin',
      files: {
        'src/plugins/auth.ts': "import fp from 'fastify-plugin';\nimport fastifyJwt from '@fastify/jwt';\n\nexport default fp(async (app) => {\n  await app.register(fastifyJwt, {\n    secret: process.env.JWT_SECRET!,\n  });\n});\n",
        'src/routes/auth.ts': "export default async (app) => {\n  app.post('/login', async (request) => ({ accessToken: app.jwt.sign({ sub: request.user.id }) }));\n  app.post('/refresh', async (request, reply) => reply.send({ accessToken: await reply.jwtSign({ sub: request.user.id }) }));\n};\n",
      },
      errors: [{ file: 'src/plugins/auth.ts', line: 5, column: 9, message: 'These JWTs never expire: @fastify/jwt is registered without `sign: { expiresIn }`, and `app.jwt.sign()` (src/routes/auth.ts:2) and 1 more call pass no `expiresIn` either. A leaked token stays valid forever. Set a default lifetime here (and a longer one only where a call needs it).' }],
      output: { 'src/plugins/auth.ts': "import fp from 'fastify-plugin';\nimport fastifyJwt from '@fastify/jwt';\n\nexport default fp(async (app) => {\n  await app.register(fastifyJwt, {\n    secret: process.env.JWT_SECRET!,\n    sign: { expiresIn: '1h' },\n  });\n});\n" },
    },
    {
      name: 'require form, sign options without expiresIn, fastify.jwt.sign in the same file',
      code: "const fastify = require('fastify')();\nfastify.register(require('@fastify/jwt'), { secret: process.env.JWT_SECRET, sign: { algorithm: 'HS256' } });\nfastify.post('/login', async (req) => ({ token: fastify.jwt.sign({ id: req.body.id }) }));\n",
      errors: [{ line: 2, column: 1, message: /^These JWTs never expire: @fastify\/jwt is registered without `sign: \{ expiresIn \}`, and `fastify\.jwt\.sign\(\)` \(src\/app\.ts:3\) passes/ }],
      output: "const fastify = require('fastify')();\nfastify.register(require('@fastify/jwt'), { secret: process.env.JWT_SECRET, sign: { algorithm: 'HS256', expiresIn: '1h' } });\nfastify.post('/login', async (req) => ({ token: fastify.jwt.sign({ id: req.body.id }) }));\n",
    },
    {
      name: 'JwtModule.register({ secret }) without signOptions, jwtService.sign(payload) in a service',
      files: {
        'src/auth/auth.module.ts': "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\n\n@Module({\n  imports: [JwtModule.register({ secret: process.env.JWT_SECRET })],\n})\nexport class AuthModule {}\n",
        'src/auth/auth.service.ts': "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n\n@Injectable()\nexport class AuthService {\n  constructor(private readonly jwtService: JwtService) {}\n  login(id: string) {\n    return { accessToken: this.jwtService.sign({ sub: id }) };\n  }\n}\n",
      },
      errors: [{ file: 'src/auth/auth.module.ts', line: 5, column: 13, message: /^These JWTs never expire: JwtModule is registered without `signOptions: \{ expiresIn \}`, and `this\.jwtService\.sign\(\)` \(src\/auth\/auth\.service\.ts:8\) passes no `expiresIn` either\./ }],
      output: { 'src/auth/auth.module.ts': "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\n\n@Module({\n  imports: [JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '1h' } })],\n})\nexport class AuthModule {}\n" },
    },
    {
      name: 'JwtModule.registerAsync factory with signOptions but no expiresIn',
      files: {
        'src/auth/auth.module.ts': "import { JwtModule } from '@nestjs/jwt';\nexport const jwt = JwtModule.registerAsync({\n  useFactory: () => ({\n    secret: process.env.JWT_SECRET,\n    signOptions: { algorithm: 'HS256' },\n  }),\n});\n",
        'src/auth/auth.service.ts': "import type { JwtService } from '@nestjs/jwt';\nexport class AuthService {\n  constructor(private jwt: JwtService) {}\n  issue(id: string) { return this.jwt.signAsync({ sub: id }, { algorithm: 'HS256' }); }\n}\n",
      },
      errors: [{ file: 'src/auth/auth.module.ts', line: 2, column: 20, message: /`this\.jwt\.signAsync\(\)` \(src\/auth\/auth\.service\.ts:4\)/ }],
      output: { 'src/auth/auth.module.ts': "import { JwtModule } from '@nestjs/jwt';\nexport const jwt = JwtModule.registerAsync({\n  useFactory: () => ({\n    secret: process.env.JWT_SECRET,\n    signOptions: { algorithm: 'HS256', expiresIn: '1h' },\n  }),\n});\n" },
    },
    {
      code: "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!);",
      errors: [{ line: 2, column: 18, message: /never expires/ }],
      output: "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '1h' });",
    },
    {
      name: 'require, options object without expiresIn',
      code: "const jwt = require('jsonwebtoken');\nconst token = jwt.sign(payload, secret, { algorithm: 'HS256' });",
      errors: [{ line: 2, column: 15 }],
      output: "const jwt = require('jsonwebtoken');\nconst token = jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: '1h' });",
    },
    {
      name: 'renamed named import, multi-line options in a variable',
      code: "import { sign as signToken } from 'jsonwebtoken';\nconst options = {\n  algorithm: 'HS256',\n};\nsignToken({ id }, key, options);",
      errors: [{ line: 5, column: 1 }],
      output: "import { sign as signToken } from 'jsonwebtoken';\nconst options = {\n  algorithm: 'HS256',\n  expiresIn: '1h',\n};\nsignToken({ id }, key, options);",
    },
    {
      name: 'callback form',
      code: 'import * as jwt from "jsonwebtoken";\njwt.sign({ id }, key, (err, token) => done(err, token));',
      errors: [{ line: 2, column: 1 }],
      output: 'import * as jwt from "jsonwebtoken";\njwt.sign({ id }, key, { expiresIn: "1h" }, (err, token) => done(err, token));',
    },
    {
      name: 'jose SignJWT chain',
      code: "import { SignJWT } from 'jose';\nconst t = await new SignJWT({ sub: '1' })\n  .setProtectedHeader({ alg: 'HS256' })\n  .sign(secret);",
      errors: [{ line: 2, column: 21 }],
      output: "import { SignJWT } from 'jose';\nconst t = await new SignJWT({ sub: '1' })\n  .setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h')\n  .sign(secret);",
    },
    {
      name: '@fastify/jwt registered through an inline require in a plugin file, reply.jwtSign() in a route file',
      files: {
        'src/plugins/jwt.js': "module.exports = async function (app) {\n  app.register(require('@fastify/jwt'), { secret: process.env.JWT_SECRET });\n};\n",
        'src/routes/login.js': "module.exports = async function (app) {\n  app.post('/login', async (request, reply) => ({ token: await reply.jwtSign({ sub: request.user.id }) }));\n};\n",
      },
      errors: [{ file: 'src/plugins/jwt.js', line: 2, column: 3, message: /^These JWTs never expire: @fastify\/jwt is registered without `sign: \{ expiresIn \}`, and `reply\.jwtSign\(\)` \(src\/routes\/login\.js:2\) passes/ }],
      output: { 'src/plugins/jwt.js': "module.exports = async function (app) {\n  app.register(require('@fastify/jwt'), { secret: process.env.JWT_SECRET, sign: { expiresIn: '1h' } });\n};\n" },
    },
  ],
});
