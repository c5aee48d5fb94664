import rule from '../../../rules/auth/reset-token-no-expiry';
import { ruleTester } from '../../helpers/ruleTester';

const LOOKUP = 'This reset / verification token is accepted without an expiry check: a link leaked months ago (an old email, browser history, a forwarded message) still works. Compare the expiry in the query (e.g. `expiresAt: { gt: new Date() }`) and clear the token once used.';
const WRITE = 'This reset / verification token is stored without an expiry: it stays valid until it is used, so a link leaked months ago still opens the account. Store an expiry with it (e.g. one hour from now) and check it when the token is used.';

const SCHEMA_OK = 'model User {\n  id                  String    @id\n  email               String    @unique\n  resetToken          String?   @unique\n  resetTokenExpiresAt DateTime?\n  subscriptionEndsAt  DateTime?\n}\n';

ruleTester(rule, {
  valid: [
    { name: 'Mongoose: the reset token is a JWT signed with its own 30-minute lifetime: no expiry column is needed (seen on a real Koa API)', files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"koa\":\"^2.15.0\",\"mongoose\":\"^8.0.0\",\"jsonwebtoken\":\"^9.0.0\"}}", "src/models/User.js": "import mongoose from 'mongoose';\nconst userSchema = new mongoose.Schema({\n  email: { type: String, unique: true },\n  passwordResetToken: { type: String, default: '' },\n});\nexport default mongoose.model('User', userSchema);\n", "src/controllers/user.js": "import jwt from 'jsonwebtoken';\nimport User from '../models/User';\nexport async function forgotPassword(ctx) {\n  const token = jwt.sign({}, process.env.RESET_SECRET, { expiresIn: '30m' });\n  let resetData = { passwordResetToken: token };\n  await User.findOneAndUpdate({ email: ctx.request.body.email }, resetData);\n  ctx.body = { ok: true };\n}\n"} },
    { name: 'Date.now called, or passed as a clock', code: "export function valid(user: { resetExpiresAt: number }, clock = Date.now) {\n  return user.resetExpiresAt > Date.now() && user.resetExpiresAt > clock();\n}\n" },
    // schema with an expiry next to the token; NextAuth's VerificationToken model
    { filename: 'prisma/schema.prisma', code: SCHEMA_OK },
    { filename: 'prisma/schema.prisma', code: 'model VerificationToken {\n  identifier String\n  token      String   @unique\n  expires    DateTime\n  @@unique([identifier, token])\n}\n' },
    // a token model with a created-at, checked by age in the lookup
    { filename: 'prisma/schema.prisma', code: 'model PasswordResetToken {\n  id        String   @id\n  tokenHash String   @unique\n  userId    String\n  createdAt DateTime @default(now())\n}\n' },
    // tokens that are not reset / verification tokens
    { filename: 'prisma/schema.prisma', code: 'model Account {\n  id           String @id\n  accessToken  String?\n  refreshToken String?\n  apiToken     String?\n}\n' },
    // lookups comparing the expiry: Prisma, Mongoose, TypeORM query builder, a check after the query
    "router.post('/reset', async (req, res) => {\n  const user = await prisma.user.findFirst({ where: { resetToken: req.body.token, resetTokenExpiresAt: { gt: new Date() } } });\n  res.json(!!user);\n});",
    "router.post('/reset/:token', async (req, res) => {\n  const user = await User.findOne({ resetPasswordToken: req.params.token, resetPasswordExpires: { $gt: Date.now() } });\n  res.json(!!user);\n});",
    "export async function verify(token: string) {\n  const user = await this.users.createQueryBuilder('user').where('user.verificationToken = :token', { token }).andWhere('user.verificationTokenExpiresAt > NOW()').getOne();\n  return user;\n}",
    "export async function reset(token: string) {\n  const user = await prisma.user.findUnique({ where: { resetToken: token } });\n  if (!user || !user.resetTokenExpiresAt || user.resetTokenExpiresAt < new Date()) throw new Error('expired');\n  return user;\n}",
    "export async function consume(token: string) {\n  const row = await prisma.passwordResetToken.findUnique({ where: { tokenHash: hash(token) } });\n  if (!row || Date.now() - row.createdAt.getTime() > 3600_000) throw new Error('expired');\n  return row;\n}",
    // the expiry is checked by a model method
    "exports.getReset = async (req, res) => {\n  const user = await User.findOne({ passwordResetToken: { $eq: req.params.token } });\n  if (!user || !user.verifyTokenAndIp(user.passwordResetToken, req.ip, 'passwordReset')) return res.redirect('/forgot');\n  res.render('account/reset');\n};",
    // a JWT reset token carries its own expiry
    "export async function reset(token: string) {\n  const { sub } = jwt.verify(token, secret, { algorithms: ['HS256'] }) as { sub: string };\n  return prisma.user.findFirst({ where: { id: sub, resetToken: token } });\n}",
    // clearing a token, checking for its absence
    "await prisma.user.update({ where: { id }, data: { resetToken: null, resetTokenExpiresAt: null } });\nconst pending = await prisma.user.count({ where: { verificationToken: { not: null } } });",
    // writes with the expiry beside the token, or set in the same function
    { files: { 'prisma/schema.prisma': SCHEMA_OK, 'src/forgot.ts': "export async function forgot(email: string) {\n  await prisma.user.update({ where: { email }, data: { resetToken: token(), resetTokenExpiresAt: new Date(Date.now() + 3600_000) } });\n}" } },
    "export async function forgot(user) {\n  user.resetPasswordToken = token;\n  user.resetPasswordExpires = Date.now() + 3600000;\n  await user.save();\n}",
    // models in code with expiries
    "import { Schema, model } from 'mongoose';\nconst UserSchema = new Schema({ email: String, resetPasswordToken: String, resetPasswordExpires: Date });\nexport const User = model('User', UserSchema);",
    "import { Column, Entity } from 'typeorm';\n@Entity()\nexport class User {\n  @Column({ nullable: true }) emailVerificationToken: string;\n  @Column({ nullable: true }) emailVerificationExpiresAt: Date;\n}",
    // SQL: the expiry column added by a later migration
    {
      files: {
        'migrations/001_users.sql': 'CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL, reset_token TEXT);',
        'migrations/002_reset_expiry.sql': 'ALTER TABLE users ADD COLUMN reset_token_expires_at TIMESTAMPTZ;',
      },
    },
    // tests
    // a statement prepared at module level: the action running it checks the expiry (seen on a real Next.js + Drizzle app)
    { name: 'Drizzle prepared statement at module level, expiry checked by its caller', files: {
      'src/db/schema.ts': "import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';\nexport const users = pgTable('user', {\n  id: text('id').primaryKey(),\n  resetPasswordToken: text('resetPasswordToken').unique(),\n  resetPasswordTokenExpiry: timestamp('resetPasswordTokenExpiry', { mode: 'date' }),\n});\n",
      'src/db/statements.ts': "import { eq, sql } from 'drizzle-orm';\nimport { db } from './index';\nimport { users } from './schema';\nexport const psGetUserByResetToken = db.select().from(users).where(eq(users.resetPasswordToken, sql.placeholder('t'))).prepare('p');\n",
      'src/actions/auth.ts': "'use server';\nimport { psGetUserByResetToken } from '@/db/statements';\nexport async function updatePassword(token: string) {\n  const [user] = await psGetUserByResetToken.execute({ t: token });\n  if (!user?.resetPasswordTokenExpiry || user.resetPasswordTokenExpiry < new Date()) return 'expired';\n  return 'ok';\n}\n",
    } },
    { filename: 'test/reset.test.ts', code: "await prisma.user.findFirst({ where: { resetToken: 'abc' } });" },
  ],
  invalid: [
    {
      name: 'Drizzle: a confirmation code column that no code issues or checks yet is tech debt (seen on a real Hono + Drizzle API)',
      files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"hono\":\"^4.4.0\",\"drizzle-orm\":\"^0.31.0\"}}", "src/drizzle/schema.ts": "import { pgTable, serial, varchar, boolean } from 'drizzle-orm/pg-core';\nexport const usersTable = pgTable('users', {\n  id: serial('id').primaryKey(),\n  email: varchar('email', { length: 100 }).notNull(),\n  email_verified: boolean('email_verified').default(false),\n  confirmation_code: varchar('confirmation_code', { length: 10 }),\n});\n", "src/users/user.service.ts": "import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { usersTable } from './schema';\nexport const getUser = (id: number) => db.query.usersTable.findFirst({ where: eq(usersTable.id, id) });\n"},
      errors: [{ file: 'src/drizzle/schema.ts', line: 6, column: 3, tier: 'tech-debt', message: /Nothing in the code issues or checks this token yet: add the expiry with the flow that will\.$/ }],
    },
    {
      name: 'Drizzle: the same column once the code checks it: ship-stopping',
      files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"hono\":\"^4.4.0\",\"drizzle-orm\":\"^0.31.0\"}}", "src/drizzle/schema.ts": "import { pgTable, serial, varchar, boolean } from 'drizzle-orm/pg-core';\nexport const usersTable = pgTable('users', {\n  id: serial('id').primaryKey(),\n  email: varchar('email', { length: 100 }).notNull(),\n  email_verified: boolean('email_verified').default(false),\n  confirmation_code: varchar('confirmation_code', { length: 10 }),\n});\n", "src/users/user.service.ts": "import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { usersTable } from './schema';\nexport const getUser = (id: number) => db.query.usersTable.findFirst({ where: eq(usersTable.id, id) });\n", "src/users/verify.ts": "import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { usersTable } from './schema';\nexport const confirm = (code: string) => db.update(usersTable).set({ email_verified: true }).where(eq(usersTable.confirmation_code, code));\n"},
      errors: [{ file: 'src/drizzle/schema.ts', line: 6, column: 3, tier: 'ship-stopping', message: /^`users\.confirmation_code` has no expiry next to it.*check it when it is used\.$/ }],
    },
    {
      name: 'Mongoose: the same reset token signed without a lifetime: the field is reported',
      files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"koa\":\"^2.15.0\",\"mongoose\":\"^8.0.0\",\"jsonwebtoken\":\"^9.0.0\"}}", "src/models/User.js": "import mongoose from 'mongoose';\nconst userSchema = new mongoose.Schema({\n  email: { type: String, unique: true },\n  passwordResetToken: { type: String, default: '' },\n});\nexport default mongoose.model('User', userSchema);\n", "src/controllers/user.js": "import jwt from 'jsonwebtoken';\nimport User from '../models/User';\nexport async function forgotPassword(ctx) {\n  const token = jwt.sign({}, process.env.RESET_SECRET, { algorithm: 'HS256' });\n  let resetData = { passwordResetToken: token };\n  await User.findOneAndUpdate({ email: ctx.request.body.email }, resetData);\n  ctx.body = { ok: true };\n}\n"},
      errors: [{ file: 'src/models/User.js', line: 4, column: 3, message: /^`user\.passwordResetToken` has no expiry next to it/ }],
    },
    {
      name: 'the expiry compared with Date.now uncalled (the function): the check never fires (seen on a real MERN shop)',
      filename: 'routes/auth.js',
      code: "router.post('/resetpassword/:token', async function (req, res) {\n  let user = await userModel.findOne({ tokenResetPassword: req.params.token });\n  if (user.tokenResetPasswordExp > Date.now) {\n    user.password = req.body.password;\n    await user.save();\n  }\n  res.end();\n});\n",
      errors: [{ line: 3, column: 36, message: /^The expiry check compares `user\.tokenResetPasswordExp` with `Date\.now`, the function, not the current time/ }],
      output: "router.post('/resetpassword/:token', async function (req, res) {\n  let user = await userModel.findOne({ tokenResetPassword: req.params.token });\n  if (user.tokenResetPasswordExp > Date.now()) {\n    user.password = req.body.password;\n    await user.save();\n  }\n  res.end();\n});\n",
    },
    {
      name: 'Prisma schema: token field with no expiry beside it (an unrelated expiry does not count)',
      filename: 'prisma/schema.prisma',
      code: 'model User {\n  id                    String    @id\n  email                 String    @unique\n  resetToken            String?   @unique\n  subscriptionExpiresAt DateTime?\n}\n',
      errors: [{ line: 4, column: 3, tier: 'ship-stopping', message: '`User.resetToken` has no expiry next to it: a password-reset or verification token then stays valid until it is used, so a link leaked months ago (an old email, browser history, a forwarded message) still opens the account. Add an expiry field (e.g. `resetTokenExpiresAt`), set it when the token is issued and check it when it is used.' }],
      output: null,
    },
    {
      name: 'Prisma token model without an expiry or creation time',
      filename: 'prisma/schema.prisma',
      code: 'model EmailVerification {\n  id     String @id\n  token  String @unique\n  userId String\n}\n',
      errors: [{ line: 3, column: 3, message: /^`EmailVerification\.token` has no expiry/ }],
    },
    {
      name: 'lookup by token with no expiry check (Prisma)',
      code: "router.post('/reset', async (req, res) => {\n  const user = await prisma.user.findFirst({ where: { resetToken: req.body.token } });\n  if (!user) return res.sendStatus(400);\n  res.sendStatus(204);\n});",
      errors: [{ line: 2, column: 55, message: LOOKUP }],
    },
    {
      name: 'verification by token: Mongoose findOneAndUpdate, shorthand key',
      code: "export async function verifyEmail(emailToken: string) {\n  return User.findOneAndUpdate({ emailToken }, { $set: { verified: true, emailToken: null } });\n}",
      errors: [{ line: 2, column: 34 }],
    },
    {
      name: 'Knex and Drizzle lookups',
      code: "export const a = (token: string) => knex('users').where({ reset_token: token }).first();\nexport const b = (token: string) => db.select().from(users).where(eq(users.verificationToken, token));",
      errors: [{ line: 1, column: 59 }, { line: 2, column: 67 }],
    },
    {
      name: 'Knex where() on a column named only in a string',
      code: "export const byToken = (t: string) => knex('users').where('users.reset_token', t).first();",
      errors: [{ line: 1, column: 59, message: LOOKUP }],
    },
    {
      name: 'lookup of a bare `code` on a collection named only in a string (recoveries -> recovery)',
      code: "export async function consume(req, res) {\n  const row = await db.collection('account_recoveries').findOne({ code: req.body.code });\n  res.json(!!row);\n}",
      errors: [{ line: 2, column: 67, message: LOOKUP }],
    },
    {
      name: 'write with no expiry, where the schema has an expiry field (forgotten)',
      files: {
        'prisma/schema.prisma': SCHEMA_OK,
        'src/forgot.ts': "export async function forgot(email: string) {\n  const token = randomBytes(32).toString('hex');\n  await prisma.user.update({ where: { email }, data: { resetToken: token } });\n}",
      },
      errors: [{ file: 'src/forgot.ts', line: 3, column: 56, message: WRITE }],
    },
    {
      name: 'schema without expiry: one finding on the schema, none on the write',
      files: {
        'prisma/schema.prisma': 'model User {\n  id         String  @id\n  resetToken String?\n}\n',
        'src/forgot.ts': "export async function forgot(email: string) {\n  await prisma.user.update({ where: { email }, data: { resetToken: randomBytes(32).toString('hex') } });\n}",
      },
      errors: [{ file: 'prisma/schema.prisma', line: 3, column: 3 }],
    },
    {
      name: 'Mongoose assignment with no schema in view',
      code: "export async function forgot(user) {\n  user.resetPasswordToken = crypto.randomBytes(20).toString('hex');\n  await user.save();\n}",
      errors: [{ line: 2, column: 8, message: WRITE }],
    },
    {
      name: 'Mongoose schema and TypeORM entity without expiry',
      code: "import { Schema } from 'mongoose';\nimport { Column, Entity } from 'typeorm';\nexport const UserSchema = new Schema({ email: String, confirmationCode: String });\n@Entity()\nexport class Account {\n  @Column({ nullable: true }) passwordResetTokenHash: string;\n}",
      errors: [{ line: 3, column: 55, message: /^`User\.confirmationCode`/ }, { line: 6, column: 31, message: /^`Account\.passwordResetTokenHash`/ }],
    },
    {
      name: 'Sequelize token model named only in a string, bare `token` field',
      code: "module.exports = (sequelize, DataTypes) => sequelize.define('password_reset', { token: DataTypes.STRING, userId: DataTypes.INTEGER });",
      errors: [{ line: 1, column: 81, message: /^`password_reset\.token` has no expiry/ }],
    },
    {
      name: 'Mongoose schema with a computed string key',
      code: "import { Schema } from 'mongoose';\nexport const UserSchema = new Schema({ email: String, ['resetPasswordToken']: String });",
      errors: [{ line: 2, column: 55, message: /^`User\.resetPasswordToken` has no expiry/ }],
    },
    {
      name: 'no expiry field: one finding at the field, not again at the lookup nor in the SQL drizzle-kit generated from the model',
      files: {
        'src/db/schema.ts': "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const users = pgTable('user', {\n  id: text('id').primaryKey(),\n  emailVerificationToken: text('emailVerificationToken'),\n});\n",
        'drizzle/0000_init.sql': 'CREATE TABLE IF NOT EXISTS "user" (\n  "id" text PRIMARY KEY NOT NULL,\n  "emailVerificationToken" text\n);\n',
        'drizzle/meta/_journal.json': '{ "version": "5", "dialect": "pg", "entries": [] }\n',
        'src/actions/emails.ts': "'use server';\nimport { eq } from 'drizzle-orm';\nimport { db } from '@/db';\nimport { users } from '@/db/schema';\nexport async function markEmailAsVerified(token: string) {\n  const [user] = await db.select().from(users).where(eq(users.emailVerificationToken, token));\n  return user;\n}\n",
      },
      errors: [{ file: 'src/db/schema.ts', line: 4, column: 3 }],
    },
    {
      name: 'SQL migration column without an expiry column',
      files: { 'supabase/migrations/20240101_init.sql': 'create table profiles (\n  id uuid primary key,\n  email_verification_token text\n);' },
      errors: [{ line: 3, column: 3, message: /^`profiles\.email_verification_token` has no expiry.*`email_verification_token_expires_at`/ }],
    },
  ],
});
