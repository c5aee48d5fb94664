import { ts } from 'ts-morph';
import type { TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, calleeName, isTestPath, propName, resolveCallee, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { readsRequest } from '../../server/engine/ts/values';
import { findNode, functionName, outermostFunction, type FunctionNode } from '../../server/engine/ts/functions';
import { hasUseClient } from '../../server/engine/ts/useClient';

const REQUEST_ROOTS = new Set(['req', 'request', 'ctx', 'context', 'c', 'res', 'reply', 'event']);
const USER_SLOTS = new Set(['user', 'userid', 'currentuser', 'auth', 'authuser', 'claims', 'principal', 'account', 'identity', 'session', 'jwt', 'tokenpayload', 'payload', 'decoded']);
const TOKEN_WORDS = new Set(['authorization', 'authheader', 'headers', 'cookies', 'cookie', 'bearer']);
const AUTH_FUNCTION = /(auth|guard|protect|current_?user|user_?from|from_?token|verify_?(token|jwt)|require_?(user|login|session)|logged_?in|session|middleware|can_?activate)/i;
const CLIENT_MODULES = /^(react|react-dom|react-native|vue|svelte|@angular\/core|expo-.*|@react-native-async-storage\/.*)$/;
const SERVER_MODULES = /^(express|fastify|koa|@koa\/router|koa-router|@nestjs\/|hono|next\/server|next\/headers|h3$|@hapi\/|restify|http$|node:http$|graphql|@apollo\/server|apollo-server)/;

interface DecodeCall { call: ts.CallExpression; label: string; verify: string }

/** Skips wrappers up to the node that consumes an expression's value. */
function consumer(e: ts.Node): ts.Node {
  let n = e;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isAwaitExpression(n.parent) || ts.isSatisfiesExpression(n.parent) || ts.isTypeAssertionExpression(n.parent)) n = n.parent;
  return n;
}

/** True when the decoded value is kept or read (stored, returned, destructured, a claim read), not just logged. */
function isUsed(call: ts.CallExpression): boolean {
  const n = consumer(call);
  const p = n.parent;
  if (ts.isVariableDeclaration(p) || ts.isReturnStatement(p) || ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isSpreadAssignment(p)) return true;
  if (ts.isArrowFunction(p) && p.body === n) return true;
  if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return true;
  if (ts.isBinaryExpression(p) && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) return true;
  if (ts.isIfStatement(p) || ts.isConditionalExpression(p) || ts.isPrefixUnaryExpression(p)) return true;
  return false;
}

const lower = (s: string) => s.toLowerCase().replace(/[_-]/g, '');

/** An expression read from the incoming request (headers, cookies, the Authorization header...), one variable hop deep. */
function fromRequest(e: ts.Expression | undefined, depth = 0): boolean {
  if (!e || depth > 2) return false;
  if (readsRequest(e)) return true;
  const hit = findNode(e, (n) => {
    if (ts.isIdentifier(n) && (TOKEN_WORDS.has(lower(n.text)) || /^(req|request)$/.test(n.text))) return true;
    if (ts.isStringLiteralLike(n) && /^authorization$/i.test(n.text)) return true;
    return false;
  });
  if (hit) return true;
  const u = unwrap(e);
  if (ts.isIdentifier(u)) {
    const decl = findVariable(u);
    if (decl?.initializer) return fromRequest(decl.initializer, depth + 1);
  }
  return false;
}

function findVariable(id: ts.Identifier): ts.VariableDeclaration | undefined {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (ts.isBlock(n) || ts.isSourceFile(n)) {
      for (const st of n.statements) {
        if (!ts.isVariableStatement(st)) continue;
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === id.text) return d;
      }
    }
  }
  return undefined;
}

