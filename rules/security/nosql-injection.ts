import { ts } from 'ts-morph';
import type { Fix, Range, TextEdit, TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { accessPath, asObject, calleeName, findProperty, isTestPath, isTrue, propName, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { packageName } from '../../server/engine/ts/imports';
import { nodeRange } from '../../server/engine/ts/edits';
import { clip } from '../../server/engine/ts/clip';
import { decoratorsFrom } from '../../server/engine/ts/decorators';
import { StaticValues, findDeclaration } from '../../server/engine/ts/values';
import { enclosingFunctionKeys, functionKeys, isFunctionWithBody } from '../../server/engine/ts/requestInput';
import { calleeModuleRef, type ModuleRef } from '../../server/engine/facts/routeBodies';
import { validatedHandlers } from '../../server/engine/facts/routeKinds';

const ID = 'security/nosql-injection';
const MONGO = new Set(['mongoose', 'mongodb', '@nestjs/mongoose', '@typegoose/typegoose', 'mongojs', 'monk', 'mongoist', '@mikro-orm/mongodb']);
/** SQL query builders and ORMs: a file using one of them (and no Mongo library) is not building Mongo filters. */
const SQL = new Set(['knex', 'sequelize', 'sequelize-typescript', 'typeorm', '@prisma/client', 'drizzle-orm', 'pg', 'mysql2', 'mysql', 'objection', 'kysely', 'better-sqlite3', '@nestjs/typeorm', '@nestjs/sequelize', '@mikro-orm/core', '@mikro-orm/postgresql', '@mikro-orm/mysql']);
/** Middleware that strips `$` and `.` keys from every request (app-wide). */
const SANITIZERS = new Set(['express-mongo-sanitize', '@exortek/express-mongo-sanitize', 'express-mongo-sanitizer', '@exortek/fastify-mongo-sanitize', 'fastify-mongo-sanitize', 'koa-mongo-sanitize', 'mongo-express-sanitize']);
/** Query methods whose first argument (distinct: second) is a filter, and those that take an id. */
const FILTER_METHODS = new Set(['find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndRemove', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne', 'countDocuments', 'count', 'exists', 'where', 'distinct', 'remove']);
const ID_METHODS = new Set(['findById', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove']);
const LOGICAL = new Set(['$and', '$or', '$nor']);
const NON_MONGO_RECEIVERS = new Set(['_', 'lodash', 'R', 'Array', 'Object', 'document', 'window', 'cheerio', '$']);
const COERCE_FNS = new Set(['String', 'Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt', 'ObjectId', 'isValidObjectId', 'sanitize', 'sanitizeFilter', 'escapeRegExp', 'escapeRegex', 'escapeStringRegexp', 'encodeURIComponent', 'Date']);
const COERCE_METHODS = new Set(['toString', 'trim', 'toLowerCase', 'toUpperCase', 'normalize', 'slice', 'substring', 'createFromHexString', 'toHexString', 'toISOString', 'valueOf']);
const VALIDATE_FNS = /^(parse|safeParse|parseAsync|safeParseAsync|validate|validateAsync|validateSync|validateOrReject|assert|assertValid|is|check|cast|plainToInstance|plainToClass|validationResult|matchedData|checkSchema|decode)$/;
/** A check of one value by its format or type, named for it (`validateEmail`, `isValidObjectId`, `isEmail`, `assertString`). */
const VALUE_CHECK = /^(validate|isValid|is|check|assert)[A-Z]\w*$/;
const VALIDATION_MODULES = /^(express-validator|celebrate|express-joi-validation|zod-express-middleware|express-zod-safe|zod-express|express-openapi-validator|@hono\/zod-validator|hono\/validator|express-validation|joi|zod|yup|class-validator|ajv|valibot|superstruct|@sinclair\/typebox)$/;
const REQUEST_ROOTS = new Set(['req', 'request', 'ctx', 'context']);
const DEV_FILE = /(^|\/)(scripts?|seeds?|seeders?)\/|(^|\/)seed\.[cm]?[jt]s$/i;

type Source = 'body' | 'query';
/**
 * A request value that can be an object: where it comes from, and whether it is the whole body/query. Or a parameter
 * of the function (`param`; `whole`: the parameter itself): what callers in other modules hand it decides.
 */
interface Taint { source: Source; text: string; whole: boolean; root: string; param?: { fn: string[]; index: number } }
/** A filter fed request values; `keys` (field values only) locate its enclosing functions, to match routes whose validation middleware applies. */
interface Sink { range: Range; message: string; fixes?: Fix[]; keys?: string[] }
/**
 * A filter fed a parameter of its function (`findOne({ email })` in `login(email, password)`), reported where a caller
 * in another module hands that parameter a request value. `member`: the field read from the parameter (`data.email`).
 */
interface ParamSink { fn: string[]; index: number; member?: string; range: Range; label: string; field: string; text: string; fixes?: Fix[] }
/** A request value handed to another module's function (`authService.login(email, password)` with `email` from the body). */
interface Forward { ref: ModuleRef; index: number; range: Range; call: string; source: Source; whole: boolean; text: string; keys: string[] }
interface Data { sinks: Sink[]; sanitizer?: boolean; mongo?: boolean; sql?: boolean; params?: ParamSink[]; forwards?: Forward[] }

/** The request source a member path reads: `req.body.email` -> body (not whole), `ctx.request.query` -> query (whole). */
function requestPath(path: string[]): { source: Source; whole: boolean; root: string } | undefined {
  if (!REQUEST_ROOTS.has(path[0])) return undefined;
  let i = 1;
  if (path[0] === 'ctx' || path[0] === 'context') { if (path[1] === 'request') i = 2; }
  const field = path[i];
  if (field !== 'body' && field !== 'query') return undefined;
  return { source: field, whole: path.length === i + 1, root: path.slice(0, i + 1).join('.') };
}

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Request values are passed straight into MongoDB filters',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.validation',
    docs: {
      why: "JSON bodies and query strings (`?email[$ne]=`) can carry objects, not just strings. Passed unchecked into a MongoDB / Mongoose filter, `{ \"email\": { \"$ne\": null } }` becomes a query operator: `findOne({ email, password })` matches the first user (a login bypass), `find(req.query)` lets the client pick any field and operator, and `$where` runs JavaScript on the database.",
      checks: "Query values of Next.js API routes are not reported (Next parses the query string flat: `?email[$ne]=` stays a string key). Values coerced (`String(x)`, a template literal, `Number(x)`, `new ObjectId(x)`), checked by a validator of that value (`validateEmail(email)`, `isValidObjectId(id)`), validated (zod, joi, yup, class-validator DTOs, express-validator or celebrate middleware, Fastify schemas) or sanitised app-wide (express-mongo-sanitize, `mongoose.set('sanitizeFilter', true)`, found in any file of the package) are not reported; `req.params` values are always strings.",
      bad: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', mongoose: '^8.8.0' } }, null, 2) + '\n',
        'src/routes/auth.ts': "import { Router } from 'express';\nimport { User } from '../models/user';\n\nexport const auth = Router();\n\nauth.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email });\n  res.json({ id: user?.id });\n});\n",
      } },
      good: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', mongoose: '^8.8.0' } }, null, 2) + '\n',
        'src/routes/auth.ts': "import { Router } from 'express';\nimport { User } from '../models/user';\n\nexport const auth = Router();\n\nauth.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: String(req.body.email) });\n  res.json({ id: user?.id });\n});\n",
      } },
      fix: "Never hand request objects to a filter: coerce each value to the type you expect (`String(req.body.email)`, `new ObjectId(id)`), or validate the body first (zod `schema.parse(req.body)`, class-validator DTOs with ValidationPipe, express-validator, Fastify JSON schemas). As a safety net, strip operators from every request with express-mongo-sanitize or set `mongoose.set('sanitizeFilter', true)`. The quick fix wraps request values in `String(...)` (check fields that hold numbers or booleans). Avoid `$where`.",
    },
  },
  scope: 'ts',
  // Facts come from a Mongo / SQL / sanitizer import or `set('sanitizeFilter', ...)`; sinks from a call named a
  // query method, `aggregate` or `$where`, or a `$where` key (also written `['$where']`: the name table has computed string keys).
  // body / query / Body / Query: controllers that hand request values to a service of another module (which may filter on them)
  triggers: { names: [...FILTER_METHODS, ...ID_METHODS, 'aggregate', '$where', 'set', 'body', 'query', 'Body', 'Query'], modules: [...MONGO, ...SQL, ...SANITIZERS] },
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    const path = file.path;
    if (isTestPath(path) || DEV_FILE.test(path)) return {};
    const data = () => ruleDataOf<Data>(ctx.facts, ID, () => ({ sinks: [] }));
    if (imports.modules.some((m) => SANITIZERS.has(packageName(m.module) ?? ''))) data().sanitizer = true;
    if (imports.modules.some((m) => MONGO.has(packageName(m.module) ?? ''))) data().mongo = true;
    else if (imports.modules.some((m) => SQL.has(packageName(m.module) ?? ''))) data().sql = true;
    const values = new StaticValues((id) => imports.bindings.get(id.text)?.module);
    const nextApiRoute = /(^|\/)pages\/api\//.test(file.path) || [...imports.bindings.values()].some((b) => b.module === 'next' && (b.name === 'NextApiRequest' || b.name === 'NextApiHandler'));
    const validatedCache = new Map<string, boolean>();

    /** A request value (or a value read from one) that reaches `e` with no coercion. */
    const taintOf = (e0: ts.Expression, depth = 0): Taint | undefined => {
      if (depth > 6) return undefined;
      const e = unwrap(e0);
      if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
        const name = calleeName(e);
        if (ts.isCallExpression(e) && name === 'json' && ts.isPropertyAccessExpression(e.expression)) {
          const recv = accessPath(e.expression.expression);
          if (recv && (REQUEST_ROOTS.has(recv[0]) || recv.join('.') === 'c.req') && recv.length <= 2) return { source: 'body', whole: true, text: e.getText(sf), root: recv.join('.') };
        }
        return undefined;
      }
      if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
        const p = accessPath(e);
        if (!p) return undefined;
        const direct = requestPath(p);
        // Next.js API routes parse the query string flat: `?email[$ne]=` is the string key 'email[$ne]', never an object
        if (direct?.source === 'query' && nextApiRoute) return undefined;
        if (direct) return { ...direct, text: e.getText(sf) };
        let root: ts.Expression = e;
        while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
        if (ts.isIdentifier(root)) {
          const t = identifierTaint(root, depth);
          if (t?.whole) return { ...t, whole: false, text: e.getText(sf) };
        }
        return undefined;
      }
      if (ts.isIdentifier(e)) return identifierTaint(e, depth);
      return undefined;
    };

    const identifierTaint = (id: ts.Identifier, depth: number): Taint | undefined => {
      const decl = findDeclaration(id);
      if (!decl) return undefined;
      if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer) {
        const list = decl.parent;
        const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
        if (!isConst && reassigned(decl)) return undefined;
        const t = taintOf(decl.initializer, depth + 1);
        return t && { ...t, text: id.text };
      }
      if (ts.isBindingElement(decl)) {
        let n: ts.Node = decl;
        while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
        if (ts.isVariableDeclaration(n) && n.initializer) {
          const t = taintOf(n.initializer, depth + 1);
          return t?.whole ? { ...t, whole: false, text: id.text } : undefined;
        }
        if (ts.isParameter(n) && n.parent.parameters[0] === n && ts.isObjectBindingPattern(n.name)) {
          const el = n.name.elements.find((x) => x === decl || x === decl.parent.parent);
          const key = el && (propName(el.propertyName) ?? (ts.isIdentifier(el.name) ? el.name.text : undefined));
          if ((key === 'body' || key === 'query') && el === decl && looksLikeHandler(n.parent)) return { source: key, whole: true, text: id.text, root: id.text };
        }
        return undefined;
      }
      if (ts.isParameter(decl)) return nestParam(decl, id) ?? plainParam(decl, id);
      return undefined;
    };

    /** A plain parameter of a function (a service's `login(email, password)`): what its callers pass decides. */
    const plainParam = (p: ts.ParameterDeclaration, id: ts.Identifier): Taint | undefined => {
      const fn = p.parent;
      if (!ts.isIdentifier(p.name) || p.dotDotDotToken || ts.getDecorators(p)?.length || !isFunctionWithBody(fn)) return undefined;
      return { source: 'body', whole: true, text: id.text, root: id.text, param: { fn: functionKeys(sf, fn), index: fn.parameters.indexOf(p) } };
    };

    /** `@Body() body: any`, `@Query() q`, `@Body('email') email: string` in a Nest controller (DTO classes are validated by ValidationPipe). */
    const nestParam = (p: ts.ParameterDeclaration, id: ts.Identifier): Taint | undefined => {
      const decs = decoratorsFrom(p, imports, ['@nestjs/common']);
      const dec = decs.get('Body') ?? decs.get('Query');
      if (!dec) return undefined;
      const source: Source = decs.has('Body') ? 'body' : 'query';
      const field = dec.args[0] && stringValue(dec.args[0]);
      if (dec.args.length > 1) return undefined;
      if (source === 'query' && field) return undefined;
      const t = p.type;
      const dto = t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && !/^(Record|Partial|Object|any|Required|Pick|Omit)$/.test(t.typeName.text);
      if (dto && !field) return undefined;
      return { source, whole: !field, text: id.text, root: id.text };
    };

    /** A validator saw the request source in the handler, or the route has a validation middleware or schema. */
    const validated = (node: ts.Node, t: Taint): boolean => {
      let fn: ts.Node | undefined = node.parent;
      while (fn && !(ts.isFunctionLike(fn) && (fn as ts.FunctionLikeDeclaration).body)) fn = fn.parent;
      if (!fn) return false;
      const key = `${fn.pos}:${t.root}:${t.text}`;
      const cached = validatedCache.get(key);
      if (cached !== undefined) return cached;
      let found = false;
      const rootPath = t.root.split('.');
      const visit = (n: ts.Node): void => {
        if (found) return;
        if (ts.isTypeOfExpression(n) && accessPath(n.expression)?.join('.') === t.text) { found = true; return; }
        // `validateEmail(email)`, `isValidObjectId(id)`: a check of that very value (a format test fails on an object)
        if (ts.isCallExpression(n) && VALUE_CHECK.test(calleeName(n) ?? '') && n.arguments.some((a) => accessPath(unwrap(a))?.join('.') === t.text)) { found = true; return; }
        if (ts.isCallExpression(n) && VALIDATE_FNS.test(calleeName(n) ?? '')) {
          for (const a of n.arguments) {
            const p = accessPath(a);
            if (p && (p.join('.') === 'req' || p.join('.') === 'request' || p.join('.') === 'ctx' || rootPath.join('.').startsWith(p.join('.')) || p.join('.').startsWith(rootPath.join('.')))) { found = true; return; }
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(fn);
      if (!found) found = routeValidated(fn);
      validatedCache.set(key, found);
      return found;
    };

    const routeValidated = (fn: ts.Node): boolean => {
      let arg: ts.Node = fn;
      while (ts.isParenthesizedExpression(arg.parent) || ts.isAsExpression(arg.parent)) arg = arg.parent;
      const parent = arg.parent;
      if (ts.isPropertyAssignment(parent) && propName(parent.name) === 'handler' && ts.isObjectLiteralExpression(parent.parent)) return !!findProperty(parent.parent, 'schema', consts);
      if (!ts.isCallExpression(parent)) return false;
      return parent.arguments.some((a) => a !== arg && isValidator(a));
    };

    const isValidator = (a: ts.Expression, depth = 0): boolean => {
      const u = unwrap(a);
      if (depth > 3) return false;
      if (ts.isArrayLiteralExpression(u)) return u.elements.some((x) => isValidator(x, depth + 1));
      const obj = asObject(u, consts);
      if (obj) return !!findProperty(obj, 'schema', consts) || !!findProperty(obj, 'preValidation', consts);
      let inner: ts.Expression = u;
      while (ts.isCallExpression(inner) || ts.isPropertyAccessExpression(inner)) inner = unwrap(inner.expression);
      if (!ts.isIdentifier(inner)) return false;
      const module = imports.bindings.get(inner.text)?.module;
      return (!!module && VALIDATION_MODULES.test(module)) || /valid|schema|celebrate|sanitiz/i.test(inner.text);
    };

    /** The tainted values in a filter: the filter itself, or its fields (not inside operators, except $and/$or/$nor). */
    const filterTaints = (f: ts.Expression, out: Array<{ node: ts.Node; value: ts.Expression; taint: Taint; key?: string; wrappable: boolean }>, depth = 0) => {
      if (depth > 4) return;
      const obj = asObject(f, consts);
      if (obj && obj.getSourceFile() === sf) {
        for (const p of obj.properties) {
          if (ts.isSpreadAssignment(p)) {
            const t = taintOf(p.expression);
            if (t) out.push({ node: p, value: p.expression, taint: t, wrappable: false });
            continue;
          }
          const key = propName(p.name);
          if (!key || ts.isMethodDeclaration(p) || ts.isAccessor(p)) continue;
          const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
          if (!value) continue;
          if (LOGICAL.has(key)) {
            const arr = unwrap(value);
            if (ts.isArrayLiteralExpression(arr)) for (const el of arr.elements) filterTaints(el, out, depth + 1);
            else { const t = taintOf(arr); if (t) out.push({ node: p, value: arr, taint: t, key, wrappable: false }); }
            continue;
          }
          if (key.startsWith('$')) continue;
          const t = taintOf(value);
          // a parameter used as a field value is wrapped like a request field (what its callers pass decides whether it is reported)
          if (t) out.push({ node: p, value, taint: t, key, wrappable: key !== '_id' && (!t.whole || !!t.param) });
        }
        return;
      }
      const t = taintOf(f);
      if (t) out.push({ node: f, value: f, taint: t, wrappable: false });
    };

    const report = (anchor: ts.Node, message: string, fixes?: Fix[], keys?: string[]) => data().sinks.push({ range: nodeRange(sf, anchor), message, fixes, ...(keys?.length ? { keys } : {}) });

    const checkQuery = (call: ts.CallExpression, name: string) => {
      const callee = unwrap(call.expression);
      if (!ts.isPropertyAccessExpression(callee)) return;
      const recvRoot = accessPath(callee.expression)?.[0];
      if (recvRoot && NON_MONGO_RECEIVERS.has(recvRoot)) return;
      const resolved = resolveCallee(callee, imports);
      const module = resolved && !/^(@\/|~|#|\$)/.test(resolved.module) ? packageName(resolved.module) : undefined;
      if (module && !MONGO.has(module)) return;
      const label = `${callee.expression.getText(sf).length <= 30 ? callee.expression.getText(sf) : calleeName(call)}.${name}()`;
      const filterArg = call.arguments[name === 'distinct' ? 1 : 0];
      if (!filterArg) return;
      const obj = asObject(filterArg, consts);
      if (obj && (findProperty(obj, 'where', consts) || findProperty(obj, 'relations', consts) || findProperty(obj, 'select', consts) && findProperty(obj, 'where', consts))) return;
      if (sanitizedQuery(call)) return;
      const found: Parameters<typeof filterTaints>[1] = [];
      if (ID_METHODS.has(name)) { const t = taintOf(filterArg); if (t) found.push({ node: filterArg, value: filterArg, taint: t, wrappable: false }); }
      else filterTaints(filterArg, found);
      const all = found.filter((x) => !validated(call, x.taint));
      for (const x of all) {
        if (!x.taint.param) continue;
        const member = x.taint.text.startsWith(`${x.taint.root}.`) ? x.taint.text.slice(x.taint.root.length + 1) : undefined;
        const wrap: Fix[] | undefined = x.wrappable && x.key
          ? [{ title: `Coerce ${x.key} to a string`, safe: false, edits: [ts.isShorthandPropertyAssignment(x.node) ? { file: path, range: nodeRange(sf, x.node), newText: `${x.key}: String(${x.value.getText(sf)})` } : { file: path, range: nodeRange(sf, x.value), newText: `String(${x.value.getText(sf)})` }] }]
          : undefined;
        (data().params ??= []).push({ fn: x.taint.param.fn, index: x.taint.param.index, ...(member ? { member } : {}), range: nodeRange(sf, x.node), label, field: x.key ?? member ?? x.taint.text, text: clip(x.taint.text), ...(wrap ? { fixes: wrap } : {}) });
      }
      const open = all.filter((x) => !x.taint.param);
      if (!open.length) return;
      const first = open[0];
      const t = first.taint;
      const field = first.key && !LOGICAL.has(first.key) ? first.key : t.whole ? 'password' : t.text.split('.').pop() ?? 'id';
      const example = t.source === 'query' ? `\`?${field}[$ne]=\`` : `\`{ "${field}": { "$ne": null } }\``;
      const safety = 'or strip operators app-wide (express-mongo-sanitize, `mongoose.set(\'sanitizeFilter\', true)`)';
      const message = t.whole
        ? `\`${label}\` gets the whole request ${t.source} (\`${clip(t.text)}\`) as its filter: the client chooses the fields and the operators (${example}, \`$where\`), so it can match or change any document. Build the filter from validated, coerced fields, ${safety}.`
        : `\`${label}\` gets \`${clip(t.text)}\` from the request ${t.source} without a type check: ${example} turns the value into a query operator that matches any document (a login bypass, a data dump). Coerce it (\`String(x)\`), validate the ${t.source} (zod, joi, class-validator), ${safety}.`;
      let fixes: Fix[] | undefined;
      if (open.every((x) => x.wrappable)) {
        const edits: TextEdit[] = open.map((x) => ts.isShorthandPropertyAssignment(x.node)
          ? { file: path, range: nodeRange(sf, x.node), newText: `${x.key}: String(${x.value.getText(sf)})` }
          : { file: path, range: nodeRange(sf, x.value), newText: `String(${x.value.getText(sf)})` });
        fixes = [{ title: `Coerce ${open.map((x) => x.key).join(', ')} to ${open.length > 1 ? 'strings' : 'a string'}`, safe: false, edits }];
      }
      // a field (not the whole object) read where validation middleware of the route may have checked it
      report(first.node, message, fixes, open.every((x) => !x.taint.whole) ? enclosingFunctionKeys(sf, call) : undefined);
    };

    /** `.setOptions({ sanitizeFilter: true })` on the query, or `{ sanitizeFilter: true }` in its options. */
    const sanitizedQuery = (call: ts.CallExpression): boolean => {
      if (call.arguments.some((a) => { const o = asObject(a, consts); return !!o && isTrue(findProperty(o, 'sanitizeFilter', consts)?.value, consts); })) return true;
      let n: ts.Node = call;
      while (ts.isPropertyAccessExpression(n.parent) && ts.isCallExpression(n.parent.parent)) {
        const next = n.parent.parent;
        if (n.parent.name.text === 'setOptions' && next.arguments.some((a) => { const o = asObject(a, consts); return !!o && isTrue(findProperty(o, 'sanitizeFilter', consts)?.value, consts); })) return true;
        n = next;
      }
      return false;
    };

    /** Request values handed unchecked to another module's function: followed there by the workspace pass. */
    const forward = (call: ts.CallExpression) => {
      const ref = calleeModuleRef(call.expression, imports);
      if (!ref) return;
      call.arguments.forEach((a, index) => {
        const t = taintOf(a);
        if (!t || t.param || validated(call, t)) return;
        (data().forwards ??= []).push({ ref, index, range: nodeRange(sf, a), call: clip(unwrap(call.expression).getText(sf)), source: t.source, whole: t.whole, text: clip(t.text), keys: enclosingFunctionKeys(sf, call) });
      });
    };

    const whereMessage = (bad: ts.Expression) => `\`$where\` runs JavaScript on the database server, and this one is built from a non-constant value (\`${clip(bad.getText(sf))}\`): whoever controls it runs code against every document (and can stall the database). Use query operators instead ($eq, $in, $regex with an escaped pattern).`;

    return {
      CallExpression(n) {
        const call = n as ts.CallExpression;
        const name = calleeName(call);
        if (!name) return;
        if (name === 'set' && call.arguments.length >= 2 && stringValue(call.arguments[0], consts) === 'sanitizeFilter' && isTrue(call.arguments[1], consts)) {
          const r = resolveCallee(call.expression, imports);
          if (!r || MONGO.has(packageName(r.module) ?? '')) data().sanitizer = true;
          return;
        }
        if (name === '$where' && ts.isPropertyAccessExpression(unwrap(call.expression)) && call.arguments[0]) {
          const arg = unwrap(call.arguments[0]);
          if (ts.isFunctionLike(arg)) return;
          const bad = values.dynamicPart(arg);
          if (bad) report(call, whereMessage(bad));
          return;
        }
        if (FILTER_METHODS.has(name) || ID_METHODS.has(name)) checkQuery(call, name);
        else if (call.arguments.length) forward(call);
        if (name === 'aggregate' && call.arguments[0]) {
          const pipeline = unwrap(call.arguments[0]);
          if (!ts.isArrayLiteralExpression(pipeline)) return;
          for (const stage of pipeline.elements) {
            const obj = asObject(stage, consts);
            const match = obj && findProperty(obj, '$match', consts);
            if (!match?.value) continue;
            const found: Parameters<typeof filterTaints>[1] = [];
            filterTaints(match.value, found);
            const open = found.filter((x) => !validated(call, x.taint));
            if (open.length) report(open[0].node, `\`$match\` in this aggregation gets \`${clip(open[0].taint.text)}\` from the request ${open[0].taint.source} without a type check: an object there becomes a query operator that matches any document. Coerce the values (\`String(x)\`) or validate the ${open[0].taint.source} first.`);
          }
        }
      },
      PropertyAssignment(n) {
        const p = n as ts.PropertyAssignment;
        if (propName(p.name) !== '$where') return;
        const v = unwrap(p.initializer);
        if (ts.isFunctionLike(v)) return;
        const bad = values.dynamicPart(v);
        if (bad) report(p, whereMessage(bad));
      },
    };
  },
  checkWorkspace(ctx: WorkspaceRuleContext) {
    const validated = validatedHandlers(ctx.facts.routes);
    const sanitized = new Set<string>();
    for (const [path, f] of ctx.files) {
      if (getRuleData<Data>(f.facts, ID)?.sanitizer) sanitized.add(ctx.facts.packageOf(path)?.dir ?? '');
    }
    for (const [path, f] of ctx.files) {
      const data = getRuleData<Data>(f.facts, ID);
      if (!data?.sinks.length) continue;
      const pkg = ctx.facts.packageOf(path);
      if (sanitized.has(pkg?.dir ?? '')) continue;
      const deps = pkg ? [...pkg.manifest.dependencies, ...pkg.manifest.devDependencies] : [];
      if (!data.mongo && (data.sql || !deps.some((d) => MONGO.has(d)))) continue;
      for (const s of data.sinks) {
        if (s.keys?.some((k) => validated.has(`${path}@${k}`))) continue;
        ctx.report({ file: path, range: s.range, message: s.message, fixes: s.fixes, workspace: false });
      }
    }
    // request values handed to a function of another module that puts them in a filter (controller -> service)
    const reported = new Set<string>();
    for (const [path, f] of ctx.files) {
      for (const fw of getRuleData<Data>(f.facts, ID)?.forwards ?? []) {
        if (fw.keys.some((k) => validated.has(`${path}@${k}`))) continue;
        const t = ctx.facts.resolveFunction(path, fw.ref);
        if (!t) continue;
        const data = getRuleData<Data>(ctx.files.get(t.file)?.facts, ID);
        const pkg = ctx.facts.packageOf(t.file);
        if (!data?.params || sanitized.has(pkg?.dir ?? '') || sanitized.has(ctx.facts.packageOf(path)?.dir ?? '')) continue;
        const deps = pkg ? [...pkg.manifest.dependencies, ...pkg.manifest.devDependencies] : [];
        if (!data.mongo && (data.sql || !deps.some((d) => MONGO.has(d)))) continue;
        const { key } = t;
        for (const s of data.params) {
          // a field read from the parameter (`data.email`) is an object only when the caller hands over the whole body
          if (s.index !== fw.index || !s.fn.includes(key) || (s.member && !fw.whole)) continue;
          const where = `${t.file}:${s.range.start.line + 1}:${s.range.start.character}`;
          if (reported.has(where)) continue;
          reported.add(where);
          const example = fw.source === 'query' ? `\`?${s.field}[$ne]=\`` : `\`{ "${s.field}": { "$ne": null } }\``;
          ctx.report({
            file: t.file,
            range: s.range,
            message: `\`${s.label}\` gets \`${s.text}\`, which \`${fw.call}()\` (${path}:${fw.range.start.line + 1}) fills from the request ${fw.source} (\`${fw.text}\`) without a type check: ${example} turns the value into a query operator that matches any document (a login bypass, a data dump). Coerce it (\`String(x)\`), validate the ${fw.source} (zod, joi, class-validator), or strip operators app-wide (express-mongo-sanitize, \`mongoose.set('sanitizeFilter', true)\`).`,
            fixes: s.fixes,
            workspace: false,
          });
        }
      }
    }
  },
};

/** A `let` assigned again after its declaration. */
function reassigned(decl: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name)) return true;
  const name = decl.name.text;
  let scope: ts.Node = decl.parent;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(unwrap(n.left)) && (unwrap(n.left) as ts.Identifier).text === name) found = true;
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

/** A function passed to a route registration (`app.post(path, handler)`) or exported as one. */
function looksLikeHandler(fn: ts.SignatureDeclaration): boolean {
  const p = fn.parent;
  if (ts.isCallExpression(p)) return /^(get|post|put|patch|delete|all|use|route|handle|on)$/i.test(calleeName(p) ?? '');
  return fn.parameters.length >= 2;
}

export default rule;
