import { ts } from 'ts-morph';
import type { Fix, TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, calleeName, isTestPath, propName, resolveCallee, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange, quoteOf, replaceNode } from '../../server/engine/ts/edits';
import { findDeclaration, variableSources } from '../../server/engine/ts/values';
import { enclosingFunction, functionName } from '../../server/engine/ts/functions';
import { isPasswordName, nameWords } from '../../server/engine/ts/authNames';
import { cryptoMember } from '../../server/engine/ts/cryptoImport';
import { hasUseClient } from '../../server/engine/ts/useClient';

type Holder = 'token' | 'code';

const SECURE_CALLS = /^(randomBytes|randomUUID|getRandomValues|randomInt|randomFill|randomFillSync|nanoid|customAlphabet|uuidv4|v4|uuidV4|cuid|createId|ulid|generateSecret|cryptoRandomString|uid|uidSync|generateKey|generateKeySync|createHmac|sign|signAsync|encrypt|randomToken)$/;
/** Calls whose result is built from their arguments (string and number helpers, hashing): the arguments' predictability carries over. */
const PASS_THROUGH = new Set(['String', 'Number', 'parseInt', 'parseFloat', 'floor', 'round', 'ceil', 'abs', 'trunc', 'toString', 'toFixed', 'padStart', 'padEnd', 'concat', 'join', 'slice', 'substring', 'substr', 'replace', 'replaceAll', 'from', 'btoa', 'encodeURIComponent', 'update', 'digest', 'toUpperCase', 'toLowerCase', 'map', 'repeat', 'charAt', 'fromCharCode', 'createHash', 'hash', 'of', 'fill', 'reduce', 'push', 'format', 'base64', 'encode']);
const KEY_QUALIFIERS = new Set(['api', 'secret', 'access', 'session', 'auth', 'license', 'signing', 'private', 'client', 'app', 'integration', 'webhook']);
const CODE_QUALIFIERS = new Set(['verification', 'verify', 'otp', 'reset', 'login', 'auth', 'confirm', 'confirmation', 'sms', 'mfa', 'twofactor', '2fa', 'activation', 'magic', 'email', 'one', 'pin', 'security', 'recovery', 'backup', 'invite', 'invitation', 'access', 'signin', 'signup', 'phone', 'totp']);
const NOT_SECURITY = new Set(['page', 'cursor', 'pagination', 'next', 'prev', 'cache', 'request', 'trace', 'correlation', 'idempotency', 'file', 'upload', 'color', 'csrf_header', 'react', 'element', 'component', 'render', 'span', 'log', 'test', 'mock', 'fake', 'placeholder', 'example', 'sample', 'count', 'length', 'type', 'name', 'header', 'field', 'prefix', 'expires', 'expiry', 'expiration', 'ttl', 'url', 'path']);
const AUTH_CONTEXT = /(verif|otp|login|log_?in|sign_?in|sign_?up|register|reset|confirm|2fa|mfa|two_?factor|auth|sms|magic|invite|password|activation)/i;
const GENERATOR_VERBS = new Set(['generate', 'gen', 'create', 'make', 'new', 'random', 'issue', 'build', 'mint', 'get']);

/** What a name holds, if it is a secret value: a token/key/session id ('token'), or a short code or PIN ('code'). */
function holderKind(name: string | undefined, contextOf?: () => string | undefined): Holder | undefined {
  if (!name) return undefined;
  const words = nameWords(name);
  const head = words[words.length - 1];
  if (!head || words.some((w) => NOT_SECURITY.has(w))) return undefined;
  const quals = words.slice(0, -1);
  if (head === 'token' || head === 'tokens' || head === 'secret' || head === 'nonce' || head === 'sid' || head === 'apikey') return 'token';
  if (head === 'key' && quals.some((w) => KEY_QUALIFIERS.has(w))) return 'token';
  if (head === 'id' && quals.includes('session')) return 'token';
  if (isPasswordName(name) && head !== 'pass') return 'token';
  if (head === 'otp' || head === 'passcode' || head === 'totp') return 'code';
  if (head === 'code' || head === 'pin') {
    if (quals.some((w) => CODE_QUALIFIERS.has(w))) return 'code';
    const context = contextOf?.();
    if (context !== undefined && AUTH_CONTEXT.test(context.replace(/([a-z0-9])([A-Z])/g, '$1_$2'))) return 'code';
  }
  return undefined;
}

