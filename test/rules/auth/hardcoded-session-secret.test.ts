import rule from '../../../rules/auth/hardcoded-session-secret';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));",
    // rotation list read from the environment
    "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRETS!.split(','), resave: false }));",
    "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY_NEW!, process.env.COOKIE_KEY_OLD!] }));",
    // a config module (imported) or a config service
    "import session from 'express-session';\nimport { config } from './config';\napp.use(session({ secret: config.sessionSecret }));",
    "import session from 'express-session';\nexport const configure = (cfg: ConfigService) => session({ secret: cfg.getOrThrow<string>('SESSION_SECRET') });",
    // an explicit development-only value, gated on the environment
    "import session from 'express-session';\nconst secret = process.env.NODE_ENV === 'production' ? process.env.SESSION_SECRET! : 'dev-only-secret';\napp.use(session({ secret }));",
    // cookie-parser without a secret (unsigned cookies)
    "import cookieParser from 'cookie-parser';\napp.use(cookieParser());",
    // generated at start-up (a different problem, not a hardcoded one)
    "import session from 'express-session';\nimport crypto from 'crypto';\napp.use(session({ secret: crypto.randomBytes(32).toString('hex') }));",
    // secure-session with a key file
    "import fastifySecureSession from '@fastify/secure-session';\nimport fs from 'fs';\napp.register(fastifySecureSession, { key: fs.readFileSync('secret-key'), cookie: { path: '/' } });",
    // iron-session with the password from the environment; a password field that is not iron-session's
    "import type { SessionOptions } from 'iron-session';\nexport const sessionOptions: SessionOptions = { password: process.env.SESSION_PASSWORD!, cookieName: 'app_session' };",
    "export const loginForm = { cookieName: 'remember', password: 'Password' };",
    // keys on something that is not a Koa app
    "import Koa from 'koa';\nconst app = new Koa();\napp.keys = [process.env.APP_KEY!];\nconst cache = { keys: [] as string[] };\ncache.keys = ['a', 'b'];",
    // another library's session()
    "import { session } from 'telegraf';\nbot.use(session({ secret: 'not-a-cookie' } as any));",
    // test setup
    { filename: 'test/app.ts', code: "import session from 'express-session';\napp.use(session({ secret: 'test' }));" },
  ],
  invalid: [
    {
      name: "express-session with the README's 'keyboard cat'",
      code: "import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: true }));",
      errors: [{ line: 4, column: 27, tier: 'ship-stopping', message: "Hardcoded session secret (`key****`) in express-session's `secret`: anyone who can read the code can sign a session cookie of their own and be any user. Read it from process.env.SESSION_SECRET and rotate this value." }],
      output: {
        'src/app.ts': "import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: true }));",
        '.env.example': 'SESSION_SECRET=\n',
      },
    },
    {
      name: 'literal fallback on the env var (require, JS file); .env.example already lists it',
      files: {
        'src/app.js': "const session = require('express-session');\nconst SESSION_SECRET = process.env.SESSION_SECRET || 'dev-session-secret';\napp.use(session({ secret: SESSION_SECRET }));",
        '.env.example': 'SESSION_SECRET=\n',
      },
      errors: [{ file: 'src/app.js', line: 2, column: 54, message: /^Session secret falls back to a hardcoded value \(`dev-\*\*\*\*`\) in express-session's `secret`: a deploy that misses SESSION_SECRET/ }],
      output: { 'src/app.js': "const session = require('express-session');\nconst SESSION_SECRET = process.env.SESSION_SECRET;\napp.use(session({ secret: SESSION_SECRET }));" },
    },
    {
      name: 'const with a specific name: the env var reuses it; options in a const',
      code: "import session from 'express-session';\nconst COOKIE_SIGNING_SECRET = 's3cr3t-value';\nconst sessionConfig = { secret: COOKIE_SIGNING_SECRET, resave: false };\napp.use(session(sessionConfig));",
      errors: [{ line: 2, column: 31 }],
      output: {
        'src/app.ts': "import session from 'express-session';\nconst COOKIE_SIGNING_SECRET = process.env.COOKIE_SIGNING_SECRET!;\nconst sessionConfig = { secret: COOKIE_SIGNING_SECRET, resave: false };\napp.use(session(sessionConfig));",
        '.env.example': 'COOKIE_SIGNING_SECRET=\n',
      },
    },
    {
      name: 'cookie-session keys: one finding for the array, replaced by an env read',
      code: "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: ['key1', 'key2'], maxAge: 86400000 }));",
      errors: [{ line: 2, column: 49, message: /in cookie-session's `keys`/ }],
      output: {
        'src/app.ts': "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [process.env.SESSION_SECRET!], maxAge: 86400000 }));",
        '.env.example': 'SESSION_SECRET=\n',
      },
    },
    {
      name: 'express-session secret list mixing env and a literal: the literal is removed',
      code: "import session from 'express-session';\napp.use(session({ secret: [process.env.SESSION_SECRET!, 'old-secret-2023'] }));",
      errors: [{ line: 2, column: 57 }],
      output: "import session from 'express-session';\napp.use(session({ secret: [process.env.SESSION_SECRET!] }));",
    },
    {
      name: 'cookie-parser',
      code: "import cookieParser from 'cookie-parser';\napp.use(cookieParser('cookie-secret-123'));",
      errors: [{ line: 2, column: 22, message: /passed to cookie-parser.*process\.env\.COOKIE_SECRET/ }],
      output: {
        'src/app.ts': "import cookieParser from 'cookie-parser';\napp.use(cookieParser(process.env.COOKIE_SECRET!));",
        '.env.example': 'COOKIE_SECRET=\n',
      },
    },
    {
      name: 'Fastify: @fastify/session and @fastify/cookie',
      code: "import Fastify from 'fastify';\nimport fastifyCookie from '@fastify/cookie';\nimport fastifySession from '@fastify/session';\nconst app = Fastify();\napp.register(fastifyCookie, { secret: 'cookie-signing-secret' });\napp.register(fastifySession, { secret: 'a secret with minimum length of 32 characters' });",
      errors: [{ line: 5, column: 39, message: /in @fastify\/cookie's `secret`/ }, { line: 6, column: 40, message: /in @fastify\/session's `secret`/ }],
    },
    {
      name: '@fastify/secure-session with a literal key (require)',
      code: "const fastify = require('fastify')();\nfastify.register(require('@fastify/secure-session'), { key: Buffer.from('4fe91796c30bd989d95b62dc46c7c3ba0b6aa2df2187400586a4121c54c53b85', 'hex') });",
      errors: [{ line: 2, column: 73 }],
    },
    {
      name: 'Koa app.keys',
      code: "import Koa from 'koa';\nimport session from 'koa-session';\nconst app = new Koa();\napp.keys = ['some secret hurr'];\napp.use(session(app));",
      errors: [{ line: 4, column: 13, message: /in Koa's `app\.keys`/ }],
      output: {
        'src/app.ts': "import Koa from 'koa';\nimport session from 'koa-session';\nconst app = new Koa();\napp.keys = [process.env.SESSION_SECRET!];\napp.use(session(app));",
        '.env.example': 'SESSION_SECRET=\n',
      },
    },
    {
      name: 'iron-session options module',
      filename: 'lib/session.ts',
      code: "import type { SessionOptions } from 'iron-session';\nexport const sessionOptions: SessionOptions = {\n  password: 'complex_password_at_least_32_characters_long',\n  cookieName: 'myapp_session',\n};",
      errors: [{ line: 3, column: 13, message: /in iron-session's `password`/ }],
      output: {
        'lib/session.ts': "import type { SessionOptions } from 'iron-session';\nexport const sessionOptions: SessionOptions = {\n  password: process.env.SESSION_SECRET!,\n  cookieName: 'myapp_session',\n};",
        '.env.example': 'SESSION_SECRET=\n',
      },
    },
    {
      name: 'iron-session v8 getIronSession with inline options',
      code: "import { getIronSession } from 'iron-session';\nimport { cookies } from 'next/headers';\nexport const getSession = async () => getIronSession(await cookies(), { password: 'complex_password_at_least_32_characters_long', cookieName: 's' });",
      errors: [{ line: 3, column: 83 }],
    },
  ],
});
