/** Code that only runs in development or tests: branches gated on NODE_ENV / isDev, and dev-only files. */
import { ts } from 'ts-morph';
import { envVarName, stringValue, unwrap } from './helpers';

const ENV_VARS = new Set(['NODE_ENV', 'APP_ENV', 'ENV', 'ENVIRONMENT', 'VERCEL_ENV', 'MODE']);
const DEV_VALUES = new Set(['development', 'dev', 'test', 'testing', 'local']);
const PROD_VALUES = new Set(['production', 'prod']);
const DEV_NAMES = /^(is)?(dev|development|test|testing|local)(env|mode)?$/i;
const PROD_NAMES = /^(is)?(prod|production)(env|mode)?$/i;

type Side = 'dev' | 'prod' | undefined;

function envSide(e: ts.Expression): 'env' | undefined {
  const u = unwrap(e);
  if (envVarName(u) && ENV_VARS.has(envVarName(u)!)) return 'env';
  if (ts.isIdentifier(u) && /^(env|nodeEnv|NODE_ENV|environment)$/.test(u.text)) return 'env';
  if (ts.isPropertyAccessExpression(u) && /^(env|nodeEnv|NODE_ENV|environment)$/.test(u.name.text)) return 'env';
  return undefined;
}

/** Which environment a condition being true selects: 'dev' for `NODE_ENV !== 'production'` or `isDev`, 'prod' for the opposite. */
export function conditionSide(cond: ts.Expression): Side {
  const c = unwrap(cond);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
    const s = conditionSide(c.operand);
    return s === 'dev' ? 'prod' : s === 'prod' ? 'dev' : undefined;
  }
  if (ts.isIdentifier(c) || ts.isPropertyAccessExpression(c)) {
    const name = ts.isIdentifier(c) ? c.text : c.name.text;
    if (DEV_NAMES.test(name)) return 'dev';
    if (PROD_NAMES.test(name)) return 'prod';
    return undefined;
  }
  if (ts.isBinaryExpression(c)) {
    const op = c.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return conditionSide(c.left) ?? conditionSide(c.right);
    const eq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const ne = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (!eq && !ne) return undefined;
    const value = envSide(c.left) ? stringValue(c.right) : envSide(c.right) ? stringValue(c.left) : undefined;
    if (value === undefined) return undefined;
    const v = value.toLowerCase();
    const side: Side = DEV_VALUES.has(v) ? 'dev' : PROD_VALUES.has(v) ? 'prod' : undefined;
    if (!side) return undefined;
    return eq ? side : side === 'dev' ? 'prod' : 'dev';
  }
  return undefined;
}

/** True when `node` sits in a branch that only runs outside production (then-branch of a dev condition, else-branch of a prod one). */
export function inDevOnlyBranch(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (ts.isIfStatement(n) || ts.isConditionalExpression(n)) {
      const cond = ts.isIfStatement(n) ? n.expression : n.condition;
      const thenPart = ts.isIfStatement(n) ? n.thenStatement : n.whenTrue;
      const elsePart = ts.isIfStatement(n) ? n.elseStatement : n.whenFalse;
      const side = conditionSide(cond);
      if ((child === thenPart && side === 'dev') || (child === elsePart && side === 'prod')) return true;
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === n.right && conditionSide(n.left) === 'dev') return true;
  }
  return false;
}

/** Files that only run in development: dev servers, scripts, seeds, tool configs. */
export function isDevOnlyPath(path: string): boolean {
  return /(^|\/)(scripts|tools|seeds?|dev)\/|(^|\/)[^/]*\.dev\.[cm]?[jt]sx?$|(^|\/)dev-?server\.[cm]?[jt]sx?$|(^|\/)seed\.[cm]?[jt]s$/i.test(path);
}