/** A function named like a token generator: `generateResetToken`, `createApiKey`, `newSessionId`, `randomOtp`. */
function generatorHolder(fn: ts.Node): Holder | undefined {
  const name = functionName(fn);
  if (!name) return undefined;
  const words = nameWords(name);
  if (words.length < 2 || !GENERATOR_VERBS.has(words[0])) return undefined;
  return holderKind(words.slice(1).join('_'), () => name);
}

interface Insecure { node: ts.Node; label: string; direct: boolean }

const rule: TsRule = {
  meta: {
    id: 'auth/insecure-token',
    category: 'auth',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Tokens built from Math.random, timestamps or uuid v1',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'harden.auth',
    docs: {
      why: "A reset link, email verification, session id, API key or one-time code is only as strong as it is unguessable. `Math.random()` is not a cryptographic generator: its internal state can be recovered from a few outputs, and then every later token is known. `Date.now()` is guessable to the millisecond, and a uuid v1 is a timestamp plus the machine's MAC address. Whoever guesses a reset token owns the account.",
      checks: "Flagged when a value built from `Math.random()`, a timestamp or a uuid v1 is assigned to a token-like name (token, resetToken, apiKey, sessionId, nonce, otp, verificationCode...), stored in a field so named, or returned by a generator named so; `crypto.randomUUID()`, `randomBytes`, `nanoid` and uuid v4 are fine.",
      bad: { files: { 'src/auth/reset.ts': "export function createResetToken() {\n  const resetToken = Math.random().toString(36).slice(2);\n  return resetToken;\n}\n" } },
      good: { files: { 'src/auth/reset.ts': "import { randomBytes } from 'crypto';\n\nexport function createResetToken() {\n  const resetToken = randomBytes(32).toString('hex');\n  return resetToken;\n}\n" } },
      fix: "Use the operating system's generator: `crypto.randomBytes(32).toString('hex')` (or `crypto.randomUUID()`, nanoid) for tokens and keys, `crypto.randomInt(100000, 1000000)` for numeric codes. Store a hash of long-lived tokens, not the token.",
    },
  },
  scope: 'ts',
  triggers: { names: ['Math', 'Date', 'performance', 'getTime', 'valueOf'], modules: ['uuid', 'node-uuid'] },
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    if (isTestPath(file.path)) return {};
    if (hasUseClient(sf)) return {};
    const reported = new Set<ts.Node>();
    const contextName = (n: ts.Node) => { const fn = enclosingFunction(n); return fn ? functionName(fn) : undefined; };
    const q = quoteOf(sf);

    const insecureCall = (n: ts.Node): string | undefined => {
      if (ts.isCallExpression(n)) {
        const path = accessPath(n.expression)?.join('.');
        if (path === 'Math.random') return 'Math.random()';
        if (path === 'Date.now' || path === 'performance.now') return `${path}()`;
        if ((calleeName(n) === 'getTime' || calleeName(n) === 'valueOf') && ts.isPropertyAccessExpression(n.expression)) {
          const recv = unwrap(n.expression.expression);
          if (ts.isNewExpression(recv) && calleeName(recv) === 'Date' && !recv.arguments?.length) return 'the current time';
        }
        const c = resolveCallee(n.expression, imports);
        if (c && (c.module === 'uuid' || c.module === 'node-uuid') && c.path.join('.') === 'v1') return 'uuid v1';
        if (c && c.module === 'uuid/v1' && c.path.length === 0) return 'uuid v1';
      }
      if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.PlusToken && ts.isNewExpression(unwrap(n.operand)) && calleeName(unwrap(n.operand) as ts.NewExpression) === 'Date') return 'the current time';
      return undefined;
    };
    const isSecureCall = (n: ts.Node) => ts.isCallExpression(n) && SECURE_CALLS.test(calleeName(n) ?? '');

    /** The first insecure source in a value (following local variables and helper functions a few steps), unless a secure source is mixed in. */
    const inspect = (value: ts.Expression): Insecure | undefined => {
      let found: Insecure | undefined;
      let secure = false;
      const seen = new Set<ts.Node>();
      /** A local function's body, unless it is a generator reported on its own. */
      const localFunction = (id: ts.Identifier): ts.Node | undefined => {
        const decl = findDeclaration(id);
        if (decl && ts.isFunctionDeclaration(decl) && decl.body) return generatorHolder(decl) ? undefined : decl.body;
        const init = decl && ts.isVariableDeclaration(decl) ? decl.initializer && unwrap(decl.initializer) : undefined;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return generatorHolder(init) ? undefined : init.body;
        return undefined;
      };
      const visit = (n: ts.Node, direct: boolean, depth: number): void => {
        if (secure || seen.has(n)) return;
        seen.add(n);
        if (isSecureCall(n)) { secure = true; return; }
        const label = insecureCall(n);
        if (label) { found ??= { node: n, label, direct }; return; }
        if (ts.isCallExpression(n)) {
          const callee = unwrap(n.expression);
          if (ts.isPropertyAccessExpression(callee)) visit(callee.expression, direct, depth);
          const body = ts.isIdentifier(callee) && depth < 3 ? localFunction(callee) : undefined;
          if (body) visit(body, false, depth + 1);
          if (body || PASS_THROUGH.has(calleeName(n) ?? '')) for (const a of n.arguments) visit(a, direct, depth);
          return;
        }
        if (ts.isIdentifier(n) && depth < 3 && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
          const decl = findDeclaration(n);
          if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer !== value && !holderKind(decl.name.text, () => contextName(decl))) {
            for (const src of variableSources(decl)) visit(src, false, depth + 1);
          }
          return;
        }
        ts.forEachChild(n, (c) => visit(c, direct, depth));
      };
      visit(value, true, 0);
      return secure ? undefined : found;
    };

    const check = (value: ts.Expression | undefined, holder: Holder | undefined, name: string) => {
      if (!value || !holder || reported.has(value)) return;
      const v = unwrap(value);
      if (ts.isArrowFunction(v) || ts.isFunctionExpression(v) || ts.isObjectLiteralExpression(v) || ts.isArrayLiteralExpression(v)) return;
      const hit = inspect(value);
      if (!hit) return;
      reported.add(value);
      let fixes: Fix[] | undefined;
      if (holder === 'token' && hit.direct) {
        const c = cryptoMember(sf, file.path, imports, 'randomBytes');
        fixes = [{ title: `Use ${c.ref}(32).toString('hex')`, safe: false, edits: [...c.edits, replaceNode(sf, file.path, value, `${c.ref}(32).toString(${q}hex${q})`)] }];
      }
      const advice = holder === 'code' ? 'Use crypto.randomInt(100000, 1000000)' : "Use crypto.randomBytes(32).toString('hex') (or crypto.randomUUID())";
      const why = hit.label === 'Math.random()' ? 'its state can be recovered from a few outputs' : hit.label === 'uuid v1' ? "it is a timestamp and the machine's MAC address" : 'the time is guessable to the millisecond';
      ctx.report({
        message: `\`${name}\` is built from ${hit.label}, which is predictable (${why}): whoever guesses the value takes over what it unlocks. ${advice}.`,
        range: nodeRange(sf, value),
        fixes,
      });
    };

    return {
      VariableDeclaration(n) {
        const d = n as ts.VariableDeclaration;
        if (ts.isIdentifier(d.name)) check(d.initializer, holderKind(d.name.text, () => contextName(d)), d.name.text);
      },
      PropertyAssignment(n) {
        const p = n as ts.PropertyAssignment;
        const name = propName(p.name);
        if (name) check(p.initializer, holderKind(name, () => contextName(p)), name);
      },
      PropertyDeclaration(n) {
        const p = n as ts.PropertyDeclaration;
        const name = propName(p.name);
        if (name) check(p.initializer, holderKind(name), name);
      },
      BinaryExpression(n) {
        const b = n as ts.BinaryExpression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
        const path = accessPath(b.left);
        const name = path?.[path.length - 1];
        if (name) check(b.right, holderKind(name, () => contextName(b)), name);
      },
      ReturnStatement(n) {
        const r = n as ts.ReturnStatement;
        const fn = enclosingFunction(r);
        if (!fn || !r.expression) return;
        const holder = generatorHolder(fn);
        if (holder) check(r.expression, holder, functionName(fn)!);
      },
      ArrowFunction(n) {
        const f = n as ts.ArrowFunction;
        if (ts.isBlock(f.body)) return;
        const holder = generatorHolder(f);
        if (holder) check(f.body, holder, functionName(f)!);
      },
    };
  },
};

export default rule;
