import rule from '../../../rules/security/mass-assignment';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const WHY = 'a client can set any column the form never shows (`role`, `isAdmin`, `ownerId`, `emailVerified`, a price) by adding it to the request.';
const PICK = 'Parse it with a schema and write the result (zod `Schema.parse(...)` strips unknown keys), or pick the fields explicitly.';

const evApp = (validators: string) => ({
  'package.json': pkg({ express: '^4.21.0', 'express-validator': '^7.2.0', mongoose: '^8.8.0' }),
  'src/app.ts': `import express from 'express';\nimport { body, checkExact } from 'express-validator';\nimport { updateUser } from './controllers/user';\nimport { validate } from './helpers/validate';\n\nconst app = express();\napp.use(express.json());\napp.put('/users/:id', ${validators}, validate, updateUser);\napp.listen(3000);\n`,
  'src/helpers/validate.ts': "import { validationResult } from 'express-validator';\nexport function validate(req, res, next) {\n  const errors = validationResult(req);\n  if (!errors.isEmpty()) return res.status(422).json({ errors: errors.array() });\n  next();\n}\n",
  'src/controllers/user.ts': "import { User } from '../models/user';\nexport async function updateUser(req, res) {\n  res.json(await User.findByIdAndUpdate(req.params.id, { $set: req.body }, { new: true }));\n}\n",
});

