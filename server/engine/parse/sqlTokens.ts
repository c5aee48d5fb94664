/**
 * A lexical reader for the SQL statements pgsql-ast-parser does not support (row level security, policies,
 * `REFERENCES auth.users` without a column list, MySQL quoting...). It tokenises one statement (quotes, dollar
 * quotes and comments respected) and reads a few statement shapes from the tokens: CREATE TABLE, ALTER TABLE
 * ADD COLUMN / ENABLE ROW LEVEL SECURITY, CREATE POLICY. Anything else is left alone.
 */

export type SqlTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'comment';
export interface SqlToken {
  kind: SqlTokenKind;
  /** Source text of the token. */
  text: string;
  /** Words lower-cased; quoted identifiers unquoted (case kept); strings unquoted. */
  value: string;
  start: number;
  end: number;
}

/** Tokens of text[start, end), with file offsets. Comments are kept (kind 'comment'). */
export function sqlTokens(text: string, start = 0, end = text.length): SqlToken[] {
  const out: SqlToken[] = [];
  let i = start;
  const push = (kind: SqlTokenKind, s: number, e: number, value?: string) => out.push({ kind, text: text.slice(s, e), value: value ?? text.slice(s, e), start: s, end: e });
  while (i < end) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && text[i + 1] === '-') { const e = text.indexOf('\n', i); const stop = e < 0 || e > end ? end : e; push('comment', i, stop); i = stop; continue; }
    if (c === '/' && text[i + 1] === '*') { const e = text.indexOf('*/', i + 2); const stop = e < 0 ? end : Math.min(end, e + 2); push('comment', i, stop); i = stop; continue; }
    if (c === '"' || c === '`') {
      let j = i + 1;
      let v = '';
      while (j < end) {
        if (text[j] === c) { if (text[j + 1] === c) { v += c; j += 2; continue; } break; }
        v += text[j++];
      }
      push('quoted', i, Math.min(end, j + 1), v);
      i = j + 1;
      continue;
    }
    if (c === "'" || ((c === 'E' || c === 'e' || c === 'N' || c === 'n') && text[i + 1] === "'")) {
      const q = c === "'" ? i : i + 1;
      let j = q + 1;
      let v = '';
      while (j < end) {
        if (text[j] === '\\' && c !== "'") { v += text[j + 1] ?? ''; j += 2; continue; }
        if (text[j] === "'") { if (text[j + 1] === "'") { v += "'"; j += 2; continue; } break; }
        v += text[j++];
      }
      push('string', i, Math.min(end, j + 1), v);
      i = j + 1;
      continue;
    }
    if (c === '$') {
      let j = i + 1;
      while (j < end && /[A-Za-z0-9_]/.test(text[j])) j++;
      if (text[j] === '$' && !/[0-9]/.test(text[i + 1] ?? '')) {
        const tag = text.slice(i, j + 1);
        const close = text.indexOf(tag, j + 1);
        const stop = close < 0 ? end : Math.min(end, close + tag.length);
        push('string', i, stop, text.slice(j + 1, close < 0 ? end : close));
        i = stop;
        continue;
      }
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < end && /[A-Za-z0-9_$\u0080-\uffff]/.test(text[j])) j++;
      push('word', i, j, text.slice(i, j).toLowerCase());
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < end && /[0-9.]/.test(text[j])) j++;
      push('number', i, j);
      i = j;
      continue;
    }
    if (c === ':' && text[i + 1] === ':') { push('punct', i, i + 2); i += 2; continue; }
    push('punct', i, i + 1);
    i++;
  }
  return out;
}

/** A possibly schema-qualified name as written. */
export interface SqlQName { schema?: string; name: string; display: string; start: number; end: number; text: string }

export interface LexColumn {
  name: SqlToken;
  /** The type as written (`double precision`, `numeric(12, 2)`, `text[]`), lower-cased, and its extent. */
  type?: { text: string; start: number; end: number };
  notNull: boolean;
  primary: boolean;
  unique: boolean;
  hasDefault: boolean;
  generated: boolean;
  references?: LexReference;
  /** Extent of the whole column definition. */
  start: number;
  end: number;
}
export interface LexReference {
  table: SqlQName;
  columns: SqlToken[];
  onDelete?: string;
  /** The REFERENCES keyword, and just after the referenced table / columns. */
  start: number;
  afterTarget: number;
  end: number;
}
export interface LexTableConstraint { type: 'primary key' | 'unique' | 'foreign key'; columns: SqlToken[]; references?: LexReference; start: number; end: number }

