/** Small helpers over TypeScript compiler nodes shared by rules: callee resolution, literals, object options. */
import { ts } from 'ts-morph';
import type { FileImports } from './imports';
import { findDeclaration } from './declarations';

const K = ts.SyntaxKind;

/** Strips parentheses, `as`, `!`, `satisfies`, type assertions and `await`. */
export function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    switch (e.kind) {
      case K.ParenthesizedExpression: case K.AsExpression: case K.NonNullExpression: case K.SatisfiesExpression: case K.TypeAssertionExpression: case K.AwaitExpression:
        e = (e as ts.ParenthesizedExpression).expression; continue;
      default: return e;
    }
  }
}

/** `a.b.c` -> ['a','b','c']; `a['b']` counts too. Undefined when the chain has calls or computed non-literals. */
export function accessPath(e: ts.Expression): string[] | undefined {
  const out: string[] = [];
  for (e = unwrap(e); ; e = unwrap(e)) {
    switch (e.kind) {
      case K.Identifier: out.push((e as ts.Identifier).text); return out.reverse();
      case K.ThisKeyword: out.push('this'); return out.reverse();
      case K.PropertyAccessExpression: out.push((e as ts.PropertyAccessExpression).name.text); e = (e as ts.PropertyAccessExpression).expression; continue;
      case K.ElementAccessExpression: {
        const arg = (e as ts.ElementAccessExpression).argumentExpression;
        if (arg.kind !== K.StringLiteral && arg.kind !== K.NoSubstitutionTemplateLiteral) return undefined;
        out.push((arg as ts.StringLiteral).text); e = (e as ts.ElementAccessExpression).expression; continue;
      }
      default: return undefined;
    }
  }
}

/** What a callee refers to in terms of modules: `jwt.sign` with `jwt` from 'jsonwebtoken' -> { module: 'jsonwebtoken', path: ['sign'] }. */
export interface ResolvedCallee { readonly module: string; readonly path: readonly string[] }

export function resolveCallee(callee: ts.Expression, imports: FileImports): ResolvedCallee | undefined {
  // Most calls are on local values (`res.json`, `items.map`): find the chain's root before building any path.
  let root = unwrap(callee);
  while (root.kind === K.PropertyAccessExpression || root.kind === K.ElementAccessExpression) root = unwrap((root as ts.PropertyAccessExpression).expression);
  if (root.kind !== K.Identifier || !imports.bindings.has((root as ts.Identifier).text)) return undefined;
  // Many rules resolve the same call of an imported module: resolve each callee once per file analysis.
  let memo = resolved.get(imports);
  if (!memo) resolved.set(imports, (memo = new Map()));
  const known = memo.get(callee);
  if (known !== undefined) return known ?? undefined;
  const path = accessPath(callee);
  let out: ResolvedCallee | undefined;
  if (path) {
    const b = imports.bindings.get(path[0])!;
    const head = b.name === '*' || b.name === 'default' ? [] : [b.name];
    const rest = path.slice(1);
    // `import jwt from 'jsonwebtoken'; jwt.default.sign` is rare; drop a leading 'default' member.
    if (rest[0] === 'default' && (b.name === '*' || b.name === 'default')) rest.shift();
    out = { module: b.module, path: [...head, ...rest] };
  }
  memo.set(callee, out ?? null);
  return out;
}
const resolved = new WeakMap<FileImports, Map<ts.Expression, ResolvedCallee | null>>();

/** The name called: `a.b.sign(...)` -> 'sign', `sign(...)` -> 'sign'. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = unwrap(call.expression);
  switch (e.kind) {
    case K.Identifier: return (e as ts.Identifier).text;
    case K.PropertyAccessExpression: return (e as ts.PropertyAccessExpression).name.text;
    case K.ElementAccessExpression: {
      const arg = (e as ts.ElementAccessExpression).argumentExpression;
      return arg.kind === K.StringLiteral || arg.kind === K.NoSubstitutionTemplateLiteral ? (arg as ts.StringLiteral).text : undefined;
    }
    default: return undefined;
  }
}

/** Text of a property name (identifier, string or numeric literal), else undefined. */
export function propName(name: ts.PropertyName | ts.MemberName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** Constant declarations of a file (name -> initializer), built lazily once per file. */
export class ConstTable {
  private static readonly bySource = new WeakMap<ts.SourceFile, ConstTable>();
  /** The file's table, shared by the rules and the facts collectors (it walks the whole file once, when first read). */
  static of(sf: ts.SourceFile): ConstTable {
    let t = ConstTable.bySource.get(sf);
    if (!t) ConstTable.bySource.set(sf, (t = new ConstTable(sf)));
    return t;
  }
  private table?: Map<string, ts.Expression | null>;
  constructor(private readonly sf: ts.SourceFile) {}
  get(name: string): ts.Expression | undefined {
    if (!this.table) {
      const t = new Map<string, ts.Expression | null>();
      const visit = (n: ts.Node): void => {
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
          const list = n.parent;
          const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
          // A name declared twice is ambiguous: remember that, resolve neither.
          t.set(n.name.text, isConst && !t.has(n.name.text) ? n.initializer : null);
        }
        ts.forEachChild(n, visit);
      };
      visit(this.sf);
      this.table = t;
    }
    return this.table.get(name) ?? undefined;
  }
  /**
   * The const initializer an identifier names, as seen from where it is used: the file-wide table, or for a name
   * declared more than once in the file (`const sql` in every function) the declaration in scope.
   */
  valueOf(id: ts.Identifier): ts.Expression | undefined {
    const hit = this.get(id.text);
    if (hit || this.table!.get(id.text) !== null) return hit;
    const d = findDeclaration(id);
    return d && ts.isVariableDeclaration(d) && d.initializer && ts.isVariableDeclarationList(d.parent) && d.parent.flags & ts.NodeFlags.Const ? d.initializer : undefined;
  }
  /** Follows identifiers to their const initializers (a few steps at most). */
  resolve(e: ts.Expression | undefined): ts.Expression | undefined {
    for (let i = 0; e && i < 5; i++) {
      e = unwrap(e);
      if (!ts.isIdentifier(e)) return e;
      const next = this.valueOf(e);
      if (!next) return e;
      e = next;
    }
    return e;
  }
}

