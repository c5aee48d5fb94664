import { ts } from 'ts-morph';
import type { Fix, TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, isTestPath, resolveCallee, unwrap } from '../../server/engine/ts/helpers';
import { insertAt, nodeRange, offsetRange } from '../../server/engine/ts/edits';
import { ACCEPT_MARKER } from '../../server/engine/inlineAccept';
import { findDeclaration } from '../../server/engine/ts/declarations';

/** Catch bindings whose name says the error is ignored on purpose (the IntelliJ convention). */
const IGNORED_NAMES = /^_?(ignore|ignored|expected)$/i;
const NOOP_NAMES = /^(noop|noOp|NOOP|nop)$/;
const LOGGER_FACTORIES: Array<{ module: RegExp; path: RegExp }> = [
  { module: /^pino$/, path: /^(|default|pino)$/ },
  { module: /^winston$/, path: /^createLogger$/ },
  { module: /^bunyan$/, path: /^createLogger$/ },
  { module: /^@nestjs\/common$/, path: /^Logger$/ },
];

type Swallow = { label: string; returns?: string };

/**
 * `try { tags = JSON.parse(row.tags); } catch {}`: a parse into a variable that already holds the fallback. Failing
 * to parse is the expected case the code handles, not a failure that needs a trace.
 */
function fallbackParse(tryBlock: ts.Block): boolean {
  if (tryBlock.statements.length !== 1) return false;
  const st = tryBlock.statements[0];
  if (!ts.isExpressionStatement(st)) return false;
  const e = unwrap(st.expression);
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left)) return false;
  // `let tags = [];` before: the variable keeps a fallback when the parse fails (`let data;` keeps nothing usable)
  const d = findDeclaration(e.left);
  if (!d || !ts.isVariableDeclaration(d) || !d.initializer) return false;
  const v = unwrap(e.right);
  if (ts.isNewExpression(v)) return ts.isIdentifier(v.expression) && v.expression.text === 'URL';
  if (!ts.isCallExpression(v)) return false;
  const p = accessPath(v.expression)?.join('.');
  return p === 'JSON.parse' || p === 'decodeURIComponent' || p === 'decodeURI';
}

