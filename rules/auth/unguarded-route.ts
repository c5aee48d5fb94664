import type { RouteInfo } from '../../server/engine/facts/routes';
import type { WorkspaceRule } from '../../server/engine/types';
import { isAdminRoute, isPaymentCallback, midLabel, actionTopic, fallThroughGroups, placeKey, isMutating, reliantRoutes, returnAdvice, isPersonLookup, isSensitivePath, mostUsed, pathWords, routeLabel, routeTopic } from '../../server/engine/facts/routeKinds';

/** Routes that prove the app knows how to guard: guarded, and not an auth flow or webhook (those check credentials for other reasons). */
function isEvidence(r: RouteInfo): boolean {
  if (!r.authGuarded || r.authFlow) return false;
  const topic = r.kind === 'server-action' ? actionTopic(r.handler?.name) : routeTopic(r.path);
  // `/auth/me`, `/auth/logout`, `/auth/change-password`: routes for the signed-in user, guarded like any private route
  if (topic && !(topic === 'auth' && r.kind === 'http' && SIGNED_IN_ONLY.test(pathWords(r.path).at(-1) ?? ''))) return false;
  // a cron secret or a webhook signature is not how the app's users sign in
  return r.authBy.some((n) => n !== 'a shared-secret check' && n !== 'a signature check');
}

/** The last path word of an auth route only a signed-in user calls (not a sign-in, sign-up, reset or token refresh). */
const SIGNED_IN_ONLY = /^(me|whoami|logout|log-out|signout|sign-out|change-password|update-password|profile|account|current-user|user)$/;

/** `POST /users`, `POST /accounts`: often the sign-up endpoint itself. */
function maybeSignup(r: RouteInfo): boolean {
  const w = pathWords(r.path);
  return r.method === 'POST' && w.length === 1 && /^(users?|accounts?|members?|customers?|registrations?)$/.test(w[0]);
}

/** A server action named for looking a person up: `getUserByEmail`, `findUserById`, `getCustomer`, `fetchProfileByUsername`. */
const PERSON_LOOKUP_ACTION = /^(get|find|fetch|lookup|load)(User|Users|Account|Accounts|Member|Members|Customer|Customers|Profile|Profiles)(By[A-Z]\w*)?$/;

/** A server action that looks a person up by its arguments and checks nothing (see isCandidate). */
function publicPersonLookup(r: RouteInfo, serviceOnly: boolean): boolean {
  return r.kind === 'server-action' && !r.writesData && isCandidate(r, serviceOnly) && PERSON_LOOKUP_ACTION.test(r.handler?.name ?? '');
}

/** Packages that make these checks an app with accounts: auth libraries, password hashing, or a sign-in / sign-up handler. */
const ACCOUNT_DEPS = /^(next-auth|@auth\/[\w-]+|lucia|better-auth|@clerk\/[\w-]+|bcrypt|bcryptjs|argon2|@node-rs\/(argon2|bcrypt)|jsonwebtoken|jose|iron-session|passport)$/;
function hasAccounts(ctx: Parameters<WorkspaceRule['check']>[0], pkg: string, routes: readonly RouteInfo[]): boolean {
  if (routes.some((r) => r.authFlow)) return true;
  const p = ctx.facts.packages.find((x) => x.dir === pkg);
  return !!p && p.manifest.dependencies.some((d) => ACCOUNT_DEPS.test(d));
}

const READ_VERB = /^(query|search|find|lookup|list|filter|preview|count|suggest|suggestions|autocomplete|estimate|calculate)$/;

/** `POST /showcase/query`, `POST /products/search`: a read sent as POST (its filters in a body) that writes nothing, outside admin/billing areas. */
function postedRead(r: RouteInfo): boolean {
  const w = pathWords(r.path);
  return r.method === 'POST' && !r.writesData && r.pathKnown && w.length > 0 && READ_VERB.test(w[w.length - 1]) && !isSensitivePath(r.path);
}

/**
 * `PUT /users`, `PATCH /accounts/:id`: rewriting an account (its password hashed anew) signs nobody in or up, although its
 * handler hashes a password like sign-up does; paths about passwords or sessions stay auth flows (routeTopic).
 */
