/** Builders of text edits over TS nodes that keep the file's own style (indentation, quotes, trailing commas). */
import { ts } from 'ts-morph';
import type { Range, TextEdit } from '../types';

export function nodeRange(sf: ts.SourceFile, node: ts.Node | { pos: number; end: number }, start?: number): Range {
  const s = start ?? ('getStart' in node ? node.getStart(sf) : node.pos);
  return { start: sf.getLineAndCharacterOfPosition(s), end: sf.getLineAndCharacterOfPosition(node.end) };
}

export function offsetRange(sf: ts.SourceFile, start: number, end: number): Range {
  return { start: sf.getLineAndCharacterOfPosition(start), end: sf.getLineAndCharacterOfPosition(end) };
}

export function insertAt(sf: ts.SourceFile, file: string, offset: number, newText: string): TextEdit {
  return { file, range: offsetRange(sf, offset, offset), newText };
}

/** The quote character the file uses most for string literals. */
export function quoteOf(sf: ts.SourceFile): string {
  let q = quotes.get(sf);
  if (!q) quotes.set(sf, (q = countQuotes(sf.text)));
  return q;
}
const quotes = new WeakMap<ts.SourceFile, string>();

function countQuotes(text: string): string {
  let single = 0, double = 0;
  for (let i = 0, n = text.length; i < n && single + double < 200; i++) {
    const c = text.charCodeAt(i);
    if (c === 39) single++; else if (c === 34) double++;
  }
  return double > single ? '"' : "'";
}

function lineIndent(sf: ts.SourceFile, pos: number): string {
  const { line } = sf.getLineAndCharacterOfPosition(pos);
  const start = sf.getPositionOfLineAndCharacter(line, 0);
  return /^[ \t]*/.exec(sf.text.slice(start, start + 200))![0];
}

/** Adds `prop` (e.g. "expiresIn: '1h'") as the last property of an object literal. */
export function addProperty(sf: ts.SourceFile, file: string, obj: ts.ObjectLiteralExpression, prop: string): TextEdit {
  const props = obj.properties;
  const openBrace = obj.getStart(sf);
  const closeBrace = obj.end - 1;
  if (props.length === 0) {
    const inner = sf.text.slice(openBrace + 1, closeBrace);
    return { file, range: offsetRange(sf, openBrace, obj.end), newText: inner.includes('\n') ? `{\n${lineIndent(sf, openBrace)}  ${prop},\n${lineIndent(sf, openBrace)}}` : `{ ${prop} }` };
  }
  const last = props[props.length - 1];
  const multiline = sf.getLineAndCharacterOfPosition(last.getStart(sf)).line !== sf.getLineAndCharacterOfPosition(openBrace).line;
  const trailingComma = props.hasTrailingComma;
  if (multiline) {
    const indent = lineIndent(sf, last.getStart(sf));
    return insertAt(sf, file, last.end + (trailingComma ? 1 : 0), `${trailingComma ? '' : ','}\n${indent}${prop}${trailingComma ? ',' : ''}`);
  }
  return insertAt(sf, file, last.end + (trailingComma ? 1 : 0), `${trailingComma ? '' : ','} ${prop}`);
}

/** Replaces a property's value. */
export function replaceNode(sf: ts.SourceFile, file: string, node: ts.Node, newText: string): TextEdit {
  return { file, range: nodeRange(sf, node), newText };
}

/** Removes a property of an object literal, with the comma that separates it from its neighbour. */
export function removeProperty(sf: ts.SourceFile, file: string, obj: ts.ObjectLiteralExpression, prop: ts.ObjectLiteralElementLike): TextEdit {
  const props = obj.properties;
  const i = props.indexOf(prop);
  const start = i > 0 && i === props.length - 1 ? props[i - 1].end : prop.getStart(sf);
  const end = i < props.length - 1 ? props[i + 1].getStart(sf) : prop.end;
  return { file, range: offsetRange(sf, start, end), newText: '' };
}

/** Inserts an argument at `index` of a call (appending, or before the argument now at that index). */
export function insertArgument(sf: ts.SourceFile, file: string, call: ts.CallExpression | ts.NewExpression, index: number, text: string): TextEdit {
  const args = call.arguments ?? ts.factory.createNodeArray();
  if (index < args.length) return insertAt(sf, file, args[index].getStart(sf), `${text}, `);
  if (args.length === 0) {
    const open = sf.text.indexOf('(', call.expression.end);
    return insertAt(sf, file, open + 1, text);
  }
  return insertAt(sf, file, args[args.length - 1].end, `, ${text}`);
}

/** Offset just after the last import/require statement at the top of the file (0 when none). */
export function afterImports(sf: ts.SourceFile): number {
  let end = 0;
  for (const st of sf.statements) {
    const isImport = ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st) ||
      (ts.isVariableStatement(st) && st.declarationList.declarations.every((d) => d.initializer && /^(require|await import)\(|^require\(/.test(d.initializer.getText(sf).replace(/^await\s+/, 'await '))));
    const isDirective = ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression);
    if (isImport || (isDirective && end === 0)) end = st.end; else break;
  }
  return end;
}
