import { ts } from 'ts-morph';
import type { Fix, TextEdit, TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, calleeName, findProperty, asObject, isTestPath, readsEnvironment, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange, offsetRange, quoteOf } from '../../server/engine/ts/edits';
import { decoratorsFrom } from '../../server/engine/ts/decorators';
import { findDeclaration } from '../../server/engine/ts/values';
import { constInitializer } from '../../server/engine/ts/declarations';
import { turnsAway } from '../../server/engine/facts/routeBodies';

type Leak = 'stack' | 'raw' | 'sql' | 'message';
/** Where an error variable comes from: a catch clause or promise .catch (anywhere), or an error handler (Express 4-argument middleware, setErrorHandler, onError, a Nest exception filter, a Koa try/catch around next()). */
type Origin = 'catch' | 'handler';
type SinkKind = 'json' | 'text';

const RESPONSES = new Set(['res', 'response', 'resp', 'reply', 'rep']);
/** What a call to the app's own response helper may not be handed (see onCall). */
const HELPER_LEAKS: ReadonlySet<Leak> = new Set<Leak>(['stack', 'sql']);
const BODY_METHODS: Record<string, SinkKind> = { json: 'json', jsonp: 'json', send: 'json', end: 'text', write: 'text' };
const HONO_METHODS: Record<string, SinkKind> = { json: 'json', text: 'text', html: 'text' };
const SQL_PROPS = new Set(['sql', 'sqlMessage', 'parent', 'original']);
const ENV_NAME = /^(is_?)?(dev|development|prod|production|debug|test|local|expose|verbose)|(Dev|Development|Prod|Production|Debug|Verbose)$|^(NODE_ENV|env|DEBUG)$/;
const GENERIC = 'Something went wrong';
/** The first parameter of a 4-parameter function named like an error (`(err, req, res, next)`), not `router.param`'s `(req, res, next, id)`. */
const ERROR_PARAM = /^_?(err|error|e|er|ex|exc|exception|reason)\d*$/i;

const MESSAGES: Record<Leak, (name: string) => string> = {
  stack: (n) => `The stack trace of \`${n}\` is sent to the client: it reveals file paths, library versions and the code's structure to anyone who can trigger an error. Log it server-side and answer with a generic message.`,
  raw: (n) => `The error object \`${n}\` is sent to the client as is: its own properties are serialised into the response (for database errors the SQL, table and constraint names; for HTTP-client errors the request config, credentials included). Log it server-side and answer with a generic message.`,
  sql: (n) => `Database driver details of \`${n}\` (the SQL text or the driver's original error) are sent to the client: they reveal the schema and the queries to anyone who can trigger an error. Log them server-side and answer with a generic message.`,
  message: (n) => `\`${n}.message\` is sent in a 500 response of the error handler: for unexpected errors it is the database's or a library's message (table and constraint names, hosts, file paths). Answer 5xx errors with a generic message and log the error.`,
};

/** `err.message` sent with a status that falls back to 500 (`err.status || 500`). */
const FALLBACK_MESSAGE = (n: string, status: string) => `\`${n}.message\` is sent by the error handler with status \`${status}\`: errors that carry no status (the database's, a library's) go out as 500 with their own message (table and constraint names, hosts, file paths). Send the message only for errors made for the client (status below 500) and a generic one otherwise; log the error.`;

/** The app's own aliases of Hono's handler and context types, imported from a module of the workspace. */
const HONO_ALIASES = ['AppRouteHandler', 'AppContext', 'HonoContext', 'AppOpenAPI', 'AppBindings', 'HonoEnv'];

