import rule from '../../../rules/auth/insecure-token';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    "import crypto from 'crypto';\nexport const resetToken = () => crypto.randomBytes(32).toString('hex');",
    "import { randomUUID } from 'node:crypto';\nconst sessionId = randomUUID();",
    "const verificationToken = crypto.randomUUID();",
    "import { nanoid } from 'nanoid';\nexport const apiKey = `sk_${nanoid(32)}`;",
    "import { v4 as uuidv4 } from 'uuid';\nconst token = uuidv4();",
    "import crypto from 'crypto';\nconst otp = crypto.randomInt(100000, 1000000).toString();",
    // time mixed with real randomness: the randomness carries it
    "import crypto from 'crypto';\nconst token = `${Date.now()}.${crypto.randomBytes(24).toString('base64url')}`;",
    // timestamps for expiry, ids and non-security values
    "const resetTokenExpires = Date.now() + 60 * 60 * 1000;\nconst tokenExpiresAt = new Date(Date.now() + 3600_000);",
    "const requestId = Math.random().toString(36).slice(2);\nconst cacheKey = `${userId}:${Date.now()}`;\nconst nextPageToken = String(Date.now());",
    "export const items = list.map((item) => ({ ...item, key: Math.random() }));",
    "const couponCode = Math.random().toString(36).slice(2, 8).toUpperCase();\nconst colorCode = Math.floor(Math.random() * 0xffffff).toString(16);",
    "const id = Date.now();\nconst filename = `upload-${Date.now()}.png`;",
    // a token-named helper that uses a secure generator
    "import { randomBytes } from 'crypto';\nfunction randomString(n: number) { return randomBytes(n).toString('hex'); }\nexport const sessionToken = randomString(32);",
    // a timestamp passed to a token service is not what the token is made of
    "export async function login(userId: string) {\n  const token = await tokenService.issue({ userId, issuedAt: Date.now() });\n  return token;\n}",
    "import jwt from 'jsonwebtoken';\nconst accessToken = jwt.sign({ sub: id, iat: Math.floor(Date.now() / 1000) }, secret, { expiresIn: '15m' });",
    // client code and tests
    { filename: 'app/components/Form.tsx', code: "'use client';\nexport function Form() { const nonce = Math.random(); return null; }" },
    { filename: 'src/auth.test.ts', code: "const resetToken = Math.random().toString(36);" },
  ],
  invalid: [
    {
      name: 'Math.random reset token: fix adds a named crypto import after the imports',
      code: "import { prisma } from './db';\nexport async function forgotPassword(userId: string) {\n  const resetToken = Math.random().toString(36).substring(2);\n  await prisma.user.update({ where: { id: userId }, data: { resetToken } });\n}",
      errors: [{ line: 3, column: 22, tier: 'ship-stopping', message: "`resetToken` is built from Math.random(), which is predictable (its state can be recovered from a few outputs): whoever guesses the value takes over what it unlocks. Use crypto.randomBytes(32).toString('hex') (or crypto.randomUUID())." }],
      output: "import { prisma } from './db';\nimport { randomBytes } from 'crypto';\nexport async function forgotPassword(userId: string) {\n  const resetToken = randomBytes(32).toString('hex');\n  await prisma.user.update({ where: { id: userId }, data: { resetToken } });\n}",
    },
    {
      name: 'existing crypto namespace import is reused',
      code: "import * as crypto from 'node:crypto';\nexport const h = crypto.createHash('sha256');\nconst apiKey = 'key_' + Date.now().toString(36);",
      errors: [{ line: 3, column: 16, message: /^`apiKey` is built from Date\.now\(\), which is predictable \(the time is guessable to the millisecond\)/ }],
      output: "import * as crypto from 'node:crypto';\nexport const h = crypto.createHash('sha256');\nconst apiKey = crypto.randomBytes(32).toString('hex');",
    },
    {
      name: 'existing named crypto import gets randomBytes added',
      code: "import { createHash } from 'crypto';\nexport const sessionId = `${Date.now()}-${Math.random()}`;\nexport const digest = (s: string) => createHash('sha256').update(s).digest('hex');",
      errors: [{ line: 2, column: 26 }],
      output: "import { createHash, randomBytes } from 'crypto';\nexport const sessionId = randomBytes(32).toString('hex');\nexport const digest = (s: string) => createHash('sha256').update(s).digest('hex');",
    },
    {
      name: 'CommonJS file with no crypto: a require is added',
      filename: 'src/tokens.js',
      code: "const db = require('./db');\nexports.issue = async (user) => {\n  user.verificationToken = Math.random().toString(36).slice(2) + Date.now();\n  await db.save(user);\n};",
      errors: [{ line: 3, column: 28 }],
      output: "const db = require('./db');\nconst crypto = require('crypto');\nexports.issue = async (user) => {\n  user.verificationToken = crypto.randomBytes(32).toString('hex');\n  await db.save(user);\n};",
    },
    {
      name: 'uuid v1 for an email token in an ORM write',
      code: "import { v1 } from 'uuid';\nawait User.updateOne({ _id: id }, { $set: { emailToken: v1() } });",
      errors: [{ line: 2, column: 57, message: /uuid v1, which is predictable \(it is a timestamp and the machine's MAC address\)/ }],
    },
    {
      name: 'a generator function named like one, building the token in a loop: no fix (indirect)',
      code: "const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';\nexport function generateApiKey() {\n  let out = '';\n  for (let i = 0; i < 32; i++) out += CHARS[Math.floor(Math.random() * CHARS.length)];\n  return out;\n}",
      errors: [{ line: 5, column: 10, message: /^`generateApiKey` is built from Math\.random\(\)/ }],
      output: null,
    },
    {
      name: 'a 6-digit OTP in a login function: crypto.randomInt advice, no fix',
      code: "export async function sendLoginCode(email: string) {\n  const code = Math.floor(100000 + Math.random() * 900000).toString();\n  await mailer.send(email, code);\n}",
      errors: [{ line: 2, column: 16, message: /Use crypto\.randomInt\(100000, 1000000\)\.$/ }],
      output: null,
    },
    {
      name: 'arrow generator with an expression body, built with a helper that is not a generator',
      code: "function randomChars(n: number) {\n  return Array.from({ length: n }, () => Math.floor(Math.random() * 36).toString(36)).join('');\n}\nexport const createSessionToken = () => randomChars(40);",
      errors: [{ line: 4, column: 41 }],
    },
    {
      name: 'sha256 of a timestamp is still predictable',
      code: "import crypto from 'crypto';\nconst resetToken = crypto.createHash('sha256').update(String(Date.now())).digest('hex');",
      errors: [{ line: 2, column: 20, message: /^`resetToken` is built from Date\.now\(\)/ }],
      output: "import crypto from 'crypto';\nconst resetToken = crypto.randomBytes(32).toString('hex');",
    },
    {
      name: 'a generator used by a caller: one finding, on the generator',
      code: "const createToken = () => Math.random().toString(36).slice(2);\nexport const sessionToken = createToken();",
      errors: [{ line: 1, column: 27, message: /^`createToken` is built from Math\.random\(\)/ }],
    },
    {
      name: 'time-based password reset code stored as a property',
      code: "const record = { userId, otp: String(Date.now()).slice(-6) };",
      errors: [{ line: 1, column: 31 }],
    },
    {
      name: 'performance.now() for a session id',
      code: "export const sessionId = performance.now().toString(36);",
      errors: [{ line: 1, column: 26, message: /^`sessionId` is built from performance\.now\(\)/ }],
      output: "import { randomBytes } from 'crypto';\n\nexport const sessionId = randomBytes(32).toString('hex');",
    },
    {
      name: 'default import of uuid/v1 under another name',
      code: "import makeId from 'uuid/v1';\nexport const apiKey = makeId();",
      errors: [{ line: 2, column: 23, message: /^`apiKey` is built from uuid v1/ }],
      output: "import makeId from 'uuid/v1';\nimport { randomBytes } from 'crypto';\nexport const apiKey = randomBytes(32).toString('hex');",
    },
  ],
});
