/** The shared route map: per-file route facts joined across files, for every supported framework. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { Workspace } from '../../server/engine/workspace';
import type { RouteInfo } from '../../server/engine/facts/routes';
import { matcherRegExp, nextRoutePath } from '../../server/engine/facts/routeMap';
import { fastifyCliEntry } from '../../server/engine/facts/routeKinds';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });

function routes(files: Record<string, string>): RouteInfo[] {
  const ws = new Workspace({ rules: [] });
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  return ws.facts().routes;
}

/** `METHOD /path` -> route (asserting it is there exactly once). */
function route(rs: RouteInfo[], key: string): RouteInfo {
  const hits = rs.filter((r) => `${r.method} ${r.path}` === key);
  assert.equal(hits.length, 1, `${key}: expected one route, have:\n${rs.map((r) => `${r.method} ${r.path}`).join('\n')}`);
  return hits[0];
}
const keys = (rs: RouteInfo[]) => rs.map((r) => `${r.method} ${r.path}`).sort();
const line = (r: { range: { start: { line: number } } }) => r.range.start.line + 1;

describe('route map: Express', () => {
  const authLib = "import jwt from 'jsonwebtoken';\nexport function requireUser(req, res, next) {\n  const t = req.headers.authorization;\n  if (!t) return res.status(401).json({ error: 'no' });\n  req.user = jwt.verify(t, process.env.SECRET!);\n  next();\n}\nexport const requireAdmin = (req, res, next) => (req.user?.role === 'admin' ? next() : res.sendStatus(403));\n";

  it('mounts imported routers under prefixes with the mount middleware, across files (ESM)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/server.ts': "import express from 'express';\nimport { requireUser } from './lib/auth';\nimport { projectsRouter } from './routes/projects';\nimport adminRouter from './routes/admin';\nconst app = express();\napp.use(express.json());\napp.use('/projects', requireUser, projectsRouter);\napp.use('/admin', adminRouter);\napp.listen(3000);\n",
      'src/lib/auth.ts': authLib,
      'src/routes/projects.ts': "import { Router } from 'express';\nimport { prisma } from '../lib/db';\nexport const projectsRouter = Router();\nprojectsRouter.get('/', async (req, res) => res.json(await prisma.project.findMany()));\nprojectsRouter.post('/:id/archive', async (req, res) => {\n  await prisma.project.update({ where: { id: req.params.id }, data: { archived: true } });\n  res.sendStatus(204);\n});\n",
      'src/routes/admin.ts': "import express from 'express';\nconst router = express.Router();\nrouter.delete('/users/:id', async (req, res) => { await db.user.delete({ where: { id: req.params.id } }); res.end(); });\nexport default router;\n",
    });
    assert.deepEqual(keys(rs), ['DELETE /admin/users/:id', 'GET /projects', 'POST /projects/:id/archive']);
    const archive = route(rs, 'POST /projects/:id/archive');
    assert.equal(archive.framework, 'express');
    assert.equal(archive.file, 'src/routes/projects.ts');
    assert.equal(line(archive), 5);
    assert.equal(archive.authGuarded, true);
    assert.deepEqual(archive.authBy, ['requireUser']);
    assert.deepEqual(archive.middleware, ['express.json()', 'requireUser']);
    assert.equal(archive.readsInput, true);
    assert.equal(archive.writesData, true);
    assert.equal(archive.opaque, false);
    assert.equal(archive.handler?.file, 'src/routes/projects.ts');
    const del = route(rs, 'DELETE /admin/users/:id');
    assert.equal(del.authGuarded, false);
    assert.equal(del.writesData, true);
    assert.equal(del.opaque, false);
    assert.equal(route(rs, 'GET /projects').writesData, false);
  });

  it('CommonJS: a routes module the app is handed (`const routes = require(\'./routes\'); routes(app)`) mounts under the app, and handlers added member by member to an object (`ctrl = {}; ctrl.get = ...`) are read (seen on a real Express + Sequelize API)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/app.js': "const express = require('express');\nconst app = express();\napp.use(express.json());\nconst routes = require('./routes');\nroutes(app);\napp.listen(4000);\n",
      'src/routes/index.js': "const users = require('./users');\nmodule.exports = app => {\n  app.use('/users', users);\n};\n",
      'src/routes/users.js': "const router = require('express').Router();\nconst ctrl = require('../controllers/users');\nrouter.get('/', ctrl.list);\nrouter.put('/:id', ctrl.update);\nmodule.exports = router;\n",
      'src/controllers/users.js': "const { User } = require('../models');\nusersController = {};\nusersController.list = async (req, res) => res.json(await User.findAll());\nusersController.update = async (req, res) => {\n  await User.update({ name: req.body.name }, { where: { id: req.params.id } });\n  res.end();\n};\nmodule.exports = usersController;\n",
    });
    assert.deepEqual(keys(rs), ['GET /users', 'PUT /users/:id']);
    const put = route(rs, 'PUT /users/:id');
    assert.equal(put.app, 'src/app.js#app');
    assert.deepEqual(put.middleware, ['express.json()']);
    assert.equal(put.opaque, false);
    assert.equal(put.handler?.file, 'src/controllers/users.js');
    assert.equal(put.readsInput, true);
    assert.equal(put.writesData, true);
    assert.equal(route(rs, 'GET /users').writesData, false);
  });

  it('`app.use(routes)`: a lone argument named like a path is the router mounted at the root, not a path (seen on a real Express + Mongoose shop)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'server.js': "const express = require('express');\nconst routes = require('./routes/index');\nconst app = express();\napp.use(express.json());\napp.use(routes);\napp.listen(3000);\n",
      'routes/index.js': "const express = require('express');\nconst router = express.Router();\nrouter.post('/login', (req, res) => res.json({ ok: req.body.username }));\nmodule.exports = router;\n",
    });
    const login = route(rs, 'POST /login');
    assert.equal(login.opaque, false);
    assert.equal(login.app, 'server.js#app');
    assert.deepEqual(login.middleware, ['express.json()']);
  });

  it('raw SQL built by appending to a let keeps its verb: the handler writes (seen on a real Express + pg CRM); a let assigned anew does not count', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', pg: '^8' }),
      'app.js': "const express = require('express');\nconst pool = require('./db');\nconst app = express();\napp.put('/users/:id', async (req, res) => {\n  const { username, email } = req.body;\n  let updateQuery = 'UPDATE users SET username = $1 ,email = $2 ';\n  const values = [username, email];\n  updateQuery += ' WHERE id = $3';\n  values.push(req.params.id);\n  await pool.query(updateQuery, values);\n  res.end();\n});\napp.get('/report', async (req, res) => {\n  let sql = 'DELETE FROM drafts';\n  sql = 'SELECT * FROM reports';\n  res.json((await pool.query(sql)).rows);\n});\nmodule.exports = app;\n",
    });
    assert.equal(route(rs, 'PUT /users/:id').writesData, true);
    assert.equal(route(rs, 'GET /report').writesData, false);
  });

  it('CommonJS: require()d routers, module.exports, nested mounting and a barrel', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'app.js': "const express = require('express');\nconst { requireUser } = require('./middleware/auth');\nconst app = express();\napp.use('/api', requireUser, require('./routes'));\nmodule.exports = app;\n",
      'middleware/auth.js': authLib.replace('import jwt from \'jsonwebtoken\';', "const jwt = require('jsonwebtoken');").replace(/export function requireUser/, 'function requireUser').replace(/export const requireAdmin/, 'const requireAdmin') + 'module.exports = { requireUser, requireAdmin };\n',
      'routes/index.js': "const router = require('express').Router();\nconst users = require('./users');\nrouter.use('/users', users);\nmodule.exports = router;\n",
      'routes/users.js': "const express = require('express');\nconst router = express.Router();\nrouter.put('/:id', (req, res) => { User.findByIdAndUpdate(req.params.id, req.body); res.end(); });\nmodule.exports = router;\n",
    });
    const put = route(rs, 'PUT /api/users/:id');
    assert.equal(put.authGuarded, true);
    assert.equal(put.writesData, true);
    assert.equal(put.readsInput, true);
    assert.equal(put.file, 'routes/users.js');
  });

  it('CommonJS: handlers that are static methods of a class exported whole (seen on a real Express + Sequelize app)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^5' }),
      'src/app.js': "const express = require('express');\nconst users = require('./routes/users.routes');\nconst app = express();\napp.use('/api/users', users);\napp.listen(3000);\n",
      'src/routes/users.routes.js': "const { Router } = require('express');\nconst UserController = require('../controllers/user.controller');\nconst router = Router();\nrouter.get('/', UserController.list);\nrouter.delete('/:id', UserController.remove);\nmodule.exports = router;\n",
      'src/controllers/user.controller.js': "const { User } = require('../models');\nclass UserController {\n  static async list(req, res) { res.json(await User.findAll()); }\n  static async remove(req, res) {\n    await User.destroy({ where: { id: req.params.id } });\n    res.sendStatus(204);\n  }\n}\nmodule.exports = UserController;\n",
    });
    const del = route(rs, 'DELETE /api/users/:id');
    assert.equal(del.opaque, false);
    assert.equal(del.writesData, true);
    assert.deepEqual(del.handler && { file: del.handler.file, line: line(del.handler) }, { file: 'src/controllers/user.controller.js', line: 4 });
    assert.equal(route(rs, 'GET /api/users').writesData, false);
  });

  it('a 403 answering a bad token (after jwt.verify) is a login check, not a role check; a 403 elsewhere still is', () => {
    const mw = (body: string) => `const jwt = require('jsonwebtoken');\nfunction verifyAccessToken(req, res, next) {\n${body}\n}\nfunction isOwner(req, res, next) {\n  if (req.params.id !== res.locals.user.id) return res.status(403).json({ error: 'Forbidden' });\n  next();\n}\nmodule.exports = { verifyAccessToken, isOwner };\n`;
    const files = (body: string) => ({
      'package.json': pkg({ express: '^4' }),
      'src/auth.js': mw(body),
      'src/app.js': "const express = require('express');\nconst { verifyAccessToken, isOwner } = require('./auth');\nconst app = express();\napp.put('/users/:id', verifyAccessToken, (req, res) => res.end());\napp.delete('/users/:id', verifyAccessToken, isOwner, (req, res) => res.end());\n",
    });
    const bad = routes(files("  try {\n    res.locals.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET);\n    next();\n  } catch ({ message }) {\n    res.status(403).json({ message });\n  }"));
    assert.equal(route(bad, 'PUT /users/:id').authGuarded, true);
    assert.equal(route(bad, 'PUT /users/:id').roleChecked, false);
    assert.equal(route(bad, 'DELETE /users/:id').roleChecked, true);
    // the same middleware also checking the token's role claim is a role check
    const admin = routes(files("  const user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET);\n  if (user.role !== 'admin') return res.status(403).end();\n  next();"));
    assert.equal(route(admin, 'PUT /users/:id').roleChecked, true);
  });

  it('app-level middleware applies only to what is registered after it; path-scoped use() to its prefix', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/app.ts': "import express from 'express';\nimport { requireUser, requireAdmin } from './auth';\nconst app = express();\napp.post('/login', (req, res) => res.end());\napp.use('/admin', requireAdmin);\napp.use(requireUser);\napp.post('/notes', (req, res) => res.end());\napp.get('/admin/stats', (req, res) => res.end());\napp.get('/public/feed', (req, res) => res.end());\n",
      'src/auth.ts': authLib,
    });
    assert.equal(route(rs, 'POST /login').authGuarded, false);
    assert.equal(route(rs, 'POST /notes').authGuarded, true);
    assert.equal(route(rs, 'POST /notes').roleChecked, false);
    const stats = route(rs, 'GET /admin/stats');
    assert.equal(stats.roleChecked, true);
    assert.deepEqual(stats.roleBy, ['requireAdmin']);
    assert.deepEqual(route(rs, 'GET /public/feed').middleware, ['requireUser']);
  });

  it('router.route() chains, inline middleware arrays, spreads of constants and of unknown lists', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/items.ts': "import { Router } from 'express';\nimport { requireUser } from './auth';\nimport { extra } from 'some-lib';\nexport const router = Router();\nconst guards = [requireUser];\nrouter.route('/items/:id').get((req, res) => res.end()).delete(requireUser, (req, res) => res.end());\nrouter.patch('/items/:id', [requireUser], (req, res) => res.end());\nrouter.post('/items', ...guards, (req, res) => res.end());\nexport function mount(mws: any[]) { router.put('/items/:id', ...mws, (req, res) => res.end()); }\n",
      'src/auth.ts': authLib,
      'src/server.ts': "import express from 'express';\nimport { router } from './items';\nconst app = express();\napp.use(router);\n",
    });
    assert.equal(route(rs, 'GET /items/:id').authGuarded, false);
    assert.equal(route(rs, 'DELETE /items/:id').authGuarded, true);
    assert.equal(route(rs, 'PATCH /items/:id').authGuarded, true);
    assert.equal(route(rs, 'POST /items').authGuarded, true);
    const put = route(rs, 'PUT /items/:id');
    assert.equal(put.authGuarded, false);
    assert.equal(put.opaque, true);
  });

  it('renamed imports and middleware recognised by what it does, not its name', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/guard.ts': "import { verify } from 'jsonwebtoken';\nexport default function check(req, res, next) {\n  try { req.user = verify(req.cookies.t, process.env.S!); next(); } catch { res.status(401).end(); }\n}\n",
      'src/server.ts': "import { Router as R } from 'express';\nimport gate from './guard';\nconst r = R();\nr.post('/orders', gate, (req, res) => res.end());\nexport default r;\n",
      'src/index.ts': "import express from 'express';\nimport orders from './server';\nexpress().use('/v1', orders);\n",
    });
    const o = route(rs, 'POST /v1/orders');
    assert.equal(o.authGuarded, true);
    assert.deepEqual(o.authBy, ['gate']);
  });

  it('router factories, registerRoutes(app) across files, and an app exported to another file', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/app.ts': "import express from 'express';\nimport passport from 'passport';\nimport { createUsersRouter } from './users';\nimport { registerBilling } from './billing';\nexport const app = express();\napp.use(passport.authenticate('jwt', { session: false }));\napp.use('/users', createUsersRouter({}));\nregisterBilling(app);\n",
      'src/users.ts': "import { Router } from 'express';\nexport function createUsersRouter(deps: object) {\n  const router = Router();\n  router.post('/', (req, res) => res.end());\n  return router;\n}\n",
      'src/billing.ts': "import type { Express } from 'express';\nexport function registerBilling(app: Express) {\n  app.post('/billing/portal', (req, res) => res.end());\n}\n",
      'src/extra.ts': "import { app } from './app';\napp.delete('/cache', (req, res) => res.end());\n",
    });
    const users = route(rs, 'POST /users');
    assert.equal(users.authGuarded, true);
    assert.deepEqual(users.authBy, ["passport.authenticate('jwt')"]);
    assert.equal(users.opaque, false);
    assert.equal(route(rs, 'POST /billing/portal').authGuarded, true);
    assert.equal(route(rs, 'POST /billing/portal').opaque, false);
    assert.equal(route(rs, 'DELETE /cache').authGuarded, true);
  });

  it('the app handed through a default-exported function to route modules (routes(app) -> auth(app) -> app.post)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/app.js': "import express from 'express';\nimport helmet from 'helmet';\nimport routes from './routes';\nconst app = express();\napp.use(helmet());\nroutes(app);\napp.listen(3000);\n",
      'src/routes/index.js': "import auth from './api/auth';\nimport posts from './api/posts';\n\nexport default app => {\n  auth(app);\n  posts(app);\n};\n",
      'src/routes/api/auth.js': "import { login } from '../../controllers/auth';\nexport default (app) => {\n  app.post('/login', login);\n};\n",
      'src/routes/api/posts.js': "module.exports = function (app) {\n  app.put('/posts/:id', (req, res) => res.json(req.body));\n};\n",
      'src/controllers/auth.js': "export async function login(req, res) { res.json({ ok: true }); }\n",
    });
    assert.deepEqual(keys(rs), ['POST /login', 'PUT /posts/:id']);
    for (const r of rs) {
      assert.equal(r.opaque, false, `${r.method} ${r.path}`);
      assert.deepEqual(r.middleware.slice(0, 1), ['helmet()'], 'the app-level middleware reaches it');
    }
  });

  it('a class-based app with this.app and this.router', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/app.ts': "import express from 'express';\nimport { requireUser } from './auth';\nimport { postsRouter } from './posts';\nclass App {\n  public app = express();\n  constructor() {\n    this.app.use(express.json());\n    this.app.use('/posts', requireUser, postsRouter);\n  }\n}\nexport default new App().app;\n",
      'src/auth.ts': authLib,
      'src/posts.ts': "import { Router } from 'express';\nexport const postsRouter = Router();\npostsRouter.post('/', (req, res) => res.end());\n",
    });
    assert.equal(route(rs, 'POST /posts').authGuarded, true);
  });

  it('well-known packages: express-jwt, rate limits, CSRF, validators', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/app.ts': [
        "import express from 'express';",
        "import { expressjwt } from 'express-jwt';",
        "import rateLimit from 'express-rate-limit';",
        "import csrf from 'csurf';",
        "import { body, validationResult } from 'express-validator';",
        "import { celebrate, Joi } from 'celebrate';",
        'const app = express();',
        "const limiter = rateLimit({ windowMs: 60000, limit: 5 });",
        "app.post('/login', limiter, body('email').isEmail(), (req, res) => { validationResult(req); res.end(); });",
        "app.use(expressjwt({ secret: process.env.S!, algorithms: ['HS256'] }));",
        'app.use(csrf());',
        "app.post('/notes', celebrate({ body: Joi.object({ text: Joi.string() }) }), (req, res) => res.end());",
        '',
      ].join('\n'),
    });
    const login = route(rs, 'POST /login');
    assert.equal(login.rateLimited, true);
    assert.equal(login.validated, true);
    assert.equal(login.authGuarded, false);
    assert.equal(login.hasCsrf, false);
    const notes = route(rs, 'POST /notes');
    assert.equal(notes.authGuarded, true);
    assert.equal(notes.hasCsrf, true);
    assert.equal(notes.validated, true);
    assert.equal(notes.rateLimited, false);
  });

  it('handlers in controller files, and the services they call (writes followed two files away)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/routes.ts': "import { Router } from 'express';\nimport * as users from './controllers/users';\nimport { postsController } from './controllers/posts';\nexport const router = Router();\nrouter.post('/users', users.create);\nrouter.get('/users', users.list);\nrouter.delete('/posts/:id', postsController.remove);\n",
      'src/controllers/users.ts': "import { z } from 'zod';\nimport { createUser } from '../services/users';\nconst Body = z.object({ email: z.string().email() });\nexport async function create(req, res) {\n  const data = Body.parse(req.body);\n  res.json(await createUser(data));\n}\nexport async function list(req, res) { res.json([]); }\n",
      'src/services/users.ts': "import { prisma } from '../db';\nexport function createUser(data: { email: string }) {\n  return prisma.user.create({ data });\n}\n",
      'src/controllers/posts.ts': "import { Request, Response } from 'express';\nclass PostsController {\n  async remove(req: Request, res: Response) {\n    if (req.user.role !== 'admin') return res.sendStatus(403);\n    await this.repo.delete(req.params.id);\n    res.end();\n  }\n}\nexport const postsController = new PostsController();\n",
    });
    const create = route(rs, 'POST /users');
    assert.equal(create.writesData, true);
    assert.equal(create.validated, true);
    assert.equal(create.readsInput, true);
    assert.equal(create.handler?.file, 'src/controllers/users.ts');
    assert.equal(create.handler?.range.start.line, 3);
    assert.equal(create.opaque, true, 'the router is never mounted');
    assert.equal(route(rs, 'GET /users').writesData, false);
    const remove = route(rs, 'DELETE /posts/:id');
    assert.equal(remove.roleChecked, true);
    assert.equal(remove.writesData, true);
  });

  it('a service module exporting an instance (module.exports = new OrderService()) is followed into its methods and their writes (seen on a real PERN app)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', pg: '^8' }),
      'src/server.js': "const express = require('express');\nconst orderService = require('./services/order.service');\nconst app = express();\napp.post('/orders', async (req, res) => res.status(201).json(await orderService.createOrder(req.body)));\napp.get('/orders', async (req, res) => res.json(await orderService.list(req.user.id)));\napp.listen(3000);\n",
      'src/services/order.service.js': "const { createOrderDb } = require('../db/orders.db');\nclass OrderService {\n  createOrder = async (data) => createOrderDb(data);\n  async list(userId) { return []; }\n}\nmodule.exports = new OrderService();\n",
      'src/db/orders.db.js': "const pool = require('./pool');\nconst createOrderDb = async ({ userId }) => (await pool.query('INSERT INTO orders(user_id) VALUES($1) returning *', [userId])).rows[0];\nmodule.exports = { createOrderDb };\n",
    });
    assert.equal(route(rs, 'POST /orders').writesData, true);
    assert.equal(route(rs, 'GET /orders').writesData, false);
  });

  it('a role flag in the case a schema gives it (req.user.Admin) is a role check (seen on a real Express + Mongoose app)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/server.js': "const express = require('express');\nconst app = express();\napp.get('/adminpanel', isLoggedIn, async (req, res) => {\n  if (req.user.Admin == true) {\n    res.render('admin', { teams: await Team.find() });\n  } else res.redirect('/userpanel');\n});\napp.listen(3000);\n",
    });
    assert.equal(route(rs, 'GET /adminpanel').roleChecked, true);
  });

  it('a redirect to /login is a check only on a branch, and not in a sign-in answering wrong credentials (seen on a real Express + EJS app)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', bcryptjs: '^2' }),
      'src/server.js': "const express = require('express');\nconst bcrypt = require('bcryptjs');\nconst app = express();\napp.post('/user/create', async (req, res) => {\n  await User.create({ name: req.body.name });\n  res.redirect('/login');\n});\napp.post('/user/login', async (req, res) => {\n  const user = await User.findOne({ name: req.body.name });\n  if (!user || !(await bcrypt.compare(req.body.password, user.password))) return res.redirect('/login');\n  res.cookie('token', sign(user)).redirect('/');\n});\napp.post('/notes', async (req, res) => {\n  if (!req.session.userId) return res.redirect('/login');\n  await Note.create({ text: req.body.text });\n  res.redirect('/notes');\n});\napp.listen(3000);\n",
    });
    assert.equal(route(rs, 'POST /user/create').authGuarded, false, 'a redirect that always happens is navigation');
    assert.equal(route(rs, 'POST /user/login').authGuarded, false, 'a sign-in turning wrong credentials back checks no caller');
    assert.equal(route(rs, 'POST /notes').authGuarded, true);
  });

  it("a controller aliased in the router file (`const ctrl = bookController`) is followed like the import (seen on a real Express + TypeORM app)", () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/server.ts': "import express from 'express';\nimport { router } from './books.routes';\nconst app = express();\napp.use('/api/books', router);\napp.listen(3000);\n",
      'src/books.routes.ts': "import express from 'express';\nimport { bookController } from './bookController';\nexport const router = express.Router();\nconst ctrl = bookController;\nrouter.get('/', ctrl.getAll);\nrouter.post('/', ctrl.create);\n",
      'src/bookController.ts': "export const bookController = {\n  async getAll(req, res) { res.json(await Book.find()); },\n  async create(req, res) {\n    const book = Book.create({ title: req.body.title });\n    await book.save();\n    res.status(201).json(book);\n  },\n};\n",
    });
    const create = route(rs, 'POST /api/books');
    assert.equal(create.opaque, false);
    assert.equal(create.handler?.file, 'src/bookController.ts');
    assert.equal(create.readsInput, true);
    assert.equal(route(rs, 'GET /api/books').opaque, false);
  });

  it('a router that is never mounted, and a handler from an unresolvable module, are opaque', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/orphan.ts': "import { Router } from 'express';\nimport { handler } from '@acme/handlers';\nexport const r = Router();\nr.post('/x', (req, res) => res.end());\n",
      'src/app.ts': "import express from 'express';\nimport { handler } from '@acme/handlers';\nconst app = express();\napp.post('/y', handler);\napp.post('/z', (req, res) => res.end());\n",
    });
    assert.equal(route(rs, 'POST /x').opaque, true);
    assert.equal(route(rs, 'POST /y').opaque, true);
    assert.equal(route(rs, 'POST /z').opaque, false);
  });

  it('controllers calling services through CommonJS barrels (module.exports.x = require()), wrapped in catchAsync', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', mongoose: '^7' }),
      'src/app.js': "const express = require('express');\nconst routes = require('./routes/v1');\nconst app = express();\napp.use('/v1', routes);\nmodule.exports = app;\n",
      'src/routes/v1/index.js': "const express = require('express');\nconst userRoute = require('./user.route');\nconst router = express.Router();\nrouter.use('/users', userRoute);\nmodule.exports = router;\n",
      'src/routes/v1/user.route.js': "const express = require('express');\nconst auth = require('../../middlewares/auth');\nconst validate = require('../../middlewares/validate');\nconst userValidation = require('../../validations/user.validation');\nconst userController = require('../../controllers/user.controller');\nconst router = express.Router();\nrouter.route('/').post(auth('manageUsers'), validate(userValidation.createUser), userController.createUser);\nrouter.route('/:userId').delete(userController.deleteUser);\nmodule.exports = router;\n",
      'src/middlewares/auth.js': "const passport = require('passport');\nconst auth = (...rights) => async (req, res, next) => new Promise((resolve, reject) => {\n  passport.authenticate('jwt', { session: false }, (err, user) => (user ? resolve() : reject(new ApiError(httpStatus.UNAUTHORIZED, 'Please authenticate'))))(req, res, next);\n}).then(() => next());\nmodule.exports = auth;\n",
      'src/middlewares/validate.js': "const Joi = require('joi');\nconst validate = (schema) => (req, res, next) => { const { error } = Joi.compile(schema).validate(req.body); return error ? next(error) : next(); };\nmodule.exports = validate;\n",
      'src/controllers/user.controller.js': "const catchAsync = require('../utils/catchAsync');\nconst { userService } = require('../services');\nconst createUser = catchAsync(async (req, res) => { res.status(201).send(await userService.createUser(req.body)); });\nconst deleteUser = catchAsync(async (req, res) => { await userService.deleteUserById(req.params.userId); res.status(204).send(); });\nmodule.exports = { createUser, deleteUser };\n",
      'src/services/index.js': "module.exports.userService = require('./user.service');\n",
      'src/services/user.service.js': "const { User } = require('../models');\nconst createUser = async (body) => User.create(body);\nconst deleteUserById = async (id) => { const user = await User.findById(id); await user.remove(); return user; };\nmodule.exports = { createUser, deleteUserById };\n",
    });
    const create = route(rs, 'POST /v1/users');
    assert.equal(create.authGuarded, true);
    assert.deepEqual(create.authBy, ["auth('manageUsers')"]);
    assert.equal(create.validated, true);
    assert.equal(create.writesData, true);
    const del = route(rs, 'DELETE /v1/users/:userId');
    assert.equal(del.authGuarded, false);
    assert.equal(del.writesData, true);
    assert.equal(del.handler?.file, 'src/controllers/user.controller.js');
  });

  it('sign-in and sign-up handlers are marked as auth flows whatever their path', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/app.ts': "import express from 'express';\nimport bcrypt from 'bcryptjs';\nimport { issueToken } from './tokens';\nconst app = express();\napp.post('/users', async (req, res) => { const hash = await bcrypt.hash(req.body.password, 12); res.json(await db.user.create({ data: { ...req.body, password: hash } })); });\napp.post('/sessions/new', async (req, res) => res.json({ token: issueToken(req.body.email) }));\napp.post('/notes', (req, res) => res.end());\n",
      'src/tokens.ts': "import jwt from 'jsonwebtoken';\nexport const issueToken = (sub: string) => jwt.sign({ sub }, process.env.S!, { expiresIn: '1h' });\n",
    });
    assert.equal(route(rs, 'POST /users').authFlow, true);
    assert.equal(route(rs, 'POST /sessions/new').authFlow, true);
    assert.equal(route(rs, 'POST /notes').authFlow, false);
  });

  it('class-instance handlers: a local instance of an imported controller, bound methods, arrow wrappers', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4' }),
      'src/routes.ts': "import { Router } from 'express';\nimport { OrdersController } from './orders.controller';\nexport const router = Router();\nconst orders = new OrdersController();\nrouter.post('/orders', orders.create);\nrouter.delete('/orders/:id', orders.remove.bind(orders));\nrouter.put('/orders/:id', (req, res) => orders.update(req, res));\n",
      'src/orders.controller.ts': "export class OrdersController {\n  async create(req, res) { res.json(await db.order.create({ data: req.body })); }\n  async remove(req, res) { await db.order.delete({ where: { id: req.params.id } }); res.end(); }\n  async update(req, res) { await db.order.update({ where: { id: req.params.id }, data: req.body }); res.end(); }\n}\n",
      'src/app.ts': "import express from 'express';\nimport { router } from './routes';\nexpress().use(router);\n",
    });
    for (const k of ['POST /orders', 'DELETE /orders/:id', 'PUT /orders/:id']) {
      const r = route(rs, k);
      assert.equal(r.writesData, true, k);
      assert.equal(r.opaque, false, k);
    }
    assert.equal(route(rs, 'POST /orders').handler?.file, 'src/orders.controller.ts');
  });

  it('signature checks count as a check, outside webhook paths too', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', stripe: '^14' }),
      'src/app.ts': "import express from 'express';\nimport Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\nconst app = express();\napp.post('/stripe/events', express.raw({ type: '*/*' }), (req, res) => {\n  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);\n  res.json({ received: event.id });\n});\n",
    });
    assert.deepEqual(route(rs, 'POST /stripe/events').authBy, ['a signature check']);
  });

  it('test files and HTTP clients are not routes', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', axios: '^1' }),
      'src/app.test.ts': "import express from 'express';\nconst app = express();\napp.post('/x', (req, res) => res.end());\n",
      'src/api.ts': "import axios from 'axios';\nexport async function save(client: any, body: any) { return client.post('/notes', body); }\nexport function load(http: any) { return http.get('/notes', () => 1); }\n",
      'src/cache.ts': 'export function read(map: Map<string, number>) { return map.get(\'key\'); }\n',
    });
    assert.deepEqual(keys(rs), []);
  });
});

