import rule from '../../../rules/auth/jwt-decode-as-verify';
import { ruleTester } from '../../helpers/ruleTester';

const MSG = "This token is only decoded (jwt.decode() does not check the signature) and nothing here verifies it: anyone can write a token with any user id or role and be accepted. Verify it instead: jwt.verify(token, secret, { algorithms: [...] }).";

ruleTester(rule, {
  valid: [
    // verified in the same middleware (decode reads the kid header first)
    "import jwt from 'jsonwebtoken';\nexport async function requireUser(req, res, next) {\n  const token = req.headers.authorization?.split(' ')[1];\n  const { header } = jwt.decode(token, { complete: true })!;\n  const key = await getKey(header.kid);\n  req.user = jwt.verify(token, key, { algorithms: ['RS256'] });\n  next();\n}",
    // a helper that verifies (name contains verify), decode for the expiry only afterwards
    "import jwt from 'jsonwebtoken';\nexport const authenticate = (req, res, next) => {\n  const token = req.cookies.token;\n  const user = verifyAccessToken(token);\n  const { exp } = jwt.decode(token) as { exp: number };\n  res.setHeader('X-Token-Expires', String(exp));\n  req.user = user;\n  next();\n};",
    // decoding a token this function has just signed, to return its expiry
    "import jwt from 'jsonwebtoken';\nexport function createSession(user: { id: string }) {\n  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '1h' });\n  const { exp } = jwt.decode(token) as { exp: number };\n  return { token, expiresAt: exp * 1000 };\n}",
    // an ID token straight from the provider's token endpoint (TLS), in an OAuth callback
    "import jwt from 'jsonwebtoken';\nrouter.get('/auth/google/callback', async (req, res) => {\n  const tokens = await exchangeCode(String(req.query.code));\n  const claims = jwt.decode(tokens.id_token) as { email: string };\n  req.session.user = { email: claims.email };\n  res.redirect('/');\n});",
    // only logged
    "import jwt from 'jsonwebtoken';\nexport function logToken(req, res, next) {\n  console.log(jwt.decode(req.headers.authorization));\n  next();\n}",
    // client code reading its own token for display
    { filename: 'src/hooks/useUser.ts', code: "import { jwtDecode } from 'jwt-decode';\nimport { useMemo } from 'react';\nexport function useAuthUser(token: string) {\n  return useMemo(() => jwtDecode<{ name: string }>(token), [token]);\n}" },
    { filename: 'app/profile/page.tsx', code: "'use client';\nimport { decodeJwt } from 'jose';\nexport default function Profile({ token }: { token: string }) {\n  const claims = decodeJwt(token);\n  return <p>{String(claims.email)}</p>;\n}" },
    // a utility decode with no auth context
    "import jwt from 'jsonwebtoken';\nexport function tokenExpiry(token: string): number | undefined {\n  const payload = jwt.decode(token) as { exp?: number } | null;\n  return payload?.exp;\n}",
    // another library's decode()
    "import { decode } from 'html-entities';\nexport function requireUser(req, res, next) { req.user = decode(req.body.name); next(); }",
    // tests
    { filename: 'src/auth/auth.middleware.spec.ts', code: "import jwt from 'jsonwebtoken';\nexport function requireUser(req, res, next) { req.user = jwt.decode(req.headers.authorization); next(); }" },
  ],
  invalid: [
    {
      name: 'Express middleware trusting a decoded token',
      code: "import jwt from 'jsonwebtoken';\nexport function requireUser(req, res, next) {\n  const token = req.headers.authorization?.replace('Bearer ', '');\n  const payload = jwt.decode(token) as { sub: string; role: string };\n  if (!payload) return res.sendStatus(401);\n  req.user = payload;\n  next();\n}",
      errors: [{ line: 4, column: 19, tier: 'ship-stopping', message: MSG }],
      output: null,
    },
    {
      name: 'CommonJS, decode reading a claim inline, named import',
      filename: 'src/middleware/admin.js',
      code: "const { decode } = require('jsonwebtoken');\nmodule.exports = function isAdmin(req, res, next) {\n  if (decode(req.cookies.token).role !== 'admin') return res.status(403).end();\n  next();\n};",
      errors: [{ line: 3, column: 7 }],
    },
    {
      name: 'route handler: user id from a decoded header token',
      code: "import * as jwt from 'jsonwebtoken';\nrouter.get('/me/projects', async (req, res) => {\n  const { sub } = jwt.decode(req.header('authorization')!.slice(7)) as { sub: string };\n  res.json(await prisma.project.findMany({ where: { ownerId: sub } }));\n});",
      errors: [{ line: 3, column: 19 }],
    },
    {
      name: 'a helper named like an auth step',
      code: "import jwt from 'jsonwebtoken';\nexport function getUserFromToken(token: string) {\n  const payload = jwt.decode(token) as { sub: string } | null;\n  return payload ? { id: payload.sub } : null;\n}",
      errors: [{ line: 3, column: 19 }],
    },
    {
      name: 'NestJS guard: JwtService.decode in canActivate',
      filename: 'src/auth/auth.guard.ts',
      code: "import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class AuthGuard implements CanActivate {\n  constructor(private jwtService: JwtService) {}\n  canActivate(context: ExecutionContext): boolean {\n    const request = context.switchToHttp().getRequest();\n    const token = request.headers.authorization?.split(' ')[1];\n    request['user'] = this.jwtService.decode(token);\n    return !!request['user'];\n  }\n}",
      errors: [{ line: 9, column: 23, message: /^This token is only decoded \(this\.jwtService\.decode\(\) does not check the signature\).*await this\.jwtService\.verifyAsync\(token\)\.$/ }],
    },
    {
      name: 'Next.js middleware with jose decodeJwt',
      filename: 'middleware.ts',
      code: "import { NextResponse, type NextRequest } from 'next/server';\nimport { decodeJwt } from 'jose';\nexport function middleware(req: NextRequest) {\n  const token = req.cookies.get('session')?.value;\n  const claims = token ? decodeJwt(token) : null;\n  if (claims?.role !== 'admin') return NextResponse.redirect(new URL('/login', req.url));\n  return NextResponse.next();\n}",
      errors: [{ line: 5, column: 26, message: /jose's decodeJwt\(\).*await jwtVerify\(token, key\)/ }],
    },
    {
      name: 'Koa middleware with jwt-decode (v3 default export)',
      code: "import jwtDecode from 'jwt-decode';\nexport const auth = async (ctx, next) => {\n  ctx.state.user = jwtDecode(ctx.get('Authorization'));\n  await next();\n};",
      errors: [{ line: 3, column: 20 }],
    },
  ],
});
