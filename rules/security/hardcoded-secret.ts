import { ts } from 'ts-morph';
import type * as jsonc from 'jsonc-parser';
import * as YAML from 'yaml';
import type { AST } from 'toml-eslint-parser';
import type { Fix, FileRuleContext, Range, Report, TsRule, TsRuleContext, TsVisitor } from '../../server/engine/types';
import jwtSecretRule from '../auth/hardcoded-jwt-secret';
import sessionSecretRule from '../auth/hardcoded-session-secret';
import { basename, isEnvTemplate, type FileKind, type ParsedOf } from '../../server/engine/parse';
import { accessPath, envVarName, isTestPath, propName, resolveCallee, unwrap } from '../../server/engine/ts/helpers';
import { keptEnvName, secretSource } from '../../server/engine/ts/secretSource';
import { constInitializer } from '../../server/engine/ts/declarations';
import { handlersByKind } from '../../server/engine/ts/visitors';
import { nodeRange } from '../../server/engine/ts/edits';
import { keyNames, tomlLeaves, tomlStringRange } from '../../server/engine/toml';
import {
  assignmentsInText, couldHoldSecret, detectInValue, dictionaryLike, envNameFor, isPlaceholder, isTemplatePath, mask, scanText,
  type SecretHit, type ValueContext,
} from '../../server/engine/secrets';

// Doc examples are assembled so that this file holds no credential-shaped literal.
const DOC_KEY = ['sk', 'live', '51PzQ8cnW06ZqvJFsthSx9S9BC36kY'].join('_');

const TEXT_KINDS: readonly FileKind[] = ['json', 'package-json', 'yaml', 'dockerfile', 'markdown', 'sql', 'prisma', 'toml', 'text'];

function headline(hit: SecretHit, secret: string, name: string | undefined, via?: string): string {
  const shown = `\`${mask(secret)}\``;
  if (via) return `Hardcoded ${hit.by === 'name' ? 'secret' : hit.label} as the fallback of ${via} (${shown})`;
  return hit.by === 'name' && name ? `\`${name}\` holds a hardcoded secret (${shown})` : `Hardcoded ${hit.label} (${shown})`;
}

function risk(hit: SecretHit): string {
  if (hit.tier === 'ship-stopping') return ': anyone who can read the repository, or its history, can use it.';
  if (hit.label === 'Google API key') return ': if it is a browser key, restrict it to your domains and APIs in the Google Cloud console (or this is fine); if it is a server key (Gemini, Cloud APIs), it is a secret.';
  if (/test-mode/.test(hit.label)) return ': a test-mode key cannot move real money, but it reads and writes your test account and tends to be swapped for the live key in the same place.';
  return ': it is encrypted, but its passphrase is rarely far from it.';
}

