import { ts } from 'ts-morph';
import type { Fix, Range, TextEdit, Tier, TsRule, TsVisitor, WorkspaceRuleContext } from '../../server/engine/types';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { accessPath, asObject, calleeName, findProperty, hasOpaqueSpread, isTestPath, isTrue, propName, readsEnvironment, resolveCallee, stringValue, unwrap, type ConstTable } from '../../server/engine/ts/helpers';
import { addProperty, insertArgument, nodeRange, quoteOf, replaceNode } from '../../server/engine/ts/edits';
import { findDeclaration, returnedExpressions } from '../../server/engine/ts/values';
import { namedElsewhere } from '../../server/engine/ts/functions';
import type { FileImports } from '../../server/engine/ts/imports';

type Flavor = 'express' | 'koa' | 'hono' | 'fastify' | 'nest';
type Verdict = 'wildcard' | 'reflect';

const CORS_FACTORIES: Record<string, { flavor: Flavor; path: string }> = {
  cors: { flavor: 'express', path: '' },
  '@koa/cors': { flavor: 'koa', path: '' },
  'koa2-cors': { flavor: 'koa', path: '' },
  kcors: { flavor: 'koa', path: '' },
  'hono/cors': { flavor: 'hono', path: 'cors' },
};
const FASTIFY_CORS = new Set(['@fastify/cors', 'fastify-cors']);
const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append']);
const HEADER_OBJECT_SETTERS = new Set(['set', 'header', 'headers']);
const GUARD_CALLS = new Set(['includes', 'has', 'test', 'indexOf', 'some', 'find', 'match', 'endsWith', 'startsWith']);

const WHY = "any website can call this API from a visitor's browser and read the responses";
const WHY_CREDENTIALS = 'with credentials allowed, any website a signed-in user visits can send requests to this API with their cookies and read the answers';
const WHY_WILDCARD_CREDENTIALS = "with credentials allowed, browsers refuse `*` for signed-in requests, and the usual workaround (echoing the request's origin) lets any website act as the signed-in user";
const TODO = 'Allow only your front-end origins, e.g. an allowlist from a CORS_ORIGINS env var.';

function message(what: string, credentials: boolean, verdict: Verdict = 'wildcard'): string {
  return `${what}: ${credentials ? (verdict === 'wildcard' ? WHY_WILDCARD_CREDENTIALS : WHY_CREDENTIALS) : WHY}. ${TODO}`;
}

/** Reads the request's Origin header: `req.headers.origin`, `req.get('origin')`, `ctx.get('Origin')`, `request.headers.get('origin')`. */
function readsOriginHeader(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (ts.isBinaryExpression(u) && (u.operatorToken.kind === ts.SyntaxKind.BarBarToken || u.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return readsOriginHeader(u.left) || readsOriginHeader(u.right);
  const p = accessPath(u);
  if (p && p.length > 1 && p[p.length - 1].toLowerCase() === 'origin' && p.some((x) => /^headers?$/i.test(x))) return true;
  if (ts.isCallExpression(u) && /^(get|header|getHeader)$/.test(calleeName(u) ?? '') && stringValue(u.arguments[0])?.toLowerCase() === 'origin') return true;
  return false;
}

function isNullish(e: ts.Expression | undefined): boolean {
  const u = e && unwrap(e);
  return !!u && (u.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(u) && u.text === 'undefined'));
}

function isName(e: ts.Expression | undefined, name: string | undefined): boolean {
  const u = e && unwrap(e);
  return !!u && !!name && ts.isIdentifier(u) && u.text === name;
}

type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;

/** An origin function that allows whatever origin asks: `(o, cb) => cb(null, true)`, `(origin) => origin`, `(ctx) => ctx.get('Origin')`. */
function allowsAnyOrigin(fn: FunctionNode, consts: ConstTable): boolean {
  const [p0, p1] = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  const body = fn.body;
  if (!body) return false;
  if (p1) {
    const calls: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && isName(n.expression, p1)) calls.push(n);
      ts.forEachChild(n, visit);
    };
    visit(body);
    if (calls.length) {
      const rejects = calls.some((c) => !isNullish(c.arguments[0]) || unwrap(c.arguments[1] ?? c).kind === ts.SyntaxKind.FalseKeyword);
      if (rejects) return false;
      return calls.some((c) => {
        const allows = isTrue(c.arguments[1], consts) || isName(c.arguments[1], p0) || stringValue(c.arguments[1], consts) === '*';
        const stmt = ts.isExpressionStatement(c.parent) || ts.isReturnStatement(c.parent) ? c.parent : undefined;
        const topLevel = c === body || (!!stmt && stmt.parent === body);
        return allows && topLevel;
      });
    }
  }
  const rets = returnedExpressions(fn);
  if (!rets?.length) return false;
  return rets.every((r) => isTrue(r, consts) || isName(r, p0) || stringValue(r, consts) === '*' || readsOriginHeader(r));
}

