/**
 * What a route path is for, read from its segments: auth flows (login, signup, password reset, OAuth callbacks),
 * webhooks, health checks, public forms, admin areas. Shared by the rules over the route map (facts/routes.ts).
 */
import type { RouteInfo } from './routes';
import type { Range } from '../types';
import { invocation, shellCommands } from '../shell';

/** One place in the workspace, `file:line:character`: route findings are made once per place (several routes can share one). */
export const placeKey = (file: string, range: Range): string => `${file}:${range.start.line}:${range.start.character}`;
/** Where a handler starts, `file@line:character`: matched with functionKeys of a function enclosing a sink. */
export const handlerKey = (file: string, range: Range): string => `${file}@${range.start.line}:${range.start.character}`;

export type RouteTopic = 'auth' | 'webhook' | 'health' | 'public';

/** Segments of a path, lower-cased, without params, `api` and version prefixes: '/api/v1/users/:id/reset' -> ['users', 'reset']. */
export function pathWords(path: string): string[] {
  const segs = path.toLowerCase().split('/').filter((s) => s && !s.startsWith(':') && s !== '*');
  while (segs.length && /^(api|v\d+(\.\d+)?|rest|public-api)$/.test(segs[0])) segs.shift();
  return segs;
}

const AUTH_ANYWHERE = /^(login|logout|log-in|log-out|signin|sign-in|signout|sign-out|signup|sign-up|register|registration|forgot|forgot-password|forgotpassword|reset-password|resetpassword|password-reset|magic-link|magiclink|oauth|oauth2|sso|saml|nextauth|auth|authentication|callback|callbacks|verify-email|verifyemail|confirm-email|email-verification|2fa|otp|verify-otp|verifyotp|send-otp|resend-otp|verify-code|send-code|better-auth|clerk|kinde|auth0|passwordless|(admin|user|account|member|pw|pass|password)-?reset)$/;
const AUTH_FIRST = /^(password|passwords|token|tokens|refresh|refresh-token|verify|verification|confirm|activate|reset|forgot|recover|recovery|magic|invite-accept)$/;

/**
 * `/sessions`, `/session/current`, `/sessions/refresh`: signing in and out. Not `/sessions/:id` nor `/sessions/export`:
 * a record named session (a billable session, a workout session) or one session of the signed-in user to manage.
 */
export function isSessionEndpoint(path: string): boolean {
  const segs = path.toLowerCase().split('/').filter(Boolean);
  while (segs.length && /^(api|v\d+(\.\d+)?|rest|public-api|auth)$/.test(segs[0])) segs.shift();
  return /^sessions?$/.test(segs[0] ?? '') && (segs.length === 1 || (segs.length === 2 && /^(current|me|new|refresh|logout|destroy|revoke)$/.test(segs[1])));
}
const WEBHOOK = /webhook|^hooks?$|^ipn$|^notify$|^inbound$/;
const HEALTH = /^(health|healthz|healthcheck|health-check|_health|ready|readyz|readiness|live|livez|liveness|ping|status|version|metrics|heartbeat|up|alive)$/;
const PUBLIC = /^(contact|newsletter|newsletters|subscribe|unsubscribe|subscribers?|waitlist|waitlists|wait-list|feedback|graphql|trpc|track|telemetry|analytics|beacon|csp-report|csp|vitals|web-vitals|public|og|sitemap|robots|rss|feed)$/;

/**
 * A payment provider's callback (`POST /payment/success`, `GET /checkout/return`, `POST /sslcommerz/ipn`): called by the
 * provider or by the buyer's browser coming back (GET or POST). An app's own `PATCH /payments/cancelled` is not one.
 */
export function isPaymentCallback(r: { method: string; path: string }): boolean {
  if (r.method !== 'POST' && r.method !== 'GET' && r.method !== 'ALL') return false;
  const w = pathWords(r.path);
  const at = w.findIndex((s) => PAYMENT_WORD.test(s));
  return at >= 0 && w.slice(at + 1).some((s) => CALLBACK_WORD.test(s));
}
const PAYMENT_WORD = /^(payments?|checkout|pay|billing|transactions?|sslcommerz|bkash|nagad|paystack|flutterwave|razorpay|paypal|stripe|mollie|midtrans|xendit|payu|paytm|cashfree|momo|vnpay|mercadopago|iyzico)$/;
const CALLBACK_WORD = /^(success|succeeded|fail|failed|failure|cancel|cancelled|canceled|callback|return|ipn|notify|notification|complete|completed|confirm|confirmation)$/;

