import { ts } from 'ts-morph';
import type { Statement } from 'pgsql-ast-parser';
import type { TsRule, TsVisitor } from '../../server/engine/types';
import type { ParsedOf } from '../../server/engine/parse';
import { parseSql, sqlOffset, type SqlStatement } from '../../server/engine/parse/sql';
import { readStatement } from '../../server/engine/parse/sqlTokens';
import { dataTypeText } from '../../server/engine/facts/sqlSchema';
import { isTestPath, propName, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { downMarker, inDown, isDownMigrationFile, isMigrationPath } from '../../server/engine/schema/migrations';

type Kind = 'drop-table' | 'drop-column' | 'rename-table' | 'rename-column' | 'change-type' | 'delete-rows';
interface Item { kind: Kind; table: string; column?: string; to?: string }

const CONSEQUENCE: Record<Kind, string> = {
  'drop-table': 'the data is gone for good (only a backup brings it back), and the version still running during the deploy fails on it',
  'drop-column': 'the data is gone for good (only a backup brings it back), and the version still running during the deploy fails on it',
  'rename-table': 'the version still running during the deploy, and any other reader (jobs, reports, a second service), fails until it is updated',
  'rename-column': 'the version still running during the deploy, and any other reader (jobs, reports, a second service), fails until it is updated',
  'change-type': 'the table is rewritten under an exclusive lock (writes wait for the duration) and values that do not fit fail the migration or are cut',
  'delete-rows': 'every row is deleted',
};

function describe(i: Item): string {
  const table = i.table ? `\`${i.table}\`` : 'a table';
  const col = i.column ? `the column \`${i.table ? `${i.table}.` : ''}${i.column}\`` : `a column of ${table}`;
  const to = i.to ? ` to \`${i.to}\`` : '';
  switch (i.kind) {
    case 'drop-table': return i.table === '*' ? 'drops every table' : `drops the table ${table}`;
    case 'drop-column': return `drops ${col}`;
    case 'rename-table': return `renames the table ${table}${to}`;
    case 'rename-column': return `renames ${col}${to}`;
    case 'change-type': return `changes the type of ${col.replace(/^the column /, '')}${to}`;
    case 'delete-rows': return `deletes every row of ${table}`;
  }
}

export function destructiveMessage(items: readonly Item[]): string {
  const what = items.map(describe);
  const list = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]}` : what[0];
  const why = [...new Set(items.map((i) => CONSEQUENCE[i.kind]))].join('; ');
  return `This migration ${list}: ${why}. Make sure it is intended, ship it in steps (stop using the column or table in one deploy, drop it in a later one; add, copy and switch instead of renaming), and check that a restorable backup exists first.`;
}

/** What a migration file created before a statement: tables and `table.column`s (so dropping them again is not destructive). */
interface Created { tables: Set<string>; columns: Set<string> }

/** Destructive items of one parsed statement. `later` tells whether a table is re-created further on (SQLite table redefinition). */
function statementItems(ast: Statement, created: Created, recreatedLater: (table: string) => boolean): Item[] {
  const items: Item[] = [];
  const lower = (s: string) => s.toLowerCase();
  switch (ast.type) {
    case 'drop table':
      for (const n of ast.names) if (!created.tables.has(lower(n.name)) && !recreatedLater(lower(n.name))) items.push({ kind: 'drop-table', table: n.name });
      break;
    case 'truncate table':
      for (const n of ast.tables) if (!created.tables.has(lower(n.name))) items.push({ kind: 'delete-rows', table: n.name });
      break;
    case 'delete':
      if (!ast.where && !created.tables.has(lower(ast.from.name))) items.push({ kind: 'delete-rows', table: ast.from.name });
      break;
    case 'alter table': {
      const table = ast.table.name;
      if (created.tables.has(lower(table))) break;
      for (const ch of ast.changes) {
        const fresh = (c: string) => created.columns.has(`${lower(table)}.${lower(c)}`);
        if (ch.type === 'drop column' && !fresh(ch.column.name)) items.push({ kind: 'drop-column', table, column: ch.column.name });
        else if (ch.type === 'rename column' && !fresh(ch.column.name)) items.push({ kind: 'rename-column', table, column: ch.column.name, to: ch.to.name });
        else if (ch.type === 'rename') items.push({ kind: 'rename-table', table, to: ch.to.name });
        else if (ch.type === 'alter column' && ch.alter.type === 'set type' && !fresh(ch.column.name)) items.push({ kind: 'change-type', table, column: ch.column.name, to: dataTypeText(ch.alter.dataType) });
      }
      break;
    }
  }
  return items;
}

/** Records what a statement creates (parsed or read lexically). */
function recordCreated(stmt: SqlStatement, text: string, created: Created): void {
  const ast = stmt.ast;
  if (ast?.type === 'create table') created.tables.add(ast.name.name.toLowerCase());
  else if (ast?.type === 'alter table') {
    for (const ch of ast.changes) {
      if (ch.type === 'add column') created.columns.add(`${ast.table.name.toLowerCase()}.${ch.column.name.name.toLowerCase()}`);
      if (ch.type === 'rename' && created.tables.has(ast.table.name.toLowerCase())) created.tables.add(ch.to.name.toLowerCase());
    }
  } else if (!ast) {
    const lex = readStatement(text, stmt.start, stmt.end);
    if (lex?.kind === 'create table') created.tables.add(lex.table.name);
    if (lex?.kind === 'alter table') for (const c of lex.addColumns) created.columns.add(`${lex.table.name}.${(c.name.kind === 'quoted' ? c.name.value : c.name.text).toLowerCase()}`);
  }
}

/** Destructive statements of SQL text: [statement, items] pairs. */
function sqlFindings(statements: readonly SqlStatement[], text: string, stop = Infinity): Array<{ stmt: SqlStatement; items: Item[] }> {
  const created: Created = { tables: new Set(), columns: new Set() };
  const out: Array<{ stmt: SqlStatement; items: Item[] }> = [];
  statements.forEach((stmt, i) => {
    if (stmt.start >= stop) return;
    if (stmt.ast) {
      const recreatedLater = (table: string) => statements.slice(i + 1).some((s) => {
        const a = s.ast;
        if (a?.type === 'create table') return a.name.name.toLowerCase() === table;
        if (a?.type === 'alter table') return a.changes.some((c) => c.type === 'rename' && c.to.name.toLowerCase() === table);
        return !a && readStatement(text, s.start, s.end)?.kind === 'create table' && (readStatement(text, s.start, s.end) as { table: { name: string } }).table.name === table;
      });
      const items = statementItems(stmt.ast, created, recreatedLater);
      if (items.length) out.push({ stmt, items });
    }
    recordCreated(stmt, text, created);
  });
  return out;
}

const TS_METHODS: Record<string, Kind> = {
  dropTable: 'drop-table', dropTableIfExists: 'drop-table', dropAllTables: 'drop-table', renameTable: 'rename-table', renameTo: 'rename-table',
  dropColumn: 'drop-column', dropColumns: 'drop-column', removeColumn: 'drop-column', dropTimestamps: 'drop-column', renameColumn: 'rename-column',
  changeColumn: 'change-type', changeColumns: 'change-type', setDataType: 'change-type', alter: 'change-type', clearTable: 'delete-rows', truncate: 'delete-rows', bulkDelete: 'delete-rows',
};
const rule: TsRule = {
  meta: {
    id: 'data/destructive-migration',
    category: 'data',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'Destructive migrations (drop, rename, type change, truncate)',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.schema',
    docs: {
      why: "A migration that drops or renames a table or column, changes a column's type or empties a table is the one change a deploy cannot take back: the data is gone once it runs, the app version still serving requests during the rollout breaks on the missing name, and a type change rewrites the whole table under a lock. Such a migration deserves a deliberate review and a checked backup.",
      checks: "The `down` half of a migration, and dropping what the same migration created, are not reported.",
      bad: { files: { 'prisma/migrations/20240301120000_drop_bio/migration.sql': '-- AlterTable\nALTER TABLE "User" DROP COLUMN "bio";\n' } },
      good: { files: { 'prisma/migrations/20240301120000_add_bio/migration.sql': '-- AlterTable\nALTER TABLE "User" ADD COLUMN "bio" TEXT;\n' } },
      fix: 'Split the change so that every deploy is compatible with the code running before it (expand / contract): add the new column or table, write to both, backfill, switch reads, and only drop the old one in a later release, once nothing uses it. For a rename, add-copy-switch-drop; for a type change on a large table, add a new column and backfill in batches. Take (and test) a backup right before.',
    },
  },
  scope: 'ts',
  triggers: { names: ['query', 'raw', 'execute', ...Object.keys(TS_METHODS)] },
  kinds: ['sql'],

  check(ctx) {
    const file = ctx.file as ParsedOf<'sql'>;
    if (!isMigrationPath(file.path) || isTestPath(file.path) || isDownMigrationFile(file.path)) return;
    const { text, lines } = file;
    for (const { stmt, items } of sqlFindings(file.ast, text, downMarker(text))) {
      const start = sqlOffset(stmt, stmt.ast?._location)?.start ?? stmt.start;
      const eol = text.indexOf('\n', start);
      const end = Math.min(stmt.end, eol < 0 ? text.length : eol);
      ctx.report({ message: destructiveMessage(items), range: lines.range(start, end > start ? end : stmt.end) });
    }
  },

  create(ctx): TsVisitor {
    const { sf, consts, file } = ctx;
    if (!isMigrationPath(file.path) || isTestPath(file.path)) return {};
    const created = new Map<ts.Node | undefined, Set<string>>();
    const found: Array<{ call: ts.CallExpression; item: Item; scope: ts.Node | undefined }> = [];
    const scopeOf = (n: ts.Node) => { let fn: ts.Node | undefined; for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) fn = p; return fn; };
    const str = (e: ts.Expression | undefined) => (e ? stringValue(e, consts) : undefined);
    /** The table a Knex / Kysely builder call works on (`knex.schema.table('users', (t) => t.dropColumn(...))`, `db.schema.alterTable('users').dropColumn()`): '' when unnamed, undefined when the call is not on a builder. */
    const builderTable = (call: ts.CallExpression): string | undefined => {
      let cur: ts.Expression = call.expression;
      while (ts.isPropertyAccessExpression(cur) || ts.isCallExpression(cur)) {
        if (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression) && /^(alterTable|table)$/.test(cur.expression.name.text)) return str(cur.arguments[0]) ?? '';
        cur = cur.expression;
      }
      for (let p: ts.Node | undefined = call.parent; p; p = p.parent) {
        if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && /^(alterTable|table|createTable)$/.test(p.expression.name.text)) return str(p.arguments[0]) ?? '';
      }
      return undefined;
    };
    const typeormTable = (e: ts.Expression | undefined): string | undefined => {
      const s = str(e);
      if (s) return s;
      const u = e && unwrap(e);
      if (u && ts.isNewExpression(u) && u.arguments?.[0] && ts.isObjectLiteralExpression(unwrap(u.arguments[0]))) {
        const name = (unwrap(u.arguments[0]) as ts.ObjectLiteralExpression).properties.find((p) => p.name && propName(p.name) === 'name');
        return name && ts.isPropertyAssignment(name) ? str(name.initializer) : undefined;
      }
      return undefined;
    };

    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression) || inDown(call)) return;
        const method = call.expression.name.text;
        const scope = scopeOf(call);
        const args = call.arguments;
        if (method === 'createTable' || method === 'createTableIfNotExists') {
          const t = typeormTable(args[0]);
          if (t) { let s = created.get(scope); if (!s) created.set(scope, (s = new Set())); s.add(t.toLowerCase()); }
          return;
        }
        if ((method === 'query' || method === 'raw' || method === 'execute') && args[0]) {
          const sql = str(args[0]);
          if (!sql) return;
          const items = sqlFindings(parseSql(sql), sql).flatMap((f) => f.items);
          if (items.length) ctx.report({ message: destructiveMessage(items), range: nodeRange(sf, args[0]) });
          return;
        }
        const kind = TS_METHODS[method];
        if (!kind) return;
        const receiver = unwrap(call.expression.expression);
        let item: Item | undefined;
        switch (method) {
          case 'alter':
            if (args.length === 0 && ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && builderTable(call) !== undefined) {
              item = { kind, table: builderTable(call)!, column: str(receiver.arguments[0]) };
            }
            break;
          case 'truncate':
            if (args.length === 0 && ts.isCallExpression(receiver) && str(receiver.arguments[0])) item = { kind, table: str(receiver.arguments[0])! };
            break;
          case 'dropTimestamps':
            if (builderTable(call) !== undefined) item = { kind, table: builderTable(call)!, column: 'created_at/updated_at' };
            break;
          case 'dropAllTables':
            item = { kind, table: '*' };
            break;
          case 'bulkDelete': {
            const where = args[1] && unwrap(args[1]);
            const table = str(args[0]);
            if (table && (!where || where.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(where) && where.text === 'undefined') || (ts.isObjectLiteralExpression(where) && where.properties.length === 0))) item = { kind, table };
            break;
          }
          case 'dropTable': case 'dropTableIfExists': case 'clearTable': case 'renameTable': {
            const table = typeormTable(args[0]);
            if (table) item = { kind, table, to: str(args[1]) };
            break;
          }
          case 'renameTo':
            if (builderTable(call) !== undefined) item = { kind, table: builderTable(call)!, to: str(args[0]) };
            break;
          case 'setDataType':
            if (builderTable(call) !== undefined) item = { kind, table: builderTable(call)! };
            break;
          default: {
            const bt = builderTable(call);
            if (bt !== undefined) { if (args.length) item = { kind, table: bt, column: str(args[0]), to: method === 'renameColumn' ? str(args[1]) : undefined }; } else if (args.length >= 2 && typeormTable(args[0])) item = { kind, table: typeormTable(args[0])!, column: str(args[1]), to: method === 'renameColumn' ? str(args[2]) : undefined };
          }
        }
        if (item) found.push({ call, item, scope });
      },
      onEnd() {
        for (const { call, item, scope } of found) {
          if (created.get(scope)?.has(item.table.toLowerCase())) continue;
          ctx.report({ message: destructiveMessage([item]), range: nodeRange(sf, (call.expression as ts.PropertyAccessExpression).name, call.getStart(sf)) });
        }
      },
    };
  },
};

export default rule;
