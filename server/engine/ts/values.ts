/**
 * Static-value analysis over compiler nodes: can the value of an expression be pinned, within this file, to
 * constants (literals, consts, numbers, allowlisted picks)? Used by injection rules to tell string-built
 * code from constant code. Scope-aware (walks up blocks and functions), never uses the type checker.
 */
import { ts } from 'ts-morph';
import { accessPath, calleeName, envVarName, unwrap } from './helpers';

const SCREAMING = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const NUMERIC_FNS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt', 'isNaN', 'isFinite']);
/** Generators whose output is made of safe characters (ids, uuids). */
const ID_FNS = new Set(['randomUUID', 'uuid', 'uuidv4', 'uuidv7', 'v4', 'v7', 'ulid', 'cuid', 'cuid2', 'createId']);
const NUMERIC_OBJECTS = new Set(['Math', 'Number', 'Date']);
const SAME_AS_RECEIVER = new Set(['toString', 'trim', 'trimStart', 'trimEnd', 'toUpperCase', 'toLowerCase', 'toLocaleUpperCase', 'toLocaleLowerCase', 'slice', 'substring', 'substr', 'padStart', 'padEnd', 'repeat', 'at', 'charAt', 'normalize', 'filter', 'sort', 'reverse', 'valueOf', 'flat']);
const NUMERIC_METHODS = new Set(['toFixed', 'toPrecision', 'getTime', 'toISOString', 'toJSON', 'indexOf', 'lastIndexOf', 'findIndex', 'includes', 'some', 'every', 'has', 'startsWith', 'endsWith', 'test', 'localeCompare', 'charCodeAt', 'getFullYear', 'getMonth', 'getDate']);
const INDEX_CALLBACKS = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex']);
const ESCAPE_FNS = /^(escape|escapeId|escapeIdentifier|escapeLiteral|escapeString|escapeSql|sqlEscape|quoteIdent|quoteIdentifier|quoteLiteral|quote_ident|quote_literal|escapeValue)$/;
const FORMAT_MODULES = new Set(['pg-format', 'sqlstring', 'mysql', 'mysql2', 'mysql2/promise', 'pg-escape']);

import { findDeclaration } from './declarations';

export { findDeclaration };

/** The expressions a variable may hold: its initializer, later assignments, and (for arrays) pushed elements. */
export function variableSources(decl: ts.VariableDeclaration): ts.Expression[] {
  const out: ts.Expression[] = [];
  if (decl.initializer) out.push(decl.initializer);
  const list = decl.parent;
  if (!ts.isIdentifier(decl.name) || (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const && !(decl.initializer && (ts.isArrayLiteralExpression(unwrap(decl.initializer)) || ts.isObjectLiteralExpression(unwrap(decl.initializer)))))) return out;
  const name = decl.name.text;
  let scope: ts.Node = list.parent;
  while (scope && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope) && !ts.isModuleBlock(scope) && !ts.isCaseClause(scope)) scope = scope.parent;
  const isName = (e: ts.Expression) => ts.isIdentifier(unwrap(e)) && (unwrap(e) as ts.Identifier).text === name;
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      if (isName(n.left)) out.push(n.right);
      else if (ts.isElementAccessExpression(n.left) && isName(n.left.expression)) out.push(n.right);
      else if (ts.isPropertyAccessExpression(n.left) && isName(n.left.expression)) out.push(n.right);
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && isName(n.expression.expression) && /^(push|unshift|splice|add|set)$/.test(n.expression.name.text)) {
      out.push(...n.arguments.slice(n.expression.name.text === 'splice' ? 2 : n.expression.name.text === 'set' ? 1 : 0));
    }
    ts.forEachChild(n, visit);
  };
  if (scope) visit(scope);
  return out;
}