/** How permissive an `origin` value is (following consts), or undefined for an allowlist, an env var or anything unknown. */
function verdictOf(value: ts.Node, consts: ConstTable): Verdict | undefined {
  if (ts.isMethodDeclaration(value)) return allowsAnyOrigin(value, consts) ? 'reflect' : undefined;
  const e = consts.resolve(value as ts.Expression);
  if (!e) return undefined;
  if (stringValue(e, consts) === '*') return 'wildcard';
  if (e.kind === ts.SyntaxKind.TrueKeyword) return 'reflect';
  if (ts.isConditionalExpression(e)) {
    const a = verdictOf(e.whenTrue, consts);
    const b = verdictOf(e.whenFalse, consts);
    if (a && b) return a === 'reflect' || b === 'reflect' ? 'reflect' : 'wildcard';
    // `CORS_ORIGIN === '*' ? true : CORS_ORIGIN` with `CORS_ORIGIN = process.env.CORS_ORIGIN ?? '*'`: unset, every origin is allowed
    if (a && defaultsToWildcard(e.condition, consts)) return a;
    return undefined;
  }
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return allowsAnyOrigin(e, consts) ? 'reflect' : undefined;
  // `process.env.CORS_ORIGIN || '*'`: every origin while the variable is unset (a missed variable in production)
  if (envFallback(e, consts)) return verdictOf(unwrap((e as ts.BinaryExpression).right), consts);
  if (ts.isRegularExpressionLiteral(e) && /^\/\^?\.[*+]\$?\/[a-z]*$/.test(e.text)) return 'reflect';
  return undefined;
}

/** `process.env.X || '*'`, `env.X ?? true`: an environment value with a permissive fallback; the environment read's text, else undefined. */
function envFallback(e: ts.Expression, consts: ConstTable): string | undefined {
  const u = unwrap(e);
  if (!ts.isBinaryExpression(u) || (u.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken && u.operatorToken.kind !== ts.SyntaxKind.BarBarToken)) return undefined;
  const right = unwrap(u.right);
  const permissive = stringValue(right, consts) === '*' || right.kind === ts.SyntaxKind.TrueKeyword;
  return permissive && readsEnvironment(u.left) ? u.left.getText() : undefined;
}

