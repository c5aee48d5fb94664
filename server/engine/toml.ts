/** Walking a TOML tree (toml-eslint-parser): every value with its full key path, and source offsets inside strings. */
import type { AST } from 'toml-eslint-parser';

/** A key path: `[env.production.vars] T = 1` -> ['env', 'production', 'vars', 'T']; array elements by index. */
export type TomlPath = ReadonlyArray<string | number>;

/** The names of a key: `a."b.c".d` -> ['a', 'b.c', 'd']. */
export function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

/** A scalar with where it sits: `owner` is the table (or inline table) body holding its key/value pair, none inside arrays. */
export interface TomlLeaf { value: AST.TOMLValue; path: TomlPath; owner?: readonly AST.TOMLKeyValue[] }

/** Every scalar of the document, through tables, arrays of tables, dotted keys, inline tables and arrays. */
export function tomlLeaves(program: AST.TOMLProgram): TomlLeaf[] {
  const out: TomlLeaf[] = [];
  const content = (node: AST.TOMLContentNode, path: TomlPath, owner?: readonly AST.TOMLKeyValue[]): void => {
    if (node.type === 'TOMLValue') out.push({ value: node, path, owner });
    else if (node.type === 'TOMLArray') node.elements.forEach((e, i) => content(e, [...path, i]));
    else pairs(node.body, path);
  };
  const pairs = (body: readonly AST.TOMLKeyValue[], base: TomlPath) => {
    for (const kv of body) content(kv.value, [...base, ...keyNames(kv.key)], body);
  };
  const top = program.body[0].body;
  pairs(top.filter((x): x is AST.TOMLKeyValue => x.type === 'TOMLKeyValue'), []);
  for (const item of top) if (item.type === 'TOMLTable') pairs(item.body, item.resolvedKey);
  return out;
}

/**
 * The source offset of each character of a string's value (escapes, CRLF line ends and line-ending backslashes
 * decoded), plus its end: offsets[i] is where value[i] starts in `text`. Undefined if it cannot be matched up.
 */
export function tomlStringOffsets(text: string, node: AST.TOMLStringValue): number[] | undefined {
  const q = node.multiline ? 3 : 1;
  let i = node.range[0] + q;
  const end = node.range[1] - q;
  if (node.multiline) i += text.startsWith('\r\n', i) ? 2 : text[i] === '\n' ? 1 : 0;
  const out: number[] = [];
  while (i < end) {
    const c = text[i];
    if (c === '\\' && node.style === 'basic') {
      const e = text[i + 1];
      if (node.multiline && /[ \t\r\n]/.test(e)) {
        i++;
        while (i < end && /[ \t\r\n]/.test(text[i])) i++;
        continue;
      }
      const len = e === 'u' ? 6 : e === 'U' ? 10 : e === 'x' ? 4 : 2;
      out.push(i);
      if (e === 'U' && parseInt(text.slice(i + 2, i + 10), 16) > 0xffff) out.push(i);
      i += len;
    } else if (c === '\r' && text[i + 1] === '\n') {
      out.push(i);
      i += 2;
    } else {
      out.push(i);
      i++;
    }
  }
  out.push(end);
  return out.length === node.value.length + 1 ? out : undefined;
}

/** The source range of value[start..end) of a string (the whole inside of its quotes when offsets cannot be matched up). */
export function tomlStringRange(text: string, node: AST.TOMLStringValue, start: number, end: number): [number, number] {
  const offsets = tomlStringOffsets(text, node);
  if (offsets) return [offsets[start], offsets[end]];
  const q = node.multiline ? 3 : 1;
  return [node.range[0] + q, node.range[1] - q];
}
