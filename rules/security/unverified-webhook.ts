import { ts } from 'ts-morph';
import type { Range, TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import type { RouteInfo } from '../../server/engine/facts/routes';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { isPaymentCallback, midLabel, pathWords, routeLabel, routeTopic } from '../../server/engine/facts/routeKinds';
import { isWorkspaceSpec } from '../../server/engine/facts/routeBodies';
import { accessPath, calleeName, isFalse, isTestPath, propName, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { clip } from '../../server/engine/ts/clip';
import { findDeclaration } from '../../server/engine/ts/values';
import { decoratorsFrom, decoratorsOf } from '../../server/engine/ts/decorators';
import { RequestScope, functionKeys, isFunctionWithBody, mayTakeRequests, type RequestParam } from '../../server/engine/ts/requestInput';

const ID = 'security/unverified-webhook';
const NO_PARAMS: ReadonlyMap<string, RequestParam> = new Map();

/** What a potential webhook handler does: reads a signature header, verifies, hands the body to other code, verifies a parsed body. */
interface Handler {
  keys: string[];
  sig?: string;
  verifies?: boolean;
  /** Calls into other workspace modules (the workspace pass checks whether they verify). */
  refs?: Array<{ spec: string; name: string }>;
  /** Hands the request to code we cannot see (an injected service). */
  opaque?: boolean;
  /** A Nest handler given only the parsed `@Body()` (no request, raw body or headers): whatever it calls cannot verify a signature. */
  parsedOnly?: boolean;
  /** A verification fed the parsed body (`req.body`, `await req.json()`) or a re-serialised one. */
  raw?: { range: Range; how: 'parsed' | 'reserialized'; text: string };
  /** The parsed (or re-serialised) body handed to another module's function (`service.handleWebhook(sig, req.body)`): argument `index`. */
  rawRefs?: Array<{ spec: string; name: string; index: number; range: Range; how: 'parsed' | 'reserialized'; text: string }>;
}
interface Data {
  handlers?: Handler[];
  verifiers?: string[];
  /** Exported verifiers that verify one of their parameters as the raw body (`constructEvent(rawBody, ...)`): name -> its index. */
  verifierRaw?: Record<string, number>;
  rawSupport?: boolean;
  /** Exported verifiers that let requests through when their secret is not configured (`if (!env.SECRET) return next()`). */
  failOpen?: Array<{ name: string; env: string; range: Range }>;
}

/**
 * A verifier's early pass when its secret is not set: `if (!env.GARMIN_WEBHOOK_SECRET) { next(); return; }`,
 * `if (!secret) return true`. Undefined when it fails closed.
 */
function failsOpen(fn: ts.FunctionLikeDeclaration): { at: ts.IfStatement; env: string } | undefined {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return undefined;
  for (const st of body.statements) {
    if (!ts.isIfStatement(st)) continue;
    let cond = unwrap(st.expression);
    let negated = false;
    if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) { negated = true; cond = unwrap(cond.operand); }
    else if (ts.isBinaryExpression(cond) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(cond.operatorToken.kind) && /^(undefined|null)$/.test(cond.right.getText())) { negated = true; cond = unwrap(cond.left); }
    if (!negated) continue;
    const path = accessPath(cond);
    const last = path?.[path.length - 1] ?? '';
    const secretish = !!path && (/secret|key|token|signing/i.test(last) || (path[0] === 'process' && path[1] === 'env') || /^[A-Z][A-Z0-9_]+$/.test(last));
    if (!secretish) continue;
    let passes = false;
    const visit = (n: ts.Node): void => {
      if (passes || ts.isFunctionLike(n)) return;
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'next' && n.arguments.length === 0) { passes = true; return; }
      if (ts.isReturnStatement(n) && n.expression && n.expression.kind === ts.SyntaxKind.TrueKeyword) { passes = true; return; }
      ts.forEachChild(n, visit);
    };
    visit(st.thenStatement);
    if (passes) return { at: st, env: last };
  }
  return undefined;
}

