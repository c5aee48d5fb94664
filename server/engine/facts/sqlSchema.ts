/** Schema facts of one SQL file (tables' columns, foreign keys, unique constraints and indexes), cached per file for workspace-wide schema checks. */
import type { Statement, CreateColumnDef, TableConstraint, ColumnConstraint, QName, Name, DataTypeDef } from 'pgsql-ast-parser';
import type { ParsedOf } from '../parse';
import { sqlOffset, type SqlStatement } from '../parse/sql';
import type { Position, Range } from '../types';
import { isSignedInExpression, isTrueExpression, readStatement, type LexColumn, type LexReference, type SqlQName } from '../parse/sqlTokens';

export interface SqlColumnFact {
  /** Table and column names, lower-cased, without the schema. */
  table: string;
  /** The table name as the parser read it (quotes removed, case kept). */
  tableDisplay: string;
  name: string;
  /** The column name as the parser read it (quotes removed, case kept). */
  display: string;
  nullable: boolean;
  /** A column-level UNIQUE or PRIMARY KEY. */
  unique: boolean;
  /** The column's name. */
  range: Range;
  /** Where another column constraint can go: after the definition, or before its REFERENCES clause. */
  endAt: Position;
  /** The statement is written in lower-case keywords (`create table`). */
  lowerCase: boolean;
  /** The declared type, lower-cased, with its arguments (`double precision`, `numeric(12,2)`, `text[]`), and where it is written. */
  type?: string;
  typeRange?: Range;
  /** Read by the lexical reader (sqlTokens.ts) because pgsql-ast-parser does not support the statement. */
  lexical?: true;
}

export interface SqlForeignKeyFact {
  table: string;
  tableDisplay: string;
  /** Local columns, lower-cased. */
  columns: string[];
  refTable: string;
  refDisplay: string;
  /** 'cascade', 'restrict', 'set null', 'no action', 'set default' when written. */
  onDelete?: string;
  /** Whether every local column is nullable, when this file's CREATE TABLE / ADD COLUMN says so. */
  nullable?: boolean;
  /** The REFERENCES clause (column constraint) or the FOREIGN KEY constraint. */
  range: Range;
  /** Just after `REFERENCES t (cols)`: where `ON DELETE ...` can go. */
  actionAt: Position;
  lowerCase: boolean;
  /** Just after the statement (after its `;` when it has one): where a following statement can go. */
  statementEnd?: Position;
  semicolon?: boolean;
  /** The table and local columns as written (`public.posts`, `"authorId"`), for statements a fix writes. */
  tableSql?: string;
  columnsSql?: string[];
  /** The table's schema when qualified (`public`), lower-cased. */
  schema?: string;
  lexical?: true;
}

/** A CREATE TABLE statement. */
export interface SqlTableFact {
  table: string;
  tableDisplay: string;
  schema?: string;
  /** The table's name as written, and its range. */
  sql: string;
  range: Range;
  /** Column names, lower-cased. */
  columns: string[];
  lowerCase: boolean;
}

/** Any index over a table: CREATE [UNIQUE] INDEX, PRIMARY KEY, UNIQUE; key columns in order ('' for an expression). */
export interface SqlIndexFact { table: string; columns: string[] }

/** CREATE POLICY: the command it covers, its roles, and whether USING / WITH CHECK are just `true`. */
export interface SqlPolicyFact {
  table: string;
  schema?: string;
  name: string;
  command: string;
  roles: string[];
  usingTrue: boolean;
  checkTrue: boolean;
  /** USING / WITH CHECK hold for every signed-in user (`auth.uid() IS NOT NULL`), whoever owns the row. */
  usingSignedIn?: boolean;
  checkSignedIn?: boolean;
  range: Range;
}

/** ALTER TABLE ... ALTER COLUMN ... TYPE. */
export interface SqlTypeChangeFact { table: string; column: string; type: string }

/** A UNIQUE constraint, PRIMARY KEY or unique index (single or composite) over columns of a table. */
export interface SqlUniqueFact { table: string; columns: string[] }

export interface SqlSchemaFacts {
  columns: SqlColumnFact[];
  foreignKeys: SqlForeignKeyFact[];
  uniques: SqlUniqueFact[];
  tables: SqlTableFact[];
  indexes: SqlIndexFact[];
  /** Tables (lower-cased, `schema.name` when qualified) with ALTER TABLE ... ENABLE ROW LEVEL SECURITY. */
  rlsEnabled: string[];
  policies: SqlPolicyFact[];
  /** DROP POLICY statements (a policy created again later with the same name replaces the old one). */
  policyDrops: Array<{ table: string; name: string; range: Range }>;
  typeChanges: SqlTypeChangeFact[];
  /** Tables dropped (DROP TABLE), lower-cased names. */
  droppedTables: string[];
}