/** The expressions a function returns (expression body, or every `return` not inside a nested function). */
export function returnedExpressions(fn: ts.SignatureDeclaration): ts.Expression[] | undefined {
  const body = (fn as ts.FunctionLikeDeclarationBase).body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    ts.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return out;
}

function asFunction(e: ts.Expression | undefined): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const u = e && unwrap(e);
  return u && (ts.isArrowFunction(u) || ts.isFunctionExpression(u)) ? u : undefined;
}

function isSafeType(t: ts.TypeNode | undefined): boolean {
  if (!t) return false;
  if (t.kind === ts.SyntaxKind.NumberKeyword || t.kind === ts.SyntaxKind.BooleanKeyword || t.kind === ts.SyntaxKind.BigIntKeyword) return true;
  if (ts.isLiteralTypeNode(t)) return true;
  if (ts.isUnionTypeNode(t)) return t.types.every((x) => isSafeType(x) || x.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isLiteralTypeNode(x) && x.literal.kind === ts.SyntaxKind.NullKeyword));
  if (ts.isParenthesizedTypeNode(t)) return isSafeType(t.type);
  return false;
}

/** A numeric index parameter: `(_, i) => ...` passed to map/forEach, `Array.from(x, (_, i) => ...)`, reduce's third. */
function isIndexParameter(p: ts.ParameterDeclaration): boolean {
  const fn = p.parent;
  const idx = fn.parameters.indexOf(p);
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const name = calleeName(call);
  if (name === 'reduce' || name === 'reduceRight') return idx === 2;
  if (idx !== 1) return false;
  if (name && INDEX_CALLBACKS.has(name)) return call.arguments[0] === fn;
  const path = accessPath(call.expression);
  return path?.join('.') === 'Array.from' && call.arguments[1] === fn;
}

/** The array whose elements a callback's first parameter receives: `cols` in `cols.map((c) => ...)`. */
function elementSource(p: ts.ParameterDeclaration): ts.Expression | undefined {
  const fn = p.parent;
  const call = fn.parent;
  if (fn.parameters[0] !== p || !ts.isIdentifier(p.name) || !ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
  const name = calleeName(call);
  return name && INDEX_CALLBACKS.has(name) && ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined;
}

/** True when the statement leaves its block (throw / return / continue / break), directly or as a block's last statement. */
function exits(st: ts.Statement): boolean {
  if (ts.isThrowStatement(st) || ts.isReturnStatement(st) || ts.isContinueStatement(st) || ts.isBreakStatement(st)) return true;
  if (ts.isBlock(st)) return st.statements.some(exits);
  if (ts.isExpressionStatement(st)) {
    const e = unwrap(st.expression);
    return ts.isCallExpression(e) && /^(next|reject|fail|badRequest|abort)$/i.test(calleeName(e) ?? '');
  }
  return false;
}

/** `LIST.includes(x)`, `SET.has(x)`, `x in MAP`, `LIST.indexOf(x) !== -1`: the allowlist receiver when `x` is the name checked. */
function allowlistOf(cond: ts.Expression, name: string): ts.Expression | undefined {
  const c = unwrap(cond);
  const isName = (e: ts.Expression) => { const u = unwrap(e); return ts.isIdentifier(u) && u.text === name; };
  if (ts.isCallExpression(c) && ts.isPropertyAccessExpression(c.expression) && /^(includes|has|hasOwnProperty)$/.test(c.expression.name.text) && c.arguments[0] && isName(c.arguments[0])) return c.expression.expression;
  if (ts.isCallExpression(c) && accessPath(c.expression)?.join('.') === 'Object.hasOwn' && c.arguments[1] && isName(c.arguments[1])) return c.arguments[0];
  if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.InKeyword && isName(c.left)) return c.right;
  return undefined;
}