/** `X === '*'` where X falls back to '*' when its env var is unset (`process.env.CORS_ORIGIN ?? '*'`, `|| '*'`, `.default('*')`). */
function defaultsToWildcard(cond: ts.Expression, consts: ConstTable): boolean {
  const c = unwrap(cond);
  if (!ts.isBinaryExpression(c) || ![ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(c.operatorToken.kind)) return false;
  const [x, lit] = stringValue(c.right, consts) === '*' ? [c.left, c.right] : stringValue(c.left, consts) === '*' ? [c.right, c.left] : [undefined, undefined];
  if (!x || !lit) return false;
  const u = unwrap(x);
  const init = ts.isIdentifier(u) ? consts.get(u.text) : ts.isPropertyAccessExpression(u) ? u : undefined;
  const v = init && unwrap(init);
  if (v && ts.isBinaryExpression(v) && (v.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || v.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return stringValue(v.right, consts) === '*' && readsEnvironment(v.left);
  if (v && ts.isCallExpression(v) && calleeName(v) === 'default') return stringValue(v.arguments[0], consts) === '*';
  return false;
}

/** Inside a branch that only runs in development (`if (process.env.NODE_ENV !== 'production')`, `isDev && ...`). */
function devOnly(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let n = node.parent; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    let cond: ts.Expression | undefined;
    let inElse = false;
    if (ts.isIfStatement(n) && child !== n.expression) { cond = n.expression; inElse = child === n.elseStatement; }
    else if (ts.isConditionalExpression(n) && child !== n.condition) { cond = n.condition; inElse = child === n.whenFalse; }
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === n.right) cond = n.left;
    if (!cond) continue;
    let dev = false, prod = false, neg = false, env = readsEnvironment(cond);
    const visit = (x: ts.Node): void => {
      if (ts.isStringLiteralLike(x)) { if (/^(dev|development|local|test)$/i.test(x.text)) dev = true; if (/^(prod|production)$/i.test(x.text)) prod = true; }
      if (ts.isIdentifier(x)) {
        if (/^(is)?(dev|development|local|test)(env|mode)?$/i.test(x.text)) { dev = true; env = true; }
        if (/^(is)?(prod|production)(env|mode)?$/i.test(x.text)) { prod = true; env = true; }
      }
      if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) neg = true;
      if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || x.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken)) neg = true;
      ts.forEachChild(x, visit);
    };
    visit(cond);
    if (!env) continue;
    const devBranch = inElse ? (prod && !neg) || (dev && neg) : (dev && !neg) || (prod && neg);
    if (devBranch) return true;
  }
  return false;
}

function enclosingBody(node: ts.Node): ts.Node {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return n;
  return node.getSourceFile();
}

/** The origin header's value is only echoed under a condition (an allowlist check, a branch). */
function guardedEcho(call: ts.Node): boolean {
  const fn = enclosingBody(call);
  for (let n = call.parent; n && n !== fn; n = n.parent) {
    if (ts.isIfStatement(n) || ts.isConditionalExpression(n) || ts.isCaseClause(n) || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) return true;
  }
  let guarded = false;
  const visit = (x: ts.Node): void => {
    if (guarded) return;
    if (ts.isCallExpression(x) && GUARD_CALLS.has(calleeName(x) ?? '')) { guarded = true; return; }
    ts.forEachChild(x, visit);
  };
  visit(fn);
  return guarded;
}

function isCredentialsTrue(e: ts.Expression | undefined, consts: ConstTable): boolean {
  return !!e && (isTrue(e, consts) || stringValue(e, consts) === 'true');
}

/** The same function (or file) also sends `Access-Control-Allow-Credentials: true`. */
function setsCredentials(scope: ts.Node, consts: ConstTable): boolean {
  let found = false;
  const visit = (x: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(x) && HEADER_SETTERS.has(calleeName(x) ?? '') && stringValue(x.arguments[0], consts)?.toLowerCase() === ACAC && isCredentialsTrue(x.arguments[1], consts)) { found = true; return; }
    if (ts.isPropertyAssignment(x) && propName(x.name)?.toLowerCase() === ACAC && isCredentialsTrue(x.initializer, consts)) { found = true; return; }
    ts.forEachChild(x, visit);
  };
  visit(scope);
  return found;
}

/** `require('@fastify/cors')`, `import('@fastify/cors')` or a binding of it. */
function fastifyCorsPlugin(e: ts.Expression | undefined, imports: FileImports): boolean {
  const u = e && unwrap(e);
  if (!u) return false;
  if (ts.isIdentifier(u)) return FASTIFY_CORS.has(imports.bindings.get(u.text)?.module ?? '');
  if (ts.isCallExpression(u) && (isName(u.expression, 'require') || u.expression.kind === ts.SyntaxKind.ImportKeyword)) return FASTIFY_CORS.has(stringValue(u.arguments[0]) ?? '');
  if (ts.isPropertyAccessExpression(u) && u.name.text === 'default') return fastifyCorsPlugin(u.expression, imports);
  return false;
}

