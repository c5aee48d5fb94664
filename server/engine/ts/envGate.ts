/** Whether code only runs in development or tests: inside an environment-checking branch, or after an early exit outside development. */
import { ts } from 'ts-morph';
import { readsEnvironment } from './helpers';

/** What a condition says about the environment: true when its truthy branch is the development/test one, false when it is production's, undefined when unrelated. */
function devWhenTrue(cond: ts.Expression): boolean | undefined {
  let dev = false, prod = false, neg = false, env = readsEnvironment(cond);
  const visit = (x: ts.Node): void => {
    if (ts.isStringLiteralLike(x)) {
      if (/^(dev|development|local|test|testing)$/i.test(x.text)) dev = true;
      if (/^(prod|production)$/i.test(x.text)) prod = true;
    }
    if (ts.isIdentifier(x)) {
      if (/^(is)?(dev|development|local|test|testing)(env|mode)?$/i.test(x.text)) { dev = true; env = true; }
      if (/^(is)?(prod|production)(env|mode)?$/i.test(x.text)) { prod = true; env = true; }
    }
    if (ts.isPropertyAccessExpression(x) && /^(node_?env|env|environment|mode|stage|app_?env)$/i.test(x.name.text)) env = true;
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) neg = !neg;
    if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || x.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken)) neg = !neg;
    ts.forEachChild(x, visit);
  };
  visit(cond);
  if (!env || dev === prod) return undefined;
  return dev !== neg;
}

function exits(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length > 0 && exits(st.statements[st.statements.length - 1]);
}

/**
 * True when `node` only runs, or only takes its value, in development or tests: `if (process.env.NODE_ENV !== 'production') {...}`,
 * `isDev ? x : y`, `isDev && x`, or after `if (process.env.NODE_ENV === 'production') return;`.
 */
export function devOnly(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let n = node.parent; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    let cond: ts.Expression | undefined;
    let inElse = false;
    if (ts.isIfStatement(n) && child !== n.expression) { cond = n.expression; inElse = child === n.elseStatement; }
    else if (ts.isConditionalExpression(n) && child !== n.condition) { cond = n.condition; inElse = child === n.whenFalse; }
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === n.right) cond = n.left;
    if (cond) {
      const dev = devWhenTrue(cond);
      if (dev !== undefined && dev !== inElse) return true;
    }
    if (ts.isBlock(n)) {
      for (const st of n.statements) {
        if (st === child) break;
        if (ts.isIfStatement(st) && !st.elseStatement && exits(st.thenStatement) && devWhenTrue(st.expression) === false) return true;
      }
    }
  }
  return false;
}
