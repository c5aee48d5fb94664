/** Exact text edits of CI YAML files from cached facts: a step inserted after another, a word inside a command scalar replaced. */
import type { CiFacts, SeqItem } from '../facts/deployFacts';
import { LineIndex } from '../positions';
import type { Range, TextEdit } from '../types';

/** Inserts a sibling after a sequence item: a step map (`- run: npm test`) or a script line (`- npm test`). Undefined for flow sequences. */
export function insertAfterItem(file: string, text: string, item: SeqItem, command: string, provider: CiFacts['provider']): TextEdit | undefined {
  if (item.flow || /[\r\n]/.test(command)) return undefined;
  const lines = new LineIndex(text);
  const eol = lines.eol;
  const pad = ' '.repeat(item.column);
  const value = yamlScalar(command);
  const out: string[] = [];
  if (!item.key) out.push(`${pad}- ${value}`);
  else if (item.workingDirectory && provider === 'circleci') out.push(`${pad}- ${item.key}:`, `${pad}    command: ${value}`, `${pad}    working_directory: ${yamlScalar(item.workingDirectory)}`);
  else {
    out.push(`${pad}- ${item.key}: ${value}`);
    if (item.workingDirectory && provider === 'github') out.push(`${pad}  working-directory: ${yamlScalar(item.workingDirectory)}`);
    else if (item.workingDirectory && provider === 'azure') out.push(`${pad}  workingDirectory: ${yamlScalar(item.workingDirectory)}`);
  }
  const at = item.after;
  const newText = item.eof ? eol + out.join(eol) : out.map((l) => l + eol).join('');
  return { file, range: { start: at, end: at }, newText };
}

/** A plain YAML scalar when it can be one, else single-quoted. */
export function yamlScalar(s: string): string {
  const plain = /^[A-Za-z0-9_.\/$]/.test(s) && !/[\s:]$/.test(s) && !/: |\s#|[{}\[\],&*!|>'"%@`]/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) && !/^[\d.]+$/.test(s);
  return plain ? s : `'${s.replace(/'/g, "''")}'`;
}

/**
 * Maps offsets in a scalar's value to offsets in the file, for plain, quoted and block scalars: the value's characters
 * are matched in order against the scalar's source, skipping quotes, block headers and indentation (a line break in a
 * folded value may stand for a space). Undefined when they cannot be aligned (escapes, folding we cannot follow).
 */
export function valueOffsets(text: string, range: Range, value: string, limit = value.length): number[] | undefined {
  const lines = new LineIndex(text);
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  const source = text.slice(start, end);
  const map: number[] = [];
  let j = 0;
  if (source.startsWith('|') || source.startsWith('>')) { const nl = source.indexOf('\n'); j = nl < 0 ? source.length : nl + 1; }
  else if (source.startsWith('"') || source.startsWith("'")) j = 1;
  for (let i = 0; i < Math.min(limit, value.length); i++) {
    const c = value[i];
    while (j < source.length && source[j] !== c && !(/\s/.test(c) && /\s/.test(source[j]))) {
      if (!/[\s]/.test(source[j])) return undefined;
      j++;
    }
    if (j >= source.length) return undefined;
    map.push(start + j);
    j++;
  }
  return map;
}

/** The file range of value offsets [from, to) when they map to the same text. */
export function valueRange(text: string, range: Range, value: string, from: number, to: number): Range | undefined {
  const map = valueOffsets(text, range, value, to);
  if (!map || to <= from || to > map.length) return undefined;
  const s = map[from];
  const e = map[to - 1] + 1;
  if (text.slice(s, e) !== value.slice(from, to)) return undefined;
  const lines = new LineIndex(text);
  return lines.range(s, e);
}
