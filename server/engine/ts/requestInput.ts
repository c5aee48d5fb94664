/**
 * Request input as handlers read it: which parameters of a function are the request (Express/Fastify `req`,
 * Koa `ctx`, Hono `c`, a Fetch `Request`, Nest `@Body()`...), what an expression reads from it (body, query,
 * params, form data), and the keys by which a function is matched to a route's `handler` range in the route map.
 */
import { ts } from 'ts-morph';
import type { FileImports } from './imports';
import { accessPath, calleeName, propName, unwrap } from './helpers';
import { decoratorsFrom } from './decorators';

/**
 * Where input comes from: the body (JSON, form, files), the query string, path params; `args`: a server action's
 * primitive arguments other than ids (`updatePassword(token: string, password: string)`).
 */
export type InputSource = 'body' | 'query' | 'params' | 'form' | 'args';

/** How a parameter carries the request. */
export type RequestParam =
  | { kind: 'req' | 'ctx' | 'hono' }
  /** A Nest parameter decorated with `@Body()`/`@Query()`/`@Param()` (`field` when a single field is picked), with its declared type. */
  | { kind: 'nest'; src: InputSource; field?: string; type?: ts.TypeNode }
  /** A server action's argument (the client sends it). */
  | { kind: 'action'; src: InputSource; type?: ts.TypeNode };

export type FunctionNode = ts.FunctionLikeDeclaration & { body?: ts.ConciseBody };

const REQ_NAMES = /^_?(req|request)$/;
const CTX_NAMES = /^_?(ctx|context)$/;
const REQ_TYPES = /\b(Request|NextRequest|NextApiRequest|FastifyRequest|IncomingMessage|HonoRequest)\b/;
const PRIMITIVE = new Set([ts.SyntaxKind.StringKeyword, ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.BigIntKeyword]);

/** A function with a body (declaration, expression, arrow, method). */
export function isFunctionWithBody(n: ts.Node): n is FunctionNode {
  return (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) && !!n.body;
}

/** 'line:character' of a position, as route-map ranges store it. */
export function posKey(sf: ts.SourceFile, pos: number): string {
  const p = sf.getLineAndCharacterOfPosition(pos);
  return `${p.line}:${p.character}`;
}

/** The keys a route's `handler.range.start` may take for this function: its first token, and its name. */
export function functionKeys(sf: ts.SourceFile, fn: ts.Node): string[] {
  const keys = [posKey(sf, fn.getStart(sf))];
  const name = (fn as ts.FunctionLikeDeclaration).name;
  if (name) keys.push(posKey(sf, name.getStart(sf)));
  return keys;
}

/** functionKeys of every function enclosing a node, innermost first: where a route's handler may start. */
export function enclosingFunctionKeys(sf: ts.SourceFile, n: ts.Node): string[] {
  const keys: string[] = [];
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) if (isFunctionWithBody(p)) keys.push(...functionKeys(sf, p));
  return keys;
}

/** True when a file's top has a `'use server'` directive. */
export function hasUseServer(stmts: readonly ts.Statement[]): boolean {
  return stmts.some((s, i) => i < 3 && ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === 'use server');
}

/** Whether a function is a server action: exported from a `'use server'` file, or with the directive in its own body. */
export function isServerAction(fn: FunctionNode, fileUseServer: boolean): boolean {
  if (fn.body && ts.isBlock(fn.body) && hasUseServer(fn.body.statements)) return true;
  if (!fileUseServer) return false;
  let n: ts.Node = fn;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isCallExpression(n.parent))) n = n.parent;
  const holder = ts.isVariableDeclaration(n.parent) ? n.parent.parent?.parent : n;
  if (!holder || !(ts.isVariableStatement(holder) || ts.isFunctionDeclaration(holder))) return false;
  return !!ts.getModifiers(holder)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) && ts.isSourceFile(holder.parent);
}

/** A server action argument named like an id or a navigation value (a path to come back to, a page, a sort order): its "path parameter". */
function actionParamName(name: string): boolean {
  return /^(id|ids|slug|uuid|key|[a-z]\w*(Id|Ids|_id|Slug|Key))$/.test(name) || /path|url|redirect|returnTo|callback|next|locale|lang|page|cursor|limit|offset|sort|order|search|filter|tab|view|mode/i.test(name);
}