describe('route map: tsconfig paths', () => {
  const gate = "import jwt from 'jsonwebtoken';\nexport function gate(req, res, next) {\n  const t = req.headers.authorization;\n  if (!t) return res.status(401).end();\n  req.user = jwt.verify(t, process.env.SECRET!);\n  next();\n}\n";
  const app = (spec: string) => `import express from 'express';\nimport { gate } from '${spec}';\nconst app = express();\napp.post('/orders', gate, (req, res) => res.end());\napp.listen(3000);\n`;

  it('middleware imported through an alias of compilerOptions.paths (in a config the tsconfig extends), and through baseUrl', () => {
    const viaPaths = routes({
      'package.json': pkg({ express: '^4' }),
      'tsconfig.base.json': '{\n  // shared by the apps\n  "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"], "@auth": ["src/lib/gate.ts"] } }\n}\n',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }\n',
      'src/lib/gate.ts': gate,
      'src/server.ts': app('@lib/gate'),
      'src/other.ts': "import express from 'express';\nimport { gate } from '@auth';\nconst app = express();\napp.post('/refunds', gate, (req, res) => res.end());\n",
    });
    assert.deepEqual(route(viaPaths, 'POST /orders').authBy, ['gate']);
    assert.deepEqual(route(viaPaths, 'POST /refunds').authBy, ['gate']);
    const viaBaseUrl = routes({
      'package.json': pkg({ express: '^4' }),
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }\n',
      'src/lib/gate.ts': gate,
      'src/server.ts': app('lib/gate'),
    });
    assert.deepEqual(route(viaBaseUrl, 'POST /orders').authBy, ['gate']);
    const none = routes({ 'package.json': pkg({ express: '^4' }), 'src/lib/gate.ts': gate, 'src/server.ts': app('@lib/gate') });
    assert.equal(route(none, 'POST /orders').authGuarded, false, 'without the config the alias is a package the map cannot read');
  });
});