ruleTester(rule, {
  valid: [
    { name: 'Express: the handler replaces req.body with a zod parse, then hands req to a function writing req.body (seen on a real Express + Prisma API)', files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"express\":\"^5.0.0\",\"@prisma/client\":\"^6.0.0\",\"zod\":\"^3.23.0\"}}", "src/app.ts": "import express, { Router, type NextFunction, type Request, type Response } from 'express';\nimport { PrismaClient } from '@prisma/client';\nimport z from 'zod';\nconst prisma = new PrismaClient();\nconst create = z.object({ title: z.string() });\nconst insertIntoDB = async (req: Request) => {\n  const result = await prisma.specialties.create({\n    data: req.body,\n  });\n  return result;\n};\nconst router = Router();\nrouter.post('/', (req: Request, res: Response, next: NextFunction) => {\n  req.body = create.parse(JSON.parse(req.body.data));\n  return insertIntoDB(req).then((r) => res.json(r), next);\n});\nconst app = express();\napp.use(express.json());\napp.use('/specialties', router);\napp.listen(3000);\n"} },
    { name: 'NestJS: an entity as the body, but the pipe strips unknown keys (app-wide whitelist, or the parameter pipe\'s)', files: { 'package.json': "{\n  \"name\": \"api\",\n  \"dependencies\": { \"@nestjs/common\": \"^10.0.0\", \"@nestjs/core\": \"^10.0.0\", \"@nestjs/typeorm\": \"^10.0.0\", \"typeorm\": \"^0.3.20\", \"pg\": \"^8.11.0\", \"class-validator\": \"^0.14.0\" }\n}\n", 'src/order.entity.ts': "import { Entity, PrimaryGeneratedColumn, Column, BaseEntity } from 'typeorm';\nimport { IsString } from 'class-validator';\n\n@Entity()\nexport class Order extends BaseEntity {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n  @IsString()\n  @Column()\n  description: string;\n\n  @Column()\n  approved: boolean;\n}\n", 'src/order.controller.ts': "import { Body, Controller, Post } from '@nestjs/common';\nimport { Order } from './order.entity';\n\n@Controller('orders')\nexport class OrderController {\n  @Post()\n  async add(@Body() order: Order) {\n    await Order.save(order);\n  }\n}\n", 'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));\n  await app.listen(3000);\n}\nbootstrap();\n", 'src/b/order.entity.ts': "import { Entity, PrimaryGeneratedColumn, Column, BaseEntity } from 'typeorm';\nimport { IsString } from 'class-validator';\n\n@Entity()\nexport class Order extends BaseEntity {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n  @IsString()\n  @Column()\n  description: string;\n\n  @Column()\n  approved: boolean;\n}\n", 'src/b/order.controller.ts': "import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';\nimport { Order } from './order.entity';\n\n@Controller('orders-b')\nexport class OrderController {\n  @Post()\n  async add(@Body(new ValidationPipe({ whitelist: true })) order: Order) {\n    await Order.save(order);\n  }\n}\n" } },
    { name: 'Koa: a Joi validator that rejects unknown keys (the default)', files: {
      'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^13.1.0', joi: '^17.13.0', typeorm: '^0.3.20' }),
      'src/validator.ts': "import Joi from 'joi';\nexport default (schema) => async (ctx, next) => {\n  const { error } = schema.validate(ctx.request.body, { abortEarly: false });\n  if (error) ctx.throw(400, error.message);\n  await next();\n};\n",
      'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\nimport Joi from 'joi';\nimport validate from './validator';\nimport { AppDataSource } from './db';\nconst app = new Koa();\nconst router = new Router();\nconst NewUser = Joi.object({ username: Joi.string().required(), password: Joi.string().min(8).required() });\nrouter.post('/users', validate(NewUser), async (ctx) => {\n  ctx.body = await AppDataSource.manager.save(AppDataSource.manager.create(User, ctx.request.body));\n});\napp.use(router.routes());\n",
    } },
    { name: 'a role set on the server, taken from a parsed schema, or set by an admin-only route', files: {
      'package.json': pkg({ express: '^4.21.0', zod: '^3.24.0', '@prisma/client': '^5.22.0' }),
      'src/app.ts': "import express from 'express';\nimport { z } from 'zod';\nimport { prisma } from './db';\nimport { requireUser, requireRole } from './auth';\nconst app = express();\nconst SignUp = z.object({ email: z.string().email() });\nconst NewUser = z.object({ email: z.string().email(), role: z.enum(['user', 'editor']) });\napp.post('/signup', async (req, res) => {\n  const { email } = SignUp.parse(req.body);\n  res.json(await prisma.user.create({ data: { email, role: 'user' } }));\n});\napp.post('/admin/users', requireUser, requireRole('admin'), async (req, res) => {\n  const { email, role } = req.body;\n  res.json(await prisma.user.create({ data: { email, role } }));\n});\napp.post('/invites', requireUser, async (req, res) => {\n  const input = NewUser.parse(req.body);\n  res.json(await prisma.invite.create({ data: { email: input.email, role: input.role } }));\n});\napp.listen(3000);\n",
    } },
    { name: 'Express: express-validator with checkExact() rejects fields it does not name', files: evApp("checkExact([body('name').isString(), body('email').isEmail()])") },
    { name: 'Prisma: the zod parse result is written, the schema defined in another file', files: {
      'src/schemas/user.ts': "import { z } from 'zod';\n\nexport const ProfileUpdate = z.object({ name: z.string().max(100), bio: z.string().max(500).optional() });\n",
      'src/routes/users.ts': "import { Router } from 'express';\nimport { ProfileUpdate } from '../schemas/user';\nimport { prisma } from '../db';\n\nexport const users = Router();\n\nusers.patch('/me', async (req, res) => {\n  const data = ProfileUpdate.parse(req.body);\n  res.json(await prisma.user.update({ where: { id: req.user.id }, data }));\n});\n",
    } },
    { name: 'Fields picked one by one, and spread after a pick', code: "import { prisma } from './db';\n\nexport async function createUser(req, res) {\n  const { name, email } = req.body;\n  const user = await prisma.user.create({ data: { name, email, role: 'member' } });\n  const profile = { bio: req.body.bio };\n  await prisma.profile.create({ data: { ...profile, userId: user.id } });\n  res.status(201).json(user);\n}\n" },
    { name: 'Joi validate() on the body before writing it (unknown keys are rejected)', code: "import Joi from 'joi';\nimport { User } from './models/user';\n\nconst schema = Joi.object({ name: Joi.string().required() });\n\nexport async function create(req, res) {\n  const { error } = schema.validate(req.body);\n  if (error) return res.status(400).json({ error: error.message });\n  res.status(201).json(await User.create(req.body));\n}\n" },
    { name: 'Sequelize create with a fields allowlist', code: "import { User } from './models';\n\nexport async function create(req, res) {\n  res.json(await User.create(req.body, { fields: ['name', 'email'] }));\n}\n" },
    { name: 'The body handed to a service, an API client, a queue or a cache (not a database write)', code: "import { usersService } from './services/users';\nimport Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n\nexport async function create(req, res) {\n  await usersService.create(req.body);\n  await stripe.customers.create(req.body);\n  await queue.add(req.body);\n  cache.set('last', req.body);\n  res.json({ ok: true });\n}\n" },
    { name: 'Layers: the service picks its fields, or the controller passes a parse result, or the service checks with Joi, or a route validates', files: {
      'package.json': pkg({ express: '^4.21.0', zod: '^3.24.0', joi: '^17.13.0', mongoose: '^8.8.0' }),
      'src/services/user.service.ts': "import Joi from 'joi';\nimport { User } from '../models/user';\n\nconst schema = Joi.object({ name: Joi.string().required() });\n\nexport async function createUser({ name, email }) {\n  return User.create({ name, email });\n}\n\nexport async function saveUser(data) {\n  return User.create(data);\n}\n\nexport async function checkedUser(data) {\n  const { error } = schema.validate(data);\n  if (error) throw new Error(error.message);\n  return User.create(data);\n}\n",
      'src/controllers/user.controller.ts': "import { z } from 'zod';\nimport * as users from '../services/user.service';\n\nconst NewUser = z.object({ name: z.string(), email: z.string().email() });\n\nexport async function signUp(req, res) {\n  res.status(201).json(await users.createUser(req.body));\n}\n\nexport async function invite(req, res) {\n  const input = NewUser.parse(req.body);\n  res.status(201).json(await users.saveUser(input));\n}\n\nexport async function rename(req, res) {\n  res.json(await users.saveUser({ name: req.body.name }));\n}\n\nexport async function checked(req, res) {\n  res.json(await users.checkedUser(req.body));\n}\n\nexport async function validatedRoute(req, res) {\n  res.json(await users.saveUser(req.body));\n}\n",
      'src/app.ts': "import express from 'express';\nimport { celebrate, Joi, Segments } from 'celebrate';\nimport { signUp, invite, rename, checked, validatedRoute } from './controllers/user.controller';\n\nconst app = express();\napp.use(express.json());\napp.post('/signup', signUp);\napp.post('/invites', invite);\napp.patch('/me', rename);\napp.post('/checked', checked);\napp.post('/users', celebrate({ [Segments.BODY]: Joi.object({ name: Joi.string() }) }), validatedRoute);\napp.listen(3000);\n",
    } },
    { name: 'Express: a celebrate middleware validates the route (route map)', files: {
      'package.json': pkg({ express: '^4.21.0', celebrate: '^15.0.0' }),
      'src/app.ts': "import express from 'express';\nimport { celebrate, Joi, Segments } from 'celebrate';\nimport { User } from './models/user';\n\nconst app = express();\napp.use(express.json());\napp.post('/users', celebrate({ [Segments.BODY]: Joi.object({ name: Joi.string() }) }), async (req, res) => {\n  res.status(201).json(await User.create(req.body));\n});\napp.listen(3000);\n",
    } },
    { name: 'Fastify: a body schema on the route', files: {
      'package.json': pkg({ fastify: '^4.28.0' }),
      'src/app.ts': "import Fastify from 'fastify';\nimport { prisma } from './db';\n\nconst app = Fastify();\nconst schema = { body: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } } };\napp.post('/projects', { schema }, async (request) => prisma.project.create({ data: request.body as { name: string } }));\napp.listen({ port: 3000 });\n",
    } },
    { name: 'Nest: a DTO with a role field on a route restricted by role (an admin creating users)', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0', 'class-validator': '^0.14.0' } }),
      'src/users/users.controller.ts': "import { Body, Controller, Post, Patch, UseGuards } from '@nestjs/common';\nimport { CreateUserDto } from './dto/create-user.dto';\nimport { PrismaService } from '../prisma.service';\nimport { RolesGuard } from '../auth/roles.guard';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly prisma: PrismaService) {}\n  @UseGuards(RolesGuard)\n  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.prisma.user.create({ data: dto });\n  }\n}\n",
      'src/users/dto/create-user.dto.ts': "import { IsEmail, IsEnum, IsString } from 'class-validator';\nexport class CreateUserDto {\n  @IsEmail() email: string;\n  @IsString() password: string;\n  @IsEnum(['USER', 'ADMIN']) role: 'USER' | 'ADMIN';\n}\n",
      'src/auth/roles.guard.ts': "export class RolesGuard { canActivate(ctx) { return ctx.switchToHttp().getRequest().user.role === 'ADMIN'; } }\n",
    } },
    { name: 'Nest: a role field with no class-validator decorator is stripped by the whitelist', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0', 'class-validator': '^0.14.0' } }),
      'src/users/users.controller.ts': "import { Body, Controller, Post, Patch, UseGuards } from '@nestjs/common';\nimport { CreateUserDto } from './dto/create-user.dto';\nimport { PrismaService } from '../prisma.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly prisma: PrismaService) {}\n  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.prisma.user.create({ data: dto });\n  }\n}\n",
      'src/users/dto/create-user.dto.ts': "import { IsEmail } from 'class-validator';\nexport class CreateUserDto {\n  @IsEmail() email: string;\n  role?: string;\n}\n",
    } },
    { name: 'Nest: a DTO class parameter (validated and whitelisted by ValidationPipe)', files: {
      'src/users.controller.ts': "import { Body, Controller, Post } from '@nestjs/common';\nimport { CreateUserDto } from './dto/create-user.dto';\nimport { PrismaService } from './prisma.service';\n\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly prisma: PrismaService) {}\n\n  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.prisma.user.create({ data: dto });\n  }\n}\n",
    } },
    { name: 'Next.js: a server action that parses its form data with zod', files: {
      'app/notes/actions.ts': "'use server';\n\nimport { z } from 'zod';\nimport { db } from '@/lib/db';\n\nconst Note = z.object({ title: z.string().max(200) });\n\nexport async function createNote(formData: FormData) {\n  await db.note.create({ data: Note.parse(Object.fromEntries(formData)) });\n}\n\nexport async function renameNote(id: string, title: string) {\n  await db.note.update({ where: { id }, data: { title } });\n}\n",
    } },
    { name: 'Object.assign into a fresh object or a non-entity, and a lodash pick', code: "import _ from 'lodash';\nimport { prisma } from './db';\n\nexport async function update(req, res) {\n  const options = Object.assign({}, defaults, req.query);\n  Object.assign(res.locals, req.body);\n  await prisma.user.update({ where: { id: req.user.id }, data: _.pick(req.body, ['name', 'bio']) });\n  res.json(options);\n}\n" },
    { name: 'Test files', files: { 'src/__tests__/users.test.ts': "import { prisma } from '../db';\n\ntest('x', async () => {\n  const req = { body: { name: 'a' } };\n  await prisma.user.create({ data: req.body });\n});\n" } },
  ],
  invalid: [
    {
      name: 'Express: the same helper called without the body replaced is reported',
      files: {"package.json": "{\"name\":\"api\",\"dependencies\":{\"express\":\"^5.0.0\",\"@prisma/client\":\"^6.0.0\",\"zod\":\"^3.23.0\"}}", "src/app.ts": "import express, { Router, type NextFunction, type Request, type Response } from 'express';\nimport { PrismaClient } from '@prisma/client';\nimport z from 'zod';\nconst prisma = new PrismaClient();\nconst create = z.object({ title: z.string() });\nconst insertIntoDB = async (req: Request) => {\n  const result = await prisma.specialties.create({\n    data: req.body,\n  });\n  return result;\n};\nconst router = Router();\nrouter.post('/', (req: Request, res: Response, next: NextFunction) => {\n  return insertIntoDB(req).then((r) => res.json(r), next);\n});\nconst app = express();\napp.use(express.json());\napp.use('/specialties', router);\napp.listen(3000);\n"},
      errors: [{ file: 'src/app.ts', line: 8, column: 11, message: /^`prisma\.specialties\.create\(\)` writes the whole request body/ }],
    },
    {
      name: 'a middleware named authorizeRequest that only verifies the token checks no role: ship-stopping',
      files: {"package.json": "{\"name\":\"shop\",\"dependencies\":{\"express\":\"^4.19.2\",\"mongoose\":\"^8.0.0\",\"jsonwebtoken\":\"^9.0.0\"}}", "auth.js": "const jwt = require('jsonwebtoken');\nconst authorizeRequest = async (req, res, next) => {\n  const decoded = jwt.verify(req.headers.authorization.split(' ')[1], process.env.JWT_SECRET_KEY);\n  req.userId = decoded.id;\n  next();\n};\nmodule.exports = { authorizeRequest };\n", "server.js": "const express = require('express');\nconst User = require('./models/user');\nconst { authorizeRequest } = require('./auth');\nconst app = express();\napp.use(express.json());\napp.put('/user/update/:id', authorizeRequest, async (req, res) => {\n  const user = await User.findByIdAndUpdate(req.params.id, req.body, { new: true });\n  res.json(user);\n});\napp.listen(3000);\n"},
      errors: [{ file: 'server.js', line: 7, column: 60, tier: 'ship-stopping', message: /^`User\.findByIdAndUpdate\(\)` writes the whole request body.*pick the fields explicitly\.$/ }],
    },
    {
      name: 'Express + Mongoose: a guard that lets the owner of the record OR an admin in is no admin-only form (ship-stopping); an admin-only guard is (tech debt); the token is verified through a helper (seen on a real Express + Mongoose shop: any user could make themselves admin)',
      files: {"package.json": "{\"name\":\"shop\",\"dependencies\":{\"express\":\"^4.19.2\",\"mongoose\":\"^8.0.0\",\"jsonwebtoken\":\"^9.0.0\"}}", "middleware/authMid.js": "const jwt = require('jsonwebtoken');\nconst User = require('../models/userModel');\nfunction verifyToken(token) {\n  return jwt.verify(token, process.env.JWT_SECRET_KEY);\n}\nconst authorizeRequest = async (req, res, next) => {\n  const token = req.headers.authorization.split(' ')[1];\n  try {\n    const decodedToken = verifyToken(token);\n    const user = await User.findById(decodedToken.id);\n    if (req.params.id == decodedToken.id || user.isAdmin) {\n      req.userId = decodedToken.id;\n      next();\n    } else {\n      return res.status(403).json({ message: 'Forbidden' });\n    }\n  } catch (error) {\n    return res.status(401).json({ message: 'Token expired' });\n  }\n};\nconst authorizeAdmin = async (req, res, next) => {\n  const token = req.headers.authorization.split(' ')[1];\n  const decodedToken = verifyToken(token);\n  const user = await User.findById(decodedToken.id);\n  if (user.isAdmin) return next();\n  return res.status(403).json({ message: 'Forbidden' });\n};\nmodule.exports = { verifyToken, authorizeRequest, authorizeAdmin };\n", "server.js": "const express = require('express');\nconst User = require('./models/userModel');\nconst Product = require('./models/product');\nconst { authorizeRequest, authorizeAdmin } = require('./middleware/authMid');\nconst app = express();\napp.use(express.json());\napp.put('/user/update/:id', authorizeRequest, async (req, res) => res.json(await User.findByIdAndUpdate(req.params.id, req.body, { new: true })));\napp.put('/product/update/:id', authorizeAdmin, async (req, res) => res.json(await Product.findByIdAndUpdate(req.params.id, req.body, { new: true })));\napp.listen(3000);\n"},
      errors: [
        { file: 'server.js', line: 7, column: 120, tier: 'ship-stopping', message: /^`User\.findByIdAndUpdate\(\)` writes the whole request body.*pick the fields explicitly\.$/ },
        { file: 'server.js', line: 8, column: 124, tier: 'tech-debt', message: /Every route that reaches it checks a role \(authorizeAdmin\), so only those callers can\.$/ },
      ],
    },
    {
      name: 'Prisma upsert with the same body as update and create: one finding (seen on a real Next.js server action)',
      files: {
        'package.json': pkg({ next: '^14.2.0', '@prisma/client': '^5.22.0' }),
        'app/_actions/upsert-operating-day.ts': "'use server';\nimport { db } from '@/app/_lib/prisma';\nexport const upsertOperatingDay = async (props: any) => {\n  await db.operatingDay.upsert({\n    where: { dayOfWeek: props.dayOfWeek },\n    update: props,\n    create: props,\n  });\n};\n",
      },
      errors: [{ file: 'app/_actions/upsert-operating-day.ts', line: 7, column: 13, message: /^`db\.operatingDay\.upsert\(\)` writes/ }],
    },
    {
      name: 'Express: the whole body written by an admin-only route (checkRole(ADMIN)): tech debt, the caller is trusted (seen on a real MERN shop)',
      files: {
        "app.js": "var express = require('express');\nvar helmet = require('helmet');\nvar rateLimit = require('express-rate-limit');\nvar { checkLogin, checkRole } = require('./auth');\nvar Category = require('./category');\nvar app = express();\napp.use(helmet());\napp.use(rateLimit({ windowMs: 60000, limit: 100 }));\napp.use(express.json());\napp.get('/healthz', (req, res) => res.send('ok'));\napp.put('/api/categories/:id', checkLogin, checkRole('ADMIN'), async (req, res) => {\n  res.send(await Category.findByIdAndUpdate(req.params.id, req.body, { new: true }));\n});\napp.listen(3000);\n",
        "auth.js": "var jwt = require('jsonwebtoken');\nvar User = require('./user');\nmodule.exports.checkLogin = async function (req, res, next) {\n  try {\n    var result = jwt.verify(req.headers.authorization.split(\" \")[1], process.env.JWT_SECRET, { algorithms: ['HS256'] });\n    req.user = await User.findById(result.id);\n    next();\n  } catch (e) { res.status(401).send(\"login\"); }\n};\nmodule.exports.checkRole = function (...roles) {\n  return function (req, res, next) {\n    if (req.user.role.some((r) => roles.includes(r))) return next();\n    res.status(403).send(\"forbidden\");\n  };\n};\n",
        "category.js": "var mongoose = require('mongoose');\nmodule.exports = mongoose.model('category', new mongoose.Schema({ name: { type: String, unique: true }, isDeleted: Boolean }));\n",
        "package.json": "{ \"name\": \"api\", \"scripts\": { \"start\": \"node app.js\", \"test\": \"node --test\" }, \"engines\": { \"node\": \">=20\" }, \"dependencies\": { \"express\": \"^4.19.2\", \"mongoose\": \"^8.2.2\", \"jsonwebtoken\": \"^9.0.2\", \"bcrypt\": \"^5.1.1\", \"express-rate-limit\": \"^7.0.0\", \"helmet\": \"^7.1.0\" } }\n",
        "user.js": "var mongoose = require('mongoose');\nmodule.exports = mongoose.model('user', new mongoose.Schema({ username: { type: String, unique: true }, email: { type: String, unique: true }, role: [String] }));\n",
      },
      errors: [{ file: 'app.js', line: 12, column: 60, tier: 'tech-debt', message: /writes the whole request body \(`req\.body`\).* Every route that reaches it checks a role \(/ }],
    },
    {
      name: 'NestJS: the TypeORM entity is the body, @Body(ValidationPipe) without whitelist (seen on a real NestJS app: a client-sent id took over another order)',
      files: { 'package.json': "{\n  \"name\": \"api\",\n  \"dependencies\": { \"@nestjs/common\": \"^10.0.0\", \"@nestjs/core\": \"^10.0.0\", \"@nestjs/typeorm\": \"^10.0.0\", \"typeorm\": \"^0.3.20\", \"pg\": \"^8.11.0\", \"class-validator\": \"^0.14.0\" }\n}\n", 'src/order.entity.ts': "import { Entity, PrimaryGeneratedColumn, Column, BaseEntity } from 'typeorm';\nimport { IsString } from 'class-validator';\n\n@Entity()\nexport class Order extends BaseEntity {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n  @IsString()\n  @Column()\n  description: string;\n\n  @Column()\n  approved: boolean;\n}\n", 'src/order.controller.ts': "import { Body, Controller, Post, ValidationPipe } from '@nestjs/common';\nimport { Order } from './order.entity';\n\n@Controller('orders')\nexport class OrderController {\n  @Post()\n  async add(@Body(ValidationPipe) order: Order) {\n    await Order.save(order);\n  }\n}\n" },
      errors: [{ file: 'src/order.controller.ts', line: 6, column: 3, message: /^`POST \/orders` takes its body as the entity `Order` itself, and no ValidationPipe strips unknown keys/ }],
    },
    {
      name: 'NestJS: the entity is the body, the app-wide ValidationPipe has no whitelist',
      files: { 'package.json': "{\n  \"name\": \"api\",\n  \"dependencies\": { \"@nestjs/common\": \"^10.0.0\", \"@nestjs/core\": \"^10.0.0\", \"@nestjs/typeorm\": \"^10.0.0\", \"typeorm\": \"^0.3.20\", \"pg\": \"^8.11.0\", \"class-validator\": \"^0.14.0\" }\n}\n", 'src/order.entity.ts': "import { Entity, PrimaryGeneratedColumn, Column, BaseEntity } from 'typeorm';\nimport { IsString } from 'class-validator';\n\n@Entity()\nexport class Order extends BaseEntity {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n  @IsString()\n  @Column()\n  description: string;\n\n  @Column()\n  approved: boolean;\n}\n", 'src/order.controller.ts': "import { Body, Controller, Post } from '@nestjs/common';\nimport { Order } from './order.entity';\n\n@Controller('orders')\nexport class OrderController {\n  @Post()\n  async add(@Body() order: Order) {\n    await Order.save(order);\n  }\n}\n", 'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalPipes(new ValidationPipe({ transform: true }));\n  await app.listen(3000);\n}\nbootstrap();\n" },
      errors: [{ file: 'src/order.controller.ts', line: 6, column: 3, message: /takes its body as the entity `Order` itself/ }],
    },
    {
      name: 'Koa: a Joi validator that allows unknown keys (allowUnknown: true), the whole body is written (seen on a real Koa + TypeORM app: sign up as an activated admin)',
      files: {
      'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^13.1.0', joi: '^17.13.0', typeorm: '^0.3.20' }),
      'src/validator.ts': "import Joi from 'joi';\nexport default (schema) => async (ctx, next) => {\n  const { error } = schema.validate(ctx.request.body, { abortEarly: false, allowUnknown: true });\n  if (error) ctx.throw(400, error.message);\n  await next();\n};\n",
      'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\nimport Joi from 'joi';\nimport validate from './validator';\nimport { AppDataSource } from './db';\nconst app = new Koa();\nconst router = new Router();\nconst NewUser = Joi.object({ username: Joi.string().required(), password: Joi.string().min(8).required() });\nrouter.post('/users', validate(NewUser), async (ctx) => {\n  ctx.body = await AppDataSource.manager.save(AppDataSource.manager.create(User, ctx.request.body));\n});\napp.use(router.routes());\n",
    },
      errors: [{ file: 'src/app.ts', line: 10, column: 82 }],
    },
    {
      name: 'Express + Mongoose: a sign-up saving the role the client sent (seen on a real hotel-booking app: anyone can register as an admin)',
      files: {
        'package.json': pkg({ express: '^4.21.0', mongoose: '^8.8.0', bcrypt: '^5.1.0' }),
        'src/app.ts': "import express from 'express';\nimport { register } from './controllers/user';\nconst app = express();\napp.use(express.json());\napp.post('/api/user/register', register);\napp.listen(3000);\n",
        'src/controllers/user.ts': "import bcrypt from 'bcrypt';\nimport User from '../models/user';\nexport const register = async (req, res) => {\n  const { password, role, email } = req.body;\n  const user = await User.create({\n    email,\n    password: await bcrypt.hash(password, 10),\n    role: role || 'user',\n  });\n  res.status(201).json({ id: user.id });\n};\n",
      },
      errors: [{ file: 'src/controllers/user.ts', line: 8, column: 5, message: "`role` is taken from the request (`req.body.role`) and saved by `User.create()`, and `POST /api/user/register` checks no role: anyone can send `\"role\": ...` and make themselves an admin, verified or privileged. Set it on the server (a default), and let only an admin route change it." }],
    },
    {
      name: 'Sequelize: the role foreign key (id_role) destructured from the body and saved on account creation (seen on a real Express + Sequelize API)',
      files: {
        'package.json': pkg({ express: '^4.17.2', sequelize: '^6.13.0' }),
        'src/app.js': "const express = require('express');\nconst { Users } = require('./models');\nconst app = express();\napp.use(express.json());\napp.post('/users', async (req, res) => {\n  const { id_role, name, email } = req.body;\n  await Users.create({ id_role, name, email });\n  res.status(201).end();\n});\napp.listen(4000);\n",
      },
      errors: [{ file: 'src/app.js', line: 7, column: 24, message: /^`id_role` is taken from the request \(`req\.body\.id_role`\) and saved by `Users\.create\(\)`, and `POST \/users` checks no role/ }],
    },
    {
      name: 'Prisma: a profile update writing isAdmin from the body field by name',
      files: {
        'package.json': pkg({ express: '^4.21.0', '@prisma/client': '^5.22.0' }),
        'src/app.ts': "import express from 'express';\nimport { prisma } from './db';\nimport { requireUser } from './auth';\nconst app = express();\napp.patch('/me', requireUser, async (req, res) => {\n  res.json(await prisma.user.update({ where: { id: req.user.id }, data: { name: req.body.name, isAdmin: req.body.isAdmin } }));\n});\napp.listen(3000);\n",
      },
      errors: [{ file: 'src/app.ts', line: 6, column: 96, message: /^`isAdmin` is taken from the request \(`req\.body\.isAdmin`\) and saved by `prisma\.user\.update\(\)`, and `PATCH \/me` checks no role: any signed-in user can send/ }],
    },
    {
      name: 'Nest: a DTO that accepts `role` on a public sign-up that writes it (seen on a real NestJS + Prisma app)',
      files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0', 'class-validator': '^0.14.0' } }),
        'src/users/users.controller.ts': "import { Body, Controller, Post, Patch, UseGuards } from '@nestjs/common';\nimport { CreateUserDto } from './dto/create-user.dto';\nimport { PrismaService } from '../prisma.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly prisma: PrismaService) {}\n  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.prisma.user.create({ data: dto });\n  }\n}\n",
        'src/users/dto/create-user.dto.ts': "import { IsEmail, IsEnum, IsString } from 'class-validator';\nexport class CreateUserDto {\n  @IsEmail() email: string;\n  @IsString() password: string;\n  @IsEnum(['USER', 'ADMIN']) role: 'USER' | 'ADMIN';\n}\n",
      },
      errors: [{ file: 'src/users/dto/create-user.dto.ts', line: 5, column: 30, message: "`CreateUserDto.role` is accepted from the client by `POST /users`, which checks no role: anyone can send `\"role\": ...` and the write saves it (make themselves an admin, verified or paid). Set `role` on the server: remove it from this DTO (keep a separate DTO for an admin-only route)." }],
    },
    {
      name: 'Express: express-validator checks some fields, the whole body is written (other keys get through: seen on a real Express + Mongoose app)',
      files: evApp("[body('name').trim().notEmpty(), body('email').isEmail()]"),
      errors: [{ file: 'src/controllers/user.ts', line: 3, column: 64 }],
    },
    { name: 'Prisma: data: req.body', code: "import { Router } from 'express';\nimport { prisma } from '../db';\n\nexport const users = Router();\n\nusers.patch('/me', async (req, res) => {\n  res.json(await prisma.user.update({ where: { id: req.user.id }, data: req.body }));\n});\n",
      errors: [{ line: 7, column: 73, message: `\`prisma.user.update()\` writes the whole request body (\`req.body\`): ${WHY} ${PICK}`, tier: 'ship-stopping' }] },
    { name: 'Prisma: a spread of the body with a server field added, through a const', code: "import { prisma } from './db';\n\nexport async function createProject(req, res) {\n  const input = { ...req.body, ownerId: req.user.id };\n  res.status(201).json(await prisma.project.create({ data: input }));\n}\n",
      errors: [{ line: 5, column: 60, message: /^`prisma\.project\.create\(\)` writes the whole request body \(`input`\)/ }] },
    { name: 'The body parsed with zod, but the raw body written', code: "import { z } from 'zod';\nimport { prisma } from './db';\n\nconst Signup = z.object({ email: z.string().email(), name: z.string() });\n\nexport async function signup(req, res) {\n  Signup.parse(req.body);\n  res.json(await prisma.user.create({ data: req.body }));\n}\n",
      errors: [{ line: 8, column: 45, message: /The body is parsed with a schema above, but the raw value is what gets written: pass the parse result instead/ }] },
    { name: 'Mongoose: create, findByIdAndUpdate with a rest of the body, new Model(body)', code: "import { User } from '../models/User';\n\nexport async function create(req, res) {\n  res.json(await User.create(req.body));\n}\n\nexport async function update(req, res) {\n  const { _id, ...changes } = req.body;\n  res.json(await User.findByIdAndUpdate(req.params.id, changes, { new: true }));\n}\n\nexport async function register(req, res) {\n  const user = new User(req.body);\n  await user.save();\n  res.status(201).json(user);\n}\n",
      errors: [
        { line: 4, column: 30, message: /^`User\.create\(\)` writes the whole request body \(`req\.body`\)/ },
        { line: 9, column: 56, message: /^`User\.findByIdAndUpdate\(\)` writes the whole request body \(`changes`\)/ },
        { line: 13, column: 25, message: /^`new User\(\)` writes the whole request body/ },
      ] },
    { name: 'Sequelize: a loaded record updated or assigned from the body', code: "import { Project } from './models';\n\nexport async function update(req, res) {\n  const project = await Project.findByPk(req.params.id);\n  await project.update(req.body);\n  res.json(project);\n}\n\nexport async function patch(req, res) {\n  const project = await Project.findByPk(req.params.id);\n  Object.assign(project, req.body);\n  await project.save();\n  res.json(project);\n}\n",
      errors: [
        { line: 5, column: 24, message: /^`project\.update\(\)` writes the whole request body/ },
        { line: 11, column: 26, message: /^`Object\.assign\(project, \.\.\.\)` writes the whole request body/ },
      ] },
    { name: 'TypeORM: repository save and merge', code: "import { AppDataSource } from './data-source';\nimport { User } from './entity/User';\n\nconst users = AppDataSource.getRepository(User);\n\nexport async function create(req, res) {\n  res.json(await users.save(req.body));\n}\n\nexport async function update(req, res) {\n  const user = await users.findOneByOrFail({ id: Number(req.params.id) });\n  users.merge(user, req.body);\n  res.json(await users.save(user));\n}\n",
      errors: [
        { line: 7, column: 29, message: /^`users\.save\(\)` writes the whole request body/ },
        { line: 12, column: 21, message: /^`users\.merge\(\)` writes the whole request body/ },
      ] },
    { name: 'Drizzle and Knex', code: "import { db } from './db';\nimport { users } from './schema';\nimport knex from './knex';\n\nexport async function create(req, res) {\n  await db.insert(users).values(req.body);\n  await db.update(users).set({ ...req.body });\n  await knex('audit').insert(req.body);\n  res.sendStatus(201);\n}\n",
      errors: [
        { line: 6, column: 33, message: /^`db\.insert\(users\)\.values\(\)` writes the whole request body/ },
        { line: 7, column: 30, message: /^`db\.update\(users\)\.set\(\)` writes the whole request body/ },
        { line: 8, column: 30, message: /^`knex\('audit'\)\.insert\(\)` writes the whole request body/ },
      ] },
    { name: 'Firestore: setDoc with the request body (modular API)', code: "import { doc, setDoc } from 'firebase/firestore';\nimport { db } from './firebase';\n\nexport async function save(req, res) {\n  await setDoc(doc(db, 'profiles', req.user.uid), req.body);\n  res.sendStatus(204);\n}\n",
      errors: [{ line: 5, column: 51, message: /^`setDoc\(\)` writes the whole request body \(`req\.body`\)/ }] },
    { name: 'Koa: ctx.request.body', code: "import Router from '@koa/router';\nimport { prisma } from './db';\n\nconst router = new Router();\nrouter.post('/items', async (ctx) => {\n  ctx.body = await prisma.item.create({ data: ctx.request.body });\n});\n",
      errors: [{ line: 6, column: 47, message: /^`prisma\.item\.create\(\)` writes the whole request body \(`ctx\.request\.body`\)/ }] },
    { name: 'Hono: await c.req.json()', code: "import { Hono } from 'hono';\nimport { db } from './db';\n\nconst app = new Hono();\napp.post('/posts', async (c) => {\n  const body = await c.req.json();\n  return c.json(await db.post.create({ data: body }), 201);\n});\n",
      errors: [{ line: 7, column: 46, message: /^`db\.post\.create\(\)` writes the whole request body \(`body`\)/ }] },
    { name: 'Next.js: a route handler writing await req.json()', files: {
      'app/api/posts/route.ts': "import { prisma } from '@/lib/prisma';\n\nexport async function POST(req: Request) {\n  const body = await req.json();\n  const post = await prisma.post.create({ data: body });\n  return Response.json(post, { status: 201 });\n}\n",
    },
    errors: [{ line: 5, column: 49, message: /^`prisma\.post\.create\(\)` writes the whole request body \(`body`\)/ }] },
    { name: 'Next.js: server actions writing every form field or their object argument', files: {
      'app/settings/actions.ts': "'use server';\n\nimport { db } from '@/lib/db';\n\nexport async function saveSettings(formData: FormData) {\n  await db.settings.update({ where: { id: 1 }, data: Object.fromEntries(formData) });\n}\n\nexport async function updateProfile(data: { name: string; bio: string }) {\n  await db.user.update({ where: { id: 1 }, data });\n}\n",
    },
    errors: [
      { line: 6, column: 54, message: /^`db\.settings\.update\(\)` writes every submitted form field \(`Object\.fromEntries\(formData\)`\)/ },
      { line: 10, column: 44, message: /^`db\.user\.update\(\)` writes the server action's argument `data` \(a client can call the action with any object\)/ },
    ] },
    { name: 'Nest: an untyped @Body() written by the controller', files: {
      'src/users.controller.ts': "import { Body, Controller, Patch, Param } from '@nestjs/common';\nimport { InjectModel } from '@nestjs/mongoose';\nimport { Model } from 'mongoose';\n\n@Controller('users')\nexport class UsersController {\n  constructor(@InjectModel('User') private readonly userModel: Model<any>) {}\n\n  @Patch(':id')\n  update(@Param('id') id: string, @Body() body: Record<string, unknown>) {\n    return this.userModel.findByIdAndUpdate(id, body, { new: true });\n  }\n}\n",
    },
    errors: [{ line: 11, column: 49, message: /^`this\.userModel\.findByIdAndUpdate\(\)` writes the untyped `@Body\(\) body` \(ValidationPipe cannot whitelist an `any`\/interface type\)/ }] },
    { name: 'Express: a route with a validation middleware, but the handler parses nothing of its own and writes the raw body of a different route', files: {
      'package.json': pkg({ express: '^4.21.0' }),
      'src/app.ts': "import express from 'express';\nimport { prisma } from './db';\nimport { validate } from './validate';\n\nconst app = express();\napp.use(express.json());\napp.post('/a', validate(schemaA), async (req, res) => res.json(await prisma.a.create({ data: req.body })));\napp.post('/b', async (req, res) => res.json(await prisma.b.create({ data: req.body })));\napp.listen(3000);\n",
    },
    errors: [{ line: 8, column: 75, message: /^`prisma\.b\.create\(\)` writes the whole request body/ }] },
    { name: 'Layers: the body handed whole to a service that writes it (named, namespace and default-instance imports), and through a repository', files: {
      'package.json': pkg({ express: '^4.21.0', mongoose: '^8.8.0', '@prisma/client': '^5.22.0' }),
      'src/services/user.service.ts': "import { User } from '../models/user';\n\nexport const createUser = async (data) => {\n  const user = new User(data);\n  return user.save();\n};\n",
      'src/services/post.service.ts': "import { Post } from '../models/post';\n\nclass PostService {\n  async update(id: string, changes: Record<string, unknown>) {\n    return Post.findByIdAndUpdate(id, changes, { new: true });\n  }\n}\n\nexport default new PostService();\n",
      'src/repositories/order.repository.ts': "import { prisma } from '../db';\n\nexport function insertOrder(values) {\n  return prisma.order.create({ data: values });\n}\n",
      'src/services/order.service.ts': "import { insertOrder } from '../repositories/order.repository';\n\nexport async function placeOrder(userId: string, input) {\n  return insertOrder(input);\n}\n",
      'src/controllers/index.ts': "import * as userService from '../services/user.service';\nimport postService from '../services/post.service';\nimport { placeOrder } from '../services/order.service';\n\nexport async function register(req, res) {\n  res.status(201).json(await userService.createUser(req.body));\n}\n\nexport async function editPost(req, res) {\n  res.json(await postService.update(req.params.id, { ...req.body }));\n}\n\nexport async function order(req, res) {\n  res.status(201).json(await placeOrder(req.user.id, req.body));\n}\n",
    },
    errors: [
      { file: 'src/controllers/index.ts', line: 6, column: 53, message: /^`userService\.createUser\(\)` is handed the whole request body \(`req\.body`\), and `createUser` writes it as is with `new User\(\)` \(src\/services\/user\.service\.ts:4\): a client can set any column/ },
      { file: 'src/controllers/index.ts', line: 10, column: 52, message: /^`postService\.update\(\)` is handed the whole request body \(`req\.body`\), and `PostService\.update` writes it as is with `Post\.findByIdAndUpdate\(\)` \(src\/services\/post\.service\.ts:5\)/ },
      { file: 'src/controllers/index.ts', line: 14, column: 54, message: /^`placeOrder\(\)` is handed the whole request body \(`req\.body`\), and `placeOrder` writes it as is with `prisma\.order\.create\(\)` \(src\/repositories\/order\.repository\.ts:4\)/ },
    ] },
    { name: 'Hono layers: the body handed to a service that writes it, behind an admin role middleware (tech debt) and behind one that lets every signed-in role in (`allRoleAuth`) or checks the customers\' role (`userRoleAuth`): ship-stopping (seen on a real Hono + Drizzle API)', files: {
      'package.json': pkg({ hono: '^4.4.0', '@hono/node-server': '^1.11.0', 'drizzle-orm': '^0.31.0' }),
      'src/middleAuth.ts': "import { Context, Next } from 'hono';\nimport { verify } from 'hono/jwt';\nexport const authMiddleware = async (c: Context, next: Next, role: string) => {\n  const token = c.req.header('Authorization');\n  if (!token) return c.json({ error: 'no token' }, 401);\n  const decoded = await verify(token, process.env.SECRET_KEY as string);\n  if (decoded.role !== role) return c.json({ msg: 'unauthorized' }, 401);\n  return next();\n};\nexport const allMiddleware = async (c: Context, next: Next) => {\n  const token = c.req.header('Authorization');\n  if (!token) return c.json({ error: 'no token' }, 401);\n  await verify(token, process.env.SECRET_KEY as string);\n  return next();\n};\nexport const adminRoleAuth = async (c: Context, next: Next) => await authMiddleware(c, next, 'admin');\nexport const allRoleAuth = async (c: Context, next: Next) => await allMiddleware(c, next);\nexport const userRoleAuth = async (c: Context, next: Next) => await authMiddleware(c, next, 'user');\n",
      'src/category/category.service.ts': "import { db } from '../db';\nimport { categoryTable, ordersTable, usersTable } from '../schema';\nimport { eq } from 'drizzle-orm';\nexport const insertCategory = async (data: any) => db.insert(categoryTable).values(data);\nexport const updateUser = async (id: number, user: any) => db.update(usersTable).set(user).where(eq(usersTable.id, id));\nexport const insertOrder = async (order: any) => db.insert(ordersTable).values(order);\n",
      'src/category/category.controller.ts': "import { Context } from 'hono';\nimport { insertCategory, insertOrder, updateUser } from './category.service';\nexport const createCategory = async (c: Context) => {\n  const data = await c.req.json();\n  return c.json(await insertCategory(data), 201);\n};\nexport const updateUserData = async (c: Context) => {\n  const user = await c.req.json();\n  return c.json(await updateUser(Number(c.req.param('id')), user));\n};\nexport const createOrder = async (c: Context) => c.json(await insertOrder(await c.req.json()), 201);\n",
      'src/index.ts': "import { serve } from '@hono/node-server';\nimport { Hono } from 'hono';\nimport { adminRoleAuth, allRoleAuth, userRoleAuth } from './middleAuth';\nimport { createCategory, createOrder, updateUserData } from './category/category.controller';\nconst app = new Hono();\napp.post('/category', adminRoleAuth, createCategory);\napp.put('/users/:id', allRoleAuth, updateUserData);\napp.post('/orders', userRoleAuth, createOrder);\nserve({ fetch: app.fetch, port: 3000 });\n",
    },
    errors: [
      { file: 'src/category/category.controller.ts', line: 5, column: 38, tier: 'tech-debt', message: /^`insertCategory\(\)` is handed the whole request body \(`data`\).* Every route that reaches it checks a role \(adminRoleAuth\), so only those callers can\.$/ },
      { file: 'src/category/category.controller.ts', line: 9, column: 61, tier: 'ship-stopping', message: /^`updateUser\(\)` is handed the whole request body \(`user`\), and `updateUser` writes it as is with `db\.update\(usersTable\)\.set\(\)`.*or pick the fields explicitly\.$/ },
      { file: 'src/category/category.controller.ts', line: 11, column: 75, tier: 'ship-stopping', message: /^`insertOrder\(\)` is handed the whole request body \(`c\.req\.json\(\)`\).*or pick the fields explicitly\.$/ },
    ] },
    { name: 'Layers: a service that drops a few fields from what it is given (a denylist) and writes the rest (seen on a real Express + Sequelize app)', files: {
      'package.json': pkg({ express: '^4.21.0', sequelize: '^6.37.0' }),
      'src/services/authService.js': "const { User } = require('../models');\nclass AuthService {\n  static async updateUserProfile(userId, updateData) {\n    const user = await User.findByPk(userId);\n    const { password, role, is_verified, ...allowedUpdates } = updateData;\n    await user.update(allowedUpdates);\n    return user;\n  }\n}\nmodule.exports = AuthService;\n",
      'src/controllers/authController.js': "const AuthService = require('../services/authService');\nexports.updateProfile = async (req, res) => {\n  res.json(await AuthService.updateUserProfile(req.user.id, req.body));\n};\n",
    },
    errors: [{ file: 'src/controllers/authController.js', line: 3, column: 61, message: /^`AuthService\.updateUserProfile\(\)` is handed the whole request body \(`req\.body`\), and `AuthService\.updateUserProfile` writes it with `user\.update\(\)` \(src\/services\/authService\.js:6\), less `password`, `role` and `is_verified` \(a denylist: every other field goes through\): a client can set any column/ }] },
    { name: 'Nest: an untyped @Body() handed to the injected service, which saves it', files: {
      'src/users/users.service.ts': "import { Injectable } from '@nestjs/common';\nimport { InjectModel } from '@nestjs/mongoose';\nimport { Model } from 'mongoose';\n\n@Injectable()\nexport class UsersService {\n  constructor(@InjectModel('User') private readonly userModel: Model<any>) {}\n\n  update(id: string, changes: any) {\n    return this.userModel.findByIdAndUpdate(id, changes, { new: true });\n  }\n}\n",
      'src/users/users.controller.ts': "import { Body, Controller, Param, Patch } from '@nestjs/common';\nimport { UsersService } from './users.service';\n\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly usersService: UsersService) {}\n\n  @Patch(':id')\n  update(@Param('id') id: string, @Body() body: any) {\n    return this.usersService.update(id, body);\n  }\n}\n",
    },
    errors: [{ file: 'src/users/users.controller.ts', line: 10, column: 41, message: /^`this\.usersService\.update\(\)` is handed the untyped `@Body\(\) body`, and `UsersService\.update` writes it as is with `this\.userModel\.findByIdAndUpdate\(\)` \(src\/users\/users\.service\.ts:10\).*ValidationPipe/ }] },
    // The rule's early exit: a body-reading name (body, json, text, file, Body...) or a 'use server' directive.
    { name: "Server action: new Model(argument), with no write method and no body name (found through 'use server')", files: {
      'app/posts/actions.ts': "'use server';\n\nimport { Post } from '@/models/post';\n\nexport async function draftPost(input: { title: string }) {\n  return new Post(input);\n}\n",
    },
    errors: [{ line: 6, column: 19, message: /^`new Post\(\)` writes the server action's argument `input` \(a client can call the action with any object\)/ }] },
    { name: 'Nest: @Body() imported under another name', files: {
      'src/users.controller.ts': "import { Body as Payload, Controller, Put } from '@nestjs/common';\nimport { UsersRepository } from './users.repository';\n\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly usersRepository: UsersRepository) {}\n\n  @Put()\n  replace(@Payload() payload: any) {\n    return this.usersRepository.save(payload);\n  }\n}\n",
    },
    errors: [{ line: 10, column: 38, message: /^`this\.usersRepository\.save\(\)` writes the untyped `@Body\(\) payload`/ }] },
    { name: 'Nest: @Body() through a namespace import', files: {
      'src/users.controller.ts': "import * as nest from '@nestjs/common';\n\n@nest.Controller('users')\nexport class UsersController {\n  constructor(private readonly usersRepository: any) {}\n\n  @nest.Put()\n  replace(@nest.Body() payload: object) {\n    return this.usersRepository.save(payload);\n  }\n}\n",
    },
    errors: [{ line: 9, column: 38, message: /^`this\.usersRepository\.save\(\)` writes the untyped `@Body\(\) payload`/ }] },
    { name: 'Route handler: JSON.parse(await request.text()) through a const', files: {
      'app/api/events/route.ts': "import { db } from '@/lib/db';\n\nexport async function POST(request: Request) {\n  const raw = await request.text();\n  await db.event.create({ data: JSON.parse(raw) });\n  return new Response(null, { status: 204 });\n}\n",
    },
    errors: [{ line: 5, column: 33, message: /^`db\.event\.create\(\)` writes the whole request body \(`JSON\.parse\(raw\)`\)/ }] },
    { name: "Express: req['file'] (element access)", code: "import { prisma } from './db';\n\nexport const upload = async (req, res) => {\n  res.json(await prisma.upload.create({ data: req['file'] }));\n};\n",
      errors: [{ line: 4, column: 47, message: /^`prisma\.upload\.create\(\)` writes the whole request body \(`req\.file`\)/ }] },
  ],
});
