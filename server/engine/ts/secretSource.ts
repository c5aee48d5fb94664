/**
 * Where a hardcoded secret comes from (a literal, or an env read with a literal fallback), followed through
 * consts, config objects and key wrappers; and the "read it from process.env" fix. Shared by the rules about
 * hardcoded JWT and session secrets.
 */
import { ts } from 'ts-morph';
import type { Fix } from '../types';
import { accessPath, asObject, calleeName, envVarName, findProperty, stringValue, unwrap, type ConstTable } from './helpers';
import { replaceNode } from './edits';

/** Where a secret came from: a literal, or a non-literal value with a literal fallback. */
export type SecretSource =
  | { kind: 'literal'; node: ts.Expression; value: string; hint?: string }
  | { kind: 'fallback'; node: ts.Expression; lit: ts.Expression; value: string; keep: ts.Expression; hint?: string; schemaDefault?: boolean };

export const ENV_LIKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const ENV_GATE_VARS = new Set(['NODE_ENV', 'APP_ENV', 'ENV', 'ENVIRONMENT', 'VERCEL_ENV', 'MODE', 'DEV', 'PROD']);
const ENV_GATE_NAME = /^(is)?(prod|production|dev|development|local|test|testing|staging)(env|mode)?$/i;

export function screamingSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s.]+/g, '_').toUpperCase();
}

/** The env var name a const or property name suggests, when it is specific enough to reuse (not in `generic`, and matching `wanted`). */
export function nameFromHint(hint: string | undefined, generic: ReadonlySet<string>, wanted = /(SECRET|KEY)/): string | undefined {
  if (!hint) return undefined;
  const snake = ENV_LIKE.test(hint) ? hint : screamingSnake(hint);
  if (!ENV_LIKE.test(snake) || generic.has(snake) || !wanted.test(snake)) return undefined;
  return snake;
}

/** A condition on the environment (`NODE_ENV === 'production'`, `isProd`, `config.get('env')`). */
export function isEnvGate(cond: ts.Expression): boolean {
  let gated = false;
  const visit = (n: ts.Node): void => {
    if (gated) return;
    const env = envVarName(n);
    if (env) { if (ENV_GATE_VARS.has(env)) gated = true; return; }
    if (ts.isIdentifier(n) && ENV_GATE_NAME.test(n.text)) { gated = true; return; }
    if (ts.isCallExpression(n) && calleeName(n) === 'get' && n.arguments.length === 1 && stringValue(n.arguments[0]) === 'env') { gated = true; return; }
    ts.forEachChild(n, visit);
  };
  visit(cond);
  return gated;
}

/** The object literal a (const) object or a member of one is: `cfg`, `cfg.jwt`. */
export function objectOf(e: ts.Expression, consts: ConstTable, depth = 0): ts.ObjectLiteralExpression | undefined {
  e = unwrap(e);
  if (depth > 4) return undefined;
  if (ts.isIdentifier(e) || ts.isObjectLiteralExpression(e)) return asObject(e, consts);
  if (ts.isPropertyAccessExpression(e)) {
    const parent = objectOf(e.expression, consts, depth + 1);
    const p = parent && findProperty(parent, e.name.text, consts);
    return p?.value ? objectOf(p.value, consts, depth + 1) : undefined;
  }
  return undefined;
}

/** Key wrappers that keep a literal a literal: `new TextEncoder().encode(x)`, `Buffer.from(x)`, `createSecretKey(x)`. */
function wrappedKey(call: ts.CallExpression, consts: ConstTable): ts.Expression | undefined {
  const callee = unwrap(call.expression);
  // `(process.env.KEY || 'fallback').padEnd(32, '0').slice(0, 32)`: the same key, shaped to a length
  if (ts.isPropertyAccessExpression(callee) && /^(padEnd|padStart|slice|substring|substr|trim|toString)$/.test(callee.name.text)) return callee.expression;
  const arg = call.arguments[0];
  if (!arg) return undefined;
  const name = calleeName(call);
  if (name === 'encode' && ts.isPropertyAccessExpression(callee)) {
    const recv = consts.resolve(callee.expression);
    if (recv && ts.isNewExpression(recv) && calleeName(recv) === 'TextEncoder') return arg;
  }
  const path = accessPath(callee);
  if (path?.length === 2 && path[0] === 'Buffer' && path[1] === 'from') return arg;
  if (name === 'createSecretKey') return arg;
  return undefined;
}