describe('route map: Fastify', () => {
  it('fastify-cli scripts, read with the shell reader: the app file, runners and env tools before it, a preloaded module skipped', () => {
    assert.equal(fastifyCliEntry('fastify start -l info app.js'), 'app.js');
    assert.equal(fastifyCliEntry('npm run build:ts && cross-env NODE_ENV=production fastify start -l info dist/app.js'), 'dist/app.js');
    assert.equal(fastifyCliEntry('npx fastify start -w -P -r ./tracing.js src/app.ts'), 'src/app.ts');
    assert.equal(fastifyCliEntry('fastify start'), '');
    assert.equal(fastifyCliEntry('node server.js'), undefined);
    assert.equal(fastifyCliEntry('echo "fastify start app.js"'), undefined);
  });

  it('fastify-cli: the plugin a `fastify start` script names is the app, its routes not opaque; a plugin nothing starts stays opaque (seen on a real fastify-cli app)', () => {
    const files = (script: string) => ({
      'package.json': JSON.stringify({ name: 'api', scripts: { start: script, dev: 'fastify start -w -l info -P -r ./tracing.js app.js' }, dependencies: { fastify: '^4', 'fastify-cli': '^5', '@fastify/autoload': '^5' } }),
      'src/app.ts': "import type { FastifyInstance } from 'fastify';\nimport { projects } from './routes/projects';\nexport default async function app(fastify: FastifyInstance, opts) {\n  fastify.register(projects, { prefix: '/projects' });\n}\n",
      'src/routes/projects.ts': "import type { FastifyInstance } from 'fastify';\nexport async function projects(fastify: FastifyInstance) {\n  fastify.post('/', async (request) => prisma.project.create({ data: request.body }));\n}\n",
    });
    const started = route(routes(files('npm run build:ts && fastify start -l info dist/app.js')), 'POST /projects');
    assert.equal(started.opaque, false);
    assert.equal(started.writesData, true);
    assert.equal(route(routes(files('node dist/server.js')), 'POST /projects').opaque, true, 'no script starts the plugin');
  });

  it('a controller instance created inside the plugin, its method bound as the handler (controller.create.bind(controller))', () => {
    const rs = routes({
      'package.json': pkg({ fastify: '^5.0.0' }),
      'src/modules/customer/customer.controller.ts': "import { z } from 'zod';\nimport { prisma } from '../../db';\nconst Body = z.object({ name: z.string() });\nexport class CustomerController {\n  constructor(private readonly service: unknown) {}\n  async create(req, reply) {\n    const data = Body.parse(req.body);\n    return reply.code(201).send(await prisma.customer.create({ data }));\n  }\n}\n",
      'src/modules/customer/customer.routes.ts': "import type { FastifyInstance } from 'fastify';\nimport { CustomerController } from './customer.controller';\nexport async function customerRoutes(app: FastifyInstance) {\n  const controller = new CustomerController({});\n  app.post('/', controller.create.bind(controller));\n}\n",
      'src/app.ts': "import Fastify from 'fastify';\nimport { customerRoutes } from './modules/customer/customer.routes';\nconst app = Fastify();\napp.register(customerRoutes, { prefix: '/customers' });\napp.listen({ port: 3000 });\n",
    });
    const r = route(rs, 'POST /customers');
    assert.equal(r.opaque, false);
    assert.equal(r.writesData, true);
    assert.equal(r.validated, true);
    assert.equal(r.handler?.file, 'src/modules/customer/customer.controller.ts');
  });

  it('plugins registered with prefixes, decorate()d authenticate in an fp plugin, route options and schema', () => {
    const rs = routes({
      'package.json': pkg({ fastify: '^5', 'fastify-plugin': '^5', '@fastify/jwt': '^9' }),
      'src/server.ts': "import Fastify from 'fastify';\nimport auth from './plugins/auth';\nimport users from './routes/users';\nconst app = Fastify({ logger: true });\napp.register(auth);\napp.register(users, { prefix: '/users' });\napp.register(import('./routes/admin'), { prefix: '/admin' });\napp.listen({ port: 3000 });\n",
      'src/plugins/auth.ts': "import fp from 'fastify-plugin';\nimport jwt from '@fastify/jwt';\nexport default fp(async (fastify) => {\n  fastify.register(jwt, { secret: process.env.SECRET! });\n  fastify.decorate('authenticate', async (request, reply) => {\n    await request.jwtVerify();\n  });\n});\n",
      'src/routes/users.ts': "import type { FastifyInstance } from 'fastify';\nexport default async function users(fastify: FastifyInstance) {\n  fastify.get('/', async () => []);\n  fastify.post('/', { preHandler: [fastify.authenticate], schema: { body: { type: 'object' } } }, async (request) => db.user.create({ data: request.body }));\n  fastify.route({ method: 'DELETE', url: '/:id', onRequest: fastify.authenticate, handler: async (req) => db.user.delete({ where: { id: req.params.id } }) });\n}\n",
      'src/routes/admin.ts': "export default async function (fastify, opts) {\n  fastify.addHook('onRequest', fastify.authenticate);\n  fastify.get('/stats', async () => ({}));\n}\n",
    });
    assert.deepEqual(keys(rs), ['DELETE /users/:id', 'GET /admin/stats', 'GET /users', 'POST /users']);
    const post = route(rs, 'POST /users');
    assert.equal(post.framework, 'fastify');
    assert.equal(post.authGuarded, true);
    assert.equal(post.validated, true);
    assert.equal(post.writesData, true);
    assert.equal(post.readsInput, true);
    assert.equal(route(rs, 'GET /users').authGuarded, false);
    assert.equal(route(rs, 'DELETE /users/:id').authGuarded, true);
    assert.equal(route(rs, 'GET /admin/stats').authGuarded, true);
  });

  it('hooks are scoped to their plugin (order-independent), fp hooks reach the parent, rate-limit plugin applies to all', () => {
    const rs = routes({
      'package.json': pkg({ fastify: '^5' }),
      'src/app.ts': [
        "import Fastify from 'fastify';",
        "import rateLimit from '@fastify/rate-limit';",
        "import fp from 'fastify-plugin';",
        "import { verifySession } from './session';",
        'const app = Fastify();',
        'app.register(rateLimit, { max: 100 });',
        "app.get('/open', async () => 1);",
        'app.register(async (scope) => {',
        "  scope.post('/private/notes', async () => 1);",
        "  scope.addHook('preHandler', verifySession);",
        "}, { prefix: '/v1' });",
        "app.register(fp(async (root) => { root.addHook('onRequest', async (req, reply) => { if (!req.headers.authorization) return reply.code(401).send(); }); }));",
        '',
      ].join('\n'),
      'src/session.ts': "export async function verifySession(req, reply) {\n  const s = await lookup(req.cookies.sid);\n  if (!s) return reply.status(401).send();\n}\n",
    });
    const notes = route(rs, 'POST /v1/private/notes');
    assert.equal(notes.authGuarded, true);
    assert.equal(notes.rateLimited, true);
    const open = route(rs, 'GET /open');
    assert.equal(open.rateLimited, true);
    assert.equal(open.authGuarded, true, 'the fp plugin hook covers the root context');
  });

  it('CommonJS plugins, a required plugin, and @fastify/autoload folders', () => {
    const rs = routes({
      'package.json': pkg({ fastify: '^5', '@fastify/autoload': '^6' }),
      'app.js': "const path = require('node:path');\nconst AutoLoad = require('@fastify/autoload');\nmodule.exports = async function (fastify, opts) {\n  fastify.register(AutoLoad, { dir: path.join(__dirname, 'routes'), options: { prefix: '/api' } });\n  fastify.register(require('./health'));\n};\n",
      'health.js': "module.exports = async function (fastify) {\n  fastify.get('/healthz', async () => ({ ok: true }));\n};\n",
      'routes/orders/index.js': "module.exports = async function (fastify, opts) {\n  fastify.post('/', async (request) => request.body);\n};\n",
    });
    assert.deepEqual(keys(rs), ['GET /healthz', 'POST /api/orders']);
    assert.equal(route(rs, 'POST /api/orders').readsInput, true);
  });
});

describe('route map: Fastify plugins with a type provider', () => {
  it('routes declared on `instance.withTypeProvider<...>()` in a plugin, and an app-defined `withAuth: true` route option (seen on a real Fastify app)', () => {
    const rs = routes({
      'package.json': pkg({ fastify: '^5', 'fastify-type-provider-zod': '^4' }),
      'src/index.ts': "import Fastify from 'fastify';\nimport tasks from './modules/tasks/routes.js';\nconst app = Fastify();\napp.register(tasks, { prefix: '/api/tasks' });\napp.listen({ port: 3000 });\n",
      'src/modules/tasks/routes.ts': "import type { FastifyInstance } from 'fastify';\nimport type { ZodTypeProvider } from 'fastify-type-provider-zod';\nexport default async (instance: FastifyInstance) => {\n  instance.withTypeProvider<ZodTypeProvider>().route({\n    method: 'DELETE',\n    url: '/:id',\n    withAuth: true,\n    schema: { params: idSchema },\n    handler: async (request) => db.delete(tasks).where(eq(tasks.id, request.params.id)),\n  });\n  instance.withTypeProvider<ZodTypeProvider>().get('/public', async () => ({ ok: true }));\n};\n",
    });
    assert.deepEqual(keys(rs), ['DELETE /api/tasks/:id', 'GET /api/tasks/public']);
    const del = route(rs, 'DELETE /api/tasks/:id');
    assert.equal(del.authGuarded, true);
    assert.deepEqual(del.authBy, ['withAuth: true']);
    assert.equal(del.validated, true);
    assert.equal(route(rs, 'GET /api/tasks/public').authGuarded, false);
  });
});

describe('route map: values in constants and spreads', () => {
  it('paths, prefixes, route options and middleware lists held in constants', () => {
    const rs = routes({
      'package.json': pkg({ fastify: '^5' }),
      'src/server.ts': "import Fastify from 'fastify';\nimport orders from './orders';\nconst API = '/api';\nconst opts = { prefix: `${API}/orders` };\nconst app = Fastify();\napp.register(orders, opts);\n",
      'src/orders.ts': "import type { FastifyInstance } from 'fastify';\nconst base = { preHandler: [verify] };\nconst createOpts = { ...base, schema: { body: { type: 'object' } } };\nasync function verify(req, reply) { if (!req.headers.authorization) return reply.code(401).send(); }\nexport default async function orders(app: FastifyInstance) {\n  app.post('/', createOpts, async (req) => req.body);\n  app.delete('/:id', { ...base }, async () => null);\n}\n",
    });
    const post = route(rs, 'POST /api/orders');
    assert.equal(post.authGuarded, true);
    assert.equal(post.validated, true);
    assert.equal(route(rs, 'DELETE /api/orders/:id').authGuarded, true);
  });
  it('an options object spread from something we cannot see makes the route opaque', () => {
    const rs = routes({
      'package.json': pkg({ fastify: '^5' }),
      'src/server.ts': "import Fastify from 'fastify';\nimport { routeDefaults } from '@acme/config';\nconst app = Fastify();\napp.post('/x', { ...routeDefaults }, async () => 1);\n",
    });
    assert.equal(route(rs, 'POST /x').opaque, true);
  });
});

describe('route map: Koa', () => {
  it('@koa/router with a prefix, router.use order, koa-jwt, nested routers and named routes', () => {
    const rs = routes({
      'package.json': pkg({ koa: '^2', '@koa/router': '^12' }),
      'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\nimport jwt from 'koa-jwt';\nimport { users } from './users';\nconst app = new Koa();\nconst api = new Router({ prefix: '/api' });\napi.post('/login', async (ctx) => { ctx.body = ctx.request.body; });\napi.use(jwt({ secret: process.env.S! }));\napi.use('/users', users.routes(), users.allowedMethods());\napp.use(api.routes()).use(api.allowedMethods());\n",
      'src/users.ts': "import Router from 'koa-router';\nexport const users = new Router();\nusers.get('user', '/:id', async (ctx) => { ctx.body = ctx.params.id; });\nusers.del('/:id', async (ctx) => { await db.user.destroy({ where: { id: ctx.params.id } }); });\n",
    });
    assert.deepEqual(keys(rs), ['DELETE /api/users/:id', 'GET /api/users/:id', 'POST /api/login']);
    const login = route(rs, 'POST /api/login');
    assert.equal(login.framework, 'koa');
    assert.equal(login.authGuarded, false);
    assert.equal(login.readsInput, true);
    const del = route(rs, 'DELETE /api/users/:id');
    assert.equal(del.authGuarded, true);
    assert.deepEqual(del.authBy, ['jwt()']);
    assert.equal(del.writesData, true);
  });

  it("a catch-all `router.all('(.*)', ...)` that dispatches the request itself is the API, one route; a catch-all that calls next() stays a middleware (seen on a real Koa CMS)", () => {
    const rs = routes({
      'package.json': pkg({ koa: '^3', '@koa/router': '^13' }),
      'src/index.ts': "import Koa from 'koa';\nimport router from './router';\nconst app = new Koa();\napp.use(router.routes());\napp.listen(3000);\n",
      'src/router.ts': "import Router from '@koa/router';\nimport type { Context, Next } from 'koa';\nimport { checkToken } from './auth';\nconst router = new Router({ prefix: '/api/v1/' });\nrouter.all('/admin/(.*)', async (ctx: Context, next: Next) => { await checkToken(ctx); await next(); });\nrouter.get('/admin/stats', async (ctx) => { ctx.body = await stats(); });\nrouter.all('(.*)', async (ctx: Context, next: Next) => {\n  const [apiName, id] = ctx.request.path.split('/');\n  const params = ctx.method === 'GET' ? ctx.request.query : ctx.request.body;\n  await require(`./api/${apiName}`).default(ctx, { params, id }, next);\n});\nexport default router;\n",
    });
    assert.deepEqual(keys(rs), ['ALL /api/v1/(.*)', 'GET /api/v1/admin/stats']);
    assert.equal(route(rs, 'GET /api/v1/admin/stats').authGuarded, true);
    const all = route(rs, 'ALL /api/v1/(.*)');
    assert.equal(all.framework, 'koa');
    assert.equal(all.readsInput, true);
  });
});

describe('route map: Koa (CommonJS, real-world layout)', () => {
  // seen on a real Koa + Knex app (the RealWorld example): routers exported as `router.routes()`, a global koa-jwt in
  // passthrough mode that only identifies callers, an auth-required middleware per route, a 401 for wrong credentials
  const files = (jwtOptions: string) => ({
    'package.json': pkg({ koa: '^2', 'koa-router': '^7', 'koa-jwt': '^3' }),
    'src/app.js': "const Koa = require('koa');\nconst jwt = require('./middleware/jwt-middleware');\nconst routes = require('./routes');\nconst app = new Koa();\napp.use(jwt);\napp.use(routes.routes());\nmodule.exports = app;\n",
    'src/middleware/jwt-middleware.js': `const koaJwt = require('koa-jwt');\nmodule.exports = koaJwt({ secret: process.env.SECRET, ${jwtOptions}key: 'jwt' });\n`,
    'src/middleware/auth-required-middleware.js': "module.exports = function (ctx, next) {\n  ctx.assert(ctx.state.user, 401);\n  return next();\n};\n",
    'src/routes/index.js': "const Router = require('koa-router');\nconst router = new Router();\nconst api = new Router();\nconst users = require('./users-router');\napi.use(users);\nrouter.use('/api', api.routes());\nmodule.exports = router;\n",
    'src/routes/users-router.js': "const Router = require('koa-router');\nconst ctrl = require('../controllers/users-controller');\nconst auth = require('../middleware/auth-required-middleware');\nconst router = new Router();\nrouter.post('/users/login', ctrl.login);\nrouter.put('/user', auth, ctrl.put);\nrouter.delete('/users/:id', ctrl.remove);\nmodule.exports = router.routes();\n",
    'src/controllers/users-controller.js': "const bcrypt = require('bcrypt');\nconst db = require('../lib/db');\nmodule.exports = {\n  async login(ctx) {\n    const user = await db('users').where({ email: ctx.request.body.email }).first();\n    ctx.assert(user && (await bcrypt.compare(ctx.request.body.password, user.password)), 401, 'Invalid credentials');\n    ctx.body = { user };\n  },\n  async put(ctx) { await db('users').where({ id: ctx.state.user.id }).update(ctx.request.body); ctx.body = {}; },\n  async remove(ctx) { await db('users').where({ id: ctx.params.id }).del(); ctx.status = 204; },\n};\n",
  });

  it('a router exported as `router.routes()` mounts under its prefix, not as an opaque root', () => {
    const rs = routes(files('passthrough: true, '));
    assert.deepEqual(keys(rs), ['DELETE /api/users/:id', 'POST /api/users/login', 'PUT /api/user']);
    assert.ok(rs.every((r) => !r.opaque), 'no route is opaque');
  });

  it('koa-jwt with passthrough guards nothing; the auth-required middleware does; a 401 for wrong credentials is no guard', () => {
    const rs = routes(files('passthrough: true, '));
    assert.equal(route(rs, 'DELETE /api/users/:id').authGuarded, false);
    assert.equal(route(rs, 'PUT /api/user').authGuarded, true);
    const login = route(rs, 'POST /api/users/login');
    assert.equal(login.authFlow, true);
    assert.equal(login.authGuarded, false);
    // without passthrough, the global koa-jwt rejects token-less requests: every route behind it is guarded
    const strict = routes(files(''));
    assert.equal(route(strict, 'DELETE /api/users/:id').authGuarded, true);
  });

  it('handlers two levels down a controller module, through a barrel (ctrl.favorite.post, ctrl.comments.del)', () => {
    const rs = routes({
      ...files('passthrough: true, '),
      'src/routes/index.js': "const Router = require('koa-router');\nconst router = new Router();\nconst api = new Router();\napi.use(require('./articles-router'));\nrouter.use('/api', api.routes());\nmodule.exports = router;\n",
      'src/routes/articles-router.js': "const Router = require('koa-router');\nconst ctrl = require('../controllers').articles;\nconst auth = require('../middleware/auth-required-middleware');\nconst router = new Router();\nrouter.post('/articles/:slug/favorite', auth, ctrl.favorite.post);\nrouter.del('/articles/:slug/comments/:comment', auth, ctrl.comments.del);\nmodule.exports = router.routes();\n",
      'src/controllers/index.js': "const articles = require('./articles-controller');\nmodule.exports = { articles };\n",
      'src/controllers/articles-controller.js': "const db = require('../lib/db');\nconst comments = require('./comments-controller');\nmodule.exports = {\n  favorite: {\n    async post(ctx) { await db('favorites').insert({ user: ctx.state.user.id, article: ctx.params.slug }); },\n  },\n  comments,\n};\n",
      'src/controllers/comments-controller.js': "const db = require('../lib/db');\nmodule.exports = {\n  async del(ctx) { await db('comments').where({ id: ctx.params.comment }).del(); ctx.status = 204; },\n};\n",
    });
    for (const key of ['POST /api/articles/:slug/favorite', 'DELETE /api/articles/:slug/comments/:comment']) {
      const r = route(rs, key);
      assert.equal(r.opaque, false, key);
      assert.equal(r.writesData, true, key);
    }
    assert.equal(route(rs, 'DELETE /api/articles/:slug/comments/:comment').handler?.file, 'src/controllers/comments-controller.js');
  });

  it('express-jwt with credentialsRequired: false guards nothing', () => {
    const app = (opts: string) => routes({
      'package.json': pkg({ express: '^4', 'express-jwt': '^8' }),
      'src/app.js': `const express = require('express');\nconst { expressjwt } = require('express-jwt');\nconst app = express();\napp.use(expressjwt({ secret: process.env.SECRET, algorithms: ['HS256']${opts} }));\napp.delete('/posts/:id', async (req, res) => { await db.post.delete({ where: { id: req.params.id } }); res.end(); });\n`,
    });
    assert.equal(route(app(', credentialsRequired: false'), 'DELETE /posts/:id').authGuarded, false);
    assert.equal(route(app(''), 'DELETE /posts/:id').authGuarded, true);
  });
});

