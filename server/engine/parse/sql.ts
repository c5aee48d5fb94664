/** SQL migrations through pgsql-ast-parser, statement by statement so one unsupported statement skips alone. */
import { parse, type Statement } from 'pgsql-ast-parser';
import { sqlTokens } from './sqlTokens';

export interface SqlStatement {
  /** Offsets of the statement in the file. */
  start: number;
  end: number;
  /** Where the raw (untrimmed) statement starts: `_location` offsets of the AST are relative to it. */
  rawStart: number;
  text: string;
  /** The parsed statement, or undefined when the parser does not support it. */
  ast?: Statement;
}

/**
 * Splits SQL text into statements at top-level semicolons, skipping quotes, dollar quotes and comments.
 * This is a lexical split only (the grammar is pgsql-ast-parser's); it lets the parser see one statement at a time.
 */
export function splitSql(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') { const e = text.indexOf('\n', i); i = e < 0 ? n : e + 1; continue; }
    if (c === '/' && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n && text[i] !== c) i += text[i] === '\\' && c !== '"' ? 2 : 1;
      i++; continue;
    }
    if (c === '$') {
      const m = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64));
      if (m) { const e = text.indexOf(m[0], i + m[0].length); i = e < 0 ? n : e + m[0].length; continue; }
    }
    if (c === ';') { out.push({ start, end: i + 1 }); start = i + 1; }
    i++;
  }
  if (hasCode(text.slice(start))) out.push({ start, end: n });
  return out;
}

/** Whether SQL text holds more than comments and spaces (a file's trailing comments are not a statement). */
function hasCode(chunk: string): boolean {
  return sqlTokens(chunk).some((t) => t.kind !== 'comment');
}

/**
 * Replaces `/* ... *\/` comments by spaces (line breaks kept, so offsets do not move): pgsql-ast-parser's lexer
 * fails on a quote or backtick inside a block comment, and Prisma Migrate writes its warnings in one.
 */
function blankBlockComments(raw: string): string {
  if (!raw.includes('/*')) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === '-' && raw[i + 1] === '-') { const e = raw.indexOf('\n', i); const stop = e < 0 ? raw.length : e; out += raw.slice(i, stop); i = stop; continue; }
    if (c === "'" || c === '"') { const e = raw.indexOf(c, i + 1); const stop = e < 0 ? raw.length : e + 1; out += raw.slice(i, stop); i = stop; continue; }
    if (c === '/' && raw[i + 1] === '*') {
      const e = raw.indexOf('*/', i + 2);
      const stop = e < 0 ? raw.length : e + 2;
      out += raw.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

export function parseSql(text: string): SqlStatement[] {
  return splitSql(text).map(({ start, end }) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const s: SqlStatement = { start: start + lead, end, rawStart: start, text: raw.trim() };
    const blanked = blankBlockComments(raw);
    try {
      const asts = parse(blanked, { locationTracking: true });
      if (asts.length === 1) s.ast = asts[0];
    } catch {
      // `ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID` (what `supabase db diff` writes): the constraint without the
      // deferred validation, the same length so that offsets do not move
      const t = sqlTokens(blanked).filter((x) => x.kind !== 'comment' && x.value !== ';');
      const [not, valid] = t.slice(-2);
      if (t.length > 2 && not.kind === 'word' && not.value === 'not' && valid.kind === 'word' && valid.value === 'valid') {
        try {
          const asts = parse(blanked.slice(0, not.start) + ' '.repeat(valid.end - not.start) + blanked.slice(valid.end), { locationTracking: true });
          if (asts.length === 1) s.ast = asts[0];
        } catch { /* still unsupported */ }
      }
      /* otherwise an unsupported statement: left unparsed, rules skip it */
    }
    return s;
  });
}

/** File offsets of an AST node's `_location` inside a statement. */
export function sqlOffset(stmt: SqlStatement, loc: { start: number; end: number } | undefined): { start: number; end: number } | undefined {
  return loc ? { start: stmt.rawStart + loc.start, end: stmt.rawStart + loc.end } : undefined;
}