/** The hardcoded source of a secret value, followed through consts, config objects, fallbacks and key wrappers. */
export function secretSource(e: ts.Expression | undefined, consts: ConstTable, hint?: string, depth = 0): SecretSource | undefined {
  if (!e || depth > 6) return undefined;
  e = unwrap(e);
  if (ts.isIdentifier(e)) {
    const init = consts.get(e.text);
    return init ? secretSource(init, consts, e.text, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const init = thisFieldValue(e);
    return init ? secretSource(init, consts, hint ?? e.name.text, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && !envVarName(e)) {
    const obj = objectOf(e.expression, consts);
    const p = obj && findProperty(obj, e.name.text, consts);
    return p?.value ? secretSource(p.value, consts, hint ?? e.name.text, depth + 1) : undefined;
  }
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    const value = stringValue(e, consts);
    return value ? { kind: 'literal', node: e, value, hint } : undefined;
  }
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    const left = secretSource(e.left, consts, hint, depth + 1);
    if (left) return left;
    const right = secretSource(e.right, consts, hint, depth + 1);
    if (!right) return undefined;
    return { kind: 'fallback', node: e, lit: right.kind === 'literal' ? right.node : right.lit, value: right.value, keep: e.left, hint };
  }
  if (ts.isConditionalExpression(e)) {
    const t = secretSource(e.whenTrue, consts, hint, depth + 1);
    const f = secretSource(e.whenFalse, consts, hint, depth + 1);
    if (t && f) return { kind: 'literal', node: e, value: t.value, hint };
    if (!t && !f) return undefined;
    if (isEnvGate(e.condition)) return undefined;
    const lit = (t ?? f)!;
    return { kind: 'fallback', node: e, lit: lit.kind === 'literal' ? lit.node : lit.lit, value: lit.value, keep: t ? e.whenFalse : e.whenTrue, hint };
  }
  if (ts.isCallExpression(e)) {
    const inner = wrappedKey(e, consts);
    if (inner) return secretSource(inner, consts, hint, depth + 1);
    // z.string().default('dev-secret'): the schema's default is a fallback
    const callee = unwrap(e.expression);
    if (calleeName(e) === 'default' && ts.isPropertyAccessExpression(callee) && e.arguments.length === 1) {
      const lit = secretSource(e.arguments[0], consts, hint, depth + 1);
      if (lit?.kind === 'literal') return { kind: 'fallback', node: e, lit: lit.node, value: lit.value, keep: callee.expression, hint, schemaDefault: true };
    }
  }
  return undefined;
}

/**
 * What `this.x` holds in its class: the field's initializer (`private secret = process.env.KEY || 'secret'`), or the
 * value the constructor assigns (`this.secret = ...`) when it is the only assignment in the class.
 */
function thisFieldValue(e: ts.PropertyAccessExpression): ts.Expression | undefined {
  let cls: ts.Node | undefined = e.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls) return undefined;
  const name = e.name.text;
  const members = (cls as ts.ClassLikeDeclaration).members;
  for (const m of members) if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name && m.initializer && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) return m.initializer;
  const assigned: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) assigned.push(n.right);
    ts.forEachChild(n, visit);
  };
  for (const m of members) if (!ts.isPropertyDeclaration(m)) visit(m);
  const inCtor = members.find(ts.isConstructorDeclaration);
  return assigned.length === 1 && inCtor && assigned[0].pos >= inCtor.pos && assigned[0].end <= inCtor.end ? assigned[0] : undefined;
}

/** The env var a kept expression reads: `process.env.X`, `config.get('X')`. */
export function keptEnvName(e: ts.Expression): string | undefined {
  e = unwrap(e);
  const env = envVarName(e);
  if (env) return env;
  if (ts.isCallExpression(e) && /^(get|getOrThrow)$/.test(calleeName(e) ?? '')) {
    const key = stringValue(e.arguments[0]);
    if (key && ENV_LIKE.test(key)) return key;
  }
  return undefined;
}

/** The env var a fallback already reads (or a schema default's key), when there is one. */
export function fallbackEnvName(source: SecretSource): string | undefined {
  if (source.kind !== 'fallback') return undefined;
  return keptEnvName(source.keep) ?? (source.schemaDefault && source.hint && ENV_LIKE.test(source.hint) ? source.hint : undefined);
}

/** `process.env.X` as the file's language wants it (TS files get a non-null assertion). */
export function envRead(filePath: string, name: string): string {
  return `process.env.${name}${/\.[cm]?jsx?$/i.test(filePath) ? '' : '!'}`;
}

/**
 * The fix for a hardcoded secret: a literal becomes `process.env.<envName>` (and the name goes to .env.example);
 * a fallback is dropped, keeping the env read. Undefined when the source sits in another file.
 */
export function envSecretFix(sf: ts.SourceFile, filePath: string, source: SecretSource, envName: string, what = 'secret'): Fix | undefined {
  if (source.node.getSourceFile() !== sf) return undefined;
  const kept = fallbackEnvName(source);
  const isJs = /\.[cm]?jsx?$/i.test(filePath);
  let text: string;
  if (source.kind === 'literal') text = envRead(filePath, envName);
  else {
    const keep = unwrap(source.keep);
    text = envVarName(keep) && !isJs && !ts.isNonNullExpression(source.keep) ? `${keep.getText(sf)}!` : source.keep.getText(sf);
  }
  return {
    title: source.kind === 'literal' ? `Read the ${what} from process.env.${envName}` : 'Remove the hardcoded fallback',
    safe: false,
    edits: [replaceNode(sf, filePath, source.node, text)],
    ...(kept || source.kind === 'literal' ? { envKeys: { near: filePath, keys: [envName] } } : {}),
  };
}
