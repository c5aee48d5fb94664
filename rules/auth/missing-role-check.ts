import type { RouteInfo } from '../../server/engine/facts/routes';
import type { WorkspaceRule } from '../../server/engine/types';
import { fallThroughGroups, placeKey, isAdminRoute, isMutating, isSensitivePath, mostUsed, reliantRoutes, returnAdvice, routeLabel } from '../../server/engine/facts/routeKinds';

function advice(r: RouteInfo, roleGuard: string | undefined): string {
  const used = roleGuard && !/^a /.test(roleGuard) ? `\`${roleGuard}\`, which this app uses elsewhere` : undefined;
  switch (r.framework) {
    case 'trpc':
      return `Build it on a procedure that checks the role: ${used ?? "e.g. `adminProcedure = protectedProcedure.use(...)` throwing `new TRPCError({ code: 'FORBIDDEN' })` unless `ctx.session.user.role === 'admin'`"}.`;
    case 'nestjs':
      return `Add a role guard: ${used ?? "`@Roles('admin')` with a RolesGuard"} on the method or controller.`;
    case 'nextjs':
      return `Check the session user's role before doing anything (e.g. \`if (session.user.role !== 'admin') return new Response(null, { status: 403 })\`)${used ? `, or use ${used}` : ''}.`;
    case 'graphql':
      return `Check the role at the start of the resolver: ${used ?? "e.g. `if (ctx.user?.role !== 'admin') throw new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } })`"}.`;
    case 'firebase':
      return `Check a role claim at the start of the function: ${used ?? "e.g. `if (!request.auth?.token.admin) throw new HttpsError('permission-denied', 'Admins only')` (set the claim with `getAuth().setCustomUserClaims(uid, { admin: true })`)"}.`;
    case 'fastify':
      return `Add a role check as a \`preHandler\` hook on the route or the admin plugin (${used ?? "e.g. a hook that replies 403 unless `request.user.role === 'admin'`"}).`;
    default:
      return `Add a role or permission check after the login check (${used ?? "e.g. `requireRole('admin')`, or `if (req.user.role !== 'admin') return res.sendStatus(403)`"}), ideally on the admin router's mount.`;
  }
}