/** What is wrong with one CORS options object, for a flavor of middleware. */
interface Judgement {
  /** Where to report: the `origin` property, or the object when it has none. */
  node: ts.Node;
  credentials: boolean;
  verdict: Verdict;
  /** The options set no `origin` (every origin allowed). */
  noOrigin?: true;
  /** `origin: process.env.CORS_ORIGIN || '*'`: permissive only while the variable is unset (its text). */
  unsetEnv?: string;
  /** @koa/cors with `origin: '*'` and credentials: it echoes the request's origin. */
  koaEcho?: true;
  edit?: TextEdit;
}

const FIX_TITLE = 'Allow only the origins in CORS_ORIGINS';

/** The value a fix gives `origin`, in the file's quotes. */
function originValue(flavor: Flavor, q: string): string {
  const list = `process.env.CORS_ORIGINS?.split(${q},${q}) ?? []`;
  return flavor === 'koa' ? `(ctx) => ((${list}).includes(ctx.get(${q}Origin${q})) ? ctx.get(${q}Origin${q}) : ${q}${q})` : list;
}

/** Judges CORS options (an object literal); `editable`: the object is written in `sf` (a fix may edit it). */
function judge(obj: ts.ObjectLiteralExpression, flavor: Flavor, sf: ts.SourceFile, path: string, consts: ConstTable, editable: boolean): Judgement | undefined {
  if (hasOpaqueSpread(obj, consts) || findProperty(obj, 'delegator', consts)) return undefined;
  const q = quoteOf(sf);
  const credentials = isCredentialsTrue(findProperty(obj, 'credentials', consts)?.value, consts);
  const origin = findProperty(obj, 'origin', consts);
  if (!origin) {
    return { node: obj, credentials, verdict: flavor === 'koa' ? 'reflect' : 'wildcard', noOrigin: true, edit: editable ? addProperty(sf, path, obj, `origin: ${originValue(flavor, q)}`) : undefined };
  }
  const value = origin.value ?? (ts.isMethodDeclaration(origin.node) ? origin.node : undefined);
  let verdict = value && verdictOf(value, consts);
  if (!verdict || !value) return undefined;
  const koaEcho = flavor === 'koa' && verdict === 'wildcard' && credentials;
  if (koaEcho) verdict = 'reflect';
  const edit = editable && origin.node.getSourceFile() === sf
    ? (origin.value ? replaceNode(sf, path, origin.value, originValue(flavor, q)) : replaceNode(sf, path, origin.node, `origin: ${originValue(flavor, q)}`))
    : undefined;
  const resolved = consts.resolve(value as ts.Expression);
  const unsetEnv = resolved && !ts.isMethodDeclaration(value) ? envFallback(resolved, consts) : undefined;
  return { node: origin.node, credentials, verdict, koaEcho: koaEcho || undefined, unsetEnv, edit };
}

function judgementMessage(j: Pick<Judgement, 'credentials' | 'verdict' | 'noOrigin' | 'koaEcho' | 'unsetEnv'>, label: string): string {
  if (j.unsetEnv) return message(`CORS allows every origin whenever \`${j.unsetEnv}\` is unset: the fallback is ${j.verdict === 'wildcard' ? "`'*'`" : '`true`'}, so a deploy that misses the variable opens the API to every site`, j.credentials, j.verdict);
  if (j.noOrigin) return message(`The CORS options of ${label} set no \`origin\`, so every origin is allowed`, j.credentials, j.verdict);
  const what = j.koaEcho ? "CORS accepts whatever origin asks (@koa/cors answers `origin: '*'` with credentials on by echoing the request's origin)"
    : j.verdict === 'wildcard' ? "CORS allows every origin (`origin: '*'`)" : 'CORS accepts whatever origin asks (`origin: true` or an origin function that allows all)';
  return message(what, j.credentials, j.verdict);
}

/**
 * What a module exports, by the name an importer binds ('default', '*' for the whole CommonJS module, or an export
 * name): `export const x = ...`, `export default ...`, `export { x }`, `module.exports = ...` (and its object's
 * properties), `exports.x = ...`.
 */
