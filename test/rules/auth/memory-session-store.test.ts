import rule from '../../../rules/auth/memory-session-store';
import { ruleTester } from '../../helpers/ruleTester';

const MSG = 'express-session keeps sessions in its default MemoryStore here (no `store` option): every restart or deploy signs everyone out, a second instance does not see the sessions, and the store grows until the process runs out of memory. Give it a shared store (Redis, Postgres, Mongo...).';

ruleTester(rule, {
  valid: [
    "import session from 'express-session';\nimport { RedisStore } from 'connect-redis';\napp.use(session({ store: new RedisStore({ client: redis }), secret: process.env.SESSION_SECRET!, resave: false }));",
    "import session from 'express-session';\nimport pgSession from 'connect-pg-simple';\nconst PgStore = pgSession(session);\napp.use(session({ store: new PgStore({ pool }), secret: process.env.SESSION_SECRET! }));",
    // store in a spread const, options in a const, store assigned in production only
    "import session from 'express-session';\nconst base = { store: MongoStore.create({ mongoUrl: process.env.MONGO_URL }) };\napp.use(session({ ...base, secret: process.env.SESSION_SECRET! }));",
    "import session from 'express-session';\nconst sess: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: {} };\nif (app.get('env') === 'production') {\n  app.set('trust proxy', 1);\n  sess.store = new RedisStore({ client });\n}\napp.use(session(sess));",
    // store chosen by environment: still a store option
    "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET!, store: isProd ? new RedisStore({ client }) : undefined }));",
    // options this file cannot see
    "import session from 'express-session';\nimport { sessionOptions } from './config';\napp.use(session(sessionOptions));",
    "import session from 'express-session';\nimport { sessionDefaults } from './config';\napp.use(session({ ...sessionDefaults, name: 'sid' }));",
    // development-only branches
    "import session from 'express-session';\nif (process.env.NODE_ENV !== 'production') {\n  app.use(session({ secret: 'dev', resave: false }));\n} else {\n  app.use(session({ store, secret: process.env.SESSION_SECRET! }));\n}",
    "import session from 'express-session';\nconst isProd = process.env.NODE_ENV === 'production';\napp.use(isProd ? session({ store, secret: process.env.SESSION_SECRET! }) : session({ secret: 'dev' }));",
    // cookie-session is stateless; Fastify with a store
    "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [process.env.SESSION_KEY!] }));",
    "import fastifySession from '@fastify/session';\napp.register(fastifySession, { secret: process.env.SESSION_SECRET!, store: new RedisStore({ client }) });",
    // tests and dev scripts
    { filename: 'test/helpers/app.ts', code: "import session from 'express-session';\napp.use(session({ secret: 'test' }));" },
    { filename: 'scripts/dev-server.ts', code: "import session from 'express-session';\napp.use(session({ secret: 'dev' }));" },
  ],
  invalid: [
    {
      name: 'express-session with no store',
      code: "import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));",
      errors: [{ line: 4, column: 9, tier: 'ship-stopping', message: MSG }],
      output: null,
    },
    {
      name: 'options in a const, require',
      code: "const session = require('express-session');\nconst sessionConfig = {\n  secret: process.env.SESSION_SECRET,\n  cookie: { secure: true },\n};\napp.use(session(sessionConfig));",
      errors: [{ line: 6, column: 9 }],
    },
    {
      name: 'in the production branch',
      code: "import session from 'express-session';\nif (process.env.NODE_ENV === 'production') {\n  app.use(session({ secret: process.env.SESSION_SECRET! }));\n}",
      errors: [{ line: 3, column: 11 }],
    },
    {
      name: 'NestJS main.ts',
      filename: 'src/main.ts',
      code: "import { NestFactory } from '@nestjs/core';\nimport * as session from 'express-session';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));\n  await app.listen(3000);\n}\nbootstrap();",
      errors: [{ line: 5, column: 11 }],
    },
    {
      name: '@fastify/session without a store',
      code: "import Fastify from 'fastify';\nimport fastifyCookie from '@fastify/cookie';\nimport fastifySession from '@fastify/session';\nconst app = Fastify();\napp.register(fastifyCookie);\napp.register(fastifySession, { secret: process.env.SESSION_SECRET! });",
      errors: [{ line: 6, column: 1, message: /^@fastify\/session keeps sessions in its default MemoryStore/ }],
    },
    {
      name: '@fastify/session through an inline require',
      filename: 'src/server.js',
      code: "const fastify = require('fastify')();\nfastify.register(require('@fastify/cookie'));\nfastify.register(require('@fastify/session'), { secret: process.env.SESSION_SECRET, cookie: { secure: true } });",
      errors: [{ line: 3, column: 1, message: /^@fastify\/session keeps sessions in its default MemoryStore/ }],
    },
  ],
});