function negatedAllowlist(cond: ts.Expression, name: string): ts.Expression | undefined {
  const c = unwrap(cond);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return allowlistOf(c.operand, name);
  if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.BarBarToken) return negatedAllowlist(c.left, name) ?? negatedAllowlist(c.right, name);
  if (ts.isBinaryExpression(c) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.LessThanToken].includes(c.operatorToken.kind)) {
    const l = unwrap(c.left);
    if (ts.isCallExpression(l) && ts.isPropertyAccessExpression(l.expression) && l.expression.name.text === 'indexOf' && l.arguments[0] && ts.isIdentifier(unwrap(l.arguments[0])) && (unwrap(l.arguments[0]) as ts.Identifier).text === name) return l.expression.expression;
  }
  return undefined;
}

function positiveAllowlist(cond: ts.Expression, name: string): ts.Expression | undefined {
  const c = unwrap(cond);
  if (ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return positiveAllowlist(c.left, name) ?? positiveAllowlist(c.right, name);
  return allowlistOf(c, name);
}

export class StaticValues {
  private readonly memo = new Map<ts.Node, ts.Expression | null>();
  private readonly visiting = new Set<ts.Node>();

  constructor(private readonly resolveModule?: (id: ts.Identifier) => string | undefined) {}

  /** The first part of `e` whose value this file cannot pin to constants (the culprit), or undefined when `e` is static. */
  dynamicPart(e: ts.Expression | undefined): ts.Expression | undefined {
    if (!e) return undefined;
    const key = e;
    if (this.memo.has(key)) return this.memo.get(key) ?? undefined;
    if (this.visiting.has(key) || this.visiting.size > 60) return undefined;
    this.visiting.add(key);
    let r: ts.Expression | undefined;
    try { r = this.compute(e); } finally { this.visiting.delete(key); }
    // A result reached through a cut cycle is partial: only top-level answers are remembered.
    if (this.visiting.size === 0) this.memo.set(key, r ?? null);
    return r;
  }

  isStatic(e: ts.Expression | undefined): boolean { return !this.dynamicPart(e); }

  private first(list: readonly (ts.Expression | undefined)[]): ts.Expression | undefined {
    for (const x of list) { const d = this.dynamicPart(x); if (d) return d; }
    return undefined;
  }

  private compute(e0: ts.Expression): ts.Expression | undefined {
    const e = unwrap(e0);
    switch (e.kind) {
      case ts.SyntaxKind.StringLiteral: case ts.SyntaxKind.NoSubstitutionTemplateLiteral: case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.BigIntLiteral: case ts.SyntaxKind.TrueKeyword: case ts.SyntaxKind.FalseKeyword: case ts.SyntaxKind.NullKeyword:
      case ts.SyntaxKind.RegularExpressionLiteral: case ts.SyntaxKind.VoidExpression: case ts.SyntaxKind.TypeOfExpression:
      case ts.SyntaxKind.DeleteExpression: case ts.SyntaxKind.PostfixUnaryExpression:
        return undefined;
    }
    if (ts.isTemplateExpression(e)) return this.first(e.templateSpans.map((s) => s.expression));
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return this.first([e.left, e.right]);
      if (op === ts.SyntaxKind.CommaToken || (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment)) return this.dynamicPart(e.right);
      return undefined; // arithmetic, comparison, instanceof, in: numbers and booleans
    }
    if (ts.isPrefixUnaryExpression(e)) return undefined;
    if (ts.isConditionalExpression(e)) {
      const whenTrue = unwrap(e.whenTrue);
      if (ts.isIdentifier(whenTrue)) {
        const list = positiveAllowlist(e.condition, whenTrue.text);
        if (list && this.isStatic(list)) return this.dynamicPart(e.whenFalse);
      }
      return this.first([e.whenTrue, e.whenFalse]);
    }
    if (ts.isArrayLiteralExpression(e)) return this.first(e.elements.map((x) => (ts.isSpreadElement(x) ? x.expression : x)));
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        const v = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : ts.isSpreadAssignment(p) ? p.expression : undefined;
        if (!v) return e;
        const d = this.dynamicPart(v);
        if (d) return d;
      }
      return undefined;
    }
    if (ts.isIdentifier(e)) return this.identifier(e);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return this.access(e);
    if (ts.isCallExpression(e) || ts.isNewExpression(e)) return this.call(e);
    return e;
  }

  private identifier(id: ts.Identifier): ts.Expression | undefined {
    if (id.text === 'undefined' || id.text === 'NaN' || id.text === 'Infinity') return undefined;
    if (this.guarded(id)) return undefined;
    const decl = findDeclaration(id);
    if (!decl) return SCREAMING.test(id.text) ? undefined : id;
    if (ts.isParameter(decl)) {
      if (isSafeType(decl.type) || isIndexParameter(decl)) return undefined;
      const recv = elementSource(decl);
      return recv ? this.dynamicPart(recv) : id;
    }
    if (ts.isVariableDeclaration(decl)) {
      const list = decl.parent;
      if (ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent))) {
        if (ts.isForInStatement(list.parent)) return this.isStatic(list.parent.expression) ? undefined : id;
        return this.dynamicPart(list.parent.expression) ? id : undefined;
      }
      if (!decl.initializer && ts.isCatchClause(decl.parent)) return id;
      return this.first(variableSources(decl));
    }
    if (ts.isEnumDeclaration(decl)) return undefined;
    // Module-level values from other modules (table maps, config) are the code's own, not request input.
    if (ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl)) return undefined;
    return id;
  }

  /** Inside `if (ALLOWED.includes(x)) { ... }`, or after `if (!ALLOWED.includes(x)) throw ...`. */
  private guarded(id: ts.Identifier): boolean {
    const name = id.text;
    let child: ts.Node = id;
    for (let n: ts.Node | undefined = id.parent; n; child = n, n = n.parent) {
      if (ts.isIfStatement(n) && child === n.thenStatement) {
        const list = positiveAllowlist(n.expression, name);
        if (list && this.isStatic(list)) return true;
      }
      if (ts.isBlock(n) || ts.isSourceFile(n)) {
        for (const st of n.statements) {
          if (st === child) break;
          if (ts.isIfStatement(st) && exits(st.thenStatement)) {
            const list = negatedAllowlist(st.expression, name);
            if (list && this.isStatic(list)) return true;
          }
        }
      }
      if (ts.isFunctionLike(n) && !ts.isArrowFunction(n)) break;
    }
    return false;
  }

  private access(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): ts.Expression | undefined {
    if (ts.isPropertyAccessExpression(e) && (e.name.text === 'length' || e.name.text === 'size')) return undefined;
    if (envVarName(e)) return undefined;
    const obj = unwrap(e.expression);
    if (obj.kind === ts.SyntaxKind.ThisKeyword && ts.isPropertyAccessExpression(e)) return this.thisMember(e) ? e : undefined;
    if (ts.isIdentifier(obj) && NUMERIC_OBJECTS.has(obj.text)) return undefined;
    return this.dynamicPart(obj) ? e : undefined;
  }

  /**
   * `this.table` is dynamic (true) only on evidence: a non-constant initializer or getter, or a method other than
   * the constructor assigning it a non-constant value. Values set at construction are the code's own choice.
   */
  private thisMember(e: ts.PropertyAccessExpression): boolean {
    let cls: ts.Node | undefined = e.parent;
    while (cls && !ts.isClassLike(cls)) cls = cls.parent;
    if (!cls) return true;
    const name = e.name.text;
    for (const m of (cls as ts.ClassLikeDeclaration).members) {
      if (ts.isPropertyDeclaration(m) && m.name && ts.isIdentifier(m.name) && m.name.text === name && m.initializer && !this.isStatic(m.initializer)) return true;
      if (ts.isGetAccessorDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name && this.first(returnedExpressions(m) ?? [])) return true;
      if (ts.isConstructorDeclaration(m) || !('body' in m) || !m.body) continue;
      let dynamic = false;
      const visit = (n: ts.Node): void => {
        if (dynamic) return;
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name && !this.isStatic(n.right)) dynamic = true;
        ts.forEachChild(n, visit);
      };
      visit(m.body as ts.Node);
      if (dynamic) return true;
    }
    return false;
  }

  private call(e: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
    const callee = unwrap(e.expression);
    const args = e.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    const name = calleeName(e);
    if (ts.isIdentifier(callee)) {
      if (NUMERIC_FNS.has(callee.text) || ID_FNS.has(callee.text) || callee.text === 'Array') return undefined;
      if (callee.text === 'String' || callee.text === 'Set' || callee.text === 'Map') return this.dynamicPart(args[0]);
      if (ESCAPE_FNS.test(callee.text)) return undefined;
      const module = this.resolveModule?.(callee);
      if (module && FORMAT_MODULES.has(module)) return undefined;
      const decl = findDeclaration(callee);
      const fn = decl && ts.isFunctionDeclaration(decl) ? decl : decl && ts.isVariableDeclaration(decl) ? asFunction(decl.initializer) : undefined;
      if (fn && !this.visiting.has(fn)) {
        this.visiting.add(fn);
        try { return this.first(returnedExpressions(fn) ?? [e]) ? e : undefined; } finally { this.visiting.delete(fn); }
      }
      return e;
    }
    if (!ts.isPropertyAccessExpression(callee) || !name) return e;
    const recv = callee.expression;
    const root = accessPath(recv)?.[0];
    if (root && NUMERIC_OBJECTS.has(root) && accessPath(recv)!.length === 1) return undefined;
    if (ESCAPE_FNS.test(name) || ID_FNS.has(name)) return undefined;
    if (name === 'format' && root && this.resolveModule && ts.isIdentifier(unwrap(recv)) && FORMAT_MODULES.has(this.resolveModule(unwrap(recv) as ts.Identifier) ?? '')) return undefined;
    if (accessPath(callee)?.join('.') === 'Array.from') {
      const fn = asFunction(args[1]);
      return fn ? (this.first(returnedExpressions(fn) ?? []) ? e : undefined) : this.dynamicPart(args[0]) ? e : undefined;
    }
    if (accessPath(callee)?.join('.') === 'Array.of') return this.first(args) ? e : undefined;
    if (root === 'Object' && /^(keys|values|entries|freeze|fromEntries)$/.test(name)) return this.dynamicPart(args[0]) ? e : undefined;
    if (NUMERIC_METHODS.has(name)) return undefined;
    if (name === 'map' || name === 'flatMap') {
      const fn = asFunction(args[0]);
      return fn && !this.first(returnedExpressions(fn) ?? [e]) ? undefined : e;
    }
    if (name === 'fill') return this.dynamicPart(args[0]) ? e : undefined;
    if (name === 'join' || name === 'concat' || name === 'replace' || name === 'replaceAll' || name === 'split') return this.dynamicPart(recv) || this.first(args.filter((a) => !asFunction(a))) ? e : undefined;
    if (SAME_AS_RECEIVER.has(name)) return this.dynamicPart(recv) ? e : undefined;
    return e;
  }
}

/** Reads request input directly: `req.body.x`, `req.query`, `ctx.request.body`, `c.req.query('q')`, `searchParams.get('q')`. */
export function readsRequest(node: ts.Node): boolean {
  const ROOTS = new Set(['req', 'request', 'ctx', 'c', 'context', 'event']);
  const FIELDS = new Set(['body', 'query', 'params', 'headers', 'cookies', 'param', 'header', 'json', 'formData', 'searchParams', 'valid']);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const p = accessPath(n);
      if (p && ROOTS.has(p[0]) && p.slice(1).some((x) => FIELDS.has(x))) { found = true; return; }
      if (p && p[p.length - 1] === 'searchParams') { found = true; return; }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}