const SIG_HEADERS: Record<string, string> = {
  'stripe-signature': 'stripe', 'x-hub-signature-256': 'github', 'x-hub-signature': 'github', 'svix-signature': 'svix', 'webhook-signature': 'svix',
  'paddle-signature': 'paddle', 'x-paddle-signature': 'paddle', 'x-signature': 'lemonsqueezy', 'x-shopify-hmac-sha256': 'shopify', 'x-slack-signature': 'slack',
  'x-twilio-signature': 'twilio', 'x-razorpay-signature': 'razorpay', 'typeform-signature': 'typeform', 'x-cal-signature-256': 'cal', 'linear-signature': 'linear',
  'x-webhook-signature': 'generic', 'x-signature-ed25519': 'discord', 'x-line-signature': 'line', 'x-gitlab-token': 'gitlab', 'x-postmark-signature': 'generic',
  'x-mailgun-signature': 'generic', 'x-hook-signature': 'generic', 'x-zm-signature': 'zoom', 'x-square-hmacsha256-signature': 'square', 'x-wc-webhook-signature': 'woocommerce',
};
/** Headers only a provider's deliveries carry (event type, delivery id): the handler is a webhook even when its path does not say so. */
const EVENT_HEADERS = new Set(['x-github-event', 'x-github-delivery', 'x-gitlab-event', 'x-shopify-topic', 'x-shopify-webhook-id', 'x-event-key', 'svix-id', 'webhook-id', 'x-slack-request-timestamp', 'x-hook-secret']);
const PROVIDERS = /^(stripe|github|gitlab|clerk|svix|paddle|lemonsqueezy|lemon-squeezy|shopify|slack|twilio|razorpay|paypal|resend|sendgrid|postmark|mailgun|linear|typeform|calendly|revenuecat|polar|mux|intercom|hubspot|discord|zoom|square|woocommerce|plaid|coinbase|btcpay|supabase|vercel)$/;
const EVENT_PROVIDER: Record<string, string> = { 'x-github-event': 'github', 'x-github-delivery': 'github', 'x-gitlab-event': 'gitlab', 'x-shopify-topic': 'shopify', 'x-shopify-webhook-id': 'shopify', 'svix-id': 'svix', 'webhook-id': 'svix', 'x-slack-request-timestamp': 'slack' };
const VERIFY_CALL = /^(constructEvent|constructEventAsync|verify|verifySignature|verifyWebhook|verifyWebhookSignature|verifyHeader|verifyRequest|verifyRequestSignature|verifyAndReceive|validateWebhookSignature|validateSignature|validateRequest|validateWebhook|isValidSignature|isValidWebhook|checkSignature|unmarshal|timingSafeEqual|createHmac|safeCompare|secureCompare)$/;
/** Calls that confirm a payment with its provider, on a payment client (PAYMENT_RECEIVER). */
const CONFIRM_CALL = /^(retrieve|validate|capture|captureOrder|verifyPayment|verifyTransaction|validatePayment|validateTransaction|transactionQueryByTransactionId|transactionQueryBySessionId|queryTransaction|getTransaction|fetchPayment)$/;
/** A provider's own API, asked about the payment the event names (`fetch(\`https://api.mercadopago.com/v1/payments/${id}\`)`). */
const PROVIDER_API = /^https:\/\/(api\.mercadopago\.com|api\.stripe\.com|api-m\.(sandbox\.)?paypal\.com|api\.(sandbox\.)?paypal\.com|api\.paystack\.co|api\.flutterwave\.com|api\.razorpay\.com|api\.mollie\.com|api\.(sandbox\.)?midtrans\.com|api\.xendit\.co|(sandbox\.)?api\.asaas\.com|api\.pagar\.me|api\.lemonsqueezy\.com|api\.paddle\.com)\//;
const PAYMENT_RECEIVER = /ssl|sslcz|commerz|paystack|flutterwave|razorpay|bkash|nagad|paypal|stripe|paymentIntents|checkout|sessions|orders|transactions?|payments?|gateway|mollie|midtrans|xendit/i;
const VERIFY_NAME = /^(verify|validate|check|assert|is)\w*(signature|webhook|hmac)\w*$/i;
const VERIFYING_MW = /verif|signature|hmac|svix/i;
const NEST_RAW_PARAMS = /^(Req|Request|Headers|RawBody|Res|Response)$/;
const VERIFYING_GUARD = /verif|signature|hmac|svix|webhook|stripe|github|paddle|raw/i;
const JSON_PARSER = /^(express|bodyParser|bodyparser)\.json\(|^json\(/;

const HINTS: Record<string, string> = {
  stripe: "verify it first: `stripe.webhooks.constructEvent(rawBody, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET)` on the raw body",
  github: 'check `X-Hub-Signature-256` first: an HMAC-SHA256 of the raw body with the webhook secret, compared with `crypto.timingSafeEqual` (or `@octokit/webhooks` `webhooks.verify`)',
  gitlab: 'compare the `X-Gitlab-Token` header with your secret token (`crypto.timingSafeEqual`) first',
  svix: "verify it first with svix: `new Webhook(process.env.WEBHOOK_SECRET).verify(rawBody, headers)` (Clerk: `verifyWebhook(req)`)",
  clerk: "verify it first: `verifyWebhook(req)` from @clerk/nextjs/webhooks (or svix's `new Webhook(secret).verify(rawBody, headers)`)",
  resend: "verify it first with svix: `new Webhook(process.env.RESEND_WEBHOOK_SECRET).verify(rawBody, headers)`",
  paddle: "verify it first: `paddle.webhooks.unmarshal(rawBody, secret, req.headers['paddle-signature'])`",
  lemonsqueezy: 'check the `X-Signature` header first: an HMAC-SHA256 of the raw body with your signing secret, compared with `crypto.timingSafeEqual`',
  shopify: 'check `X-Shopify-Hmac-Sha256` first: a base64 HMAC-SHA256 of the raw body with your app secret, compared with `crypto.timingSafeEqual`',
  slack: "check `X-Slack-Signature` first: the HMAC of `v0:timestamp:body` with your signing secret (and reject timestamps older than 5 minutes)",
  twilio: "verify it first: `twilio.validateRequest(authToken, req.headers['x-twilio-signature'], url, params)`",
};
const GENERIC_HINT = "verify the provider's signature header first (an HMAC of the raw body with the shared secret, compared with `crypto.timingSafeEqual`, or the provider SDK's verify function)";

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'A webhook route acts on the payload without verifying its signature',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.auth',
    docs: {
      why: "A webhook URL is public: anyone who finds `/webhooks/stripe` can POST `{ \"type\": \"checkout.session.completed\", ... }` and get an order marked paid, a plan upgraded, a user created or deleted. Providers sign every delivery (Stripe-Signature, X-Hub-Signature-256, svix-signature...) so you can tell theirs from forgeries, but only if the handler checks the signature before acting. The check needs the raw bytes: when a JSON parser runs first (`app.use(express.json())` before the route, Nest's and Fastify's default parsers, Next.js `await req.json()`), `constructEvent` receives an object or a re-serialised string and always fails — and the usual \"fix\" is to delete the check.",
      checks: "Reported: webhook routes (paths with webhook/hooks, a provider name followed by events/notify, or handlers reading a signature or provider event header) that read the body or write data with no verification in the handler, the helpers it calls, or its middleware; and verification fed a parsed body. Routes guarded by a shared-secret check are not reported, nor handlers that confirm the payment with the provider itself (`stripe.checkout.sessions.retrieve(id)`, a `fetch` of the provider\'s API such as `https://api.mercadopago.com/v1/payments/${id}`): what they act on comes from the provider.",
      bad: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', stripe: '^17.0.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\nimport { prisma } from './db';\n\nconst app = express();\napp.use(express.json());\n\napp.post('/webhooks/stripe', async (req, res) => {\n  const event = req.body;\n  if (event.type === 'checkout.session.completed') {\n    await prisma.order.update({ where: { id: event.data.object.metadata.orderId }, data: { status: 'paid' } });\n  }\n  res.sendStatus(200);\n});\n\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', stripe: '^17.0.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\nimport Stripe from 'stripe';\nimport { prisma } from './db';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nconst app = express();\n\napp.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {\n  let event: Stripe.Event;\n  try {\n    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);\n  } catch {\n    return res.sendStatus(400);\n  }\n  if (event.type === 'checkout.session.completed') {\n    await prisma.order.update({ where: { id: event.data.object.metadata!.orderId }, data: { status: 'paid' } });\n  }\n  res.sendStatus(200);\n});\n\napp.use(express.json());\napp.listen(3000);\n",
      } },
      fix: "Verify before acting, on the raw body: Stripe `stripe.webhooks.constructEvent(rawBody, signature, secret)`; svix / Clerk / Resend `new Webhook(secret).verify(rawBody, headers)` (Clerk: `verifyWebhook(req)`); GitHub `@octokit/webhooks` `verify()` or an HMAC-SHA256 compared with `crypto.timingSafeEqual`; Paddle `paddle.webhooks.unmarshal()`. Get the raw body: Express `express.raw({ type: 'application/json' })` on the route, registered before `app.use(express.json())` (or `express.json({ verify })` capturing `req.rawBody`); Nest `NestFactory.create(AppModule, { rawBody: true })` and `req.rawBody`; Fastify a raw-body content-type parser; Next.js `await req.text()` (pages/api: `bodyParser: false`). Answer 400 when verification fails, and make handlers idempotent (providers retry).",
    },
  },
  scope: 'ts',
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    const data = () => ruleDataOf<Data>(ctx.facts, ID, () => ({}));
    if (imports.modules.some((m) => m.module === 'fastify-raw-body' || m.module === 'raw-body' || m.module === 'micro')) data().rawSupport = true;
    const scope = RequestScope.of(sf, imports);
    const localFns = new Map<string, ts.Node>();
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.name && st.body) localFns.set(st.name.text, st);
      else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const init = d.initializer && unwrap(d.initializer);
          if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) localFns.set(d.name.text, init);
        }
      } else if (ts.isClassDeclaration(st)) {
        for (const m of st.members) if (ts.isMethodDeclaration(m) && m.body) { const k = propName(m.name); if (k) localFns.set(`this.${k}`, m); }
      }
    }

    /** One walk of a function: signature headers, verification calls, same-file callees, other modules' callees, a verification fed a parsed body. */
    interface Scan { sig?: string; verify: boolean; locals: ts.Node[]; refs: NonNullable<Handler['refs']>; opaque: boolean; raw?: Handler['raw']; rawParam?: number; rawRefs: NonNullable<Handler['rawRefs']> }
    const scans = new Map<ts.Node, Scan>();
    const scan = (fn: ts.Node): Scan => {
      const cached = scans.get(fn);
      if (cached) return cached;
      const out: Scan = { verify: false, locals: [], refs: [], opaque: false, rawRefs: [] };
      const visit = (n: ts.Node): void => {
        if (ts.isStringLiteralLike(n) && !ts.isImportDeclaration(n.parent)) {
          const h = n.text.toLowerCase();
          if (SIG_HEADERS[h] && (!out.sig || !SIG_HEADERS[out.sig])) out.sig = h;
          else if (EVENT_HEADERS.has(h)) out.sig ??= h;
        } else if (ts.isCallExpression(n)) {
          const name = calleeName(n) ?? '';
          const callee = unwrap(n.expression);
          if (VERIFY_CALL.test(name) || VERIFY_NAME.test(name) || ((name === 'retrieve' || name === 'validate') && ts.isPropertyAccessExpression(callee) && (accessPath(callee) ?? []).some((x) => x === 'events' || x === 'webhooks'))) out.verify = true;
          // a payment confirmed with its provider: `sslcz.validate({ val_id })`, `stripe.checkout.sessions.retrieve(id)`, `paypal...capture()`
          else if (CONFIRM_CALL.test(name) && ts.isPropertyAccessExpression(callee) && (accessPath(callee.expression) ?? []).some((x) => PAYMENT_RECEIVER.test(x))) out.verify = true;
          // the payment looked up with the provider's API itself: what is acted on comes from the provider, not the body
          else if (/^(fetch|get|request|ofetch|\$fetch)$/.test(name) && n.arguments[0] && PROVIDER_API.test(urlHead(n.arguments[0]))) out.verify = true;
          if (!out.raw && /^(constructEvent|constructEventAsync)$/.test(name) && n.arguments[0]) {
            const how = bodyKind(n.arguments[0]);
            if (how) out.raw = { range: nodeRange(sf, n.arguments[0]), how, text: clip(n.arguments[0].getText(sf)) };
            // `constructEvent(rawBody, sig, secret)` with `rawBody` a parameter: callers decide what the raw body is
            const a0 = unwrap(n.arguments[0]);
            const d = ts.isIdentifier(a0) ? findDeclaration(a0) : undefined;
            if (d && ts.isParameter(d) && d.parent === fn) out.rawParam = (fn as ts.FunctionLikeDeclaration).parameters.indexOf(d);
          }
          const key = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword ? `this.${callee.name.text}` : undefined;
          const local = key ? localFns.get(key) : undefined;
          if (local && local !== fn) out.locals.push(local);
          let head: ts.Expression = callee;
          while (ts.isPropertyAccessExpression(head)) head = head.expression;
          const bound = ts.isIdentifier(head) && imports.bindings.has(head.text);
          if (n.arguments.length && !local && (bound || head.kind === ts.SyntaxKind.ThisKeyword)) {
            const path = accessPath(callee);
            const b = path ? imports.bindings.get(path[0]) : undefined;
            const direct = path && b && (path.length === 1 || (path.length === 2 && b.name === '*'));
            if (direct && isWorkspaceSpec(b!.module) && out.refs.length < 12) {
              const ref = { spec: b!.module, name: path!.length === 2 ? path![1] : b!.name === '*' ? 'default' : b!.name };
              out.refs.push(ref);
              n.arguments.forEach((a, index) => {
                const how = bodyKind(a);
                if (how) out.rawRefs.push({ ...ref, index, range: nodeRange(sf, a), how, text: clip(a.getText(sf)) });
              });
            }
            else if (path && path[0] === 'this' && path.length === 3) out.opaque = true;
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(fn);
      scans.set(fn, out);
      return out;
    };
    const memo = new Map<ts.Node, boolean>();
    // Verifying takes a call named like one: without such a name in the file, no function of it verifies.
    const mayVerify = ctx.someName((n) => VERIFY_CALL.test(n) || VERIFY_NAME.test(n) || CONFIRM_CALL.test(n) || /^(fetch|get|request|ofetch)$/.test(n));
    /** Whether a function verifies a signature, itself or through same-file functions it calls. */
    const verifies = (fn: ts.Node, depth = 0): boolean => {
      if (!mayVerify) return false;
      const cached = memo.get(fn);
      if (cached !== undefined) return cached;
      memo.set(fn, false);
      const s = scan(fn);
      const found = s.verify || (depth < 3 && s.locals.some((l) => verifies(l, depth + 1)));
      memo.set(fn, found);
      return found;
    };
    const bodyKind = (e: ts.Expression, depth = 0): 'parsed' | 'reserialized' | undefined => {
      const u = unwrap(e);
      if (depth > 4) return undefined;
      if (ts.isCallExpression(u) && accessPath(u.expression)?.join('.') === 'JSON.stringify') return 'reserialized';
      if (ts.isCallExpression(u) && /^(from)$/.test(calleeName(u) ?? '') && accessPath(u.expression)?.[0] === 'Buffer' && u.arguments[0] && ts.isCallExpression(unwrap(u.arguments[0])) && accessPath((unwrap(u.arguments[0]) as ts.CallExpression).expression)?.join('.') === 'JSON.stringify') return 'reserialized';
      const r = scope.read(u);
      if (r && r.whole && r.src === 'body') return /\.(text|arrayBuffer|blob)\(\)$|\.rawBody$|\.(files?)$/.test(r.text) ? undefined : 'parsed';
      if (ts.isIdentifier(u)) {
        const d = findDeclaration(u);
        if (d && ts.isVariableDeclaration(d) && d.initializer) return bodyKind(d.initializer, depth + 1);
      }
      return undefined;
    };

    const nestParsedBodyOnly = (m: ts.MethodDeclaration): boolean => {
      let body = false;
      for (const p of m.parameters) {
        const names = [...decoratorsFrom(p, imports, ['@nestjs/common']).keys()];
        if (decoratorsOf(p).length > names.length) return false;
        if (names.some((x) => NEST_RAW_PARAMS.test(x)) || (p.type && /\b(RawBodyRequest|Request|Buffer|IncomingMessage)\b/.test(p.type.getText(sf)))) return false;
        if (names.includes('Body')) body = true;
      }
      return body;
    };
    const handlers: Handler[] = [];
    const requests = mayTakeRequests(sf, ctx.hasName);
    const onFunction = (n: ts.Node) => {
      if (!isFunctionWithBody(n)) return;
      const params = requests ? scope.paramsOf(n) : NO_PARAMS;
      const nestRoute = ts.isMethodDeclaration(n) && decoratorsOf(n).length > 0;
      if (!params.size && !nestRoute) return;
      const s = scan(n);
      const h: Handler = { keys: functionKeys(sf, n) };
      if (s.sig) h.sig = s.sig;
      if (verifies(n)) h.verifies = true;
      if (s.raw) h.raw = s.raw;
      if (s.refs.length) h.refs = s.refs;
      if (s.rawRefs.length) h.rawRefs = s.rawRefs;
      if (s.opaque) h.opaque = true;
      if (nestRoute && !s.sig && nestParsedBodyOnly(n as ts.MethodDeclaration)) h.parsedOnly = true;
      handlers.push(h);
    };

    return {
      FunctionDeclaration: onFunction,
      FunctionExpression: onFunction,
      ArrowFunction: onFunction,
      MethodDeclaration: onFunction,
      CallExpression(n) {
        const name = calleeName(n as ts.CallExpression);
        if (name === 'addContentTypeParser') data().rawSupport = true;
      },
      PropertyAssignment(n) {
        const p = n as ts.PropertyAssignment;
        if (propName(p.name) === 'bodyParser' && isFalse(p.initializer, consts)) data().rawSupport = true;
      },
      onEnd() {
        const verifiers: string[] = [];
        const verifierRaw: Record<string, number> = {};
        const rawOf = (name: string, fn: ts.Node) => { const i = scan(fn).rawParam; if (i !== undefined && i >= 0) verifierRaw[name] = i; };
        const failOpen: NonNullable<Data['failOpen']> = [];
        if (!mayVerify && !handlers.length) return;
        const exported = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        const isDefault = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
        for (const st of sf.statements) {
          if (ts.isFunctionDeclaration(st) && st.body && exported(st) && verifies(st)) {
            const name = isDefault(st) ? 'default' : st.name?.text ?? 'default';
            verifiers.push(name);
            rawOf(name, st);
            const open = failsOpen(st);
            if (open && st.name) failOpen.push({ name: st.name.text, env: open.env, range: nodeRange(sf, open.at) });
          } else if (ts.isVariableStatement(st) && exported(st)) {
            for (const d of st.declarationList.declarations) {
              const init = d.initializer && unwrap(d.initializer);
              if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && verifies(init)) {
                verifiers.push(d.name.text);
                rawOf(d.name.text, init);
                const open = failsOpen(init);
                if (open) failOpen.push({ name: d.name.text, env: open.env, range: nodeRange(sf, open.at) });
              }
            }
          } else if (ts.isClassDeclaration(st) && exported(st) && st.members.some((m) => ts.isMethodDeclaration(m) && m.body && verifies(m))) verifiers.push(st.name?.text ?? 'default');
          else if (ts.isExportAssignment(st) && ts.isIdentifier(unwrap(st.expression))) {
            const local = localFns.get((unwrap(st.expression) as ts.Identifier).text);
            if (local && verifies(local)) verifiers.push('default');
          } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
            const left = accessPath(st.expression.left)?.join('.') ?? '';
            const right = unwrap(st.expression.right);
            const fn = ts.isIdentifier(right) ? localFns.get(right.text) : ts.isArrowFunction(right) || ts.isFunctionExpression(right) ? right : undefined;
            if (fn && verifies(fn)) {
              const name = left === 'module.exports' ? 'default' : /^(module\.)?exports\.\w+$/.test(left) ? left.split('.').pop()! : undefined;
              if (name) { verifiers.push(name); rawOf(name, fn); }
            }
          }
        }
        if (handlers.length || verifiers.length) {
          const d = data();
          if (handlers.length) d.handlers = handlers;
          if (verifiers.length) d.verifiers = verifiers;
          if (Object.keys(verifierRaw).length) d.verifierRaw = verifierRaw;
          if (failOpen.length) d.failOpen = failOpen;
        }
      },
    };
  },
  checkWorkspace(ctx: WorkspaceRuleContext) {
    const { files, facts } = ctx;
    const rawSupport = new Set<string>();
    for (const [path, f] of files) if (getRuleData<Data>(f.facts, ID)?.rawSupport) rawSupport.add(facts.packageOf(path)?.dir ?? '');
    const handlerOf = (file: string, key: string) => getRuleData<Data>(files.get(file)?.facts, ID)?.handlers?.find((h) => h.keys.includes(key));
    /** Whether a helper of another module verifies; undefined when it cannot be found. */
    const refVerifies = (from: string, ref: { spec: string; name: string }): boolean | undefined => {
      const target = facts.resolveModule(from, ref.spec);
      if (!target) return undefined;
      return !!getRuleData<Data>(files.get(target)?.facts, ID)?.verifiers?.includes(ref.name);
    };
    const seen = new Set<string>();
    // verifiers that let everything through when their secret is missing, by name (per package)
    const failOpen = new Map<string, { file: string; env: string; range: Range }>();
    for (const [path, f] of files) for (const v of getRuleData<Data>(f.facts, ID)?.failOpen ?? []) failOpen.set(`${facts.packageOf(path)?.dir ?? ''}\0${v.name}`, { file: path, env: v.env, range: v.range });
    const reportedOpen = new Set<string>();
    for (const r of facts.routes) {
      if (!failOpen.size || r.kind !== 'http') continue;
      for (const m of r.middleware) {
        const v = failOpen.get(`${r.package}\0${m.replace(/\(.*$/, '')}`);
        if (!v || reportedOpen.has(`${v.file}:${v.range.start.line}`)) continue;
        reportedOpen.add(`${v.file}:${v.range.start.line}`);
        ctx.report({ file: v.file, range: v.range, workspace: false, message: `\`${m.replace(/\(.*$/, '')}\` lets every request through unverified when ${v.env} is not set (it passes the request on instead of refusing it), so a deploy that misses the variable accepts forged events on ${midLabel(r)}. Fail closed: answer 500 (or refuse to start) when the secret is missing.` });
      }
    }
    for (const r of facts.routes) {
      if (r.kind !== 'http' || r.opaque || !['POST', 'PUT', 'PATCH', 'ALL'].includes(r.method) || !r.handler) continue;
      const key = `${r.handler.range.start.line}:${r.handler.range.start.character}`;
      const h = handlerOf(r.handler.file, key);
      if (!h) continue;
      const topic = routeTopic(r.path);
      const words = pathWords(r.path);
      const providerPath = words.length > 1 && PROVIDERS.test(words[words.length - 2]) && /^(events?|notify|notifications?|ipn)$/.test(words[words.length - 1]);
      const webhook = topic === 'webhook' || (providerPath && topic !== 'auth') || !!h.sig || isPaymentCallback(r);
      if (!webhook || r.authFlow) continue;
      const where = `${r.handler.file}:${key}`;
      if (seen.has(where)) continue;
      seen.add(where);
      const provider = (h.sig ? SIG_HEADERS[h.sig] ?? EVENT_PROVIDER[h.sig] : undefined) ?? words.find((w) => PROVIDERS.test(w))?.replace('lemon-squeezy', 'lemonsqueezy');
      const anchor = { file: r.handler.file, range: r.handler.range };
      const refResults = (h.refs ?? []).map((ref) => refVerifies(r.handler!.file, ref));
      const verified = !!h.verifies || r.authGuarded || r.middleware.some((m) => VERIFYING_MW.test(m)) || refResults.some((x) => x === true);
      const unknown = (!!h.opaque || refResults.some((x) => x === undefined)) && !(h.parsedOnly && !r.middleware.some((m) => VERIFYING_GUARD.test(m)));
      if (!verified && !unknown && (r.readsInput || r.writesData)) {
        // a gateway's success / fail / IPN callback, without a signature header: confirm with the provider before acting
        const callback = isPaymentCallback(r) && !h.sig && !providerPath;
        ctx.report({ ...anchor, workspace: false, message: callback
          ? `${routeLabel(r)} is a payment callback that acts on what the request says (a transaction id, a status) without confirming it with the payment provider: anyone who finds the URL can call it with a transaction id and get an order marked paid (or someone else's cancelled). Confirm the payment server-side before acting: the provider's validation or retrieve API with the id it sent (SSLCommerz validator API with \`val_id\`, Stripe \`checkout.sessions.retrieve\`, PayPal capture), or its signed IPN.`
          : `${routeLabel(r)} acts on the webhook payload without verifying its signature: anyone who finds the URL can POST a forged event (an order marked paid, a plan upgraded, a user created or deleted). ${cap(HINTS[provider ?? ''] ?? GENERIC_HINT)}.` });
        continue;
      }
      // the parsed body handed to a helper of another module that verifies it as the raw body
      const raw = h.raw ?? h.rawRefs?.find((rr) => {
        const target = facts.resolveModule(r.handler!.file, rr.spec);
        return target !== undefined && getRuleData<Data>(files.get(target)?.facts, ID)?.verifierRaw?.[rr.name] === rr.index;
      });
      if (raw) {
        const msg = rawMessage(r, raw, rawSupport.has(r.package));
        if (msg) ctx.report({ file: r.handler.file, range: raw.range, workspace: false, message: msg });
      }
    }
  },
};