export type LexStatement =
  | { kind: 'create table'; table: SqlQName; columns: LexColumn[]; constraints: LexTableConstraint[]; mysql: boolean }
  | { kind: 'alter table'; table: SqlQName; addColumns: LexColumn[]; enableRls: boolean }
  | { kind: 'drop policy'; name: string; table: SqlQName }
  | { kind: 'create policy'; name: string; table: SqlQName; command: string; roles: string[]; using?: SqlToken[]; withCheck?: SqlToken[]; /** From CREATE to the end of the table name. */ start: number; end: number };

const COLUMN_CONSTRAINT_WORDS = new Set(['not', 'null', 'default', 'primary', 'unique', 'references', 'check', 'constraint', 'generated', 'collate', 'auto_increment', 'autoincrement', 'comment', 'on', 'identity']);
const TABLE_CONSTRAINT_WORDS = new Set(['constraint', 'primary', 'unique', 'foreign', 'check', 'exclude', 'like', 'key', 'index', 'fulltext', 'spatial']);
const ACTIONS = ['cascade', 'restrict', 'set null', 'set default', 'no action'];

class Reader {
  i = 0;
  constructor(readonly t: SqlToken[]) {}
  get done() { return this.i >= this.t.length; }
  peek(k = 0): SqlToken | undefined { return this.t[this.i + k]; }
  isWord(w: string, k = 0) { const x = this.t[this.i + k]; return !!x && x.kind === 'word' && x.value === w; }
  isPunct(p: string, k = 0) { const x = this.t[this.i + k]; return !!x && x.kind === 'punct' && x.value === p; }
  /** Consumes a sequence of words if all match. */
  words(...ws: string[]): boolean {
    if (!ws.every((w, k) => this.isWord(w, k))) return false;
    this.i += ws.length;
    return true;
  }
  next(): SqlToken | undefined { return this.t[this.i++]; }
  name(): SqlToken | undefined {
    const x = this.peek();
    if (x && (x.kind === 'word' || x.kind === 'quoted')) { this.i++; return x; }
    return undefined;
  }
  qname(text: string): SqlQName | undefined {
    const a = this.name();
    if (!a) return undefined;
    if (this.isPunct('.') && this.peek(1) && (this.peek(1)!.kind === 'word' || this.peek(1)!.kind === 'quoted')) {
      this.i++;
      const b = this.name()!;
      return { schema: displayOf(a).toLowerCase(), name: displayOf(b).toLowerCase(), display: displayOf(b), start: a.start, end: b.end, text: text.slice(a.start, b.end) };
    }
    return { name: displayOf(a).toLowerCase(), display: displayOf(a), start: a.start, end: a.end, text: text.slice(a.start, a.end) };
  }
  /** Skips a balanced parenthesised group starting at '('; returns the tokens inside. */
  group(): SqlToken[] | undefined {
    if (!this.isPunct('(')) return undefined;
    const from = ++this.i;
    let depth = 1;
    while (!this.done) {
      const x = this.next()!;
      if (x.kind === 'punct' && x.value === '(') depth++;
      else if (x.kind === 'punct' && x.value === ')' && --depth === 0) return this.t.slice(from, this.i - 1);
    }
    return this.t.slice(from);
  }
}

/** `"Post"` -> Post, `posts` -> posts (the name as the database sees it, case kept for quoted names). */
function displayOf(t: SqlToken): string {
  return t.kind === 'quoted' ? t.value : t.text;
}

/** Splits tokens at top-level commas. */
function splitTopLevel(tokens: SqlToken[]): SqlToken[][] {
  const out: SqlToken[][] = [];
  let cur: SqlToken[] = [];
  let depth = 0;
  for (const x of tokens) {
    if (x.kind === 'punct' && x.value === '(') depth++;
    if (x.kind === 'punct' && x.value === ')') depth--;
    if (depth === 0 && x.kind === 'punct' && x.value === ',') { out.push(cur); cur = []; continue; }
    cur.push(x);
  }
  if (cur.length) out.push(cur);
  return out;
}

function readReference(r: Reader, text: string): LexReference | undefined {
  const start = r.peek()!.start;
  r.i++; // references
  const table = r.qname(text);
  if (!table) return undefined;
  let afterTarget = table.end;
  const cols: SqlToken[] = [];
  if (r.isPunct('(')) {
    const inner = r.group() ?? [];
    for (const x of inner) if (x.kind === 'word' || x.kind === 'quoted') cols.push(x);
    afterTarget = r.t[r.i - 1].end;
  }
  let onDelete: string | undefined;
  let end = afterTarget;
  for (;;) {
    if (r.words('match')) { r.next(); end = r.t[r.i - 1].end; continue; }
    if (r.isWord('on') && (r.isWord('delete', 1) || r.isWord('update', 1))) {
      const del = r.isWord('delete', 1);
      r.i += 2;
      const action = ACTIONS.find((a) => r.words(...a.split(' ')));
      if (del) onDelete = action;
      end = r.t[r.i - 1].end;
      continue;
    }
    if (r.words('deferrable') || r.words('not', 'deferrable') || r.words('initially', 'deferred') || r.words('initially', 'immediate')) { end = r.t[r.i - 1].end; continue; }
    break;
  }
  return { table, columns: cols, onDelete, start, afterTarget, end };
}