describe('route map: NestJS', () => {
  const module = (providers: string) => `import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { JwtAuthGuard } from './auth/jwt.guard';\nimport { ThrottlerGuard } from '@nestjs/throttler';\n@Module({ providers: [${providers}] })\nexport class AppModule {}\n`;
  const guard = "import { Injectable } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\n@Injectable()\nexport class JwtAuthGuard extends AuthGuard('jwt') {}\n";
  const publicDec = "import { SetMetadata } from '@nestjs/common';\nexport const IS_PUBLIC_KEY = 'isPublic';\nexport const Public = () => SetMetadata(IS_PUBLIC_KEY, true);\n";
  const controller = [
    "import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';",
    "import { Public } from '../auth/public.decorator';",
    "import { Roles } from '../auth/roles.decorator';",
    "import { RolesGuard } from '../auth/roles.guard';",
    "@Controller('projects')",
    'export class ProjectsController {',
    '  constructor(private readonly projects: ProjectsService) {}',
    '  @Public()',
    '  @Get()',
    '  list() { return this.projects.findAll(); }',
    '  @Post()',
    '  create(@Body() dto: CreateProjectDto) { return this.projects.create(dto); }',
    "  @Delete(':id')",
    "  @Roles('admin')",
    '  @UseGuards(RolesGuard)',
    "  remove(@Param('id') id: string) { return this.projects.remove(id); }",
    '}',
    '',
  ].join('\n');

  it('global APP_GUARD, @Public opt-out, @Roles, global prefix and ValidationPipe', () => {
    const rs = routes({
      'package.json': pkg({ '@nestjs/core': '^10', '@nestjs/common': '^10' }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix('api');\n  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));\n  await app.listen(3000);\n}\nbootstrap();\n",
      'src/app.module.ts': module('{ provide: APP_GUARD, useClass: JwtAuthGuard }, { provide: APP_GUARD, useClass: ThrottlerGuard }'),
      'src/auth/jwt.guard.ts': guard,
      'src/auth/public.decorator.ts': publicDec,
      'src/auth/roles.decorator.ts': "import { SetMetadata } from '@nestjs/common';\nexport const Roles = (...roles: string[]) => SetMetadata('roles', roles);\n",
      'src/auth/roles.guard.ts': "import { CanActivate, Injectable } from '@nestjs/common';\n@Injectable()\nexport class RolesGuard implements CanActivate { canActivate() { return true; } }\n",
      'src/projects/projects.controller.ts': controller,
    });
    assert.deepEqual(keys(rs), ['DELETE /api/projects/:id', 'GET /api/projects', 'POST /api/projects']);
    const list = route(rs, 'GET /api/projects');
    assert.equal(list.framework, 'nestjs');
    assert.equal(list.public, true);
    assert.equal(list.authGuarded, false);
    assert.equal(list.controller, 'ProjectsController');
    assert.equal(line(list), 9);
    const create = route(rs, 'POST /api/projects');
    assert.equal(create.authGuarded, true);
    assert.deepEqual(create.authBy, ['JwtAuthGuard']);
    assert.equal(create.validated, true);
    assert.equal(create.readsInput, true);
    assert.equal(create.writesData, true);
    assert.equal(create.rateLimited, true);
    assert.equal(create.roleChecked, false);
    const remove = route(rs, 'DELETE /api/projects/:id');
    assert.equal(remove.roleChecked, true);
  });

  it('a role guard taking its roles from @Roles() metadata checks no role on a route without it; a guard with its own rule does (seen on a real NestJS + Drizzle app)', () => {
    const rolesGuard = "import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';\nimport { Reflector } from '@nestjs/core';\n@Injectable()\nexport class RolesGuard implements CanActivate {\n  constructor(private reflector: Reflector) {}\n  canActivate(context: ExecutionContext): boolean {\n    const required = this.reflector.getAllAndOverride<string[]>('roles', [context.getHandler(), context.getClass()]);\n    if (!required) return true;\n    const { user } = context.switchToHttp().getRequest();\n    if (!user || !required.includes(user.role)) throw new ForbiddenException();\n    return true;\n  }\n}\n";
    const adminGuard = "import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';\n@Injectable()\nexport class AdminGuard implements CanActivate {\n  canActivate(context: ExecutionContext): boolean {\n    const { user } = context.switchToHttp().getRequest();\n    if (user?.role !== 'admin') throw new ForbiddenException();\n    return true;\n  }\n}\n";
    const rs = routes({
      'package.json': pkg({ '@nestjs/core': '^10', '@nestjs/common': '^10' }),
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'src/auth/jwt.guard.ts': guard,
      'src/auth/roles.decorator.ts': "import { SetMetadata } from '@nestjs/common';\nexport const Roles = (...roles: string[]) => SetMetadata('roles', roles);\n",
      'src/auth/roles.guard.ts': rolesGuard,
      'src/auth/admin.guard.ts': adminGuard,
      'src/payments.controller.ts': "import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';\nimport { JwtAuthGuard } from './auth/jwt.guard';\nimport { RolesGuard } from './auth/roles.guard';\nimport { AdminGuard } from './auth/admin.guard';\nimport { Roles } from './auth/roles.decorator';\n@Controller('payments')\n@UseGuards(JwtAuthGuard, RolesGuard)\nexport class PaymentsController {\n  @Get()\n  @Roles('admin')\n  list() { return []; }\n  @Post('create-intent')\n  createIntent(@Body() body: any) { return body; }\n  @Post('refund')\n  @UseGuards(AdminGuard)\n  refund(@Body() body: any) { return body; }\n}\n",
    });
    assert.equal(route(rs, 'GET /payments').roleChecked, true);
    const intent = route(rs, 'POST /payments/create-intent');
    assert.equal(intent.authGuarded, true);
    assert.equal(intent.roleChecked, false);
    assert.equal(route(rs, 'POST /payments/refund').roleChecked, true);
  });

  it('without a global guard: class-level @UseGuards, a guard class known by what it extends, no validation pipe', () => {
    const rs = routes({
      'package.json': pkg({ '@nestjs/core': '^10', '@nestjs/common': '^10' }),
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'src/auth/session.guard.ts': "import { AuthGuard } from '@nestjs/passport';\nexport class SessionGuard extends AuthGuard('session') {}\n",
      'src/billing.controller.ts': "import { Controller, Post, Get, UseGuards, Body } from '@nestjs/common';\nimport { SessionGuard } from './auth/session.guard';\n@Controller({ path: 'billing' })\n@UseGuards(SessionGuard)\nexport class BillingController {\n  @Post('checkout')\n  checkout(@Body() body: any) { return body; }\n}\n@Controller('status')\nexport class StatusController {\n  @Get()\n  get() { return 'ok'; }\n}\n",
    });
    const checkout = route(rs, 'POST /billing/checkout');
    assert.equal(checkout.authGuarded, true);
    assert.deepEqual(checkout.authBy, ['SessionGuard']);
    assert.equal(checkout.validated, false);
    assert.equal(route(rs, 'GET /status').authGuarded, false);
  });

  it('a handler taking the signed-in user as optional (the app\'s own param decorator, `?` or `| undefined`/`| null`) is optionalAuth', () => {
    const rs = routes({
      'package.json': pkg({ '@nestjs/core': '^10', '@nestjs/common': '^10' }),
      'src/auth/user.decorator.ts': "import { createParamDecorator, type ExecutionContext } from '@nestjs/common';\nexport const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest().user);\n",
      'src/posts.controller.ts': [
        "import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';",
        "import { CurrentUser } from './auth/user.decorator';",
        "@Controller('posts')",
        'export class PostsController {',
        "  @Get(':id') one(@Param('id') id: string, @CurrentUser() user?: { id: string }) { return id; }",
        "  @Get() feed(@CurrentUser() user: { id: string } | null) { return []; }",
        "  @Post(':id/like') like(@Param('id') id: string, @CurrentUser() user: { id: string }) { return id; }",
        "  @Get('search') search(@Query('q') q?: string, @Req() req?: unknown) { return q; }",
        '}',
        '',
      ].join('\n'),
    });
    assert.equal(route(rs, 'GET /posts/:id').optionalAuth, true);
    assert.equal(route(rs, 'GET /posts').optionalAuth, true);
    assert.equal(route(rs, 'POST /posts/:id/like').optionalAuth, undefined, 'a required user');
    assert.equal(route(rs, 'GET /posts/search').optionalAuth, undefined, "optional, but Nest's own decorators");
  });
});

describe('route map: sign-in routes', () => {
  it('a login whose service throws 401 for wrong credentials is not guarded by it; a route whose handler checks the caller is (seen on a real NestJS app)', () => {
    const rs = routes({
      'package.json': pkg({ '@nestjs/core': '^10', '@nestjs/common': '^10' }),
      'src/auth/auth.controller.ts': "import { Body, Controller, Post } from '@nestjs/common';\nimport { AuthService } from './auth.service';\n@Controller('auth')\nexport class AuthController {\n  constructor(private readonly auth: AuthService) {}\n  @Post('login')\n  login(@Body() dto: LoginDto) {\n    return this.auth.login(dto);\n  }\n  @Post('password')\n  change(@Body() dto: ChangeDto) {\n    return this.auth.changePassword(dto);\n  }\n}\n",
      'src/auth/auth.service.ts': "import { Injectable, UnauthorizedException } from '@nestjs/common';\nimport * as bcrypt from 'bcrypt';\nimport * as jwt from 'jsonwebtoken';\nimport { PasswordService } from './password.service';\nimport { TokenService } from './token.service';\n@Injectable()\nexport class AuthService {\n  constructor(private readonly passwords: PasswordService, private readonly tokens: TokenService) {}\n  async login(dto: LoginDto) {\n    const user = await this.users.findByEmail(dto.email);\n    if (!user) throw new UnauthorizedException('Invalid credentials');\n    if (!(await this.passwords.matches(dto.password, user.password))) throw new UnauthorizedException('Invalid credentials');\n    return this.tokens.issue(user.id);\n  }\n  async changePassword(dto: ChangeDto) {\n    const claims = jwt.verify(dto.token, process.env.JWT_SECRET!);\n    if (!claims) throw new UnauthorizedException();\n    return bcrypt.hash(dto.password, 12);\n  }\n}\n",
      'src/auth/password.service.ts': "import { Injectable } from '@nestjs/common';\nimport * as bcrypt from 'bcrypt';\n@Injectable()\nexport class PasswordService {\n  matches(plain: string, hash: string) { return bcrypt.compare(plain, hash); }\n}\n",
      'src/auth/token.service.ts': "import { Injectable } from '@nestjs/common';\nimport * as jwt from 'jsonwebtoken';\n@Injectable()\nexport class TokenService {\n  issue(sub: string) { return { token: jwt.sign({ sub }, process.env.JWT_SECRET!, { expiresIn: '1h' }) }; }\n}\n",
    });
    const login = route(rs, 'POST /auth/login');
    assert.equal(login.authFlow, true);
    assert.equal(login.authGuarded, false);
    assert.equal(route(rs, 'POST /auth/password').authGuarded, true);
  });
});

