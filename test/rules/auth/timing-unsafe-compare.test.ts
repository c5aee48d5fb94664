import rule from '../../../rules/auth/timing-unsafe-compare';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    // constant-time comparisons
    "import crypto from 'crypto';\nexport const ok = (a: string, signature: string) => a.length === signature.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(signature));",
    // comparisons with literals, null/undefined, types and lengths
    "export function check(token?: string, signature?: string) {\n  if (token === undefined || token === null || token === '') return false;\n  if (typeof signature !== 'string') return false;\n  if (signature.length !== 64) return false;\n  return tokenType === 'Bearer';\n}",
    "if (req.headers.authorization === undefined) throw new Error('missing');\nconst isBearer = authHeader !== `Bearer `;",
    // a password and its confirmation, typed by the same user
    "router.post('/signup', (req, res) => {\n  const { password, confirmPassword } = req.body;\n  if (password !== confirmPassword) return res.status(400).json({ error: 'Passwords do not match' });\n});",
    "if (req.body.password !== req.body.passwordConfirmation) throw new Error('mismatch');",
    "if (newPassword === currentPassword) throw new Error('choose a different password');",
    // names that are not secrets: ids, token types, expiries, key ids
    "if (decoded.sub !== user.id) throw new Error('wrong user');\nif (token.type !== expectedType) throw new Error('type');\nif (header.kid === jwk.kid) use(jwk);\nif (payload.tokenVersion !== user.tokenVersion) throw new Error('revoked');",
    "if (apiKeyId === key.id) found = key;\nif (tokenExpiresAt === null) refresh();",
    // content fingerprints compared for change detection, not secrets
    "for (const [file, findings] of byFile) {\n  const sig = signature(findings);\n  const prev = published.get(file);\n  if (prev && prev.sig === sig) continue;\n}",
    "import { createHash } from 'crypto';\nconst digest = createHash('sha256').update(source).digest('hex');\nif (digest === cache.digest) return cache.result;",
    // client code
    { filename: 'src/components/Login.tsx', code: "import { useState } from 'react';\nexport function Login() { const [token, setToken] = useState(''); if (token !== storedToken) setToken(storedToken); return null; }" },
    // tests
    { filename: 'src/webhooks.spec.ts', code: "expect(signature === expectedSignature).toBe(true);" },
  ],
  invalid: [
    {
      name: 'webhook HMAC compared with !== (default crypto import reused, negated fix)',
      code: "import crypto from 'crypto';\nexport function verify(req, res, next) {\n  const signature = req.headers['x-hub-signature-256'];\n  const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(req.rawBody).digest('hex');\n  if (signature !== expected) return res.sendStatus(401);\n  next();\n}",
      errors: [{ line: 5, column: 7, tier: 'tech-debt', message: '`signature` is compared with `!==`, which returns at the first differing character: by timing many attempts an attacker can recover the expected value one character at a time. Compare with crypto.timingSafeEqual on equal-length buffers.' }],
      output: "import crypto from 'crypto';\nexport function verify(req, res, next) {\n  const signature = req.headers['x-hub-signature-256'];\n  const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(req.rawBody).digest('hex');\n  if (!(signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))) return res.sendStatus(401);\n  next();\n}",
    },
    {
      name: 'API key header against the env var: a named import is added',
      code: "import type { Request, Response, NextFunction } from 'express';\nexport const requireApiKey = (req: Request, res: Response, next: NextFunction) =>\n  req.headers['x-api-key'] === process.env.API_KEY ? next() : res.sendStatus(401);",
      errors: [{ line: 3, column: 3, message: /^`x-api-key` is compared with `===`/ }],
      output: "import type { Request, Response, NextFunction } from 'express';\nimport { timingSafeEqual } from 'crypto';\nexport const requireApiKey = (req: Request, res: Response, next: NextFunction) =>\n  req.headers['x-api-key'].length === process.env.API_KEY.length && timingSafeEqual(Buffer.from(req.headers['x-api-key']), Buffer.from(process.env.API_KEY)) ? next() : res.sendStatus(401);",
    },
    {
      name: 'Authorization header against a bearer template (no fix: the template is not a plain operand)',
      code: "export function admin(req, res, next) {\n  const authHeader = req.get('authorization');\n  if (authHeader !== `Bearer ${process.env.ADMIN_TOKEN}`) return res.sendStatus(403);\n  next();\n}",
      errors: [{ line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'stored reset token against the one in the body, CommonJS file gets a require',
      filename: 'src/reset.js',
      code: "const db = require('./db');\nexports.reset = async (req, res) => {\n  const user = await db.users.find(req.body.email);\n  if (user.resetToken == req.body.token) await db.users.setPassword(user, req.body.password);\n};",
      errors: [{ line: 4, column: 7, message: /^`resetToken` is compared with `==`/ }],
      output: "const db = require('./db');\nconst crypto = require('crypto');\nexports.reset = async (req, res) => {\n  const user = await db.users.find(req.body.email);\n  if (user.resetToken.length === req.body.token.length && crypto.timingSafeEqual(Buffer.from(user.resetToken), Buffer.from(req.body.token))) await db.users.setPassword(user, req.body.password);\n};",
    },
    {
      name: 'digest call compared inline (no fix: a call cannot be evaluated twice)',
      code: "import { createHmac } from 'node:crypto';\nexport const valid = (body: string, sig: string) => createHmac('sha256', key).update(body).digest('hex') === sig;",
      errors: [{ line: 2, column: 53, message: /^`digest` is compared with `===`/ }],
      output: null,
    },
    {
      name: 'plaintext password compared in a && chain, named crypto import extended',
      code: "import { randomBytes } from 'crypto';\nexport const login = (user: { passwordHash: string }, passwordHash: string, active: boolean) => active && user.passwordHash === passwordHash;",
      errors: [{ line: 2, column: 107 }],
      output: "import { randomBytes, timingSafeEqual } from 'crypto';\nexport const login = (user: { passwordHash: string }, passwordHash: string, active: boolean) => active && user.passwordHash.length === passwordHash.length && timingSafeEqual(Buffer.from(user.passwordHash), Buffer.from(passwordHash));",
    },
    {
      name: 'CSRF token from the session against the form field',
      code: "app.use((req, res, next) => {\n  if (req.method === 'POST' && req.session.csrfToken !== req.body._csrf) return res.sendStatus(403);\n  next();\n});",
      errors: [{ line: 2, column: 32 }],
    },
  ],
});