function rawMessage(r: RouteInfo, raw: NonNullable<Handler['raw']>, rawSupport: boolean): string | undefined {
  const head = `${routeLabel(r)} verifies the webhook signature over ${raw.how === 'reserialized' ? `a re-serialised body (\`${raw.text}\`)` : `the parsed body (\`${raw.text}\`)`}, but the signature covers the raw bytes the provider sent`;
  const tail = 'so verification always fails (and the usual "fix" is to remove it).';
  if (raw.how === 'reserialized') {
    const how = r.framework === 'nextjs' ? 'read `await req.text()` and verify that' : r.framework === 'express' ? "use `express.raw({ type: 'application/json' })` on this route (registered before `express.json()`) and verify `req.body`" : 'verify the raw request body';
    return `${head}: JSON.stringify does not reproduce them byte for byte, ${tail} Instead, ${how}.`;
  }
  switch (r.framework) {
    case 'express': {
      const parser = r.middleware.find((m) => JSON_PARSER.test(m));
      if (!parser) return undefined;
      return `${head}: \`${parser}\` runs before this route and turns the body into an object, ${tail} Register this route before \`app.use(${parser})\` with \`express.raw({ type: 'application/json' })\`, or keep the bytes with \`express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })\` and verify \`req.rawBody\`.`;
    }
    case 'nextjs':
      if (/(^|\/)pages\/api\//.test(r.file)) {
        if (rawSupport) return undefined;
        return `${head}: Next.js parses the body of API routes before the handler, ${tail} Export \`config = { api: { bodyParser: false } }\` from this file and verify the raw bytes (e.g. \`await buffer(req)\`).`;
      }
      return `${head}: \`req.json()\` has already parsed it, ${tail} Read \`await req.text()\` and verify that, then \`JSON.parse\` it.`;
    case 'nestjs':
      if (rawSupport) return undefined;
      return `${head}: Nest parses JSON before the handler, ${tail} Create the app with \`NestFactory.create(AppModule, { rawBody: true })\` and verify \`req.rawBody\`.`;
    case 'fastify':
      if (rawSupport) return undefined;
      return `${head}: Fastify parses JSON before the handler, ${tail} Add a raw-body parser (fastify-raw-body, or \`addContentTypeParser('application/json', { parseAs: 'buffer' }, ...)\`) and verify the raw bytes.`;
    default:
      return undefined;
  }
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The static start of a URL argument: a string, or a template's head. */
function urlHead(e: ts.Expression): string {
  const u = unwrap(e);
  return ts.isStringLiteralLike(u) ? u.text : ts.isTemplateExpression(u) ? u.head.text : '';
}

export default rule;