function readColumn(tokens: SqlToken[], text: string): LexColumn | undefined {
  const r = new Reader(tokens.filter((x) => x.kind !== 'comment'));
  const name = r.name();
  if (!name || r.done) return undefined;
  const col: LexColumn = { name, notNull: false, primary: false, unique: false, hasDefault: false, generated: false, start: name.start, end: r.t[r.t.length - 1].end };
  const typeStart = r.peek()!.start;
  let typeEnd = typeStart;
  while (!r.done) {
    const x = r.peek()!;
    if (x.kind === 'word' && COLUMN_CONSTRAINT_WORDS.has(x.value)) break;
    if (x.kind === 'punct' && x.value === '(') { r.group(); typeEnd = r.t[r.i - 1].end; continue; }
    r.i++;
    typeEnd = x.end;
  }
  if (typeEnd > typeStart) col.type = { text: text.slice(typeStart, typeEnd).toLowerCase().replace(/\s+/g, ' '), start: typeStart, end: typeEnd };
  while (!r.done) {
    if (r.words('constraint')) { r.name(); continue; }
    if (r.words('not', 'null')) { col.notNull = true; continue; }
    if (r.words('null')) continue;
    if (r.words('primary', 'key')) { col.primary = true; col.notNull = true; continue; }
    if (r.words('unique')) { col.unique = true; if (r.words('key')) { /* MySQL */ } continue; }
    if (r.isWord('references')) { col.references = readReference(r, text); continue; }
    if (r.words('generated')) { col.generated = true; continue; }
    if (r.words('auto_increment') || r.words('autoincrement') || r.words('identity')) { col.generated = true; continue; }
    if (r.words('default')) {
      col.hasDefault = true;
      while (!r.done) {
        const x = r.peek()!;
        if (x.kind === 'word' && COLUMN_CONSTRAINT_WORDS.has(x.value) && x.value !== 'null' && x.value !== 'on') break;
        if (x.kind === 'punct' && x.value === '(') { r.group(); continue; }
        r.i++;
      }
      continue;
    }
    if (r.words('check')) { r.group(); continue; }
    r.i++;
  }
  return col;
}

function readTableConstraint(tokens: SqlToken[], text: string): LexTableConstraint | undefined {
  const r = new Reader(tokens.filter((x) => x.kind !== 'comment'));
  const start = r.peek()?.start ?? 0;
  if (r.words('constraint')) r.name();
  const cols = () => (r.group() ?? []).filter((x) => x.kind === 'word' || x.kind === 'quoted');
  const end = tokens[tokens.length - 1]?.end ?? start;
  if (r.words('primary', 'key')) return { type: 'primary key', columns: cols(), start, end };
  if (r.words('unique')) { r.words('key'); r.words('index'); if (!r.isPunct('(')) r.name(); return { type: 'unique', columns: cols(), start, end }; }
  if (r.words('foreign', 'key')) {
    if (!r.isPunct('(')) r.name();
    const columns = cols();
    const references = r.isWord('references') ? readReference(r, text) : undefined;
    return { type: 'foreign key', columns, references, start, end };
  }
  return undefined;
}