const lower = (n: Name | QName) => n.name.toLowerCase();

/** Offset after the `)` that close parentheses left open inside text[start, end) (strings skipped). */
export function closeOpenParens(text: string, start: number, end: number): number {
  let open = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === "'" || c === '"') { const e = text.indexOf(c, i + 1); i = e < 0 ? end : e; continue; }
    if (c === '(') open++; else if (c === ')') open = Math.max(0, open - 1);
  }
  let i = end;
  while (open > 0 && i < text.length) {
    if (text[i] === ')') open--;
    else if (!/\s/.test(text[i])) break;
    i++;
  }
  return i;
}

function refColumns(e: unknown, out: Set<string>): void {
  if (!e || typeof e !== 'object') return;
  const node = e as { type?: string; name?: unknown };
  if (node.type === 'ref' && typeof node.name === 'string') out.add(node.name.toLowerCase());
  for (const v of Object.values(e)) if (v && typeof v === 'object') refColumns(v, out);
}

export function sqlSchemaFacts(file: ParsedOf<'sql'>): SqlSchemaFacts {
  const facts: SqlSchemaFacts = { columns: [], foreignKeys: [], uniques: [], tables: [], indexes: [], rlsEnabled: [], policies: [], policyDrops: [], typeChanges: [], droppedTables: [] };
  const { text, lines } = file;
  for (const stmt of file.ast) {
    if (stmt.ast) statementFacts(stmt, stmt.ast, text, lines.range.bind(lines), lines.positionAt.bind(lines), facts);
    else lexicalFacts(stmt, text, lines.range.bind(lines), lines.positionAt.bind(lines), facts);
  }
  return facts;
}

/** The text of a data type as written in the AST (`double precision`, `numeric(12,2)`, `text[]`). */
export function dataTypeText(t: DataTypeDef): string {
  if (t.kind === 'array') return `${dataTypeText(t.arrayOf)}[]`;
  return `${t.name.toLowerCase()}${t.config?.length ? `(${t.config.join(',')})` : ''}`;
}

/** Facts of a statement pgsql-ast-parser does not support, read by the lexical reader. */
/** A referenced table as a person reads it: `auth.users` (Supabase's users, not the app's own `users`); `public.` left out. */
function withSchema(schema: string | undefined, name: string): string {
  return schema && schema.toLowerCase() !== 'public' ? `${schema}.${name}` : name;
}

function lexicalFacts(stmt: SqlStatement, text: string, range: (s: number, e: number) => Range, pos: (o: number) => Position, facts: SqlSchemaFacts): void {
  const lex = readStatement(text, stmt.start, stmt.end);
  if (!lex) return;
  const lowerCase = /[a-z]/.test(text[stmt.start] ?? '');
  const statementEnd = pos(stmt.start + stmt.text.length);
  const semicolon = stmt.text.endsWith(';');
  const key = (q: SqlQName) => (q.schema ? `${q.schema}.${q.name}` : q.name);
  const fk = (table: SqlQName, columns: string[], columnsSql: string[], ref: LexReference, nullable: boolean | undefined) => {
    facts.foreignKeys.push({
      table: table.name, tableDisplay: table.display, columns, refTable: ref.table.name, refDisplay: withSchema(ref.table.schema, ref.table.display), onDelete: ref.onDelete, nullable,
      range: range(ref.start, ref.end), actionAt: pos(ref.afterTarget), lowerCase, statementEnd, semicolon, tableSql: table.text, columnsSql, schema: table.schema, lexical: true,
    });
  };
  const column = (table: SqlQName, c: LexColumn, tablePk: Set<string>) => {
    const name = c.name.kind === 'quoted' ? c.name.value : c.name.text;
    const lower = name.toLowerCase();
    const nullable = !c.notNull && !tablePk.has(lower);
    let endAt = c.end;
    if (c.references) { endAt = c.references.start; while (endAt > 0 && /\s/.test(text[endAt - 1])) endAt--; }
    facts.columns.push({
      table: table.name, tableDisplay: table.display, name: lower, display: name, nullable, unique: c.unique || c.primary, range: range(c.name.start, c.name.end),
      endAt: pos(endAt), lowerCase, type: c.type?.text, typeRange: c.type && range(c.type.start, c.type.end), lexical: true,
    });
    if (c.unique || c.primary) { facts.uniques.push({ table: table.name, columns: [lower] }); facts.indexes.push({ table: table.name, columns: [lower] }); }
    if (c.references) fk(table, [lower], [text.slice(c.name.start, c.name.end)], c.references, nullable);
  };
  if (lex.kind === 'create table') {
    if (lex.mysql) return;
    const t = lex.table;
    facts.tables.push({ table: t.name, tableDisplay: t.display, schema: t.schema, sql: t.text, range: range(t.start, t.end), columns: lex.columns.map((c) => (c.name.kind === 'quoted' ? c.name.value : c.name.text).toLowerCase()), lowerCase });
    const pk = new Set<string>();
    for (const c of lex.constraints) if (c.type === 'primary key') for (const n of c.columns) pk.add(n.value.toLowerCase());
    for (const c of lex.columns) column(t, c, pk);
    for (const c of lex.constraints) {
      const cols = c.columns.map((n) => n.value.toLowerCase());
      if (c.type !== 'foreign key') { facts.uniques.push({ table: t.name, columns: cols }); facts.indexes.push({ table: t.name, columns: cols }); continue; }
      if (c.references) {
        const known = cols.map((n) => facts.columns.find((x) => x.table === t.name && x.name === n)?.nullable);
        fk(t, cols, c.columns.map((n) => n.text), c.references, known.some((k) => k === undefined) ? undefined : known.every(Boolean));
      }
    }
  } else if (lex.kind === 'alter table') {
    for (const c of lex.addColumns) column(lex.table, c, new Set());
    if (lex.enableRls) facts.rlsEnabled.push(key(lex.table));
  } else if (lex.kind === 'drop policy') {
    facts.policyDrops.push({ table: lex.table.name, name: lex.name, range: range(stmt.start, stmt.start) });
  } else if (lex.kind === 'create policy') {
    facts.policies.push({
      table: lex.table.name, schema: lex.table.schema, name: lex.name, command: lex.command, roles: lex.roles,
      usingTrue: isTrueExpression(lex.using), checkTrue: isTrueExpression(lex.withCheck), range: range(lex.start, lex.end),
      ...(isSignedInExpression(lex.using) ? { usingSignedIn: true } : {}), ...(isSignedInExpression(lex.withCheck) ? { checkSignedIn: true } : {}),
    });
  }
}