/** The kind of endpoint a path is, when its words say so. */
export function routeTopic(path: string): RouteTopic | undefined {
  const w = pathWords(path);
  if (w.some((s) => WEBHOOK.test(s))) return 'webhook';
  if (w.some((s) => AUTH_ANYWHERE.test(s)) || (w[0] !== undefined && AUTH_FIRST.test(w[0])) || isSessionEndpoint(path)) return 'auth';
  // `/users/validate`, `/accounts/verify`, `/email/confirm`: a step of signing up (checking the code sent by email)
  if (w.length >= 2 && /^(validate|verify|confirm|activate|activation|verification)$/.test(w[w.length - 1]) && /^(users?|accounts?|members?|emails?|e-mail)$/.test(w[w.length - 2])) return 'auth';
  if ((w.length === 1 && HEALTH.test(w[0])) || (w.length === 2 && /^(health|healthz|_health|healthcheck)$/.test(w[0]))) return 'health';
  if (w.some((s) => PUBLIC.test(s))) return 'public';
  return undefined;
}

/** Server actions are named, not routed: the topic their name says ('signIn', 'subscribeToNewsletter'...). */
export function actionTopic(name: string | undefined): RouteTopic | undefined {
  if (!name) return undefined;
  const w = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  if (/(^|-)(sign-?in|sign-?up|sign-?out|log-?in|log-?out|register|forgot|reset|verify|verified|verification|authenticate|oauth|magic)(-|$)|(^|-)confirm-(email|account)(-|$)/.test(w)) return 'auth';
  if (/(^|-)(subscribe|unsubscribe|contact|waitlist|feedback|newsletter|track)(-|$)/.test(w)) return 'public';
  return undefined;
}

const ADMIN = /^(admin|admins|administrator|administration|internal|staff|backoffice|back-office|superadmin|super-admin|sudo|moderation|moderator|ops|management)$/;

/** An admin-only area: '/admin/...', '/internal/...', '/backoffice/...', or a Nest controller named Admin... */
export function isAdminRoute(r: Pick<RouteInfo, 'path' | 'controller'>): boolean {
  if (pathWords(r.path).some((s) => ADMIN.test(s) || /^admin-/.test(s))) return true;
  return !!r.controller && /^(Admin|Internal|Backoffice|BackOffice|Staff|SuperAdmin)[A-Z]|^Admin(Controller)?$/.test(r.controller);
}

/** Paths that expose someone else's data or the business when left open: admin/internal/billing areas, a user by id. */
export function isSensitivePath(path: string): boolean {
  const segs = path.toLowerCase().split('/').filter(Boolean);
  const words = pathWords(path);
  if (words.some((s) => ADMIN.test(s) || /^(billing|payments?|invoices?|subscriptions?|payouts?)$/.test(s))) return true;
  // a person by id; by username it is a public profile (`GET /profiles/:username`)
  return segs.some((s, i) => /^(users?|accounts?|members?|customers?|profiles?)$/.test(s) && !!segs[i + 1]?.startsWith(':') && !/^:(user_?name|login|nick(name)?)$/.test(segs[i + 1]));
}

/**
 * A tRPC procedure that looks a person up by id or email (`user.byId`, `users.getByEmail`, `customer.findById`): the
 * procedure form of `/users/:id`. Not by username or slug (public profiles).
 */