function advice(kind: FileKind, path: string, env: string, k8sSecret = false): string {
  switch (kind) {
    case 'ts': return `Read it from process.env.${env}, list ${env} in .env.example, and rotate it.`;
    case 'dockerfile': return `A Dockerfile's values are baked into the image and its history: pass ${env} at run time (docker run -e, your platform's secrets) or mount it as a BuildKit secret (RUN --mount=type=secret), and rotate it.`;
    case 'markdown': return `Replace it with a placeholder (${env}=...) and rotate it.`;
    case 'prisma': return `Use env("${env}") and rotate the password.`;
    case 'toml':
      if (/^fly(\.[\w-]+)?\.toml$/.test(basename(path))) return `${basename(path)} is committed as plain text: set it with \`fly secrets set ${env}=...\` instead, and rotate it.`;
      if (basename(path) === 'wrangler.toml') return `wrangler.toml is committed as plain text: set it with \`wrangler secret put ${env}\` (add \`--env <name>\` for an environment) instead, and rotate it.`;
      return `Move it to an environment variable (${env}) or your platform's secret store, and rotate it.`;
    case 'yaml':
      if (/(^|\/)\.(github|gitea|forgejo)\/workflows\//.test(path)) return `Store it as a repository secret, use \${{ secrets.${env} }} here, and rotate it.`;
      if (/(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/.test(path)) return `Reference it as \${${env}} (the value goes in an untracked .env), and rotate it.`;
      if (k8sSecret) return 'Base64 is not encryption: create the Secret at deploy time from your secret store instead of committing it, and rotate it.';
      return `Move it to an environment variable (${env}) or your platform's secret store, and rotate it.`;
    default: return `Move it to an environment variable (${env}) or your platform's secret store, and rotate it.`;
  }
}

interface LiteralContext {
  names: string[];
  siblings?: () => string[];
  siblingValues?: () => string[];
  /** `process.env.X || 'literal'`: the fix drops the fallback. */
  fallback?: ts.BinaryExpression;
  jsx: boolean;
  noFix: boolean;
}

const isWrapper = (n: ts.Node) => ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n) || ts.isJsxExpression(n);
const LOGICAL = new Set([ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** Calls that turn a key into bytes without changing what it is. */
function isKeyWrapper(call: ts.CallExpression): boolean {
  const path = accessPath(call.expression);
  const last = path?.[path.length - 1];
  return (path?.length === 2 && path[0] === 'Buffer' && last === 'from') || last === 'createSecretKey' || last === 'encode';
}

/** Names of what an expression denotes: `config.db.password` -> ['password', 'db'], `process.env.X` -> ['X']. */
function targetNames(e: ts.Expression): string[] {
  const env = envVarName(unwrap(e));
  if (env) return [env];
  const path = accessPath(e);
  return path ? path.slice(-2).reverse() : [];
}

function ownerNames(obj: ts.ObjectLiteralExpression): string[] {
  let n: ts.Node = obj;
  while (isWrapper(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isPropertyAssignment(p)) { const name = propName(p.name); return name ? [name] : []; }
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return [p.name.text];
  return [];
}

const literalText = (e: ts.Node) => (ts.isStringLiteralLike(e) ? e.text : undefined);

/** Where a literal sits: the names it is assigned to, its neighbours, and what a fix may replace. Undefined for non-values (imports, keys, types). */
function literalContext(lit: ts.StringLiteralLike): LiteralContext | undefined {
  const direct = lit.parent;
  if (ts.isImportDeclaration(direct) || ts.isExportDeclaration(direct) || ts.isExternalModuleReference(direct) || ts.isLiteralTypeNode(direct) || ts.isModuleDeclaration(direct) || ts.isTaggedTemplateExpression(direct)) return undefined;
  if ((ts.isPropertyAssignment(direct) || ts.isPropertyDeclaration(direct) || ts.isMethodDeclaration(direct) || ts.isPropertySignature(direct) || ts.isEnumMember(direct)) && direct.name === lit) return undefined;
  if (ts.isElementAccessExpression(direct) && direct.argumentExpression === lit) return undefined;
  if (ts.isCallExpression(direct) && (direct.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(direct.expression) && direct.expression.text === 'require'))) return undefined;

  const c: LiteralContext = { names: [], jsx: ts.isJsxAttribute(direct), noFix: false };
  let n: ts.Node = lit;
  let p = n.parent;
  for (;;) {
    if (ts.isBinaryExpression(p) && LOGICAL.has(p.operatorToken.kind)) {
      if (p.right === n && p.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken && envVarName(unwrap(p.left))) c.fallback = p;
    } else if (ts.isConditionalExpression(p)) {
      if (p.condition === n) return undefined;
    } else if (ts.isArrayLiteralExpression(p)) {
      c.noFix = true;
    } else if (ts.isCallExpression(p) && p.arguments[0] === n && isKeyWrapper(p)) {
      // Buffer.from('...', 'base64'), new TextEncoder().encode('...'): still the same value
    } else if (!isWrapper(p)) break;
    n = p;
    p = p.parent;
  }
  if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) c.names = [p.name.text];
  else if (ts.isPropertyAssignment(p) && p.initializer === n) {
    const name = propName(p.name);
    const obj = p.parent;
    c.names = name ? [name, ...ownerNames(obj)] : [];
    c.siblings = () => obj.properties.map((q) => propName(q.name) ?? '').filter(Boolean);
    c.siblingValues = () => obj.properties.map((q) => (ts.isPropertyAssignment(q) ? literalText(q.initializer) : undefined) ?? '');
  } else if ((ts.isPropertyDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) && p.initializer === n) {
    const name = ts.isPropertyDeclaration(p) ? propName(p.name) : ts.isIdentifier(p.name) ? p.name.text : undefined;
    c.names = name ? [name] : [];
  } else if (ts.isEnumMember(p)) {
    const name = propName(p.name);
    c.names = name ? [name] : [];
    c.noFix = true;
  } else if (ts.isJsxAttribute(p)) {
    const element = p.parent.parent;
    c.names = [p.name.getText(), ...(ts.isJsxOpeningLikeElement(element) ? [element.tagName.getText()] : [])];
  } else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) {
    c.names = targetNames(p.left);
  } else if (ts.isBinaryExpression(p) && EQUALITY.has(p.operatorToken.kind)) {
    c.names = targetNames(p.left === n ? p.right : p.left);
    if (!c.names.length) {
      const other = unwrap(p.left === n ? p.right : p.left);
      if (ts.isElementAccessExpression(other) && ts.isStringLiteralLike(other.argumentExpression)) c.names = [other.argumentExpression.text];
    }
  } else if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as ts.Expression)) {
    const args = p.arguments;
    const first = args[0] && literalText(unwrap(args[0]));
    const callee = accessPath(p.expression);
    // `set('apiKey', value)`: a first argument that names the value (a key, not a path or a sentence)
    if (args.indexOf(n as ts.Expression) > 0 && first && /^[A-Za-z_$][\w$.:-]*$/.test(first)) c.names = [first];
    else if (callee) c.names = ['', callee[callee.length - 1]];
    c.siblingValues = () => args.map((a) => literalText(unwrap(a)) ?? '');
  }
  return c;
}