const rule: WorkspaceRule = {
  meta: {
    id: 'auth/missing-role-check',
    category: 'auth',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'An admin route checks only that the caller is signed in, not their role',
    fixKind: 'edit',
    effort: 'day',
    checklist: 'harden.auth',
    docs: {
      checks: 'A role guard applied under a path none of its router\'s routes has (`router.use(\'/admin\', restrictTo(\'admin\'))` on a router whose routes are `/plans` and `/payments`) checks nothing: it is reported where it is applied, with the unguarded writes and admin or sensitive routes registered after it (ship-stopping when one of them writes). Also reported on any NestJS route whose role decorator (`@Roles(\'admin\')` made with `SetMetadata` or `Reflector.createDecorator`) no guard reads: without a RolesGuard on the method, the controller or as a global `APP_GUARD`, the decorator checks nothing (ship-stopping when no login guard applies either). A role or owner check that answers 403 and lets the request go on (`res.status(403).json(...)` in an `if`, then `next()` or the handler\'s work, with no `return`) checks nothing: it is reported once, where it answers (ship-stopping), with the routes behind it; the fix returns right after the answer.',
      why: 'Admin and internal routes guarded only by "is logged in" are open to every user who signs up: one curious customer with the browser dev tools can list all users, change plans or delete accounts. Early on every user is a teammate, so nobody notices until the first stranger signs up.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.19.2"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport { requireUser } from './auth';\nimport { adminRouter } from './admin';\n\nconst app = express();\napp.use('/admin', requireUser, adminRouter);\napp.listen(3000);\n",
        'src/admin.ts': "import { Router } from 'express';\nimport { db } from './db';\n\nexport const adminRouter = Router();\nadminRouter.get('/users', async (req, res) => res.json(await db.user.findMany()));\nadminRouter.delete('/users/:id', async (req, res) => {\n  await db.user.delete({ where: { id: req.params.id } });\n  res.sendStatus(204);\n});\n",
        'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  try {\n    req.user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Not signed in' });\n  }\n}\n",
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.19.2"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport { requireUser, requireRole } from './auth';\nimport { adminRouter } from './admin';\n\nconst app = express();\napp.use('/admin', requireUser, requireRole('admin'), adminRouter);\napp.listen(3000);\n",
        'src/admin.ts': "import { Router } from 'express';\nimport { db } from './db';\n\nexport const adminRouter = Router();\nadminRouter.get('/users', async (req, res) => res.json(await db.user.findMany()));\nadminRouter.delete('/users/:id', async (req, res) => {\n  await db.user.delete({ where: { id: req.params.id } });\n  res.sendStatus(204);\n});\n",
        'src/auth.ts': "import jwt from 'jsonwebtoken';\n\nexport function requireUser(req, res, next) {\n  try {\n    req.user = jwt.verify(req.headers.authorization ?? '', process.env.JWT_SECRET!);\n    next();\n  } catch {\n    res.status(401).json({ error: 'Not signed in' });\n  }\n}\n\nexport const requireRole = (role: string) => (req, res, next) => (req.user?.role === role ? next() : res.sendStatus(403));\n",
      } },
      fix: 'Check a role or permission on every admin route, in one place: a middleware on the admin router mount (`requireRole(\'admin\')`), a Nest `@Roles(\'admin\')` + RolesGuard on the controller, a role check in middleware.ts and in each Next.js admin handler. Keep the role on the server (database or signed token claims), never in something the client can set.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const routes = ctx.facts.routes;
    const seen = new Set<string>();
    // A role or owner check that answers 403 and lets the request go on: one finding where it answers, for every route behind it.
    for (const { at, routes: behind } of fallThroughGroups(routes, 403)) {
      for (const r of behind) seen.add(placeKey(r.file, r.range));
      ctx.report({
        file: at.file,
        range: at.range,
        message: `\`${at.at}\` refuses the caller, but the code goes on: \`${at.next}\` still runs for a caller this check refused. ${reliantRoutes(behind)}. ${returnAdvice(at.at)}`,
        tier: 'ship-stopping',
        fixes: [{ title: 'Return after the 403 answer', safe: false, edits: [{ file: at.file, ...at.edit }] }],
        workspace: false,
      });
    }
    // A role guard applied under a path none of its router's routes has (`router.use('/admin', restrictTo('admin'))` before
    // `router.post('/plans', ...)`): it checks nothing, and the routes registered after it check no role.
    const guards = new Set<string>();
    for (const g of ctx.facts.unusedGuards) {
      const k = placeKey(g.file, g.range);
      if (guards.has(k)) continue;
      const open = g.routes.filter((r) => r.kind === 'http' && !r.roleChecked && !r.opaque && !r.public && !seen.has(placeKey(r.file, r.range)) && (isMutating(r) || isAdminRoute(r) || (r.pathKnown && isSensitivePath(r.path))));
      if (!open.length) continue;
      guards.add(k);
      for (const r of open) seen.add(placeKey(r.file, r.range));
      const list = `${open.slice(0, 4).map(routeLabel).join(', ')}${open.length > 4 ? ` and ${open.length - 4} more` : ''}`;
      const who = open.every((r) => r.authGuarded) ? 'any signed-in user' : 'anyone';
      const scope = g.scope.map((p) => `\`${p}\``).join(', ');
      ctx.report({
        file: g.file,
        range: g.range,
        message: `\`${g.name}\` is applied only under ${scope}, but no route of this router is there, so it checks nothing: ${list} ${open.length === 1 ? 'checks' : 'check'} no role, and ${who} can call ${open.length === 1 ? 'it' : 'them'}. Apply the guard to the routes it is meant for (\`router.use(${g.name})\` before them, or on each route), or register them under ${scope}.`,
        ...(open.some((r) => isMutating(r)) ? { tier: 'ship-stopping' as const } : {}),
        workspace: false,
      });
    }
    for (const r of routes) {
      if (r.kind === 'server-action' || r.roleChecked || r.opaque || r.public) continue;
      const key = placeKey(r.file, r.range);
      if (r.classRolesUnread) {
        if (seen.has(key)) continue;
        seen.add(key);
        const { decorator, guard } = r.classRolesUnread;
        ctx.report({
          file: r.file,
          range: r.range,
          message: `${routeLabel(r)} is in a controller marked \`${decorator}\`, but \`${guard}\` reads the roles only from the method (\`reflector.get(..., context.getHandler())\`): it finds none on this route and lets the request through, so any signed-in user can call it. Read the controller's too: \`this.reflector.getAllAndOverride(ROLES_KEY, [context.getHandler(), context.getClass()])\`.`,
          ...(r.writesData || isAdminRoute(r) ? { tier: 'ship-stopping' as const } : {}),
          workspace: false,
        });
        continue;
      }
      if (r.rolesUnenforced) {
        if (seen.has(key)) continue;
        seen.add(key);
        const who = r.authGuarded ? 'any signed-in user' : 'anyone, signed in or not,';
        ctx.report({
          file: r.file,
          range: r.range,
          message: `${routeLabel(r)} is marked \`${r.rolesUnenforced}\`, but that decorator only sets metadata and no guard on this route reads it (no RolesGuard in \`@UseGuards()\` on the method or controller, nor as a global \`APP_GUARD\`): ${who} can call it. Apply the role guard: \`@UseGuards(${r.authGuarded ? `${r.authBy.find((n) => !/^a /.test(n)) ?? 'JwtAuthGuard'}, ` : 'JwtAuthGuard, '}RolesGuard)\`, or register RolesGuard as an \`APP_GUARD\` provider.`,
          ...(r.authGuarded ? {} : { tier: 'ship-stopping' as const }),
          workspace: false,
        });
        continue;
      }
      if (!r.authGuarded || !isAdminRoute(r)) continue;
      if (seen.has(key)) continue;
      seen.add(key);
      const roleGuard = mostUsed(routes.filter((x) => x.package === r.package && x.framework === r.framework).flatMap((x) => x.roleBy))[0];
      const login = r.authBy.filter((n) => !/^a /.test(n))[0];
      ctx.report({
        file: r.file,
        range: r.range,
        message: `${routeLabel(r)} is an admin route but only checks that the caller is signed in${login ? ` (\`${login}\`)` : ''}: any user with an account can call it. ${advice(r, roleGuard)}`,
        workspace: false,
      });
    }
  },
};

export default rule;