export function isPersonLookup(path: string): boolean {
  const segs = path.split('/').filter(Boolean);
  return segs.some((s, i) => /^(users?|accounts?|members?|customers?|profiles?)$/i.test(s) && /^(get|find|fetch)?(one)?by(id|email)$/i.test(segs[i + 1] ?? ''));
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route that changes state: a mutating method, or ALL (no method check) with a data write. */
export function isMutating(r: Pick<RouteInfo, 'method' | 'writesData' | 'kind'>): boolean {
  if (r.kind === 'server-action') return r.writesData;
  return MUTATING.has(r.method) || (r.method === 'ALL' && r.writesData);
}

/** How a person names a route in a message: 'POST /projects/:id', 'the server action `deleteNote`', 'the tRPC mutation `post.create`'. */
export function routeLabel(r: Pick<RouteInfo, 'kind' | 'method' | 'path' | 'handler'> & { framework?: RouteInfo['framework'] }): string {
  if (r.kind === 'server-action') return `The server action \`${r.handler?.name ?? 'action'}\``;
  if (r.framework === 'firebase') return `The ${r.method === 'POST' ? 'callable' : 'HTTP'} function \`${r.path.slice(1) || 'function'}\``;
  if (r.kind === 'procedure' && (r.framework === 'nestjs' || r.framework === 'graphql')) return `The GraphQL ${r.method === 'POST' ? 'mutation' : 'query'} \`${r.path.slice(1)}\``;
  if (r.kind === 'procedure') return `The tRPC ${r.method === 'POST' ? 'mutation' : 'query'} \`${r.path.slice(1).replace(/\//g, '.')}\``;
  return `\`${r.method === 'ALL' ? 'ALL' : r.method} ${r.path}\``;
}

/** routeLabel for the middle of a sentence ('the server action `x`'). */
export function midLabel(r: Parameters<typeof routeLabel>[0]): string {
  return routeLabel(r).replace(/^The /, 'the ');
}

/**
 * Where the handlers of validated routes start, as `file@line:character` (match with functionKeys of a function
 * enclosing a sink). `wholeBody`: only validation that keeps keys it does not name out (not express-validator field checks).
 */
export function validatedHandlers(routes: readonly RouteInfo[], opts: { wholeBody?: boolean } = {}): Set<string> {
  const out = new Set<string>();
  for (const r of routes) {
    if (!r.validated || !r.handler || (opts.wholeBody && r.validatedFieldsOnly)) continue;
    out.add(handlerKey(r.handler.file, r.handler.range));
  }
  return out;
}

/** Routes by where their handler starts (`handlerKey`). */
export function routesByHandler(routes: readonly RouteInfo[]): Map<string, RouteInfo[]> {
  const out = new Map<string, RouteInfo[]>();
  for (const r of routes) {
    if (!r.handler) continue;
    const k = handlerKey(r.handler.file, r.handler.range);
    const list = out.get(k);
    if (list) list.push(r); else out.set(k, [r]);
  }
  return out;
}

/**
 * The app file a fastify-cli script starts (`fastify start -l info app.js` -> 'app.js'; a preloaded module,
 * `-r ./tracing.js`, skipped), '' when it starts one it does not name, undefined when the script runs no fastify-cli.
 */
export function fastifyCliEntry(script: string): string | undefined {
  for (const words of shellCommands(script)) {
    const inv = invocation(words);
    if (inv?.bin !== 'fastify' || inv.args[0]?.value !== 'start') continue;
    const args = inv.args.slice(1).map((w) => w.value);
    for (let i = 0; i < args.length; i++) {
      // options whose value can be a module file; other values never end in .js
      if (/^-(r|i|L)$|^--(require|import|logging-module)$/.test(args[i])) { i++; continue; }
      if (!args[i].startsWith('-') && /\.[cm]?[jt]s$/.test(args[i])) return args[i];
    }
    return '';
  }
  return undefined;
}

/** The names most used for a property across routes, most frequent first. */
export function mostUsed(names: string[]): string[] {
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n);
}

/**
 * Checks that answer 401 (`status` 401) or 403 and let the request go on (RouteInfo.fallsThrough), each with the
 * routes behind it (not public, not sign-in flows): one finding per answering statement, not one per route.
 */
export function fallThroughGroups(routes: readonly RouteInfo[], status: 401 | 403): Array<{ at: NonNullable<RouteInfo['fallsThrough']>; routes: RouteInfo[] }> {
  const groups = new Map<string, { at: NonNullable<RouteInfo['fallsThrough']>; routes: RouteInfo[] }>();
  for (const r of routes) {
    const f = r.fallsThrough;
    if (!f || f.status !== status || r.public || r.authFlow || r.method === 'OPTIONS' || r.method === 'HEAD') continue;
    const key = placeKey(f.file, f.range);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { at: f, routes: [] }));
    g.routes.push(r);
  }
  return [...groups.values()];
}

/** "`POST /projects` relies on this check" / "3 routes rely on this check (e.g. `POST /projects`)": a route that writes first. */
export function reliantRoutes(routes: readonly RouteInfo[]): string {
  const example = routes.find((r) => r.writesData) ?? routes.find(isMutating) ?? routes[0];
  return routes.length === 1 ? `${routeLabel(example)} relies on this check` : `${routes.length} routes rely on this check (e.g. ${midLabel(example)})`;
}

/** How to stop after an answer, in the answer's own words: `return res.status(401)...`, `return c.json(...)`, or `return;` after `ctx.status = 401`. */
export function returnAdvice(at: string): string {
  if (/^[\w$.]+\.(status|code)\(\s*\d+\s*\)$/.test(at)) return `Return right after answering (\`return ${at}...\`, or \`return;\` after it).`;
  if (at.includes('=')) return 'Return right after answering (`return;` once the response is set).';
  return `Return the answer (\`return ${at}\`).`;
}
