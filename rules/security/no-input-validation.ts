import { ts } from 'ts-morph';
import type { TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import type { RouteInfo } from '../../server/engine/facts/routes';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { isPaymentCallback, routeLabel, routeTopic } from '../../server/engine/facts/routeKinds';
import { calleeName, isTestPath } from '../../server/engine/ts/helpers';
import { isWorkspaceSpec, nameFlags, turnsAway } from '../../server/engine/facts/routeBodies';
import { findDeclaration } from '../../server/engine/ts/values';
import {
  RequestScope, destructuredSources, functionKeys, isBadRequestResponse, isFunctionWithBody, mayTakeRequests, type FunctionNode, type InputSource,
} from '../../server/engine/ts/requestInput';

const ID = 'security/no-input-validation';

/** What one function reads from its request parameters, and whether it answers 400/422 itself (hand-written checks). */
interface FnRec { keys: string[]; src: InputSource[]; whole?: boolean; hand?: boolean; fields?: string[]; parses?: boolean; checked?: InputSource[] }
interface Data { fns: FnRec[] }

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const PARSE_METHODS = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync']);
const NOT_SCHEMAS = /^(JSON|path|url|URL|qs|querystring|Date|Number|cookie|cookies|yaml|YAML|csv|Papa|dotenv|marked|toml|TOML|ini|semver|bytes|ms|parser|mime)$/;
const CHECKS_INPUT = /valid|pars|schema|assert|check|sanitiz|normaliz/i;
/** Names of the app's own checks that answer bad input themselves (`validateProject(req, res)`), read where their result turns the request away. */
const HAND_CHECK = /^(validate|isValid|assert|check|ensureValid|verifyInput|sanitiz)/i;
const NOT_INPUT_CHECK = /auth|session|token|login|role|perm|admin|owner|csrf|rate|limit|captcha|signature|webhook|access|signed/i;
const DATA_ROOTS = /prisma|^db$|database|knex|drizzle|supabase|mongo|sequelize|^sql$|^pg$|pool|redis|^tx$|^trx$/i;
const SEARCH_PARAM_GETTERS = new Set(['get', 'getAll', 'has']);
const NOT_CONSUMERS = /^(next|console|logger|log|res|reply|response|debug)$/;
/** Helpers handed the request to learn about the caller (address, limits, session, token, locale), not to consume its input. */
const CALLER_READERS = /^(get)?(client|remote|real|request)?ip(address)?$|ipOf$|^(rate)?limit(er)?$|^rateLimit|^throttle|^(get|require|check|verify|validate|ensure|read)?(server)?(auth|session|user|token|jwt|cookies?|headers?|locale|origin)$|^auth$/i;

const SOURCE_LABEL: Record<InputSource, string> = { body: 'the request body', form: 'form data', query: 'the query string', params: 'path params', args: 'its arguments' };

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'A handler uses request input without validating it',
    fixKind: 'none',
    effort: 'days',
    checklist: 'harden.validation',
    docs: {
      why: "TypeScript types vanish at run time: `req.body.email` is whatever the client sent — missing, a number, an object, a 5 MB string. A handler that uses it unchecked fails with 500s on bad input, writes malformed rows, and hands attackers type confusion (an object where a string was expected reaches a query or a comparison). One schema at the edge (zod, valibot, joi, yup, class-validator with ValidationPipe, express-validator, ajv/TypeBox, Fastify route schemas, Hono validators) turns all of that into a clean 400.",
      checks: "Reported: routes that read the body or form data, routes that read the query string and write data, and mutating routes that pass the whole request to other code and write data. Not reported: GET routes that only read the query string or path params (pagination, ids: low value, many false alarms), routes whose handler reads nothing of the request but path params, or hands it only to helpers that read the caller (`clientIp(request)`, `rateLimit(req)`, `getServerSession(req)`), handlers that already answer 400/422 on bad input themselves or through a check of their own that does (`if (!validateProject(req, res)) return;`, `assertValidNote(req.body)`), and routes whose middleware or handler the analysis cannot see.",
      bad: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', '@prisma/client': '^5.22.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\nimport { prisma } from './db';\n\nconst app = express();\napp.use(express.json());\n\napp.post('/projects', async (req, res) => {\n  const project = await prisma.project.create({ data: { name: req.body.name } });\n  res.status(201).json(project);\n});\n\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', '@prisma/client': '^5.22.0', zod: '^3.24.0' } }, null, 2) + '\n',
        'src/server.ts': "import express from 'express';\nimport { z } from 'zod';\nimport { prisma } from './db';\n\nconst app = express();\napp.use(express.json());\n\nconst NewProject = z.object({ name: z.string().min(1).max(200) });\n\napp.post('/projects', async (req, res) => {\n  const { name } = NewProject.parse(req.body);\n  const project = await prisma.project.create({ data: { name } });\n  res.status(201).json(project);\n});\n\napp.listen(3000);\n",
      } },
      fix: "Parse the input with a schema before using it, and answer 400 when it fails: zod `const input = Schema.parse(req.body)` (or `safeParse`), a validation middleware (express-validator, celebrate, `zValidator` for Hono), a Fastify route `schema: { body }`, or for Nest DTO classes with class-validator decorators and a global `ValidationPipe({ whitelist: true })`. Validate query strings and params the same way when a handler writes data from them. Next.js route handlers and server actions: `Schema.parse(await req.json())` / `Schema.parse(Object.fromEntries(formData))`.",
    },
  },
  scope: 'ts',
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    if (isTestPath(file.path)) return {};
    // Everything below records what handlers read from the request: nothing to record in a file that reads none.
    if (!mayTakeRequests(sf, ctx.hasName)) return {};
    const scope = RequestScope.of(sf, imports);
    if (!scope.mayReadInput()) return {};
    const recs = new Map<FunctionNode, { src: Set<InputSource>; whole: boolean; fields: Set<string> }>();
    const hand = new Set<ts.Node>();
    const parses = new Set<ts.Node>();
    const checked = new Map<ts.Node, Set<InputSource>>();
    const sourcesIn = (e: ts.Node, depth = 0): Set<InputSource> => {
      const out = new Set<InputSource>();
      const visit = (x: ts.Node): void => {
        if (ts.isExpression(x)) {
          const r = scope.read(x);
          if (r) { out.add(r.src); return; }
        }
        if (ts.isIdentifier(x) && depth < 2 && !(ts.isPropertyAccessExpression(x.parent) && x.parent.name === x)) {
          const d = findDeclaration(x);
          if (d && ts.isVariableDeclaration(d) && d.initializer) for (const s2 of sourcesIn(d.initializer, depth + 1)) out.add(s2);
          else if (d && (ts.isParameter(d) || ts.isBindingElement(d))) { const hit = scope.lookup(x, x.text); if (hit && (hit.param.kind === 'nest' || hit.param.kind === 'action')) out.add(hit.param.src); }
        }
        ts.forEachChild(x, visit);
      };
      visit(e);
      return out;
    };
    const enclosing = (n: ts.Node, add: (fn: ts.Node) => void) => { for (let p: ts.Node | undefined = n.parent; p; p = p.parent) if (isFunctionWithBody(p)) add(p); };
    const onCheck = (call: ts.CallExpression) => {
      const callee = call.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (!name || !call.arguments.length) return;
      const root = ts.isPropertyAccessExpression(callee) ? rootName(callee.expression) : undefined;
      const schemaParse = PARSE_METHODS.has(name) && ts.isPropertyAccessExpression(callee) && !NOT_SCHEMAS.test(root ?? '');
      const imported = ts.isIdentifier(callee) ? ctx.imports.bindings.get(callee.text) : root ? ctx.imports.bindings.get(root) : undefined;
      const delegates = (!!imported && isWorkspaceSpec(imported.module) && !DATA_ROOTS.test(root ?? name)) || (ts.isIdentifier(callee) && !!findLocalFunction(callee));
      if (!schemaParse && !CHECKS_INPUT.test(name) && !delegates) return;
      if (schemaParse) enclosing(call, (fn) => parses.add(fn));
      // What the check covers is needed only for handlers that read input and parse a schema: worked out at the end.
      checks.push(call);
    };
    const checks: ts.CallExpression[] = [];
    const collectChecked = () => {
      const needed = (fn: ts.Node) => parses.has(fn) && !!recs.get(fn as FunctionNode) && (recs.get(fn as FunctionNode)!.src.size > 0 || recs.get(fn as FunctionNode)!.whole);
      for (const call of checks) {
        let wanted = false;
        enclosing(call, (fn) => { if (needed(fn)) wanted = true; });
        if (!wanted) continue;
        const srcs = new Set<InputSource>();
        for (const a of call.arguments) for (const x of sourcesIn(a)) srcs.add(x);
        if (srcs.size) enclosing(call, (fn) => { let m = checked.get(fn); if (!m) checked.set(fn, (m = new Set())); for (const x of srcs) m.add(x); });
      }
    };
    const special = new Set<string>();
    const rec = (fn: FunctionNode) => {
      let r = recs.get(fn);
      if (!r) recs.set(fn, (r = { src: new Set(), whole: false, fields: new Set() }));
      return r;
    };
    const onRead = (n: ts.Node) => {
      const r = scope.read(n as ts.Expression);
      if (!r || /\.files?$/.test(r.text)) return;
      const entry = rec(r.fn);
      entry.src.add(r.src);
      const p = n.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === n && /(^|\.)searchParams$/.test(r.text)) {
        const arg = SEARCH_PARAM_GETTERS.has(p.name.text) && ts.isCallExpression(p.parent) && p.parent.expression === p ? p.parent.arguments[0] : undefined;
        if (arg && ts.isStringLiteralLike(arg)) entry.fields.add(`${r.src}.${arg.text}`);
      } else if (ts.isPropertyAccessExpression(p) && p.expression === n) entry.fields.add(`${r.src}.${p.name.text}`);
      else if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isObjectBindingPattern(p.name)) {
        for (const el of p.name.elements) {
          const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : !el.dotDotDotToken && ts.isIdentifier(el.name) ? el.name.text : undefined;
          if (key) entry.fields.add(`${r.src}.${key}`);
        }
      }
    };
    const onFunction = (n: ts.Node) => {
      if (!isFunctionWithBody(n)) return;
      for (const [name, p] of scope.paramsOf(n)) if (p.kind === 'nest' || p.kind === 'action') special.add(name);
      const d = destructuredSources(n);
      if (d.length) for (const s of d) rec(n).src.add(s);
    };
    // `if (!validateProject(req, res)) return;`, `assertValidNote(req.body)`: a check of the app's own that answers 400 itself, elsewhere
    const handedOff = (call: ts.CallExpression): boolean => {
      const callee = call.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (!name || !HAND_CHECK.test(name) || NOT_INPUT_CHECK.test(name) || PARSE_METHODS.has(name)) return false;
      if (!call.arguments.some((a) => scope.read(a) || (ts.isIdentifier(a) && scope.lookup(a, a.text)))) return false;
      let top: ts.Node = call;
      while (ts.isAwaitExpression(top.parent) || ts.isParenthesizedExpression(top.parent) || (ts.isPrefixUnaryExpression(top.parent) && top.parent.operator === ts.SyntaxKind.ExclamationToken)) top = top.parent;
      if (ts.isExpressionStatement(top.parent)) return /^(assert|validate|ensure)/i.test(name);
      return ts.isIfStatement(top.parent) && top.parent.expression === top && turnsAway(top.parent.thenStatement);
    };
    const onHand = (n: ts.Node) => {
      if (!isBadRequestResponse(n) && !(ts.isCallExpression(n) && handedOff(n))) return;
      // `catch (e) { res.status(400).json({ error: e.message }) }`: an error answered as 400 after the fact, no check of the input
      for (let p: ts.Node | undefined = n.parent; p && !isFunctionWithBody(p); p = p.parent) if (ts.isCatchClause(p)) return;
      for (let p: ts.Node | undefined = n.parent; p; p = p.parent) if (isFunctionWithBody(p)) hand.add(p);
    };
    return {
      FunctionDeclaration: onFunction,
      FunctionExpression: onFunction,
      ArrowFunction: onFunction,
      MethodDeclaration: onFunction,
      PropertyAccessExpression: onRead,
      ElementAccessExpression: onRead,
      NewExpression: onHand,
      PropertyAssignment: onHand,
      BinaryExpression: onHand,
      Identifier(n) {
        const id = n as ts.Identifier;
        if (!special.has(id.text)) return;
        const decl = findDeclaration(id);
        // a parameter, or a field destructured in the signature (`createNote({ title, content })`)
        if (!decl || !(ts.isParameter(decl) || (ts.isBindingElement(decl) && ts.isParameter(decl.parent.parent))) || decl.name === id) return;
        const hit = scope.lookup(id, id.text);
        if (hit && (hit.param.kind === 'nest' || hit.param.kind === 'action')) rec(hit.fn).src.add(hit.param.src);
      },
      CallExpression(n) {
        const call = n as ts.CallExpression;
        onRead(call);
        onHand(call);
        onCheck(call);
        const callee = call.expression;
        const root = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? rootName(callee) : undefined;
        if (root && NOT_CONSUMERS.test(root)) return;
        // `clientIp(request)`, `rateLimit(req)`, `getServerSession(req)`: who is calling, not what they sent
        if (CALLER_READERS.test(calleeName(call) ?? '')) return;
        for (const a of call.arguments) {
          if (!ts.isIdentifier(a)) continue;
          const hit = scope.lookup(a, a.text);
          if (hit && (hit.param.kind === 'req' || hit.param.kind === 'ctx' || hit.param.kind === 'hono')) rec(hit.fn).whole = true;
        }
      },
      VariableDeclaration(n) {
        const d = n as ts.VariableDeclaration;
        if (!ts.isObjectBindingPattern(d.name) || !d.initializer || !ts.isIdentifier(d.initializer)) return;
        const hit = scope.lookup(d, d.initializer.text);
        if (!hit || hit.param.kind === 'nest' || hit.param.kind === 'action') return;
        for (const el of d.name.elements) {
          const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
          const src = key === 'body' || key === 'files' || key === 'file' ? 'body' : key === 'query' ? 'query' : key === 'params' ? 'params' : undefined;
          if (src) rec(hit.fn).src.add(src);
        }
      },
      onEnd() {
        collectChecked();
        const fns: FnRec[] = [];
        for (const [fn, r] of recs) {
          if (!r.src.size && !r.whole) continue;
          const out: FnRec = { keys: functionKeys(sf, fn), src: [...r.src].sort() };
          if (r.whole) out.whole = true;
          if (hand.has(fn)) out.hand = true;
          if (parses.has(fn)) { out.parses = true; out.checked = [...(checked.get(fn) ?? [])].sort(); }
          if (r.fields.size) out.fields = [...r.fields].slice(0, 8);
          fns.push(out);
        }
        if (fns.length) ruleDataOf<Data>(ctx.facts, ID, () => ({ fns: [] })).fns.push(...fns);
      },
    };
  },
  checkWorkspace(ctx: WorkspaceRuleContext) {
    const byFile = new Map<string, Map<string, FnRec>>();
    const recOf = (file: string, key: string): FnRec | undefined => {
      let m = byFile.get(file);
      if (!m) {
        m = new Map();
        for (const r of getRuleData<Data>(ctx.files.get(file)?.facts, ID)?.fns ?? []) for (const k of r.keys) if (!m.has(k)) m.set(k, r);
        byFile.set(file, m);
      }
      return m.get(key);
    };
    const seen = new Set<string>();
    for (const r of ctx.facts.routes) {
      // tRPC hands a resolver only the input its `.input()` schema parsed
      // a route opaque only because an auth middleware's reach is unknown still has a handler to judge
      if ((r.opaque && !r.authScopeOpaque) || !r.readsInput || r.kind === 'procedure' || (r.kind === 'http' && (routeTopic(r.path) === 'webhook' || isPaymentCallback(r)))) continue;
      const at = r.handler ?? { file: r.file, range: r.range };
      const key = `${at.range.start.line}:${at.range.start.character}`;
      const rec = r.handler ? recOf(r.handler.file, key) : undefined;
      if (rec?.hand || (r.validated && !validatesOtherInputOnly(r, rec))) continue;
      const verdict = judge(r, rec);
      if (!verdict) continue;
      const loc = `${at.file}:${key}`;
      if (seen.has(loc)) continue;
      seen.add(loc);
      ctx.report({ file: at.file, range: at.range, workspace: false, message: message(r, verdict) });
    }
  },
};