function accountRewrite(r: RouteInfo): boolean {
  return (r.method === 'PUT' || r.method === 'PATCH') && r.kind === 'http' && r.pathKnown && !routeTopic(r.path) && /^(users?|accounts?|members?|customers?|profiles?)$/.test(pathWords(r.path)[0] ?? '');
}

function isCandidate(r: RouteInfo, serviceOnly = false): boolean {
  // `dataRules`: the database's rules decide (Supabase RLS with the user's session), unless every Supabase client of the
  // package is created with the service-role key, which bypasses them
  // `/admin/register`: creating an admin account is not a public sign-up (the admin login beside it stays public)
  const adminSignup = r.kind === 'http' && r.pathKnown && isAdminRoute(r) && /^(register|registration|signup|sign-up|create-admin|new-admin)$/.test(pathWords(r.path).at(-1) ?? '');
  if (r.authGuarded || r.public || r.opaque || (r.authFlow && !adminSignup && !accountRewrite(r)) || (r.dataRules && !serviceOnly)) return false;
  // a server action is a public endpoint: one that writes, or one that looks a person up by what it is given (`getUserByEmail(email)` returns the row)
  if (r.kind === 'server-action') return !actionTopic(r.handler?.name) && (r.writesData || (r.readsInput && PERSON_LOOKUP_ACTION.test(r.handler?.name ?? '')));
  // tRPC: a mutation that writes data, or a procedure under an admin/billing key
  if (r.kind === 'procedure') return !routeTopic(r.path) && ((isMutating(r) && r.writesData) || (r.pathKnown && (isSensitivePath(r.path) || isPersonLookup(r.path))));
  if (r.method === 'OPTIONS' || r.method === 'HEAD') return false;
  // a payment provider's callback is public by design: security/unverified-webhook asks that it confirm the payment
  if ((routeTopic(r.path) && !adminSignup) || maybeSignup(r) || isPaymentCallback(r)) return false;
  if (postedRead(r)) return false;
  // A read whose handler takes the signed-in user as optional serves anonymous callers by design; a write stays a finding.
  return isMutating(r) || (r.pathKnown && (isSensitivePath(r.path) || peopleListing(r)) && !r.optionalAuth && !catalogueRead(r));
}

/** `GET /api/users`, `GET /customers`: the list of every account (emails, and whatever else the rows hold). Not profiles or members (public directories exist). */
function peopleListing(r: RouteInfo): boolean {
  const segs = r.path.toLowerCase().split('/').filter(Boolean);
  if (r.method !== 'GET' || !segs.length) return false;
  const last = segs[segs.length - 1];
  // `/users/teachers`, `/accounts/admins`: the accounts of one role
  return /^(users|accounts|customers)$/.test(last) || (/^(users|accounts)$/.test(segs[segs.length - 2] ?? '') && /^(teachers|students|admins|staff|employees|instructors|drivers|patients|doctors|sellers|vendors|managers|agents|moderators)$/.test(last));
}

/** `GET /payments/plans`, `GET /billing/prices/:id`: the price list a pricing page shows everyone, outside admin areas. */
function catalogueRead(r: RouteInfo): boolean {
  const w = pathWords(r.path);
  return r.method === 'GET' && !isAdminRoute(r) && CATALOGUE.test(w[w.length - 1] ?? '');
}
const CATALOGUE = /^(plans?|prices?|pricing|products?|tiers?|packages?|currencies|features)$/;

