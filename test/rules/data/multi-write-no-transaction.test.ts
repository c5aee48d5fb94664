import rule from '../../../rules/data/multi-write-no-transaction';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'TypeORM active records: two rows built and saved that do not refer to each other', code: "import { Address } from '../entities/address.entity';\nimport { Client } from '../entities/client.entity';\nexport async function seedish(email: string, street: string) {\n  const address = new Address(street);\n  await address.save();\n  let user: Client;\n  user = new Client(email);\n  await user.save();\n}\n" },
    // raw SQL (node-postgres): a BEGIN/COMMIT on one client, reads next to a write, and one write per function
    { name: 'raw SQL in BEGIN/COMMIT on one pooled client', code: "const pool = require('./db');\nexports.createOrder = async (userId, cartId) => {\n  const client = await pool.connect();\n  try {\n    await client.query('BEGIN');\n    const { rows } = await client.query('INSERT INTO orders(user_id) VALUES($1) RETURNING id', [userId]);\n    await client.query('INSERT INTO order_item(order_id, product_id) SELECT $1, product_id FROM cart_item WHERE cart_id = $2', [rows[0].id, cartId]);\n    await client.query('COMMIT');\n  } catch (e) {\n    await client.query('ROLLBACK');\n    throw e;\n  } finally {\n    client.release();\n  }\n};\n" },
    { name: 'raw SQL: a read then a write, and an unrelated query named like a write', code: "import { pool } from './db';\nexport async function rename(id: string, name: string) {\n  const { rows } = await pool.query('SELECT * FROM projects WHERE id = $1', [id]);\n  await pool.query('UPDATE projects SET name = $1 WHERE id = $2', [name, rows[0].id]);\n  await search.query('update', { index: 'projects' });\n}\n" },
    // Prisma
    "import { prisma } from './db';\nexport async function signup(email: string) {\n  return prisma.$transaction(async (tx) => {\n    const user = await tx.user.create({ data: { email } });\n    await tx.profile.create({ data: { userId: user.id } });\n    return user;\n  });\n}\n",
    { name: 'the array form of $transaction', code: "import { prisma } from './db';\nexport async function place(userId: string) {\n  await prisma.$transaction([\n    prisma.order.create({ data: { userId } }),\n    prisma.user.update({ where: { id: userId }, data: { credits: { decrement: 1 } } }),\n  ]);\n}\n" },
    { name: 'Prisma writes collected in an array (push, or an array const) and run by $transaction(ops) (seen on a real Fastify + Prisma app)', code: "import { db } from './db';\nexport async function updateDoctor(id: string, name?: string, crm?: string) {\n  const updates: any[] = [];\n  if (name) updates.push(db.user.update({ where: { id }, data: { name } }));\n  if (crm) updates.push(db.doctor.update({ where: { userId: id }, data: { crm } }));\n  if (updates.length > 0) await db.$transaction(updates);\n}\nexport async function swap(a: string, b: string) {\n  const ops = [db.slot.update({ where: { id: a }, data: { taken: false } }), db.slot.update({ where: { id: b }, data: { taken: true } })];\n  await db.$transaction([...ops]);\n}\n" },
    { name: 'a nested write is one statement', code: "import { prisma } from './db';\nexport async function signup(email: string, name: string) {\n  return prisma.user.create({ data: { email, profile: { create: { name } } } });\n}\n" },
    { name: 'an audit log (or event) written after the main write', code: "import { prisma } from './db';\nexport async function rename(id: string, name: string, actor: string) {\n  const project = await prisma.project.update({ where: { id }, data: { name } });\n  await prisma.auditLog.create({ data: { projectId: project.id, actor, action: 'rename' } });\n  await prisma.activityEvent.create({ data: { projectId: project.id } });\n  return project;\n}\n" },
    { name: 'independent writes', code: "import { prisma } from './db';\nexport async function setup(email: string, teamName: string) {\n  await prisma.user.create({ data: { email } });\n  await prisma.team.create({ data: { name: teamName } });\n}\n" },
    { name: 'a compensating write in catch', code: "import { prisma } from './db';\nexport async function signup(email: string) {\n  const user = await prisma.user.create({ data: { email } });\n  try {\n    await prisma.profile.create({ data: { userId: user.id } });\n  } catch (err) {\n    await prisma.user.delete({ where: { id: user.id } });\n    throw err;\n  }\n}\n" },
    { name: 'writes in different handlers', code: "import { Router } from 'express';\nimport { prisma } from '../db';\nconst r = Router();\nr.post('/users', async (req, res) => { const user = await prisma.user.create({ data: req.body }); res.json(user); });\nr.post('/profiles', async (req, res) => { res.json(await prisma.profile.create({ data: { userId: req.body.userId } })); });\n" },
    { name: 'reads then one write', code: "import { prisma } from './db';\nexport async function rename(id: string) {\n  const user = await prisma.user.findUnique({ where: { id } });\n  return prisma.user.update({ where: { id }, data: { name: user!.name.trim() } });\n}\n" },
    { name: 'a seed script', filename: 'prisma/seed.ts', code: "import { prisma } from '../src/db';\nasync function main() {\n  const user = await prisma.user.create({ data: { email: 'a@b.c' } });\n  await prisma.post.create({ data: { authorId: user.id } });\n}\nmain();\n" },
    // Sequelize, TypeORM, Mongoose, Drizzle, Knex
    { name: 'Sequelize managed transaction and { transaction } options', code: "import { sequelize, User, Profile } from './models';\nexport async function signup(email: string) {\n  await sequelize.transaction(async (t) => {\n    const user = await User.create({ email }, { transaction: t });\n    await Profile.create({ userId: user.id }, { transaction: t });\n  });\n}\nexport async function signup2(email: string) {\n  const t = await sequelize.transaction();\n  const user = await User.create({ email }, { transaction: t });\n  await Profile.create({ userId: user.id }, { transaction: t });\n  await t.commit();\n}\n" },
    { name: 'TypeORM dataSource.transaction', code: "import { AppDataSource } from './data-source';\nimport { User, Profile } from './entities';\nexport async function signup(email: string) {\n  await AppDataSource.transaction(async (manager) => {\n    const user = await manager.save(User, { email });\n    await manager.save(Profile, { user });\n  });\n}\n" },
    { name: 'NestJS @Transactional() method', code: "import { Transactional } from '@nestjs-cls/transactional';\nexport class UsersService {\n  @Transactional()\n  async signup(email: string) {\n    const user = await this.userRepository.save({ email });\n    await this.profileRepository.save({ userId: user.id });\n  }\n}\n" },
    { name: 'Mongoose withTransaction', code: "import mongoose from 'mongoose';\nimport { User } from './models/user';\nimport { Wallet } from './models/wallet';\nexport async function signup(email: string) {\n  const session = await mongoose.startSession();\n  await session.withTransaction(async () => {\n    const [user] = await User.create([{ email }], { session });\n    await Wallet.create([{ user: user._id }], { session });\n  });\n}\n" },
    { name: 'Drizzle db.transaction', code: "import { db } from './db';\nimport { orders, orderItems } from './db/schema';\nexport async function place() {\n  await db.transaction(async (tx) => {\n    const [o] = await tx.insert(orders).values({ total: '1.00' }).returning();\n    await tx.insert(orderItems).values({ orderId: o.id });\n  });\n}\n" },
    { name: 'a db(\'table\') call from a package that is not knex', code: "import db from 'some-kv';\nexport async function f() {\n  await db('a').insert({ x: 1 });\n  await db('a').update({ x: 2 });\n}\n" },
    { name: 'writes under sequential ifs on one value that can never both hold (a webhook by event type; seen on a real Next.js app)', code: "import { prisma } from './db';\nexport async function handle(event: { type: string; data: any }) {\n  if (event.type === 'checkout.session.completed') {\n    const user = await prisma.user.update({ where: { id: event.data.userId }, data: { plan: 'pro' } });\n  }\n  if (event.type === 'customer.subscription.deleted') {\n    await prisma.user.update({ where: { id: event.data.userId }, data: { plan: 'free' } });\n  }\n}\n" },
    { name: 'Knex transaction', code: "import knex from 'knex';\nconst db = knex({ client: 'pg' });\nexport async function place() {\n  await db.transaction(async (trx) => {\n    const [o] = await trx('orders').insert({ total: 1 }).returning('id');\n    await trx('order_items').insert({ order_id: o.id });\n  });\n}\n" },
    { name: 'writes in exclusive branches, or after the first one\'s branch returned', code: "import { prisma } from './db';\nexport async function upsertAccount(id: string | undefined, data: any) {\n  if (id) {\n    await prisma.account.update({ where: { id }, data });\n  } else {\n    await prisma.account.update({ where: { email: data.email }, data });\n  }\n}\nexport async function toggle(id: string, on: boolean) {\n  if (on) {\n    const row = await prisma.flag.update({ where: { id }, data: { on } });\n    return row;\n  }\n  await prisma.flag.update({ where: { id }, data: { on: false, offAt: new Date() } });\n}\nexport async function pick(kind: string, id: string) {\n  switch (kind) {\n    case 'a': await prisma.item.update({ where: { id }, data: { a: true } }); break;\n    default: await prisma.item.update({ where: { id }, data: { b: true } });\n  }\n}\n" },
    { name: 'supabase-js: one write per request, a Postgres function called by rpc, storage updates, and two unrelated inserts', code: "import { createClient } from '@supabase/supabase-js';\nconst supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);\nexport async function placeOrder(userId: string, items: Array<{ productId: string; qty: number }>) {\n  const { data, error } = await supabase.rpc('place_order', { p_user_id: userId, p_items: items });\n  if (error) throw error;\n  return data;\n}\nexport async function setAvatar(userId: string, file: Blob) {\n  await supabase.storage.from('avatars').update(`${userId}.png`, file);\n  const { error } = await supabase.from('profiles').update({ avatar_url: `${userId}.png` }).eq('id', userId);\n  if (error) throw error;\n}\nexport async function subscribe(email: string, topic: string) {\n  await supabase.from('newsletter').insert({ email });\n  await supabase.from('topics').upsert({ name: topic });\n}\n" },
    { name: 'Object.create and other non-ORM calls', code: "export function clone(a: any) {\n  const copy = Object.create(a);\n  const map = new Map();\n  map.delete(copy);\n  return Object.assign(copy, { x: 1 });\n}\n" },
  ],
  invalid: [
    {
      name: 'supabase-js through a client made by the app\'s factory (const admin = createAdminClient()): a user row, then its profile (seen on a real restaurant app)',
      code: "import { createAdminClient } from '@/lib/supabase/admin';\nexport async function createStaff(email: string, role: string) {\n  const admin = createAdminClient();\n  const { data: created, error } = await admin.from('users').insert({ email }).select().single();\n  if (error) throw error;\n  await admin.from('profiles').update({ role }).eq('id', created.id);\n}\n",
      errors: [{ line: 6, column: 9, message: /^`admin\.from\('profiles'\)\.update` uses `created`, the result of `admin\.from\('users'\)\.insert`/ }],
    },
    {
      name: 'TypeORM active records: an address saved, then a client built with it (into a let) and saved, outside a transaction (seen on a real NestJS app: a taken email left an orphan address)',
      code: "import { ConflictException } from '@nestjs/common';\nimport { EntityRepository, Repository } from 'typeorm';\nimport { Address } from '../entities/address.entity';\nimport { Client } from '../entities/client.entity';\n@EntityRepository(Client)\nexport class ClientRepository extends Repository<Client> {\n  async signUp(email: string, hash: string, street: string) {\n    const address: Address = new Address(street);\n    let user: Client | null;\n    try {\n      await address.save();\n      user = new Client(email, hash, address);\n      await user.save();\n    } catch (error) {\n      if (error.code === '23505') throw new ConflictException('Email already exists!');\n      throw error;\n    }\n    return user;\n  }\n}\n",
      errors: [{ line: 13, column: 13, message: "`user.save` uses `address`, the row written by `address.save`, but the two writes are not in a transaction: if the second fails (a constraint, a timeout, a deploy restarting the process), the first stays committed and the data is left half-written. Wrap them in `dataSource.transaction(async (manager) => { ... })` and make both writes through `manager`." }],
    },
    {
      name: 'supabase-js: an order, then its items using the order\'s id (seen on a real Express + Supabase app)',
      code: "import { supabase } from '../lib/supabase';\nexport async function createOrder(userId: string, items: Array<{ product_id: string; quantity: number }>) {\n  const { data: order, error } = await supabase.from('orders').insert({ user_id: userId, status: 'pending' }).select().single();\n  if (error) throw error;\n  const { error: itemsError } = await supabase\n    .from('order_items')\n    .insert(items.map((i) => ({ ...i, order_id: order.id })));\n  if (itemsError) throw itemsError;\n  return order;\n}\n",
      errors: [{ line: 5, column: 39, message: "`supabase.from('order_items').insert` uses `order`, the result of `supabase.from('orders').insert`, but the two writes are not in a transaction: if the second fails (a constraint, a timeout, a deploy restarting the process), the first stays committed and the data is left half-written. Wrap them in one Postgres function that makes both writes (a function runs in one transaction), called with `supabase.rpc('<function>', { ... })`: supabase-js sends each write as its own HTTP request and cannot wrap two of them in a transaction." }],
    },
    {
      name: 'supabase-js through a service field: a debit and a credit on the same table',
      code: "import { SupabaseClient } from '@supabase/supabase-js';\nexport class WalletService {\n  constructor(private readonly supabase: SupabaseClient) {}\n  async transfer(from: string, to: string, balanceFrom: number, balanceTo: number) {\n    await this.supabase.from('wallets').update({ balance: balanceFrom }).eq('id', from);\n    await this.supabase.from('wallets').update({ balance: balanceTo }).eq('id', to);\n  }\n}\n",
      errors: [{ line: 6, column: 11, message: /^`this\.supabase\.from\('wallets'\)\.update` updates the same model again after `this\.supabase\.from\('wallets'\)\.update`.*`this\.supabase\.rpc\('<function>', \{ \.\.\. \}\)`/ }],
    },
    { name: "Prisma: the second write uses a variable the first write's result was assigned to (seen on a real Fastify + Prisma app)", code: "import { db } from './db';\nexport async function createDoctor(userId: string | undefined, email: string, crm: string) {\n  let finalUserId = userId;\n  if (!userId) {\n    const newUser = await db.user.create({ data: { email } });\n    finalUserId = newUser.id;\n  }\n  await db.doctor.create({ data: { userId: finalUserId!, crm } });\n}\n",
      errors: [{ line: 8, column: 9, message: /^`db\.doctor\.create` uses `finalUserId`, the result of `db\.user\.create`, but the two writes are not in a transaction/ }] },
    { name: 'Prisma writes collected in an array but run by Promise.all, not $transaction', code: "import { db } from './db';\nexport async function updateDoctor(id: string, name: string, crm: string) {\n  const updates = [];\n  updates.push(db.user.update({ where: { id }, data: { name } }));\n  updates.push(db.doctor.update({ where: { userId: id }, data: { crm } }));\n  await Promise.all(updates);\n}\n",
      errors: [{ line: 5, column: 16, message: /not in a transaction/ }] },
    {
      name: 'raw SQL (node-postgres): an order and its items copied from the cart, the second using the first one\'s rows (seen on a real PERN app)',
      filename: 'server/db/orders.db.js',
      code: "const pool = require('../config');\nconst createOrderDb = async ({ cartId, userId, amount }) => {\n  const { rows: order } = await pool.query(\n    \"INSERT INTO orders(user_id, status, amount) VALUES($1, 'complete', $2) returning *\",\n    [userId, amount]\n  );\n  await pool.query(\n    `\n      INSERT INTO order_item(order_id, product_id, quantity)\n      SELECT $1, product_id, quantity from cart_item where cart_id = $2\n    `,\n    [order[0].order_id, cartId]\n  );\n  return order[0];\n};\nmodule.exports = { createOrderDb };\n",
      errors: [{ line: 7, column: 9, message: "`pool.query('INSERT INTO order_item ...')` uses `order`, the result of `pool.query('INSERT INTO orders ...')`, but the two writes are not in a transaction: if the second fails (a constraint, a timeout, a deploy restarting the process), the first stays committed and the data is left half-written. Wrap them in one transaction on one connection (`const client = await pool.connect()`, then `client.query('BEGIN')`, both writes through `client`, `COMMIT`, and `ROLLBACK` in the catch)." }],
    },
    {
      name: 'raw SQL (mysql2): the same table updated twice, a debit and a credit, with the statement in a const',
      code: "import { db } from './db';\nconst MOVE = 'UPDATE accounts SET balance = balance + ? WHERE id = ?';\nexport async function transfer(from: number, to: number, cents: number) {\n  await db.execute(MOVE, [-cents, from]);\n  await db.execute(MOVE, [cents, to]);\n}\n",
      errors: [{ line: 5, column: 9, message: /^`db\.execute\('UPDATE accounts \.\.\.'\)` updates the same model again after `db\.execute\('UPDATE accounts \.\.\.'\)`/ }],
    },
    {
      name: 'Prisma: the second write uses the first one\'s result',
      code: "import { prisma } from './db';\nexport async function signup(email: string) {\n  const user = await prisma.user.create({ data: { email } });\n  await prisma.profile.create({ data: { userId: user.id } });\n  return user;\n}\n",
      errors: [{ line: 4, column: 9, endColumn: 30, message: '`prisma.profile.create` uses `user`, the result of `prisma.user.create`, but the two writes are not in a transaction: if the second fails (a constraint, a timeout, a deploy restarting the process), the first stays committed and the data is left half-written. Wrap them in `prisma.$transaction(async (tx) => { ... })` and make both writes through `tx`.' }],
    },
    {
      name: 'Prisma: related rows (the order carries userId, the user is then updated by that id)',
      code: "import { prisma } from '../lib/prisma';\nexport async function checkout(userId: string, total: number) {\n  await prisma.order.create({ data: { userId, total } });\n  await prisma.user.update({ where: { id: userId }, data: { credits: { decrement: total } } });\n}\n",
      errors: [{ line: 4, column: 9, message: /^`prisma.user.update` writes a row related by `userId` to the one written by `prisma.order.create`/ }],
    },
    {
      name: 'Prisma: a transfer between two accounts (one finding per function)',
      code: "import { prisma } from './db';\nexport async function transfer(from: string, to: string, amount: number) {\n  await prisma.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });\n  await prisma.account.update({ where: { id: to }, data: { balance: { increment: amount } } });\n  await prisma.account.update({ where: { id: to }, data: { updatedAt: new Date() } });\n}\n",
      errors: [{ line: 4, column: 9, message: /^`prisma.account.update` updates the same model again after `prisma.account.update`/ }],
    },
    {
      name: 'Prisma in an Express handler, items written in a map() callback',
      code: "import { Router } from 'express';\nimport { prisma } from '../db';\nexport const orders = Router();\norders.post('/', async (req, res) => {\n  const order = await prisma.order.create({ data: { userId: req.user.id } });\n  await Promise.all(req.body.items.map((i: any) => prisma.orderItem.create({ data: { orderId: order.id, sku: i.sku } })));\n  res.status(201).json(order);\n});\n",
      errors: [{ line: 6, column: 52, message: /^`prisma.orderItem.create` uses `order`, the result of `prisma.order.create`/ }],
    },
    {
      name: 'NestJS service with this.prisma',
      code: "export class TeamsService {\n  constructor(private readonly prisma: PrismaService) {}\n  async create(ownerId: string, name: string) {\n    const team = await this.prisma.team.create({ data: { name } });\n    await this.prisma.membership.create({ data: { teamId: team.id, userId: ownerId, role: 'owner' } });\n    return team;\n  }\n}\n",
      errors: [{ line: 5, column: 11, message: /^`this.prisma.membership.create` uses `team`.*Wrap them in `this.prisma.\$transaction/ }],
    },
    {
      name: 'Sequelize models imported from the app',
      code: "import { User, Profile } from '../models';\nexport async function signup(email: string) {\n  const user = await User.create({ email });\n  await Profile.create({ UserId: user.id });\n}\n",
      errors: [{ line: 4, column: 9, message: /^`Profile.create` uses `user`, the result of `User.create`, .*Wrap them in one transaction/ }],
    },
    {
      name: 'Mongoose: a document changed and saved after another write',
      code: "import mongoose from 'mongoose';\nimport { Order } from './models/order';\nimport { User } from './models/user';\nexport async function place(userId: string) {\n  const order = await Order.create({ user: userId, total: 10 });\n  const user = await User.findById(userId);\n  user!.orders.push(order._id);\n  await user!.save();\n}\n",
      errors: [{ line: 8, column: 9, message: /^`user.save` uses `order`, the result of `Order.create`.*`session.withTransaction/ }],
    },
    {
      name: 'TypeORM repositories',
      code: "export class UsersService {\n  async signup(email: string) {\n    const user = await this.usersRepository.save({ email });\n    await this.profilesRepository.save({ user });\n  }\n}\n",
      errors: [{ line: 4, column: 11, message: /^`this.profilesRepository.save` uses `user`.*`dataSource.transaction/ }],
    },
    {
      name: 'Drizzle insert ... returning',
      code: "import { db } from '@/db';\nimport { orders, orderItems } from '@/db/schema';\nexport async function place(sku: string) {\n  const [o] = await db.insert(orders).values({ total: '1.00' }).returning();\n  await db.insert(orderItems).values({ orderId: o.id, sku });\n}\n",
      errors: [{ line: 5, column: 9, message: /^`db.insert\(orderItems\)` uses `o`, the result of `db.insert\(orders\)`.*`db.transaction/ }],
    },
    {
      // seen on a real NestJS + Drizzle app (its transaction commented out)
      name: 'Drizzle tables of a namespace import (db.insert(schema.orders))',
      code: "import { db } from '@/db';\nimport * as schema from '@/db/schema';\nexport async function place(sku: string) {\n  const [o] = await db.insert(schema.orders).values({ total: '1.00' }).returning();\n  await db.insert(schema.orderItems).values({ orderId: o.id, sku });\n}\n",
      errors: [{ line: 5, column: 9, message: /^`db.insert\(schema.orderItems\)` uses `o`, the result of `db.insert\(schema.orders\)`/ }],
    },
    {
      name: 'Knex',
      code: "import knex from 'knex';\nconst db = knex({ client: 'pg' });\nexport async function place() {\n  const [o] = await db('orders').insert({ total: 1 }).returning('id');\n  await db('order_items').insert({ order_id: o.id });\n}\n",
      errors: [{ line: 5, column: 9, message: /^`db\('order_items'\).insert` uses `o`/ }],
    },
    {
      name: 'Knex through the app\'s own db module (a local knex instance; seen on a real Koa app)',
      filename: 'src/controllers/articles-controller.js',
      code: "const db = require('../lib/db');\nmodule.exports = {\n  async favorite(ctx) {\n    await db('favorites').insert({ user: ctx.state.user.id, article: ctx.params.id });\n    await db('articles').increment('favorites_count', 1).where({ id: ctx.params.id });\n  },\n};\n",
      errors: [{ line: 5, column: 11, message: /^`db\('articles'\).increment` writes a row related by/ }],
    },
  ],
});