/** `token === 'x'`, `req.headers['x-api-key'] == 'x'` (also inside `&&` / `||`): the literal a credential-like value is compared with. */
function bypassLiteral(cond: ts.Expression): ts.StringLiteralLike | undefined {
  const u = unwrap(cond);
  if (!ts.isBinaryExpression(u)) return undefined;
  const op = u.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) return bypassLiteral(u.left) ?? bypassLiteral(u.right);
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return undefined;
  const l = unwrap(u.left), r = unwrap(u.right);
  const [lit, other] = ts.isStringLiteralLike(r) ? [r, l] : ts.isStringLiteralLike(l) ? [l, r] : [undefined, undefined];
  if (!lit || !other || lit.text.length < 3) return undefined;
  // the names the compared value is read through: `token`, `req.headers.authorization`, `req.headers['x-api-key']`
  let credential = false;
  const visit = (n: ts.Node): void => {
    if (credential) return;
    const name = ts.isIdentifier(n) ? n.text : ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : undefined;
    if (name && CREDENTIAL_NAME.test(name)) { credential = true; return; }
    ts.forEachChild(n, visit);
  };
  visit(other);
  return credential ? lit : undefined;
}
const CREDENTIAL_NAME = /token|authorization|api[-_]?key|secret|bearer|passcode|password/i;

/** A branch that passes the request on: `return next()`, `{ next(); return; }`. */
function passesOn(st: ts.Statement): boolean {
  const first = ts.isBlock(st) ? st.statements[0] : st;
  if (!first) return false;
  const e = ts.isReturnStatement(first) ? first.expression : ts.isExpressionStatement(first) ? first.expression : undefined;
  const call = e && unwrap(e);
  return !!call && ts.isCallExpression(call) && ts.isIdentifier(call.expression) && /^(next|done|cb|callback)$/.test(call.expression.text) && call.arguments.length === 0;
}