describe('route map: NestJS GraphQL resolvers', () => {
  it('queries and mutations of a @Resolver are operations named by the method or `name`, guarded by @UseGuards and global guards', () => {
    const files = {
      'package.json': pkg({ '@nestjs/core': '^10', '@nestjs/common': '^10', '@nestjs/graphql': '^12', '@nestjs/passport': '^10' }),
      'src/auth/gql-auth.guard.ts': "import { ExecutionContext, Injectable } from '@nestjs/common';\nimport { GqlExecutionContext } from '@nestjs/graphql';\nimport { AuthGuard } from '@nestjs/passport';\n@Injectable()\nexport class GqlAuthGuard extends AuthGuard('jwt') {\n  getRequest(context: ExecutionContext) {\n    return GqlExecutionContext.create(context).getContext().req;\n  }\n}\n",
      'src/posts/posts.resolver.ts': "import { UseGuards } from '@nestjs/common';\nimport { Args, Mutation, Query, Resolver } from '@nestjs/graphql';\nimport { GqlAuthGuard } from '../auth/gql-auth.guard';\nimport { PrismaService } from '../prisma.service';\nimport { Post } from './post.model';\n\n@Resolver(() => Post)\nexport class PostsResolver {\n  constructor(private readonly prisma: PrismaService) {}\n\n  @Query(() => [Post])\n  posts() {\n    return this.prisma.post.findMany();\n  }\n\n  @UseGuards(GqlAuthGuard)\n  @Mutation(() => Post)\n  createPost(@Args('title') title: string) {\n    return this.prisma.post.create({ data: { title } });\n  }\n\n  @Mutation(() => Post, { name: 'removePost' })\n  deletePost(@Args('id') id: string) {\n    return this.prisma.post.delete({ where: { id } });\n  }\n}\n",
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix('api');\n  await app.listen(3000);\n}\nbootstrap();\n",
    };
    const rs = routes(files);
    assert.deepEqual(keys(rs), ['GET /posts', 'POST /createPost', 'POST /removePost']);
    const create = route(rs, 'POST /createPost');
    assert.equal(create.kind, 'procedure');
    assert.equal(create.framework, 'nestjs');
    assert.equal(create.authGuarded, true);
    assert.equal(create.writesData, true);
    assert.equal(create.readsInput, true);
    assert.equal(route(rs, 'POST /removePost').authGuarded, false);
    assert.equal(line(route(rs, 'POST /removePost')), 22);
    // a global guard registered with the token as a string, as Nest accepts too (seen on a real NestJS GraphQL app)
    const byString = routes({ ...files, 'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { GqlAuthGuard } from './auth/gql-auth.guard';\n@Module({ providers: [{ provide: 'APP_GUARD', useExisting: GqlAuthGuard }] })\nexport class AppModule {}\n" });
    assert.equal(route(byString, 'POST /removePost').authGuarded, true);
    // a global guard covers resolvers too
    const global = routes({ ...files, 'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { GqlAuthGuard } from './auth/gql-auth.guard';\n@Module({ providers: [{ provide: APP_GUARD, useClass: GqlAuthGuard }] })\nexport class AppModule {}\n" });
    assert.equal(route(global, 'POST /removePost').authGuarded, true);
  });
});

describe('route map: GraphQL resolver maps', () => {
  const resolvers = "import { GraphQLError } from 'graphql';\nimport { prisma } from '../db';\n\nfunction requireUser(ctx: { user?: { id: string } }) {\n  if (!ctx.user) throw new GraphQLError('Not signed in', { extensions: { code: 'UNAUTHENTICATED' } });\n  return ctx.user;\n}\n\nexport const resolvers = {\n  Query: {\n    posts: () => prisma.post.findMany(),\n    me: (_: unknown, __: unknown, ctx) => requireUser(ctx),\n  },\n  Mutation: {\n    async createPost(_: unknown, args: { title: string }, ctx) {\n      const user = requireUser(ctx);\n      return prisma.post.create({ data: { title: args.title, authorId: user.id } });\n    },\n    deletePost: async (_: unknown, args: { id: string }) => prisma.post.delete({ where: { id: args.id } }),\n  },\n};\n";
  const pkgJson = (extra: Record<string, string> = {}) => pkg({ '@apollo/server': '^4', graphql: '^16', ...extra });

  it('Query and Mutation fields are operations; a helper throwing UNAUTHENTICATED guards; the args parameter is input', () => {
    const rs = routes({ 'package.json': pkgJson(), 'src/resolvers/index.ts': resolvers });
    assert.deepEqual(keys(rs), ['GET /me', 'GET /posts', 'POST /createPost', 'POST /deletePost']);
    const del = route(rs, 'POST /deletePost');
    assert.equal(del.framework, 'graphql');
    assert.equal(del.kind, 'procedure');
    assert.equal(del.authGuarded, false);
    assert.equal(del.writesData, true);
    assert.equal(del.readsInput, true);
    assert.equal(route(rs, 'POST /createPost').authGuarded, true);
    assert.equal(route(rs, 'GET /posts').readsInput, false);
  });

  it('a map in a file that imports no GraphQL module counts when named like resolvers; other objects with a Query key do not', () => {
    const rs = routes({ 'package.json': pkgJson(), 'src/posts.ts': "export const postResolvers = { Mutation: { like: (_, { id }) => db.like.create({ data: { id } }) } };\nexport const cache = { Query: { ttl: () => 5 } };\n" });
    assert.deepEqual(keys(rs), ['POST /like']);
  });

  it('a `context.user` test that turns the request away is a check; an AuthenticationError thrown from a catch is not (seen on a real Apollo app)', () => {
    const rs = routes({
      'package.json': pkgJson(),
      'src/resolvers.js': "const { AuthenticationError } = require('apollo-server-express');\nconst resolvers = {\n  Mutation: {\n    updateProfile: async (parent, { bio }, context) => {\n      if (context.user) {\n        return User.findOneAndUpdate({ _id: context.user._id }, { bio });\n      }\n      throw new AuthenticationError('You need to be logged in!');\n    },\n    archive: async (parent, { id }) => {\n      try {\n        return await Feedback.findOneAndUpdate({ _id: id }, { archived: true });\n      } catch (error) {\n        throw new AuthenticationError(error.message);\n      }\n    },\n  },\n};\nmodule.exports = resolvers;\n",
    });
    assert.equal(route(rs, 'POST /updateProfile').authGuarded, true);
    assert.equal(route(rs, 'POST /archive').authGuarded, false);
  });

  it('with schema-level permissions (graphql-shield) the checks are elsewhere: operations are opaque', () => {
    const rs = routes({ 'package.json': pkgJson({ 'graphql-shield': '^7' }), 'src/resolvers/index.ts': resolvers });
    assert.equal(route(rs, 'POST /deletePost').opaque, true);
  });
});

describe('route map: NestJS lookups by a route param', () => {
  it('`this.users.getUser(id)` with an @Param is a record lookup, not a check of the caller (seen on a real NestJS app)', () => {
    const rs = routes({
      'package.json': pkg({ '@nestjs/core': '^10', '@nestjs/common': '^10' }),
      'src/users/users.controller.ts': "import { Controller, Get, Param, Req } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Get(':id')\n  findOne(@Param('id') id: string) {\n    return this.users.getUser(id);\n  }\n  @Get('me')\n  me(@Req() req: Request) {\n    return this.auth.getUser(req);\n  }\n}\n",
    });
    assert.equal(route(rs, 'GET /users/:id').authGuarded, false);
    assert.equal(route(rs, 'GET /users/me').authGuarded, true);
  });
});

describe('route map: NestJS module middleware and injected services', () => {
  it('a global prefix read from config: its default when there is one, else the paths are marked unknown', () => {
    const app = (prefix: string) => routes({
      'package.json': pkg({ '@nestjs/core': '^10', '@nestjs/common': '^10' }),
      'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { ConfigService } from '@nestjs/config';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  const config = app.get(ConfigService);\n  app.setGlobalPrefix(${prefix});\n  await app.listen(3000);\n}\nbootstrap();\n`,
      'src/health.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller('health')\nexport class HealthController {\n  @Get()\n  check() { return { ok: true }; }\n}\n",
    });
    const withDefault = route(app("config.get('API_PREFIX', 'api/v1')"), 'GET /api/v1/health');
    assert.equal(withDefault.pathKnown, true);
    const unknown = app('config.getOrThrow<string>(\'API_PREFIX\')');
    assert.equal(route(unknown, 'GET /health').pathKnown, false);
    assert.equal(route(app("'api'"), 'GET /api/health').pathKnown, true);
  });

  it('consumer.apply(AuthMiddleware).forRoutes() guards the routes it names; services are followed through this.x', () => {
    const rs = routes({
      'package.json': pkg({ '@nestjs/core': '^10', '@nestjs/common': '^10' }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); app.setGlobalPrefix('api'); await app.listen(3000); }\nbootstrap();\n",
      'src/user/user.module.ts': "import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';\nimport { UserController } from './user.controller';\nimport { AuthMiddleware } from './auth.middleware';\n@Module({ controllers: [UserController] })\nexport class UserModule implements NestModule {\n  configure(consumer: MiddlewareConsumer) {\n    consumer.apply(AuthMiddleware).forRoutes({ path: 'user', method: RequestMethod.GET }, { path: 'user', method: RequestMethod.PUT });\n  }\n}\n",
      'src/user/auth.middleware.ts': "import { HttpException, HttpStatus, Injectable, NestMiddleware } from '@nestjs/common';\nimport * as jwt from 'jsonwebtoken';\n@Injectable()\nexport class AuthMiddleware implements NestMiddleware {\n  async use(req, res, next) {\n    const token = req.headers.authorization?.split(' ')[1];\n    if (!token) throw new HttpException('Not authorized.', HttpStatus.UNAUTHORIZED);\n    req.user = jwt.verify(token, process.env.SECRET!);\n    next();\n  }\n}\n",
      'src/user/user.service.ts': "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class UserService {\n  constructor(private readonly repo: Repository<User>) {}\n  async update(id: number, dto: any) { return this.repo.save({ id, ...dto }); }\n  async findByEmail(email: string) { return this.repo.findOne({ where: { email } }); }\n  async remove(slug: string) { return this.repo.delete({ slug }); }\n}\n",
      'src/user/user.controller.ts': "import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';\nimport { UserService } from './user.service';\n@Controller()\nexport class UserController {\n  constructor(private readonly userService: UserService) {}\n  @Get('user')\n  me() { return this.userService.findByEmail('x'); }\n  @Put('user')\n  update(@Body('user') dto: any) { return this.userService.update(1, dto); }\n  @Delete('users/:slug')\n  remove(@Param('slug') slug: string) { return this.userService.remove(slug); }\n}\n",
    });
    assert.equal(route(rs, 'GET /api/user').authGuarded, true);
    const put = route(rs, 'PUT /api/user');
    assert.equal(put.authGuarded, true);
    assert.deepEqual(put.authBy, ['AuthMiddleware']);
    assert.equal(put.writesData, true);
    assert.equal(put.readsInput, true);
    const del = route(rs, 'DELETE /api/users/:slug');
    assert.equal(del.authGuarded, false);
    assert.equal(del.writesData, true);
    assert.equal(del.opaque, false);
    assert.equal(route(rs, 'GET /api/user').writesData, false);
  });
});

describe('route map: Next.js', () => {
  it('pages API: a wrapped handler (withIronSessionApiRoute) is still read per method, and a helper testing the session\'s destructured userId is a check (seen on a real iron-session app)', () => {
    const rs = routes({
      'package.json': pkg({ next: '^12', 'iron-session': '^6' }),
      'lib/session.ts': "export async function sessionWrapper(session) {\n  const { userId } = session;\n  if (userId === undefined) {\n    throw new Error('Not logged in');\n  }\n  return db.user.findUnique({ where: { id: userId } });\n}\n",
      'pages/api/posts/[id].ts': "import { withIronSessionApiRoute } from 'iron-session/next';\nimport { sessionWrapper } from '../../../lib/session';\nexport default withIronSessionApiRoute(handler, { cookieName: 'sid', password: process.env.IRON_KEY });\nasync function handler(req, res) {\n  switch (req.method) {\n    case 'PUT':\n      try {\n        const user = await sessionWrapper(req.session);\n        await db.post.update({ where: { id: req.query.id, authorId: user.id }, data: req.body });\n        return res.status(200).end();\n      } catch (e) {\n        return res.status(401).json({ error: e.message });\n      }\n    case 'DELETE':\n      await db.post.delete({ where: { id: req.query.id } });\n      return res.status(204).end();\n  }\n}\n",
    });
    const put = route(rs, 'PUT /api/posts/:id');
    assert.equal(put.authGuarded, true);
    assert.deepEqual(put.authBy, ['a check of `userId`']);
    const del = route(rs, 'DELETE /api/posts/:id');
    assert.equal(del.authGuarded, false, 'the session is checked in the PUT branch only');
    assert.equal(del.writesData, true);
  });

  const nextPkg = pkg({ next: '^15', 'next-auth': '^4' });

  it('app router handlers, paths from folders, in-handler session checks, and a middleware matcher', () => {
    const rs = routes({
      'package.json': nextPkg,
      'src/app/api/projects/route.ts': "import { getServerSession } from 'next-auth';\nimport { authOptions } from '@/lib/auth';\nexport async function GET() { return Response.json([]); }\nexport async function POST(req: Request) {\n  const session = await getServerSession(authOptions);\n  if (!session) return new Response(null, { status: 401 });\n  const body = await req.json();\n  await prisma.project.create({ data: body });\n  return Response.json({});\n}\n",
      'src/app/(dashboard)/api/projects/[id]/route.ts': "export const DELETE = async (req: Request, { params }: { params: { id: string } }) => {\n  await prisma.project.delete({ where: { id: params.id } });\n  return new Response(null, { status: 204 });\n};\n",
      'src/app/api/admin/users/route.ts': "export async function PATCH(req: Request) { await db.user.update({}); return Response.json({}); }\n",
      'src/middleware.ts': "import { withAuth } from 'next-auth/middleware';\nexport default withAuth({ pages: { signIn: '/login' } });\nexport const config = { matcher: ['/dashboard/:path*', '/api/admin/:path*'] };\n",
    });
    assert.deepEqual(keys(rs), ['DELETE /api/projects/:id', 'GET /api/projects', 'PATCH /api/admin/users', 'POST /api/projects']);
    const post = route(rs, 'POST /api/projects');
    assert.equal(post.framework, 'nextjs');
    assert.equal(post.authGuarded, true);
    assert.deepEqual(post.authBy, ['getServerSession()']);
    assert.equal(post.readsInput, true);
    assert.equal(post.writesData, true);
    assert.equal(line(post), 4);
    const del = route(rs, 'DELETE /api/projects/:id');
    assert.equal(del.authGuarded, false);
    assert.equal(del.readsInput, true);
    const admin = route(rs, 'PATCH /api/admin/users');
    assert.equal(admin.authGuarded, true);
    assert.deepEqual(admin.authBy, ['middleware.ts']);
  });

  it('the usual "everything but api and assets" matcher does not cover API routes', () => {
    const rs = routes({
      'package.json': nextPkg,
      'middleware.ts': "export { default } from 'next-auth/middleware';\nexport const config = { matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'] };\n",
      'app/api/notes/route.ts': 'export async function POST() { return Response.json({}); }\n',
      'app/settings/route.ts': 'export async function POST() { return Response.json({}); }\n',
    });
    assert.equal(route(rs, 'POST /api/notes').authGuarded, false);
    assert.equal(route(rs, 'POST /settings').authGuarded, true);
  });

  it('Clerk: createRouteMatcher decides what auth.protect() covers', () => {
    const files = (cond: string) => ({
      'package.json': pkg({ next: '^15', '@clerk/nextjs': '^6' }),
      'middleware.ts': `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isProtected = createRouteMatcher(['/api/billing(.*)', '/dashboard(.*)']);\nconst isPublic = createRouteMatcher(['/api/webhooks(.*)', '/']);\nexport default clerkMiddleware(async (auth, req) => {\n  if (${cond}) await auth.protect();\n});\nexport const config = { matcher: ['/((?!_next|.*\\\\..*).*)', '/(api|trpc)(.*)'] };\n`,
      'app/api/billing/route.ts': 'export async function POST() { return Response.json({}); }\n',
      'app/api/notes/route.ts': 'export async function POST() { return Response.json({}); }\n',
    });
    const only = routes(files('isProtected(req)'));
    assert.equal(route(only, 'POST /api/billing').authGuarded, true);
    assert.equal(route(only, 'POST /api/notes').authGuarded, false);
    assert.equal(route(only, 'POST /api/notes').opaque, false);
    const except = routes(files('!isPublic(req)'));
    assert.equal(route(except, 'POST /api/notes').authGuarded, true);
    const none = routes({ ...files('isProtected(req)'), 'middleware.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();\n" });
    assert.equal(route(none, 'POST /api/notes').authGuarded, false);
  });

  it('pages API routes: methods from req.method checks, wrappers, catch-alls', () => {
    const rs = routes({
      'package.json': nextPkg,
      'pages/api/users/[id].ts': "import type { NextApiRequest, NextApiResponse } from 'next';\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  if (req.method === 'GET') return res.json({});\n  if (req.method === 'DELETE') { await prisma.user.delete({ where: { id: String(req.query.id) } }); return res.end(); }\n  res.status(405).end();\n}\n",
      'pages/api/files/[...path].ts': "import { withApiAuthRequired } from '@auth0/nextjs-auth0';\nasync function handler(req, res) { res.end(); }\nexport default withApiAuthRequired(handler);\n",
      'pages/api/index.ts': 'export default function handler(req, res) { res.json({ ok: true }); }\n',
    });
    assert.deepEqual(keys(rs), ['ALL /api', 'ALL /api/files/:path*', 'DELETE /api/users/:id', 'GET /api/users/:id']);
    const del = route(rs, 'DELETE /api/users/:id');
    assert.equal(del.writesData, true);
    assert.equal(del.readsInput, true);
    assert.equal(del.authGuarded, false);
    assert.equal(line(del), 2);
    assert.equal(route(rs, 'ALL /api/files/:path*').authGuarded, true);
  });

  it('server actions, and a Supabase middleware helper imported through the @/ alias', () => {
    const rs = routes({
      'package.json': pkg({ next: '^15', '@supabase/ssr': '^0.5' }),
      'src/app/actions.ts': "'use server';\nimport { auth } from '@/auth';\nexport async function createNote(formData: FormData) {\n  const session = await auth();\n  if (!session) throw new Error('no');\n  await db.insert(notes).values({ text: String(formData.get('text')) });\n}\nexport async function deleteNote(id: string) {\n  await db.delete(notes).where(eq(notes.id, id));\n}\n",
      'src/middleware.ts': "import { type NextRequest } from 'next/server';\nimport { updateSession } from '@/utils/supabase/middleware';\nexport async function middleware(request: NextRequest) {\n  return await updateSession(request);\n}\nexport const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };\n",
      'src/utils/supabase/middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\nimport { createServerClient } from '@supabase/ssr';\nexport async function updateSession(request: NextRequest) {\n  const supabase = createServerClient(url, key, { cookies: {} });\n  const { data: { user } } = await supabase.auth.getUser();\n  if (!user && !request.nextUrl.pathname.startsWith('/login') && !request.nextUrl.pathname.startsWith('/auth')) {\n    const url = request.nextUrl.clone();\n    url.pathname = '/login';\n    return NextResponse.redirect(url);\n  }\n  return NextResponse.next({ request });\n}\n",
      'src/app/api/todos/route.ts': 'export async function POST(req: Request) { return Response.json(await req.json()); }\n',
      'src/app/auth/callback/route.ts': 'export async function GET(req: Request) { return Response.redirect(new URL(\'/\', req.url)); }\n',
    });
    const create = rs.find((r) => r.kind === 'server-action' && r.handler?.name === 'createNote')!;
    assert.ok(create);
    assert.equal(create.authGuarded, true);
    assert.equal(create.writesData, true);
    assert.equal(create.readsInput, true);
    const del = rs.find((r) => r.kind === 'server-action' && r.handler?.name === 'deleteNote')!;
    assert.equal(del.writesData, true);
    assert.equal(del.authGuarded, false);
    assert.equal(route(rs, 'POST /api/todos').authGuarded, true);
    assert.deepEqual(route(rs, 'POST /api/todos').authBy, ['middleware.ts']);
    assert.equal(route(rs, 'GET /auth/callback').authGuarded, false);
  });

  it('a middleware that only refreshes the session guards nothing; user-scoped Supabase writes are left to RLS', () => {
    const rs = routes({
      'package.json': pkg({ next: '^14', '@supabase/ssr': '^0.5' }),
      'middleware.ts': "import { type NextRequest } from 'next/server';\nimport { createClient } from '@/utils/supabase/middleware';\nexport async function middleware(request: NextRequest) {\n  const { supabase, response } = createClient(request);\n  await supabase.auth.getSession();\n  return response;\n}\n",
      'utils/supabase/middleware.ts': "import { createServerClient } from '@supabase/ssr';\nimport { NextResponse } from 'next/server';\nexport const createClient = (request) => ({ supabase: createServerClient('u', 'k', { cookies: {} }), response: NextResponse.next() });\n",
      'app/api/notes/route.ts': "import { createClient } from '@/utils/supabase/server';\nexport async function POST(req: Request) {\n  const supabase = createClient();\n  await supabase.from('notes').insert(await req.json());\n  return Response.json({});\n}\n",
      'app/api/admin/route.ts': "import { supabaseAdmin } from '@/utils/supabase/admin';\nexport async function DELETE() {\n  await supabaseAdmin.from('notes').delete().neq('id', 0);\n  return Response.json({});\n}\n",
    });
    const notes = route(rs, 'POST /api/notes');
    assert.equal(notes.authGuarded, false);
    assert.equal(notes.writesData, true);
    assert.equal(notes.dataRules, true);
    const admin = route(rs, 'DELETE /api/admin');
    assert.equal(admin.dataRules, false);
    assert.equal(admin.writesData, true);
    assert.deepEqual(admin.middleware, ['middleware.ts', 'createClient']);
  });

  it('a middleware whose check depends on the path in a way we cannot read is opaque', () => {
    const rs = routes({
      'package.json': nextPkg,
      'middleware.ts': "import { getToken } from 'next-auth/jwt';\nimport { NextResponse } from 'next/server';\nexport async function middleware(req) {\n  const token = await getToken({ req });\n  if (!token && isPrivate(req.nextUrl.pathname)) return NextResponse.redirect(new URL('/login', req.url));\n}\n",
      'app/api/notes/route.ts': 'export async function POST() { return Response.json({}); }\n',
    });
    const r = route(rs, 'POST /api/notes');
    assert.equal(r.opaque, true);
  });
});

describe('route map: session reads that check nothing', () => {
  const handler = (body: string) => `import { getServerSession } from 'next-auth';\nimport { authOptions } from '@/lib/auth';\nexport async function DELETE(req: Request, { params }: { params: { id: string } }) {\n${body}\n  return new Response(null, { status: 204 });\n}\n`;
  const guarded = (body: string) => route(routes({ 'package.json': pkg({ next: '^15', 'next-auth': '^4' }), 'app/api/posts/[id]/route.ts': handler(body) }), 'DELETE /api/posts/:id').authGuarded;

  it('a session read that nothing tests, or tests without turning the request away, is no guard (seen on real Next.js apps)', () => {
    assert.equal(guarded('  const session = await getServerSession(authOptions);\n  await prisma.post.delete({ where: { id: params.id } });'), false);
    assert.equal(guarded('  await getServerSession(authOptions);\n  await prisma.post.delete({ where: { id: params.id } });'), false);
    assert.equal(guarded('  const session = await getServerSession(authOptions);\n  await prisma.post.delete({ where: { id: params.id, authorId: session?.user?.id } });'), false);
    assert.equal(guarded('  const session = await getServerSession(authOptions);\n  await prisma.post.delete({ where: { id: params.id, authorId: session?.user.id } });'), false);
    assert.equal(guarded('  const session = await getServerSession(authOptions);\n  if (session) await prisma.view.create({ data: { userId: session.user.id } });\n  await prisma.post.delete({ where: { id: params.id } });'), false);
  });

  it('a session read that turns the request away, that the code depends on, or that is handed on is a guard', () => {
    assert.equal(guarded('  const session = await getServerSession(authOptions);\n  if (!session?.user) return new Response(null, { status: 401 });\n  await prisma.post.delete({ where: { id: params.id } });'), true);
    assert.equal(guarded("  const session = await getServerSession(authOptions);\n  if (!session) redirect('/login');\n  await prisma.post.delete({ where: { id: params.id } });"), true);
    assert.equal(guarded('  const session = await getServerSession(authOptions);\n  await prisma.post.delete({ where: { id: params.id, authorId: session.user.id } });'), true);
    assert.equal(guarded('  const { user } = (await getServerSession(authOptions))!;\n  await prisma.post.delete({ where: { id: params.id, authorId: user.id } });'), true);
    assert.equal(guarded('  const session = await getServerSession(authOptions);\n  assertOwner(session, params.id);\n  await prisma.post.delete({ where: { id: params.id } });'), true);
  });

  it('a server action returning an error object when there is no session is guarded', () => {
    const rs = routes({
      'package.json': pkg({ next: '^15', 'next-auth': '^5' }),
      'app/actions.ts': "'use server';\nimport { auth } from '@/auth';\nexport async function deletePost(id: string) {\n  const session = await auth();\n  if (!session?.user) return { error: 'Not signed in' };\n  await prisma.post.delete({ where: { id } });\n}\nexport async function likePost(id: string) {\n  const session = await auth();\n  await prisma.like.create({ data: { postId: id, userId: session?.user?.id } });\n}\n",
    });
    assert.deepEqual(rs.map((r) => [r.handler?.name, r.authGuarded]), [['deletePost', true], ['likePost', false]]);
  });
});

describe('route map: NestJS body fields taken by name', () => {
  it('an app-wide ValidationPipe validates DTO classes, not @Body(\'status\') status: OrderStatus (seen on a real NestJS + Prisma app)', () => {
    const rs = routes({
      'package.json': pkg({ '@nestjs/core': '^11', '@nestjs/common': '^11' }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));\n  await app.listen(3000);\n}\nbootstrap();\n",
      'src/orders.controller.ts': "import { Body, Controller, Param, Patch, Post } from '@nestjs/common';\nimport { OrderStatus } from './order-status.enum';\nimport { CreateOrderDto } from './create-order.dto';\n@Controller('orders')\nexport class OrdersController {\n  @Patch('status/:id')\n  setStatus(@Param('id') id: string, @Body('status') status: OrderStatus) {\n    return { id, status };\n  }\n  @Post()\n  create(@Body() dto: CreateOrderDto) {\n    return dto;\n  }\n}\n",
    });
    assert.equal(route(rs, 'PATCH /orders/status/:id').validated, false);
    assert.equal(route(rs, 'POST /orders').validated, true);
  });
});

describe('route map: TypeScript namespaces of handlers', () => {
  it('export namespace ItemController { export const create = ... } is read like an object of handlers (seen on a real Express + Sequelize app: every route was opaque)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', sequelize: '^6', zod: '^3' }),
      'src/item.controller.ts': "import { Request, Response } from 'express';\nimport { z } from 'zod';\nimport { Item } from './item.model';\nconst schema = z.object({ name: z.string() });\nexport namespace ItemController {\n  export const create = async (req: Request, res: Response) => {\n    const body = schema.parse(req.body);\n    res.status(201).json(await Item.create(body));\n  };\n  export async function list(req: Request, res: Response) {\n    res.json(await Item.findAll());\n  }\n}\n",
      'src/app.ts': "import express from 'express';\nimport { ItemController } from './item.controller';\nconst app = express();\napp.use(express.json());\napp.post('/items', ItemController.create);\napp.get('/items', ItemController.list);\napp.listen(3000);\n",
    });
    const create = route(rs, 'POST /items');
    assert.equal(create.opaque, false);
    assert.equal(create.writesData, true);
    assert.equal(create.validated, true);
    assert.equal(create.handler?.file, 'src/item.controller.ts');
    assert.equal(route(rs, 'GET /items').opaque, false);
  });
});

