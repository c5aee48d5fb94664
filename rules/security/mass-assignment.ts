import { ts } from 'ts-morph';
import type { RouteInfo } from '../../server/engine/facts/routes';
import type { Range, TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { accessPath, asObject, calleeName, findProperty, isTestPath, resolveCallee, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { clip } from '../../server/engine/ts/clip';
import { findDeclaration } from '../../server/engine/ts/values';
import { calleeModuleRef, type ModuleRef } from '../../server/engine/facts/routeBodies';
import { RequestScope, functionKeys, isFunctionWithBody, type RequestParam } from '../../server/engine/ts/requestInput';
import { placeKey, routeLabel, routesByHandler, validatedHandlers } from '../../server/engine/facts/routeKinds';

const ID = 'security/mass-assignment';

/** A write fed the whole request body; `keys` locate its enclosing functions for the route map. */
interface Sink { range: Range; message: string; keys: string[]; validates?: boolean; nest?: boolean }
/** A server-owned field written from the request by name (`role: req.body.role`): reported on routes that check no role. */
interface FieldSink { range: Range; field: string; from: string; label: string; keys: string[] }
/**
 * A function writing one of its parameters whole (`create(data) { return User.create(data) }`): reported where a
 * caller hands it the request body. `fn`: the function's keys (functionKeys), matched with its `fns` entry's range.
 */
interface ParamSink { fn: string[]; index: number; range: Range; label: string; dropped?: string[] }
/**
 * A call of another workspace module's function with the whole body (or a parameter of the calling function) as an
 * argument: `userService.create(req.body)`. Followed into that module at the workspace pass.
 */
interface Forward { ref: ModuleRef; index: number; range: Range; call: string; keys: string[]; text: string; validates?: boolean; nest?: boolean; what?: string; param?: { fn: string[]; index: number } }
interface Data { sinks: Sink[]; fields?: FieldSink[]; params?: ParamSink[]; forwards?: Forward[] }
/** Fields only the server (or an admin) should set. */
const PRIVILEGED = new Set(['role', 'roles', 'userRole', 'roleId', 'role_id', 'id_role', 'idRole', 'RoleId', 'isAdmin', 'is_admin', 'admin', 'isSuperuser', 'is_superuser', 'superuser', 'isStaff', 'permissions', 'accessLevel', 'emailVerified', 'email_verified', 'isVerified', 'verified']);

const OBJECT_FORM = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'upsert']);
const FIRST_ARG = new Set(['create', 'insert', 'insertMany', 'insertOne', 'save', 'bulkCreate', 'build', 'values', 'add', 'upsert', 'preload', 'update', 'set', 'createQueryBuilder']);
const SECOND_ARG = new Set(['update', 'updateOne', 'updateMany', 'findByIdAndUpdate', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace', 'merge', 'assign', 'save', 'insert', 'create']);
const DATA_NAME = /prisma|^db$|database|knex|repo$|repository$|model$|models$|^collection$|supabase|firestore|firebase|drizzle|^orm$|mongo|mongoose|sequelize|^em$|entitymanager|^manager$|^tx$|^trx$|datasource|^kysely$|dao$|table$/i;
const DATA_CALLS = /^(from|collection|doc|getRepository|getMongoRepository|insertInto|updateTable|into|table|withSchema)$/;
const NOT_DATA_ROOT = new Set(['Object', 'Array', 'Map', 'Set', 'WeakMap', 'JSON', 'Math', 'Reflect', 'Promise', 'res', 'reply', 'response', 'ctx', 'c', 'headers', 'cookies', 'cache', 'redis', 'queue', 'logger', 'console', 'stripe', 'axios', 'crypto', 'formData', 'searchParams', 'params', 'url', 'URLSearchParams', '_', 'lodash', 'form', 'state', 'store', 'analytics', 'posthog', 'Sentry', 'mailer', 'transporter', 'resend', 'emitter', 'io', 'socket']);
const BUILTIN = new Set(['Object', 'Array', 'Promise', 'Reflect', 'JSON', 'Date', 'Map', 'Set', 'WeakMap', 'Buffer', 'URL', 'URLSearchParams', 'Error', 'Math', 'Number', 'String', 'Symbol', 'Response', 'Request', 'Headers', 'FormData', 'Blob', 'NextResponse', 'TypeError', 'RegExp']);
const READ_CALLS = /^(find\w*|get\w*By\w*|load|fetch\w*ById|findByPk)$/;
const PARSE_CALLS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync']);
const CHECK_CALLS = new Set(['validate', 'validateSync', 'validateAsync', 'validateOrReject', 'assert', 'assertValid', 'attempt']);
const VALIDATE_ANY = /^(parse|safeParse|parseAsync|safeParseAsync|validate|validateSync|validateAsync|validateOrReject|assert|assertValid|attempt|matchedData|validationResult|plainToInstance|plainToClass)$/;

/** Names one of which a whole-body read needs (requestInput: FIELD_SOURCE's body fields, BODY_METHODS, Nest's `Body`). */
const BODY_HINTS = ['body', 'files', 'file', 'rawBody', 'json', 'text', 'arrayBuffer', 'blob', 'fromEntries', 'Body'];

/** What a value written is: the request body (`text`, with `nest` / `what` for messages), or a parameter of its function (`param`). */
interface Taint { text: string; nest?: boolean; what?: string; param?: { fn: string[]; index: number }; dropped?: string[] }

/** The request scope of a file that reads no request input. */
const NO_INPUT: Pick<RequestScope, 'lookup' | 'read'> = { lookup: () => undefined, read: () => undefined };

/**
 * Every route checks a role, and not the role every customer has (`userRoleAuth`, `requireRole('user')`): an admin's or
 * staff form, whose callers are trusted to set the fields.
 */
function staffOnly(routes: readonly RouteInfo[]): boolean {
  const basic = (b: string) => b.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).some((w) => BASIC_ROLE.test(w));
  return routes.length > 0 && routes.every((r) => r.roleChecked && !r.roleBy.some(basic));
}
const BASIC_ROLE = /^(users?|customers?|members?|clients?|buyers?|guests?|self|own|owners?|mine)$/;

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'The request body is written to the database as is (mass assignment)',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.validation',
    docs: {
      why: "`prisma.user.update({ data: req.body })`, `User.create({ ...req.body })`, `Object.assign(user, req.body)`: the client decides which columns are written, not the form. Anyone can add `\"role\": \"admin\"`, `\"isAdmin\": true`, `\"emailVerified\": true`, `\"ownerId\"`, `\"credits\"` or a price to the JSON and the ORM saves it (GitHub's 2012 incident was this bug). Types do not help: they are erased at run time.",
      checks: "NestJS routes whose `@Body()` is typed with a TypeORM `@Entity()` or Mongoose `@Schema()` class are reported when no ValidationPipe strips unknown keys (`whitelist: true` on the parameter's pipe or app-wide). A server-owned field (`role`, `isAdmin`, `emailVerified`...) written from the request by name (`role: req.body.role`, or `role` destructured from the body) is reported where a route handler that checks no role saves it. Reported for Prisma, Sequelize, Mongoose, TypeORM, Drizzle, Knex, Supabase and Firestore writes fed `req.body` / `ctx.request.body` / `await req.json()` / `Object.fromEntries(formData)`, a spread or a rest of it, a variable holding it, an untyped Nest `@Body()`, or a server action's object argument. Not reported: values from a schema's parse result (zod and valibot strip unknown keys by default), fields picked one by one, Sequelize `fields: [...]`, a body checked in place by joi / class-validator / ajv (`validate(...)`, which rejects unknown keys), and routes whose validation middleware or Fastify schema applies (express-validator field checks count only with `checkExact()`: they let keys they do not name through). The body handed whole to a function of another module that writes it as is (`userService.create(req.body)` with `create(data) { return User.create(data) }`, `this.usersService.update(id, body)`, through up to three layers: controller, service, repository) is reported at the call, with the write it reaches; a function that picks its fields, or checks its argument with joi first, is not followed further. A NestJS DTO whose validated properties include a server-owned field (`role`, `isAdmin`, `permissions`, `emailVerified`, `credits`...) is reported too when a route that writes and checks no role takes it as `@Body()`: the whitelist keeps what the DTO declares.",
      bad: { files: {
        'src/routes/users.ts': "import { Router } from 'express';\nimport { prisma } from '../db';\n\nexport const users = Router();\n\nusers.patch('/me', async (req, res) => {\n  const user = await prisma.user.update({ where: { id: req.user.id }, data: req.body });\n  res.json(user);\n});\n",
      } },
      good: { files: {
        'src/routes/users.ts': "import { Router } from 'express';\nimport { z } from 'zod';\nimport { prisma } from '../db';\n\nexport const users = Router();\nconst ProfileUpdate = z.object({ name: z.string().max(100), bio: z.string().max(500).optional() });\n\nusers.patch('/me', async (req, res) => {\n  const data = ProfileUpdate.parse(req.body);\n  const user = await prisma.user.update({ where: { id: req.user.id }, data });\n  res.json(user);\n});\n",
      } },
      fix: "Write only the fields the endpoint is meant to change: parse the body with a schema and pass the result (zod `Schema.parse(req.body)` strips unknown keys; class-validator DTOs need `ValidationPipe({ whitelist: true })`; joi `stripUnknown: true`), or pick them explicitly (`const { name, bio } = req.body; data: { name, bio }`). Set server-owned fields (owner, role, status, prices) from the session or the database, never from the request.",
    },
  },
  scope: 'ts',
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    // Every finding writes a whole body: `req.body` / `.files` / `.file` / `.rawBody`, `ctx.request.body`, `await req.json()` /
    // `.text()` / `.arrayBuffer()` / `.blob()`, `Object.fromEntries(formData)`, a Nest `@Body()`, or a server action's
    // argument. A server action is marked by a 'use server' string (not in the name table), and `new Model(input)` needs
    // no particular name, which is why this rule has no `triggers`; files with none of those names record no field sinks.
    // Such a file can still write a parameter whole (a service's `create(data)`): only those writes, and the
    // calls handing a parameter on to another module, are recorded there (for callers that pass the body).
    const bodyFile = BODY_HINTS.some(ctx.hasName) || sf.text.includes('use server');
    // (no request input in a file without those names: its scope is not computed, only parameters are followed)
    const scope: Pick<RequestScope, 'lookup' | 'read'> = bodyFile ? RequestScope.of(sf, imports) : NO_INPUT;
    const validating = new Set<ts.Node>();
    const pending: Array<{ anchor: ts.Node; taint: Taint; label: string }> = [];
    const mongooseOrSequelize = imports.modules.some((m) => /^(mongoose|@nestjs\/mongoose|sequelize|sequelize-typescript|@sequelize\/core|@typegoose\/typegoose)$/.test(m.module));

    const isModelName = (name: string): boolean => {
      if (BUILTIN.has(name) || !/^[A-Z]/.test(name)) return false;
      const b = imports.bindings.get(name);
      if (b) return /^(\.|@\/|~\/|#)/.test(b.module) || /model|entit|schema/i.test(b.module);
      const init = consts.get(name);
      if (init) { const u = unwrap(init); return ts.isCallExpression(u) && /^(model|define|getModelForClass)$/.test(calleeName(u) ?? ''); }
      return mongooseOrSequelize && sf.statements.some((s) => ts.isClassDeclaration(s) && s.name?.text === name);
    };

    /** A record loaded from the database (`const user = await User.findById(id)`), which `.set()` / `.update()` / `Object.assign` write. */
    const isLoadedRecord = (e: ts.Expression): boolean => {
      const u = unwrap(e);
      if (!ts.isIdentifier(u)) return false;
      const decl = findDeclaration(u);
      if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return false;
      const init = unwrap(decl.initializer);
      if (!ts.isCallExpression(init) || !READ_CALLS.test(calleeName(init) ?? '')) return false;
      return isDataChain(init.expression, false);
    };

    /** `const users = dataSource.getRepository(User)`, `const posts = db.collection('posts')`: a variable holding a repository or table. */
    const isDataValue = (name: string): boolean => {
      const init = consts.get(name);
      const u = init && unwrap(init);
      if (!u || !ts.isCallExpression(u)) return false;
      const n = calleeName(u) ?? '';
      return DATA_CALLS.test(n) || /^(getCustomRepository|model|define)$/.test(n);
    };

    /** Whether a callee's receiver is a database client, model, repository, table or query. */
    const isDataChain = (callee: ts.Expression, allowRecord = true): boolean => {
      let e = unwrap(callee);
      if (!ts.isPropertyAccessExpression(e)) return false;
      e = unwrap(e.expression);
      const names: string[] = [];
      let root: string | undefined;
      for (let i = 0; i < 12; i++) {
        if (ts.isPropertyAccessExpression(e)) { names.push(e.name.text); e = unwrap(e.expression); continue; }
        if (ts.isCallExpression(e)) {
          const n = calleeName(e);
          if (n) { names.push(n); if (DATA_CALLS.test(n)) return true; }
          const ce = unwrap(e.expression);
          if (ts.isPropertyAccessExpression(ce)) { e = unwrap(ce.expression); continue; }
          if (ts.isIdentifier(ce)) { root = ce.text; break; }
          return false;
        }
        if (ts.isIdentifier(e)) { root = e.text; names.push(e.text); break; }
        if (e.kind === ts.SyntaxKind.ThisKeyword) break;
        return false;
      }
      if (root && NOT_DATA_ROOT.has(root)) return false;
      if (names.some((n) => /service$|client$|api$|queue$|cache$|logger$/i.test(n) && !DATA_NAME.test(n))) return false;
      if (names.some((n) => DATA_NAME.test(n))) return true;
      if (root && names.length === 1 && (isModelName(root) || isDataValue(root))) return true;
      return allowRecord && names.length === 1 && isLoadedRecord(unwrap((unwrap(callee) as ts.PropertyAccessExpression).expression));
    };

    const looseNestType = (t: ts.TypeNode | undefined): boolean => {
      if (!t) return true;
      if (t.kind === ts.SyntaxKind.AnyKeyword || t.kind === ts.SyntaxKind.UnknownKeyword || t.kind === ts.SyntaxKind.ObjectKeyword) return true;
      if (ts.isTypeLiteralNode(t)) return t.members.some((m) => ts.isIndexSignatureDeclaration(m));
      if (ts.isTypeReferenceNode(t)) {
        const name = ts.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.getText(sf);
        if (/^(Record|Partial|Object|Required|Omit|Pick)$/.test(name) || /^Prisma\./.test(name) || /(Create|Update|Upsert)(Unchecked)?Input$/.test(name)) return true;
        if (ts.isIdentifier(t.typeName)) return sf.statements.some((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name);
      }
      return false;
    };

    const fromParam = (p: RequestParam, text: string): Taint | undefined => {
      if (p.kind === 'nest') return p.src === 'body' && !p.field && looseNestType(p.type) ? { text, nest: true } : undefined;
      if (p.kind === 'action') return p.src === 'body' ? { text, what: `the server action's argument \`${text}\` (a client can call the action with any object)` } : undefined;
      return undefined;
    };

    /** A FormData value: a server action's FormData argument, `await req.formData()`, or a variable holding one. */
    const isFormData = (e: ts.Expression, depth = 0): boolean => {
      const u = unwrap(e);
      if (depth > 4) return false;
      if (ts.isCallExpression(u) && ts.isPropertyAccessExpression(u.expression) && u.expression.name.text === 'entries' && u.arguments.length === 0) return isFormData(u.expression.expression, depth + 1);
      const r = scope.read(u);
      if (r && r.src === 'form' && r.whole) return true;
      if (ts.isIdentifier(u)) {
        const decl = findDeclaration(u);
        if (decl && ts.isVariableDeclaration(decl) && decl.initializer && isConstLike(decl)) return isFormData(decl.initializer, depth + 1);
      }
      return false;
    };

    /** The whole request body (or a copy, spread or rest of it) that `e` evaluates to. */
    const taintOf = (e: ts.Expression, depth = 0): Taint | undefined => {
      if (depth > 6) return undefined;
      const u = unwrap(e);
      if (ts.isIdentifier(u)) {
        const hit = scope.lookup(u, u.text);
        if (hit) return fromParam(hit.param, u.text);
        const decl = findDeclaration(u);
        if (!decl) return undefined;
        if (ts.isParameter(decl)) {
          // a parameter the function's callers fill: a sink of the function, reported where a caller passes the body
          const fn = decl.parent;
          if (!ts.isIdentifier(decl.name) || decl.dotDotDotToken || !isFunctionWithBody(fn)) return undefined;
          return { text: u.text, param: { fn: functionKeys(sf, fn), index: fn.parameters.indexOf(decl) } };
        }
        if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer) return isConstLike(decl) ? retext(taintOf(decl.initializer, depth + 1), u.text) : undefined;
        if (ts.isBindingElement(decl) && decl.dotDotDotToken && ts.isObjectBindingPattern(decl.parent)) {
          let n: ts.Node = decl.parent.parent;
          while (ts.isBindingElement(n)) n = n.parent.parent;
          if (ts.isVariableDeclaration(n) && n.initializer && isConstLike(n)) {
            const t = retext(taintOf(n.initializer, depth + 1), u.text);
            // `const { password, role, ...rest } = req.body`: a denylist, the fields it drops said in the message
            const dropped = decl.parent.elements.filter((e) => e !== decl).map((e) => (e.propertyName && ts.isIdentifier(e.propertyName) ? e.propertyName : e.name)).filter(ts.isIdentifier).map((x) => x.text);
            return t && dropped.length ? { ...t, dropped: [...(t.dropped ?? []), ...dropped] } : t;
          }
        }
        return undefined;
      }
      const r = scope.read(u);
      if (r) return r.whole && r.src === 'body' && r.text !== undefined ? { text: clip(r.text.replace(/^await\s+/, '')) } : undefined;
      if (ts.isObjectLiteralExpression(u)) {
        for (const p of u.properties) if (ts.isSpreadAssignment(p)) { const t = taintOf(p.expression, depth + 1); if (t) return t; }
        return undefined;
      }
      if (ts.isBinaryExpression(u) && (u.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || u.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return taintOf(u.left, depth + 1) ?? taintOf(u.right, depth + 1);
      if (ts.isConditionalExpression(u)) return taintOf(u.whenTrue, depth + 1) ?? taintOf(u.whenFalse, depth + 1);
      if (ts.isCallExpression(u)) {
        const path = accessPath(u.expression)?.join('.');
        const name = calleeName(u);
        if (path === 'Object.assign') { for (const a of u.arguments) { const t = taintOf(a, depth + 1); if (t) return t; } return undefined; }
        if (path === 'structuredClone' || (name === 'omit' && /^(_|lodash|R)\.omit$|^omit$/.test(path ?? ''))) return u.arguments[0] ? taintOf(u.arguments[0], depth + 1) : undefined;
        if (path === 'JSON.parse' && u.arguments[0]) {
          const inner = unwrap(u.arguments[0]);
          if (ts.isCallExpression(inner) && accessPath(inner.expression)?.join('.') === 'JSON.stringify' && inner.arguments[0]) return taintOf(inner.arguments[0], depth + 1);
          const rr = scope.read(inner);
          if (rr && rr.whole && rr.src === 'body') return { text: clip(u.getText(sf)) };
          if (ts.isIdentifier(inner)) { const d = findDeclaration(inner); if (d && ts.isVariableDeclaration(d) && d.initializer && isConstLike(d)) { const r2 = scope.read(unwrap(d.initializer)); if (r2 && r2.whole && r2.src === 'body') return { text: clip(u.getText(sf)) }; } }
          return undefined;
        }
        if (path === 'Object.fromEntries' && u.arguments[0] && isFormData(u.arguments[0])) return { text: clip(u.getText(sf)), what: `every submitted form field (\`${clip(u.getText(sf))}\`)` };
      }
      return undefined;
    };

    const sinkArgs = (call: ts.CallExpression): Array<{ arg: ts.Expression; taint: Taint; label: string }> => {
      const out: Array<{ arg: ts.Expression; taint: Taint; label: string }> = [];
      const name = calleeName(call);
      const callee = unwrap(call.expression);
      if (name && ts.isIdentifier(callee) && /^(setDoc|addDoc|updateDoc)$/.test(name) && call.arguments[1]) {
        const r = resolveCallee(callee, imports);
        const t = r && /^(firebase\/firestore|firebase\/firestore\/lite|@firebase\/firestore)$/.test(r.module) ? taintOf(call.arguments[1]) : undefined;
        if (t) out.push({ arg: call.arguments[1], taint: t, label: `${name}()` });
        return out;
      }
      if (!name || !ts.isPropertyAccessExpression(callee) || !call.arguments.length) return out;
      if (name !== 'assign' && !OBJECT_FORM.has(name) && !FIRST_ARG.has(name) && !SECOND_ARG.has(name)) return out;
      const label = `${clip(accessPath(callee)?.join('.') ?? callee.getText(sf))}()`;
      const args = call.arguments;
      if (name === 'assign' && accessPath(callee)?.join('.') === 'Object.assign') {
        const target = args[0];
        if (!target || args.length < 2) return out;
        const tu = unwrap(target);
        if (ts.isObjectLiteralExpression(tu) || tu.kind === ts.SyntaxKind.ThisKeyword) return out;
        if (!isLoadedRecord(tu) && !savedLater(call, tu)) return out;
        for (const a of args.slice(1)) { const t = taintOf(a); if (t) out.push({ arg: a, taint: t, label: `Object.assign(${clip(tu.getText(sf))}, ...)` }); }
        return out;
      }
      const obj = args[0] ? asObject(args[0], consts) : undefined;
      if (OBJECT_FORM.has(name) && obj && obj.getSourceFile() === sf && ts.isPropertyAccessExpression(unwrap(callee.expression))) {
        for (const key of name === 'upsert' ? ['create', 'update'] : ['data']) {
          const p = findProperty(obj, key, consts);
          const t = p?.value && taintOf(p.value);
          // `upsert({ update: props, create: props })`: one body, one finding (at the first)
          if (t && p?.value && !out.some((o) => o.taint.text === t.text)) out.push({ arg: p.value, taint: t, label });
        }
        if (out.length || findProperty(obj, 'data', consts) || findProperty(obj, 'where', consts)) return out;
      }
      if (!isDataChain(callee)) return out;
      if (FIRST_ARG.has(name) && args[0] && !(name === 'set' && args.length !== 1)) {
        const opts = args[1] && asObject(args[1], consts);
        const t = taintOf(args[0]);
        if (t && !(opts && findProperty(opts, 'fields', consts))) out.push({ arg: args[0], taint: t, label });
      }
      if (SECOND_ARG.has(name) && args[1]) {
        let t = taintOf(args[1]);
        let arg = args[1];
        const o = asObject(args[1], consts);
        if (!t && o) { const set = findProperty(o, '$set', consts); if (set?.value) { t = taintOf(set.value); arg = set.value; } }
        if (t) out.push({ arg, taint: t, label });
      }
      return out;
    };

    /** `Object.assign(user, body)` followed by `user.save()` / `repo.save(user)` / `em.persist(user)` in the same function. */
    const savedLater = (call: ts.Node, target: ts.Expression): boolean => {
      if (!ts.isIdentifier(target)) return false;
      let fn: ts.Node | undefined = call.parent;
      while (fn && !isFunctionWithBody(fn)) fn = fn.parent;
      if (!fn) return false;
      let found = false;
      const visit = (n: ts.Node): void => {
        if (found) return;
        if (ts.isCallExpression(n) && n.pos > call.end) {
          const name = calleeName(n) ?? '';
          const callee = unwrap(n.expression);
          if (/^(save|persist|persistAndFlush|update|commit)$/.test(name)) {
            if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(unwrap(callee.expression)) && (unwrap(callee.expression) as ts.Identifier).text === target.text) found = true;
            if (n.arguments.some((a) => ts.isIdentifier(unwrap(a)) && (unwrap(a) as ts.Identifier).text === target.text)) found = true;
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(fn);
      return found;
    };

    /** The body was parsed in this function but the raw value is what gets written. */
    /**
     * `req.body = Schema.parse(req.body); return insertIntoDB(req)`: the function writing `req.body` is called, from this
     * file, only after its callers replaced the body with a parse result.
     */
    const replacedMemo = new Map<ts.Node, boolean>();
    const replacedByCallers = (fn: ts.Node): boolean => {
      const known = replacedMemo.get(fn);
      if (known !== undefined) return known;
      const result = replacedBefore(fn);
      replacedMemo.set(fn, result);
      return result;
    };
    const replacedBefore = (fn: ts.Node): boolean => {
      const name = ts.isFunctionDeclaration(fn) ? fn.name?.text : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
      if (!name) return false;
      const calls: ts.CallExpression[] = [];
      const find = (n: ts.Node): void => { if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) calls.push(n); ts.forEachChild(n, find); };
      find(sf);
      return calls.length > 0 && calls.every((call) => {
        let caller: ts.Node | undefined = call.parent;
        while (caller && !isFunctionWithBody(caller)) caller = caller.parent;
        let replaced = false;
        const visit = (n: ts.Node): void => {
          if (replaced || n.pos >= call.pos) return;
          if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === 'body' && ts.isCallExpression(unwrap(n.right)) && PARSE_CALLS.has(calleeName(unwrap(n.right) as ts.CallExpression) ?? '')) { replaced = true; return; }
          ts.forEachChild(n, visit);
        };
        if (caller) visit(caller);
        return replaced;
      });
    };
    const rawAfterParse = (at: ts.Node, text: string): 'parsed' | 'checked' | undefined => {
      let result: 'parsed' | 'checked' | undefined;
      if (/\.body$/.test(text)) {
        let fn: ts.Node | undefined = at.parent;
        while (fn && !isFunctionWithBody(fn)) fn = fn.parent;
        if (fn && replacedByCallers(fn)) return 'checked';
      }
      for (let fn: ts.Node | undefined = at.parent; fn; fn = fn.parent) {
        if (!isFunctionWithBody(fn)) continue;
        const visit = (n: ts.Node): void => {
          if (result === 'checked') return;
          if (ts.isCallExpression(n)) {
            const name = calleeName(n) ?? '';
            if ((PARSE_CALLS.has(name) || CHECK_CALLS.has(name)) && n.arguments.some((a) => unwrap(a).getText(sf) === text || clip(unwrap(a).getText(sf)) === text)) result = CHECK_CALLS.has(name) ? 'checked' : 'parsed';
          }
          ts.forEachChild(n, visit);
        };
        visit(fn);
      }
      return result;
    };

    const forwards: Array<{ anchor: ts.Expression; taint: Taint; ref: ModuleRef; index: number; call: string }> = [];
    const onCall = (n: ts.Node) => {
      const call = n as ts.CallExpression;
      const name = calleeName(call);
      if (name && VALIDATE_ANY.test(name)) for (let p: ts.Node | undefined = call.parent; p; p = p.parent) if (isFunctionWithBody(p)) validating.add(p);
      const sunk = sinkArgs(call);
      for (const s of sunk) pending.push({ anchor: s.arg, taint: s.taint, label: s.label });
      if (sunk.length || !call.arguments.length) return;
      const ref = calleeModuleRef(call.expression, imports);
      if (!ref) return;
      call.arguments.forEach((a, index) => {
        const taint = taintOf(a);
        if (taint) forwards.push({ anchor: a, taint, ref, index, call: clip(unwrap(call.expression).getText(sf)) });
      });
    };
    const onNew = (n: ts.Node) => {
      const e = n as ts.NewExpression;
      const callee = unwrap(e.expression);
      if (!ts.isIdentifier(callee) || !isModelName(callee.text) || !e.arguments?.[0]) return;
      const t = taintOf(e.arguments[0]);
      if (t) pending.push({ anchor: e.arguments[0], taint: t, label: `new ${callee.text}()` });
    };
    /** `req.body.role`, or `role` destructured from the body (`const { role } = req.body`): the request text it comes from. */
    const fromBody = (e: ts.Expression): string | undefined => {
      let v = unwrap(e);
      if (ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.BarBarToken || v.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) v = unwrap(v.left);
      if (ts.isPropertyAccessExpression(v)) { const r = scope.read(v.expression); return r && r.src === 'body' ? `${r.text}.${v.name.text}` : undefined; }
      if (!ts.isIdentifier(v)) return undefined;
      const d = findDeclaration(v);
      if (!d || !ts.isBindingElement(d) || !ts.isObjectBindingPattern(d.parent) || !ts.isVariableDeclaration(d.parent.parent) || !d.parent.parent.initializer) return undefined;
      const whole = scope.read(d.parent.parent.initializer);
      return whole && whole.src === 'body' ? `${whole.text}.${(d.propertyName && ts.isIdentifier(d.propertyName) ? d.propertyName : v).text}` : undefined;
    };
    /** The write an object literal is the data of: `User.create({...})`, `prisma.user.create({ data: {...} })`, `new User({...})`. */
    const writeOf = (obj: ts.ObjectLiteralExpression): string | undefined => {
      let cur: ts.Node = obj;
      for (let i = 0; i < 3; i++) {
        const p = cur.parent;
        if (ts.isPropertyAssignment(p) && /^(data|values|create|update|\$set)$/.test(ts.isIdentifier(p.name) ? p.name.text : '') && ts.isObjectLiteralExpression(p.parent)) { cur = p.parent; continue; }
        if (ts.isCallExpression(p) && p.arguments.includes(cur as ts.Expression)) {
          const name = calleeName(p) ?? '';
          return (FIRST_ARG.has(name) || SECOND_ARG.has(name) || OBJECT_FORM.has(name)) && isDataChain(p.expression) ? `${accessPath(unwrap(p.expression))?.join('.') ?? name}()` : undefined;
        }
        if (ts.isNewExpression(p) && ts.isIdentifier(unwrap(p.expression)) && isModelName((unwrap(p.expression) as ts.Identifier).text)) return `new ${(unwrap(p.expression) as ts.Identifier).text}()`;
        return undefined;
      }
      return undefined;
    };
    const fieldSinks: FieldSink[] = [];
    const onField = (n: ts.Node) => {
      const prop = n as ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
      const field = ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : undefined;
      if (!field || !PRIVILEGED.has(field) || !ts.isObjectLiteralExpression(prop.parent)) return;
      const from = fromBody(ts.isPropertyAssignment(prop) ? prop.initializer : prop.name);
      const label = from && writeOf(prop.parent);
      if (!from || !label) return;
      const keys: string[] = [];
      for (let p: ts.Node | undefined = prop.parent; p; p = p.parent) if (isFunctionWithBody(p)) keys.push(...functionKeys(sf, p));
      fieldSinks.push({ range: nodeRange(sf, prop), field, from, label, keys });
    };
    return {
      CallExpression: onCall,
      NewExpression: onNew,
      ...(bodyFile ? { PropertyAssignment: onField, ShorthandPropertyAssignment: onField } : {}),
      onEnd() {
        if (fieldSinks.length) (ruleDataOf<Data>(ctx.facts, ID, () => ({ sinks: [] })).fields ??= []).push(...fieldSinks);
        const sinks: Sink[] = [];
        const params: ParamSink[] = [];
        for (const { anchor, taint, label } of pending) {
          const raw = rawAfterParse(anchor, taint.text);
          if (raw === 'checked') continue;
          if (taint.param) { params.push({ fn: taint.param.fn, index: taint.param.index, range: nodeRange(sf, anchor), label, ...(taint.dropped ? { dropped: taint.dropped } : {}) }); continue; }
          const keys: string[] = [];
          let validates = false;
          for (let p: ts.Node | undefined = anchor.parent; p; p = p.parent) if (isFunctionWithBody(p)) { keys.push(...functionKeys(sf, p)); if (validating.has(p)) validates = true; }
          const what = taint.what ?? (taint.nest ? `the untyped \`@Body() ${taint.text}\` (ValidationPipe cannot whitelist an \`any\`/interface type)` : `the whole request body (\`${taint.text}\`)`);
          const advice = raw === 'parsed'
            ? 'The body is parsed with a schema above, but the raw value is what gets written: pass the parse result instead (zod strips unknown keys from it).'
            : taint.nest
              ? 'Type it with a DTO class (class-validator decorators) and enable `ValidationPipe({ whitelist: true })`, or pick the fields explicitly.'
              : 'Parse it with a schema and write the result (zod `Schema.parse(...)` strips unknown keys), or pick the fields explicitly.';
          const message = `\`${label}\` writes ${what}${droppedNote(taint.dropped)}: a client can set any column the form never shows (${examples(taint.dropped)}) by adding it to the request. ${advice}`;
          const s: Sink = { range: nodeRange(sf, anchor), message, keys };
          if (validates && raw !== 'parsed') s.validates = true;
          if (taint.nest) s.nest = true;
          sinks.push(s);
        }
        if (sinks.length) ruleDataOf<Data>(ctx.facts, ID, () => ({ sinks: [] })).sinks.push(...sinks);
        if (params.length) (ruleDataOf<Data>(ctx.facts, ID, () => ({ sinks: [] })).params ??= []).push(...params);
        const fw: Forward[] = [];
        for (const { anchor, taint, ref, index, call } of forwards) {
          if (rawAfterParse(anchor, taint.text) === 'checked') continue;
          const keys: string[] = [];
          let validates = false;
          for (let p: ts.Node | undefined = anchor.parent; p; p = p.parent) if (isFunctionWithBody(p)) { keys.push(...functionKeys(sf, p)); if (validating.has(p)) validates = true; }
          const f: Forward = { ref, index, range: nodeRange(sf, anchor), call, keys, text: taint.text };
          if (taint.param) f.param = taint.param;
          if (validates) f.validates = true;
          if (taint.nest) f.nest = true;
          if (taint.what) f.what = taint.what;
          fw.push(f);
        }
        if (fw.length) (ruleDataOf<Data>(ctx.facts, ID, () => ({ sinks: [] })).forwards ??= []).push(...fw);
      },
    };
  },
  checkWorkspace(ctx: WorkspaceRuleContext) {
    // express-validator field checks let keys they do not name through: they do not stop a body written whole
    const validated = validatedHandlers(ctx.facts.routes, { wholeBody: true });
    const handlers = routesByHandler(ctx.facts.routes);
    for (const [path, f] of ctx.files) {
      for (const s of getRuleData<Data>(f.facts, ID)?.sinks ?? []) {
        if (!s.nest && !s.validates && s.keys.some((k) => validated.has(`${path}@${k}`))) continue;
        // behind a role check (an admin's form): the caller is trusted to set these fields; what is left is validation
        const routes = s.keys.flatMap((k) => handlers.get(`${path}@${k}`) ?? []);
        const roleOnly = staffOnly(routes);
        ctx.report({ file: path, range: s.range, message: roleOnly ? `${s.message} Every route that reaches it checks a role (${routes[0].roleBy[0] ?? 'a role check'}), so only those callers can.` : s.message, ...(roleOnly ? { tier: 'tech-debt' as const } : {}), workspace: false });
      }
    }
    // the whole body handed to another module's function that writes it (controller -> service -> repository)
    const sinkBehind = (from: string, ref: ModuleRef, index: number, depth: number): { file: string; range: Range; label: string; fn: string; dropped?: string[] } | undefined => {
      const t = ctx.facts.resolveFunction(from, ref);
      if (!t) return undefined;
      const { key } = t;
      const d = getRuleData<Data>(ctx.files.get(t.file)?.facts, ID);
      const direct = d?.params?.find((p) => p.index === index && p.fn.includes(key));
      if (direct) return { file: t.file, range: direct.range, label: direct.label, fn: t.local, dropped: direct.dropped };
      if (depth >= 3) return undefined;
      for (const f of d?.forwards ?? []) {
        if (!f.param || f.param.index !== index || !f.param.fn.includes(key)) continue;
        const s = sinkBehind(t.file, f.ref, f.index, depth + 1);
        if (s) return { ...s, fn: t.local };
      }
      return undefined;
    };
    for (const [path, f] of ctx.files) {
      for (const fw of getRuleData<Data>(f.facts, ID)?.forwards ?? []) {
        if (fw.param) continue;
        if (!fw.nest && !fw.validates && fw.keys.some((k) => validated.has(`${path}@${k}`))) continue;
        const s = sinkBehind(path, fw.ref, fw.index, 0);
        if (!s) continue;
        const what = fw.what ?? (fw.nest ? `the untyped \`@Body() ${fw.text}\`` : `the whole request body (\`${fw.text}\`)`);
        // behind a role check (an admin's form), as for a sink in the handler itself
        const routes = fw.keys.flatMap((k) => handlers.get(`${path}@${k}`) ?? []);
        const roleOnly = staffOnly(routes);
        const advice = fw.nest
          ? 'Type it with a DTO class (class-validator decorators) and enable `ValidationPipe({ whitelist: true })`, or pick the fields explicitly.'
          : 'Parse it with a schema and pass the result (zod `Schema.parse(...)` strips unknown keys), or pick the fields explicitly.';
        ctx.report({
          file: path,
          range: fw.range,
          message: `\`${fw.call}()\` is handed ${what}, and \`${s.fn.replace(/^=\./, '')}\` writes it${s.dropped ? '' : ' as is'} with \`${s.label}\` (${s.file}:${s.range.start.line + 1})${droppedNote(s.dropped)}: a client can set any column the form never shows (${examples(s.dropped)}) by adding it to the request. ${advice}${roleOnly ? ` Every route that reaches it checks a role (${routes[0].roleBy[0] ?? 'a role check'}), so only those callers can.` : ''}`,
          ...(roleOnly ? { tier: 'tech-debt' as const } : {}),
          workspace: false,
        });
      }
    }
    // a server-owned field written from the request by name, by a route handler that checks no role
    const byHandler = routesByHandler(ctx.facts.routes);
    for (const [path, f] of ctx.files) {
      for (const s of getRuleData<Data>(f.facts, ID)?.fields ?? []) {
        const routes = s.keys.flatMap((k) => byHandler.get(`${path}@${k}`) ?? []);
        const open = routes.find((r) => !r.roleChecked && !r.opaque);
        if (!open || routes.some((r) => r.roleChecked)) continue;
        const who = open.authGuarded ? 'any signed-in user' : 'anyone';
        ctx.report({
          file: path,
          range: s.range,
          message: `\`${s.field}\` is taken from the request (\`${s.from}\`) and saved by \`${s.label}\`, and ${routeLabel(open)} checks no role: ${who} can send \`"${s.field}": ...\` and make themselves an admin, verified or privileged. Set it on the server (a default), and let only an admin route change it.`,
          workspace: false,
        });
      }
    }
    // a NestJS body typed with the ORM entity itself, and no ValidationPipe that strips unknown keys
    for (const r of ctx.facts.routes) {
      const e = r.bodyEntity;
      if (!e || r.opaque || !r.writesData) continue;
      ctx.report({
        file: r.file,
        range: r.range,
        message: `${routeLabel(r)} takes its body as the entity \`${e.entity}\` itself, and no ValidationPipe strips unknown keys (\`whitelist: true\`): the client can set any column, \`id\` included (saving an entity with an existing id updates that row: someone else's), and every server-owned field (status, owner, price, role). Take a DTO with only the fields a client may send, and validate it with \`new ValidationPipe({ whitelist: true })\` (app-wide).`,
        workspace: false,
      });
    }
    // a NestJS DTO that lets the client send a server-owned field, on a route that writes and checks no role
    const seen = new Set<string>();
    for (const r of ctx.facts.routes) {
      const d = r.bodyServerOwned;
      if (!d || r.roleChecked || r.opaque || !r.writesData) continue;
      for (const f of d.fields) {
        const key = placeKey(d.file, f.range);
        if (seen.has(key)) continue;
        seen.add(key);
        const who = r.authGuarded ? 'any signed-in user' : 'anyone';
        ctx.report({
          file: d.file,
          range: f.range,
          message: `\`${d.dto}.${f.field}\` is accepted from the client by ${routeLabel(r)}, which checks no role: ${who} can send \`"${f.field}": ...\` and the write saves it (make themselves an admin, verified or paid). Set \`${f.field}\` on the server: remove it from this DTO (keep a separate DTO for an admin-only route).`,
          workspace: false,
        });
      }
    }
  },
};

/** `, less \`password\` and \`role\` (every other field goes through)` for a denylist destructuring. */
function droppedNote(dropped: readonly string[] | undefined): string {
  if (!dropped?.length) return '';
  const names = dropped.slice(0, 4).map((d) => `\`${d}\``);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}${dropped.length > 4 ? ' and others' : ''}` : names[0];
  return `, less ${list} (a denylist: every other field goes through)`;
}

/** Columns a client would add, less those a denylist drops. */
function examples(dropped: readonly string[] | undefined): string {
  const gone = new Set((dropped ?? []).map((d) => d.toLowerCase().replace(/_/g, '')));
  return [...['role', 'isAdmin', 'ownerId', 'emailVerified'].filter((x) => !gone.has(x.toLowerCase())).map((x) => `\`${x}\``), 'a price'].join(', ');
}

function isConstLike(decl: ts.VariableDeclaration): boolean {
  const list = decl.parent;
  if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return true;
  if (!ts.isIdentifier(decl.name)) return true;
  const name = decl.name.text;
  let scope: ts.Node = list.parent;
  while (scope && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
  let reassigned = false;
  const visit = (n: ts.Node): void => {
    if (reassigned) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name) reassigned = true;
    ts.forEachChild(n, visit);
  };
  if (scope) visit(scope);
  return !reassigned;
}

function retext(t: Taint | undefined, text: string): Taint | undefined {
  return t && { ...t, text: t.nest || t.what ? t.text : text };
}

export default rule;
