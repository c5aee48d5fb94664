/** Edits of JSON files (package.json and kin) through jsonc-parser, keeping the file's indentation and key order. */
import * as jsonc from 'jsonc-parser';
import { LineIndex } from './positions';
import type { Range, TextEdit } from './types';

/** The file's indentation and line break, for jsonc-parser's formatter. */
export function jsonFormatting(text: string): jsonc.FormattingOptions {
  const lines = new LineIndex(text);
  let indent = '';
  for (let i = 1; i < lines.lineCount && !indent; i++) indent = lines.indentOf(i);
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length || 2, eol: lines.eol };
}

/**
 * Sets `path` to `value` (creating parent objects as needed). New keys of dependency-like maps go in
 * alphabetical position, as npm writes them; other new keys go last.
 */
export function setJsonValue(file: string, text: string, path: jsonc.JSONPath, value: unknown, sorted = true): TextEdit[] {
  const lines = new LineIndex(text);
  const key = path[path.length - 1];
  const edits = jsonc.modify(text, path, value, {
    formattingOptions: jsonFormatting(text),
    getInsertionIndex: sorted && typeof key === 'string'
      ? (props) => { const i = props.findIndex((p) => p.localeCompare(key) > 0); return i < 0 ? props.length : i; }
      : undefined,
  });
  return edits.map((e) => ({ file, range: lines.range(e.offset, e.offset + e.length), newText: e.content }));
}

/** Range of the key of the property at `path` (e.g. ['dependencies', 'express']), if present. */
export function jsonKeyRange(text: string, path: jsonc.JSONPath): Range | undefined {
  const root = jsonc.parseTree(text, [], { allowTrailingComma: true });
  const value = root && jsonc.findNodeAtLocation(root, path);
  const keyNode = value?.parent?.type === 'property' ? value.parent.children?.[0] : undefined;
  return keyNode ? new LineIndex(text).range(keyNode.offset, keyNode.offset + keyNode.length) : undefined;
}
