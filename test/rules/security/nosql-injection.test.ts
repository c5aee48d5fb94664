import rule from '../../../rules/security/nosql-injection';
import { ruleTester } from '../../helpers/ruleTester';

const mongoPkg = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', mongoose: '^8.8.0' } }, null, 2) + '\n';
const route = (body: string) => `import { Router } from 'express';\nimport { User } from '../models/user';\nexport const router = Router();\n${body}`;
const inApp = (code: string, extra: Record<string, string> = {}) => ({ files: { 'package.json': mongoPkg, 'src/routes/users.ts': code, ...extra } });

const authController = "import { User } from '../models/user';\nexport async function login(req, res) {\n  const user = await User.findOne({ username: req.body.username });\n  res.json({ id: user?.id });\n}\nexport async function search(req, res) {\n  res.json(await User.find(req.body));\n}\n";
const authRoutes = (validators: string) => `import { Router } from 'express';\nimport { body } from 'express-validator';\nimport { login, search } from '../controllers/auth';\nexport const router = Router();\nrouter.post('/login', ${validators}login);\nrouter.post('/search', ${validators}search);\n`;

ruleTester(rule, {
  valid: [
    { name: 'Koa: the email checked by the app\'s own validateEmail() before the lookup (a format test fails on an object; seen on a real Koa API)', ...inApp("import { validateEmail } from '../middleware/validate';\nimport User from '../models/User';\nexport async function signup(ctx) {\n  const { name, email } = ctx.request.body;\n  if (!validateEmail(email)) ctx.throw(422, 'Invalid data received');\n  const user = await User.findOne({ email });\n  if (user) ctx.throw(422, 'An active account already exist.');\n  ctx.body = { name };\n}\n") },
    { name: 'Next.js Pages Router API route: req.query values are strings or string arrays, never objects (seen on a real legal-practice app)', filename: 'pages/api/users/by-email.ts', code: "import { MongoClient } from 'mongodb';\nimport type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const client = new MongoClient(process.env.MONGODB_URI as string);\n  const users = client.db('app').collection('users');\n  const email = req.query.email as string;\n  res.status(200).json(await users.findOne({ email: email }));\n}\n" },
    { name: 'Layers: the controller validates (a validation middleware on the route) or coerces before handing values to the service', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', mongoose: '^8.8.0' } }),
      'src/models/user.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({ email: String }));\n",
      'src/services/users.js': "const User = require('../models/user');\nexports.byEmail = async (email) => User.findOne({ email });\n",
      'src/app.js': "const express = require('express');\nconst { celebrate, Joi, Segments } = require('celebrate');\nconst users = require('./services/users');\nconst app = express();\napp.use(express.json());\napp.post('/lookup', celebrate({ [Segments.BODY]: Joi.object({ email: Joi.string().email() }) }), async (req, res) => res.json(await users.byEmail(req.body.email)));\napp.get('/find', async (req, res) => res.json(await users.byEmail(String(req.query.email))));\napp.listen(3000);\n",
    } },
    { name: 'express-validator in the routes file, the handler imported from a controller (seen on a real Express + Mongoose app)', files: { 'package.json': mongoPkg, 'src/routes/auth.ts': authRoutes("body('username').trim().not().isEmpty(), "), 'src/controllers/auth.ts': authController.replace('  res.json(await User.find(req.body));\n', '  res.json([]);\n') } },
    inApp(route("router.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: String(req.body.email) });\n  res.json(user);\n});\n")),
    inApp(route("router.get('/by-email', async (req, res) => {\n  res.json(await User.findOne({ email: `${req.query.email}` }));\n});\n")),
    inApp(route("router.get('/:id', async (req, res) => {\n  res.json(await User.findById(req.params.id));\n  await User.findOne({ _id: new Types.ObjectId(req.query.id as string), age: Number(req.query.age) });\n});\n")),
    inApp(route("const Login = z.object({ email: z.string().email(), password: z.string() });\nrouter.post('/login', async (req, res) => {\n  const { email } = Login.parse(req.body);\n  res.json(await User.findOne({ email }));\n});\n")),
    inApp(route("router.post('/login', async (req, res) => {\n  await loginSchema.validateAsync(req.body);\n  res.json(await User.findOne({ email: req.body.email }));\n});\n")),
    inApp(route("import { body } from 'express-validator';\nrouter.post('/login', body('email').isEmail(), async (req, res) => {\n  res.json(await User.findOne({ email: req.body.email }));\n});\n")),
    inApp(route("router.post('/login', async (req, res) => {\n  const { email } = req.body;\n  if (typeof email !== 'string') return res.sendStatus(400);\n  res.json(await User.findOne({ email }));\n});\n")),
    { name: 'express-mongo-sanitize in the app entry', ...inApp(route("router.post('/login', async (req, res) => res.json(await User.findOne({ email: req.body.email })));\n"), { 'src/app.ts': "import express from 'express';\nimport mongoSanitize from 'express-mongo-sanitize';\nexport const app = express();\napp.use(express.json());\napp.use(mongoSanitize());\n" }) },
    { name: "mongoose.set('sanitizeFilter', true) in db.ts", ...inApp(route("router.get('/', async (req, res) => res.json(await User.find(req.query)));\n"), { 'src/db.ts': "import mongoose from 'mongoose';\nmongoose.set('sanitizeFilter', true);\nexport const connect = () => mongoose.connect(process.env.MONGODB_URI!);\n" }) },
    inApp(route("router.post('/login', async (req, res) => {\n  res.json(await User.findOne({ email: req.body.email }).setOptions({ sanitizeFilter: true }));\n});\n")),
    inApp(route("router.get('/', async (req, res) => {\n  const users = await User.find({ price: { $lte: req.query.max } });\n  res.json(users.find((u) => u.email === req.body.email));\n});\n")),
    inApp("import _ from 'lodash';\nexport const pick = (req, users) => _.find(users, req.query);\nexport const old = (req) => Report.find({ $where: 'this.credits > this.debits' });\n"),
    { name: 'Fastify route schema', ...inApp("import { User } from './models';\nexport default async function routes(fastify) {\n  fastify.post('/login', { schema: { body: LoginBody } }, async (request) => User.findOne({ email: request.body.email }));\n}\n") },
    { name: 'Nest DTO', ...inApp("import { Body, Controller, Post } from '@nestjs/common';\n@Controller('auth')\nexport class AuthController {\n  constructor(private readonly users: UsersService) {}\n  @Post('login')\n  login(@Body() dto: LoginDto) {\n    return this.userModel.findOne({ email: dto.email });\n  }\n}\n") },
    { name: 'Sequelize, not Mongo', files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', sequelize: '^6.37.0' } }), 'src/routes.ts': "app.post('/login', async (req, res) => res.json(await User.findOne({ where: { email: req.body.email } })));\nexport const all = (req) => Post.findAll(req.query);\n" } },
    { name: 'other libraries: fs, knex in a Mongo package', ...inApp("import fs from 'node:fs';\nimport knex from 'knex';\nconst db = knex({ client: 'pg' });\nexport const check = (req) => fs.exists(req.body.path, () => {});\nexport const find = (req) => db('users').where({ email: req.body.email }).first();\n") },
    { name: 'test file', files: { 'package.json': mongoPkg, 'test/users.test.ts': "it('finds', async () => { await User.findOne({ email: req.body.email }); });\n" } },
  ],
  invalid: [
    {
      name: 'Koa: a validator of another field does not check the email',
      ...inApp("import { validateEmail } from '../middleware/validate';\nimport User from '../models/User';\nexport async function signup(ctx) {\n  const { name, email } = ctx.request.body;\n  if (!validateEmail(name)) ctx.throw(422, 'Invalid data received');\n  const user = await User.findOne({ email });\n  if (user) ctx.throw(422, 'An active account already exist.');\n  ctx.body = { name };\n}\n"),
      errors: [{ file: 'src/routes/users.ts', line: 6, column: 37, message: /^`User\.findOne\(\)` gets `email` from the request body without a type check/ }],
    },
    {
      name: 'Next.js Pages Router API route: the JSON body can still carry an operator',
      filename: 'pages/api/login.ts',
      code: "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { MongoClient } from 'mongodb';\nconst users = new MongoClient(process.env.MONGODB_URI as string).db('app').collection('users');\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const user = await users.findOne({ email: req.body.email, password: req.body.password });\n  res.status(user ? 200 : 401).end();\n}\n",
      errors: [{ line: 5, column: 38, message: /req\.body\.email/ }],
    },
    { name: 'Layers: a controller hands body fields (and the whole body) to a service that filters on them (seen on real Express + Mongoose apps)', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', mongoose: '^8.8.0' } }),
      'src/models/user.js': "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('User', new mongoose.Schema({ email: String, password: String }));\n",
      'src/services/auth.service.js': "const User = require('../models/user');\nexports.login = async (email, password) => {\n  const user = await User.findOne({ email }).select('+password');\n  return user;\n};\nexports.findByFilter = async (data) => User.findOne({ email: data.email });\nexports.byName = async (name) => User.findOne({ name: String(name) });\n",
      'src/controllers/auth.controller.js': "const authService = require('../services/auth.service');\nexports.login = async (req, res) => {\n  const { email, password } = req.body;\n  res.json(await authService.login(email, password));\n};\nexports.lookup = async (req, res) => {\n  res.json(await authService.findByFilter(req.body));\n};\nexports.named = async (req, res) => {\n  res.json(await authService.byName(req.query.name));\n};\n",
    },
    errors: [
      { file: 'src/services/auth.service.js', line: 3, column: 37, message: /^`User\.findOne\(\)` gets `email`, which `authService\.login\(\)` \(src\/controllers\/auth\.controller\.js:4\) fills from the request body \(`email`\) without a type check: `\{ "email": \{ "\$ne": null \} \}` turns the value into a query operator/ },
      { file: 'src/services/auth.service.js', line: 6, column: 55, message: /^`User\.findOne\(\)` gets `data\.email`, which `authService\.findByFilter\(\)` \(src\/controllers\/auth\.controller\.js:7\) fills from the request body \(`req\.body`\)/ },
    ],
    output: { 'src/services/auth.service.js': "const User = require('../models/user');\nexports.login = async (email, password) => {\n  const user = await User.findOne({ email: String(email) }).select('+password');\n  return user;\n};\nexports.findByFilter = async (data) => User.findOne({ email: data.email });\nexports.byName = async (name) => User.findOne({ name: String(name) });\n" } },
    {
      name: 'the same controller with no validation on its route; a whole body as the filter is reported even behind field validators',
      files: { 'package.json': mongoPkg, 'src/routes/auth.ts': authRoutes("body('username').trim().not().isEmpty(), "), 'src/controllers/auth.ts': authController },
      errors: [{ file: 'src/controllers/auth.ts', line: 7, column: 28, message: /^`User\.find\(\)` gets the whole request body/ }],
    },
    {
      name: 'a field of the body in an imported handler whose route validates nothing',
      files: { 'package.json': mongoPkg, 'src/routes/auth.ts': authRoutes(''), 'src/controllers/auth.ts': authController.replace('  res.json(await User.find(req.body));\n', '  res.json([]);\n') },
      errors: [{ file: 'src/controllers/auth.ts', line: 3, column: 37, message: /^`User\.findOne\(\)` gets `req\.body\.username` from the request body without a type check/ }],
    },
    {
      name: 'a body property in findOne: String() fix',
      ...inApp(route("router.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email });\n  res.json({ id: user?.id });\n});\n")),
      errors: [{ file: 'src/routes/users.ts', line: 5, column: 37, message: '`User.findOne()` gets `req.body.email` from the request body without a type check: `{ "email": { "$ne": null } }` turns the value into a query operator that matches any document (a login bypass, a data dump). Coerce it (`String(x)`), validate the body (zod, joi, class-validator), or strip operators app-wide (express-mongo-sanitize, `mongoose.set(\'sanitizeFilter\', true)`).' }],
      output: { 'src/routes/users.ts': route("router.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: String(req.body.email) });\n  res.json({ id: user?.id });\n});\n") },
    },
    {
      name: 'destructured body, shorthand properties',
      ...inApp(route("router.post('/login', async (req, res) => {\n  const { email, password } = req.body;\n  const user = await User.findOne({ email, password });\n  res.json(user);\n});\n")),
      errors: [{ line: 6, column: 37, message: /^`User.findOne\(\)` gets `email` from the request body/ }],
      output: { 'src/routes/users.ts': route("router.post('/login', async (req, res) => {\n  const { email, password } = req.body;\n  const user = await User.findOne({ email: String(email), password: String(password) });\n  res.json(user);\n});\n") },
    },
    {
      name: 'the whole query string as the filter',
      ...inApp(route("router.get('/', async (req, res) => {\n  res.json(await Product.find(req.query).limit(50));\n});\n")),
      errors: [{ line: 5, column: 31, message: /^`Product.find\(\)` gets the whole request query \(`req.query`\) as its filter: the client chooses the fields and the operators \(`\?password\[\$ne\]=`/ }],
      output: null,
    },
    {
      name: 'spread of the query and $or of body values',
      ...inApp(route("router.get('/', async (req, res) => {\n  const items = await Item.find({ ...req.query, deleted: false });\n  const u = await User.findOne({ $or: [{ email: req.body.login }, { username: req.body.login }] });\n  res.json({ items, u });\n});\n")),
      errors: [{ line: 5, column: 35, message: /whole request query/ }, { line: 6, column: 42, message: /`req.body.login`/ }],
    },
    {
      name: 'native driver, no package.json: the file imports mongodb',
      code: "import { MongoClient } from 'mongodb';\nconst db = new MongoClient(process.env.MONGODB_URI!).db();\nexport async function reset(req, res) {\n  const user = await db.collection('users').findOne({ resetToken: req.query.token });\n  res.json(user);\n}\n",
      errors: [{ line: 4, column: 55, message: /^`db.collection\('users'\).findOne\(\)` gets `req.query.token` from the request query without a type check: `\?resetToken\[\$ne\]=`/ }],
      output: "import { MongoClient } from 'mongodb';\nconst db = new MongoClient(process.env.MONGODB_URI!).db();\nexport async function reset(req, res) {\n  const user = await db.collection('users').findOne({ resetToken: String(req.query.token) });\n  res.json(user);\n}\n",
    },
    {
      name: 'Next.js route handler with req.json()',
      files: { 'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0', mongoose: '^8.8.0' } }), 'app/api/login/route.ts': "import { User } from '@/models/user';\nexport async function POST(req: Request) {\n  const body = await req.json();\n  const user = await User.findOne({ email: body.email });\n  return Response.json({ ok: !!user });\n}\n" },
      errors: [{ line: 4, column: 37, message: /gets `body.email` from the request body/ }],
    },
    {
      name: 'Koa body and findById with a query value',
      ...inApp("import Router from '@koa/router';\nexport const router = new Router();\nrouter.post('/login', async (ctx) => {\n  ctx.body = await User.findOne({ username: ctx.request.body.username });\n});\nrouter.get('/user', async (ctx) => {\n  ctx.body = await User.findById(ctx.query.id);\n});\n"),
      errors: [{ line: 4, column: 35, message: /`ctx.request.body.username`/ }, { line: 7, column: 34, message: /^`User.findById\(\)` gets `ctx.query.id`.*`\?id\[\$ne\]=`/ }],
    },
    {
      name: "Nest @Body('email') primitive",
      ...inApp("import { Body, Controller, Post } from '@nestjs/common';\n@Controller('auth')\nexport class AuthController {\n  @Post('login')\n  login(@Body('email') email: string) {\n    return this.userModel.findOne({ email });\n  }\n}\n"),
      errors: [{ line: 6, column: 37 }],
    },
    {
      name: '$where built from the request',
      ...inApp(route("router.get('/search', async (req, res) => {\n  res.json(await User.find({ $where: `this.name == '${req.query.name}'` }));\n});\n")),
      errors: [{ line: 5, column: 30, message: /^`\$where` runs JavaScript on the database server, and this one is built from a non-constant value \(`req.query.name`\)/ }],
    },
    {
      name: 'a sanitizer in another package of the monorepo does not count',
      files: {
        'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*'] }),
        'apps/api/package.json': mongoPkg,
        'apps/api/src/routes.ts': "export const login = async (req, res) => res.json(await User.findOne({ email: req.body.email }));\n",
        'apps/admin/package.json': mongoPkg,
        'apps/admin/src/app.ts': "import mongoSanitize from 'express-mongo-sanitize';\napp.use(mongoSanitize());\n",
      },
      errors: [{ file: 'apps/api/src/routes.ts', line: 1, column: 72 }],
    },
    // gate edges (triggers): each file holds a single one of the rule's names and imports no Mongo library
    {
      name: 'gate: an id method on a model destructured from require',
      files: { 'package.json': mongoPkg, 'src/routes/sessions.js': "const { Session } = require('../models');\nmodule.exports = async (req, res) => {\n  await Session.findByIdAndDelete(req.body.sessionId);\n  res.sendStatus(204);\n};\n" },
      errors: [{ file: 'src/routes/sessions.js', line: 3, column: 35, message: /^`Session\.findByIdAndDelete\(\)` gets `req\.body\.sessionId` from the request body without a type check/ }],
      output: null,
    },
    {
      name: 'gate: $match in an aggregation, no other query method in the file',
      ...inApp("export const stats = (req: any) => Order.aggregate([{ $match: { status: req.query.status } }, { $group: { _id: '$customer', total: { $sum: '$amount' } } }]);\n"),
      errors: [{ line: 1, column: 65, message: /^`\$match` in this aggregation gets `req\.query\.status` from the request query without a type check/ }],
    },
    {
      name: "gate: a quoted '$where' key in a filter built for another module",
      ...inApp("export const byName = (req: any) => ({ '$where': `this.name == '${req.query.name}'` });\n"),
      errors: [{ line: 1, column: 40, message: /^`\$where` runs JavaScript on the database server, and this one is built from a non-constant value \(`req\.query\.name`\)/ }],
    },
    {
      name: 'gate: $where() called on a query passed in',
      ...inApp("export const olderThan = (q: any, age: string) => q.$where(`this.age > ${age}`);\n"),
      errors: [{ line: 1, column: 51, message: /^`\$where` runs JavaScript on the database server, and this one is built from a non-constant value \(`age`\)/ }],
    },
  ],
});