/** Reads one statement's tokens; undefined for shapes this reader does not know. */
export function readStatement(text: string, start: number, end: number): LexStatement | undefined {
  const all = sqlTokens(text, start, end);
  const tokens = all.filter((x) => x.kind !== 'comment');
  const r = new Reader(tokens);
  if (r.words('create')) {
    r.words('or', 'replace');
    if (r.isWord('policy')) return readPolicy(r, text);
    r.words('global') || r.words('local');
    r.words('temporary') || r.words('temp') || r.words('unlogged');
    if (!r.words('table')) return undefined;
    r.words('if', 'not', 'exists');
    const table = r.qname(text);
    const body = table && r.group();
    if (!table || !body) return undefined;
    const columns: LexColumn[] = [];
    const constraints: LexTableConstraint[] = [];
    for (const item of splitTopLevel(body)) {
      const first = item.find((x) => x.kind !== 'comment');
      if (!first) continue;
      if (first.kind === 'word' && TABLE_CONSTRAINT_WORDS.has(first.value)) {
        const c = readTableConstraint(item, text);
        if (c) constraints.push(c);
        continue;
      }
      const col = readColumn(item, text);
      if (col) columns.push(col);
    }
    const mysql = all.some((x) => (x.kind === 'quoted' && x.text.startsWith('`')) || (x.kind === 'word' && (x.value === 'engine' || x.value === 'auto_increment')));
    return { kind: 'create table', table, columns, constraints, mysql };
  }
  if (r.words('drop', 'policy')) {
    r.words('if', 'exists');
    const name = r.name();
    const table = name && r.words('on') ? r.qname(text) : undefined;
    return name && table ? { kind: 'drop policy', name: displayOf(name), table } : undefined;
  }
  if (r.words('alter', 'table')) {
    r.words('if', 'exists');
    r.words('only');
    const table = r.qname(text);
    if (!table) return undefined;
    const addColumns: LexColumn[] = [];
    let enableRls = false;
    for (const action of splitTopLevel(tokens.slice(r.i))) {
      const a = new Reader(action);
      if (a.words('enable', 'row', 'level', 'security')) { enableRls = true; continue; }
      if (a.words('add')) {
        if (a.isWord('constraint') || a.isWord('primary') || a.isWord('unique') || a.isWord('foreign') || a.isWord('check')) continue;
        a.words('column');
        a.words('if', 'not', 'exists');
        const col = readColumn(action.slice(a.i), text);
        if (col) addColumns.push(col);
      }
    }
    return { kind: 'alter table', table, addColumns, enableRls };
  }
  return undefined;
}

function readPolicy(r: Reader, text: string): LexStatement | undefined {
  const start = r.t[0].start;
  r.i++; // policy
  const name = r.name();
  if (!name || !r.words('on')) return undefined;
  const table = r.qname(text);
  if (!table) return undefined;
  let command = 'all';
  const roles: string[] = [];
  let using: SqlToken[] | undefined;
  let withCheck: SqlToken[] | undefined;
  while (!r.done) {
    if (r.words('as')) { r.next(); continue; }
    if (r.words('for')) { command = r.next()?.value ?? 'all'; continue; }
    if (r.words('to')) {
      while (!r.done) {
        const x = r.name();
        if (x) roles.push(displayOf(x).toLowerCase());
        if (!r.isPunct(',')) break;
        r.i++;
      }
      continue;
    }
    if (r.words('using')) { using = r.group(); continue; }
    if (r.words('with', 'check')) { withCheck = r.group(); continue; }
    r.i++;
  }
  return { kind: 'create policy', name: displayOf(name), table, command, roles, using, withCheck, start, end: table.end };
}

/** True when an expression's tokens are just `true` (possibly parenthesised). */
/**
 * Whether a statement is one the rules read (tables, columns, indexes, constraints, policies, drops): only those
 * count as not understood when the parser fails. GRANT, COMMENT ON, functions, triggers, DO blocks... are not read.
 */
export function isSchemaStatement(text: string, start: number, end: number): boolean {
  const w: string[] = [];
  for (const t of sqlTokens(text, start, Math.min(end, start + 400))) {
    if (t.kind === 'comment') continue;
    if (t.kind !== 'word') break;
    w.push(t.value);
    if (w.length === 4) break;
  }
  if (w[0] === 'alter') return w[1] === 'table';
  if (w[0] === 'drop' || w[0] === 'truncate') return ['table', 'index', 'policy', 'column'].includes(w[1] ?? '') || w[0] === 'truncate';
  if (w[0] === 'create') {
    const rest = w.slice(1).filter((x) => !['unique', 'temp', 'temporary', 'unlogged', 'global', 'local'].includes(x));
    return ['table', 'index', 'policy'].includes(rest[0] ?? '');
  }
  return false;
}

/** `auth.uid() IS NOT NULL`, `(select auth.uid()) is not null`, `auth.role() = 'authenticated'` (Supabase): true for every signed-in user, whoever owns the row. */
export function isSignedInExpression(tokens: SqlToken[] | undefined): boolean {
  const t = (tokens ?? []).filter((x) => x.kind !== 'comment' && !(x.kind === 'punct' && (x.value === '(' || x.value === ')')));
  if (!t.length || t.length > 8) return false;
  const s = t.map((x) => (x.kind === 'string' ? `'${x.value}'` : x.value)).join(' ').replace(/ \. /g, '.');
  return /^(select )?auth\.(uid|jwt) is not null$/.test(s) || /^(select )?auth\.role = 'authenticated'$/.test(s) || /^'authenticated' = (select )?auth\.role$/.test(s);
}

export function isTrueExpression(tokens: SqlToken[] | undefined): boolean {
  const t = (tokens ?? []).filter((x) => x.kind !== 'comment' && !(x.kind === 'punct' && (x.value === '(' || x.value === ')')));
  return t.length === 1 && t[0].kind === 'word' && t[0].value === 'true';
}