describe('route map: registrar functions handed the app', () => {
  it('a local wrapper whose parameter shadows the module app, and a registrar whose parameter is named nodeApp (seen on a real Express + Knex app: every route was opaque)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', knex: '^2' }),
      'server/app.js': "import express from 'express';\nimport userRoutes from './routes/user.router';\nimport merchantRoutes from './routes/merchant.router';\nconst app = express();\nconst serverRegisterApi = (app) => {\n  userRoutes(app);\n  merchantRoutes(app);\n};\nserverRegisterApi(app);\napp.listen(3000);\n",
      'server/routes/user.router.js': "import express from 'express';\nconst router = express.Router();\nexport default (nodeApp) => {\n  router.route('/login').post((req, res) => res.json({ u: req.body.userName }));\n  nodeApp.use('/api/v1', router);\n};\n",
      'server/routes/merchant.router.js': "import express from 'express';\nimport { authenticate } from '../middlewares';\nconst router = express.Router();\nexport default (expressApp) => {\n  router.post('/merchant', (req, res) => res.json(req.body));\n  expressApp.use('/api/v1', authenticate, router);\n};\n",
      'server/middlewares/index.js': "import jwt from 'jsonwebtoken';\nexport const authenticate = (req, res, next) => {\n  try { req.user = jwt.verify(req.headers.authorization, process.env.JWT_SECRET); next(); } catch { res.sendStatus(401); }\n};\n",
    });
    assert.deepEqual(keys(rs), ['POST /api/v1/login', 'POST /api/v1/merchant']);
    assert.equal(route(rs, 'POST /api/v1/login').opaque, false);
    assert.equal(route(rs, 'POST /api/v1/merchant').opaque, false);
    assert.equal(route(rs, 'POST /api/v1/merchant').authGuarded, true);
  });

  it('a registrar imported by a bare path that jsconfig.json\'s baseUrl resolves (server/routes/...); a package is not followed', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', 'express-ws': '^5' }),
      'jsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: './' } }),
      'server/app.js': "import express from 'express';\nimport expressWs from 'express-ws/lib/index';\nimport userRoutes from 'server/routes/user.router';\nconst app = express();\nexpressWs(app);\nuserRoutes(app);\napp.listen(3000);\n",
      'server/routes/user.router.js': "import express from 'express';\nconst router = express.Router();\nexport default (app) => {\n  router.post('/login', (req, res) => res.json({ u: req.body.userName }));\n  app.use('/api/v1', router);\n};\n",
    });
    assert.deepEqual(keys(rs), ['POST /api/v1/login']);
    assert.equal(route(rs, 'POST /api/v1/login').opaque, false);
  });
});

describe('route map: Hono', () => {
  it('a guard verifying a token with hono/jwt verify() identifies the caller, whatever its name (a 401 only in the catch)', () => {
    const rs = routes({
      'package.json': pkg({ hono: '^4' }),
      'src/index.ts': "import { Hono } from 'hono';\nimport { verify } from 'hono/jwt';\nimport { getCookie } from 'hono/cookie';\nconst guard = async (c, next) => {\n  try {\n    c.set('user', await verify(getCookie(c, 'token') ?? '', process.env.JWT_SECRET!));\n  } catch {\n    return c.json({ message: 'no' }, 401);\n  }\n  await next();\n};\nconst app = new Hono();\napp.post('/notes', guard, async (c) => c.json(await db.note.create({ data: { text: 'x' } })));\nexport default app;\n",
    });
    assert.equal(route(rs, 'POST /notes').authGuarded, true);
  });

  it('@hono/zod-openapi: openapi(createRoute(...), handler) routes, with {param} paths, middleware and request schemas', () => {
    const rs = routes({
      'package.json': pkg({ hono: '^4', '@hono/zod-openapi': '^0.18' }),
      'src/auth.ts': "import { verify } from 'hono/jwt';\nexport const requireUser = async (c, next) => {\n  const token = c.req.header('authorization');\n  if (!token) return c.json({ message: 'Unauthorized' }, 401);\n  c.set('user', await verify(token, process.env.JWT_SECRET!));\n  await next();\n};\n",
      'src/index.ts': "import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';\nimport { requireUser } from './auth';\nimport { db } from './db';\nconst app = new OpenAPIHono();\nconst me = createRoute({ method: 'get', path: '/me', middleware: [requireUser] as const, responses: { 200: { description: 'ok' } } });\napp.openapi(me, (c) => c.json({}, 200));\napp.openapi(createRoute({ method: 'delete', path: '/projects/{id}', request: { params: z.object({ id: z.string() }) }, responses: { 200: { description: 'ok' } } }), async (c) => {\n  await db.project.delete({ where: { id: c.req.valid('param').id } });\n  return c.json({}, 200);\n});\nexport default app;\n",
    });
    assert.deepEqual(keys(rs), ['DELETE /projects/:id', 'GET /me']);
    assert.equal(route(rs, 'GET /me').authGuarded, true);
    const del = route(rs, 'DELETE /projects/:id');
    assert.equal(del.framework, 'hono');
    assert.equal(del.authGuarded, false);
    assert.equal(del.writesData, true);
    assert.equal(del.validated, true);
    assert.equal(line(del), 7);
  });

  it('the app\'s own factory (createRouter() returning an OpenAPIHono with middleware), route configs in another file, and routers mounted in a loop over an imported list (the hono-open-api-starter layout; seen on a real Hono + Prisma app)', () => {
    const rs = routes({
      'package.json': pkg({ hono: '^4', '@hono/zod-openapi': '^0.18', '@hono/node-server': '^1' }),
      'src/lib/create-app.ts': "import { OpenAPIHono } from '@hono/zod-openapi';\nimport { logger } from 'hono/logger';\nimport { requestId } from 'hono/request-id';\nexport function createRouter() {\n  const app = new OpenAPIHono({ strict: false });\n  app.use(requestId());\n  return app;\n}\nexport default function createApp() {\n  const app = createRouter();\n  app.use(logger());\n  return app;\n}\n",
      'src/routes/tasks/tasks.routes.ts': "import { createRoute, z } from '@hono/zod-openapi';\nimport { requireUser } from '../../middlewares/auth';\nexport const list = createRoute({ method: 'get', path: '/tasks', responses: {} });\nexport const create = createRoute({ method: 'post', path: '/tasks', middleware: requireUser, request: { body: { content: { 'application/json': { schema: z.object({ name: z.string() }) } } } }, responses: {} });\nexport const remove = createRoute({ method: 'delete', path: '/tasks/{id}', request: { params: z.object({ id: z.coerce.number() }) }, responses: {} });\n",
      'src/routes/tasks/tasks.handlers.ts': "import { db } from '../../db';\nexport const list = async (c) => c.json(await db.query.tasks.findMany());\nexport const create = async (c) => c.json(await db.insert(tasks).values(c.req.valid('json')).returning());\nexport const remove = async (c) => { await db.delete(tasks).where(eq(tasks.id, c.req.valid('param').id)); return c.body(null, 204); };\n",
      'src/routes/tasks/tasks.index.ts': "import { createRouter } from '@/lib/create-app';\nimport * as handlers from './tasks.handlers';\nimport * as routes from './tasks.routes';\nconst router = createRouter()\n  .openapi(routes.list, handlers.list)\n  .openapi(routes.create, handlers.create)\n  .openapi(routes.remove, handlers.remove);\nexport default router;\n",
      'src/routes/index.route.ts': "import { createRouter } from '@/lib/create-app';\nconst router = createRouter().openapi({ method: 'get', path: '/', responses: {} } as any, (c) => c.json({ message: 'Tasks API' }));\nexport default router;\n",
      'src/middlewares/auth.ts': "export const requireUser = async (c, next) => {\n  if (!c.req.header('authorization')) return c.json({ message: 'Unauthorized' }, 401);\n  await next();\n};\n",
      'src/app.ts': "import createApp from '@/lib/create-app';\nimport index from '@/routes/index.route';\nimport tasks from '@/routes/tasks/tasks.index';\nconst app = createApp();\nconst routes = [index, tasks] as const;\nroutes.forEach((route) => {\n  app.route('/api', route);\n});\nexport default app;\n",
      'src/index.ts': "import { serve } from '@hono/node-server';\nimport app from './app';\nserve({ fetch: app.fetch, port: 3000 });\n",
    });
    assert.deepEqual(keys(rs), ['DELETE /api/tasks/:id', 'GET /api', 'GET /api/tasks', 'POST /api/tasks']);
    const create = route(rs, 'POST /api/tasks');
    assert.equal(create.framework, 'hono');
    assert.equal(create.authGuarded, true);
    assert.equal(create.validated, true);
    assert.equal(create.writesData, true);
    assert.equal(create.opaque, false);
    // the factories' middleware applies: the app's (createApp() builds on createRouter()), then the router's own
    assert.deepEqual(create.middleware, ['requestId()', 'logger()', 'requestId()', 'requireUser', 'request schema']);
    const remove = route(rs, 'DELETE /api/tasks/:id');
    assert.equal(remove.authGuarded, false);
    assert.equal(remove.validated, true);
    assert.equal(route(rs, 'GET /api/tasks').validated, false);
  });

  it('a call of a function named like a factory that returns no router makes none (an API client)', () => {
    const rs = routes({
      'package.json': pkg({ hono: '^4' }),
      'src/client.ts': "import ky from 'ky';\nexport function createApi() {\n  return ky.create({ prefixUrl: 'https://api.example.com' });\n}\n",
      'src/sync.ts': "import { createApi } from './client';\nconst api = createApi();\nexport async function sync() {\n  await api.post('/items', { json: {} });\n  return api.get('/items', { searchParams: {} });\n}\n",
    });
    assert.deepEqual(keys(rs), []);
  });

  it('an app built by hono/factory createFactory({ initApp }), a router created with a .use() chain, and a response schema that validates no input (seen on a real Hono + Drizzle app)', () => {
    const rs = routes({
      'package.json': pkg({ hono: '^4', valibot: '^0.30', '@hono/valibot-validator': '^0.2' }),
      'src/factory.ts': "import { createFactory } from 'hono/factory';\nimport { userModule } from './user';\nexport const factory = createFactory({\n  initApp(app) {\n    app.route('/api/user', userModule);\n  },\n});\n",
      'src/index.ts': "import { factory } from './factory';\nexport default factory.createApp();\n",
      'src/user.ts': "import { Hono } from 'hono';\nimport { parse } from 'valibot';\nimport { jwtAuth, exposeToken } from './auth';\nexport const userModule = new Hono().use(jwtAuth).use(exposeToken);\nuserModule.get('/', async (c) => c.json(parse(UserResponse, { user: await db.query.users.findFirst() })));\nuserModule.put('/', async (c) => c.json(await db.update(users).set(await c.req.json())));\n",
      'src/auth.ts': "import { jwt } from 'hono/jwt';\nexport const jwtAuth = jwt({ secret: process.env.JWT_SECRET! });\nexport const exposeToken = async (c, next) => { await next(); };\n",
    });
    const get = route(rs, 'GET /api/user');
    assert.equal(get.opaque, false);
    assert.equal(get.authGuarded, true);
    assert.deepEqual(get.middleware, ['jwtAuth', 'exposeToken']);
    assert.equal(get.validated, false, 'parse() of a response literal validates no input');
    assert.equal(route(rs, 'PUT /api/user').writesData, true);
  });

  it('sub-apps mounted with route(), path-scoped use(), basePath, validators and request input', () => {
    const rs = routes({
      'package.json': pkg({ hono: '^4' }),
      'src/index.ts': "import { Hono } from 'hono';\nimport { jwt } from 'hono/jwt';\nimport admin from './admin';\nconst app = new Hono().basePath('/api');\napp.get('/health', (c) => c.text('ok'));\napp.use('/admin/*', jwt({ secret: 'x' }));\napp.route('/admin', admin);\napp.post('/posts', async (c) => c.json(await c.req.json()));\nexport default app;\n",
      'src/admin.ts': "import { Hono } from 'hono';\nimport { zValidator } from '@hono/zod-validator';\nimport { z } from 'zod';\nconst admin = new Hono();\nadmin.delete('/users/:id', async (c) => { await db.delete(users).where(eq(users.id, c.req.param('id'))); return c.body(null, 204); });\nadmin.post('/users', zValidator('json', z.object({ email: z.string() })), async (c) => c.json(c.req.valid('json')));\nexport default admin;\n",
    });
    assert.deepEqual(keys(rs), ['DELETE /api/admin/users/:id', 'GET /api/health', 'POST /api/admin/users', 'POST /api/posts']);
    const del = route(rs, 'DELETE /api/admin/users/:id');
    assert.equal(del.framework, 'hono');
    assert.equal(del.authGuarded, true);
    assert.equal(del.writesData, true);
    assert.equal(del.readsInput, true);
    assert.equal(route(rs, 'POST /api/admin/users').validated, true);
    const posts = route(rs, 'POST /api/posts');
    assert.equal(posts.authGuarded, false);
    assert.equal(posts.readsInput, true);
  });

  it('Cloudflare D1 writes through a model module: c.env.DB handed on, each function with its own `const sql`', () => {
    const model = [
      'async function findFolder(DB: D1Database, name: string) {',
      '  const sql = `',
      '    SELECT id FROM folders WHERE name = ?',
      '  `',
      '  return DB.prepare(sql).bind(name).first()',
      '}',
      'async function insertFolder(DB: D1Database, name: string) {',
      '  const sql = `',
      '    INSERT INTO folders (name) VALUES (?)',
      '  `',
      '  return (await DB.prepare(sql).bind(name).run()).meta.last_row_id',
      '}',
      'export { findFolder, insertFolder }',
      '',
    ].join('\n');
    const rs = routes({
      'package.json': pkg({ hono: '^4' }),
      'src/model/folder.ts': model,
      'src/index.ts': "import { Hono } from 'hono';\nimport { findFolder, insertFolder } from '~/model/folder';\nconst app = new Hono<{ Bindings: { DB: D1Database } }>();\napp.get('/folders/:name', async (c) => c.json(await findFolder(c.env.DB, c.req.param('name'))));\napp.post('/folders', async (c) => c.json(await insertFolder(c.env.DB, (await c.req.json()).name)));\nexport default app;\n",
    });
    assert.equal(route(rs, 'POST /folders').writesData, true);
    assert.equal(route(rs, 'GET /folders/:name').writesData, false);
  });
});