function tsFix(sf: ts.SourceFile, path: string, lit: ts.StringLiteralLike, value: string, hit: SecretHit, c: LiteralContext, env: string): Fix | undefined {
  if (c.noFix) return undefined;
  const bang = /\.[cm]?jsx?$/i.test(path) ? '' : '!';
  if (c.fallback) {
    const left = c.fallback.left;
    const name = envVarName(unwrap(left))!;
    const keep = left.getText(sf) + (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left) ? bang : '');
    return { title: `Remove the hardcoded fallback of ${name}`, safe: false, edits: [{ file: path, range: nodeRange(sf, c.fallback), newText: keep }], envKeys: { near: path, keys: [name] } };
  }
  const read = `process.env.${env}${bang}`;
  let expr = read;
  if (value.slice(0, hit.start).trim() || value.slice(hit.end).trim()) {
    const raw = sf.text.slice(lit.getStart(sf) + 1, lit.end - 1);
    if (raw !== value || /[`\\]|\$\{/.test(value)) return undefined;
    expr = `\`${value.slice(0, hit.start)}\${${read}}${value.slice(hit.end)}\``;
  }
  const asConst = ts.isAsExpression(lit.parent) && lit.parent.type.getText(sf) === 'const' ? lit.parent : undefined;
  return {
    title: `Read it from process.env.${env} (and list ${env} in .env.example)`,
    safe: false,
    edits: [{ file: path, range: nodeRange(sf, asConst ?? lit), newText: c.jsx ? `{${expr}}` : expr }],
    envKeys: { near: path, keys: [env] },
  };
}

/** The hit a `KEY=value` string (docker-compose `environment:` lists, `-e` arguments) holds. */
function keyValueHit(s: string, ctx: ValueContext): { hit: SecretHit; value: string } | undefined {
  const eq = s.indexOf('=');
  if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s.slice(0, eq))) {
    const value = s.slice(eq + 1);
    const hit = detectInValue(value, { ...ctx, names: [s.slice(0, eq)] });
    return hit && { hit, value };
  }
  const hit = detectInValue(s, ctx);
  return hit && { hit, value: s };
}