function exportedValues(sf: ts.SourceFile): Array<{ name: string; value: ts.Expression }> {
  const out: Array<{ name: string; value: ts.Expression }> = [];
  const local = new Map<string, ts.Expression>();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const exported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) continue;
      local.set(d.name.text, d.initializer);
      if (exported) out.push({ name: d.name.text, value: d.initializer });
    }
  }
  const whole = (value: ts.Expression) => {
    out.push({ name: 'default', value }, { name: '*', value });
    const obj = unwrap(value);
    if (!ts.isObjectLiteralExpression(obj)) return;
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && propName(p.name)) out.push({ name: propName(p.name)!, value: p.initializer });
      else if (ts.isShorthandPropertyAssignment(p)) out.push({ name: p.name.text, value: p.name });
    }
  };
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st)) { if (st.isExportEquals) whole(st.expression); else out.push({ name: 'default', value: st.expression }); continue; }
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        const value = local.get((el.propertyName ?? el.name).text);
        if (value) out.push({ name: el.name.text, value });
      }
      continue;
    }
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const target = accessPath(st.expression.left)?.join('.');
    const value = st.expression.right;
    if (target === 'module.exports') whole(value);
    else if (target && /^(module\.)?exports\.[\w$]+$/.test(target)) out.push({ name: target.slice(target.lastIndexOf('.') + 1), value });
  }
  return out;
}

/** Option names of cors, @koa/cors, @fastify/cors and Nest's enableCors. */
const CORS_KEYS = new Set(['origin', 'credentials', 'methods', 'allowedHeaders', 'exposedHeaders', 'maxAge', 'preflightContinue', 'optionsSuccessStatus', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'keepHeadersOnError', 'secureContext', 'privateNetworkAccess', 'strictPreflight']);

/** An object that is CORS options: it sets `origin` or `credentials`, or only keys CORS options have. */
function corsLike(obj: ts.ObjectLiteralExpression, consts: ConstTable): boolean {
  if (findProperty(obj, 'origin', consts) || findProperty(obj, 'credentials', consts)) return true;
  const names = obj.properties.map((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? propName(p.name) : undefined));
  return names.length > 0 && names.every((n) => !!n && CORS_KEYS.has(n));
}

interface PlainJudgement { range: Range; credentials: boolean; verdict: Verdict; noOrigin?: true; koaEcho?: true; edit?: TextEdit }
/** Per-file data for the workspace pass: cors() calls given imported options, and this module's exported options. */
interface Data {
  uses?: Array<{ spec: string; name: string; flavor: Flavor; label: string }>;
  exports?: ExportedOptions[];
}
interface ExportedOptions { name: string; std?: PlainJudgement; koa?: PlainJudgement }