function rootName(e: ts.Expression): string | undefined {
  let x: ts.Expression = e;
  while (ts.isPropertyAccessExpression(x) || ts.isCallExpression(x) || ts.isElementAccessExpression(x)) x = x.expression;
  return ts.isIdentifier(x) ? x.text : undefined;
}

/** A handler whose own schema parses cover other input (a path param) but not the body it reads: the route's `validated` comes from those alone. */
function validatesOtherInputOnly(r: RouteInfo, rec: FnRec | undefined): boolean {
  if (!rec?.parses || r.framework === 'fastify' || r.framework === 'nestjs') return false;
  if (r.middleware.some((m) => nameFlags(m).includes('validate'))) return false;
  const bodyish = rec.src.filter((s) => s === 'body' || s === 'form');
  return bodyish.length > 0 && !bodyish.some((s) => rec.checked?.includes(s));
}

function findLocalFunction(id: ts.Identifier): boolean {
  const d = findDeclaration(id);
  if (!d) return false;
  if (ts.isFunctionDeclaration(d)) return true;
  return ts.isVariableDeclaration(d) && !!d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer));
}

/** Why the route is reported (the input it reads), or undefined when it is not worth a finding. */
function judge(r: RouteInfo, rec: FnRec | undefined): { src: InputSource[]; fields?: string[] } | undefined {
  const mutating = r.kind === 'server-action' || WRITE_METHODS.has(r.method) || (r.method === 'ALL' && r.writesData);
  const pagesDynamic = r.framework === 'nextjs' && /(^|\/)pages\/api\//.test(r.handler?.file ?? r.file) && r.path.includes(':');
  // a GET carries no body: a body read in the handler belongs to another method's branch (`if (req.method === 'POST')`)
  const bodyless = r.kind === 'http' && (r.method === 'GET' || r.method === 'HEAD');
  const src = (rec?.src ?? []).map((s) => (pagesDynamic && s === 'query' ? 'params' : s)).filter((s) => !(bodyless && (s === 'body' || s === 'form'))) as InputSource[];
  const bodyish = src.filter((s) => s === 'body' || s === 'form');
  const fieldsOf = (from: InputSource[]) => rec?.fields?.filter((f) => from.includes(f.slice(0, f.indexOf('.')) as InputSource)).map((f) => f.slice(f.indexOf('.') + 1)).slice(0, 6);
  if (bodyish.length) return { src: bodyish, fields: fieldsOf(bodyish) };
  // a server action storing primitive arguments as sent (a password, a name): read-only lookups by a value stay quiet
  if (r.kind === 'server-action' && r.writesData && src.includes('args')) return { src: ['args'], fields: fieldsOf(['args']) };
  if (src.includes('query') && r.writesData) return { src: ['query'], fields: fieldsOf(pagesDynamic ? [] : ['query']) };
  // the handler cannot be located, or hands the whole request to other code; a handler read and found reading nothing
  // of the request's input (only its path params, or the caller's address for a limiter) is not reported
  if ((!r.handler || (rec?.whole && !src.length)) && mutating && r.writesData && r.kind === 'http') return { src: [] };
  return undefined;
}

