import { ts } from 'ts-morph';
import type { Fix, TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, calleeName, envVarName, isTestPath, unwrap } from '../../server/engine/ts/helpers';
import { findNode } from '../../server/engine/ts/functions';
import { nodeRange, replaceNode } from '../../server/engine/ts/edits';
import { findDeclaration, readsRequest } from '../../server/engine/ts/values';
import { exprName, isPasswordName, nameWords } from '../../server/engine/ts/authNames';
import { cryptoMember } from '../../server/engine/ts/cryptoImport';
import { hasUseClient } from '../../server/engine/ts/useClient';

const SECRET_HEADS = new Set(['hmac', 'token', 'secret', 'otp', 'totp', 'apikey', 'csrf', 'xsrf', 'passcode', 'authorization']);
const WEAK_HEADS = new Set(['signature', 'sig', 'digest', 'mac', 'nonce']);
const STRONG_QUALIFIERS = new Set(['webhook', 'hmac', 'hub', 'stripe', 'request', 'expected', 'computed', 'provided', 'received', 'given', 'incoming', 'valid', 'calculated', 'slack', 'github', 'twilio', 'shopify', 'svix', 'payload']);
const KEY_QUALIFIERS = new Set(['api', 'secret', 'webhook', 'access', 'private', 'signing', 'auth', 'admin', 'master', 'internal', 'service', 'client', 'license']);
const HASH_QUALIFIERS = new Set(['password', 'token', 'api', 'key', 'secret', 'pin', 'otp', 'code']);
const CODE_QUALIFIERS = new Set(['verification', 'verify', 'otp', 'reset', 'login', 'mfa', 'totp', 'sms', 'confirmation', 'auth', 'access', 'recovery', 'backup']);
const NOT_SECRET = new Set(['type', 'count', 'length', 'id', 'name', 'url', 'prefix', 'field', 'kind', 'version', 'status', 'scope', 'issuer', 'audience', 'expires', 'expiry', 'at', 'exp', 'algorithm', 'alg', 'format', 'encoding', 'label', 'mode', 'method', 'index', 'size']);
const CONFIRM_WORDS = new Set(['confirm', 'confirmation', 'confirmed', 'repeat', 'repeated', 'retype', 'again', 'verify', 'new', 'old', 'current', 'previous', 'prev', 'last']);
const CLIENT_MODULES = /^(react|react-dom|react-native|vue|svelte|@angular\/core)$/;
const SERVER_MODULES = /^(express|fastify|koa|@koa\/router|@nestjs\/|hono|next\/server|next\/headers|h3$|@hapi\/|http$|node:http$|crypto$|node:crypto$|stripe|svix|@octokit\/webhooks)/;
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/**
 * Whether a name denotes a secret value: 'strong' for tokens, API keys, passwords, one-time codes, HMACs, the Authorization
 * header; 'weak' for signatures, digests and MACs, which are as often content fingerprints (caches, change detection).
 */
function secretName(name: string | undefined): 'strong' | 'weak' | undefined {
  if (!name) return undefined;
  const words = [...nameWords(name)];
  while (words.length > 1 && /^(\d+|sha\d*|v\d+|md5)$/.test(words[words.length - 1])) words.pop();
  const head = words[words.length - 1];
  if (!head || NOT_SECRET.has(head)) return undefined;
  const quals = words.slice(0, -1);
  if (WEAK_HEADS.has(head)) return quals.some((w) => STRONG_QUALIFIERS.has(w)) ? 'strong' : 'weak';
  if (SECRET_HEADS.has(head) || isPasswordName(name)) return 'strong';
  if (head === 'key') return quals.some((w) => KEY_QUALIFIERS.has(w)) ? 'strong' : undefined;
  if (head === 'hash' || head === 'hashed') return quals.some((w) => HASH_QUALIFIERS.has(w)) ? 'strong' : undefined;
  if (head === 'code' || head === 'pin') return quals.some((w) => CODE_QUALIFIERS.has(w)) ? 'strong' : undefined;
  if (head === 'header') return quals.includes('auth') || quals.includes('authorization') ? 'strong' : quals.includes('signature') ? 'weak' : undefined;
  return undefined;
}