function statementFacts(stmt: SqlStatement, ast: Statement, text: string, range: (s: number, e: number) => Range, pos: (o: number) => Position, facts: SqlSchemaFacts): void {
  const at = (loc: { start: number; end: number } | undefined) => sqlOffset(stmt, loc);
  const first = at(ast._location)?.start ?? stmt.start;
  const lowerCase = /[a-z]/.test(text[first] ?? '');
  const rangeOf = (loc: { start: number; end: number } | undefined) => { const o = at(loc); return o ? range(o.start, o.end) : undefined; };
  const afterParens = (loc: { start: number; end: number } | undefined) => { const o = at(loc); return o ? pos(closeOpenParens(text, o.start, o.end)) : undefined; };
  /** Just after `REFERENCES t (cols)`, before any ON UPDATE / ON DELETE. */
  const afterReferences = (c: { _location?: { start: number; end: number }; foreignTable: QName; foreignColumns?: Name[] }) => {
    const from = at(c._location);
    const last = c.foreignColumns?.length ? c.foreignColumns[c.foreignColumns.length - 1] : c.foreignTable;
    const to = at(last._location);
    return from && to ? pos(closeOpenParens(text, from.start, to.end)) : undefined;
  };

  let tableDisplay = '';
  let tableSql: string | undefined;
  let schema: string | undefined;
  const statementEnd = pos(stmt.start + stmt.text.length);
  const semicolon = stmt.text.endsWith(';');
  const sqlOf = (loc: { start: number; end: number } | undefined) => { const o = at(loc); return o ? text.slice(o.start, o.end) : undefined; };
  const fkExtras = (columnsSql: Array<string | undefined>) => ({ statementEnd, semicolon, tableSql, schema, columnsSql: columnsSql.every((c) => c !== undefined) ? columnsSql as string[] : undefined });
  const addColumn = (table: string, col: CreateColumnDef, tablePk: Set<string>) => {
    const cons = col.constraints ?? [];
    const name = col.name.name;
    const unique = cons.some((c) => c.type === 'unique' || c.type === 'primary key');
    const nullable = !cons.some((c) => c.type === 'not null' || c.type === 'primary key') && !tablePk.has(name.toLowerCase());
    const r = rangeOf(col.name._location);
    const ref = cons.find((c) => c.type === 'reference');
    const refStart = ref && at(ref._location)?.start;
    let endAt = afterParens(col._location);
    if (refStart !== undefined) {
      let i = refStart;
      while (i > 0 && /\s/.test(text[i - 1])) i--;
      endAt = pos(i);
    }
    if (r && endAt) facts.columns.push({ table, tableDisplay, name: name.toLowerCase(), display: name, nullable, unique, range: r, endAt, lowerCase, type: dataTypeText(col.dataType), typeRange: rangeOf(col.dataType._location) });
    if (unique) facts.indexes.push({ table, columns: [name.toLowerCase()] });
    for (const c of cons) columnConstraint(table, name.toLowerCase(), nullable, c, sqlOf(col.name._location));
  };
  const columnConstraint = (table: string, column: string, nullable: boolean, c: ColumnConstraint, columnSql: string | undefined) => {
    if (c.type === 'reference') {
      const r = rangeOf(c._location);
      const actionAt = afterReferences(c);
      if (r && actionAt) facts.foreignKeys.push({ table, tableDisplay, columns: [column], refTable: lower(c.foreignTable), refDisplay: withSchema(c.foreignTable.schema, c.foreignTable.name), onDelete: c.onDelete, nullable, range: r, actionAt, lowerCase, ...fkExtras([columnSql]) });
    }
  };
  const tableConstraint = (table: string, c: TableConstraint, nullableOf: (col: string) => boolean | undefined) => {
    if (c.type === 'unique' || c.type === 'primary key') { facts.uniques.push({ table, columns: c.columns.map(lower) }); facts.indexes.push({ table, columns: c.columns.map(lower) }); }
    if (c.type === 'foreign key') {
      const columns = c.localColumns.map(lower);
      const known = columns.map(nullableOf);
      const r = rangeOf(c._location);
      const actionAt = afterReferences(c);
      if (r && actionAt) {
        facts.foreignKeys.push({
          table, tableDisplay, columns, refTable: lower(c.foreignTable), refDisplay: withSchema(c.foreignTable.schema, c.foreignTable.name), onDelete: c.onDelete,
          nullable: known.some((k) => k === undefined) ? undefined : known.every(Boolean), range: r, actionAt, lowerCase, ...fkExtras(c.localColumns.map((n) => sqlOf(n._location))),
        });
      }
    }
  };

  if (ast.type === 'create table') {
    const table = lower(ast.name);
    tableDisplay = ast.name.name;
    tableSql = sqlOf(ast.name._location);
    schema = ast.name.schema?.toLowerCase();
    const nameRange = rangeOf(ast.name._location);
    if (nameRange && tableSql) {
      facts.tables.push({ table, tableDisplay, schema, sql: tableSql, range: nameRange, lowerCase, columns: ast.columns.filter((c): c is CreateColumnDef => c.kind === 'column').map((c) => c.name.name.toLowerCase()) });
    }
    const pk = new Set<string>();
    for (const c of ast.constraints ?? []) if (c.type === 'primary key') for (const n of c.columns) pk.add(lower(n));
    const cols = ast.columns.filter((c): c is CreateColumnDef => c.kind === 'column');
    for (const col of cols) addColumn(table, col, pk);
    const nullableOf = (name: string) => facts.columns.find((c) => c.table === table && c.name === name)?.nullable;
    for (const c of ast.constraints ?? []) tableConstraint(table, c, nullableOf);
  } else if (ast.type === 'alter table') {
    const table = lower(ast.table);
    tableDisplay = ast.table.name;
    tableSql = sqlOf(ast.table._location);
    schema = ast.table.schema?.toLowerCase();
    for (const ch of ast.changes) {
      if (ch.type === 'alter column' && ch.alter.type === 'set type') facts.typeChanges.push({ table, column: ch.column.name.toLowerCase(), type: dataTypeText(ch.alter.dataType) });
      if (ch.type === 'add column') addColumn(table, ch.column, new Set());
      else if (ch.type === 'add constraint') {
        tableConstraint(table, ch.constraint, (name) => [...facts.columns].reverse().find((c) => c.table === table && c.name === name)?.nullable);
      }
    }
  } else if (ast.type === 'create index') {
    // a partial index (`WHERE returned_at IS NULL`) serves only its rows: a foreign key's lookups (on delete, joins) are not
    // covered, unless its condition is only that the key is set (`WHERE org_id IS NOT NULL`, implied by `org_id = $1`)
    const indexed = ast.expressions.map((e) => (e.expression.type === 'ref' ? e.expression.name.toLowerCase() : ''));
    const w = ast.where as { type?: string; op?: string; operand?: { type?: string; name?: string } } | undefined;
    const keySet = !!w && w.type === 'unary' && w.op === 'IS NOT NULL' && w.operand?.type === 'ref' && indexed.includes((w.operand.name ?? '').toLowerCase());
    if (!ast.where || keySet) facts.indexes.push({ table: lower(ast.table), columns: indexed });
    if (!ast.unique) return;
    const columns = new Set<string>();
    for (const e of ast.expressions) refColumns(e.expression, columns);
    if (columns.size) facts.uniques.push({ table: lower(ast.table), columns: [...columns] });
  } else if (ast.type === 'drop table') {
    for (const n of ast.names) facts.droppedTables.push(lower(n));
  }
}
