import rule from '../../../rules/security/no-input-validation';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const expressPkg = pkg({ express: '^4.21.0', '@prisma/client': '^5.22.0', zod: '^3.24.0' });
const server = (mounts: string, imports = '') => `import express from 'express';\n${imports}\nconst app = express();\napp.use(express.json());\n${mounts}\napp.listen(3000);\n`;
const nestPkg = pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', 'class-validator': '^0.14.0' });
const nestController = "import { Body, Controller, Get, Param, Post } from '@nestjs/common';\nimport { CreateProjectDto } from './dto';\nimport { ProjectsService } from './projects.service';\n\n@Controller('projects')\nexport class ProjectsController {\n  constructor(private readonly projects: ProjectsService) {}\n\n  @Post()\n  create(@Body() dto: CreateProjectDto) {\n    return this.projects.create(dto);\n  }\n\n  @Get(':id')\n  findOne(@Param('id') id: string) {\n    return this.projects.findOne(id);\n  }\n}\n";
const nestMain = (pipes: string) => `import { NestFactory } from '@nestjs/core';\nimport { ValidationPipe } from '@nestjs/common';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n${pipes}  await app.listen(3000);\n}\nbootstrap();\n`;

ruleTester(rule, {
  valid: [
    { name: 'Next.js: a POST that hands the request only to an IP / rate-limit helper reads no input of its body (seen on a real Next.js + Supabase app)', files: { 'package.json': '{"name":"web","dependencies":{"next":"^15.0.0","@supabase/ssr":"^0.5.0"}}', 'app/api/recover/[token]/setup-intent/route.ts': "import { NextResponse } from 'next/server';\nimport { createServerClient } from '@/lib/supabase/server';\nimport { clientIp, rateLimit } from '@/lib/rate-limit';\nexport async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {\n  const { token } = await params;\n  if (!rateLimit(`setup:${clientIp(request)}:${token}`, 10, 60_000)) return NextResponse.json({ error: 'Too many requests' }, { status: 429 });\n  const supabase = createServerClient();\n  await supabase.from('recovery_events').insert({ kind: 'setup', token_hash: token });\n  return NextResponse.json({ ok: true });\n}\n" } },
    { name: 'Next.js Pages Router: one handler with a GET branch reading the query and a POST branch parsing the body with zod (seen on a real legal-practice app)', files: { 'package.json': "{ \"name\": \"r3\", \"dependencies\": { \"next\": \"^14.0.3\", \"mongodb\": \"^6.12.0\", \"zod\": \"^3.22.4\" } }\n", 'pages/api/sessions/index.ts': "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { MongoClient } from 'mongodb';\nimport { z } from 'zod';\n\nconst sessionSchema = z.object({ matterId: z.string().min(1), notes: z.string().optional() });\nconst collection = new MongoClient(process.env.MONGODB_URI as string).db('app').collection('sessions');\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  if (req.method === 'GET') {\n    const { matterId } = req.query;\n    const query: any = {};\n    if (matterId) query.matterId = matterId;\n    res.status(200).json(await collection.find(query).toArray());\n  } else if (req.method === 'POST') {\n    const validatedData = sessionSchema.parse(req.body);\n    const created = await collection.insertOne({ ...validatedData, createdAt: new Date() });\n    res.status(201).json({ _id: created.insertedId, ...validatedData });\n  }\n}\n" } },
    { name: 'Express: the body is parsed with zod in the handler', files: {
      'package.json': expressPkg,
      'src/server.ts': server("app.post('/projects', async (req, res) => {\n  const { name } = NewProject.parse(req.body);\n  res.status(201).json(await prisma.project.create({ data: { name } }));\n});", "import { z } from 'zod';\nimport { prisma } from './db';\nconst NewProject = z.object({ name: z.string().min(1) });"),
    } },
    { name: 'Express: a validation middleware imported from another file', files: {
      'package.json': expressPkg,
      'src/middleware/validate.ts': "import type { ZodSchema } from 'zod';\n\nexport const validate = (schema: ZodSchema) => (req, res, next) => {\n  const r = schema.safeParse(req.body);\n  if (!r.success) return res.status(400).json(r.error.flatten());\n  req.body = r.data;\n  next();\n};\n",
      'src/server.ts': server("app.post('/projects', validate(NewProject), async (req, res) => res.status(201).json(await prisma.project.create({ data: { name: req.body.name } })));", "import { z } from 'zod';\nimport { validate } from './middleware/validate';\nimport { prisma } from './db';\nconst NewProject = z.object({ name: z.string() });"),
    } },
    { name: 'Express: celebrate and express-validator middleware', files: {
      'package.json': expressPkg,
      'src/server.ts': server("app.post('/users', celebrate({ body: Joi.object({ email: Joi.string().email() }) }), (req, res) => res.json(req.body));\napp.post('/contact', body('email').isEmail(), (req, res) => {\n  const errors = validationResult(req);\n  res.json({ ok: errors.isEmpty(), email: req.body.email });\n});", "import { celebrate, Joi } from 'celebrate';\nimport { body, validationResult } from 'express-validator';"),
    } },
    { name: 'Express: the handler delegates to a service that validates (another file)', files: {
      'package.json': expressPkg,
      'src/services/projects.ts': "import { z } from 'zod';\nimport { prisma } from '../db';\n\nconst NewProject = z.object({ name: z.string() });\nexport async function createProject(input: unknown) {\n  return prisma.project.create({ data: NewProject.parse(input) });\n}\n",
      'src/server.ts': server("app.post('/projects', async (req, res) => res.status(201).json(await createProject(req.body)));", "import { createProject } from './services/projects';"),
    } },
    { name: 'Express: hand-written checks that answer 400', files: {
      'package.json': expressPkg,
      'src/server.ts': server("app.post('/invites', async (req, res) => {\n  const { email } = req.body;\n  if (typeof email !== 'string' || !email.includes('@')) return res.status(400).json({ error: 'email required' });\n  res.status(201).json(await prisma.invite.create({ data: { email } }));\n});", "import { prisma } from './db';"),
    } },
    { name: "Express: the app's own validators in another module, which answer 400 themselves or throw (seen on real apps)", files: {
      'package.json': expressPkg,
      'src/validators.ts': "import type { Request, Response } from 'express';\nexport function validateProject(req: Request, res: Response): boolean {\n  const { name } = req.body ?? {};\n  if (typeof name !== 'string' || name.length > 200) { res.status(400).json({ error: 'name' }); return false; }\n  return true;\n}\nexport function assertValidNote(body: unknown): asserts body is { text: string } {\n  if (typeof (body as { text?: unknown })?.text !== 'string') throw new ValidationError('text');\n}\n",
      'src/server.ts': server("app.post('/projects', async (req, res) => {\n  if (!validateProject(req, res)) return;\n  res.status(201).json(await prisma.project.create({ data: { name: req.body.name } }));\n});\napp.post('/notes', async (req, res) => {\n  assertValidNote(req.body);\n  res.json(await prisma.note.create({ data: { text: req.body.text } }));\n});", "import { assertValidNote, validateProject } from './validators';"),
    } },
    { name: 'Express: GET routes that only read pagination or a path param', files: {
      'package.json': expressPkg,
      'src/server.ts': server("app.get('/projects', async (req, res) => res.json(await prisma.project.findMany({ take: Number(req.query.limit ?? 20) })));\napp.get('/projects/:id', async (req, res) => res.json(await prisma.project.findUnique({ where: { id: req.params.id } })));\napp.delete('/projects/:id', async (req, res) => { await prisma.project.delete({ where: { id: req.params.id } }); res.sendStatus(204); });", "import { prisma } from './db';"),
    } },
    { name: 'Express: a multer upload and a webhook (signed payload) are not reported', files: {
      'package.json': expressPkg,
      'src/server.ts': server("app.post('/avatars', upload.single('avatar'), async (req, res) => res.json(await storeAvatar(req.file)));\napp.post('/webhooks/stripe', async (req, res) => {\n  await prisma.event.create({ data: { type: req.body.type } });\n  res.sendStatus(200);\n});", "import multer from 'multer';\nimport { prisma } from './db';\nconst upload = multer({ limits: { fileSize: 1_000_000 } });"),
    } },
    { name: 'Fastify: route schemas', files: {
      'package.json': pkg({ fastify: '^4.28.0' }),
      'src/app.ts': "import Fastify from 'fastify';\n\nconst app = Fastify();\nconst schema = { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } };\napp.post('/projects', { schema }, async (request) => ({ name: (request.body as { name: string }).name }));\napp.listen({ port: 3000 });\n",
    } },
    { name: 'Nest: DTOs with a global ValidationPipe', files: {
      'package.json': nestPkg,
      'src/main.ts': nestMain('  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));\n'),
      'src/projects.controller.ts': nestController,
    } },
    { name: 'Hono: zValidator', files: {
      'package.json': pkg({ hono: '^4.6.0', '@hono/zod-validator': '^0.4.0', zod: '^3.24.0' }),
      'src/index.ts': "import { Hono } from 'hono';\nimport { zValidator } from '@hono/zod-validator';\nimport { z } from 'zod';\n\nconst app = new Hono();\napp.post('/posts', zValidator('json', z.object({ title: z.string() })), async (c) => {\n  const { title } = c.req.valid('json');\n  return c.json({ title }, 201);\n});\nexport default app;\n",
    } },
    { name: 'Next.js: route handler and server action parse their input', files: {
      'package.json': pkg({ next: '^15.0.0', zod: '^3.24.0' }),
      'app/api/posts/route.ts': "import { z } from 'zod';\nimport { db } from '@/lib/db';\n\nconst NewPost = z.object({ title: z.string().max(200) });\n\nexport async function POST(req: Request) {\n  const data = NewPost.parse(await req.json());\n  return Response.json(await db.post.create({ data }));\n}\n",
      'app/posts/actions.ts': "'use server';\n\nimport { z } from 'zod';\nimport { db } from '@/lib/db';\n\nconst NewPost = z.object({ title: z.string().max(200) });\n\nexport async function createPost(formData: FormData) {\n  const data = NewPost.parse(Object.fromEntries(formData));\n  await db.post.create({ data });\n}\n\nexport async function deletePost(id: string) {\n  await db.post.delete({ where: { id } });\n}\n",
    } },
    { name: 'Next.js: a server action parsing an object built from the form, and a route answering with a response schema', files: {
      'package.json': pkg({ next: '^15.0.0', zod: '^3.24.0' }),
      'app/login/actions.ts': "'use server';\n\nimport { z } from 'zod';\nimport { db } from '@/lib/db';\n\nconst Credentials = z.object({ email: z.string().email(), name: z.string().max(80) });\n\nexport async function signUp(formData: FormData) {\n  const parsed = Credentials.safeParse({ email: formData.get('email'), name: formData.get('name') });\n  if (!parsed.success) return { error: 'Invalid input' };\n  await db.user.create({ data: parsed.data });\n}\n",
    } },
    { name: 'Hono: a logout that reads only the session cookie and answers with c.body(null, 204)', files: {
      'package.json': pkg({ hono: '^4.6.0', knex: '^3.1.0' }),
      'src/session.ts': "import type { Context } from 'hono';\nimport { deleteCookie, getCookie } from 'hono/cookie';\nimport { db } from './db';\n\nexport async function endSession(c: Context) {\n  const token = getCookie(c, 'sid');\n  if (token) await db('sessions').where({ id_hash: sha256(token) }).delete();\n  deleteCookie(c, 'sid', { path: '/' });\n}\n",
      'src/index.ts': "import { Hono } from 'hono';\nimport { endSession } from './session';\nimport { db } from './db';\n\nconst app = new Hono();\napp.post('/auth/logout', async (c) => {\n  await endSession(c);\n  return c.body(null, 204);\n});\napp.post('/devices/ping', async (c) => {\n  await db('devices').where({ id: c.req.header('x-device-id') }).update({ seen_at: new Date() });\n  return c.body(null, 204);\n});\nexport default app;\n",
    } },
    { name: 'Next.js: the id and the body are both parsed, the body through a local variable or a workspace helper', files: {
      'package.json': pkg({ next: '^15.0.0', zod: '^3.24.0' }),
      'app/api/posts/[id]/route.ts': "import { z } from 'zod';\nimport { db } from '@/lib/db';\nimport { updatePost } from '@/lib/posts';\n\nconst Id = z.string().cuid();\nconst Patch = z.object({ title: z.string().max(200) });\n\nexport async function PATCH(req: Request, { params }: { params: { id: string } }) {\n  const raw = await req.json();\n  const data = Patch.parse(raw);\n  return Response.json(await db.post.update({ where: { id: Id.parse(params.id) }, data }));\n}\n\nexport async function PUT(req: Request, { params }: { params: { id: string } }) {\n  const id = Id.parse(params.id);\n  return Response.json(await updatePost(id, await req.json()));\n}\n",
      'lib/posts.ts': "import { z } from 'zod';\nimport { db } from './db';\n\nconst Post = z.object({ title: z.string().max(200) });\nexport async function updatePost(id: string, input: unknown) {\n  return db.post.update({ where: { id }, data: Post.parse(input) });\n}\n",
    } },
  ],
  invalid: [
    {
      name: 'Next.js Pages Router: the same handler with its POST branch writing the body unparsed: reported for POST, not GET',
      files: { 'package.json': "{ \"name\": \"r3\", \"dependencies\": { \"next\": \"^14.0.3\", \"mongodb\": \"^6.12.0\", \"zod\": \"^3.22.4\" } }\n", 'pages/api/sessions/index.ts': "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { MongoClient } from 'mongodb';\nimport { z } from 'zod';\n\nconst sessionSchema = z.object({ matterId: z.string().min(1), notes: z.string().optional() });\nconst collection = new MongoClient(process.env.MONGODB_URI as string).db('app').collection('sessions');\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  if (req.method === 'GET') {\n    const { matterId } = req.query;\n    const query: any = {};\n    if (matterId) query.matterId = matterId;\n    res.status(200).json(await collection.find(query).toArray());\n  } else if (req.method === 'POST') {\n    const validatedData = req.body;\n    const created = await collection.insertOne({ ...validatedData, createdAt: new Date() });\n    res.status(201).json({ _id: created.insertedId, ...validatedData });\n  }\n}\n" },
      errors: [{ file: 'pages/api/sessions/index.ts', line: 8, column: 1, message: /^`POST \/api\/sessions` uses the request body with no validation: .* parse it with a schema \(`Schema\.parse\(req\.body\)`\) before using it\.$/ }],
    },
    {
      name: 'Express: a 400 answered from the catch after the write is no validation (seen on a real Express + Mongoose app)',
      files: {
        'package.json': expressPkg,
        'src/server.ts': server("app.post('/rooms', async (req, res) => {\n  try {\n    const room = await Room.create({ name: req.body.name, price: req.body.price });\n    res.status(201).json(room);\n  } catch (err) {\n    res.status(400).json({ message: err.message });\n  }\n});", "import { Room } from './models/Room';"),
      },
      errors: [{ file: 'src/server.ts', line: 5, column: 20, message: /^`POST \/rooms` uses the request body \(`name`, `price`\) with no validation/ }],
    },
    {
      name: "Express: a check of the caller (checkAuth) turning the request away is no validation of the body",
      files: {
        'package.json': expressPkg,
        'src/server.ts': server("app.post('/projects', async (req, res) => {\n  if (!checkAuth(req, res)) return;\n  res.status(201).json(await prisma.project.create({ data: { name: req.body.name } }));\n});", "import { checkAuth } from './auth';"),
      },
      errors: [{ file: 'src/server.ts', line: 5, column: 23, message: /^`POST \/projects` uses the request body \(`name`\) with no validation/ }],
    },
    { name: 'Express: body fields used as they come (routes in another file)', files: {
      'package.json': expressPkg,
      'src/server.ts': server("app.use('/projects', projectsRouter);", "import { projectsRouter } from './routes/projects';"),
      'src/routes/projects.ts': "import { Router } from 'express';\nimport { prisma } from '../db';\n\nexport const projectsRouter = Router();\n\nprojectsRouter.post('/', async (req, res) => {\n  const { name, description } = req.body;\n  res.status(201).json(await prisma.project.create({ data: { name, description } }));\n});\n",
    },
    errors: [{ file: 'src/routes/projects.ts', line: 6, column: 26, message: "`POST /projects` uses the request body (`name`, `description`) with no validation: whatever the client sends (missing fields, wrong types, objects, huge strings) reaches the database: malformed rows, 500s, type confusion. Validate it at the edge: parse it with a schema (zod `Schema.parse(req.body)`) or a validation middleware (express-validator, celebrate) before using it.", tier: 'tech-debt' }] },
    { name: 'Express: a controller method in another file (reported at the handler)', files: {
      'package.json': expressPkg,
      'src/server.ts': server("app.post('/users', users.create);", "import * as users from './controllers/users';"),
      'src/controllers/users.ts': "import { prisma } from '../db';\n\nexport async function create(req, res) {\n  const user = await prisma.user.create({ data: { email: req.body.email } });\n  res.status(201).json(user);\n}\n",
    },
    errors: [{ file: 'src/controllers/users.ts', line: 3, column: 23, message: /^`POST \/users` uses the request body \(`email`\) with no validation/ }] },
    { name: 'Express: a GET that writes from the query string', files: {
      'package.json': expressPkg,
      'src/server.ts': server("app.get('/unsubscribe', async (req, res) => {\n  await prisma.subscriber.update({ where: { email: req.query.email }, data: { active: false } });\n  res.send('Unsubscribed');\n});", "import { prisma } from './db';"),
    },
    errors: [{ line: 5, column: 25, message: /^`GET \/unsubscribe` uses the query string \(`email`\) with no validation: .* reaches the database/ }] },
    { name: 'Fastify: request.body with no schema', files: {
      'package.json': pkg({ fastify: '^4.28.0' }),
      'src/app.ts': "import Fastify from 'fastify';\nimport { prisma } from './db';\n\nconst app = Fastify();\napp.post('/projects', async (request, reply) => {\n  const body = request.body as { name: string };\n  return reply.code(201).send(await prisma.project.create({ data: { name: body.name } }));\n});\napp.listen({ port: 3000 });\n",
    },
    errors: [{ line: 5, column: 23, message: /^`POST \/projects` uses the request body with no validation: .*add a route `schema` \(body\/querystring\) or parse it with zod\.$/ }] },
    { name: 'Koa: ctx.request.body', files: {
      'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^12.0.0', 'koa-bodyparser': '^4.4.0' }),
      'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\nimport bodyParser from 'koa-bodyparser';\n\nconst app = new Koa();\nconst router = new Router({ prefix: '/api' });\nrouter.post('/notes', async (ctx) => {\n  ctx.body = await saveNote(ctx.request.body.text);\n});\napp.use(bodyParser());\napp.use(router.routes());\napp.listen(3000);\n",
    },
    errors: [{ line: 7, column: 23, message: /^`POST \/api\/notes` uses the request body \(`text`\) with no validation/ }] },
    { name: 'Hono: await c.req.json()', files: {
      'package.json': pkg({ hono: '^4.6.0' }),
      'src/index.ts': "import { Hono } from 'hono';\n\nconst app = new Hono();\napp.post('/posts', async (c) => {\n  const { title } = await c.req.json();\n  return c.json({ title }, 201);\n});\nexport default app;\n",
    },
    errors: [{ line: 4, column: 20, message: /^`POST \/posts` uses the request body with no validation: .*`zValidator\('json', Schema\)`/ }] },
    { name: 'Nest: a DTO but no ValidationPipe anywhere', files: {
      'package.json': nestPkg,
      'src/main.ts': nestMain(''),
      'src/projects.controller.ts': nestController,
    },
    errors: [{ file: 'src/projects.controller.ts', line: 10, column: 3, message: /^`POST \/projects` uses the request body with no validation: .*`ValidationPipe\(\{ whitelist: true \}\)` globally\.$/ }] },
    { name: 'Next.js: route handler reading await req.json(), and a server action taking FormData', files: {
      'package.json': pkg({ next: '^15.0.0' }),
      'app/api/posts/route.ts': "import { db } from '@/lib/db';\n\nexport async function POST(req: Request) {\n  const { title } = await req.json();\n  return Response.json(await db.post.create({ data: { title } }));\n}\n",
      'app/posts/actions.ts': "'use server';\n\nimport { db } from '@/lib/db';\n\nexport async function createPost(formData: FormData) {\n  await db.post.create({ data: { title: formData.get('title') as string } });\n}\n",
    },
    errors: [
      { file: 'app/api/posts/route.ts', line: 3, column: 1, message: /^`POST \/api\/posts` uses the request body with no validation: .*`Schema\.parse\(await req\.json\(\)\)`/ },
      { file: 'app/posts/actions.ts', line: 5, column: 1, message: /^The server action `createPost` uses form data with no validation: .*`Schema\.parse\(Object\.fromEntries\(formData\)\)`/ },
    ] },
    { name: 'Next.js: a server action storing primitive arguments as sent (seen on a real Auth.js + Drizzle app); a read by the same kind of argument, a delete by id and a path to come back to stay quiet', files: {
      'package.json': pkg({ next: '^14.0.4', 'drizzle-orm': '^0.29.0', bcryptjs: '^2.4.3' }),
      'src/actions/auth.ts': "'use server';\n\nimport bcrypt from 'bcryptjs';\nimport { eq } from 'drizzle-orm';\nimport { db } from '@/db';\nimport { users } from '@/db/schema';\n\nexport async function updatePassword(token: string, password: string) {\n  const passwordHash = await bcrypt.hash(password, 10);\n  await db.update(users).set({ passwordHash, resetPasswordToken: null }).where(eq(users.resetPasswordToken, token));\n}\nexport async function getUserByEmail(email: string) {\n  const [user] = await db.select().from(users).where(eq(users.email, email));\n  return user ?? null;\n}\nexport async function deleteUser(userId: string) {\n  await db.delete(users).where(eq(users.id, userId));\n}\nexport async function openPortal(currentPath: string) {\n  await db.insert(users).values({ email: 'x@example.com' });\n  return `/account?back=${encodeURIComponent(currentPath)}`;\n}\n",
    },
    errors: [{ file: 'src/actions/auth.ts', line: 8, column: 1, message: /^The server action `updatePassword` uses its arguments with no validation: .*their TypeScript types are not checked at run time/ }] },
    { name: 'Next.js: a server action whose object argument is destructured in its signature, stored as sent (seen on a real Next.js + Prisma app)', files: {
      'package.json': pkg({ next: '^14.2.0', '@prisma/client': '^5.22.0' }),
      'src/app/actions/note.ts': "'use server';\n\nimport { prisma } from '@/lib/db';\nimport { auth } from '@/auth';\n\nexport async function createNote({ title, content }: { title: string; content: string }) {\n  const session = await auth();\n  if (!session?.user?.id) throw new Error('Unauthorized');\n  return prisma.note.create({ data: { title, content, userId: session.user.id } });\n}\nexport async function deleteNote({ noteId }: { noteId: string }) {\n  await prisma.note.delete({ where: { id: noteId } });\n}\n",
    },
    errors: [{ file: 'src/app/actions/note.ts', line: 6, column: 1, message: /^The server action `createNote` uses its arguments with no validation/ }] },
    { name: 'Next.js with an auth middleware whose reach cannot be read (a lookup by pathname): the handlers are still judged (seen on a real Supabase app)', files: {
      'package.json': pkg({ next: '^15.0.0', 'next-auth': '^4.24.0' }),
      'middleware.ts': "import { NextResponse, type NextRequest } from 'next/server';\nimport { getToken } from 'next-auth/jwt';\n\nconst limits: Record<string, number> = { '/api/auth': 5, '/api/posts': 30 };\n\nexport async function middleware(req: NextRequest) {\n  const { pathname } = req.nextUrl;\n  const hit = Object.entries(limits).find(([path]) => pathname.startsWith(path));\n  if (hit && !(await allow(req, hit[1]))) return new NextResponse('Too many requests', { status: 429 });\n  const token = await getToken({ req });\n  if (!token) return NextResponse.redirect(new URL('/login', req.url));\n  return NextResponse.next();\n}\n",
      'app/api/posts/route.ts': "import { db } from '@/lib/db';\n\nexport async function POST(req: Request) {\n  const { title } = await req.json();\n  return Response.json(await db.post.create({ data: { title } }));\n}\n",
      'app/posts/actions.ts': "'use server';\n\nimport { db } from '@/lib/db';\n\nexport async function createPost(formData: FormData) {\n  await db.post.create({ data: { title: formData.get('title') as string } });\n}\n",
    },
    errors: [
      { file: 'app/api/posts/route.ts', line: 3, column: 1, message: /^`POST \/api\/posts` uses the request body with no validation/ },
      { file: 'app/posts/actions.ts', line: 5, column: 1, message: /^The server action `createPost` uses form data with no validation/ },
    ] },
    { name: 'Next.js: a GET that writes from new URL(request.url).searchParams or request.nextUrl.searchParams', files: {
      'package.json': pkg({ next: '^15.0.0' }),
      'app/api/unsubscribe/route.ts': "import { db } from '@/lib/db';\n\nexport async function GET(request: Request) {\n  const email = new URL(request.url).searchParams.get('email') ?? '';\n  await db.subscriber.updateMany({ where: { email }, data: { active: false } });\n  return new Response('Unsubscribed');\n}\n",
      'app/api/confirm/route.ts': "import type { NextRequest } from 'next/server';\nimport { db } from '@/lib/db';\n\nexport async function GET(request: NextRequest) {\n  const token = request.nextUrl.searchParams.get('token');\n  await db.subscriber.updateMany({ where: { token }, data: { confirmed: true } });\n  return new Response('Confirmed');\n}\n",
    },
    errors: [
      { file: 'app/api/confirm/route.ts', line: 4, column: 1, message: /^`GET \/api\/confirm` uses the query string \(`token`\) with no validation: .* reaches the database: .*`Schema\.parse\(Object\.fromEntries\(searchParams\)\)`/ },
      { file: 'app/api/unsubscribe/route.ts', line: 3, column: 1, message: /^`GET \/api\/unsubscribe` uses the query string \(`email`\) with no validation: .* reaches the database/ },
    ] },
    { name: 'Next.js: a zod parse of the path param does not validate the body', files: {
      'package.json': pkg({ next: '^15.0.0', zod: '^3.24.0' }),
      'app/api/posts/[id]/route.ts': "import { z } from 'zod';\nimport { db } from '@/lib/db';\n\nconst PostId = z.string().cuid();\n\nexport async function PATCH(request: Request, { params }: { params: { id: string } }) {\n  const changes = await request.json();\n  return Response.json(await db.post.update({ where: { id: PostId.parse(params.id) }, data: changes }));\n}\n",
    },
    errors: [{ line: 6, column: 1, message: /^`PATCH \/api\/posts\/:id` uses the request body with no validation: .* reaches the database/ }] },
  ],
});