function message(r: RouteInfo, v: { src: InputSource[]; fields?: string[] }): string {
  const what = v.src.length ? v.src.map((s) => SOURCE_LABEL[s]).join(' and ') : 'request input';
  const fields = v.fields?.length ? ` (${v.fields.map((f) => `\`${f}\``).join(', ')})` : '';
  const impact = r.writesData
    ? 'whatever the client sends (missing fields, wrong types, objects, huge strings) reaches the database: malformed rows, 500s, type confusion'
    : 'whatever the client sends (missing fields, wrong types, objects, huge strings) reaches the code as is: 500s and type confusion instead of a clean 400';
  const how = r.framework === 'fastify' ? 'add a route `schema` (body/querystring) or parse it with zod'
    : r.framework === 'nestjs' ? 'type it with a DTO class (class-validator decorators) and enable `ValidationPipe({ whitelist: true })` globally'
      : r.framework === 'hono' ? 'add a validator middleware (`zValidator(\'json\', Schema)`) and read `c.req.valid(\'json\')`'
        : r.framework === 'nextjs' ? (r.kind === 'server-action' ? (v.src.includes('args') ? 'their TypeScript types are not checked at run time, so parse them with a schema (zod `z.object({ ... }).parse({ token, password })`) before using them' : 'parse the arguments with a schema (`Schema.parse(Object.fromEntries(formData))`) before using them') : (/(^|\/)pages\/api\//.test(r.handler?.file ?? r.file) ? `parse it with a schema (\`Schema.parse(req.${v.src.length === 1 && v.src[0] === 'query' ? 'query' : 'body'})\`) before using it` : v.src.length === 1 && v.src[0] === 'query' ? 'parse it with a schema (`Schema.parse(Object.fromEntries(searchParams))`) before using it' : 'parse it with a schema (`Schema.parse(await req.json())`) before using it'))
          : `parse it with a schema (zod \`Schema.parse(req.${v.src.length === 1 && v.src[0] === 'query' ? 'query' : 'body'})\`) or a validation middleware (express-validator, celebrate) before using it`;
  return `${routeLabel(r)} uses ${what}${fields} with no validation: ${impact}. Validate it at the edge: ${how}.`;
}

export default rule;
