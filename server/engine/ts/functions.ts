/** Functions around a node: the enclosing and outermost function, its name, and searches inside it. */
import { ts } from 'ts-morph';
import { propName } from './helpers';

export type FunctionNode = ts.FunctionLikeDeclaration;

function hasBody(n: ts.Node): n is FunctionNode {
  return (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) && !!n.body;
}

/** The nearest function (with a body) around a node. */
export function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (hasBody(n)) return n;
  return undefined;
}

/** The outermost function around a node: a route handler, not the callback nested in it. */
export function outermostFunction(node: ts.Node): FunctionNode | undefined {
  let found: FunctionNode | undefined;
  for (let n = node.parent; n; n = n.parent) if (hasBody(n)) found = n;
  return found;
}

/** The name a function goes by: its own, the variable or property it is assigned to, or the method's. */
export function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) return propName(fn.name);
  let p = fn.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
  if (!p) return undefined;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return propName(p.name);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = p.left;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
  }
  return undefined;
}

/** The first node under `root` (depth first, `root` included) that satisfies `pred`; `skip` prunes subtrees. */
export function findNode(root: ts.Node, pred: (n: ts.Node) => boolean, skip?: (n: ts.Node) => boolean): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found || (skip && n !== root && skip(n))) return;
    if (pred(n)) { found = n; return; }
    ts.forEachChild(n, visit);
  };
  visit(root);
  return found;
}

/** The parameter names of a function (identifiers only; destructured ones are skipped). */
export function parameterNames(fn: ts.SignatureDeclaration): string[] {
  return fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')).filter(Boolean);
}

/**
 * Whether `node` sits in dead code: inside a top-level function (a declaration, or a const holding one) of this file
 * that is not exported and that no other identifier of the file names (not called, mounted, passed or exported later).
 */
export function inUnusedLocalFunction(node: ts.Node, sf: ts.SourceFile): boolean {
  const fn = outermostFunction(node);
  if (!fn) return false;
  let name: ts.Identifier | undefined;
  let stmt: ts.Node | undefined;
  if (ts.isFunctionDeclaration(fn) && fn.name) { name = fn.name; stmt = fn; }
  else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) && fn.parent.initializer === fn) {
    name = fn.parent.name;
    stmt = fn.parent.parent?.parent;
  }
  if (!name || !stmt || !stmt.parent || !ts.isSourceFile(stmt.parent)) return false;
  if ((ts.getCombinedModifierFlags(stmt as ts.Declaration) & ts.ModifierFlags.Export) !== 0) return false;
  return !namedElsewhere(sf, name);
}

/**
 * Whether an identifier of the file other than `decl` (a declaration's name) has the same text, leaving out those
 * `ignore` accepts: a use, an export list, `module.exports = x`, a property of that name (conservatively).
 */
export function namedElsewhere(sf: ts.SourceFile, decl: ts.Identifier, ignore?: (id: ts.Identifier) => boolean): boolean {
  const text = decl.text;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === text && n !== decl && !ignore?.(n)) { found = true; return; }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}