describe('route map: tRPC', () => {
  const trpc = [
    "import { initTRPC, TRPCError } from '@trpc/server';",
    "const t = initTRPC.context<{ session: { user?: { id: string; role: string } } | null; db: any }>().create();",
    'export const createTRPCRouter = t.router;',
    'export const publicProcedure = t.procedure;',
    // named so that its name says nothing: the check in its middleware makes it guard
    'export const memberProcedure = t.procedure.use(({ ctx, next }) => {',
    "  if (!ctx.session?.user) throw new TRPCError({ code: 'UNAUTHORIZED' });",
    '  return next();',
    '});',
    'export const staffProcedure = memberProcedure.use(({ ctx, next }) => {',
    "  if (ctx.session!.user!.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN' });",
    '  return next();',
    '});',
    '',
  ].join('\n');
  const files = {
    'package.json': pkg({ next: '14.2.0', '@trpc/server': '^11.0.0' }),
    'src/server/api/trpc.ts': trpc,
    'src/server/api/routers/post.ts': [
      "import { z } from 'zod';",
      "import { createTRPCRouter, memberProcedure, publicProcedure } from '~/server/api/trpc';",
      "const remove = publicProcedure.input(z.object({ id: z.number() })).mutation(({ ctx, input }) => ctx.db.post.delete({ where: { id: input.id } }));",
      'export const postRouter = createTRPCRouter({',
      "  hello: publicProcedure.input(z.object({ text: z.string() })).query(({ input }) => 'hi ' + input.text),",
      '  create: memberProcedure',
      '    .input(z.object({ name: z.string() }))',
      '    .mutation(({ ctx, input }) => ctx.db.post.create({ data: { name: input.name } })),',
      '  remove,',
      '  comments: createTRPCRouter({',
      '    add: memberProcedure.mutation(({ ctx }) => ctx.db.comment.create({ data: {} })),',
      '  }),',
      '});',
      '',
    ].join('\n'),
    'src/server/api/routers/admin.ts': "import { createTRPCRouter, staffProcedure } from '../trpc';\nexport const adminRouter = createTRPCRouter({\n  users: staffProcedure.query(({ ctx }) => ctx.db.user.findMany()),\n});\n",
    'src/server/api/root.ts': "import { postRouter } from '~/server/api/routers/post';\nimport { adminRouter } from './routers/admin';\nimport { createTRPCRouter } from './trpc';\nexport const appRouter = createTRPCRouter({ post: postRouter, admin: adminRouter });\n",
  };

  it('procedures nested under their router keys across files, with the procedure they are built on', () => {
    const rs = routes(files).filter((r) => r.framework === 'trpc');
    assert.deepEqual(keys(rs), ['GET /admin/users', 'GET /post/hello', 'POST /post/comments/add', 'POST /post/create', 'POST /post/remove']);
    for (const r of rs) { assert.equal(r.kind, 'procedure'); assert.equal(r.pathKnown, true); assert.equal(r.opaque, false); }
    const hello = route(rs, 'GET /post/hello');
    assert.equal(hello.authGuarded, false);
    assert.equal(hello.validated, true);
    assert.equal(line(hello), 5);
    const create = route(rs, 'POST /post/create');
    assert.deepEqual(create.authBy, ['memberProcedure']);
    assert.equal(create.writesData, true, 'ctx.db.post.create() writes');
    assert.deepEqual(create.middleware, ['memberProcedure', '.input()']);
    const remove = route(rs, 'POST /post/remove');
    assert.equal(remove.authGuarded, false);
    assert.equal(remove.writesData, true);
    assert.equal(line(remove), 9, 'anchored at its key');
    assert.equal(route(rs, 'POST /post/comments/add').authGuarded, true);
    assert.equal(route(rs, 'POST /post/comments/add').validated, false);
    const users = route(rs, 'GET /admin/users');
    assert.equal(users.roleChecked, true, 'a FORBIDDEN unless the role matches');
    assert.equal(users.authGuarded, true);
  });

  it('procedures in files of their own, objects of procedures spread into routers, a router of a const object, merged routers', () => {
    const rs = routes({
      'package.json': pkg({ '@trpc/server': '^11.0.0' }),
      'src/trpc.ts': trpc,
      'src/user/queries/byId.ts': "import { z } from 'zod';\nimport { publicProcedure } from '../../trpc';\n\nexport const byId = publicProcedure.input(z.string()).query(({ ctx, input }) => ctx.db.user.findUnique({ where: { id: input } }));\n",
      'src/user/mutations.ts': "import { memberProcedure } from '../trpc';\n\nexport const userMutations = {\n  rename: memberProcedure.mutation(({ ctx }) => ctx.db.user.update({ where: { id: '1' }, data: {} })),\n};\n",
      'src/user/index.ts': "import { createTRPCRouter, publicProcedure } from '../trpc';\nimport { byId } from './queries/byId';\nimport { userMutations } from './mutations';\n\nconst local = { count: publicProcedure.query(({ ctx }) => ctx.db.user.count()) };\nexport const userRouter = createTRPCRouter({ byId: byId, ...local, ...userMutations });\n",
      'src/admin.ts': "import { createTRPCRouter, staffProcedure } from './trpc';\n\nconst routes = { purge: staffProcedure.mutation(({ ctx }) => ctx.db.log.deleteMany()) };\nexport const adminRouter = createTRPCRouter(routes);\n",
      'src/root.ts': "import { mergeRouters } from '@trpc/server/unstable-core-do-not-import';\nimport { createTRPCRouter, publicProcedure } from './trpc';\nimport { userRouter } from './user';\nimport { adminRouter } from './admin';\n\nexport const appRouter = mergeRouters(createTRPCRouter({ user: userRouter, admin: adminRouter }), createTRPCRouter({ health: publicProcedure.query(() => 'ok') }));\n",
    }).filter((r) => r.framework === 'trpc');
    assert.deepEqual(rs.map((r) => `${r.method} ${r.path} ${r.pathKnown}`).sort(), ['GET /health true', 'GET /user/byId true', 'GET /user/count true', 'POST /admin/purge true', 'POST /user/rename true']);
    const byId = route(rs, 'GET /user/byId');
    assert.equal(byId.file, 'src/user/queries/byId.ts', 'anchored where the procedure is defined');
    assert.equal(line(byId), 4);
    assert.equal(byId.validated, true);
    assert.equal(route(rs, 'POST /user/rename').authGuarded, true);
    assert.equal(route(rs, 'POST /admin/purge').roleChecked, true);
    assert.equal(route(rs, 'POST /admin/purge').writesData, true);
  });

  it('a router no other router nests has an unknown prefix unless it is the app router; other chains are not procedures', () => {
    const rs = routes({
      'package.json': pkg({ '@trpc/server': '^11.0.0' }),
      'src/trpc.ts': trpc,
      'src/user.ts': "import { createTRPCRouter, publicProcedure } from './trpc';\nexport const userRouter = createTRPCRouter({\n  byId: publicProcedure.query(() => null),\n});\n",
      'src/other.ts': "const router = (o: object) => o;\nconst q = { query: (f: () => void) => f };\nexport const r = router({ a: q.query(() => 1), b: 1 });\nexport const s = createRouter({ c: builder.mutation(() => 1) });\n",
    });
    assert.deepEqual(rs.map((r) => `${r.method} ${r.path} ${r.pathKnown}`), ['GET /byId false']);
  });
});

describe('route map: Firebase Cloud Functions', () => {
  const index = "import { onCall, onRequest, HttpsError } from 'firebase-functions/v2/https';\nimport * as functions from 'firebase-functions/v1';\nimport { initializeApp } from 'firebase-admin/app';\nimport { getFirestore } from 'firebase-admin/firestore';\nimport { getAuth } from 'firebase-admin/auth';\n\ninitializeApp();\nconst db = getFirestore();\n\nexport const createOrganization = onCall(async (request) => {\n  if (!request.auth) throw new HttpsError('unauthenticated', 'Sign in first');\n  const ref = await db.collection('organizations').add({ name: request.data.name, owner: request.auth.uid });\n  return { id: ref.id };\n});\n\nexport const deleteOrganization = onCall({ region: 'asia-northeast1' }, async (request) => {\n  await db.collection('organizations').doc(request.data.id).delete();\n  return { ok: true };\n});\n\nexport const addMember = functions.region('asia-northeast1').https.onCall(async (data, context) => {\n  if (!context.auth) throw new functions.https.HttpsError('unauthenticated', 'Sign in first');\n  await db.collection('organizations').doc(data.orgId).update({ members: data.members });\n  return { ok: true };\n});\n\nexport const promote = onCall(async (request) => {\n  if (!request.auth?.token.admin) throw new HttpsError('permission-denied', 'Admins only');\n  await db.collection('users').doc(request.data.uid).update({ role: 'admin' });\n});\n\nexport const sitemap = onRequest(async (req, res) => {\n  res.send('<xml/>');\n});\n\nexport const exportData = onRequest(async (req, res) => {\n  const token = req.headers.authorization?.split('Bearer ')[1] ?? '';\n  const user = await getAuth().verifyIdToken(token);\n  res.json(await db.collection('exports').where('uid', '==', user.uid).get());\n});\n";
  const rs = () => routes({
    'firebase.json': '{ "functions": { "source": "functions" } }',
    'functions/package.json': pkg({ 'firebase-admin': '^12', 'firebase-functions': '^5' }),
    'functions/src/index.ts': index,
  });

  it('callables (v2 onCall, v1 functions.region().https.onCall) are POSTs to their export name; onRequest answers any method', () => {
    assert.deepEqual(keys(rs()), ['ALL /exportData', 'ALL /sitemap', 'POST /addMember', 'POST /createOrganization', 'POST /deleteOrganization', 'POST /promote']);
    const r = route(rs(), 'POST /addMember');
    assert.equal(r.framework, 'firebase');
    assert.equal(r.pathKnown, true);
    assert.equal(line(r), 21);
  });

  it('auth from request.auth / context.auth checks (HttpsError unauthenticated), roles from permission-denied, ID tokens verified', () => {
    const all = rs();
    assert.equal(route(all, 'POST /createOrganization').authGuarded, true);
    assert.equal(route(all, 'POST /addMember').authGuarded, true);
    assert.equal(route(all, 'POST /deleteOrganization').authGuarded, false);
    assert.equal(route(all, 'POST /promote').roleChecked, true);
    assert.equal(route(all, 'ALL /exportData').authGuarded, true);
    assert.equal(route(all, 'ALL /sitemap').authGuarded, false);
  });

  it('Firestore writes and the data a callable receives', () => {
    const all = rs();
    assert.equal(route(all, 'POST /deleteOrganization').writesData, true);
    assert.equal(route(all, 'POST /deleteOrganization').readsInput, true);
    assert.equal(route(all, 'ALL /sitemap').writesData, false);
  });

  it('a name assigned through a map key; a function whose name the scan cannot tell has an unknown path', () => {
    const map = routes({
      'functions/package.json': pkg({ 'firebase-functions': '^5' }),
      'functions/src/index.ts': "import { onRequest, onCall } from 'firebase-functions/https';\nconst funcMap: Record<string, unknown> = {};\nfuncMap['sitemap'] = onRequest(async (req, res) => { res.send('x'); });\nfor (const name of names) funcMap[name] = onCall(async (request) => run(name, request.data));\nmodule.exports = funcMap;\n",
    });
    assert.deepEqual(keys(map), ['ALL /sitemap', 'POST /*']);
    assert.equal(route(map, 'POST /*').pathKnown, false);
  });

  it('an Express app served by onRequest(app) answers under the function\'s name (seen on a real Firebase backend)', () => {
    const rs = routes({
      'functions/package.json': pkg({ 'firebase-functions': '^4', express: '^4' }),
      'functions/payment/webhook.js': "const functions = require('firebase-functions');\nconst express = require('express');\nconst app = express();\napp.post('/', async (req, res) => { await db.collection('orders').doc(req.body.order_id).update({ paid: true }); res.sendStatus(200); });\nexports.paymentWebhook = functions.https.onRequest(app);\n",
    });
    assert.deepEqual(keys(rs), ['POST /paymentWebhook']);
    assert.equal(route(rs, 'POST /paymentWebhook').framework, 'express');
  });

  it('an onCall that is not firebase-functions is no route', () => {
    assert.deepEqual(routes({ 'src/a.ts': "import { onCall } from './rpc';\nexport const x = onCall(async (req) => req.data);\n" }), []);
  });
});

