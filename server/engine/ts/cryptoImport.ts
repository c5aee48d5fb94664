/** How to call a member of Node's `crypto` module in a file, with the import edit when the file lacks one (in the file's module style). */
import { ts } from 'ts-morph';
import type { TextEdit } from '../types';
import type { FileImports } from './imports';
import { accessPath } from './helpers';
import { afterImports, insertAt, quoteOf } from './edits';

const CRYPTO = new Set(['crypto', 'node:crypto']);

function usesCommonJs(sf: ts.SourceFile, imports: FileImports): boolean {
  if (sf.statements.some((s) => ts.isImportDeclaration(s))) return false;
  if (/\.cjs$/i.test(sf.fileName)) return true;
  if (sf.statements.some((s) => ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.initializer && ts.isCallExpression(d.initializer) && ts.isIdentifier(d.initializer.expression) && d.initializer.expression.text === 'require'))) return true;
  if (imports.modules.length) return false;
  return /\.js$/i.test(sf.fileName) && sf.statements.some((s) => ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && ['module', 'exports'].includes(accessPath(s.expression.left)?.[0] ?? ''));
}

/**
 * `member` of Node's crypto as this file can call it: `crypto.randomBytes` through an existing namespace/default
 * import or require, `randomBytes` through a named one (added to an existing named import list when needed), or a new
 * import/require after the last one.
 */
export function cryptoMember(sf: ts.SourceFile, filePath: string, imports: FileImports, member: string): { ref: string; edits: TextEdit[] } {
  for (const b of imports.bindings.values()) {
    if (!CRYPTO.has(b.module)) continue;
    if (b.name === '*' || b.name === 'default') return { ref: `${b.local}.${member}`, edits: [] };
    if (b.name === member) return { ref: b.local, edits: [] };
  }
  for (const b of imports.bindings.values()) {
    if (!CRYPTO.has(b.module)) continue;
    const list = ts.isImportSpecifier(b.node) ? b.node.parent : ts.isBindingElement(b.node) ? b.node.parent : undefined;
    if (list && (ts.isNamedImports(list) || ts.isObjectBindingPattern(list)) && list.elements.length) {
      const last = list.elements[list.elements.length - 1];
      return { ref: member, edits: [insertAt(sf, filePath, last.end, `, ${member}`)] };
    }
  }
  const q = quoteOf(sf);
  const nodePrefix = imports.modules.some((m) => m.module.startsWith('node:'));
  const spec = `${q}${nodePrefix ? 'node:' : ''}crypto${q}`;
  const firstImport = sf.statements.find((s) => ts.isImportDeclaration(s) || ts.isVariableStatement(s));
  const semi = firstImport ? /;\s*$/.test(firstImport.getText(sf)) : true;
  const eol = sf.text.includes('\r\n') ? '\r\n' : '\n';
  const cjs = usesCommonJs(sf, imports);
  const statement = cjs ? `const crypto = require(${spec})${semi ? ';' : ''}` : `import { ${member} } from ${spec}${semi ? ';' : ''}`;
  const ref = cjs ? `crypto.${member}` : member;
  const end = afterImports(sf);
  const edit = end > 0 ? insertAt(sf, filePath, end, `${eol}${statement}`) : insertAt(sf, filePath, 0, `${statement}${eol}${eol}`);
  return { ref, edits: [edit] };
}
