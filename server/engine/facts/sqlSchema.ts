/** Schema facts of one SQL file (tables' columns, foreign keys, unique constraints and indexes), cached per file for workspace-wide schema checks. */
import type { Statement, CreateColumnDef, TableConstraint, ColumnConstraint, QName, Name } from 'pgsql-ast-parser';
import type { ParsedOf } from '../parse';
import { sqlOffset, type SqlStatement } from '../parse/sql';
import type { Position, Range } from '../types';

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
}

/** A UNIQUE constraint, PRIMARY KEY or unique index (single or composite) over columns of a table. */
export interface SqlUniqueFact { table: string; columns: string[] }

export interface SqlSchemaFacts {
  columns: SqlColumnFact[];
  foreignKeys: SqlForeignKeyFact[];
  uniques: SqlUniqueFact[];
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
  const facts: SqlSchemaFacts = { columns: [], foreignKeys: [], uniques: [] };
  const { text, lines } = file;
  for (const stmt of file.ast) {
    if (stmt.ast) statementFacts(stmt, stmt.ast, text, lines.range.bind(lines), lines.positionAt.bind(lines), facts);
  }
  return facts;
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
    if (r && endAt) facts.columns.push({ table, tableDisplay, name: name.toLowerCase(), display: name, nullable, unique, range: r, endAt, lowerCase });
    for (const c of cons) columnConstraint(table, name.toLowerCase(), nullable, c);
  };
  const columnConstraint = (table: string, column: string, nullable: boolean, c: ColumnConstraint) => {
    if (c.type === 'reference') {
      const r = rangeOf(c._location);
      const actionAt = afterReferences(c);
      if (r && actionAt) facts.foreignKeys.push({ table, tableDisplay, columns: [column], refTable: lower(c.foreignTable), refDisplay: c.foreignTable.name, onDelete: c.onDelete, nullable, range: r, actionAt, lowerCase });
    }
  };
  const tableConstraint = (table: string, c: TableConstraint, nullableOf: (col: string) => boolean | undefined) => {
    if (c.type === 'unique' || c.type === 'primary key') facts.uniques.push({ table, columns: c.columns.map(lower) });
    if (c.type === 'foreign key') {
      const columns = c.localColumns.map(lower);
      const known = columns.map(nullableOf);
      const r = rangeOf(c._location);
      const actionAt = afterReferences(c);
      if (r && actionAt) {
        facts.foreignKeys.push({
          table, tableDisplay, columns, refTable: lower(c.foreignTable), refDisplay: c.foreignTable.name, onDelete: c.onDelete,
          nullable: known.some((k) => k === undefined) ? undefined : known.every(Boolean), range: r, actionAt, lowerCase,
        });
      }
    }
  };

  if (ast.type === 'create table') {
    const table = lower(ast.name);
    tableDisplay = ast.name.name;
    const pk = new Set<string>();
    for (const c of ast.constraints ?? []) if (c.type === 'primary key') for (const n of c.columns) pk.add(lower(n));
    const cols = ast.columns.filter((c): c is CreateColumnDef => c.kind === 'column');
    for (const col of cols) addColumn(table, col, pk);
    const nullableOf = (name: string) => facts.columns.find((c) => c.table === table && c.name === name)?.nullable;
    for (const c of ast.constraints ?? []) tableConstraint(table, c, nullableOf);
  } else if (ast.type === 'alter table') {
    const table = lower(ast.table);
    tableDisplay = ast.table.name;
    for (const ch of ast.changes) {
      if (ch.type === 'add column') addColumn(table, ch.column, new Set());
      else if (ch.type === 'add constraint') {
        tableConstraint(table, ch.constraint, (name) => [...facts.columns].reverse().find((c) => c.table === table && c.name === name)?.nullable);
      }
    }
  } else if (ast.type === 'create index' && ast.unique) {
    const columns = new Set<string>();
    for (const e of ast.expressions) refColumns(e.expression, columns);
    if (columns.size) facts.uniques.push({ table: lower(ast.table), columns: [...columns] });
  }
}