const ID = 'security/permissive-cors';

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'security',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'CORS allows every origin',
    fixKind: 'multi-file',
    effort: 'minutes',
    checklist: 'harden.cors-headers',
    docs: {
      why: "CORS decides which websites may call your API from a visitor's browser and read the answer. Allowing every origin (`cors()` with no options, `origin: '*'`, `origin: true`, an origin callback that accepts everything) lets any site use your API as the visitor; with `credentials: true` it does so with their session cookies, which turns any malicious page into a logged-in attacker.",
      bad: { files: { 'src/app.ts': "import express from 'express';\nimport cors from 'cors';\n\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));\n" } },
      good: { files: { 'src/app.ts': "import express from 'express';\nimport cors from 'cors';\n\nconst app = express();\napp.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true }));\n" } },
      fix: "List the origins that may call the API, from configuration: `origin: process.env.CORS_ORIGINS?.split(',') ?? []` (cors, @fastify/cors, Nest, Hono), an origin function that checks the same list for @koa/cors, and only echo an Origin header you found in that list. The quick fix sets that option and adds CORS_ORIGINS to .env.example.",
    },
  },
  scope: 'ts',
  // names: header setters, Response / NextResponse inits, Nest's enableCors, Fastify's register, next.config's `{ key, value }` headers
  triggers: {
    // and the options' keys: a module exporting CORS options for another to use
    names: [...HEADER_SETTERS, ...HEADER_OBJECT_SETTERS, 'writeHead', 'Response', 'NextResponse', 'enableCors', 'register', 'key', ...CORS_KEYS],
    modules: [...Object.keys(CORS_FACTORIES), ...FASTIFY_CORS, '@nestjs/core'],
  },
  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    const path = file.path;
    const q = quoteOf(sf);
    const reported = new Set<ts.Node>();
    /** Options objects judged in this file (not recorded again for the workspace pass). */
    const judged = new Set<ts.ObjectLiteralExpression>();
    const allowlist = originValue('express', q);
    const fixOf = (title: string, edit: TextEdit): Fix[] => [{ title, safe: false, edits: [edit], envKeys: { near: path, keys: ['CORS_ORIGINS'] } }];
    const report = (anchor: ts.Node, msg: string, credentials: boolean, fixes?: Fix[]) => {
      if (reported.has(anchor)) return;
      reported.add(anchor);
      const tier: Tier = credentials ? 'ship-stopping' : 'tech-debt';
      ctx.report({ message: msg, range: nodeRange(sf, anchor), tier, fixes });
    };

    /** Checks cors options (or their absence) for one middleware / plugin / Nest call. */
    const checkOptions = (flavor: Flavor, opts: ts.Expression | undefined, call: ts.CallExpression, argIndex: number, label: string) => {
      if (devOnly(call)) return;
      if (!opts) {
        report(call, message(`${label} has no options and allows every origin`, false), false,
          fixOf(FIX_TITLE, insertArgument(sf, path, call, argIndex, `{ origin: ${originValue(flavor, q)} }`)));
        return;
      }
      // options imported from another module of the workspace: judged where they are written, in the workspace pass
      // (or a member of them: `cors(config.corsConfig)`)
      const u = unwrap(opts);
      const member = ts.isPropertyAccessExpression(u) && ts.isIdentifier(u.expression) ? u : undefined;
      const binding = ts.isIdentifier(u) ? imports.bindings.get(u.text) : member ? imports.bindings.get((member.expression as ts.Identifier).text) : undefined;
      if (binding) {
        (ruleDataOf<Data>(ctx.facts, ID, () => ({})).uses ??= []).push({ spec: binding.module, name: member ? `${binding.name}.${member.name.text}` : binding.name, flavor, label });
        return;
      }
      const obj = asObject(opts, consts);
      if (obj) judged.add(obj);
      const j = obj && judge(obj, flavor, sf, path, consts, obj.getSourceFile() === sf);
      if (!j) return;
      report(j.noOrigin ? call : j.node, judgementMessage(j, label), j.credentials, j.edit && fixOf(FIX_TITLE, j.edit));
    };

    /** Exported CORS options (an object with `origin` or `credentials`) that another module may hand to cors(): judged for the workspace pass. */
    const recordExports = () => {
      const exported = exportedValues(sf);
      if (!exported.length) return;
      const out: ExportedOptions[] = [];
      // options exported as they are, or as a member of an exported config object (`export default { corsConfig: {...} }`)
      const candidates = exported.flatMap(({ name, value }) => {
        const obj = asObject(value, consts);
        const members = obj ? obj.properties.flatMap((p) => (ts.isPropertyAssignment(p) && propName(p.name) ? [{ name: `${name}.${propName(p.name)}`, value: p.initializer }] : [])) : [];
        return [{ name, value }, ...members];
      });
      for (const { name, value } of candidates) {
        const obj = asObject(value, consts);
        if (!obj || judged.has(obj) || !corsLike(obj, consts)) continue;
        const std = judge(obj, 'express', sf, path, consts, true);
        const koa = judge(obj, 'koa', sf, path, consts, true);
        if (!std && !koa) continue;
        const plain = (j: Judgement | undefined) => j && { range: nodeRange(sf, j.node), credentials: j.credentials, verdict: j.verdict, noOrigin: j.noOrigin, koaEcho: j.koaEcho, edit: j.edit };
        out.push({ name, std: plain(std), koa: plain(koa) });
      }
      if (out.length) ruleDataOf<Data>(ctx.facts, ID, () => ({})).exports = out;
    };

    const checkHeaderValue = (value: ts.Expression, anchor: ts.Node, credentialsScope: ts.Node, siblingCredentials: boolean) => {
      if (devOnly(anchor)) return;
      let verdict: Verdict | undefined;
      if (stringValue(value, consts) === '*') verdict = 'wildcard';
      else {
        const u = unwrap(value);
        const init = ts.isIdentifier(u) ? consts.get(u.text) : undefined;
        if ((readsOriginHeader(u) || (init && readsOriginHeader(init))) && !guardedEcho(anchor)) verdict = 'reflect';
      }
      if (!verdict) return;
      const credentials = siblingCredentials || setsCredentials(credentialsScope, consts);
      const what = verdict === 'wildcard' ? '`Access-Control-Allow-Origin: *` is set by hand, so every origin is allowed' : "The request's Origin header is echoed into Access-Control-Allow-Origin without a check, so every origin is allowed";
      report(anchor, message(what, credentials, verdict), credentials);
    };

    const checkHeaderObject = (objExpr: ts.Expression | undefined) => {
      const obj = asObject(objExpr, consts);
      if (!obj) return;
      for (const p of obj.properties) {
        if (!ts.isPropertyAssignment(p) || propName(p.name)?.toLowerCase() !== ACAO) continue;
        const siblingCredentials = obj.properties.some((s) => ts.isPropertyAssignment(s) && propName(s.name)?.toLowerCase() === ACAC && isCredentialsTrue(s.initializer, consts));
        checkHeaderValue(p.initializer, p, enclosingBody(p), siblingCredentials);
      }
    };

    /**
     * `router.use(cors())` on an Express router this file makes and never hands out (not exported, mounted or passed
     * anywhere: only its own methods are called): no request reaches it. Seen on a real app whose controller files
     * each made a throw-away router next to the handlers they export.
     */
    const onDeadRouter = (call: ts.CallExpression): boolean => {
      const use = call.parent;
      if (!ts.isCallExpression(use) || !use.arguments.includes(call) || !ts.isPropertyAccessExpression(use.expression) || use.expression.name.text !== 'use' || !ts.isIdentifier(use.expression.expression)) return false;
      const decl = findDeclaration(use.expression.expression);
      if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return false;
      const u = unwrap(decl.initializer);
      if (!ts.isCallExpression(u) || calleeName(u) !== 'Router') return false;
      if ((ts.getCombinedModifierFlags(decl) & ts.ModifierFlags.Export) !== 0) return false;
      // every other mention is a call of its own methods (`router.use(...)`, `router.get(...)`)
      const ownMethod = (id: ts.Identifier) => ts.isPropertyAccessExpression(id.parent) && id.parent.expression === id && ts.isCallExpression(id.parent.parent) && id.parent.parent.expression === id.parent;
      return !namedElsewhere(sf, decl.name, ownMethod);
    };

    const isNextConfig = /(^|\/)next\.config\.[cm]?[jt]s$/.test(path);
    const nestImported = imports.modules.some((m) => m.module.startsWith('@nestjs/'));

    return {
      onEnd: recordExports,
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const name = calleeName(call);
        const callee = resolveCallee(call.expression, imports);
        const factory = callee && CORS_FACTORIES[callee.module];
        if (factory && callee.path.join('.') === factory.path) {
          const label = factory.flavor === 'hono' ? 'cors() from hono/cors' : `${call.expression.getText(sf)}()`;
          if (call.arguments[0] && (ts.isArrowFunction(unwrap(call.arguments[0])) || ts.isFunctionExpression(unwrap(call.arguments[0])))) return;
          if (onDeadRouter(call)) return;
          checkOptions(factory.flavor, call.arguments[0], call, 0, label);
          return;
        }
        const method = ts.isPropertyAccessExpression(call.expression) ? call.expression : undefined;
        if (name === 'register' && method && fastifyCorsPlugin(call.arguments[0], imports)) {
          const opts = call.arguments[1];
          if (opts && (ts.isArrowFunction(unwrap(opts)) || ts.isFunctionExpression(unwrap(opts)))) return;
          checkOptions('fastify', opts, call, 1, '@fastify/cors');
          return;
        }
        if (name === 'enableCors' && method && nestImported) {
          checkOptions('nest', call.arguments[0], call, 0, `${method.expression.getText(sf)}.enableCors()`);
          return;
        }
        if (callee?.module === '@nestjs/core' && callee.path.join('.') === 'NestFactory.create') {
          for (const arg of call.arguments.slice(1)) {
            const obj = asObject(arg, consts);
            const corsProp = obj && findProperty(obj, 'cors', consts);
            if (!corsProp?.value) continue;
            if (isTrue(corsProp.value, consts)) {
              if (devOnly(call)) return;
              const edit = corsProp.node.getSourceFile() === sf ? replaceNode(sf, path, corsProp.value, `{ origin: ${allowlist} }`) : undefined;
              report(corsProp.node, message('`cors: true` in NestFactory.create() allows every origin', false), false, edit && fixOf(FIX_TITLE, edit));
            } else if (asObject(corsProp.value, consts)) checkOptions('nest', corsProp.value, call, 0, 'NestFactory.create()');
          }
          return;
        }
        if (!method || !name) return;
        if (HEADER_SETTERS.has(name) && call.arguments.length >= 2 && stringValue(call.arguments[0], consts)?.toLowerCase() === ACAO) {
          checkHeaderValue(call.arguments[1], call, enclosingBody(call), false);
          return;
        }
        if (HEADER_OBJECT_SETTERS.has(name) && call.arguments.length === 1) checkHeaderObject(call.arguments[0]);
        if (name === 'writeHead') for (const a of call.arguments.slice(1)) checkHeaderObject(a);
        const root = accessPath(method.expression)?.[0];
        if ((root === 'Response' || root === 'NextResponse') && /^(json|redirect|rewrite|next)$/.test(name)) {
          const init = asObject(call.arguments[name === 'next' ? 0 : 1], consts);
          checkHeaderObject(init && findProperty(init, 'headers', consts)?.value);
        }
      },
      NewExpression(node) {
        const created = node as ts.NewExpression;
        const p = accessPath(created.expression);
        if (!p || (p[p.length - 1] !== 'Response' && p[p.length - 1] !== 'NextResponse')) return;
        const init = asObject(created.arguments?.[1], consts);
        checkHeaderObject(init && findProperty(init, 'headers', consts)?.value);
      },
      ObjectLiteralExpression(node) {
        if (!isNextConfig) return;
        const obj = node as ts.ObjectLiteralExpression;
        const key = findProperty(obj, 'key');
        const value = findProperty(obj, 'value');
        if (!key?.value || !value?.value || stringValue(key.value, consts)?.toLowerCase() !== ACAO || stringValue(value.value, consts) !== '*') return;
        const list = obj.parent;
        const credentials = ts.isArrayLiteralExpression(list) && list.elements.some((el) => {
          const o = asObject(el);
          return !!o && stringValue(findProperty(o, 'key')?.value)?.toLowerCase() === ACAC && isCredentialsTrue(findProperty(o, 'value')?.value, consts);
        });
        report(value.node, message('next.config sends `Access-Control-Allow-Origin: *`, so every origin is allowed', credentials), credentials);
      },
    };
  },
  /** CORS options written in one module and handed to cors() in another: reported where they are written. */
  checkWorkspace(ctx: WorkspaceRuleContext) {
    const seen = new Set<string>();
    for (const [from, f] of ctx.files) {
      for (const use of getRuleData<Data>(f.facts, ID)?.uses ?? []) {
        const target = ctx.facts.resolveModule(from, use.spec);
        const ex = target ? getRuleData<Data>(ctx.files.get(target)?.facts, ID)?.exports?.find((e) => e.name === use.name) : undefined;
        const j = ex && (use.flavor === 'koa' ? ex.koa : ex.std);
        if (!j || !target) continue;
        const key = `${target}:${j.range.start.line}:${j.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.report({
          file: target, range: j.range, workspace: false, tier: j.credentials ? 'ship-stopping' : 'tech-debt',
          message: `${judgementMessage(j, use.label)} (These options are used by ${use.label} in ${from}.)`,
          fixes: j.edit && [{ title: FIX_TITLE, safe: false, edits: [j.edit], envKeys: { near: target, keys: ['CORS_ORIGINS'] } }],
        });
      }
    }
  },
};

export default rule;