/** The object literal an options argument is, following const identifiers. */
export function asObject(e: ts.Expression | undefined, consts?: ConstTable): ts.ObjectLiteralExpression | undefined {
  if (!e) return undefined;
  const r = consts ? consts.resolve(e) : unwrap(e);
  return r && ts.isObjectLiteralExpression(r) ? r : undefined;
}

export interface FoundProperty { name: string; node: ts.ObjectLiteralElementLike; value?: ts.Expression }

/**
 * Finds property `name` in an object literal, looking into spreads of const objects (`{ ...base, x }`).
 * The last definition wins, as at run time. `unknownSpread` is true when a spread could not be followed.
 */
export function findProperty(obj: ts.ObjectLiteralExpression, name: string, consts?: ConstTable, depth = 0): FoundProperty | undefined {
  let found: FoundProperty | undefined;
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      const inner = depth < 4 ? asObject(p.expression, consts) : undefined;
      const f = inner && findProperty(inner, name, consts, depth + 1);
      if (f) found = f;
      continue;
    }
    if (propName(p.name) !== name) continue;
    if (ts.isPropertyAssignment(p)) found = { name, node: p, value: p.initializer };
    else if (ts.isShorthandPropertyAssignment(p)) found = { name, node: p, value: p.name };
    else found = { name, node: p };
  }
  return found;
}

/** True when the object has a spread this file cannot see into (so a missing option may be set there). */
export function hasOpaqueSpread(obj: ts.ObjectLiteralExpression, consts?: ConstTable): boolean {
  return obj.properties.some((p) => ts.isSpreadAssignment(p) && !asObject(p.expression, consts));
}

/** The static string value of an expression (literals, no-substitution templates, constants, simple concatenation). */
export function stringValue(e: ts.Expression | undefined, consts?: ConstTable, depth = 0): string | undefined {
  if (!e || depth > 5) return undefined;
  e = unwrap(e);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isIdentifier(e) && consts) { const r = consts.valueOf(e); return r ? stringValue(r, consts, depth + 1) : undefined; }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = stringValue(e.left, consts, depth + 1); const b = stringValue(e.right, consts, depth + 1);
    return a !== undefined && b !== undefined ? a + b : undefined;
  }
  if (ts.isTemplateExpression(e)) {
    let s = e.head.text;
    for (const span of e.templateSpans) {
      const v = stringValue(span.expression, consts, depth + 1);
      if (v === undefined) return undefined;
      s += v + span.literal.text;
    }
    return s;
  }
  return undefined;
}

/** True for `true` literal (following consts). */
export function isTrue(e: ts.Expression | undefined, consts?: ConstTable): boolean {
  const r = e && (consts ? consts.resolve(e) : unwrap(e));
  return !!r && r.kind === ts.SyntaxKind.TrueKeyword;
}
export function isFalse(e: ts.Expression | undefined, consts?: ConstTable): boolean {
  const r = e && (consts ? consts.resolve(e) : unwrap(e));
  return !!r && r.kind === ts.SyntaxKind.FalseKeyword;
}

/** Reads of the environment inside an expression: `process.env.X`, `process.env['X']`, `import.meta.env.X`. */
export function envVarName(e: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const obj = e.expression;
    const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : undefined;
    if (!name) return undefined;
    const p = accessPath(obj);
    if (p && p.length === 2 && p[0] === 'process' && p[1] === 'env') return name;
    if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'env' && ts.isMetaProperty(obj.expression)) return name;
  }
  return undefined;
}

/** True when the expression mentions the environment at all (env var, NODE_ENV checks, config getters). */
export function readsEnvironment(e: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (envVarName(n)) { found = true; return; }
    if (ts.isCallExpression(n)) {
      const name = calleeName(n);
      if (name && /^(get|getOrThrow|getEnv|env|requireEnv)$/.test(name)) { found = true; return; }
    }
    ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/** Whether a file path looks like a test, fixture, mock or story (rules about production code stay quiet there). */
export function isTestPath(path: string): boolean {
  return TEST_DIR.test(path) || TEST_FILE.test(path);
}
/** `test/`, `__tests__/`, `e2e/`...; also compounds: `integration-tests/`, `e2e_tests/`, `test-utils/`, `tests-e2e/` (not `testimonials/`). */
const TEST_DIR = /(^|\/)(__tests__|__mocks__|tests?|specs?|e2e|fixtures?|mocks?|stories|cypress|playwright|[\w.]+[-_](tests?|specs?|e2e)|(tests?|e2e)[-_][\w.-]+)(\/|$)/i;
/** `x.test.ts`, `x.spec.ts`...; and a test runner's setup files (`testSetup.ts`, `setupTests.ts`, `jest.setup.ts`, `vitest.setup.ts`). */
const TEST_FILE = /\.(test|spec|e2e|stories|fixture|mock)\.[cm]?[jt]sx?$|(^|\/)(test[-_.]?setup|setup[-_.]?tests?|(jest|vitest|playwright)\.(setup|config|global-setup))\.[cm]?[jt]sx?$/i;
