import rule from '../../../rules/errors/leaks-internals';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    "import { onCall, HttpsError } from 'firebase-functions/v2/https';\nexport const pay = onCall(async (req) => {\n  try { return await charge(req.data); } catch (err) {\n    logger.error(err);\n    throw new HttpsError('internal', 'Payment failed');\n  }\n});\nexport const check = onCall(async (req) => {\n  try { return await validate(req.data); } catch (err) {\n    throw new HttpsError('invalid-argument', 'Bad input', { field: 'amount' });\n  }\n});\n",
    // a central error helper handed the error itself decides what to send; a helper sending data is not about errors
    "import { sendError, respond } from './helpers';\napp.use((err, req, res, next) => sendError(res, err));\napp.get('/x', (req, res) => respond(res, 200, { data: [] }));\n",
    // err.message in a route-level catch: not an error handler (kept quiet for precision)
    "router.post('/', async (req, res) => {\n  try {\n    await createUser(req.body);\n  } catch (err) {\n    res.status(400).json({ error: err.message });\n  }\n});\n",
    // err.message sent only for errors made for the client (status below 500, http-errors' expose)
    "app.use((err, req, res, next) => {\n  const status = err.status || 500;\n  res.status(status).json({ error: status < 500 ? err.message : 'Internal error' });\n});\n",
    "app.use((err, req, res, next) => {\n  res.status(err.status || 500).json({ message: err.expose ? err.message : 'Internal Server Error' });\n});\n",
    "app.use((err, req, res, next) => {\n  const status = err.statusCode ?? 500;\n  if (status >= 500) return res.status(status).json({ error: 'Internal error' });\n  res.status(status).json({ error: err.message });\n});\n",
    // a status that is not a 5xx fallback
    "app.use((err, req, res, next) => {\n  res.status(err.status || 400).json({ message: err.message });\n});\n",
    // stack gated on the environment, in several shapes
    "app.use((err, req, res, next) => {\n  res.status(500).json({\n    error: 'Internal Server Error',\n    stack: process.env.NODE_ENV === 'production' ? undefined : err.stack,\n  });\n});\n",
    "const isDev = process.env.NODE_ENV !== 'production';\napp.use((err, req, res, next) => {\n  res.status(500).json({ error: 'oops', ...(isDev && { stack: err.stack }) });\n});\n",
    "app.use((err, req, res, next) => {\n  if (req.app.get('env') === 'development') {\n    return res.status(500).send(err.stack);\n  }\n  res.sendStatus(500);\n});\n",
    // the branch knows which error it sends
    "app.setErrorHandler((err, request, reply) => {\n  if (isResponseSerializationError(err)) {\n    return reply.code(500).send({ message: err.message });\n  }\n  reply.code(500).send({ message: 'Internal Server Error' });\n});\n",
    "import { ZodError } from 'zod';\nrouter.post('/', (req, res) => {\n  try {\n    schema.parse(req.body);\n  } catch (err) {\n    if (err instanceof ZodError) return res.status(400).json(err);\n    throw err;\n  }\n});\n",
    // logged, not sent; a generic answer
    "app.use((err, req, res, next) => {\n  console.error(err.stack);\n  logger.error({ err }, 'failed');\n  res.status(500).json({ error: 'Internal Server Error', requestId: req.id });\n});\n",
    // not errors: a stack of plates, a message variable, a non-response `send`
    "router.get('/', async (req, res) => {\n  const stack = await plates.top();\n  res.json({ stack, message: 'ok' });\n});\n",
    "try { await job(); } catch (err) { socket.send(JSON.stringify({ error: err.stack })); process.send?.(err); }\n",
    // Fastify: reply.send(err) goes through the error handler
    "fastify.get('/', async (request, reply) => {\n  try {\n    return await load();\n  } catch (err) {\n    reply.code(500).send(err);\n  }\n});\n",
    // a known error's code / validation errors
    "try { await prisma.user.create({ data }); } catch (err) {\n  res.status(409).json({ code: err.code, errors: err.errors });\n}\n",
    // router.param's 4-parameter callback is not an error handler
    "router.param('id', async (req, res, next, id) => {\n  res.status(500).json({ message: req.message });\n});\n",
    { name: 'test files are ignored', filename: 'src/app.test.ts', code: "try { x(); } catch (err) { res.json({ stack: err.stack }); }\n" },
  ],
  invalid: [
    {
      name: 'the usual Express error handler: err.message with err.status || 500 (errors without a status go out as 500 with their message)',
      code: "app.use((err, req, res, next) => {\n  res.status(err.status || 500).json({ message: err.message });\n});\n",
      errors: [{ line: 2, column: 49, message: /^`err\.message` is sent by the error handler with status `err\.status \|\| 500`: errors that carry no status/ }],
      output: "app.use((err, req, res, next) => {\n  res.status(err.status || 500).json({ message: (err.status || 500) < 500 ? err.message : 'Something went wrong' });\n});\n",
    },
    {
      name: 'the fallback status through a local const',
      code: "app.use((err, req, res, next) => {\n  const status = err.statusCode ?? 500;\n  res.status(status).json({ success: false, error: err.message });\n});\n",
      errors: [{ line: 3, column: 52, message: /with status `err\.statusCode \?\? 500`/ }],
      output: "app.use((err, req, res, next) => {\n  const status = err.statusCode ?? 500;\n  res.status(status).json({ success: false, error: status < 500 ? err.message : 'Something went wrong' });\n});\n",
    },
    {
      name: 'a Firebase callable handing the caught error to HttpsError as details (seen on a real Firebase backend)',
      code: "const functions = require('firebase-functions');\nexports.charge = functions.https.onCall(async (data, context) => {\n  try {\n    return await midtrans.charge(data);\n  } catch (err) {\n    throw new functions.https.HttpsError('internal', 'Payment failed', err);\n  }\n});\n",
      errors: [{ line: 6, column: 72, message: /^The error object `err` is sent to the client as is/ }],
      output: "const functions = require('firebase-functions');\nexports.charge = functions.https.onCall(async (data, context) => {\n  try {\n    return await midtrans.charge(data);\n  } catch (err) {\n    throw new functions.https.HttpsError('internal', 'Payment failed', { error: 'Something went wrong' });\n  }\n});\n",
    },
    {
      name: "the stack handed to the app's own response helper with the response object (seen on a real Express app)",
      code: "import { Response } from './helpers';\napp.use((err, req, res, next) => {\n  console.error(err.stack);\n  return Response(res, 500, false, 'Internal server error', { error: err.stack });\n});\n",
      errors: [{ line: 4, column: 70, message: /^The stack trace of `err` is sent to the client/ }],
      output: "import { Response } from './helpers';\napp.use((err, req, res, next) => {\n  console.error(err.stack);\n  return Response(res, 500, false, 'Internal server error', { error: 'Something went wrong' });\n});\n",
    },
    {
      name: 'Express error handler: stack and message in a 500 (two findings; the stack is removed)',
      code: "app.use((err, req, res, next) => {\n  res.status(500).json({ message: err.message, stack: err.stack });\n});\n",
      errors: [
        { line: 2, column: 35, message: /^`err\.message` is sent in a 500 response of the error handler/ },
        { line: 2, column: 55, message: /^The stack trace of `err` is sent to the client/, tier: 'tech-debt' },
      ],
      output: "app.use((err, req, res, next) => {\n  res.status(500).json({ message: 'Something went wrong', stack: err.stack });\n});\n",
    },
    {
      name: 'the stack property is removed (multi-line object)',
      code: "export function onError(err: Error, req: Request, res: Response, next: NextFunction) {\n  res.status(err instanceof NotFound ? 404 : 400).json({\n    error: 'failed',\n    stack: err.stack,\n  });\n}\n",
      errors: [{ line: 4, column: 12 }],
      output: "export function onError(err: Error, req: Request, res: Response, next: NextFunction) {\n  res.status(err instanceof NotFound ? 404 : 400).json({\n    error: 'failed',\n  });\n}\n",
    },
    {
      name: 'raw error in a route catch: res.json({ error: err })',
      code: "router.get('/:id', async (req, res) => {\n  try {\n    res.json(await db.query('select * from t where id = $1', [req.params.id]));\n  } catch (e) {\n    res.status(500).json({ error: e });\n  }\n});\n",
      errors: [{ line: 5, column: 35, message: /^The error object `e` is sent to the client as is/ }],
      output: "router.get('/:id', async (req, res) => {\n  try {\n    res.json(await db.query('select * from t where id = $1', [req.params.id]));\n  } catch (e) {\n    res.status(500).json({ error: 'Something went wrong' });\n  }\n});\n",
    },
    {
      name: 'res.send(err) in a promise .catch',
      code: 'app.get("/users", (req, res) => {\n  User.find().then((users) => res.json(users)).catch((err) => res.status(500).send(err));\n});\n',
      errors: [{ line: 2, column: 84 }],
      output: 'app.get("/users", (req, res) => {\n  User.find().then((users) => res.json(users)).catch((err) => res.status(500).send({ error: "Something went wrong" }));\n});\n',
    },
    {
      name: 'Koa: ctx.body = { error: err.stack } in the error middleware',
      code: "app.use(async (ctx, next) => {\n  try {\n    await next();\n  } catch (err) {\n    ctx.status = 500;\n    ctx.body = { error: err.stack };\n  }\n});\n",
      errors: [{ line: 6, column: 25 }],
      output: "app.use(async (ctx, next) => {\n  try {\n    await next();\n  } catch (err) {\n    ctx.status = 500;\n    ctx.body = { error: 'Something went wrong' };\n  }\n});\n",
    },
    {
      name: 'Koa error middleware with ctx.status = 500: err.message reported too',
      code: "app.use(async (ctx, next) => {\n  try {\n    await next();\n  } catch (err) {\n    ctx.status = 500;\n    ctx.body = { message: err.message };\n  }\n});\n",
      errors: [{ line: 6, column: 27, message: /^`err\.message` is sent in a 500 response/ }],
    },
    {
      name: 'Next.js route handler: NextResponse.json({ error }) with the catch variable as shorthand',
      filename: 'app/api/users/route.ts',
      code: "import { NextResponse } from 'next/server';\nexport async function GET() {\n  try {\n    return NextResponse.json(await prisma.user.findMany());\n  } catch (error) {\n    return NextResponse.json({ error }, { status: 500 });\n  }\n}\n",
      errors: [{ file: 'app/api/users/route.ts', line: 6, column: 32 }],
      output: "import { NextResponse } from 'next/server';\nexport async function GET() {\n  try {\n    return NextResponse.json(await prisma.user.findMany());\n  } catch (error) {\n    return NextResponse.json({ error: 'Something went wrong' }, { status: 500 });\n  }\n}\n",
    },
    {
      name: 'Hono onError: stack in a template literal, then the message in a 500',
      code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.onError((err, c) => {\n  return c.text(`Error: ${err.stack}`, 500);\n});\napp.get('/x', (c) => c.json({ ok: true }));\nconst api = new Hono();\napi.onError((err, c) => c.json({ error: err.message }, 500));\n",
      errors: [{ line: 4, column: 27 }, { line: 8, column: 41 }],
      output: "import { Hono } from 'hono';\nconst app = new Hono();\napp.onError((err, c) => {\n  return c.text('Something went wrong', 500);\n});\napp.get('/x', (c) => c.json({ ok: true }));\nconst api = new Hono();\napi.onError((err, c) => c.json({ error: err.message }, 500));\n",
    },
    {
      name: "Hono: a handler typed with the app's AppRouteHandler alias, no hono import in the file (seen on a real Hono + Prisma app)",
      code: "import type { AppRouteHandler } from '@/lib/types';\nimport { prisma } from '@/lib/prisma';\n\nexport const create: AppRouteHandler<any> = async (c) => {\n  try {\n    return c.json(await prisma.destination.create({ data: {} }), 200);\n  } catch (error) {\n    return c.json({ message: error }, 500);\n  }\n};\n",
      errors: [{ line: 8, column: 30, message: /^The error object `error` is sent to the client as is/ }],
      output: "import type { AppRouteHandler } from '@/lib/types';\nimport { prisma } from '@/lib/prisma';\n\nexport const create: AppRouteHandler<any> = async (c) => {\n  try {\n    return c.json(await prisma.destination.create({ data: {} }), 200);\n  } catch (error) {\n    return c.json({ message: 'Something went wrong' }, 500);\n  }\n};\n",
    },
    {
      name: 'Hono through an @hono/* package only',
      code: "import { OpenAPIHono } from '@hono/zod-openapi';\nconst app = new OpenAPIHono();\napp.onError((err, c) => c.json({ error: err.stack }, 500));\n",
      errors: [{ line: 3, column: 41 }],
      output: "import { OpenAPIHono } from '@hono/zod-openapi';\nconst app = new OpenAPIHono();\napp.onError((err, c) => c.json({ error: 'Something went wrong' }, 500));\n",
    },
    {
      name: 'Fastify setErrorHandler sending SQL details; a spread of the error',
      code: "fastify.setErrorHandler((error, request, reply) => {\n  reply.status(500).send({ ...error, sql: error.sql });\n});\n",
      errors: [{ line: 2, column: 31 }, { line: 2, column: 43, message: /^Database driver details of `error`/ }],
      output: "fastify.setErrorHandler((error, request, reply) => {\n  reply.status(500).send({ sql: error.sql });\n});\n",
    },
    {
      name: 'a payload built in a const, an alias of the error, JSON.stringify in new Response',
      code: "export async function POST() {\n  try {\n    await save();\n  } catch (e) {\n    const err = e as Error;\n    const payload = { ok: false, trace: err.stack };\n    return new Response(JSON.stringify(payload), { status: 500 });\n  }\n}\n",
      errors: [{ line: 6, column: 41 }],
      output: "export async function POST() {\n  try {\n    await save();\n  } catch (e) {\n    const err = e as Error;\n    const payload = { ok: false };\n    return new Response(JSON.stringify(payload), { status: 500 });\n  }\n}\n",
    },
    {
      name: 'NestJS exception filter: message in a 500 with HttpStatus.INTERNAL_SERVER_ERROR',
      code: "import { Catch, ExceptionFilter, ArgumentsHost, HttpStatus } from '@nestjs/common';\n@Catch()\nexport class AllExceptionsFilter implements ExceptionFilter {\n  catch(exception: any, host: ArgumentsHost) {\n    const response = host.switchToHttp().getResponse();\n    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ message: exception.message });\n  }\n}\n",
      errors: [{ line: 6, column: 71 }],
      output: "import { Catch, ExceptionFilter, ArgumentsHost, HttpStatus } from '@nestjs/common';\n@Catch()\nexport class AllExceptionsFilter implements ExceptionFilter {\n  catch(exception: any, host: ArgumentsHost) {\n    const response = host.switchToHttp().getResponse();\n    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ message: 'Something went wrong' });\n  }\n}\n",
    },
  ],
});