/** Values that are not secrets whatever their names: literals, typeof, lengths, numbers, booleans. */
function isPlainValue(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (ts.isLiteralExpression(u) || ts.isNoSubstitutionTemplateLiteral(u) || ts.isTypeOfExpression(u) || ts.isVoidExpression(u)) return true;
  if (u.kind === ts.SyntaxKind.NullKeyword || u.kind === ts.SyntaxKind.TrueKeyword || u.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (ts.isIdentifier(u) && (u.text === 'undefined' || u.text === 'NaN')) return true;
  if (ts.isPropertyAccessExpression(u) && (u.name.text === 'length' || u.name.text === 'size' || u.name.text === 'byteLength')) return true;
  if (ts.isPrefixUnaryExpression(u) || (ts.isBinaryExpression(u) && !EQUALITY.has(u.operatorToken.kind) && u.operatorToken.kind !== ts.SyntaxKind.PlusToken)) return true;
  return false;
}

interface Side {
  name: string;
  strength: 'strong' | 'weak';
  /** Read from the request body (a user's own input). */
  body: boolean;
  /** Comes from outside the code: the request (headers included) or the environment. */
  external: boolean;
}

/** A `digest()` of an HMAC (keyed) rather than of a plain hash. */
function isHmacDigest(call: ts.CallExpression): boolean {
  return !!findNode(call.expression, (n) => ts.isCallExpression(n) && /^createHmac$/.test(calleeName(n) ?? ''));
}

/** What a side of the comparison holds: the name it is known by, how surely it is a secret, and where it comes from. */
function secretSide(e: ts.Expression, depth = 0): Side | undefined {
  const u = unwrap(e);
  if (depth > 3 || isPlainValue(u)) return undefined;
  if (ts.isTemplateExpression(u)) {
    for (const span of u.templateSpans) { const s = secretSide(span.expression, depth + 1); if (s) return s; }
    return undefined;
  }
  if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken) return secretSide(u.left, depth + 1) ?? secretSide(u.right, depth + 1);
  const name = exprName(u);
  const external = readsRequest(u) || !!envVarName(u);
  const body = readsRequest(u) && !(accessPath(u) ?? []).some((x) => x === 'headers');
  const named = secretName(name);
  if (ts.isCallExpression(u)) {
    const callee = calleeName(u) ?? '';
    if (callee === 'digest') return { name: callee, strength: isHmacDigest(u) ? 'strong' : 'weak', body: false, external: false };
    if (/^(create)?hmac$/i.test(callee)) return { name: callee, strength: 'strong', body: false, external: false };
    if (/^(toString|toUpperCase|toLowerCase|trim)$/.test(callee) && ts.isPropertyAccessExpression(u.expression)) return secretSide(u.expression.expression, depth + 1);
    if (/signature$/i.test(callee)) return { name: callee, strength: 'weak', body: false, external: false };
    return named ? { name: name!, strength: named, body, external } : undefined;
  }
  let inner: Side | undefined;
  if (ts.isIdentifier(u)) {
    const decl = findDeclaration(u);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) inner = secretSide(decl.initializer, depth + 1);
    else if (decl && ts.isBindingElement(decl)) {
      let d: ts.Node = decl;
      while (ts.isBindingElement(d) || ts.isObjectBindingPattern(d) || ts.isArrayBindingPattern(d)) d = d.parent;
      const init = ts.isVariableDeclaration(d) ? d.initializer : undefined;
      if (init && readsRequest(init)) inner = { name: u.text, strength: 'weak', body: !(accessPath(init) ?? []).includes('headers'), external: true };
    }
  }
  if (named) return { name: name!, strength: named === 'strong' || inner?.strength === 'strong' ? 'strong' : 'weak', body: body || !!inner?.body, external: external || !!inner?.external };
  return inner && { ...inner, name: (u as ts.Identifier).text };
}

function isSimpleOperand(e: ts.Expression): boolean {
  const u = ts.isNonNullExpression(e) ? e.expression : e;
  if (ts.isIdentifier(u)) return true;
  if (ts.isPropertyAccessExpression(u)) return isSimpleOperand(u.expression) || u.expression.kind === ts.SyntaxKind.ThisKeyword;
  if (ts.isElementAccessExpression(u)) return (ts.isStringLiteralLike(u.argumentExpression) || ts.isNumericLiteral(u.argumentExpression)) && isSimpleOperand(u.expression);
  return false;
}

