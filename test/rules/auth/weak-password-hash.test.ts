import rule from '../../../rules/auth/weak-password-hash';
import { ruleTester } from '../../helpers/ruleTester';

const FIELD = "The password from the request is stored as it came, without hashing: a database leak, a backup or a logged query exposes every user's password, and most people reuse theirs elsewhere. Hash it with bcrypt (cost 12) or argon2id before saving.";

ruleTester(rule, {
  valid: [
    { name: 'a test helper outside a test folder hashing a fixed demo password at a low cost (seen on a real Fastify + Prisma API)', filename: 'src/utils/create-and-authenticate-user.ts', code: "import { prisma } from '@/lib/prisma';\nimport { hash } from 'bcryptjs';\nimport request from 'supertest';\nexport async function createAndAuthenticateUser(app: any) {\n  await prisma.user.create({ data: { name: 'Lucas', email: 'lucas@example.com', password_hash: await hash('123456', 6) } });\n  const res = await request(app.server).post('/session').send({ email: 'lucas@example.com', password: '123456' });\n  return res.body.token;\n}\n" },
    { name: 'a hashing helper used for file checksums and cache keys, and a bcrypt helper given the password', files: {
      'src/utils/hash.ts': "import { createHash } from 'crypto';\nimport bcrypt from 'bcryptjs';\nexport const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');\nexport const hashPassword = (password: string) => bcrypt.hash(password, 12);\n",
      'src/uploads.ts': "import { sha256 } from './utils/hash';\nexport const etag = (file: Buffer, password: string) => ({ etag: sha256(file), key: sha256(`cache:${file.length}`) });\n",
      'src/signup.ts': "import { hashPassword } from './utils/hash';\nexport async function signup(password: string) {\n  return hashPassword(password);\n}\n",
    } },
    { name: 'a seed script hashing a known demo password with a low cost (seen on a real Fastify + Kysely app)', filename: 'src/db/seed.ts', code: "import { hash } from 'bcryptjs';\nimport { db } from './index';\nasync function seedDatabase() {\n  await db.deleteFrom('users').execute();\n  await db.insertInto('users').values({ email: 'teacher@example.com', password: await hash('teste123', 8) }).execute();\n}\nseedDatabase();\n" },
    // bcrypt / argon2 done right
    "import bcrypt from 'bcrypt';\nexport const hashPassword = (password: string) => bcrypt.hash(password, 12);",
    "import bcrypt from 'bcryptjs';\nconst SALT_ROUNDS = 10;\nexport const hashPassword = async (password: string) => bcrypt.hash(password, await bcrypt.genSalt(SALT_ROUNDS));",
    "import * as argon2 from 'argon2';\nexport const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });",
    "import bcrypt from 'bcrypt';\nexport const hashPassword = (password: string) => bcrypt.hash(password, Number(process.env.BCRYPT_ROUNDS ?? 12));",
    // fast hashes of things that are not passwords: gravatar, etags, tokens, file checksums
    "import crypto from 'crypto';\nexport const gravatar = (email: string) => `https://www.gravatar.com/avatar/${crypto.createHash('md5').update(email.trim().toLowerCase()).digest('hex')}`;",
    "import { createHash } from 'node:crypto';\nexport const etag = (body: string) => createHash('sha1').update(body).digest('base64');",
    "import crypto from 'crypto';\nexport const hashToken = (resetToken: string) => crypto.createHash('sha256').update(resetToken).digest('hex');",
    "import crypto from 'crypto';\nconst h = crypto.createHash('sha256');\nh.update(fileBuffer);\nexport const checksum = h.digest('hex');",
    "import md5 from 'md5';\nexport const cacheKey = (query: string) => md5(query);",
    "import crypto from 'crypto';\nexport const fingerprint = (passwordHash: string) => crypto.createHash('sha256').update(passwordHash).digest('hex');",
    // the Have I Been Pwned range check hashes the password with SHA-1 on purpose
    "import crypto from 'crypto';\nexport async function isPwned(password: string) {\n  const hash = crypto.createHash('sha1').update(password).digest('hex').toUpperCase();\n  const res = await fetch(`https://api.pwnedpasswords.com/range/${hash.slice(0, 5)}`);\n  return (await res.text()).includes(hash.slice(5));\n}",
    // the password is hashed before the write
    "import bcrypt from 'bcrypt';\nrouter.post('/signup', async (req, res) => {\n  const { email, password } = req.body;\n  const user = await prisma.user.create({ data: { email, password: await bcrypt.hash(password, 12) } });\n  res.json(user);\n});",
    "import bcrypt from 'bcrypt';\nrouter.post('/signup', async (req, res) => {\n  let { email, password } = req.body;\n  password = await bcrypt.hash(password, 12);\n  await prisma.user.create({ data: { email, password } });\n  res.sendStatus(201);\n});",
    "router.post('/signup', async (req, res) => {\n  const hashed = await hashPassword(req.body.password);\n  await prisma.user.create({ data: { ...req.body, password: hashed } });\n  res.sendStatus(201);\n});",
    // whole body into a model that is not a user, or with no password around
    "router.post('/projects', async (req, res) => {\n  res.json(await prisma.project.create({ data: req.body }));\n});",
    "router.patch('/me', async (req, res) => {\n  res.json(await prisma.user.update({ where: { id: req.params.id }, data: { name: req.body.name } }));\n});",
    // a service is where the hashing happens
    "export class UsersController {\n  constructor(private usersService: UsersService) {}\n  @Post()\n  create(@Body() dto: CreateUserDto) { return this.usersService.create(dto); }\n}",
    // the service injected under a short name (seen on a real NestJS app: `private user: UsersService`), and as a typed property
    "export class UsersController {\n  constructor(private readonly user: UsersService) {}\n  @Post()\n  create(@Body() body: { email: string; password: string }) { return this.user.create({ email: body.email, password: body.password }); }\n}",
    "export class AccountController {\n  @Inject() account!: AccountService;\n  @Post()\n  signUp(@Body() body: { email: string; password: string }) { return this.account.create({ email: body.email, password: body.password }); }\n}",
    // a Mongoose pre-save hook in another file hashes the password
    {
      files: {
        'src/models/user.ts': "import { Schema, model } from 'mongoose';\nimport bcrypt from 'bcrypt';\nconst UserSchema = new Schema({ email: String, password: String });\nUserSchema.pre('save', async function () {\n  if (this.isModified('password')) this.password = await bcrypt.hash(this.password, 12);\n});\nexport const User = model('User', UserSchema);",
        'src/routes/auth.ts': "import { User } from '../models/user';\nrouter.post('/signup', async (req, res) => {\n  const { email, password } = req.body;\n  const user = new User({ email, password });\n  await user.save();\n  res.sendStatus(201);\n});",
      },
    },
    // TypeORM @BeforeInsert hook
    {
      files: {
        'src/entities/user.entity.ts': "import { BeforeInsert, Column, Entity } from 'typeorm';\nimport * as bcrypt from 'bcrypt';\n@Entity()\nexport class User {\n  @Column() password: string;\n  @BeforeInsert()\n  async hashPassword() { this.password = await bcrypt.hash(this.password, 12); }\n}",
        'src/users/users.service.ts': "export class UsersRepo {\n  async register(dto: CreateUserDto) {\n    const user = this.repo.create({ email: dto.email, password: dto.password });\n    return this.repo.save(user);\n  }\n}",
      },
    },
    // a Mongoose hook called through element access (`pre` is the only name of the model file the gate knows) hashes with a local helper
    {
      files: {
        'src/models/user.ts': "import { Schema, model } from 'mongoose';\nimport { hashPassword } from '../lib/passwords';\nconst UserSchema = new Schema({ email: String, password: String });\nUserSchema['pre']('save', async function () {\n  this.password = await hashPassword(this.password);\n});\nexport const User = model('User', UserSchema);",
        'src/routes/auth.ts': "import { User } from '../models/user';\nrouter.post('/signup', async (req, res) => {\n  const { email, password } = req.body;\n  const user = new User({ email, password });\n  await user.save();\n  res.sendStatus(201);\n});",
      },
    },
    // test fixtures
    { filename: 'test/factories/user.ts', code: "import crypto from 'crypto';\nexport const password = crypto.createHash('md5').update('password').digest('hex');" },
  ],
  invalid: [
    {
      name: 'a low cost on a password built into a template (a pepper) is still reported',
      code: "import { hash } from 'bcryptjs';\nexport const hashPassword = (password: string) => hash(`${password}${process.env.PEPPER}`, 6);\n",
      errors: [{ line: 2, column: 92, message: /^bcrypt cost 6 is below 10/ }],
      output: "import { hash } from 'bcryptjs';\nexport const hashPassword = (password: string) => hash(`${password}${process.env.PEPPER}`, 12);\n",
    },
    {
      name: "a generic hashing helper of another module (calcSha256Hash(str)) given the password and its salt (seen on a real Koa CMS)",
      files: {
        'src/utils/tools.ts': "import { createHash } from 'crypto';\nexport const makeSalt = () => Math.random().toString(36).substring(2, 10);\nexport const calcSha256Hash = (str: string) => {\n  const hash = createHash('sha256');\n  hash.update(str);\n  return hash.digest('hex');\n};\n",
        'src/api/login.ts': "import { calcSha256Hash } from '../utils/tools';\nexport async function login(ctx: any, params: { account: string; password: string }) {\n  const user = await findUser(params.account);\n  if (calcSha256Hash(`${params.password}${user.salt}`) !== user.password) ctx.throw(401);\n}\n",
      },
      errors: [{ file: 'src/api/login.ts', line: 4, column: 7, message: /^Password hashed with sha256 \(through `calcSha256Hash\(\)`, src\/utils\/tools\.ts\), a fast hash/ }],
    },
    {
      name: 'a hashing helper in the same file, declared after its use',
      code: "import crypto from 'crypto';\nexport function register(password: string) {\n  return { hash: digest(password) };\n}\nfunction digest(value: string) {\n  return crypto.createHash('md5').update(value).digest('hex');\n}\n",
      errors: [{ line: 3, column: 18, message: /^Password hashed with md5 \(through `digest\(\)`\), a fast hash/ }],
    },
    {
      name: 'sha256 of the password (default import, chained)',
      code: "import crypto from 'crypto';\nexport const hashPassword = (password: string) => crypto.createHash('sha256').update(password).digest('hex');",
      errors: [{ line: 2, column: 51, tier: 'ship-stopping', message: 'Password hashed with sha256, a fast hash: a leaked table is cracked at billions of guesses per second on one GPU, salted or not. Use bcrypt (cost 12), argon2id or scrypt.' }],
    },
    {
      name: 'md5 of salt + password through a variable (require, named import)',
      filename: 'src/auth.js',
      code: "const { createHash } = require('crypto');\nfunction hash(user) {\n  const h = createHash('md5');\n  h.update(user.salt + user.password);\n  return h.digest('hex');\n}",
      errors: [{ line: 3, column: 13, message: /^Password hashed with md5/ }],
    },
    {
      name: 'HMAC-SHA256 with a pepper is still fast',
      code: "import * as crypto from 'node:crypto';\nexport const hashPassword = (pw: string) => crypto.createHmac('sha256', process.env.PEPPER!).update(pw).digest('hex');",
      errors: [{ line: 2, column: 45, message: /^Password hashed with HMAC-sha256/ }],
    },
    {
      name: 'md5 and crypto-js packages',
      code: "import md5 from 'md5';\nimport CryptoJS from 'crypto-js';\nexport const a = (newPassword: string) => md5(newPassword);\nexport const b = (body: { password: string }) => CryptoJS.SHA256(body.password).toString();",
      errors: [{ line: 3, column: 43, message: /^Password hashed with MD5/ }, { line: 4, column: 50, message: /^Password hashed with SHA256/ }],
    },
    {
      name: 'bcrypt cost 8: safe fix to 12',
      code: "import bcrypt from 'bcrypt';\nexport const hashPassword = (password: string) => bcrypt.hash(password, 8);",
      errors: [{ line: 2, column: 73, message: 'bcrypt cost 8 is below 10: each point of cost doubles the work, so a leaked table is cracked 16 times faster than at the usual 12. Raise it to 12 (existing hashes keep working: each stores its own cost).' }],
      output: "import bcrypt from 'bcrypt';\nexport const hashPassword = (password: string) => bcrypt.hash(password, 12);",
    },
    {
      name: 'bcryptjs genSaltSync with a const cost used twice: one finding on the const',
      code: "const bcrypt = require('bcryptjs');\nconst SALT_ROUNDS = 6;\nexports.hash = (p) => bcrypt.hashSync(p, bcrypt.genSaltSync(SALT_ROUNDS));\nexports.hash2 = (p) => bcrypt.hash(p, SALT_ROUNDS);",
      errors: [{ line: 2, column: 21 }],
      output: "const bcrypt = require('bcryptjs');\nconst SALT_ROUNDS = 12;\nexports.hash = (p) => bcrypt.hashSync(p, bcrypt.genSaltSync(SALT_ROUNDS));\nexports.hash2 = (p) => bcrypt.hash(p, SALT_ROUNDS);",
    },
    {
      name: 'Prisma: password from req.body stored as is',
      code: "router.post('/signup', async (req, res) => {\n  const user = await prisma.user.create({\n    data: { email: req.body.email, password: req.body.password },\n  });\n  res.status(201).json({ id: user.id });\n});",
      errors: [{ line: 3, column: 36, message: FIELD }],
      output: null,
    },
    {
      name: 'Prisma: destructured from a zod-validated body',
      code: "router.post('/signup', async (req, res) => {\n  const { email, password } = SignupSchema.parse(req.body);\n  await prisma.user.create({ data: { email, password } });\n  res.sendStatus(201);\n});",
      errors: [{ line: 3, column: 45 }],
    },
    {
      name: 'Prisma: the whole body into the user model',
      code: "router.post('/users', async (req, res) => {\n  if (!req.body.password) return res.status(400).end();\n  res.json(await prisma.user.create({ data: req.body }));\n});",
      errors: [{ line: 3, column: 45, message: "The request body goes straight into the `user` model and nothing here hashes the password it carries: passwords are stored in plain text. Pick the fields to save and hash the password with bcrypt (cost 12) or argon2id first." }],
    },
    {
      name: 'Mongoose: new User({ password }) + save, no hook anywhere',
      files: {
        'src/models/user.ts': "import { Schema, model } from 'mongoose';\nexport const User = model('User', new Schema({ email: String, password: String }));",
        'src/routes/auth.ts': "import { User } from '../models/user';\nrouter.post('/signup', async (req, res) => {\n  const { email, password } = req.body;\n  const user = new User({ email, password });\n  await user.save();\n  res.sendStatus(201);\n});",
      },
      errors: [{ file: 'src/routes/auth.ts', line: 4, column: 34 }],
    },
    {
      name: 'Mongoose: User.create with a spread body',
      code: "router.post('/register', async (req, res) => {\n  const { password } = req.body;\n  if (password.length < 8) return res.status(400).end();\n  const user = await User.create({ ...req.body, role: 'member' });\n  res.json(user);\n});",
      errors: [{ line: 4, column: 39 }],
    },
    {
      name: 'NestJS service: DTO password into TypeORM',
      code: "export class UsersRepo {\n  async register(dto: CreateUserDto) {\n    const user = this.userRepository.create({ email: dto.email, password: dto.password });\n    return this.userRepository.save(user);\n  }\n}",
      errors: [{ line: 3, column: 65 }],
    },
    {
      name: 'entity property assigned from the request, then saved',
      code: "router.post('/password', async (req, res) => {\n  const user = await repo.findOneByOrFail({ id: req.user.id });\n  user.password = req.body.newPassword;\n  await repo.save(user);\n  res.sendStatus(204);\n});",
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'Drizzle insert from a Next.js route handler',
      code: "import { db } from '@/db';\nimport { users } from '@/db/schema';\nexport async function POST(request: Request) {\n  const { email, password } = await request.json();\n  await db.insert(users).values({ email, password });\n  return Response.json({ ok: true }, { status: 201 });\n}",
      errors: [{ line: 5, column: 42 }],
    },
    // Edges of the rule's triggers: files whose only way in is the module, a renamed binding or an element access.
    {
      name: 'Web Crypto subtle.digest of the password, named import from node:crypto (no write or save name in the file)',
      code: "import { subtle } from 'node:crypto';\nexport const hashPassword = async (password: string) => Buffer.from(await subtle.digest('SHA-256', new TextEncoder().encode(password))).toString('hex');",
      errors: [{ line: 2, column: 75, message: 'Password hashed with SHA-256, a fast hash: a leaked table is cracked at billions of guesses per second on one GPU, salted or not. Use bcrypt (cost 12), argon2id or scrypt.' }],
    },
    {
      name: 'crypto-js subpath required as a whole module',
      filename: 'src/auth.js',
      code: "const sha1 = require('crypto-js/sha1');\nmodule.exports = (user) => sha1(user.password).toString();",
      errors: [{ line: 2, column: 28, message: /^Password hashed with SHA1, a fast hash/ }],
    },
    {
      name: 'bcryptjs genSaltSync renamed in a require destructuring',
      filename: 'src/auth.js',
      code: "const { genSaltSync: salt, hashSync } = require('bcryptjs');\nexports.hashPw = (p) => hashSync(p, salt(8));",
      errors: [{ line: 2, column: 42, message: /^bcrypt cost 8 is below 10/ }],
      output: "const { genSaltSync: salt, hashSync } = require('bcryptjs');\nexports.hashPw = (p) => hashSync(p, salt(12));",
    },
    {
      name: 'password assigned from the request, saved through element access (persist is the only gate name)',
      code: "router.post('/password', async (req, res) => {\n  const user = await users.findOneBy({ id: req.user.id });\n  user.password = req.body.password;\n  await users['persist'](user);\n  res.sendStatus(204);\n});",
      errors: [{ line: 3, column: 3, message: FIELD }],
    },
  ],
});