const rule: TsRule = {
  meta: {
    id: 'errors/leaks-internals',
    category: 'errors',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'Error internals sent to clients',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.error-tracking',
    docs: {
      why: 'Stack traces, raw error objects and database errors in responses hand attackers a map of the system: file paths, library versions, table and column names, the SQL that failed, sometimes credentials from an HTTP client\'s config. They also confuse users, and they are often the first thing a security review flags.',
      bad: { files: { 'src/errors.ts': "import type { ErrorRequestHandler } from 'express';\n\nexport const errorHandler: ErrorRequestHandler = (err, req, res, next) => {\n  res.status(500).json({ message: err.message, stack: err.stack });\n};\n" } },
      good: { files: { 'src/errors.ts': "import type { ErrorRequestHandler } from 'express';\nimport { logger } from './logger';\n\nexport const errorHandler: ErrorRequestHandler = (err, req, res, next) => {\n  logger.error({ err }, 'request failed');\n  res.status(500).json({\n    error: 'Internal Server Error',\n    stack: process.env.NODE_ENV === 'production' ? undefined : err.stack,\n  });\n};\n" } },
      fix: 'Log the error server-side (or report it to the tracker) and answer with a generic message; keep details for development behind an environment check (`process.env.NODE_ENV !== \'production\'`). The quick fix removes the stack property or replaces the value with a generic message.',
      checks: 'Reported: `err.stack`, a caught error object or its spread, and driver details (`err.sql`, `err.parent`...) in a response body (Express/Fastify `res.json` / `send`, Koa `ctx.body`, Hono `c.json`, `NextResponse.json`, `new Response`, the message and details of a Firebase callable\'s `new HttpsError(...)`); `err.message` only in a 500 response of an error handler (4-argument middleware, setErrorHandler, onError, a Nest exception filter, a Koa try/catch around `next()`). A caught error passed to Fastify\'s `reply.send(err)` goes through its error handler and is not reported here. A stack or driver details handed to the app\'s own response helper together with the response object (`Response(res, 500, msg, { error: err.stack })`) count too; the error itself handed to a helper (`sendError(res, err)`) is left to that helper.',
    },
  },
  scope: 'ts',
  // Every sink is a call or assignment on one of these names (Hono's `c` only with a hono import, or a handler typed with
  // the app's own alias of Hono's handler or context type: `AppRouteHandler<R>` of the hono-open-api-starter layout).
  triggers: { names: ['res', 'response', 'resp', 'reply', 'rep', 'ctx', 'context', 'Response', 'NextResponse', ...HONO_ALIASES], modules: ['hono', '@hono'] },
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    if (isTestPath(file.path)) return {};
    const path = file.path;
    const q = quoteOf(sf);
    const generic = `${q}${GENERIC}${q}`;
    const usesHono = imports.modules.some((m) => m.module === 'hono' || m.module.startsWith('hono/') || m.module.startsWith('@hono/')) || HONO_ALIASES.some((n) => ctx.hasName(n));
    const reported = new Set<ts.Node>();

    const handlerFunction = (fn: ts.SignatureDeclaration): boolean => {
      if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn))) return false;
      if (ts.isMethodDeclaration(fn)) {
        return !!fn.name && ts.isIdentifier(fn.name) && fn.name.text === 'catch' && ts.isClassLike(fn.parent) && decoratorsFrom(fn.parent, imports, ['@nestjs/common']).has('Catch');
      }
      const first = fn.parameters[0]?.name;
      if (fn.parameters.length === 4) return !!first && ts.isIdentifier(first) && ERROR_PARAM.test(first.text);
      const call = fn.parent;
      return ts.isCallExpression(call) && call.arguments[0] === fn && /^(setErrorHandler|onError)$/.test(calleeName(call) ?? '');
    };

    /** Whether a catch clause catches around `next()` of its Koa middleware. */
    const catchesNext = (clause: ts.CatchClause): boolean => {
      let fn: ts.Node | undefined = clause.parent;
      while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
      const next = fn && ts.isFunctionLike(fn) ? fn.parameters[1] : undefined;
      if (!next || !ts.isIdentifier(next.name)) return false;
      const name = next.name.text;
      const calls = (n: ts.Node): boolean => (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) || !!ts.forEachChild(n, calls);
      return calls((clause.parent as ts.TryStatement).tryBlock);
    };

    const originOf = (id: ts.Identifier, depth = 0): Origin | undefined => {
      const d = findDeclaration(id);
      if (!d) return undefined;
      if (ts.isVariableDeclaration(d) && ts.isCatchClause(d.parent)) return catchesNext(d.parent) ? 'handler' : 'catch';
      if (ts.isParameter(d) && ts.isIdentifier(d.name)) {
        const fn = d.parent;
        if (fn.parameters[0] !== d) return undefined;
        if (handlerFunction(fn)) return 'handler';
        const call = fn.parent;
        if (ts.isCallExpression(call) && call.arguments.includes(fn as ts.Expression) && calleeName(call) === 'catch') return 'catch';
        return undefined;
      }
      if (ts.isVariableDeclaration(d) && d.initializer && depth < 3) {
        const init = unwrap(d.initializer);
        if (ts.isIdentifier(init)) return originOf(init, depth + 1);
      }
      return undefined;
    };

    const errorVar = (e: ts.Expression): { id: ts.Identifier; origin: Origin } | undefined => {
      const u = unwrap(e);
      if (!ts.isIdentifier(u)) return undefined;
      const origin = originOf(u);
      return origin ? { id: u, origin } : undefined;
    };

    /** The leaks inside a response body expression (objects, arrays, templates, JSON.stringify/String...). */
    const leaksIn = (e: ts.Expression, out: Array<{ node: ts.Expression; leak: Leak; name: string; origin: Origin }>, stringified = false, depth = 0): void => {
      if (depth > 8) return;
      const u = unwrap(e);
      const ev = errorVar(u);
      if (ev) { out.push({ node: u, leak: stringified ? 'message' : 'raw', name: ev.id.text, origin: ev.origin }); return; }
      if (ts.isIdentifier(u)) {
        const d = findDeclaration(u);
        if (d && ts.isVariableDeclaration(d) && d.initializer && ts.isVariableDeclarationList(d.parent) && d.parent.flags & ts.NodeFlags.Const) leaksIn(d.initializer, out, stringified, depth + 2);
        return;
      }
      if (ts.isPropertyAccessExpression(u)) {
        const base = errorVar(u.expression);
        if (base) {
          const prop = u.name.text;
          const leak: Leak | undefined = prop === 'stack' ? 'stack' : SQL_PROPS.has(prop) ? 'sql' : prop === 'message' ? 'message' : undefined;
          if (leak) out.push({ node: u, leak, name: base.id.text, origin: base.origin });
        }
        return;
      }
      if (ts.isObjectLiteralExpression(u)) {
        for (const p of u.properties) {
          if (ts.isPropertyAssignment(p)) leaksIn(p.initializer, out, false, depth + 1);
          else if (ts.isShorthandPropertyAssignment(p)) leaksIn(p.name, out, false, depth + 1);
          else if (ts.isSpreadAssignment(p)) leaksIn(p.expression, out, false, depth + 1);
        }
        return;
      }
      if (ts.isArrayLiteralExpression(u)) { for (const x of u.elements) leaksIn(x, out, stringified, depth + 1); return; }
      if (ts.isTemplateExpression(u)) { for (const s of u.templateSpans) leaksIn(s.expression, out, true, depth + 1); return; }
      if (ts.isConditionalExpression(u)) { leaksIn(u.whenTrue, out, stringified, depth + 1); leaksIn(u.whenFalse, out, stringified, depth + 1); return; }
      if (ts.isBinaryExpression(u) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(u.operatorToken.kind)) {
        const str = u.operatorToken.kind === ts.SyntaxKind.PlusToken || stringified;
        if (u.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) leaksIn(u.left, out, str, depth + 1);
        leaksIn(u.right, out, str, depth + 1);
        return;
      }
      if (ts.isCallExpression(u)) {
        const p = accessPath(u.expression);
        const name = p?.join('.');
        if (name === 'JSON.stringify' && u.arguments[0]) leaksIn(u.arguments[0], out, false, depth + 1);
        else if (name === 'String' && u.arguments[0]) leaksIn(u.arguments[0], out, true, depth + 1);
        else if ((name === 'util.inspect' || name === 'inspect') && u.arguments[0] && errorVar(u.arguments[0])) {
          const ev2 = errorVar(u.arguments[0])!;
          out.push({ node: u, leak: 'stack', name: ev2.id.text, origin: ev2.origin });
        } else if (ts.isPropertyAccessExpression(u.expression) && u.expression.name.text === 'toString' && errorVar(u.expression.expression)) {
          const ev2 = errorVar(u.expression.expression)!;
          out.push({ node: u, leak: 'message', name: ev2.id.text, origin: ev2.origin });
        }
      }
    };

    const envGuarded = (cond: ts.Expression): boolean => {
      if (readsEnvironment(cond)) return true;
      let hit = false;
      const visit = (n: ts.Node): void => {
        if (hit) return;
        if (ts.isIdentifier(n) && ENV_NAME.test(n.text)) { hit = true; return; }
        ts.forEachChild(n, visit);
      };
      visit(cond);
      return hit;
    };

    /** `err instanceof ZodError`, `err.name === 'ValidationError'`: the branch knows which error it sends. */
    const narrows = (cond: ts.Expression, name: string): boolean => {
      let hit = false;
      const visit = (n: ts.Node): void => {
        if (hit) return;
        if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword || n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)) {
          const p = accessPath(n.left);
          if (p && p[0] === name) { hit = true; return; }
        }
        // a type guard: `isResponseSerializationError(err)`, `axios.isAxiosError(err)`, `isHttpError(err)`
        if (ts.isCallExpression(n) && /^is[A-Z]\w*(Error|Exception)$/.test(calleeName(n) ?? '') && n.arguments.some((a) => accessPath(a)?.[0] === name)) { hit = true; return; }
        ts.forEachChild(n, visit);
      };
      visit(cond);
      return hit;
    };
    /** `status < 500 ? err.message : 'Internal error'`, `err.expose ? ...`: the branch sends the message only for errors meant for the client. */
    const statusGuarded = (cond: ts.Expression): boolean => {
      let hit = false;
      const visit = (n: ts.Node): void => {
        if (hit) return;
        if (ts.isBinaryExpression(n) && [ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken].includes(n.operatorToken.kind) &&
          [n.left, n.right].some((x) => ts.isNumericLiteral(x) && Number(x.text) >= 400 && Number(x.text) <= 599)) { hit = true; return; }
        if (ts.isIdentifier(n) && /^(expose|isOperational|isHttpError|isClientError)$/.test(n.text)) { hit = true; return; }
        ts.forEachChild(n, visit);
      };
      visit(cond);
      return hit;
    };
    /** True when the node is only reached under an environment check, or (for a raw error or its message) under a check of which error it is. */
    const gated = (node: ts.Node, name?: string): boolean => {
      const guarded = (c: ts.Expression) => envGuarded(c) || (!!name && (narrows(c, name) || statusGuarded(c)));
      for (let n: ts.Node = node; n.parent && !ts.isFunctionLike(n); n = n.parent) {
        const p = n.parent;
        // `if (status >= 500) return res.status(500).json(generic);` earlier in the block: reached only for client errors
        if (name && ts.isBlock(p)) {
          for (const st of p.statements) {
            if (st === n) break;
            if (ts.isIfStatement(st) && !st.elseStatement && statusGuarded(st.expression) && turnsAway(st.thenStatement)) return true;
          }
        }
        if (ts.isConditionalExpression(p) && n !== p.condition && guarded(p.condition)) return true;
        if (ts.isIfStatement(p) && n !== p.expression && guarded(p.expression)) return true;
        if (ts.isBinaryExpression(p) && n === p.right && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken) && guarded(p.left)) return true;
      }
      return false;
    };

    /** A 5xx status: `500`, `INTERNAL_SERVER_ERROR`, and the usual fallback `err.status || 500` (unexpected errors get 500), also through a local const. */
    const is5xx = (e: ts.Expression | undefined, depth = 0): boolean => {
      const u = e && unwrap(e);
      if (!u) return false;
      if (ts.isNumericLiteral(u)) return Number(u.text) >= 500;
      if (ts.isBinaryExpression(u) && (u.operatorToken.kind === ts.SyntaxKind.BarBarToken || u.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return is5xx(u.right, depth);
      if (ts.isIdentifier(u)) return depth < 2 && is5xx(constInitializer(u), depth + 1);
      const p = accessPath(u);
      return !!p && p[p.length - 1] === 'INTERNAL_SERVER_ERROR';
    };
    /** What a 5xx check answers: false, true (a fixed 5xx), or the status expression when 5xx is its fallback (`err.status || 500`). */
    type Status5xx = boolean | ts.Expression;
    const isFallback = (e: ts.Expression | undefined, depth = 0): boolean => {
      const u = e && unwrap(e);
      if (!u) return false;
      if (ts.isBinaryExpression(u)) return u.operatorToken.kind === ts.SyntaxKind.BarBarToken || u.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken;
      return ts.isIdentifier(u) && depth < 2 && isFallback(constInitializer(u), depth + 1);
    };
    const status5xxOf = (e: ts.Expression | undefined): Status5xx => (!is5xx(e) ? false : isFallback(e) ? e! : true);
    /** The status as the reader wrote it: a local const shown by its value (`status` -> `err.statusCode ?? 500`). */
    const shownStatus = (e: ts.Expression): string => {
      const u = unwrap(e);
      return ((ts.isIdentifier(u) ? constInitializer(u) : undefined) ?? u).getText(sf);
    };
    /** Status 5xx set in a chain (`res.status(500).json`); optionStatus5xx: a status option; statementStatus5xx: a `ctx.status = 500` before the statement. */
    const chainStatus5xx = (recv: ts.Expression): Status5xx => {
      for (let e = unwrap(recv); ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression); e = unwrap(e.expression.expression)) {
        if (/^(status|code)$/.test(e.expression.name.text)) { const st = status5xxOf(e.arguments[0]); if (st) return st; }
      }
      return false;
    };
    const optionStatus5xx = (opts: ts.Expression | undefined): Status5xx => {
      const obj = asObject(opts);
      return !!obj && status5xxOf(findProperty(obj, 'status')?.value);
    };
    const statementStatus5xx = (node: ts.Node, root: string): Status5xx => {
      let st: ts.Node = node;
      while (st.parent && !ts.isBlock(st.parent) && !ts.isSourceFile(st.parent)) st = st.parent;
      const block = st.parent as ts.Block | undefined;
      if (!block || !ts.isBlock(block)) return false;
      for (const s of block.statements) {
        if (s === st) break;
        if (ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const p = accessPath(s.expression.left);
          if (p && p[0] === root && p[p.length - 1] === 'status' && is5xx(s.expression.right)) return status5xxOf(s.expression.right);
        }
      }
      return false;
    };

    const fixFor = (node: ts.Expression, leak: Leak, sink: ts.Expression, kind: SinkKind): Fix[] | undefined => {
      let slot: ts.Node = node;
      while (slot !== sink) {
        const p: ts.Node = slot.parent;
        if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isSpreadAssignment(p) || ts.isArrayLiteralExpression(p)) break;
        const inExpression = ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p) || ts.isTemplateSpan(p) || ts.isTemplateExpression(p) ||
          ts.isBinaryExpression(p) || ts.isConditionalExpression(p) || (ts.isCallExpression(p) && p.arguments.includes(slot as ts.Expression));
        if (!inExpression) return undefined;
        slot = p;
      }
      const parent = slot.parent;
      const edits: TextEdit[] = [];
      const title = leak === 'stack' || leak === 'sql' ? 'Do not send error internals: remove them from the response' : 'Send a generic error message instead';
      const member = ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isSpreadAssignment(parent) ? parent : undefined;
      if (member && ts.isObjectLiteralExpression(member.parent)) {
        const props = member.parent.properties;
        const i = props.indexOf(member);
        if ((leak !== 'raw' || ts.isSpreadAssignment(member)) && leak !== 'message' && props.length > 1) {
          const range = i < props.length - 1 ? offsetRange(sf, member.getStart(sf), props[i + 1].getStart(sf)) : offsetRange(sf, props[i - 1].end, member.end);
          edits.push({ file: path, range, newText: '' });
        } else if (ts.isPropertyAssignment(member)) {
          edits.push({ file: path, range: nodeRange(sf, member.initializer), newText: generic });
        } else {
          const key = ts.isShorthandPropertyAssignment(member) ? member.name.text : 'error';
          edits.push({ file: path, range: nodeRange(sf, member), newText: `${key}: ${generic}` });
        }
      } else if (ts.isArrayLiteralExpression(parent)) {
        edits.push({ file: path, range: nodeRange(sf, slot), newText: generic });
      } else if (slot === sink || parent === sink.parent) {
        edits.push({ file: path, range: nodeRange(sf, slot), newText: kind === 'json' && (leak === 'raw' || ts.isObjectLiteralExpression(unwrap(slot as ts.Expression))) ? `{ error: ${generic} }` : generic });
      } else return undefined;
      return [{ title, safe: true, edits }];
    };

    const check = (sink: ts.Node, body: ts.Expression | undefined, kind: SinkKind, status5xx: () => Status5xx, skipRaw = false, only?: ReadonlySet<Leak>) => {
      if (!body) return;
      const found: Array<{ node: ts.Expression; leak: Leak; name: string; origin: Origin }> = [];
      leaksIn(body, found);
      for (const f of found) {
        if (reported.has(f.node) || (only && !only.has(f.leak))) continue;
        if (f.leak === 'raw' && skipRaw && unwrap(body) === f.node) continue;
        const status = f.leak === 'message' ? status5xx() : true;
        if (f.leak === 'message' && (f.origin !== 'handler' || !status)) continue;
        const narrowable = f.leak === 'raw' || f.leak === 'message' ? f.name : undefined;
        if (gated(f.node, narrowable) || gated(sink, narrowable)) continue;
        reported.add(f.node);
        let fixes = fixFor(f.node, f.leak, body, kind);
        // `err.status || 500`: errors made for the client keep their message, the others get the generic one
        if (fixes && typeof status !== 'boolean') {
          const st = unwrap(status);
          const cond = `${ts.isIdentifier(st) || ts.isPropertyAccessExpression(st) ? st.getText(sf) : `(${st.getText(sf)})`} < 500`;
          const msg = f.node.getText(sf);
          fixes = fixes.map((fx) => ({ ...fx, edits: fx.edits.map((e) => {
            const m = /^(\w+: )?((['"`]).*\3)$/s.exec(e.newText);
            return m ? { ...e, newText: `${m[1] ?? ''}${cond} ? ${msg} : ${m[2]}` } : e;
          }) }));
        }
        ctx.report({ message: typeof status === 'boolean' ? MESSAGES[f.leak](f.name) : FALLBACK_MESSAGE(f.name, shownStatus(status)), range: nodeRange(sf, f.node), fixes });
      }
    };

    const rootOf = (e: ts.Expression): string | undefined => {
      let x = unwrap(e);
      while (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) x = unwrap(x.expression.expression);
      return ts.isIdentifier(x) ? x.text : undefined;
    };

    const onCall = (n: ts.Node) => {
      const call = n as ts.CallExpression;
      const callee = call.expression;
      if (ts.isIdentifier(callee)) {
        // the app's own response helper handed the response object: `Response(res, 500, false, msg, { error: err.stack })`.
        // Only internals count here (a stack, SQL details): handing it the error itself is what error helpers are for.
        const resArg = call.arguments.find((a) => { const u = unwrap(a); return ts.isIdentifier(u) && RESPONSES.has(u.text); });
        if (resArg) for (const a of call.arguments) if (a !== resArg) check(call, a, 'json', () => false, false, HELPER_LEAKS);
        return;
      }
      if (!ts.isPropertyAccessExpression(callee)) return;
      const method = callee.name.text;
      const recv = callee.expression;
      const p = accessPath(recv);
      if (p && p.length === 1 && (p[0] === 'NextResponse' || (p[0] === 'Response' && !imports.bindings.has('Response'))) && method === 'json') {
        check(call, call.arguments[0], 'json', () => optionStatus5xx(call.arguments[1]));
        return;
      }
      const root = rootOf(recv);
      if (!root) return;
      if (RESPONSES.has(root) && BODY_METHODS[method]) {
        const fastify = (root === 'reply' || root === 'rep') && method === 'send';
        check(call, call.arguments[0], BODY_METHODS[method], () => chainStatus5xx(recv) || statementStatus5xx(call, root), fastify);
      } else if (usesHono && /^(c|ctx|context)$/.test(root) && HONO_METHODS[method] && ts.isIdentifier(unwrap(recv))) {
        check(call, call.arguments[0], HONO_METHODS[method], () => is5xx(call.arguments[1]));
      }
    };

    const usesFirebaseFunctions = imports.modules.some((m) => /^firebase-functions(\/|$)/.test(m.module));
    const onNew = (n: ts.Node) => {
      const e = n as ts.NewExpression;
      const p = accessPath(e.expression);
      if (p?.length === 1 && (p[0] === 'Response' || p[0] === 'NextResponse')) check(e, e.arguments?.[0], 'text', () => optionStatus5xx(e.arguments?.[1]));
      // a callable's `new HttpsError(code, message, details)`: message and details both reach the client
      else if (usesFirebaseFunctions && p?.[p.length - 1] === 'HttpsError' && e.arguments && e.arguments.length >= 2) {
        const internal = () => ['internal', 'unknown'].includes(ts.isStringLiteralLike(unwrap(e.arguments![0])) ? (unwrap(e.arguments![0]) as ts.StringLiteral).text : '');
        check(e, e.arguments[1], 'text', internal);
        if (e.arguments[2]) check(e, e.arguments[2], 'json', internal);
      }
    };

    const onAssign = (n: ts.Node) => {
      const b = n as ts.BinaryExpression;
      if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
      const p = accessPath(b.left);
      if (!p || p[p.length - 1] !== 'body' || !/^(ctx|context)$/.test(p[0]) || p.length > 3) return;
      check(b, b.right, 'json', () => statementStatus5xx(b, p[0]));
    };

    return {
      CallExpression: onCall,
      NewExpression: onNew,
      BinaryExpression: onAssign,
    };
  },
};

export default rule;
