import rule from '../../../rules/security/unverified-webhook';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: deps }, null, 2) + '\n';
const expressPkg = pkg({ express: '^4.21.0', stripe: '^17.4.0' });
const db = "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n";
const webhookRouter = (head: string, body: string) => `import { Router, raw } from 'express';\n${head}\nimport { prisma } from '../db';\n\nexport const webhooks = Router();\n\nwebhooks.post('/stripe', raw({ type: 'application/json' }), async (req, res) => {\n${body}\n  if (event.type === 'checkout.session.completed') {\n    await prisma.order.update({ where: { id: event.data.object.metadata.orderId }, data: { status: 'paid' } });\n  }\n  res.sendStatus(200);\n});\n`;
const expressServer = "import express from 'express';\nimport { webhooks } from './routes/webhooks';\n\nconst app = express();\napp.use('/webhooks', webhooks);\napp.use(express.json());\napp.listen(3000);\n";
const UNVERIFIED = 'acts on the webhook payload without verifying its signature: anyone who finds the URL can POST a forged event (an order marked paid, a plan upgraded, a user created or deleted).';

ruleTester(rule, {
  valid: [
    { name: 'Next.js: a Mercado Pago webhook that looks the payment up with the provider\'s API before acting (seen on a real Next.js barbershop)', files: { 'package.json': pkg({ next: '^14.2.0' }), 'app/api/webhooks/mercadopago/route.ts': "import { NextResponse } from 'next/server';\nimport { db } from '@/app/_lib/prisma';\n\nexport async function POST(req: Request) {\n  const { type, data } = await req.json();\n  if (type === 'payment' && data?.id) {\n    const res = await fetch(`https://api.mercadopago.com/v1/payments/${data.id}`, {\n      headers: { Authorization: `Bearer ${process.env.MP_ACCESS_TOKEN}` },\n    });\n    if (!res.ok) return NextResponse.json({ received: true });\n    const payment = await res.json();\n    if (payment.status === 'approved') await db.purchase.create({ data: { userId: payment.metadata.user_id } });\n  }\n  return NextResponse.json({ received: true });\n}\n" } },
    { name: 'Express: the raw body handed to a verifying service, express.raw() on the route before express.json()', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', stripe: '^14.0.0' } }),
      'src/app.js': "const express = require('express');\nconst service = require('./service');\nconst app = express();\napp.post('/api/payments/webhook', express.raw({ type: 'application/json' }), async (req, res) => {\n  await service.handleStripeWebhook(req.headers['stripe-signature'], req.body);\n  res.json({ received: true });\n});\napp.use(express.json());\napp.listen(3000);\n",
      'src/service.js': "const Stripe = require('stripe');\nconst stripe = Stripe(process.env.STRIPE_SECRET_KEY);\nexports.handleStripeWebhook = async (signature, rawBody) => {\n  const event = stripe.webhooks.constructEvent(rawBody, signature, process.env.STRIPE_WEBHOOK_SECRET);\n  return event.type;\n};\n",
    } },
    { name: 'a verifier that fails closed when its secret is not set', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5.1.0', '@prisma/client': '^6.0.0' } }), 'src/db.ts': db, 'src/server.ts': "import express from 'express';\nimport { verifyGarminSignature } from './webhook-verify';\nimport { prisma } from './db';\nconst app = express();\napp.post('/webhooks/garmin', express.raw({ type: 'application/json' }), verifyGarminSignature, async (req, res) => {\n  await prisma.snapshot.create({ data: { body: JSON.parse(req.body.toString()) } });\n  res.sendStatus(204);\n});\napp.listen(3000);\n", 'src/webhook-verify.ts': "import crypto from 'node:crypto';\nimport type { Request, Response, NextFunction } from 'express';\nexport function verifyGarminSignature(req: Request, res: Response, next: NextFunction): void {\n  const secret = process.env.GARMIN_WEBHOOK_SECRET;\n  if (!process.env.GARMIN_WEBHOOK_SECRET) {\n    res.status(500).json({ error: 'Webhook secret not configured' });\n    return;\n  }\n  const signature = req.headers['x-garmin-signature'] as string;\n  const expected = crypto.createHmac('sha256', secret!).update((req as any).rawBody).digest('hex');\n  if (!signature || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) { res.status(401).end(); return; }\n  next();\n}\n",
    } },
    { name: "an app's own PATCH /payments/cancelled is no payment callback", files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5.1.0', mongoose: '^8.0.0' } }),
      'src/app.ts': "import express from 'express';\nimport { Payment } from './models';\nconst app = express();\napp.use(express.json());\napp.patch('/payments/cancelled', async (req, res) => res.json(await Payment.findByIdAndUpdate(req.body.id, { status: 'CANCELLED' })));\napp.listen(3000);\n",
    } },
    { name: 'a payment callback confirmed with the provider (SSLCommerz validator)', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5.1.0', mongoose: '^8.0.0', 'sslcommerz-lts': '^1.1.0' } }), 'src/app.ts': "import express from 'express';\nimport { paymentRoutes } from './payment.route';\nconst app = express();\napp.use(express.json());\napp.use('/api/v1/payment', paymentRoutes);\napp.listen(3000);\n", 'src/payment.route.ts': "import { Router } from 'express';\nimport SSLCommerzPayment from 'sslcommerz-lts';\nimport { Payment } from './models';\nconst sslcz = new SSLCommerzPayment(process.env.SSL_STORE_ID, process.env.SSL_STORE_PASS, true);\nexport const paymentRoutes = Router();\npaymentRoutes.post('/success', async (req, res) => {\n  const check = await sslcz.validate({ val_id: req.body.val_id });\n  if (check.status !== 'VALID') return res.status(400).end();\n  await Payment.findOneAndUpdate({ transactionId: check.tran_id }, { status: 'PAID' });\n  res.redirect(process.env.SSL_SUCCESS_FRONTEND_URL);\n});\n",
    } },
    { name: 'Express: verified in a helper imported from another file, raw body on the route', files: {
      'package.json': expressPkg, 'src/db.ts': db, 'src/server.ts': expressServer,
      'src/lib/stripe.ts': "import Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n\nexport function parseStripeEvent(body: Buffer, signature: string) {\n  return stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);\n}\n",
      'src/routes/webhooks.ts': webhookRouter("import { parseStripeEvent } from '../lib/stripe';", "  const event = parseStripeEvent(req.body, req.headers['stripe-signature'] as string);"),
    } },
    { name: 'Express: webhook route registered before express.json() with express.raw, verified inline', files: {
      'package.json': expressPkg, 'src/db.ts': db,
      'src/server.ts': "import express from 'express';\nimport Stripe from 'stripe';\nimport { prisma } from './db';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nconst app = express();\n\napp.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {\n  let event: Stripe.Event;\n  try {\n    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);\n  } catch {\n    return res.sendStatus(400);\n  }\n  await prisma.event.create({ data: { id: event.id } });\n  res.sendStatus(200);\n});\n\napp.use(express.json());\napp.listen(3000);\n",
    } },
    { name: 'Express: GitHub HMAC checked with timingSafeEqual in a same-file function, raw body captured by express.json verify', files: {
      'package.json': pkg({ express: '^4.21.0' }),
      'src/server.ts': "import express from 'express';\nimport crypto from 'node:crypto';\n\nconst app = express();\napp.use(express.json({ verify: (req, _res, buf) => { (req as any).rawBody = buf; } }));\n\nfunction fromGitHub(req): boolean {\n  const sig = req.get('x-hub-signature-256') ?? '';\n  const digest = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET!).update(req.rawBody).digest('hex');\n  return sig.length === digest.length && crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(digest));\n}\n\napp.post('/hooks/github', (req, res) => {\n  if (!fromGitHub(req)) return res.sendStatus(401);\n  if (req.body.ref === 'refs/heads/main') deploy();\n  res.sendStatus(202);\n});\napp.listen(3000);\n",
    } },
    { name: 'Express: a verifying middleware on the route, and a shared-secret header check', files: {
      'package.json': pkg({ express: '^4.21.0' }),
      'src/server.ts': "import express from 'express';\nimport { verifyPaddleSignature } from './paddle';\n\nconst app = express();\napp.use(express.json());\napp.post('/webhooks/paddle', verifyPaddleSignature, async (req, res) => {\n  await handlePaddle(req.body);\n  res.sendStatus(200);\n});\napp.post('/webhooks/cron', (req, res) => {\n  if (req.headers['x-cron-secret'] !== process.env.CRON_SECRET) return res.sendStatus(401);\n  runJob(req.body.job);\n  res.sendStatus(200);\n});\napp.listen(3000);\n",
    } },
    { name: 'Express: routes that mention a provider but are not webhooks (checkout, OAuth)', files: {
      'package.json': expressPkg,
      'src/server.ts': "import express from 'express';\nimport Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nconst app = express();\napp.use(express.json());\napp.post('/billing/stripe/checkout', async (req, res) => {\n  const s = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: req.body.priceId, quantity: 1 }] });\n  res.json({ url: s.url });\n});\napp.post('/auth/github', (req, res) => res.json({ url: githubAuthorizeUrl(req.body.state) }));\napp.listen(3000);\n",
    } },
    { name: 'Next.js: `app/api/stripe/route.ts` that creates a checkout session (a provider name is not a webhook)', files: {
      'package.json': pkg({ next: '^15.0.0', stripe: '^17.4.0' }),
      'app/api/stripe/route.ts': "import Stripe from 'stripe';\nimport { auth } from '@/auth';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n\nexport async function POST(req: Request) {\n  const { priceId } = await req.json();\n  const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: priceId, quantity: 1 }], success_url: process.env.APP_URL! });\n  return Response.json({ url: session.url });\n}\n",
    } },
    { name: 'Express: the handler passes the request to code we cannot see', files: {
      'package.json': expressPkg,
      'src/server.ts': "import express from 'express';\nimport { handleStripeWebhook } from '@acme/billing';\n\nconst app = express();\napp.post('/webhooks/stripe', express.raw({ type: 'application/json' }), (req, res) => handleStripeWebhook(req, res));\napp.listen(3000);\n",
    } },
    { name: 'Next.js: svix verification of await req.text(), and Clerk verifyWebhook', files: {
      'package.json': pkg({ next: '^15.0.0', svix: '^1.40.0', '@clerk/nextjs': '^6.0.0' }),
      'app/api/webhooks/resend/route.ts': "import { Webhook } from 'svix';\nimport { db } from '@/lib/db';\n\nexport async function POST(req: Request) {\n  const payload = await req.text();\n  const evt = new Webhook(process.env.RESEND_WEBHOOK_SECRET!).verify(payload, Object.fromEntries(req.headers)) as { type: string; data: { email_id: string } };\n  if (evt.type === 'email.bounced') await db.email.update({ where: { id: evt.data.email_id }, data: { bounced: true } });\n  return new Response('ok');\n}\n",
      'app/api/webhooks/clerk/route.ts': "import { verifyWebhook } from '@clerk/nextjs/webhooks';\nimport { db } from '@/lib/db';\n\nexport async function POST(req: Request) {\n  const evt = await verifyWebhook(req);\n  if (evt.type === 'user.created') await db.user.create({ data: { clerkId: evt.data.id } });\n  return new Response('ok');\n}\n",
    } },
    { name: 'Nest: rawBody enabled and req.rawBody verified', files: {
      'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', stripe: '^17.4.0' }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule, { rawBody: true });\n  await app.listen(3000);\n}\nbootstrap();\n",
      'src/webhooks.controller.ts': "import { Controller, Headers, Post, Req, type RawBodyRequest } from '@nestjs/common';\nimport Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n\n@Controller('webhooks')\nexport class WebhooksController {\n  @Post('stripe')\n  handle(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature: string) {\n    const event = stripe.webhooks.constructEvent(req.rawBody!, signature, process.env.STRIPE_WEBHOOK_SECRET!);\n    return { received: event.id };\n  }\n}\n",
    } },
    { name: 'Nest: the handler passes the signature header, or the raw request, to an injected service; or a signature guard runs', files: {
      'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', stripe: '^17.4.0' }),
      'src/payments/payments.service.ts': "export class PaymentsService {}\n",
      'src/payments/stripe-webhook.controller.ts': "import { Body, Controller, Headers, HttpCode, Post, Req, UseGuards, type RawBodyRequest } from '@nestjs/common';\nimport type Stripe from 'stripe';\nimport { PaymentsService } from './payments.service';\n\n@Controller('webhooks/stripe')\nexport class StripeWebhookController {\n  constructor(private readonly payments: PaymentsService) {}\n\n  @Post()\n  @HttpCode(200)\n  async handle(@Body() event: Stripe.Event, @Headers('stripe-signature') signature: string) {\n    await this.payments.handleWebhook(event, signature);\n    return { received: true };\n  }\n}\n",
      'src/payments/paddle-webhook.controller.ts': "import { Body, Controller, Headers, HttpCode, Post, Req, UseGuards, type RawBodyRequest } from '@nestjs/common';\nimport type Stripe from 'stripe';\nimport { PaymentsService } from './payments.service';\n\n@Controller('webhooks/paddle')\nexport class PaddleWebhookController {\n  constructor(private readonly payments: PaymentsService) {}\n\n  @Post()\n  @HttpCode(200)\n  async handle(@Req() req: RawBodyRequest<Request>) {\n    await this.payments.handleWebhook(req);\n    return { received: true };\n  }\n}\n",
      'src/payments/lemon-webhook.controller.ts': "import { Body, Controller, Headers, HttpCode, Post, Req, UseGuards, type RawBodyRequest } from '@nestjs/common';\nimport type Stripe from 'stripe';\nimport { StripeWebhookGuard } from './stripe-webhook.guard';\nimport { PaymentsService } from './payments.service';\n\n@Controller('webhooks/lemonsqueezy')\nexport class LemonWebhookController {\n  constructor(private readonly payments: PaymentsService) {}\n\n  @UseGuards(StripeWebhookGuard)\n  @Post()\n  @HttpCode(200)\n  async handle(@Body() event: Stripe.Event) {\n    await this.payments.recordEvent(event);\n    return { received: true };\n  }\n}\n",
    } },
  ],
  invalid: [
    { name: 'Next.js: the same webhook fetching a URL the body names is no confirmation', files: { 'package.json': pkg({ next: '^14.2.0' }), 'app/api/webhooks/mercadopago/route.ts': "import { NextResponse } from 'next/server';\nimport { db } from '@/app/_lib/prisma';\n\nexport async function POST(req: Request) {\n  const { type, data } = await req.json();\n  if (type === 'payment' && data?.id) {\n    const res = await fetch(data.resource, {\n      headers: { Authorization: `Bearer ${process.env.MP_ACCESS_TOKEN}` },\n    });\n    if (!res.ok) return NextResponse.json({ received: true });\n    const payment = await res.json();\n    if (payment.status === 'approved') await db.purchase.create({ data: { userId: payment.metadata.user_id } });\n  }\n  return NextResponse.json({ received: true });\n}\n" },
    errors: [{ file: 'app/api/webhooks/mercadopago/route.ts', line: 4, column: 1, message: /^`POST \/api\/webhooks\/mercadopago`/ }] },
    { name: 'Express: the parsed body handed to a service that verifies it as the raw body (seen on a real Stripe app: express.json() ran before express.raw(), so every event was rejected)', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', stripe: '^14.0.0', mongoose: '^8.0.0' } }),
      'src/app.js': "const express = require('express');\nconst service = require('./service');\nconst app = express();\napp.use(express.json());\napp.use('/api/payments/webhook', express.raw({ type: 'application/json' }));\napp.post('/api/payments/webhook', async (req, res) => {\n  await service.handleStripeWebhook(req.headers['stripe-signature'], req.body);\n  res.json({ received: true });\n});\napp.listen(3000);\n",
      'src/service.js': "const Stripe = require('stripe');\nconst Order = require('./order');\nconst stripe = Stripe(process.env.STRIPE_SECRET_KEY);\nexports.handleStripeWebhook = async (signature, rawBody) => {\n  const event = stripe.webhooks.constructEvent(rawBody, signature, process.env.STRIPE_WEBHOOK_SECRET);\n  await Order.updateOne({ _id: event.data.object.metadata.orderId }, { paid: true });\n};\n",
    },
    errors: [{ file: 'src/app.js', line: 7, column: 70, message: /^`POST \/api\/payments\/webhook` verifies the webhook signature over the parsed body \(`req\.body`\), but the signature covers the raw bytes the provider sent: `express\.json\(\)` runs before this route/ }] },
    { name: 'a verifier middleware that lets requests through when its secret is not set (seen on a real Express app)', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5.1.0', '@prisma/client': '^6.0.0' } }), 'src/db.ts': db, 'src/server.ts': "import express from 'express';\nimport { verifyGarminSignature } from './webhook-verify';\nimport { prisma } from './db';\nconst app = express();\napp.post('/webhooks/garmin', express.raw({ type: 'application/json' }), verifyGarminSignature, async (req, res) => {\n  await prisma.snapshot.create({ data: { body: JSON.parse(req.body.toString()) } });\n  res.sendStatus(204);\n});\napp.listen(3000);\n", 'src/webhook-verify.ts': "import crypto from 'node:crypto';\nimport type { Request, Response, NextFunction } from 'express';\nexport function verifyGarminSignature(req: Request, res: Response, next: NextFunction): void {\n  const secret = process.env.GARMIN_WEBHOOK_SECRET;\n  if (!process.env.GARMIN_WEBHOOK_SECRET) {\n    next();\n    return;\n  }\n  const signature = req.headers['x-garmin-signature'] as string;\n  const expected = crypto.createHmac('sha256', secret!).update((req as any).rawBody).digest('hex');\n  if (!signature || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) { res.status(401).end(); return; }\n  next();\n}\n",
    }, errors: [{ file: 'src/webhook-verify.ts', line: 5, column: 3, message: /^`verifyGarminSignature` lets every request through unverified when GARMIN_WEBHOOK_SECRET is not set .*accepts forged events on `POST \/webhooks\/garmin`/ }] },
    { name: 'a payment gateway success callback marking the payment paid from the query alone (seen on a real Express + Mongoose app)', files: {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^5.1.0', mongoose: '^8.0.0', 'sslcommerz-lts': '^1.1.0' } }), 'src/app.ts': "import express from 'express';\nimport { paymentRoutes } from './payment.route';\nconst app = express();\napp.use(express.json());\napp.use('/api/v1/payment', paymentRoutes);\napp.listen(3000);\n", 'src/payment.route.ts': "import { Router } from 'express';\nimport { Payment, Booking } from './models';\nexport const paymentRoutes = Router();\npaymentRoutes.post('/success', async (req, res) => {\n  const payment = await Payment.findOneAndUpdate({ transactionId: req.query.transactionId }, { status: 'PAID' });\n  await Booking.findByIdAndUpdate(payment.booking, { status: 'COMPLETED' });\n  res.redirect(process.env.SSL_SUCCESS_FRONTEND_URL);\n});\n",
    }, errors: [{ file: 'src/payment.route.ts', line: 4, column: 32, message: /^`POST \/api\/v1\/payment\/success` is a payment callback that acts on what the request says .* without confirming it with the payment provider/ }] },
    { name: 'Express: the Stripe event taken from req.body as is', files: {
      'package.json': expressPkg, 'src/db.ts': db, 'src/server.ts': expressServer,
      'src/routes/webhooks.ts': webhookRouter('', '  const event = req.body;'),
    },
    errors: [{ file: 'src/routes/webhooks.ts', line: 7, column: 61, message: `\`POST /webhooks/stripe\` ${UNVERIFIED} Verify it first: \`stripe.webhooks.constructEvent(rawBody, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET)\` on the raw body.`, tier: 'ship-stopping' }] },
    { name: 'Express: a helper in another file that only parses (no verification)', files: {
      'package.json': expressPkg, 'src/db.ts': db, 'src/server.ts': expressServer,
      'src/lib/stripe.ts': "export function parseStripeEvent(body: Buffer) {\n  return JSON.parse(body.toString('utf8'));\n}\n",
      'src/routes/webhooks.ts': webhookRouter("import { parseStripeEvent } from '../lib/stripe';", '  const event = parseStripeEvent(req.body);'),
    },
    errors: [{ file: 'src/routes/webhooks.ts', line: 7, column: 61, message: /^`POST \/webhooks\/stripe` acts on the webhook payload without verifying its signature/ }] },
    { name: 'Express: constructEvent fed req.body after app.use(express.json())', files: {
      'package.json': expressPkg,
      'src/server.ts': "import express from 'express';\nimport Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nconst app = express();\napp.use(express.json());\n\napp.post('/webhooks/stripe', async (req, res) => {\n  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);\n  await fulfil(event);\n  res.sendStatus(200);\n});\napp.listen(3000);\n",
    },
    errors: [{ line: 9, column: 48, message: "`POST /webhooks/stripe` verifies the webhook signature over the parsed body (`req.body`), but the signature covers the raw bytes the provider sent: `express.json()` runs before this route and turns the body into an object, so verification always fails (and the usual \"fix\" is to remove it). Register this route before `app.use(express.json())` with `express.raw({ type: 'application/json' })`, or keep the bytes with `express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })` and verify `req.rawBody`." }] },
    { name: 'Express: a GitHub push hook that deploys without checking X-Hub-Signature-256', files: {
      'package.json': pkg({ express: '^4.21.0' }),
      'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.use(express.json());\napp.post('/api/github', (req, res) => {\n  if (req.get('x-github-event') === 'push') deploy(req.body.ref);\n  res.sendStatus(202);\n});\napp.listen(3000);\n",
    },
    errors: [{ line: 5, column: 25, message: /^`POST \/api\/github` acts on the webhook payload without verifying its signature: .* Check `X-Hub-Signature-256` first/ }] },
    { name: 'Fastify: a Paddle webhook writing data unverified', files: {
      'package.json': pkg({ fastify: '^4.28.0' }),
      'src/app.ts': "import Fastify from 'fastify';\nimport { prisma } from './db';\n\nconst app = Fastify();\napp.post('/webhooks/paddle', async (request) => {\n  const { event_type, data } = request.body as { event_type: string; data: { id: string } };\n  if (event_type === 'subscription.created') await prisma.subscription.create({ data: { id: data.id } });\n  return { ok: true };\n});\napp.listen({ port: 3000 });\n",
      'src/db.ts': db,
    },
    errors: [{ line: 5, column: 30, message: /^`POST \/webhooks\/paddle` acts on the webhook payload .* `paddle\.webhooks\.unmarshal\(rawBody, secret, req\.headers\['paddle-signature'\]\)`\.$/ }] },
    { name: 'Koa: a Lemon Squeezy webhook', files: {
      'package.json': pkg({ koa: '^2.15.0', '@koa/router': '^12.0.0' }),
      'src/app.ts': "import Koa from 'koa';\nimport Router from '@koa/router';\n\nconst app = new Koa();\nconst router = new Router();\nrouter.post('/webhooks/lemonsqueezy', async (ctx) => {\n  await activateLicense(ctx.request.body.data.id);\n  ctx.status = 200;\n});\napp.use(router.routes());\napp.listen(3000);\n",
    },
    errors: [{ line: 6, column: 39, message: /Check the `X-Signature` header first/ }] },
    { name: 'Hono: a Resend webhook', files: {
      'package.json': pkg({ hono: '^4.6.0' }),
      'src/index.ts': "import { Hono } from 'hono';\n\nconst app = new Hono();\napp.post('/webhooks/resend', async (c) => {\n  const body = await c.req.json();\n  await markBounced(body.data.email_id);\n  return c.text('ok');\n});\nexport default app;\n",
    },
    errors: [{ line: 4, column: 30, message: /Verify it first with svix: `new Webhook\(process\.env\.RESEND_WEBHOOK_SECRET\)\.verify\(rawBody, headers\)`/ }] },
    { name: 'Nest: constructEvent fed the parsed req.body', files: {
      'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', stripe: '^17.4.0' }),
      'src/webhooks.controller.ts': "import { Controller, Headers, Post, Req } from '@nestjs/common';\nimport Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n\n@Controller('webhooks')\nexport class WebhooksController {\n  @Post('stripe')\n  handle(@Req() req: any, @Headers('stripe-signature') signature: string) {\n    const event = stripe.webhooks.constructEvent(req.body, signature, process.env.STRIPE_WEBHOOK_SECRET!);\n    return { received: event.id };\n  }\n}\n",
    },
    errors: [{ line: 10, column: 50, message: /Nest parses JSON before the handler, .*`NestFactory\.create\(AppModule, \{ rawBody: true \}\)`/ }] },
    { name: 'Next.js: a Clerk webhook acting on await req.json(), and a Stripe one verifying a re-serialised body', files: {
      'package.json': pkg({ next: '^15.0.0', stripe: '^17.4.0' }),
      'app/api/webhooks/clerk/route.ts': "import { db } from '@/lib/db';\n\nexport async function POST(req: Request) {\n  const evt = await req.json();\n  if (evt.type === 'user.created') await db.user.create({ data: { clerkId: evt.data.id } });\n  return new Response('ok');\n}\n",
      'app/api/stripe/route.ts': "import Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n\nexport async function POST(req: Request) {\n  const body = await req.json();\n  const event = stripe.webhooks.constructEvent(JSON.stringify(body), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);\n  await fulfil(event);\n  return Response.json({ received: true });\n}\n",
    },
    errors: [
      { file: 'app/api/stripe/route.ts', line: 7, column: 48, message: /^`POST \/api\/stripe` verifies the webhook signature over a re-serialised body \(`JSON\.stringify\(body\)`\).* read `await req\.text\(\)` and verify that\.$/ },
      { file: 'app/api/webhooks/clerk/route.ts', line: 3, column: 1, message: /^`POST \/api\/webhooks\/clerk` acts on the webhook payload .* `verifyWebhook\(req\)` from @clerk\/nextjs\/webhooks/ },
    ] },
    { name: 'Next.js pages API: constructEvent on req.body with the default body parser', files: {
      'package.json': pkg({ next: '^15.0.0', stripe: '^17.4.0' }),
      'pages/api/webhooks/stripe.ts': "import type { NextApiRequest, NextApiResponse } from 'next';\nimport Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);\n  await fulfil(event);\n  res.json({ received: true });\n}\n",
    },
    errors: [{ line: 7, column: 48, message: /Next\.js parses the body of API routes before the handler, .*`config = \{ api: \{ bodyParser: false \} \}`/ }] },
    { name: 'Nest: the parsed @Body() handed to an injected service, no signature header read', files: {
      'package.json': pkg({ '@nestjs/core': '^10.4.0', '@nestjs/common': '^10.4.0', stripe: '^17.4.0' }),
      'src/payments/payments.service.ts': "export class PaymentsService {}\n",
      'src/payments/stripe-webhook.controller.ts': "import { Body, Controller, Headers, HttpCode, Post, Req, UseGuards, type RawBodyRequest } from '@nestjs/common';\nimport type Stripe from 'stripe';\nimport { PaymentsService } from './payments.service';\n\n@Controller('webhooks/stripe')\nexport class StripeWebhookController {\n  constructor(private readonly payments: PaymentsService) {}\n\n  @Post()\n  @HttpCode(200)\n  async handle(@Body() event: Stripe.Event) {\n    if (event.type === 'payment_intent.succeeded') await this.payments.recordSucceededIntent(event.data.object);\n    return { received: true };\n  }\n}\n",
    },
    errors: [{ file: 'src/payments/stripe-webhook.controller.ts', line: 11, column: 9, message: `\`POST /webhooks/stripe\` ${UNVERIFIED} Verify it first: \`stripe.webhooks.constructEvent(rawBody, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET)\` on the raw body.` }] },
  ],
});