const rule: TsRule = {
  meta: {
    id: 'errors/empty-catch',
    category: 'errors',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'Errors are swallowed by empty catch handlers',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'harden.error-tracking',
    docs: {
      why: 'An empty `catch {}` or `.catch(() => {})` turns a failure into silence: the request "works", the data is quietly wrong, and nothing reaches the logs or the error tracker. These are the bugs a team finds weeks later, from a customer.',
      bad: { files: { 'src/billing.ts': "export async function charge(id: string) {\n  try {\n    await stripe.charges.create({ customer: id, amount: 500 });\n  } catch (err) {}\n  sendReceipt(id).catch(() => {});\n}\n" } },
      good: { files: { 'src/billing.ts': "import { logger } from './logger';\n\nexport async function charge(id: string) {\n  try {\n    await stripe.charges.create({ customer: id, amount: 500 });\n  } catch (err) {\n    logger.error(err);\n    throw err;\n  }\n  sendReceipt(id).catch((err) => logger.warn({ err }, 'receipt not sent'));\n  await fs.rm(tmpDir).catch(() => {}); // the folder may already be gone\n}\n" } },
      fix: 'Log the error with the app\'s logger (or report it to the error tracker) and rethrow it when the caller must know. When ignoring it really is right, say why in a comment inside the handler: the rule then stays quiet.',
    },
  },
  scope: 'ts',
  create(ctx): TsVisitor {
    const { sf, imports, file } = ctx;
    if (isTestPath(file.path)) return {};
    const text = sf.text;
    const path = file.path;

    // A comment saying why is a justification; a production-gap-accept comment is not one (it accepts the finding instead).
    const justifies = (ranges: ts.CommentRange[] | undefined) => !!ranges?.some((r) => !text.slice(r.pos, r.end).includes(ACCEPT_MARKER));
    const hasComment = (pos: number) => justifies(ts.getTrailingCommentRanges(text, pos)) || justifies(ts.getLeadingCommentRanges(text, pos));
    const sameLineComment = (pos: number) => justifies(ts.getTrailingCommentRanges(text, pos));

    let moduleLogger: string | null | undefined;
    const findModuleLogger = (): string | null => {
      if (moduleLogger !== undefined) return moduleLogger;
      moduleLogger = imports.bindings.has('logger') ? 'logger' : null;
      for (const st of sf.statements) {
        if (moduleLogger || !ts.isVariableStatement(st)) continue;
        for (const d of st.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || !d.initializer) continue;
          if (d.name.text === 'logger') { moduleLogger = 'logger'; break; }
          const init = unwrap(d.initializer);
          if (!ts.isCallExpression(init) && !ts.isNewExpression(init)) continue;
          const callee = resolveCallee(init.expression, imports);
          if (callee && LOGGER_FACTORIES.some((f) => f.module.test(callee.module) && f.path.test(callee.path.join('.')))) { moduleLogger = d.name.text; break; }
        }
      }
      return moduleLogger;
    };
    const classLogger = (node: ts.Node): boolean => {
      for (let n: ts.Node = node; n.parent; n = n.parent) {
        if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return false;
        if (ts.isClassLike(n.parent) && (ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isAccessor(n) || ts.isPropertyDeclaration(n))) {
          if (ts.getCombinedModifierFlags(n as ts.Declaration) & ts.ModifierFlags.Static) return false;
          return n.parent.members.some((m) =>
            (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === 'logger' && !(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static)) ||
            (ts.isConstructorDeclaration(m) && m.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === 'logger' && ts.isParameterPropertyDeclaration(p, m))));
        }
      }
      return false;
    };
    const logCall = (node: ts.Node, v: string) => {
      if (classLogger(node)) return `this.logger.error(${v})`;
      const l = findModuleLogger();
      return l ? `${l}.error(${v})` : `console.error(${v})`;
    };
    const lineIndent = (pos: number) => {
      const start = sf.getPositionOfLineAndCharacter(sf.getLineAndCharacterOfPosition(pos).line, 0);
      return /^[ \t]*/.exec(text.slice(start, start + 200))![0];
    };
    const line = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;

    const onCatchClause = (node: ts.Node) => {
      const clause = node as ts.CatchClause;
      const block = clause.block;
      if (block.statements.length) return;
      const open = block.getStart(sf);
      if (hasComment(open + 1) || sameLineComment(block.end)) return;
      const decl = clause.variableDeclaration;
      if (decl && ts.isIdentifier(decl.name) && IGNORED_NAMES.test(decl.name.text)) return;
      if (fallbackParse((clause.parent as ts.TryStatement).tryBlock)) return;
      let fixes: Fix[] | undefined;
      if (!decl || ts.isIdentifier(decl.name)) {
        const name = decl && ts.isIdentifier(decl.name) ? decl.name.text : 'err';
        const log = logCall(clause, name);
        const tryBlock = (clause.parent as ts.TryStatement).tryBlock;
        const oneLine = line(tryBlock.getStart(sf)) === line(tryBlock.end) && line(open) === line(block.end);
        const indent = lineIndent(open);
        const first = tryBlock.statements[0];
        const firstIndent = first && line(first.getStart(sf)) !== line(tryBlock.getStart(sf)) ? lineIndent(first.getStart(sf)) : '';
        const unit = firstIndent.startsWith(lineIndent(tryBlock.getStart(sf))) && firstIndent.length > lineIndent(tryBlock.getStart(sf)).length
          ? firstIndent.slice(lineIndent(tryBlock.getStart(sf)).length) : '  ';
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        const body = (stmts: string[]) => oneLine
          ? `{ ${stmts.map((s) => `${s};`).join(' ')} }`
          : `{${eol}${stmts.map((s) => `${indent}${unit}${s};${eol}`).join('')}${indent}}`;
        const edits = (stmts: string[]) => [
          ...(decl ? [] : [insertAt(sf, path, clause.getStart(sf) + 'catch'.length, ' (err)')]),
          { file: path, range: offsetRange(sf, open, block.end), newText: body(stmts) },
        ];
        fixes = [
          { title: 'Log the error and rethrow it', safe: false, edits: edits([log, `throw ${name}`]) },
          { title: 'Log the error', safe: true, edits: edits([log]) },
        ];
      }
      ctx.report({
        message: 'Empty catch block: the error is swallowed, so this failure leaves no trace in the logs or the error tracker. Log or report it (and rethrow if the caller must know), or say in a comment why ignoring it is safe.',
        range: nodeRange(sf, clause),
        fixes,
      });
    };

    const swallowOf = (arg: ts.Expression, depth = 0): Swallow | undefined => {
      const e = unwrap(arg);
      if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
        if (ts.isBlock(e.body)) {
          const stmts = e.body.statements;
          if (stmts.length === 0) return hasComment(e.body.getStart(sf) + 1) ? undefined : { label: '() => {}' };
          if (stmts.length === 1 && ts.isReturnStatement(stmts[0])) {
            const r = stmts[0].expression;
            if (!r) return { label: '() => { return; }' };
            const v = emptyValue(r);
            return v ? { label: `() => { return ${v}; }`, returns: v } : undefined;
          }
          return undefined;
        }
        if (hasComment((e as ts.ArrowFunction).equalsGreaterThanToken.end)) return undefined;
        const v = emptyValue(e.body);
        return v ? { label: `() => ${v}`, returns: v } : undefined;
      }
      const p = accessPath(e);
      if (p && NOOP_NAMES.test(p[p.length - 1])) return { label: p.join('.') };
      if (ts.isIdentifier(e) && depth < 3) {
        const init = ctx.consts.get(e.text);
        const inner = init && swallowOf(init, depth + 1);
        if (inner) return { ...inner, label: e.text };
      }
      return undefined;
    };
    const emptyValue = (e: ts.Expression): string | undefined => {
      e = unwrap(e);
      if (e.kind === ts.SyntaxKind.NullKeyword) return 'null';
      if (ts.isIdentifier(e) && e.text === 'undefined') return 'undefined';
      if (ts.isVoidExpression(e) && ts.isNumericLiteral(e.expression)) return 'undefined';
      return undefined;
    };

    /** `req.json()`, `request.formData()`, `res.text()`: reading a body, whose failure means the body was not what was expected. */
    const parsesBody = (e: ts.Expression): boolean => {
      const u = unwrap(e);
      return ts.isCallExpression(u) && u.arguments.length === 0 && ts.isPropertyAccessExpression(u.expression) && /^(json|formData|text|arrayBuffer|blob)$/.test(u.expression.name.text);
    };
    /**
     * `const form = await req.formData().catch(() => null); if (!form) return ...`: a body that cannot be read becomes a value the code
     * goes on to test (`!x`, `x?.`, `x ?? ...`, `x === null`): it is handled, not swallowed.
     */
    const checkedAfter = (call: ts.CallExpression): boolean => {
      let n: ts.Node = call;
      while (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
      const decl = n.parent;
      if (!ts.isVariableDeclaration(decl) || decl.initializer !== n || !ts.isIdentifier(decl.name)) return false;
      const name = decl.name.text;
      const scope = decl.parent?.parent?.parent;
      if (!scope) return false;
      let tested = false;
      const visit = (x: ts.Node): void => {
        if (tested) return;
        if (ts.isIdentifier(x) && x.text === name && x !== decl.name) {
          const p = x.parent;
          if ((ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) || (ts.isPropertyAccessExpression(p) && p.expression === x && !!p.questionDotToken) ||
            (ts.isElementAccessExpression(p) && p.expression === x && !!p.questionDotToken) || (ts.isCallExpression(p) && p.expression === x && !!p.questionDotToken) ||
            (ts.isBinaryExpression(p) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(p.operatorToken.kind)) ||
            ((ts.isIfStatement(p) || ts.isConditionalExpression(p)) && (p as ts.IfStatement).expression === x) || (ts.isConditionalExpression(p) && p.condition === x)) { tested = true; return; }
        }
        ts.forEachChild(x, visit);
      };
      visit(scope);
      return tested;
    };

    const onCall = (node: ts.Node) => {
      const call = node as ts.CallExpression;
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'catch' || call.arguments.length !== 1) return;
      const handler = call.arguments[0];
      const swallow = swallowOf(handler);
      if (!swallow) return;
      let stmt: ts.Node = call;
      while (stmt.parent && !ts.isBlock(stmt.parent) && !ts.isSourceFile(stmt.parent) && !ts.isCaseOrDefaultClause(stmt.parent)) stmt = stmt.parent;
      if (sameLineComment(call.end) || (line(stmt.end) === line(call.end) && sameLineComment(stmt.end))) return;
      if (swallow.returns && parsesBody(callee.expression) && checkedAfter(call)) return;
      const fn = unwrap(handler);
      const param = (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? fn.parameters[0] : undefined;
      const keep = param && ts.isIdentifier(param.name) && !param.name.text.startsWith('_');
      const name = keep ? (param.name as ts.Identifier).text : 'err';
      const paramText = keep ? param.getText(sf) : `err${param?.type ? `: ${param.type.getText(sf)}` : ''}`;
      const stmts = [`${logCall(call, name)};`, ...(swallow.returns ? [`return ${swallow.returns};`] : [])];
      const newHandler = `(${paramText}) => { ${stmts.join(' ')} }`;
      ctx.report({
        message: `\`.catch(${swallow.label})\` swallows the rejection: this failure leaves no trace in the logs or the error tracker. Log or report the error, or say in a comment why ignoring it is safe.`,
        range: { start: sf.getLineAndCharacterOfPosition(callee.name.getStart(sf)), end: sf.getLineAndCharacterOfPosition(call.end) },
        fixes: [{ title: 'Log the error', safe: true, edits: [{ file: path, range: nodeRange(sf, handler), newText: newHandler }] }],
      });
    };

    return {
      CatchClause: onCatchClause,
      CallExpression: onCall,
    };
  },
};

export default rule;