/** The rules that report a hardcoded JWT or session secret more specifically: a literal they report is theirs. */
const SPECIFIC_RULES: readonly TsRule[] = [jwtSecretRule, sessionSecretRule];

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const within = (inner: Range, outer: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

/** Ranges of this file the specific secret rules report (or their fixes replace), with the rule, found by running them on the file. */
function claimedBySpecificRules(ctx: TsRuleContext): Array<{ range: Range; ruleId: string }> {
  const claimed: Array<{ range: Range; ruleId: string }> = [];
  const reportFor = (ruleId: string) => (r: Report) => {
    claimed.push({ range: r.range, ruleId });
    for (const fix of r.fixes ?? []) for (const e of fix.edits) if (e.file === ctx.file.path) claimed.push({ range: e.range, ruleId });
  };
  const created = SPECIFIC_RULES.map((r) => r.create({ ...ctx, report: reportFor(r.meta.id) }));
  const visitors = created.map(handlersByKind);
  const visit = (node: ts.Node): void => {
    for (const v of visitors) v[node.kind]?.(node);
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  for (const v of created) v.onEnd?.();
  return claimed;
}

type Emit = (hit: SecretHit, secret: string, start: number, end: number, name?: string, k8sSecret?: boolean) => void;

function walkJson(node: jsonc.Node, names: string[], test: boolean, emit: Emit): void {
  const emitString = (n: jsonc.Node, ctx: ValueContext) => {
    if (typeof n.value !== 'string') return;
    const r = keyValueHit(n.value, ctx);
    if (r) emit(r.hit, r.value.slice(r.hit.start, r.hit.end), n.offset, n.offset + n.length, ctx.names?.[0]);
  };
  if (node.type === 'object') {
    const props = (node.children ?? []).filter((p) => p.children?.length === 2);
    const keyOf = (p: jsonc.Node) => String(p.children![0].value);
    const entry = props.find((p) => /^(name|key)$/i.test(keyOf(p)) && p.children![1].type === 'string');
    const entryName = entry && props.some((p) => /^value$/i.test(keyOf(p))) ? String(entry.children![1].value) : undefined;
    const siblings = () => props.map(keyOf);
    const siblingValues = () => props.map((p) => (p.children![1].type === 'string' ? String(p.children![1].value) : ''));
    for (const p of props) {
      const key = keyOf(p);
      const v = p.children![1];
      const own = entryName && /^value$/i.test(key) ? [entryName] : [key, ...names.slice(0, 1)];
      if (v.type === 'string') emitString(v, { names: own, siblings, siblingValues, test });
      else walkJson(v, [key, ...names.slice(0, 1)], test, emit);
    }
  } else if (node.type === 'array') {
    for (const item of node.children ?? []) {
      if (item.type === 'string') emitString(item, { names, test });
      else walkJson(item, names, test, emit);
    }
  }
}

function b64(s: string): string { return Buffer.from(s, 'base64').toString('utf8'); }

function walkYaml(node: unknown, names: string[], test: boolean, emit: Emit, secretData?: 'data' | 'stringData'): void {
  const emitScalar = (s: YAML.Scalar, ctx: ValueContext) => {
    if (typeof s.value !== 'string' || !s.range) return;
    const [start, end] = s.range;
    let r = keyValueHit(s.value, ctx);
    if (!r && secretData && !test) {
      const plain = secretData === 'data' ? b64(s.value) : s.value;
      if (plain.trim().length >= 6 && /^[\x20-\x7e\s]+$/.test(plain) && !isPlaceholder(plain) && !dictionaryLike(plain)) {
        r = { value: s.value, hit: { start: 0, end: s.value.length, label: 'value in a Kubernetes Secret manifest', env: envNameFor(ctx.names, 'SECRET'), tier: 'ship-stopping', by: 'format' } };
      }
    }
    if (r) emit(r.hit, r.value.slice(r.hit.start, r.hit.end), start, end, ctx.names?.[0], !!secretData);
  };
  if (YAML.isMap(node)) {
    const items = node.items;
    const keyOf = (it: (typeof items)[number]) => (YAML.isScalar(it.key) ? String(it.key.value) : '');
    const entry = items.find((it) => /^(name|key)$/i.test(keyOf(it)) && YAML.isScalar(it.value) && typeof it.value.value === 'string');
    const entryName = entry && items.some((it) => /^value$/i.test(keyOf(it))) ? String((entry.value as YAML.Scalar).value) : undefined;
    const isSecret = !names.length && items.some((it) => keyOf(it) === 'kind' && YAML.isScalar(it.value) && it.value.value === 'Secret');
    const siblings = () => items.map(keyOf);
    const siblingValues = () => items.map((it) => (YAML.isScalar(it.value) && typeof it.value.value === 'string' ? it.value.value : ''));
    for (const it of items) {
      const key = keyOf(it);
      const own = entryName && /^value$/i.test(key) ? [entryName] : [key, ...names.slice(0, 1)];
      if (YAML.isScalar(it.value)) emitScalar(it.value, { names: own, siblings, siblingValues, test });
      else walkYaml(it.value, [key, ...names.slice(0, 1)], test, emit, isSecret && (key === 'data' || key === 'stringData') ? key : undefined);
    }
  } else if (YAML.isSeq(node)) {
    for (const item of node.items) {
      if (YAML.isScalar(item)) emitScalar(item, { names, test });
      else walkYaml(item, names, test, emit);
    }
  }
}

/** Every string value of a TOML file, with its key path as names (innermost first); returns the ranges of all string values. */
function walkToml(file: ParsedOf<'toml'>, test: boolean, emit: Emit): Array<[number, number]> {
  const strings: Array<[number, number]> = [];
  if (!file.ast) return strings;
  const lastKey = (kv: AST.TOMLKeyValue) => keyNames(kv.key).pop() ?? '';
  const stringOf = (kv: AST.TOMLKeyValue) => (kv.value.type === 'TOMLValue' && kv.value.kind === 'string' ? kv.value.value : undefined);
  for (const { value, path, owner } of tomlLeaves(file.ast)) {
    if (value.kind !== 'string') continue;
    strings.push(value.range);
    const names = path.filter((p): p is string => typeof p === 'string').reverse();
    const entry = owner && /^value$/i.test(String(path[path.length - 1])) ? owner.find((kv) => kv.key.keys.length === 1 && /^(name|key)$/i.test(lastKey(kv)) && stringOf(kv) !== undefined) : undefined;
    const ctx: ValueContext = {
      names: entry ? [stringOf(entry)!] : names,
      siblings: owner && (() => owner.map(lastKey)),
      siblingValues: owner && (() => owner.map((kv) => stringOf(kv) ?? '')),
      test,
    };
    const r = keyValueHit(value.value, ctx);
    if (!r) continue;
    const at = value.value.length - r.value.length;
    const [start, end] = tomlStringRange(file.text, value, at + r.hit.start, at + r.hit.end);
    emit(r.hit, r.value.slice(r.hit.start, r.hit.end), start, end, ctx.names?.[0]);
  }
  return strings;
}

const rule: TsRule = {
  meta: {
    id: 'security/hardcoded-secret',
    category: 'security',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'Credentials hardcoded in source or config',
    fixKind: 'multi-file',
    effort: 'hour',
    checklist: 'harden.secrets',
    docs: {
      why: 'A key in the repository is readable by everyone who can clone it, every CI log and fork, and it stays in the git history after it is deleted. Leaked cloud, payment and VCS keys are found by scanners within minutes of a push and used for fraud, crypto-mining and data theft.',
      checks: 'Known token formats (cloud, payment, VCS, AI, messaging keys, private keys, connection strings with passwords) are reported wherever they are; other values only when they are random-looking and assigned to a secret-like name. Test-mode payment keys, encrypted private keys and Google API keys of unclear use (browser keys are public, server keys are not) are tech-debt; placeholders, Maps keys, public keys (Stripe `pk_`, Supabase anon key, Firebase web config), test fixtures and `.env.example`-style templates stay quiet. A key passed to `createCipheriv` / `createDecipheriv` / `createHmac` that comes from the source (a literal, or the fallback of an env read: `(process.env.ENCRYPTION_KEY || \'DEFAULT_KEY\').padEnd(32)`) is reported whatever it looks like, outside tests. A guard that lets a fixed token through (`if (token === \'letmein\') return next()` in a middleware) is reported at that value: it is a credential in the source that skips the check. A literal used as a JWT or session secret is reported once, by auth/hardcoded-jwt-secret or auth/hardcoded-session-secret (by this rule when that rule is turned off). Values are always masked.',
      bad: { files: { 'src/billing.ts': `import Stripe from 'stripe';\n\nexport const stripe = new Stripe('${DOC_KEY}');\n` } },
      good: {
        files: {
          'src/billing.ts': "import Stripe from 'stripe';\n\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n",
          '.env.example': 'STRIPE_SECRET_KEY=\n',
        },
      },
      fix: 'Read the value from an environment variable (`process.env.X` in code, `${X}` in docker-compose, `${{ secrets.X }}` in GitHub Actions, a run-time secret instead of Dockerfile ENV/ARG), list the name in .env.example, and rotate the credential: deleting it does not remove it from the git history.',
    },
  },
  scope: 'ts',
  kinds: TEXT_KINDS,
  create(ctx): TsVisitor {
    const { sf, file } = ctx;
    const path = file.path;
    if (isTemplatePath(path)) return {};
    const test = isTestPath(path);
    const pending: Report[] = [];
    const onLiteral = (node: ts.Node) => {
      const lit = node as ts.StringLiteralLike;
      const value = lit.text;
      if (!couldHoldSecret(value)) return;
      const c = literalContext(lit);
      if (!c) return;
      const hit = detectInValue(value, { names: c.names, siblings: c.siblings, siblingValues: c.siblingValues, test });
      if (!hit) return;
      const env = c.fallback ? envVarName(unwrap(c.fallback.left))! : hit.by === 'name' ? hit.env : envNameFor(c.names.slice(0, 1), hit.env);
      const fix = tsFix(sf, path, lit, value, hit, c, env);
      const via = c.fallback ? c.fallback.left.getText(sf) : undefined;
      pending.push({
        message: `${headline(hit, value.slice(hit.start, hit.end), c.names[0], via)}${risk(hit)} ${advice('ts', path, env)}`,
        range: nodeRange(sf, lit),
        tier: hit.tier,
        fixes: fix ? [fix] : [],
      });
    };
    const onTemplatePart = (node: ts.Node) => {
      const text = (node as ts.TemplateLiteralLikeNode).text ?? '';
      const hit = scanText(text, { test })[0];
      if (!hit) return;
      pending.push({
        message: `${headline(hit, text.slice(hit.start, hit.end), undefined)}${risk(hit)} ${advice('ts', path, hit.env)}`,
        range: nodeRange(sf, node),
        tier: hit.tier,
      });
    };
    /**
     * A guard that lets a fixed token through: `if (token === '[free:token]') return next()` in a middleware. Whoever
     * reads the source (or the tests that use it) can skip the check; reported at the literal, masked.
     */
    const onIf = (node: ts.Node) => {
      const st = node as ts.IfStatement;
      if (test) return;
      const lit = bypassLiteral(st.expression);
      if (!lit || !passesOn(st.thenStatement)) return;
      let fn: ts.Node | undefined = st.parent;
      while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
      const params = fn && ts.isFunctionLike(fn) ? fn.parameters : undefined;
      const next = params?.[params.length - 1]?.name;
      if (!params || params.length < 2 || !next || !ts.isIdentifier(next) || !/^(next|done|cb|callback)$/.test(next.text)) return;
      pending.push({
        message: `This guard lets any request whose token is the fixed value \`${mask(lit.text)}\` through without checking who sends it: the value is in the source (and usually the tests), so anyone who reads it gets past this check, admin checks included. Remove the bypass; in tests, sign a real token with a test secret or replace the guard.`,
        range: nodeRange(sf, lit),
        tier: 'ship-stopping',
      });
    };
    /**
     * A cipher or HMAC key from the source: `createCipheriv('aes-256-cbc', Buffer.from(KEY), iv)` with `KEY =
     * (process.env.ENCRYPTION_KEY || 'DEFAULT_KEY_32_CHARS').padEnd(32, '0')`. Whatever the literal looks like (a
     * placeholder's words included), it is the key wherever the variable is unset: reported at the literal.
     */
    const onCipher = (node: ts.Node) => {
      if (test) return; // a test's key signs its own fixtures
      const call = node as ts.CallExpression;
      const callee = resolveCallee(call.expression, ctx.imports);
      if (!callee || !/^(node:)?crypto$/.test(callee.module) || !/^(createCipheriv|createDecipheriv|createHmac)$/.test(callee.path[callee.path.length - 1] ?? '')) return;
      // `const key = Buffer.from(ENCRYPTION_KEY, 'utf8')` inside the function: the key it names
      let keyArg = call.arguments[1] && unwrap(call.arguments[1]);
      for (let i = 0; i < 3 && keyArg && ts.isIdentifier(keyArg); i++) {
        const init = constInitializer(keyArg);
        if (!init) break;
        keyArg = unwrap(init);
      }
      const src = secretSource(keyArg, ctx.consts);
      if (!src || src.value.length < 8) return;
      const lit = src.kind === 'literal' ? src.node : src.lit;
      const range = nodeRange(sf, lit);
      if (pending.some((r) => r.range.start.line === range.start.line && r.range.start.character === range.start.character)) return;
      const what = callee.path[callee.path.length - 1] === 'createHmac' ? 'HMAC key' : 'encryption key';
      const env = src.kind === 'fallback' ? keptEnvName(src.keep) : undefined;
      const bang = /\.[cm]?jsx?$/i.test(path) ? '' : '!';
      const keep = src.kind === 'fallback' ? src.keep.getText(sf) + (ts.isPropertyAccessExpression(unwrap(src.keep)) || ts.isElementAccessExpression(unwrap(src.keep)) ? bang : '') : undefined;
      pending.push({
        message: `Hardcoded ${what}${src.kind === 'fallback' ? ` as the fallback of ${src.keep.getText(sf)}` : ''} (\`${mask(src.value)}\`): it is in the source, so whoever reads it can ${what === 'HMAC key' ? 'forge the signatures it checks' : 'decrypt what it protects'}${src.kind === 'fallback' ? ' wherever the variable is unset' : ''}. Read the key from the environment only, fail at start-up without it, and rotate it (re-encrypt what it protected).`,
        range,
        tier: 'ship-stopping',
        fixes: keep !== undefined && env && (ts.isBinaryExpression(src.node) || ts.isConditionalExpression(src.node)) ? [{ title: `Remove the hardcoded fallback of ${env}`, safe: false, edits: [{ file: path, range: nodeRange(sf, src.node), newText: keep }], envKeys: { near: path, keys: [env] } }] : [],
      });
    };
    return {
      IfStatement: onIf,
      CallExpression: onCipher,
      StringLiteral: onLiteral,
      NoSubstitutionTemplateLiteral: onLiteral,
      TemplateHead: onTemplatePart,
      TemplateMiddle: onTemplatePart,
      TemplateTail: onTemplatePart,
      onEnd() {
        if (!pending.length) return;
        // A literal a specific rule reports is that rule's finding; this one stands only when the rule is turned off.
        const claimed = claimedBySpecificRules(ctx);
        for (const r of pending) {
          const by = [...new Set(claimed.filter((c) => within(r.range, c.range)).map((c) => c.ruleId))];
          ctx.report(by.length ? { ...r, yieldsTo: by } : r);
        }
      },
    };
  },
  check(ctx: FileRuleContext) {
    const { file } = ctx;
    const path = file.path;
    if (isTemplatePath(path) || isEnvTemplate(path)) return;
    const test = isTestPath(path);
    const taken: Array<[number, number]> = [];
    const emit: Emit = (hit, secret, start, end, name, k8sSecret) => {
      if (taken.some(([s, e]) => s < end && start < e)) return;
      taken.push([start, end]);
      const env = hit.by === 'name' ? hit.env : envNameFor(name ? [name] : [], hit.env);
      ctx.report({
        message: `${headline(hit, secret, name)}${risk(hit)} ${advice(file.kind, path, env, k8sSecret)}`,
        range: file.lines.range(start, end),
        tier: hit.tier,
      });
    };
    const scan = (text: string, offset: number, docs = false, skip: Array<[number, number]> = []) => {
      for (const h of scanText(text, { test, docs })) {
        if (!skip.some(([s, e]) => s < offset + h.end && offset + h.start < e)) emit(h, text.slice(h.start, h.end), offset + h.start, offset + h.end);
      }
    };
    const plainText = () => {
      scan(file.text, 0);
      for (const a of assignmentsInText(file.text)) {
        const hit = detectInValue(a.value, { names: [a.name], test });
        if (hit) emit(hit, a.value.slice(hit.start, hit.end), a.valueStart + hit.start, a.valueStart + hit.end, a.name);
      }
    };
    switch (file.kind) {
      case 'json':
      case 'package-json':
        if (file.ast) walkJson(file.ast, [], test, emit);
        break;
      case 'yaml':
        for (const doc of file.ast) walkYaml(doc.contents, [], test, emit);
        break;
      case 'dockerfile':
        for (const ins of file.ast.getInstructions()) {
          const keyword = ins.getKeyword();
          if (keyword === 'ENV' || keyword === 'ARG') {
            const own = [...file.ast.getENVs(), ...file.ast.getARGs()].find((p) => p === ins);
            for (const prop of own?.getProperties() ?? []) {
              const value = prop.getValue();
              const range = prop.getValueRange();
              if (!value || !range) continue;
              const hit = detectInValue(value, { names: [prop.getName()], test });
              if (hit) emit(hit, value.slice(hit.start, hit.end), file.lines.offsetAt(range.start), file.lines.offsetAt(range.end), prop.getName());
            }
          } else {
            const r = ins.getArgumentsRange();
            if (!r) continue;
            const start = file.lines.offsetAt(r.start);
            scan(file.text.slice(start, file.lines.offsetAt(r.end)), start);
          }
        }
        break;
      case 'markdown':
        scan(file.text, 0, true);
        break;
      case 'sql':
      case 'prisma':
        scan(file.text, 0);
        break;
      case 'toml':
        // String values are judged with their keys; the rest (comments, keys) is scanned for self-identifying formats.
        if (file.ast) scan(file.text, 0, false, walkToml(file, test, emit));
        else plainText();
        break;
      case 'text':
        plainText();
        break;
    }
  },
};

export default rule;
