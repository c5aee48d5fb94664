import rule from '../../../rules/auth/jwt-verify-algorithms';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'a verify in a leftover middleware nothing uses', code: "const jwt = require('jsonwebtoken');\nconst authMiddleware = (req, res, next) => {\n  req.user = jwt.verify(req.header('x-auth-token'), process.env.JWT_SECRET);\n  next();\n};\nmodule.exports = {};\n" },
    "import jwt from 'jsonwebtoken';\nexport const read = (t: string) => jwt.verify(t, process.env.JWT_SECRET!, { algorithms: ['HS256'] });",
    // allowlist in a const, in a spread const, or assigned to the options object later
    "import jwt from 'jsonwebtoken';\nconst VERIFY_OPTIONS = { algorithms: ['RS256'] as jwt.Algorithm[], issuer: 'api' };\nexport const read = (t: string) => jwt.verify(t, publicKey, VERIFY_OPTIONS);",
    "import jwt from 'jsonwebtoken';\nconst base = { algorithms: ['HS256'] as jwt.Algorithm[] };\nexport const read = (t: string) => jwt.verify(t, secret, { ...base, audience: 'web' });",
    "import * as jwt from 'jsonwebtoken';\nconst opts: jwt.VerifyOptions = {};\nopts.algorithms = ['ES256'];\nexport const read = (t: string) => jwt.verify(t, key, opts);",
    // options this file cannot see: a parameter, an unknown spread
    "import jwt from 'jsonwebtoken';\nexport function read(t: string, options: jwt.VerifyOptions) { return jwt.verify(t, secret, options); }",
    "import jwt from 'jsonwebtoken';\nimport { verifyDefaults } from './config';\nexport const read = (t: string) => jwt.verify(t, secret, { ...verifyDefaults, maxAge: '1h' });",
    // the callback style with options
    "const jwt = require('jsonwebtoken');\njwt.verify(token, secret, { algorithms: ['HS512'] }, (err, decoded) => { if (err) throw err; });",
    // a different library's verify() and sign()
    "import { verify } from 'argon2';\nexport const ok = (hash: string, pw: string) => verify(hash, pw);",
    "import { verify } from './tokens';\nexport const ok = (t: string) => verify(t, secret);",
    "import crypto from 'crypto';\nexport const ok = crypto.verify('sha256', data, publicKey, signature);",
    // jose: the algorithm is tied to the key type and 'none' is never accepted
    "import { jwtVerify } from 'jose';\nconst secret = new TextEncoder().encode(process.env.JWT_SECRET);\nexport const read = (t: string) => jwtVerify(t, secret);",
    // express-jwt, koa-jwt, passport-jwt with the allowlist
    "import { expressjwt } from 'express-jwt';\nexport const auth = expressjwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] });",
    "import koaJwt from 'koa-jwt';\nexport const auth = koaJwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] });",
    "import { Strategy, ExtractJwt } from 'passport-jwt';\npassport.use(new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET, algorithms: ['HS256'] }, verify));",
    // NestJS: a missing allowlist may be set at module level, so only 'none' is checked there
    "import { JwtService } from '@nestjs/jwt';\nexport class AuthGuard {\n  constructor(private jwtService: JwtService) {}\n  check(t: string) { return this.jwtService.verifyAsync(t, { secret: process.env.JWT_SECRET }); }\n}",
    "import { JwtModule } from '@nestjs/jwt';\nexport const m = JwtModule.register({ secret: process.env.JWT_SECRET, verifyOptions: { algorithms: ['HS256'] } });",
    // test code
    { filename: 'src/auth.spec.ts', code: "import jwt from 'jsonwebtoken';\nconst payload = jwt.verify(token, 'test-secret');" },
  ],
  invalid: [
    {
      name: 'jwt.verify without options: algorithm from the sign side in the same file, safe fix',
      code: "import jwt from 'jsonwebtoken';\nexport const issue = (id: string) => jwt.sign({ id }, secret, { algorithm: 'HS512', expiresIn: '1h' });\nexport const read = (t: string) => jwt.verify(t, secret);",
      errors: [{ line: 3, column: 36, tier: 'tech-debt', message: "jwt.verify() has no `algorithms` allowlist: the algorithm is taken from the token's own header and only the key type limits it (before jsonwebtoken v9, an RS256 public key could verify an attacker's HS256 token). Pin the algorithms you sign with: `algorithms: ['HS512']`." }],
      output: "import jwt from 'jsonwebtoken';\nexport const issue = (id: string) => jwt.sign({ id }, secret, { algorithm: 'HS512', expiresIn: '1h' });\nexport const read = (t: string) => jwt.verify(t, secret, { algorithms: ['HS512'] });",
    },
    {
      name: 'options without algorithms (require, shared secret from env)',
      filename: 'src/middleware/auth.js',
      code: "const jwt = require('jsonwebtoken');\nmodule.exports = (req, res, next) => {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET, {\n    issuer: 'api',\n  });\n  next();\n};",
      errors: [{ line: 3, column: 14, message: /`algorithms: \['HS256'\]`/ }],
      output: "const jwt = require('jsonwebtoken');\nmodule.exports = (req, res, next) => {\n  req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET, {\n    issuer: 'api',\n    algorithms: ['HS256'],\n  });\n  next();\n};",
    },
    {
      name: 'callback style: the options go before the callback; a public key suggests RS256',
      code: "import { verify } from 'jsonwebtoken';\nverify(token, publicKey, (err, decoded) => { if (err) return; });",
      errors: [{ line: 2, column: 1 }],
      output: "import { verify } from 'jsonwebtoken';\nverify(token, publicKey, { algorithms: ['RS256'] }, (err, decoded) => { if (err) return; });",
    },
    {
      name: 'a key read from a PEM file suggests RS256',
      code: "import * as jwt from 'jsonwebtoken';\nimport fs from 'fs';\nconst cert = fs.readFileSync('keys/jwt.pem');\nexport const read = (t: string) => jwt.verify(t, cert, { audience: 'web' });",
      errors: [{ line: 4, column: 36 }],
      output: "import * as jwt from 'jsonwebtoken';\nimport fs from 'fs';\nconst cert = fs.readFileSync('keys/jwt.pem');\nexport const read = (t: string) => jwt.verify(t, cert, { audience: 'web', algorithms: ['RS256'] });",
    },
    {
      name: "'none' allowed: ship-stopping, the fix removes it",
      code: "import jwt from 'jsonwebtoken';\nexport const read = (t: string) => jwt.verify(t, process.env.JWT_SECRET!, { algorithms: ['HS256', 'none'] });",
      errors: [{ line: 2, column: 99, tier: 'ship-stopping', message: "`algorithms` allows 'none' in jwt.verify(): an unsigned token (`alg: none`) is accepted whenever the key is empty (a missing env var is enough), so anyone can sign in as anyone. Remove 'none'." }],
      output: "import jwt from 'jsonwebtoken';\nexport const read = (t: string) => jwt.verify(t, process.env.JWT_SECRET!, { algorithms: ['HS256'] });",
    },
    {
      name: "only 'none', in a const array",
      code: "import jwt from 'jsonwebtoken';\nconst ALGS: jwt.Algorithm[] = ['none'];\nexport const read = (t: string) => jwt.verify(t, key, { algorithms: ALGS });",
      errors: [{ line: 2, column: 32, tier: 'ship-stopping' }],
      output: "import jwt from 'jsonwebtoken';\nconst ALGS: jwt.Algorithm[] = ['HS256'];\nexport const read = (t: string) => jwt.verify(t, key, { algorithms: ALGS });",
    },
    {
      name: 'express-jwt v7 with a JWKS secret: RS256',
      code: "import { expressjwt } from 'express-jwt';\nimport jwksRsa from 'jwks-rsa';\nexport const checkJwt = expressjwt({\n  secret: jwksRsa.expressJwtSecret({ jwksUri: 'https://example.auth0.com/.well-known/jwks.json' }) as any,\n  audience: 'api',\n});",
      errors: [{ line: 3, column: 25, message: /^This express-jwt middleware has no `algorithms` allowlist: express-jwt 6\+ refuses to start without it/ }],
      output: "import { expressjwt } from 'express-jwt';\nimport jwksRsa from 'jwks-rsa';\nexport const checkJwt = expressjwt({\n  secret: jwksRsa.expressJwtSecret({ jwksUri: 'https://example.auth0.com/.well-known/jwks.json' }) as any,\n  audience: 'api',\n  algorithms: ['RS256'],\n});",
    },
    {
      name: 'express-jwt v5 default export',
      code: "const jwt = require('express-jwt');\napp.use(jwt({ secret: process.env.JWT_SECRET }).unless({ path: ['/login'] }));",
      errors: [{ line: 2, column: 9 }],
      output: "const jwt = require('express-jwt');\napp.use(jwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }).unless({ path: ['/login'] }));",
    },
    {
      name: 'koa-jwt',
      code: "import koaJwt from 'koa-jwt';\napp.use(koaJwt({ secret: process.env.JWT_SECRET! }));",
      errors: [{ line: 2, column: 9, message: /^This koa-jwt middleware has no `algorithms` allowlist/ }],
    },
    {
      name: 'passport-jwt strategy (NestJS, as in the docs sample)',
      filename: 'src/auth/jwt.strategy.ts',
      code: "import { ExtractJwt, Strategy } from 'passport-jwt';\nimport { PassportStrategy } from '@nestjs/passport';\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor() {\n    super({\n      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),\n      ignoreExpiration: false,\n      secretOrKey: process.env.JWT_SECRET,\n    });\n  }\n}",
      errors: [{ line: 5, column: 5, message: /^This passport-jwt strategy has no `algorithms` allowlist/ }],
      output: "import { ExtractJwt, Strategy } from 'passport-jwt';\nimport { PassportStrategy } from '@nestjs/passport';\nexport class JwtStrategy extends PassportStrategy(Strategy) {\n  constructor() {\n    super({\n      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),\n      ignoreExpiration: false,\n      secretOrKey: process.env.JWT_SECRET,\n      algorithms: ['HS256'],\n    });\n  }\n}",
    },
    {
      name: 'passport-jwt: options in a const, a JWKS key provider',
      code: "import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';\nimport { passportJwtSecret } from 'jwks-rsa';\nconst opts = { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKeyProvider: passportJwtSecret({ jwksUri }) };\npassport.use(new JwtStrategy(opts, verify));",
      errors: [{ line: 4, column: 18 }],
      output: "import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';\nimport { passportJwtSecret } from 'jwks-rsa';\nconst opts = { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKeyProvider: passportJwtSecret({ jwksUri }), algorithms: ['RS256'] };\npassport.use(new JwtStrategy(opts, verify));",
    },
    {
      name: "NestJS: 'none' in JwtModule verifyOptions",
      code: "import { JwtModule } from '@nestjs/jwt';\nexport const m = JwtModule.register({ secret: process.env.JWT_SECRET, verifyOptions: { algorithms: ['none', 'HS256'] } });",
      errors: [{ line: 2, column: 101, tier: 'ship-stopping', message: /in JwtModule verifyOptions/ }],
      output: "import { JwtModule } from '@nestjs/jwt';\nexport const m = JwtModule.register({ secret: process.env.JWT_SECRET, verifyOptions: { algorithms: ['HS256'] } });",
    },
    {
      name: "NestJS: 'none' in a JwtService.verify call",
      code: "import { JwtService } from '@nestjs/jwt';\nexport class S {\n  constructor(private readonly jwt: JwtService) {}\n  read(t: string) { return this.jwt.verify(t, { algorithms: ['none'] }); }\n}",
      errors: [{ line: 4, column: 62, message: /in this\.jwt\.verify\(\)/ }],
    },
  ],
});
