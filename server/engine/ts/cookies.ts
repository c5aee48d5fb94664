/**
 * Cookies written as raw `Set-Cookie` headers (`res.setHeader('Set-Cookie', `token=${t}; Path=/; HttpOnly`)`,
 * `headers.append('Set-Cookie', ...)`): each cookie's name and attributes, read from the string's static text.
 */
import { ts } from 'ts-morph';
import { accessPath, calleeName, stringValue, unwrap, type ConstTable } from './helpers';
import { findDeclaration } from './declarations';

export interface RawCookie {
  name: string;
  /** The value is empty (`token=;`): a cookie being cleared. */
  empty: boolean;
  /** Attribute names, lower-cased (`httponly`, `secure`, `samesite`, `max-age`, `expires`, `path`...), with their static values. */
  attrs: Map<string, string>;
  /** An attribute is written by an expression (`${secure ? 'Secure; ' : ''}`): which ones are set cannot be read. */
  opaque: boolean;
  /** The string literal or template the cookie is written in. */
  node: ts.StringLiteralLike | ts.TemplateExpression;
}

const SET_HEADER = /^(setHeader|header|set|append|appendHeader)$/;

/** The cookies a call sets as `Set-Cookie` headers, or undefined when it sets none (or the header's value cannot be read). */
export function rawSetCookies(call: ts.CallExpression, consts: ConstTable): RawCookie[] | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !SET_HEADER.test(callee.name.text)) return undefined;
  const [key, value] = call.arguments;
  if (!key || !value || stringValue(key, consts)?.toLowerCase() !== 'set-cookie') return undefined;
  const u = unwrap(value);
  const items = ts.isArrayLiteralExpression(u) ? u.elements : [u];
  const out: RawCookie[] = [];
  for (const item of items) {
    const c = parseCookie(unwrap(item as ts.Expression));
    if (c) out.push(c);
  }
  return out;
}

function parseCookie(e: ts.Expression): RawCookie | undefined {
  let text: string;
  let node: RawCookie['node'];
  if (ts.isStringLiteralLike(e)) { text = e.text; node = e; }
  else if (ts.isTemplateExpression(e)) { text = e.head.text + e.templateSpans.map((s) => `\u0000${s.literal.text}`).join(''); node = e; }
  else return undefined;
  const [first, ...rest] = text.split(';');
  const eq = first.indexOf('=');
  const name = eq > 0 ? first.slice(0, eq).trim() : '';
  if (!name || name.includes('\u0000')) return undefined;
  const attrs = new Map<string, string>();
  let opaque = false;
  for (const part of rest) {
    const i = part.indexOf('=');
    const k = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase();
    if (k.includes('\u0000')) { opaque = true; continue; }
    if (k) attrs.set(k, i < 0 ? '' : part.slice(i + 1).trim());
  }
  return { name, empty: first.slice(eq + 1).trim() === '', attrs, opaque, node };
}

/** Variable names that hold the signed-in user's token. */
const TOKEN_VALUE = /^(token|jwt|jwtToken|accessToken|access_token|authToken|sessionToken|refreshToken|idToken|signedToken)$/;
/** Calls that make one. */
const TOKEN_CALL = /^(genJWT|generateJWT|signJWT|generateToken|generateAccessToken|generateAuthToken|createToken|createAccessToken|signToken|issueToken|getSignedJwtToken|getJwtToken|generateRefreshToken)$/;

/**
 * A cookie value that is plainly the signed-in user's token: a variable or parameter named `token` / `accessToken` /
 * `jwt`, or a call that signs one (`jwt.sign(...)`, `user.genJWT()`, `generateToken(user)`). For cookies whose name says
 * nothing (`res.cookie('kento', token)`).
 */
export function tokenValue(e: ts.Expression | undefined): boolean {
  const v = e && unwrap(e);
  if (!v) return false;
  if (ts.isIdentifier(v)) return TOKEN_VALUE.test(v.text);
  if (ts.isCallExpression(v)) return TOKEN_CALL.test(calleeName(v) ?? '') || (calleeName(v) === 'sign' && /^(jwt|jsonwebtoken|jose)$/i.test(accessPath(v.expression)?.[0] ?? ''));
  return false;
}

/** Calls that sign a JWT, whose lifetime their options (or payload) set. */
const SIGN_CALL = /^(sign|signAsync|jwtSign|signJwt|signJWT)$/;
const LIFETIME_KEY = /^(expiresIn|exp|expires_in)$/;

/**
 * Whether a cookie value is a JWT signed, in this function, with a lifetime of its own (`await reply.jwtSign(p, { sign:
 * { expiresIn: '7d' } })`, `jwt.sign(p, secret, { expiresIn })`, a SignJWT chain with `.setExpirationTime()`): the server
 * refuses it once expired, whatever the cookie's own lifetime.
 */
export function signedWithLifetime(e: ts.Expression | undefined): boolean {
  let v = e && unwrap(e);
  if (v && ts.isIdentifier(v)) {
    const d = findDeclaration(v);
    v = d && ts.isVariableDeclaration(d) && d.initializer ? unwrap(d.initializer) : undefined;
  }
  if (v && ts.isAwaitExpression(v)) v = unwrap(v.expression);
  if (!v || !ts.isCallExpression(v) || !SIGN_CALL.test(calleeName(v) ?? '')) return false;
  let found = false;
  const visit = (n: ts.Node, depth: number): void => {
    if (found || depth > 3) return;
    if (ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n)) {
      if ((ts.isIdentifier(n.name) || ts.isStringLiteral(n.name)) && LIFETIME_KEY.test(n.name.text)) { found = true; return; }
    }
    if (ts.isCallExpression(n) && calleeName(n) === 'setExpirationTime') { found = true; return; }
    ts.forEachChild(n, (c) => visit(c, ts.isObjectLiteralExpression(c) ? depth + 1 : depth));
  };
  for (const a of v.arguments) visit(a, 0);
  visit(v.expression, 0);
  return found;
}