function advice(r: RouteInfo, guard: string | undefined, example: RouteInfo): string {
  if (r.framework === 'firebase') {
    const check = r.method === 'POST'
      ? "start the handler with `if (!request.auth) throw new HttpsError('unauthenticated', 'Sign in first')`"
      : 'verify the Firebase ID token from the Authorization header (`await getAuth().verifyIdToken(token)`) and answer 401 without one';
    const other = example.framework === 'firebase' ? midLabel(example) : example.kind === 'http' ? `\`${example.method} ${example.path}\`` : midLabel(example);
    return `Other code of this app checks who is calling (e.g. ${other}${guard ? `, with \`${guard}\`` : ''}): ${check}.`;
  }
  if (!guard) {
    const where = example.kind === 'http' ? `\`${example.method} ${example.path}\`` : midLabel(example);
    return `Other code of this app checks who is calling (e.g. ${where}): add the same check here, or a middleware/guard that covers every private route.`;
  }
  const g = `\`${guard}\``;
  if (r.kind === 'server-action') return `Other code of this app checks the session with ${g}: do the same at the start of the action (server actions are public POST endpoints).`;
  switch (r.framework) {
    case 'trpc':
      return `Other procedures of this app are built on ${g}: build this one on it too${r.middleware[0] && r.middleware[0] !== guard ? ` (in place of \`${r.middleware[0]}\`)` : ''}, or check \`ctx.session\` at the top of the resolver and throw \`new TRPCError({ code: 'UNAUTHORIZED' })\`.`;
    case 'nestjs':
      if (/Middleware$/.test(guard)) return `Other routes of this app are protected with ${g}: apply it to this route too in its module's \`configure()\` (\`consumer.apply(${guard}).forRoutes(...)\`), or use a guard on the controller.`;
      return `Other routes of this app are protected with ${g}: add \`@UseGuards(${guard.replace(/^@/, '')})\` to this method or its controller (or register the guard as a global APP_GUARD and mark public routes with a decorator).`;
    case 'nextjs':
      return guard === 'middleware.ts' || guard === 'proxy.ts'
        ? `Other routes of this app are protected by ${guard}: extend its \`matcher\` to this path, or check the session at the top of the handler.`
        : `Other handlers of this app check the session with ${g}: do the same at the top of this handler (or cover its path in middleware.ts).`;
    case 'graphql':
      return `Other resolvers of this app check the caller with ${g}: do the same at the start of this one (throw \`new GraphQLError('Not signed in', { extensions: { code: 'UNAUTHENTICATED' } })\` without a user in the context).`;
    case 'fastify':
      return `Other routes of this app are protected with ${g}: add it as an \`onRequest\`/\`preHandler\` hook on this route or its plugin.`;
    default:
      return `Other routes of this app are protected with ${g}: add it to this route (or to its router's mount, e.g. \`app.use('/prefix', ${guard}, router)\`).`;
  }
}