/** The request-carrying parameters of a function, by local name. */
export function requestParams(sf: ts.SourceFile, fn: FunctionNode, imports: FileImports, action = false): Map<string, RequestParam> {
  const out = new Map<string, RequestParam>();
  const hono = imports.modules.some((m) => /^hono(\/|$)|^@hono\//.test(m.module));
  const koa = imports.modules.some((m) => /^(koa|@koa\/router|koa-router)$/.test(m.module));
  fn.parameters.forEach((p, i) => {
    // a server action's object argument destructured in its signature (`createNote({ title, content }: Input)`): each field is an argument
    if (action && ts.isObjectBindingPattern(p.name)) {
      for (const el of p.name.elements) {
        if (!ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
        out.set(el.name.text, { kind: 'action', src: actionParamName(el.name.text) ? 'params' : 'args' });
      }
      return;
    }
    if (!ts.isIdentifier(p.name)) return;
    const name = p.name.text;
    const nest = decoratorsFrom(p, imports, ['@nestjs/common']);
    if (nest.size) {
      for (const [dec, r] of nest) {
        const field = r.args[0] && ts.isStringLiteralLike(r.args[0]) ? r.args[0].text : undefined;
        if (dec === 'Body') out.set(name, { kind: 'nest', src: 'body', field, type: p.type });
        else if (dec === 'Query') out.set(name, { kind: 'nest', src: 'query', field, type: p.type });
        else if (dec === 'Param') out.set(name, { kind: 'nest', src: 'params', field, type: p.type });
        else if (dec === 'Req' || dec === 'Request') out.set(name, { kind: 'req' });
      }
      return;
    }
    if (action) {
      const t = p.type;
      // a server action's arguments come from the client as sent (TypeScript types are not checked at run time): an id-like
      // primitive is the action's "path parameter"; other primitives are values it may store (`args`)
      // (and so is a navigation value: a path to come back to, a page, a sort order)
      const idLike = actionParamName(name);
      const src: InputSource = t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === 'FormData' ? 'form' : t && PRIMITIVE.has(t.kind) ? (idLike ? 'params' : 'args') : 'body';
      out.set(name, { kind: 'action', src, type: t });
      return;
    }
    if (i > 1) return;
    const typeText = p.type ? p.type.getText(sf) : '';
    if (REQ_NAMES.test(name) || (typeText && REQ_TYPES.test(typeText) && !/Response|Reply/.test(typeText))) out.set(name, { kind: 'req' });
    else if (CTX_NAMES.test(name) && i === 0 && !hono) out.set(name, { kind: 'ctx' });
    else if (i === 0 && ((name === 'c' && hono) || (hono && /\bContext\b/.test(typeText)))) out.set(name, { kind: 'hono' });
    else if (i === 0 && koa && /Context/.test(typeText)) out.set(name, { kind: 'ctx' });
  });
  return out;
}

/** What a destructured request parameter (`({ body, query }, res) => ...`) reads. */
export function destructuredSources(fn: FunctionNode): InputSource[] {
  const out: InputSource[] = [];
  const p = fn.parameters[0];
  if (!p || !ts.isObjectBindingPattern(p.name)) return out;
  for (const el of p.name.elements) {
    const key = el.propertyName ? propName(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
    const src = key ? FIELD_SOURCE[key] : undefined;
    if (src) out.push(src);
  }
  return out;
}

const FIELD_SOURCE: Record<string, InputSource> = { body: 'body', query: 'query', params: 'params', files: 'body', file: 'body', rawBody: 'body' };
/**
 * Names one of which a file must contain for a function of it to have a request parameter (requestParams: REQ_NAMES,
 * CTX_NAMES, REQ_TYPES, Hono's `c` / Context, Nest's decorators) or destructure input (FIELD_SOURCE).
 */
const REQUEST_HINTS = ['req', 'request', '_req', '_request', 'ctx', 'context', '_ctx', '_context', 'c', 'Context',
  'Request', 'NextRequest', 'NextApiRequest', 'FastifyRequest', 'IncomingMessage', 'HonoRequest', 'Body', 'Query', 'Param', 'Req',
  ...Object.keys(FIELD_SOURCE)];

/**
 * A cheap test before RequestScope's walk: false when no function of the file can take request input, because none
 * of the names that requires occurs and no server action can be declared (the text has no `use server` directive:
 * a sound over-approximation, true for any file that has one, since a directive is a string the name table omits).
 */
export function mayTakeRequests(sf: ts.SourceFile, hasName: (n: string) => boolean): boolean {
  return REQUEST_HINTS.some(hasName) || sf.text.includes('use server');
}

const BODY_METHODS: Record<string, InputSource> = { json: 'body', text: 'body', formData: 'form', arrayBuffer: 'body', blob: 'body', parseBody: 'form' };

/** A read of request input, and whether the expression is the whole body/query (not one field of it). */
export interface InputRead { src: InputSource; whole: boolean; text: string }

/**
 * What request input an expression reads, given the function's request parameters: `req.body` (whole body),
 * `ctx.request.body`, `await req.json()`, `await c.req.json()`, `c.req.query('q')`, `request.nextUrl.searchParams`,
 * `new URL(req.url).searchParams`, a Nest `@Body()` parameter, a server action's argument. Undefined otherwise.
 */
export function inputRead(e: ts.Expression, params: (name: string) => RequestParam | undefined): InputRead | undefined {
  const u = unwrap(e);
  if (ts.isIdentifier(u)) {
    const p = params(u.text);
    if (p && (p.kind === 'nest' || p.kind === 'action')) return { src: p.src, whole: p.kind === 'action' || !p.field, text: u.text };
    return undefined;
  }
  if (ts.isCallExpression(u)) {
    const callee = unwrap(u.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const m = callee.name.text;
    if (!BODY_METHODS[m] && m !== 'query' && m !== 'queries' && m !== 'param') return undefined;
    const recv = accessPath(callee.expression);
    if (!recv) return undefined;
    const root = params(recv[0]);
    if (!root) return undefined;
    if (recv.length === 1 && root.kind === 'req' && BODY_METHODS[m] && u.arguments.length === 0) return { src: BODY_METHODS[m], whole: true, text: u.getText() };
    if (recv.length === 2 && recv[1] === 'req' && (root.kind === 'hono' || root.kind === 'ctx')) {
      if (BODY_METHODS[m]) return { src: BODY_METHODS[m], whole: u.arguments.length === 0, text: u.getText() };
      if (m === 'query' || m === 'queries') return { src: 'query', whole: u.arguments.length === 0, text: u.getText() };
      if (m === 'param') return { src: 'params', whole: u.arguments.length === 0, text: u.getText() };
    }
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(u) && !ts.isElementAccessExpression(u)) return undefined;
  let head: ts.Expression = u;
  while (ts.isPropertyAccessExpression(head) || ts.isElementAccessExpression(head) || ts.isParenthesizedExpression(head) || ts.isNonNullExpression(head) || ts.isAsExpression(head)) head = head.expression;
  if (ts.isNewExpression(head) && calleeName(head) === 'URL') return searchParamsOfUrl(u, params);
  if (!ts.isIdentifier(head) || !params(head.text)) return undefined;
  const path = accessPath(u);
  if (path) {
    const root = params(path[0]);
    if (!root || root.kind === 'nest' || root.kind === 'action') return undefined;
    const rest = path.slice(1);
    const text = path.join('.');
    if (root.kind === 'req') {
      if (rest.length === 1 && FIELD_SOURCE[rest[0]]) return { src: FIELD_SOURCE[rest[0]], whole: true, text };
      if (rest.length === 2 && rest[0] === 'nextUrl' && rest[1] === 'searchParams') return { src: 'query', whole: true, text };
    }
    if (root.kind === 'ctx') {
      if (rest.length === 2 && rest[0] === 'request' && FIELD_SOURCE[rest[1]]) return { src: FIELD_SOURCE[rest[1]], whole: true, text };
      if (rest.length === 1 && (rest[0] === 'query' || rest[0] === 'params')) return { src: rest[0], whole: true, text };
    }
    return undefined;
  }
  return undefined;
}

/** `new URL(req.url).searchParams` */
function searchParamsOfUrl(u: ts.Expression, params: (name: string) => RequestParam | undefined): InputRead | undefined {
  if (!ts.isPropertyAccessExpression(u) || u.name.text !== 'searchParams') return undefined;
  const obj = unwrap(u.expression);
  if (!ts.isNewExpression(obj) || !obj.arguments?.[0]) return undefined;
  const p = accessPath(obj.arguments[0]);
  const root = p && params(p[0]);
  return root && root.kind === 'req' && p!.length === 2 && p![1] === 'url' ? { src: 'query', whole: true, text: u.getText() } : undefined;
}

/** Request parameters visible at a node: those of every enclosing function (inner ones shadow outer ones). */
export class RequestScope {
  private static readonly perFile = new WeakMap<ts.SourceFile, RequestScope>();
  private readonly cache = new Map<ts.Node, Map<string, RequestParam>>();
  private names?: Set<string>;
  constructor(private readonly sf: ts.SourceFile, private readonly imports: FileImports, private readonly fileUseServer: boolean) {}

  /** The scope of a file, shared by the rules that walk it. */
  static of(sf: ts.SourceFile, imports: FileImports): RequestScope {
    let s = RequestScope.perFile.get(sf);
    if (!s) { s = new RequestScope(sf, imports, hasUseServer(sf.statements)); RequestScope.perFile.set(sf, s); }
    return s;
  }

  /** Whether any function of the file has a request parameter called `name` (one pass over the file, on first use). */
  mayBeRequest(name: string): boolean {
    return this.requestNames().has(name);
  }

  /**
   * Whether the file can read request input at all: some function has a request parameter, or destructures input
   * from its first parameter (`({ body }) => ...`). When not, rules about input have nothing to look at in the file.
   */
  mayReadInput(): boolean {
    return this.requestNames().size > 0 || this.destructures!;
  }

  private destructures?: boolean;
  private requestNames(): Set<string> {
    if (!this.names) {
      const names = new Set<string>();
      let destructures = false;
      const visit = (n: ts.Node): void => {
        if (isFunctionWithBody(n) && n.parameters.length) {
          for (const k of this.paramsOf(n).keys()) names.add(k);
          if (!destructures && destructuredSources(n).length) destructures = true;
        }
        ts.forEachChild(n, visit);
      };
      visit(this.sf);
      this.names = names;
      this.destructures = destructures;
    }
    return this.names;
  }

  paramsOf(fn: FunctionNode): Map<string, RequestParam> {
    let m = this.cache.get(fn);
    if (!m) { m = requestParams(this.sf, fn, this.imports, isServerAction(fn, this.fileUseServer)); this.cache.set(fn, m); }
    return m;
  }

  /** The parameter `name` resolves to at `node`, with the function declaring it. */
  lookup(node: ts.Node, name: string): { param: RequestParam; fn: FunctionNode } | undefined {
    if (!this.mayBeRequest(name)) return undefined;
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (!isFunctionWithBody(n)) continue;
      if (n.parameters.some((p) => ts.isIdentifier(p.name) ? p.name.text === name : ts.isObjectBindingPattern(p.name) && p.name.elements.some((el) => ts.isIdentifier(el.name) && el.name.text === name))) {
        const param = this.paramsOf(n).get(name);
        return param ? { param, fn: n } : undefined;
      }
    }
    return undefined;
  }

  /** `inputRead` with parameters resolved at the expression. */
  read(e: ts.Expression): (InputRead & { fn: FunctionNode }) | undefined {
    let head: ts.Expression = e;
    while (ts.isPropertyAccessExpression(head) || ts.isElementAccessExpression(head) || ts.isCallExpression(head) || ts.isParenthesizedExpression(head) || ts.isNonNullExpression(head) || ts.isAsExpression(head) || ts.isAwaitExpression(head)) head = head.expression;
    if (ts.isIdentifier(head) ? !this.mayBeRequest(head.text) : !ts.isNewExpression(head)) return undefined;
    let fn: FunctionNode | undefined;
    const r = inputRead(e, (name) => { const hit = this.lookup(e, name); fn = hit?.fn; return hit?.param; });
    return r && fn ? { ...r, fn } : undefined;
  }
}

const BAD_STATUS = new Set([400, 422]);
const STATUS_CALLS = /^(status|sendStatus|code|throw|assert|createError|httpError|error|abort|fail|json|send|redirect)$/;

function statusNumber(e: ts.Expression | undefined): number | undefined {
  if (!e) return undefined;
  const u = unwrap(e);
  if (ts.isNumericLiteral(u)) return Number(u.text);
  const p = accessPath(u);
  if (p && p.length === 2 && /^(HttpStatus|StatusCodes|HTTP_STATUS|httpStatus|Status|HttpStatusCode)$/.test(p[0])) {
    if (p[1] === 'BAD_REQUEST' || p[1] === 'BadRequest') return 400;
    if (p[1] === 'UNPROCESSABLE_ENTITY' || p[1] === 'UnprocessableEntity') return 422;
  }
  return undefined;
}

/** A 400/422 response or error: `res.status(400)`, `ctx.throw(422)`, `new BadRequestException()`, `{ status: 400 }`, `c.json(x, 400)`. */
export function isBadRequestResponse(n: ts.Node): boolean {
  if (ts.isCallExpression(n)) {
    const name = calleeName(n);
    if (!name) return false;
    if (/^(badRequest|unprocessableEntity|BadRequest|UnprocessableEntity)$/.test(name)) return true;
    return STATUS_CALLS.test(name) && n.arguments.slice(0, 2).some((a) => BAD_STATUS.has(statusNumber(a) ?? 0));
  }
  if (ts.isNewExpression(n)) {
    const name = calleeName(n);
    if (!name) return false;
    if (/^(BadRequest|UnprocessableEntity|Validation|Invalid(Input|Request|Params|Body))\w*(Exception|Error)$/.test(name)) return true;
    return /^(HTTPException|HttpException|HttpError|HTTPError|ApiError|AppError)$/.test(name) && (n.arguments ?? []).some((a) => BAD_STATUS.has(statusNumber(a) ?? 0));
  }
  if (ts.isPropertyAssignment(n)) return /^(status|statusCode)$/.test(propName(n.name) ?? '') && BAD_STATUS.has(statusNumber(n.initializer) ?? 0);
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) {
    return /^(status|statusCode)$/.test(n.left.name.text) && BAD_STATUS.has(statusNumber(n.right) ?? 0);
  }
  return false;
}