/** Express/Koa middleware `(req, res, next)` / `(ctx, next)`, a Nest guard's canActivate, or a function named like an auth step. */
function isAuthFunction(fn: FunctionNode): boolean {
  const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  const last = params[params.length - 1];
  if (params.length >= 2 && /^(next|done)$/.test(last ?? '')) return true;
  const name = functionName(fn);
  return !!name && AUTH_FUNCTION.test(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
}

/** `req.user = ...`, `ctx.state.user = ...`, `res.locals.user = ...`, `request['user'] = ...`. */
function setsRequestUser(fn: FunctionNode): boolean {
  return !!findNode(fn, (n) => {
    if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
    const p = accessPath(n.left);
    return !!p && p.length >= 2 && REQUEST_ROOTS.has(p[0]) && USER_SLOTS.has(lower(p[p.length - 1]));
  });
}

/** A token this function has just signed (`const token = jwt.sign(...)`), decoded to read its `exp`. */
function freshlySigned(arg: ts.Expression): boolean {
  const u = unwrap(arg);
  const init = ts.isIdentifier(u) ? findVariable(u)?.initializer : u;
  return !!init && !!findNode(init, (n) => (ts.isCallExpression(n) && /^sign/i.test(calleeName(n) ?? '')) || (ts.isNewExpression(n) && calleeName(n) === 'SignJWT'));
}

/** An OpenID Connect ID token: trusted when it came straight from the provider's token endpoint, so only one read from the request counts. */
function isIdToken(arg: ts.Expression): boolean {
  const p = accessPath(arg);
  const last = p?.[p.length - 1];
  return !!last && lower(last) === 'idtoken';
}

function callsVerify(fn: FunctionNode): boolean {
  return !!findNode(fn, (n) => ts.isCallExpression(n) && /verif/i.test(calleeName(n) ?? ''));
}

const rule: TsRule = {
  meta: {
    id: 'auth/jwt-decode-as-verify',
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'JWT decoded but never verified before it is trusted',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.auth',
    docs: {
      why: "`jwt.decode()` (jsonwebtoken), `decodeJwt()` (jose), `jwtDecode()` (jwt-decode) and `JwtService.decode()` (@nestjs/jwt) only base64-decode the payload: they do not check the signature. A middleware or guard that trusts a decoded token lets anyone write their own token with any user id or role, no key needed.",
      checks: "Flagged when the decoded value is used in a middleware, guard or handler that sets `req.user` or reads the token from the request, and nothing in that function verifies it.",
      bad: { files: { 'src/middleware/auth.ts': "import jwt from 'jsonwebtoken';\nimport type { NextFunction, Request, Response } from 'express';\n\nexport function requireUser(req: Request, res: Response, next: NextFunction) {\n  const token = req.headers.authorization?.replace('Bearer ', '');\n  const payload = token && jwt.decode(token);\n  if (!payload) return res.sendStatus(401);\n  (req as any).user = payload;\n  next();\n}\n" } },
      good: { files: { 'src/middleware/auth.ts': "import jwt from 'jsonwebtoken';\nimport type { NextFunction, Request, Response } from 'express';\n\nexport function requireUser(req: Request, res: Response, next: NextFunction) {\n  const token = req.headers.authorization?.replace('Bearer ', '');\n  if (!token) return res.sendStatus(401);\n  try {\n    (req as any).user = jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'] });\n    next();\n  } catch {\n    res.sendStatus(401);\n  }\n}\n" } },
      fix: "Verify the token where it is trusted: `jwt.verify(token, secret, { algorithms: ['HS256'] })`, jose `await jwtVerify(token, key)`, `await this.jwtService.verifyAsync(token)`. Use decode only for display, or to read the `kid` header before a verify.",
    },
  },
  scope: 'ts',
  triggers: { modules: ['jsonwebtoken', 'jose', 'jwt-decode', '@nestjs/jwt'] },
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    if (isTestPath(file.path)) return {};
    if (hasUseClient(sf)) return {};
    if (imports.modules.some((m) => CLIENT_MODULES.test(m.module)) && !imports.modules.some((m) => SERVER_MODULES.test(m.module))) return {};
    const importsNestJwt = imports.modules.some((m) => m.module === '@nestjs/jwt');

    const classify = (call: ts.CallExpression): DecodeCall | undefined => {
      const callee = resolveCallee(call.expression, imports);
      const path = callee?.path.join('.');
      if (callee?.module === 'jsonwebtoken' && path === 'decode') return { call, label: 'jwt.decode()', verify: 'jwt.verify(token, secret, { algorithms: [...] })' };
      if (callee?.module === 'jose' && path === 'decodeJwt') return { call, label: "jose's decodeJwt()", verify: 'await jwtVerify(token, key)' };
      if (callee?.module === 'jwt-decode' && (path === 'jwtDecode' || path === '' || path === 'default')) return { call, label: 'jwtDecode()', verify: "a verifying library (jsonwebtoken's jwt.verify, jose's jwtVerify)" };
      if (callee || !importsNestJwt || calleeName(call) !== 'decode') return undefined;
      const target = unwrap(call.expression);
      const recv = ts.isPropertyAccessExpression(target) ? accessPath(target.expression) : undefined;
      if (recv && /jwt/i.test(recv[recv.length - 1])) return { call, label: `${recv.join('.')}.decode()`, verify: `await ${recv.join('.')}.verifyAsync(token)` };
      return undefined;
    };

    const check = (call: ts.CallExpression) => {
      const d = classify(call);
      if (!d || !call.arguments[0] || !isUsed(call)) return;
      const fn = outermostFunction(call);
      const arg = call.arguments[0];
      if (!fn || callsVerify(fn) || freshlySigned(arg)) return;
      if (isIdToken(arg) && !readsRequest(arg)) return;
      const inMethodCanActivate = ts.isMethodDeclaration(fn) && propName(fn.name) === 'canActivate';
      if (!(inMethodCanActivate || setsRequestUser(fn) || isAuthFunction(fn) || fromRequest(arg))) return;
      ctx.report({
        message: `This token is only decoded (${d.label} does not check the signature) and nothing here verifies it: anyone can write a token with any user id or role and be accepted. Verify it instead: ${d.verify}.`,
        range: nodeRange(sf, call.expression),
      });
    };

    return { CallExpression: (n) => check(n as ts.CallExpression) };
  },
};

export default rule;