describe('route map: monorepo packages imported by name', () => {
  const gate = "import jwt from 'jsonwebtoken';\nexport function gate(req, res, next) {\n  const t = req.headers.authorization;\n  if (!t) return res.status(401).end();\n  res.locals.user = jwt.verify(t, process.env.SECRET!);\n  next();\n}\nexport const requireRole = (role: string) => (req, res, next) => (res.locals.user?.role === role ? next() : res.sendStatus(403));\n";
  const server = (imports: string, use: string) => `import express from 'express';\n${imports}\nconst app = express();\napp.post('/orders', ${use}, (req, res) => res.json(req.body));\napp.post('/projects', (req, res) => res.json(req.body));\napp.listen(3000);\n`;
  const api = JSON.stringify({ name: '@acme/api', dependencies: { express: '^4', '@acme/auth': '*' } });

  it("follows a workspace package's middleware through its manifest (main in dist/ -> src/), namespace imports and factories", () => {
    const base = {
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/auth/package.json': JSON.stringify({ name: '@acme/auth', main: 'dist/index.js', types: 'dist/index.d.ts' }),
      'packages/auth/src/index.ts': gate,
      'apps/api/package.json': api,
    };
    for (const [imports, use] of [
      ["import { gate } from '@acme/auth';", 'gate'],
      ["import * as auth from '@acme/auth';", 'auth.gate'],
      ["const { gate: g } = require('@acme/auth');", 'g'],
    ]) {
      const rs = routes({ ...base, 'apps/api/src/server.ts': server(imports, use) });
      const orders = route(rs, 'POST /orders');
      assert.equal(orders.authGuarded, true, imports);
      assert.equal(orders.opaque, false, imports);
      assert.equal(route(rs, 'POST /projects').authGuarded, false);
    }
    const role = route(routes({ ...base, 'apps/api/src/server.ts': server("import { gate, requireRole } from '@acme/auth';", "gate, requireRole('admin')") }), 'POST /orders');
    assert.equal(role.authGuarded, true);
    assert.equal(role.roleChecked, true);
  });

  it('calls inside a handler into a workspace package are followed (an in-handler check); calls into third-party packages are not', () => {
    const check = "import jwt from 'jsonwebtoken';\nexport async function check(req) {\n  const t = req.headers.authorization;\n  if (!t) { const e = new Error('unauthorized'); (e as any).status = 401; throw e; }\n  return jwt.verify(t, process.env.SECRET!);\n}\n";
    const app = (spec: string) => `import express from 'express';\nimport { check } from '${spec}';\nimport { z } from 'zod';\nconst app = express();\napp.post('/orders', async (req, res) => {\n  const user = await check(req);\n  res.json({ user, body: z.object({}).parse(req.body) });\n});\napp.post('/projects', async (req, res) => res.json(req.body));\napp.listen(3000);\n`;
    const files = {
      'packages/auth/package.json': JSON.stringify({ name: '@acme/auth', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } }),
      'packages/auth/src/index.ts': check,
      'apps/api/package.json': JSON.stringify({ name: '@acme/api', dependencies: { express: '^4', zod: '^3', '@acme/auth': '*' } }),
    };
    // the reference: the same helper in the app, imported by a relative path
    const local = routes({ ...files, 'apps/api/src/check.ts': check, 'apps/api/src/server.ts': app('./check') });
    assert.equal(route(local, 'POST /orders').authGuarded, true);
    const rs = routes({ ...files, 'apps/api/src/server.ts': app('@acme/auth') });
    assert.equal(route(rs, 'POST /orders').authGuarded, true);
    assert.equal(route(rs, 'POST /projects').authGuarded, false);
    // a package that is not the workspace's: the same call says nothing
    const other = routes({ ...files, 'apps/api/src/server.ts': app('@vendor/auth') });
    assert.equal(route(other, 'POST /orders').authGuarded, false);
  });

  it('NestJS: a guard class from a workspace package (a name that says nothing) is read from its source', () => {
    const rs = routes({
      'packages/auth/package.json': JSON.stringify({ name: '@acme/auth', main: './dist/index.js' }),
      'packages/auth/src/index.ts': "export * from './gate';\n",
      'packages/auth/src/gate.ts': "import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class Gate implements CanActivate {\n  constructor(private readonly jwt: JwtService) {}\n  canActivate(ctx: ExecutionContext) {\n    const req = ctx.switchToHttp().getRequest();\n    const token = req.headers.authorization?.slice(7);\n    if (!token) throw new UnauthorizedException();\n    req.user = this.jwt.verify(token);\n    return true;\n  }\n}\n",
      'apps/api/package.json': JSON.stringify({ name: '@acme/api', dependencies: { '@nestjs/core': '^10', '@nestjs/common': '^10', '@acme/auth': '*' } }),
      'apps/api/src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'apps/api/src/billing.controller.ts': "import { Controller, Post, Body, UseGuards } from '@nestjs/common';\nimport { Gate } from '@acme/auth';\n@Controller('billing')\n@UseGuards(Gate)\nexport class BillingController {\n  @Post('checkout')\n  checkout(@Body() body: any) { return body; }\n}\n",
    });
    const checkout = route(rs, 'POST /billing/checkout');
    assert.equal(checkout.authGuarded, true);
    assert.deepEqual(checkout.authBy, ['Gate']);
  });

  it('subpath exports with conditions, and a package that is not the workspace\'s stays third-party', () => {
    const rs = routes({
      'packages/auth/package.json': JSON.stringify({ name: '@acme/auth', exports: { '.': './src/index.ts', './middleware': { types: './dist/mw.d.ts', import: './dist/mw.mjs', default: './dist/mw.cjs' } } }),
      'packages/auth/src/mw.ts': gate,
      'apps/api/package.json': api,
      'apps/api/src/server.ts': server("import { gate } from '@acme/auth/middleware';", 'gate'),
    });
    assert.equal(route(rs, 'POST /orders').authGuarded, true);
    // `@other/auth` is no package of this workspace: its `gate` is a name the map cannot read (nothing says auth).
    const other = routes({ 'apps/api/package.json': api, 'apps/api/src/server.ts': server("import { gate } from '@other/auth';", 'gate') });
    assert.equal(route(other, 'POST /orders').authGuarded, false);
  });
});

describe('route map: helpers', () => {
  it('Next.js file paths', () => {
    assert.deepEqual(nextRoutePath('app/api/users/[id]/route.ts'), { path: '/api/users/:id', kind: 'app' });
    assert.deepEqual(nextRoutePath('src/app/(marketing)/@modal/api/[[...slug]]/route.js'), { path: '/api/:slug*', kind: 'app' });
    assert.deepEqual(nextRoutePath('pages/api/index.ts'), { path: '/api', kind: 'pages' });
    assert.equal(nextRoutePath('app/_lib/route.ts'), undefined);
    assert.equal(nextRoutePath('lib/app/route.ts'), undefined);
  });
  it('Next.js matchers', () => {
    const t = (m: string, p: string) => matcherRegExp(m)!.test(p);
    assert.equal(t('/dashboard/:path*', '/dashboard'), true);
    assert.equal(t('/dashboard/:path*', '/dashboard/a/b'), true);
    assert.equal(t('/dashboard/:path*', '/dash'), false);
    assert.equal(t('/((?!api|_next/static|favicon.ico).*)', '/api/x'), false);
    assert.equal(t('/((?!api|_next/static|favicon.ico).*)', '/settings'), true);
    assert.equal(t('/api/billing(.*)', '/api/billing/portal'), true);
  });
  it('per-file facts survive a JSON round trip (cacheable)', () => {
    const ws = new Workspace({ rules: [] });
    ws.setFile('src/a.ts', "import express from 'express';\nconst app = express();\napp.post('/x', (req, res) => res.end());\n");
    const f = ws.analyzeFile('src/a.ts')!.facts.routes;
    assert.deepEqual(JSON.parse(JSON.stringify(f)), f);
  });
});

describe('route map: what a middleware name suggests (nameFlags, for middleware the map cannot read)', () => {
  it('a name that starts by validating is a validator, even when it names an admin area or contains "ability"', async () => {
    const { nameFlags } = await import('../../server/engine/facts/routeBodies');
    // seen on a real Express + Sequelize app: these made routes look signed in and role-checked
    assert.deepEqual(nameFlags('validateAvailabilityStatus'), ['validate']);
    assert.deepEqual(nameFlags('validateAdminBookingStatusUpdate'), ['validate']);
    assert.deepEqual(nameFlags('validateUserStatusToggle'), ['validate']);
    assert.deepEqual(nameFlags('validators.sanitizeBody'), ['validate']);
    // credentials validated are guards still
    assert.deepEqual(nameFlags('validateToken'), ['auth']);
    assert.deepEqual(nameFlags('validateApiKey'), ['role', 'auth']);
    assert.deepEqual(nameFlags('validateSession'), ['auth']);
    assert.deepEqual(nameFlags('validateUser'), []); // a passport strategy's method, not a validator either
    // CASL's ability as a word is a role check; inside another word it is not
    assert.deepEqual(nameFlags('checkAbility'), ['role', 'auth']);
    assert.deepEqual(nameFlags('defineAbilityFor'), ['role', 'auth']);
    assert.deepEqual(nameFlags('updateAvailability'), []);
    assert.deepEqual(nameFlags('requireAdmin'), ['role', 'auth']);
  });
  it('a noun naming what it validates is a validator whatever its subject; a credential validator is not (seen on a real Express + Stripe app)', async () => {
    const { nameFlags } = await import('../../server/engine/facts/routeBodies');
    // express-validator arrays imported from validators/: these made three routes look unvalidated (three false nosql-injection ship-stoppers)
    assert.deepEqual(nameFlags('registerUserValidator'), ['validate']);
    assert.deepEqual(nameFlags('loginUserValidator'), ['validate']);
    assert.deepEqual(nameFlags('createCheckoutSessionValidator'), ['validate']);
    assert.deepEqual(nameFlags('userSchema'), ['validate']);
    assert.deepEqual(nameFlags('validators.updateUserValidation'), ['validate']);
    // a token's, a session's or a JWT's validator checks a credential
    assert.deepEqual(nameFlags('tokenValidator'), []);
    assert.deepEqual(nameFlags('sessionValidator'), []);
    assert.deepEqual(nameFlags('jwtValidation'), ['auth']);
    assert.deepEqual(nameFlags('authValidator'), ['auth']);
  });
});

describe('route map: role comparisons that decide nothing about the caller', () => {
  it('a branch on a row\'s role that turns nobody away is no role check (nor auth); one that refuses or passes on is', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', sequelize: '^6' }),
      'src/app.js': [
        "const express = require('express');",
        "const { User, Quote } = require('./models');",
        'const app = express();',
        "app.post('/quotes', async (req, res) => {",
        '  const user = await User.findByPk(req.body.userId);',
        '  let price = 60;',
        "  if (user.role === 'business') price = 80;",
        "  const fee = user.role === 'vip' ? 0 : 5;",
        '  res.json(await Quote.create({ price: price + fee, userId: user.id }));',
        '});',
        "app.post('/auth/login', async (req, res) => {",
        '  const user = await User.findOne({ where: { email: req.body.email } });',
        '  let profile = null;',
        "  if (user.role === 'driver') profile = await user.getDriver();",
        '  res.json({ user, profile });',
        '});',
        "app.delete('/quotes/:id', async (req, res) => {",
        '  const user = await User.findByPk(req.session.userId);',
        "  if (user.role !== 'admin') return res.status(404).end();",
        '  await Quote.destroy({ where: { id: req.params.id } });',
        '  res.end();',
        '});',
        'app.listen(3000);',
      ].join('\n'),
    });
    const quotes = route(rs, 'POST /quotes');
    assert.equal(quotes.roleChecked, false);
    assert.equal(quotes.authGuarded, false);
    assert.equal(route(rs, 'POST /auth/login').roleChecked, false);
    // a branch that refuses (here with a 404) still checks the role
    assert.equal(route(rs, 'DELETE /quotes/:id').roleChecked, true);
  });
});

describe('route map: credentials checked are not input validated', () => {
  it('an auth middleware calling authenticator.validate(token) validates no input; a body validator still does (seen on a real Koa + TypeORM app)', () => {
    const rs = routes({
      'package.json': pkg({ koa: '^2', 'koa-router': '^8', joi: '^17' }),
      'src/auth.ts': "import { authenticator } from './authenticator';\nexport function authentication() {\n  return async (ctx, next) => {\n    const token = ctx.get('Authorization').replace('Bearer ', '');\n    const user = await authenticator.validate(token);\n    if (!user) ctx.throw(401);\n    ctx.state.user = user;\n    await next();\n  };\n}\n",
      'src/validate.ts': "export function validate(schema) {\n  return async (ctx, next) => {\n    const { error } = schema.validate(ctx.request.body);\n    if (error) ctx.throw(400, error.message);\n    await next();\n  };\n}\n",
      'src/app.ts': "import Koa from 'koa';\nimport Router from 'koa-router';\nimport { authentication } from './auth';\nimport { validate } from './validate';\nconst app = new Koa();\nconst router = new Router();\nrouter.get('/me', authentication(), async (ctx) => { ctx.body = ctx.state.user; });\nrouter.post('/notes', authentication(), validate(noteSchema), async (ctx) => { ctx.body = await Note.create(ctx.request.body); });\napp.use(router.routes());\napp.listen(3000);\n",
    });
    const me = route(rs, 'GET /me');
    assert.equal(me.authGuarded, true);
    assert.equal(me.validated, false);
    assert.equal(route(rs, 'POST /notes').validated, true);
  });
});

describe('route map: the module-router boilerplate (routers exported under an alias, mounted in a loop)', () => {
  // seen on a real Express + Mongoose app: every route lost its /api/v1/<module> prefix and was opaque
  const userRoute = "import { Router } from 'express';\nimport { User } from './user.model';\nconst router = Router();\nrouter.post('/update/:id', async (req, res) => {\n  await User.findByIdAndUpdate(req.params.id, req.body);\n  res.json({});\n});\nexport const UserRoutes = router;\n";
  const tourRoute = "import { Router } from 'express';\nimport { Tour } from './tour.model';\nexport const TourRoutes = Router();\nTourRoutes.get('/', async (req, res) => res.json(await Tour.find()));\n";
  it('forEach over a const list of { path, route }, with an alias-exported router', () => {
    const rs = routes({
      'package.json': pkg({ express: '^5' }),
      'src/modules/user.route.ts': userRoute,
      'src/modules/tour.route.ts': tourRoute,
      'src/routes/index.ts': "import { Router } from 'express';\nimport { UserRoutes } from '../modules/user.route';\nimport { TourRoutes } from '../modules/tour.route';\nexport const router = Router();\nconst moduleRoutes = [\n  { path: '/user', route: UserRoutes },\n  { path: '/tour', route: TourRoutes },\n];\nmoduleRoutes.forEach((route) => {\n  router.use(route.path, route.route);\n});\n",
      'src/app.ts': "import express from 'express';\nimport { router } from './routes';\nconst app = express();\napp.use(express.json());\napp.use('/api/v1', router);\napp.listen(3000);\n",
    });
    assert.deepEqual(keys(rs), ['GET /api/v1/tour', 'POST /api/v1/user/update/:id']);
    const update = route(rs, 'POST /api/v1/user/update/:id');
    assert.equal(update.opaque, false);
    assert.equal(update.writesData, true);
  });
  it('for...of with the element destructured', () => {
    const rs = routes({
      'package.json': pkg({ express: '^5' }),
      'src/modules/user.route.ts': userRoute,
      'src/app.ts': "import express from 'express';\nimport { UserRoutes } from './modules/user.route';\nconst app = express();\nconst mounts = [{ prefix: '/users', handler: UserRoutes }];\nfor (const { prefix, handler } of mounts) app.use(prefix, handler);\napp.listen(3000);\n",
    });
    assert.deepEqual(keys(rs), ['POST /users/update/:id']);
  });
});

describe('route map: Supabase database functions', () => {
  it("supabase.rpc() on the user's client is guarded by the database's rules, and writes when the function is named for a change (seen on a real Next.js + Supabase app)", () => {
    const server = "import { cookies } from 'next/headers';\nimport { createServerClient } from '@supabase/ssr';\nexport async function createClient() {\n  const store = await cookies();\n  return createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!, { cookies: { getAll: () => store.getAll(), setAll: () => {} } });\n}\n";
    const rs = routes({
      'package.json': pkg({ next: '^15', '@supabase/ssr': '^0.5.0' }),
      'src/lib/server.ts': server,
      'src/app/api/rentals/route.ts': "import { createClient } from '@/lib/server';\nexport async function POST(request: Request) {\n  const supabase = await createClient();\n  const body = await request.json();\n  const { data } = await supabase.rpc('issue_rental', { p_customer_id: body.customerId });\n  return Response.json(data);\n}\nexport async function GET() {\n  const supabase = await createClient();\n  const { data } = await supabase.rpc('rental_summary');\n  return Response.json(data);\n}\n",
    });
    const post = route(rs, 'POST /api/rentals');
    assert.equal(post.dataRules, true);
    assert.equal(post.writesData, true);
    const get = route(rs, 'GET /api/rentals');
    assert.equal(get.dataRules, true);
    assert.equal(get.writesData, false);
  });
});

describe('route map: a role factory given every role', () => {
  it('authCheck(...Object.values(Role)) is a sign-in check, not a role check; authCheck(Role.ADMIN) is both (seen on a real Express + Mongoose app)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^5' }),
      'src/auth.ts': "import jwt from 'jsonwebtoken';\nexport const authCheck = (...roles: string[]) => (req, res, next) => {\n  const user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!) as { role: string };\n  if (!roles.includes(user.role)) return res.status(403).json({ message: 'Forbidden' });\n  req.user = user;\n  next();\n};\n",
      'src/app.ts': "import express from 'express';\nimport { authCheck } from './auth';\nenum Role { ADMIN = 'ADMIN', USER = 'USER' }\nconst app = express();\napp.get('/users', authCheck(Role.ADMIN), (req, res) => res.json([]));\napp.patch('/users/:id', authCheck(...Object.values(Role)), (req, res) => res.json({}));\napp.listen(3000);\n",
    });
    assert.equal(route(rs, 'GET /users').roleChecked, true);
    const patch = route(rs, 'PATCH /users/:id');
    assert.equal(patch.authGuarded, true);
    assert.equal(patch.roleChecked, false);
  });
});

describe('route map: TypeORM custom repositories', () => {
  it('this.save() / super.update() in a class extending Repository are writes (seen on a real Koa + TypeORM app)', () => {
    const rs = routes({
      'package.json': pkg({ express: '^4', typeorm: '^0.3' }),
      'src/user.repository.ts': "import { Repository } from 'typeorm';\nexport class UserRepository extends Repository<User> {\n  async activate(id: string) {\n    return super.update(id, { activated: true });\n  }\n  async rename(user: User, name: string) {\n    user.name = name;\n    return this.save(user);\n  }\n  async byName(name: string) {\n    return this.findOneBy({ name });\n  }\n}\nexport const users = new UserRepository();\n",
      'src/app.ts': "import express from 'express';\nimport { users } from './user.repository';\nconst app = express();\napp.put('/users/:id/activate', async (req, res) => res.json(await users.activate(req.params.id)));\napp.get('/users/by-name/:name', async (req, res) => res.json(await users.byName(req.params.name)));\napp.listen(3000);\n",
    });
    assert.equal(route(rs, 'PUT /users/:id/activate').writesData, true);
    assert.equal(route(rs, 'GET /users/by-name/:name').writesData, false);
  });
});
