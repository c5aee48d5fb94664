import rule from '../../../rules/auth/hardcoded-jwt-secret';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'a leftover verify middleware nothing uses (not mounted, called or exported; seen on a real Express CRM)', filename: 'routes/logout.js', code: "const express = require('express');\nconst jwt = require('jsonwebtoken');\nconst router = express.Router();\nconst authMiddleware = (req, res, next) => {\n  const token = req.header('x-auth-token');\n  try {\n    req.user = jwt.verify(token, 'secret');\n    next();\n  } catch (e) {\n    res.status(401).end();\n  }\n};\nrouter.route('/').post((req, res) => res.end());\nmodule.exports = router;\n" },
    // a field assigned in several places: which value reaches jwt is not known
    "import jwt from 'jsonwebtoken';\nexport class Auth {\n  private secret = 'placeholder';\n  constructor(cfg: { secret: string }) {}\n  check(t: string) { return jwt.verify(t, this.key); }\n  private key: string;\n  setKey(k: string) { this.key = k; }\n  rotate() { this.key = 'x'; }\n}\n",
    "import jwt from 'jsonwebtoken';\njwt.sign({ sub: 1 }, process.env.JWT_SECRET!, { expiresIn: '15m' });",
    "import jwt from 'jsonwebtoken';\nconst JWT_SECRET = process.env.JWT_SECRET as string;\nif (!JWT_SECRET) throw new Error('JWT_SECRET is required');\nexport const check = (t: string) => jwt.verify(t, JWT_SECRET);",
    "import * as jwt from 'jsonwebtoken';\nimport config from 'config';\nexport const issue = (id: string) => jwt.sign({ id }, config.get<string>('auth.jwtSecret'));",
    // the secret is a parameter or read from a key file
    "import jwt from 'jsonwebtoken';\nexport function issue(payload: object, secret: string) { return jwt.sign(payload, secret, { expiresIn: '1h' }); }",
    "import jwt from 'jsonwebtoken';\nimport { readFileSync } from 'fs';\nconst privateKey = readFileSync('./keys/private.pem');\nexport const issue = (p: object) => jwt.sign(p, privateKey, { algorithm: 'RS256', expiresIn: '1h' });",
    // an explicitly dev-only value, gated on the environment
    "import jwt from 'jsonwebtoken';\nconst secret = process.env.NODE_ENV === 'production' ? process.env.JWT_SECRET! : 'dev-only-secret';\njwt.sign({ sub: 1 }, secret);",
    "import jwt from 'jsonwebtoken';\nconst isProd = process.env.NODE_ENV === 'production';\nconst secret = isProd ? process.env.JWT_SECRET! : 'local-secret';\njwt.verify(token, secret);",
    // NestJS: module, async module, service and passport strategy reading configuration
    "import { JwtModule } from '@nestjs/jwt';\nimport { ConfigService } from '@nestjs/config';\nexport const jwtModule = JwtModule.registerAsync({\n  inject: [ConfigService],\n  useFactory: (config: ConfigService) => ({ secret: config.getOrThrow<string>('JWT_SECRET'), signOptions: { expiresIn: '15m' } }),\n});",
    "import { JwtModule } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '60s' } })] })\nexport class AuthModule {}",
    "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthService {\n  constructor(private jwtService: JwtService, private config: ConfigService) {}\n  refresh(payload: object) {\n    return this.jwtService.signAsync(payload, { secret: this.config.get('JWT_REFRESH_SECRET'), expiresIn: '7d' });\n  }\n}",
    "import { ExtractJwt, Strategy } from 'passport-jwt';\nimport { PassportStrategy } from '@nestjs/passport';\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor(config: ConfigService) {\n    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), ignoreExpiration: false, secretOrKey: config.get<string>('JWT_SECRET') });\n  }\n}",
    // express-jwt fed by a JWKS endpoint
    "import { expressjwt } from 'express-jwt';\nimport jwksRsa from 'jwks-rsa';\nexport const checkJwt = expressjwt({\n  secret: jwksRsa.expressJwtSecret({ cache: true, jwksUri: `https://${process.env.AUTH0_DOMAIN}/.well-known/jwks.json` }) as any,\n  algorithms: ['RS256'],\n});",
    "import Fastify from 'fastify';\nimport fastifyJwt from '@fastify/jwt';\nconst app = Fastify();\napp.register(fastifyJwt, { secret: process.env.JWT_SECRET! });",
    // jose with keys from the environment or a remote key set
    "import { jwtVerify, SignJWT } from 'jose';\nconst secret = new TextEncoder().encode(process.env.JWT_SECRET);\nexport const verify = (t: string) => jwtVerify(t, secret);\nexport const sign = () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret);",
    "import { createRemoteJWKSet, jwtVerify } from 'jose';\nconst JWKS = createRemoteJWKSet(new URL('https://example.com/.well-known/jwks.json'));\nexport const verify = (t: string) => jwtVerify(t, JWKS, { issuer: 'urn:example:issuer' });",
    // other libraries' sign() and hmac keys are other rules' business
    "import { sign } from './signer';\nsign({ sub: 1 }, 'not-a-jwt-key');",
    "import { sign } from 'cookie-signature';\nexport const signed = sign('value', 'cookie-secret-value');",
    "import crypto from 'crypto';\nconst s = crypto.createSign('SHA256');\ns.update('data');\nexport const sig = s.sign(privateKey, 'hex');",
    // names that mention jwt but are not the secret
    "export const JWT_STORAGE_KEY = 'auth_token';\nexport const JWT_EXPIRES_IN = '7d';\nexport const JWT_SECRET_ENV = 'JWT_SECRET';\nexport const jwtSecretKey = 'JWT_SECRET';\nexport const jwtPublicKey = '-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkq\\n-----END PUBLIC KEY-----';",
    "export default () => ({ jwt: { secret: process.env.JWT_SECRET, expiresIn: process.env.JWT_EXPIRES_IN ?? '1d' } });",
    // an empty value is not a secret (jsonwebtoken refuses it anyway)
    "import jwt from 'jsonwebtoken';\njwt.verify(token, '');",
    // test code is allowed its fixtures
    { filename: 'src/auth/auth.service.spec.ts', code: "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ sub: 1 }, 'test-secret');" },
    { filename: 'test/helpers/tokens.ts', code: "import jwt from 'jsonwebtoken';\nexport const token = jwt.sign({ sub: 1 }, 'test-secret');" },
    { filename: 'vitest.setup.ts', code: "process.env.JWT_SECRET = 'test-secret';" },
  ],
  invalid: [
    {
      name: 'the same middleware, mounted: reported',
      filename: 'routes/logout.js',
      code: "const express = require('express');\nconst jwt = require('jsonwebtoken');\nconst router = express.Router();\nconst authMiddleware = (req, res, next) => {\n  req.user = jwt.verify(req.header('x-auth-token'), 'secret');\n  next();\n};\nrouter.use(authMiddleware);\nmodule.exports = router;\n",
      errors: [{ line: 5, column: 53, message: /^Hardcoded JWT secret/ }],
      output: { 'routes/logout.js': "const express = require('express');\nconst jwt = require('jsonwebtoken');\nconst router = express.Router();\nconst authMiddleware = (req, res, next) => {\n  req.user = jwt.verify(req.header('x-auth-token'), process.env.JWT_SECRET);\n  next();\n};\nrouter.use(authMiddleware);\nmodule.exports = router;\n", '.env.example': 'JWT_SECRET=\n' },
    },
    {
      name: 'inline literal in jwt.sign, .env.example created',
      code: "import jwt from 'jsonwebtoken';\nexport const issue = (id: string) => jwt.sign({ id }, 'super-secret-key-123', { expiresIn: '1h' });",
      errors: [{ line: 2, column: 55, tier: 'ship-stopping', message: "Hardcoded JWT secret (`supe****`) passed to jwt.sign(): anyone who can read the code (repository, fork, CI log, leaked bundle) can forge a valid token for any user. Read it from process.env.JWT_SECRET and rotate this value." }],
      output: {
        'src/app.ts': "import jwt from 'jsonwebtoken';\nexport const issue = (id: string) => jwt.sign({ id }, process.env.JWT_SECRET!, { expiresIn: '1h' });",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'const with a generic name used by sign and verify (require): one finding, appended to the existing .env.example',
      files: {
        'src/auth.ts': "const jwt = require('jsonwebtoken');\nconst SECRET = 'abc123';\nexports.issue = (u) => jwt.sign({ id: u.id }, SECRET, { expiresIn: '1h' });\nexports.check = (t) => jwt.verify(t, SECRET);",
        '.env.example': 'DATABASE_URL=postgres://localhost/app',
      },
      errors: [{ file: 'src/auth.ts', line: 2, column: 16, message: /^Hardcoded JWT secret \(`a\*\*\*\*`\) passed to jwt\.sign\(\)/ }],
      output: {
        'src/auth.ts': "const jwt = require('jsonwebtoken');\nconst SECRET = process.env.JWT_SECRET!;\nexports.issue = (u) => jwt.sign({ id: u.id }, SECRET, { expiresIn: '1h' });\nexports.check = (t) => jwt.verify(t, SECRET);",
        '.env.example': 'DATABASE_URL=postgres://localhost/app\nJWT_SECRET=\n',
      },
    },
    {
      name: 'literal fallback on the env var, which .env.example already lists',
      files: {
        'src/auth.ts': "import jwt from 'jsonwebtoken';\nconst JWT_SECRET = process.env.JWT_SECRET || 'dev-secret';\nexport const verify = (t: string) => jwt.verify(t, JWT_SECRET);",
        '.env.example': 'JWT_SECRET=\n',
      },
      errors: [{ file: 'src/auth.ts', line: 2, column: 46, message: "JWT secret falls back to a hardcoded value (`de****`) passed to jwt.verify(): a deploy that misses JWT_SECRET signs tokens with a secret anyone reading the code knows. Drop the fallback so a missing secret fails loudly, and rotate this value." }],
      output: { 'src/auth.ts': "import jwt from 'jsonwebtoken';\nconst JWT_SECRET = process.env.JWT_SECRET!;\nexport const verify = (t: string) => jwt.verify(t, JWT_SECRET);" },
    },
    {
      // seen on a real Koa + TypeORM app
      name: 'a secret held in a class field, set in the constructor with a fallback (this.secret)',
      files: {
        'src/lib/Authenticator.ts': "import jwt from 'jsonwebtoken';\nexport class JWTAuthenticator {\n  private secret: string;\n  constructor() {\n    this.secret = process.env.SECRET_KEY || 'secret';\n  }\n  validate(token: string) {\n    return jwt.verify(token, this.secret);\n  }\n  sign(user: { id: string }) {\n    return jwt.sign({ id: user.id }, this.secret, { expiresIn: '1h' });\n  }\n}\n",
        '.env.example': 'SECRET_KEY=\n',
      },
      errors: [{ file: 'src/lib/Authenticator.ts', line: 5, column: 45, message: /^JWT secret falls back to a hardcoded value \(`s\*\*\*\*`\) passed to jwt\.verify\(\): a deploy that misses SECRET_KEY/ }],
      output: { 'src/lib/Authenticator.ts': "import jwt from 'jsonwebtoken';\nexport class JWTAuthenticator {\n  private secret: string;\n  constructor() {\n    this.secret = process.env.SECRET_KEY!;\n  }\n  validate(token: string) {\n    return jwt.verify(token, this.secret);\n  }\n  sign(user: { id: string }) {\n    return jwt.sign({ id: user.id }, this.secret, { expiresIn: '1h' });\n  }\n}\n" },
    },
    {
      name: 'env-like const name is reused; renamed import; JS file gets no non-null assertion',
      filename: 'src/auth.js',
      code: "import { sign as signToken } from 'jsonwebtoken';\nconst ACCESS_TOKEN_SECRET = `access-${'secret'}-2024`;\nexport const issue = (id) => signToken({ id }, ACCESS_TOKEN_SECRET);",
      errors: [{ line: 2, column: 29 }],
      output: {
        'src/auth.js': "import { sign as signToken } from 'jsonwebtoken';\nconst ACCESS_TOKEN_SECRET = process.env.ACCESS_TOKEN_SECRET;\nexport const issue = (id) => signToken({ id }, ACCESS_TOKEN_SECRET);",
        '.env.example': 'ACCESS_TOKEN_SECRET=\n',
      },
    },
    {
      name: 'class field',
      code: "export class TokenService {\n  private readonly jwtSecret = 'class-field-secret';\n}",
      errors: [{ line: 2, column: 32, message: /in `jwtSecret`/ }],
      output: {
        'src/app.ts': "export class TokenService {\n  private readonly jwtSecret = process.env.JWT_SECRET!;\n}",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'two different secrets in one file get two env vars',
      code: "import jwt from 'jsonwebtoken';\nconst accessSecret = 'access-secret-value';\nconst refreshTokenSecret = 'refresh-secret-value';\nexport const a = jwt.sign({}, accessSecret, { expiresIn: '15m' });\nexport const r = jwt.sign({}, refreshTokenSecret, { expiresIn: '7d' });",
      errors: [{ line: 2, column: 22 }, { line: 3, column: 28 }],
      output: {
        'src/app.ts': "import jwt from 'jsonwebtoken';\nconst accessSecret = process.env.ACCESS_SECRET!;\nconst refreshTokenSecret = 'refresh-secret-value';\nexport const a = jwt.sign({}, accessSecret, { expiresIn: '15m' });\nexport const r = jwt.sign({}, refreshTokenSecret, { expiresIn: '7d' });",
        '.env.example': 'ACCESS_SECRET=\n',
      },
    },
    {
      name: 'jose: TextEncoder key',
      code: "import * as jose from 'jose';\nconst secret = new TextEncoder().encode('my-jose-secret-value');\nexport const verify = (t: string) => jose.jwtVerify(t, secret);",
      errors: [{ line: 2, column: 41, message: /used as the key of jose jwtVerify\(\)/ }],
      output: {
        'src/app.ts': "import * as jose from 'jose';\nconst secret = new TextEncoder().encode(process.env.JWT_SECRET!);\nexport const verify = (t: string) => jose.jwtVerify(t, secret);",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'jose: SignJWT chain with createSecretKey',
      code: "import { SignJWT } from 'jose';\nimport { createSecretKey } from 'crypto';\nconst key = createSecretKey(Buffer.from('0123456789abcdef0123456789abcdef'));\nexport const sign = () => new SignJWT({ sub: '1' })\n  .setProtectedHeader({ alg: 'HS256' })\n  .setExpirationTime('1h')\n  .sign(key);",
      errors: [{ line: 3, column: 41, message: /used as the key of jose SignJWT\.sign\(\)/ }],
      output: {
        'src/app.ts': "import { SignJWT } from 'jose';\nimport { createSecretKey } from 'crypto';\nconst key = createSecretKey(Buffer.from(process.env.JWT_SECRET!));\nexport const sign = () => new SignJWT({ sub: '1' })\n  .setProtectedHeader({ alg: 'HS256' })\n  .setExpirationTime('1h')\n  .sign(key);",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'express-jwt (v7 named export) in a CommonJS file',
      filename: 'src/middleware/auth.js',
      code: "const { expressjwt } = require('express-jwt');\nmodule.exports = expressjwt({ secret: 'shhhhhhared-secret', algorithms: ['HS256'] });",
      errors: [{ line: 2, column: 39, message: /as express-jwt's `secret`/ }],
      output: {
        'src/middleware/auth.js': "const { expressjwt } = require('express-jwt');\nmodule.exports = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'express-jwt (v6 default export)',
      code: "import jwt from 'express-jwt';\napp.use(jwt({ secret: 'keyboard-cat-jwt', algorithms: ['HS256'] }).unless({ path: ['/login'] }));",
      errors: [{ line: 2, column: 23 }],
    },
    {
      name: 'NestJS: JwtModule.register with the docs-sample constants in the same file',
      filename: 'src/auth/auth.module.ts',
      code: "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\nconst jwtConstants = { secret: 'DO NOT USE THIS VALUE' };\n@Module({\n  imports: [JwtModule.register({ global: true, secret: jwtConstants.secret, signOptions: { expiresIn: '60s' } })],\n})\nexport class AuthModule {}",
      errors: [{ line: 3, column: 32, message: /in JwtModule\.register\(\)/ }],
      output: {
        'src/auth/auth.module.ts': "import { Module } from '@nestjs/common';\nimport { JwtModule } from '@nestjs/jwt';\nconst jwtConstants = { secret: process.env.JWT_SECRET! };\n@Module({\n  imports: [JwtModule.register({ global: true, secret: jwtConstants.secret, signOptions: { expiresIn: '60s' } })],\n})\nexport class AuthModule {}",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'NestJS: constants file on its own (imported elsewhere)',
      filename: 'src/auth/constants.ts',
      code: "export const jwtConstants = {\n  secret: 'DO NOT USE THIS VALUE. INSTEAD, CREATE A COMPLEX SECRET AND KEEP IT SAFE OUTSIDE OF THE SOURCE CODE.',\n};",
      errors: [{ line: 2, column: 11, message: /^Hardcoded JWT secret \(`DO N\*\*\*\*`\) in `jwtConstants\.secret`/ }],
      output: {
        'src/auth/constants.ts': 'export const jwtConstants = {\n  secret: process.env.JWT_SECRET!,\n};',
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'NestJS: registerAsync factory with a config fallback',
      code: "import { JwtModule } from '@nestjs/jwt';\nexport const m = JwtModule.registerAsync({\n  inject: [ConfigService],\n  useFactory: async (config: ConfigService) => {\n    return { secret: config.get('JWT_SECRET') ?? 'fallback-secret', signOptions: { expiresIn: '1h' } };\n  },\n});",
      errors: [{ line: 5, column: 50, message: /^JWT secret falls back to a hardcoded value \(`fal\*\*\*\*`\) returned by JwtModule\.registerAsync\(\)'s useFactory/ }],
      output: {
        'src/app.ts': "import { JwtModule } from '@nestjs/jwt';\nexport const m = JwtModule.registerAsync({\n  inject: [ConfigService],\n  useFactory: async (config: ConfigService) => {\n    return { secret: config.get('JWT_SECRET'), signOptions: { expiresIn: '1h' } };\n  },\n});",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'NestJS: JwtService.sign with a literal secret option',
      code: "import { JwtService } from '@nestjs/jwt';\nexport class AuthService {\n  constructor(private readonly jwtService: JwtService) {}\n  refresh(p: object) { return this.jwtService.sign(p, { secret: 'refresh-secret-123', expiresIn: '7d' }); }\n}",
      errors: [{ line: 4, column: 65, message: /passed to this\.jwtService\.sign\(\)/ }],
    },
    {
      name: 'NestJS passport strategy: super({ secretOrKey })',
      code: "import { ExtractJwt, Strategy } from 'passport-jwt';\nimport { PassportStrategy } from '@nestjs/passport';\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor() {\n    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: 'secretKey' });\n  }\n}",
      errors: [{ line: 5, column: 84, message: /as passport-jwt's `secretOrKey`/ }],
    },
    {
      name: 'passport-jwt: options object built by assignment',
      code: "const JwtStrategy = require('passport-jwt').Strategy;\nconst ExtractJwt = require('passport-jwt').ExtractJwt;\nconst opts: any = {};\nopts.jwtFromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();\nopts.secretOrKey = 'secret';\npassport.use(new JwtStrategy(opts, verify));",
      errors: [{ line: 5, column: 20 }],
      output: {
        'src/app.ts': "const JwtStrategy = require('passport-jwt').Strategy;\nconst ExtractJwt = require('passport-jwt').ExtractJwt;\nconst opts: any = {};\nopts.jwtFromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();\nopts.secretOrKey = process.env.JWT_SECRET!;\npassport.use(new JwtStrategy(opts, verify));",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'passport-jwt: new Strategy with options in a const',
      code: "import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';\nconst opts = { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: 'my-passport-secret' };\npassport.use(new JwtStrategy(opts, verify));",
      errors: [{ line: 2, column: 87 }],
    },
    {
      name: 'config object: jwt.secret with a literal fallback',
      filename: 'src/config/index.ts',
      code: "export default {\n  port: Number(process.env.PORT ?? 3000),\n  jwt: {\n    secret: process.env.JWT_SECRET || 'changeme',\n    expiresIn: '1d',\n  },\n};",
      errors: [{ line: 4, column: 39, message: /^JWT secret falls back to a hardcoded value \(`ch\*\*\*\*`\) in `jwt\.secret`/ }],
      output: {
        'src/config/index.ts': "export default {\n  port: Number(process.env.PORT ?? 3000),\n  jwt: {\n    secret: process.env.JWT_SECRET!,\n    expiresIn: '1d',\n  },\n};",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'NestJS registerAs config namespace',
      filename: 'src/config/jwt.config.ts',
      code: "import { registerAs } from '@nestjs/config';\nexport default registerAs('jwt', () => ({\n  secret: process.env.JWT_SECRET ?? 'local-dev-secret',\n}));",
      errors: [{ line: 3, column: 37 }],
    },
    {
      name: 'zod env schema default',
      filename: 'src/env.ts',
      code: "import { z } from 'zod';\nexport const env = z.object({\n  DATABASE_URL: z.string().url(),\n  JWT_SECRET: z.string().min(16).default('dev-secret-please-change'),\n}).parse(process.env);",
      errors: [{ line: 4, column: 42 }],
      output: {
        'src/env.ts': "import { z } from 'zod';\nexport const env = z.object({\n  DATABASE_URL: z.string().url(),\n  JWT_SECRET: z.string().min(16),\n}).parse(process.env);",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'non-gated conditional fallback',
      code: "import jwt from 'jsonwebtoken';\nconst key = process.env.TOKEN_SECRET ? process.env.TOKEN_SECRET : 'fallback-secret';\njwt.sign({}, key, { expiresIn: '1h' });",
      errors: [{ line: 2, column: 67 }],
      output: {
        'src/app.ts': "import jwt from 'jsonwebtoken';\nconst key = process.env.TOKEN_SECRET!;\njwt.sign({}, key, { expiresIn: '1h' });",
        '.env.example': 'TOKEN_SECRET=\n',
      },
    },
    {
      name: 'Hono: jwt middleware and sign helper',
      code: "import { Hono } from 'hono';\nimport { jwt, sign } from 'hono/jwt';\nconst app = new Hono();\napp.use('/api/*', jwt({ secret: 'it-is-very-secret', alg: 'HS256' }));\nexport const issue = () => sign({ sub: 'u1', exp: 0 }, 'it-is-very-secret');",
      errors: [{ line: 4, column: 33, message: /as hono\/jwt's `secret`/ }, { line: 5, column: 56, message: /passed to hono\/jwt sign\(\)/ }],
    },
    {
      name: 'Fastify: @fastify/jwt registered with require()',
      code: "const fastify = require('fastify')();\nfastify.register(require('@fastify/jwt'), { secret: 'supersecret' });",
      errors: [{ line: 2, column: 53 }],
    },
    {
      name: 'koa-jwt',
      code: "import Koa from 'koa';\nimport koaJwt from 'koa-jwt';\nconst app = new Koa();\napp.use(koaJwt({ secret: 'shared-koa-secret' }).unless({ path: [/^\\/public/] }));",
      errors: [{ line: 4, column: 26 }],
    },
    {
      name: 'next-auth: secret option, env name NEXTAUTH_SECRET',
      filename: 'pages/api/auth/[...nextauth].ts',
      code: "import NextAuth from 'next-auth';\nimport GitHub from 'next-auth/providers/github';\nexport default NextAuth({ providers: [GitHub({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })], secret: 'next-auth-secret-value' });",
      errors: [{ line: 3, column: 136 }],
      output: {
        'pages/api/auth/[...nextauth].ts': "import NextAuth from 'next-auth';\nimport GitHub from 'next-auth/providers/github';\nexport default NextAuth({ providers: [GitHub({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! })], secret: process.env.NEXTAUTH_SECRET! });",
        '.env.example': 'NEXTAUTH_SECRET=\n',
      },
    },
    {
      name: 'a token-secret name with no jwt in it, no JWT module',
      code: "export const refresh_token_secret = 'refresh-secret-value';",
      errors: [{ line: 1, column: 37, message: /^Hardcoded JWT secret \(`refr\*\*\*\*`\) in `refresh_token_secret`/ }],
      output: {
        'src/app.ts': 'export const refresh_token_secret = process.env.REFRESH_TOKEN_SECRET!;',
        '.env.example': 'REFRESH_TOKEN_SECRET=\n',
      },
    },
    {
      name: 'private class field',
      code: "export class Tokens {\n  #jwtSigningKey = 'private-field-secret';\n}",
      errors: [{ line: 2, column: 20, message: /in `#jwtSigningKey`/ }],
      output: {
        'src/app.ts': 'export class Tokens {\n  #jwtSigningKey = process.env.JWT_SECRET!;\n}',
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'computed string key (not in the name table)',
      code: "export const settings = { ['jwtSecret']: 'computed-key-secret' };",
      errors: [{ line: 1, column: 42, message: /^Hardcoded JWT secret \(`comp\*\*\*\*`\) in `jwtSecret`/ }],
      output: {
        'src/app.ts': "export const settings = { ['jwtSecret']: process.env.JWT_SECRET! };",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'config object: secret under a computed jwt key',
      filename: 'src/config/index.ts',
      code: "export default {\n  ['jwt']: { secret: 'computed-owner-secret', expiresIn: '1d' },\n};",
      errors: [{ line: 2, column: 22, message: /in `jwt\.secret`/ }],
      output: {
        'src/config/index.ts': "export default {\n  ['jwt']: { secret: process.env.JWT_SECRET!, expiresIn: '1d' },\n};",
        '.env.example': 'JWT_SECRET=\n',
      },
    },
    {
      name: 'monorepo: the package has no template, the root has one',
      files: {
        'package.json': '{ "name": "root", "private": true, "workspaces": ["apps/*"] }',
        'apps/api/package.json': '{ "name": "api", "dependencies": { "jsonwebtoken": "^9.0.0" } }',
        'apps/api/src/auth.ts': "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({}, 'monorepo-secret', { expiresIn: '1h' });",
        '.env.example': '# shared\nDATABASE_URL=\n',
      },
      errors: [{ file: 'apps/api/src/auth.ts', line: 2, column: 31 }],
      output: {
        'apps/api/src/auth.ts': "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({}, process.env.JWT_SECRET!, { expiresIn: '1h' });",
        '.env.example': '# shared\nDATABASE_URL=\nJWT_SECRET=\n',
      },
    },
    {
      name: 'monorepo: no template anywhere, created in the package',
      files: {
        'package.json': '{ "name": "root", "private": true, "workspaces": ["apps/*"] }',
        'apps/api/package.json': '{ "name": "api" }',
        'apps/api/src/auth.ts': "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({}, 'monorepo-secret', { expiresIn: '1h' });",
      },
      errors: [{ file: 'apps/api/src/auth.ts', line: 2, column: 31 }],
      output: {
        'apps/api/src/auth.ts': "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({}, process.env.JWT_SECRET!, { expiresIn: '1h' });",
        'apps/api/.env.example': 'JWT_SECRET=\n',
      },
    },
  ],
});