const rule: WorkspaceRule = {
  meta: {
    id: 'auth/unguarded-route',
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'A route that changes data (or exposes admin/billing/user data) has no auth check',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.auth',
    docs: {
      why: 'When an app guards most routes, the one that was forgotten is invisible in testing (the front end always sends a token) and open in production: anyone who finds the URL can create, change or delete data, or read admin, billing or other users\' records, with a plain HTTP request.',
      checks: 'Reads count when they are admin or billing areas, a person by id (`GET /users/:id`) or the list of accounts (`GET /users`, `/accounts`, `/customers`; member and profile directories can be public). Routes that are public on purpose (login, signup, webhooks verified by signature, health checks) are not reported, nor reads sent as POST that write nothing (`POST /products/search`, `.../query`) outside admin and billing areas, nor reads by NestJS handlers that take the signed-in user as optional (`@CurrentUser() user?: User`: anonymous readers are expected; a route that changes data is still reported). tRPC procedures count as routes: a mutation that writes data, or a procedure under an admin or billing key, or one that looks a person up by id or email (`user.byId`), built on a procedure that checks no session (`publicProcedure`) while others are built on one that does. GraphQL mutations (`@Mutation()` of a NestJS `@Resolver`, the `Mutation` fields of an Apollo Server / Yoga resolver map) and Firebase callable functions count the same way. A guard that answers 401 and lets the request go on (`res.status(401).json(...)` in an `if` or a `catch`, then `next()` or the handler\'s work, with no `return`) guards nothing: it is reported once, where it answers, with the routes behind it, whether or not other routes are guarded; the fix returns right after the answer.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.19.2"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './auth';\nimport { projectsRouter } from './projects';\n\nconst app = express();\napp.use(express.json());\napp.use('/projects', projectsRouter);\napp.listen(3000);\n",
        'src/projects.ts': "import { Router } from 'express';\nimport { requireUser } from './auth';\nimport { db } from './db';\n\nexport const projectsRouter = Router();\nprojectsRouter.post('/', requireUser, async (req, res) => res.json(await db.project.create({ data: { name: req.body.name, ownerId: req.user.id } })));\nprojectsRouter.delete('/:id', async (req, res) => {\n  await db.project.delete({ where: { id: req.params.id } });\n  res.sendStatus(204);\n});\n",
        'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  try {\n    req.user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Not signed in' });\n  }\n}\n",
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.19.2"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './auth';\nimport { projectsRouter } from './projects';\n\nconst app = express();\napp.use(express.json());\napp.use('/projects', requireUser, projectsRouter);\napp.listen(3000);\n",
        'src/projects.ts': "import { Router } from 'express';\nimport { db } from './db';\n\nexport const projectsRouter = Router();\nprojectsRouter.post('/', async (req, res) => res.json(await db.project.create({ data: { name: req.body.name, ownerId: req.user.id } })));\nprojectsRouter.delete('/:id', async (req, res) => {\n  await db.project.delete({ where: { id: req.params.id, ownerId: req.user.id } });\n  res.sendStatus(204);\n});\n",
        'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  try {\n    req.user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Not signed in' });\n  }\n}\n",
      } },
      fix: 'Apply the auth middleware or guard the app already uses to the route, preferably where it cannot be forgotten: on the router mount (`app.use(\'/projects\', requireUser, projectsRouter)`), as a Fastify hook on the plugin, as a global Nest guard with an explicit `@Public()` for the few open routes, or in middleware.ts\'s matcher for Next.js (and still check the session in route handlers and server actions).',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const routes = ctx.facts.routes;
    const byPackage = new Map<string, RouteInfo[]>();
    for (const r of routes) {
      let list = byPackage.get(r.package);
      if (!list) byPackage.set(r.package, (list = []));
      list.push(r);
    }
    const seen = new Set<string>();
    // A guard that answers 401 and lets the request go on: one finding where it answers, for every route behind it.
    for (const { at, routes: behind } of fallThroughGroups(routes, 401)) {
      for (const r of behind) seen.add(placeKey(r.file, r.range));
      ctx.report({
        file: at.file,
        range: at.range,
        message: `\`${at.at}\` turns the caller away, but the code goes on: \`${at.next}\` still runs for a caller this check turned away (with \`next()\` the request is served without a valid sign-in). ${reliantRoutes(behind)}. ${returnAdvice(at.at)}`,
        fixes: [{ title: 'Return after the 401 answer', safe: false, edits: [{ file: at.file, ...at.edit }] }],
        workspace: false,
      });
    }
    // Fastify guards written inside `schema`, where Fastify never runs them: the route is public, whatever else the app guards
    for (const r of routes) {
      if (!r.ignoredGuards || r.authGuarded) continue;
      const key = placeKey(r.file, r.range);
      if (seen.has(key)) continue;
      seen.add(key);
      const names = r.ignoredGuards.names.map((n) => `\`${n}\``).join(', ');
      const hook = r.ignoredGuards.hook.replace(/^schema\./, '');
      ctx.report({
        file: r.file,
        range: r.range,
        message: `${routeLabel(r)} has no auth check: its \`${hook}\` (${names}) is written inside \`schema\`, where Fastify runs no hook, so anyone can call it. Move \`${hook}\` out of \`schema\`, to the route's options.`,
        workspace: false,
      });
    }
    // App Router pages and layouts that send visitors without a session away: the app signs its users in, though the
    // pages' checks cover no server action or route handler (each is an endpoint of its own)
    const pageGuards = new Map<string, { file: string; by: string }>();
    for (const [path, f] of ctx.files) {
      const g = f.facts.routes?.next?.pageGuard;
      const dir = ctx.facts.packageOf(path)?.dir ?? '';
      if (g && !pageGuards.has(dir)) pageGuards.set(dir, { file: path, by: g.by });
    }
    // packages whose Supabase clients all use the service-role key: RLS decides nothing for their routes
    const clients = new Map<string, Set<string>>();
    for (const [path, f] of ctx.files) {
      for (const k of f.facts.supabaseClients ?? []) {
        const dir = ctx.facts.packageOf(path)?.dir ?? '';
        let set = clients.get(dir);
        if (!set) clients.set(dir, (set = new Set()));
        set.add(k);
      }
    }
    for (const [pkg, list] of byPackage) {
      const evidence = list.filter(isEvidence);
      const serviceOnly = clients.get(pkg)?.has('service') === true && !clients.get(pkg)?.has('user');
      const page = pageGuards.get(pkg);
      if (!evidence.length && !page) {
        // Nothing is guarded, so nothing says which endpoints should be; but an app with accounts that answers a
        // person lookup to anyone hands out its users' rows (`getUserByEmail(email)` called from the sign-in page).
        if (hasAccounts(ctx, pkg, list)) for (const r of list) if (publicPersonLookup(r, serviceOnly) && !seen.has(placeKey(r.file, r.range))) {
          seen.add(placeKey(r.file, r.range));
          const by = /By([A-Z]\w*)$/.exec(r.handler?.name ?? '')?.[1];
          ctx.report({
            file: r.file,
            range: r.range,
            message: `${routeLabel(r)} looks a person up by what the caller sends and has no auth check: a server action is a public POST endpoint, so anyone can call it with any ${by ? by.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'value'} and get back what it returns (a user's row: email, password hash, personal data). Return only what the caller needs (whether the account exists, or nothing), never the row, or check the session first; and keep data-access functions out of "use server" modules (\`import 'server-only'\` instead).`,
            workspace: false,
          });
        }
        continue;
      }
      // The guarded routes of the same kind and framework, and the guard they use most (one pool per kind).
      const pools = new Map<string, { pool: RouteInfo[]; guard: string | undefined; role?: string }>();
      const poolOf = (r: RouteInfo) => {
        const admin = r.pathKnown && isAdminRoute(r);
        const k = `${r.kind}\0${r.framework}\0${admin}`;
        let p = pools.get(k);
        if (!p) {
          const sameKind = evidence.filter((e) => e.kind === r.kind && e.framework === r.framework);
          const pool = sameKind.length ? sameKind : evidence;
          // a guard is named only when it fits this route: a tRPC procedure builder is no advice for a server action, and the reverse
          const fits = pool.filter((e) => (e.kind === 'procedure') === (r.kind === 'procedure'));
          // and an admin's guard (a role check) only for an admin route: a shop's checkout wants the signed-in guard
          const level = fits.filter((e) => e.roleChecked === admin);
          // most of them also check a role: this one may be staff-only too (a check of the session alone would not do)
          const roleChecked = fits.filter((e) => e.roleChecked);
          const role = !admin && roleChecked.length * 2 > fits.length ? mostUsed(roleChecked.flatMap((e) => e.roleBy))[0] : undefined;
          pools.set(k, (p = { pool, guard: mostUsed((level.length ? level : fits).flatMap((e) => e.authBy).filter((n) => !/^a /.test(n)))[0], role }));
        }
        return p;
      };
      for (const r of list) {
        if (!isCandidate(r, serviceOnly) || r.rolesUnenforced) continue; // auth/missing-role-check reports an unread @Roles()
        if (!evidence.length && r.framework !== 'nextjs') continue;
        const key = placeKey(r.file, r.range);
        if (seen.has(key)) continue;
        seen.add(key);
        const impact = r.writesData ? 'anyone who finds it can change data without signing in' : isMutating(r) ? 'anyone who finds it can call it without signing in' : 'anyone who finds it can read this data without signing in';
        let how: string;
        if (evidence.length) {
          const { pool, guard, role } = poolOf(r);
          how = advice(r, guard, pool[0]) + (role && role !== guard ? ` Most of them also check a role (${role.startsWith('a ') ? role : `\`${role}\``}): check it here too if only staff may call this.` : '');
        } else {
          const endpoint = r.kind === 'server-action' ? 'a server action is a public POST endpoint of its own' : 'a route handler is an endpoint of its own';
          how = `The app's pages check the session (\`${page!.by}\` in ${page!.file}), but ${endpoint}, which no page's check covers: check the session at its start too (\`if (!session?.user) throw ...\`), or in middleware.ts.`;
        }
        ctx.report({
          file: r.file,
          range: r.range,
          message: r.sessionUnchecked
            ? `${routeLabel(r)} reads the session (\`${r.sessionUnchecked}\`) but never checks it: ${impact}. Turn the request away when there is none, before doing anything (\`if (!session?.user) ...\` returning 401, redirecting or throwing).`
            : `${routeLabel(r)} has no auth check: ${impact}. ${how}`,
          workspace: false,
        });
      }
    }
  },
};

export default rule;