/** Parents under which `a && b` can replace `x === y` without parentheses. */
function needsParens(b: ts.BinaryExpression): boolean {
  const p = b.parent;
  if (ts.isParenthesizedExpression(p) || ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p) || ts.isReturnStatement(p) || ts.isExpressionStatement(p) || ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isCallExpression(p) || ts.isArrowFunction(p)) return false;
  if (ts.isConditionalExpression(p)) return p.condition !== b;
  if (ts.isBinaryExpression(p)) return !(p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || (p.operatorToken.kind === ts.SyntaxKind.BarBarToken));
  return true;
}

const rule: TsRule = {
  meta: {
    id: 'auth/timing-unsafe-compare',
    category: 'auth',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'Secrets compared with === instead of a constant-time comparison',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'harden.auth',
    docs: {
      why: "`===` on strings stops at the first character that differs, so a comparison that fails late takes a little longer than one that fails early. Over many requests an attacker can measure that and recover a webhook signature, an API key or a token one character at a time.",
      checks: "Flagged when both sides are secrets (a signature, HMAC, digest, token, API key, password hash, one-time code, the Authorization header), not when a secret is compared with a literal, `null`/`undefined`, a length or a type, and not for a password and its confirmation typed by the same user.",
      bad: { files: { 'src/webhooks.ts': "import crypto from 'crypto';\nimport type { Request, Response } from 'express';\n\nexport function verifyWebhook(req: Request, res: Response) {\n  const signature = req.header('x-signature');\n  const expected = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET!).update(JSON.stringify(req.body)).digest('hex');\n  if (signature !== expected) return res.sendStatus(401);\n  res.sendStatus(204);\n}\n" } },
      good: { files: { 'src/webhooks.ts': "import crypto from 'crypto';\nimport type { Request, Response } from 'express';\n\nexport function verifyWebhook(req: Request, res: Response) {\n  const signature = Buffer.from(req.header('x-signature') ?? '');\n  const expected = Buffer.from(crypto.createHmac('sha256', process.env.WEBHOOK_SECRET!).update(JSON.stringify(req.body)).digest('hex'));\n  if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) return res.sendStatus(401);\n  res.sendStatus(204);\n}\n" } },
      fix: "Compare with `crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))`, after checking that the lengths match (it throws on different lengths). Better still, compare fixed-length digests (hash both sides first). Use your provider's SDK to verify webhooks (Stripe `constructEvent`, Svix, Octokit) where there is one.",
    },
  },
  scope: 'ts',
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    if (isTestPath(file.path)) return {};
    if (hasUseClient(sf)) return {};
    if (imports.modules.some((m) => CLIENT_MODULES.test(m.module)) && !imports.modules.some((m) => SERVER_MODULES.test(m.module))) return {};

    return {
      BinaryExpression(n) {
        const b = n as ts.BinaryExpression;
        const op = b.operatorToken.kind;
        if (!EQUALITY.has(op)) return;
        const left = secretSide(b.left);
        const right = left && secretSide(b.right);
        if (!left || !right) return;
        if (left.body && right.body) return;
        if (left.strength === 'weak' && right.strength === 'weak' && !left.external && !right.external) return;
        const lw = nameWords(left.name);
        const rw = nameWords(right.name);
        if (lw.some((w) => CONFIRM_WORDS.has(w)) || rw.some((w) => CONFIRM_WORDS.has(w))) return;
        if (b.left.getText(sf) === b.right.getText(sf)) return;
        const negated = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
        let fixes: Fix[] | undefined;
        if (isSimpleOperand(b.left) && isSimpleOperand(b.right)) {
          const c = cryptoMember(sf, file.path, imports, 'timingSafeEqual');
          const a = b.left.getText(sf);
          const z = b.right.getText(sf);
          const test = `${a}.length === ${z}.length && ${c.ref}(Buffer.from(${a}), Buffer.from(${z}))`;
          const text = negated ? `!(${test})` : needsParens(b) ? `(${test})` : test;
          fixes = [{ title: 'Compare with crypto.timingSafeEqual', safe: false, edits: [...c.edits, replaceNode(sf, file.path, b, text)] }];
        }
        ctx.report({
          message: `\`${left.name}\` is compared with \`${b.operatorToken.getText(sf)}\`, which returns at the first differing character: by timing many attempts an attacker can recover the expected value one character at a time. Compare with crypto.timingSafeEqual on equal-length buffers.`,
          range: nodeRange(sf, b),
          fixes,
        });
      },
    };
  },
};

export default rule;
