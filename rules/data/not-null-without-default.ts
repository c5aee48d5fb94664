import { ts } from 'ts-morph';
import type { CreateColumnDef } from 'pgsql-ast-parser';
import type { Fix, Range, TsRule, TsVisitor } from '../../server/engine/types';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import type { ParsedOf } from '../../server/engine/parse';
import { parseSql, sqlOffset, type SqlStatement } from '../../server/engine/parse/sql';
import { readStatement, type LexColumn } from '../../server/engine/parse/sqlTokens';
import { dataTypeText } from '../../server/engine/facts/sqlSchema';
import { accessPath, asObject, findProperty, isTestPath, isTrue, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { addProperty, insertAt, nodeRange, quoteOf } from '../../server/engine/ts/edits';
import { downMarker, inDown, isDownMigrationFile, isMigrationPath, migrationFolder } from '../../server/engine/schema/migrations';
import type { FileFacts } from '../../server/engine/facts/fileFacts';

/** A type-appropriate SQL default: '' for text, 0 for numbers, false for booleans, the current time for timestamps; undefined for the rest (uuid, enums...). */
export function sqlDefaultFor(type: string): string | undefined {
  const t = type.toLowerCase().trim();
  if (t.endsWith('[]')) return "'{}'";
  const base = t.replace(/\(.*$/, '').trim();
  if (/^(text|varchar|character varying|char|character|citext|nvarchar|nchar|tinytext|mediumtext|longtext|string)$/.test(base)) return "''";
  if (/^(int|integer|int2|int4|int8|smallint|bigint|tinyint|mediumint|numeric|decimal|real|double precision|double|float|float4|float8|money)$/.test(base)) return '0';
  if (/^(bool|boolean)$/.test(base)) return 'false';
  if (/^(timestamp|timestamptz|timestamp with time zone|timestamp without time zone)$/.test(base)) return 'now()';
  if (/^datetime$/.test(base)) return 'CURRENT_TIMESTAMP';
  if (base === 'date') return 'CURRENT_DATE';
  if (/^(json|jsonb)$/.test(base)) return "'{}'";
  return undefined;
}

const SERIAL = /^(smallserial|serial|bigserial|serial2|serial4|serial8)$/;
/** A foreign key or id column (`authorId`, `team_id`): no constant default makes sense there. */
const isKeyName = (name: string) => /(^|_)(id|uuid)$|[a-z0-9](Id|ID)$/.test(name);

const message = (table: string, column: string, sqlish: string) =>
  `${sqlish} adds the NOT NULL column \`${table}.${column}\` with no DEFAULT: on a table that already has rows the database cannot fill it, so this migration fails in production (it passed locally on an empty table). Add a DEFAULT, or add the column as nullable, backfill it, then set NOT NULL.`;

interface SqlHit { table: string; column: string; at: { start: number; end: number }; insert: number; type?: string; lowerCase: boolean }

const ID = 'data/not-null-without-default';
/**
 * `ALTER COLUMN c SET NOT NULL` on a column existing rows may hold NULL in (`pending`, judged in the workspace pass:
 * a DEFAULT the column was added with in any migration filled them), and the columns given a DEFAULT (`defaults`,
 * `table.column` lower-cased).
 */
interface Hit { message: string; range: Range; fixes?: Fix[] }
/** `hits`: this file's findings, tiered by the workspace (a migration with later ones stacked on it has most likely run); `pending`, `defaults`: SET NOT NULL to decide there. */
interface Data { hits?: Hit[]; pending?: Array<{ table: string; column: string; range: Range }>; defaults?: string[] }

const STACKED = ' But later migrations are stacked on this one: it has most likely run already wherever they have, and fails only on a database where it has not run yet and the table holds rows.';

const setNotNullMessage = (table: string, column: string, sure: boolean) =>
  `\`ALTER COLUMN ${column} SET NOT NULL\` on \`${table}\` fails on a table with rows where \`${column}\` is NULL${sure ? ': this migration added it without a default and fills nothing in' : ': it was added without a default, and nothing here fills it in'} (a SET DEFAULT in the same statement fills only future rows). Backfill first (\`UPDATE ${table} SET ${column} = ... WHERE ${column} IS NULL\`) in this migration, before SET NOT NULL.`;

/**
 * SET NOT NULL in one SQL migration: reported now when the same file added the column without a default; left to the
 * workspace pass when it was added elsewhere. Not when the table is created or emptied, or the column backfilled (an
 * UPDATE of the table), earlier in the file.
 */
function setNotNulls(statements: readonly SqlStatement[], stop = Infinity): { sure: Array<{ table: string; column: string; at: { start: number; end: number } }>; pending: Array<{ table: string; column: string; at: { start: number; end: number } }>; defaults: string[] } {
  const fresh = new Set<string>();
  const updated = new Set<string>();
  const added = new Map<string, boolean>(); // table.column -> added with a default
  const defaults: string[] = [];
  const sure: Array<{ table: string; column: string; at: { start: number; end: number } }> = [];
  const pending: typeof sure = [];
  for (const stmt of statements) {
    if (stmt.start >= stop) break;
    const ast = stmt.ast;
    if (!ast) continue;
    if (ast.type === 'create table') {
      fresh.add(ast.name.name.toLowerCase());
      for (const c of ast.columns) if (c.kind === 'column' && (c.constraints ?? []).some((k) => k.type === 'default')) defaults.push(`${ast.name.name.toLowerCase()}.${c.name.name.toLowerCase()}`);
      continue;
    }
    if (ast.type === 'update') { updated.add(ast.table.name.toLowerCase()); continue; }
    if (ast.type === 'truncate table') { for (const n of ast.tables) fresh.add(n.name.toLowerCase()); continue; }
    if (ast.type === 'delete' && !ast.where) { fresh.add(ast.from.name.toLowerCase()); continue; }
    if (ast.type !== 'alter table') continue;
    const table = ast.table.name;
    const t = table.toLowerCase();
    for (const ch of ast.changes) {
      if (ch.type === 'add column') {
        const key = `${t}.${ch.column.name.name.toLowerCase()}`;
        const withDefault = (ch.column.constraints ?? []).some((k) => k.type === 'default');
        added.set(key, withDefault);
        if (withDefault) defaults.push(key);
        continue;
      }
      if (ch.type !== 'alter column') continue;
      const column = ch.column.name;
      const key = `${t}.${column.toLowerCase()}`;
      // (a SET DEFAULT fills no existing row: only a column added with a DEFAULT gets one in every row)
      if (ch.alter.type !== 'set not null' || fresh.has(t) || updated.has(t) || defaults.includes(key) || added.get(key) === true) continue;
      const at = sqlOffset(stmt, ch.column._location);
      if (!at) continue;
      (added.get(key) === false ? sure : pending).push({ table, column, at });
    }
  }
  return { sure, pending, defaults };
}

/** ADD COLUMN ... NOT NULL without DEFAULT on tables this SQL did not create (or empty) before. */
function sqlHits(statements: readonly SqlStatement[], text: string, stop = Infinity): SqlHit[] {
  const fresh = new Set<string>();
  const hits: SqlHit[] = [];
  for (const stmt of statements) {
    if (stmt.start >= stop) break;
    const ast = stmt.ast;
    const lowerCase = /[a-z]/.test(text[stmt.start] ?? '');
    if (ast?.type === 'create table') { fresh.add(ast.name.name.toLowerCase()); continue; }
    if (ast?.type === 'truncate table') { for (const n of ast.tables) fresh.add(n.name.toLowerCase()); continue; }
    if (ast?.type === 'delete' && !ast.where) { fresh.add(ast.from.name.toLowerCase()); continue; }
    if (ast?.type === 'alter table') {
      const table = ast.table.name;
      if (fresh.has(table.toLowerCase())) continue;
      for (const ch of ast.changes) {
        if (ch.type !== 'add column') continue;
        const col: CreateColumnDef = ch.column;
        const cons = col.constraints ?? [];
        const type = dataTypeText(col.dataType);
        if (!cons.some((c) => c.type === 'not null' || c.type === 'primary key') || cons.some((c) => c.type === 'default' || c.type === 'add generated') || SERIAL.test(type)) continue;
        const name = sqlOffset(stmt, col.name._location);
        const whole = sqlOffset(stmt, col._location);
        if (name && whole) hits.push({ table, column: col.name.name, at: name, insert: whole.end, type, lowerCase });
      }
      continue;
    }
    if (!ast) {
      const lex = readStatement(text, stmt.start, stmt.end);
      if (lex?.kind === 'create table') { fresh.add(lex.table.name); continue; }
      if (lex?.kind !== 'alter table' || fresh.has(lex.table.name)) continue;
      for (const c of lex.addColumns as LexColumn[]) {
        if (!c.notNull || c.hasDefault || c.generated || (c.type && SERIAL.test(c.type.text))) continue;
        hits.push({ table: lex.table.display, column: c.name.kind === 'quoted' ? c.name.value : c.name.text, at: { start: c.name.start, end: c.name.end }, insert: c.end, type: c.type?.text, lowerCase });
      }
    }
  }
  return hits;
}

const KNEX_TYPES: Record<string, string> = {
  string: "''", text: "''", varchar: "''", char: "''", mediumtext: "''", longtext: "''",
  integer: '0', bigInteger: '0', bigint: '0', tinyint: '0', smallint: '0', mediumint: '0', float: '0', double: '0', decimal: '0',
  boolean: 'false', json: "'{}'", jsonb: "'{}'",
};
const KNEX_TIME = new Set(['timestamp', 'datetime', 'date', 'timestamptz']);
const SEQUELIZE_TYPES: Record<string, string> = {
  STRING: "''", TEXT: "''", CHAR: "''", CITEXT: "''", INTEGER: '0', BIGINT: '0', SMALLINT: '0', TINYINT: '0', MEDIUMINT: '0', FLOAT: '0', DOUBLE: '0',
  DECIMAL: '0', REAL: '0', NUMBER: '0', BOOLEAN: 'false', JSON: '{}', JSONB: '{}',
};

const rule: TsRule = {
  meta: {
    id: 'data/not-null-without-default',
    category: 'data',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'NOT NULL column added without a default',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'harden.schema',
    docs: {
      why: "`ALTER TABLE users ADD COLUMN role text NOT NULL` works on every developer's near-empty database and fails on production, where existing rows have no value for the new column: the deploy stops half-way with the migration marked failed, and with Prisma Migrate every later deploy is blocked until someone resolves it by hand. Prisma warns about it in the generated SQL (\"This is not possible if the table is not empty\"), and TypeORM generates it silently for a new non-nullable property.",
      checks: "A migration with later migrations in the same folder is tech debt: it has most likely run already wherever they have (the newest migration is the one still to run). Tables created, truncated or emptied earlier in the same migration are not reported. `ALTER COLUMN c SET NOT NULL` is reported too when existing rows may hold NULL there: the column was added without a default (in this migration or an earlier one) and this migration does not backfill it (an UPDATE of the table; a SET DEFAULT fills only future rows).",
      bad: { files: { 'prisma/migrations/20240301120000_add_role/migration.sql': '-- AlterTable\nALTER TABLE "User" ADD COLUMN "role" TEXT NOT NULL;\n' } },
      good: { files: { 'prisma/migrations/20240301120000_add_role/migration.sql': '-- AlterTable\nALTER TABLE "User" ADD COLUMN "role" TEXT NOT NULL DEFAULT \'member\';\n' } },
      fix: "Give the column a DEFAULT that existing rows can take (Prisma `@default(...)`, TypeORM `default`, Sequelize `defaultValue`, Knex `.defaultTo()`), or ship it in three steps: add the column as nullable, backfill it, then `ALTER COLUMN ... SET NOT NULL`. The quick fix adds a type-appropriate DEFAULT ('' / 0 / false / now()): check that it is the value you want before running the migration.",
    },
  },
  scope: 'ts',
  triggers: { names: ['query', 'raw', 'execute', 'addColumn', 'addColumns', 'notNullable'] },
  kinds: ['sql'],

  checkWorkspace(ctx) {
    const defaults = new Set<string>();
    for (const f of ctx.files.values()) for (const k of getRuleData<Data>(f.facts, ID)?.defaults ?? []) defaults.add(k);
    // the newest migration of each folder (by name: timestamps and sequence numbers sort): the one most likely still to run
    const newest = new Map<string, string>();
    for (const p of ctx.files.keys()) {
      if (!isMigrationPath(p) || isDownMigrationFile(p) || !/\.(sql|[cm]?[jt]s)$/.test(p)) continue;
      const folder = migrationFolder(p);
      const key = p.slice(folder.length);
      if (key > (newest.get(folder) ?? '')) newest.set(folder, key);
    }
    const stacked = (path: string) => {
      if (!isMigrationPath(path)) return false;
      const folder = migrationFolder(path);
      return path.slice(folder.length) < (newest.get(folder) ?? '');
    };
    for (const [path, f] of ctx.files) {
      const d = getRuleData<Data>(f.facts, ID);
      if (!d) continue;
      const old = stacked(path);
      const report = (h: Hit) => ctx.report({ file: path, ...h, ...(old ? { message: h.message + STACKED, tier: 'tech-debt' as const } : {}), workspace: false });
      for (const h of d.hits ?? []) report(h);
      for (const p of d.pending ?? []) {
        if (defaults.has(`${p.table.toLowerCase()}.${p.column.toLowerCase()}`)) continue;
        report({ range: p.range, message: setNotNullMessage(p.table, p.column, false) });
      }
    }
  },

  check(ctx) {
    const file = ctx.file as ParsedOf<'sql'>;
    if (isTestPath(file.path) || isDownMigrationFile(file.path)) return;
    const { text, lines } = file;
    // SET NOT NULL on a column existing rows may leave NULL
    const nn = setNotNulls(file.ast, downMarker(text));
    for (const h of nn.sure) emit(ctx, { message: setNotNullMessage(h.table, h.column, true), range: lines.range(h.at.start, h.at.end) });
    if (nn.pending.length || nn.defaults.length) {
      const d = ruleDataOf<Data>(ctx.facts, ID, () => ({}));
      if (nn.pending.length) d.pending = nn.pending.map((h) => ({ table: h.table, column: h.column, range: lines.range(h.at.start, h.at.end) }));
      if (nn.defaults.length) d.defaults = nn.defaults;
    }
    for (const h of sqlHits(file.ast, text, downMarker(text))) {
      const def = h.type && !isKeyName(h.column) ? sqlDefaultFor(h.type) : undefined;
      const fixes: Fix[] = def
        ? [{ title: `Add DEFAULT ${def}`, safe: false, edits: [{ file: file.path, range: lines.range(h.insert, h.insert), newText: ` ${h.lowerCase ? 'default' : 'DEFAULT'} ${def}` }] }]
        : [];
      emit(ctx, { message: message(h.table, h.column, 'This migration'), range: lines.range(h.at.start, h.at.end), fixes });
    }
  },

  create(ctx): TsVisitor {
    const { sf, consts, file } = ctx;
    const path = file.path;
    if (!isMigrationPath(path) || isTestPath(path)) return {};
    const q = quoteOf(sf);
    const str = (e: ts.Expression | undefined) => (e ? stringValue(e, consts) : undefined);
    const created = new Set<string>();
    const pending: Array<() => void> = [];

    /** The table of a Knex builder callback: `knex.schema.alterTable('users', (t) => ...)`; undefined for createTable or anything else. */
    const knexAlteredTable = (param: ts.Identifier): { table: string; upParam?: string } | undefined => {
      for (let n: ts.Node | undefined = param.parent; n; n = n.parent) {
        if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.parameters[0] && ts.isIdentifier(n.parameters[0].name) && n.parameters[0].name.text === param.text) {
          const call = n.parent;
          if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !/^(alterTable|table)$/.test(call.expression.name.text)) return undefined;
          const table = str(call.arguments[0]);
          if (!table) return undefined;
          let upParam: string | undefined;
          for (let p: ts.Node | undefined = call.parent; p; p = p.parent) if (ts.isFunctionLike(p) && p.parameters[0] && ts.isIdentifier(p.parameters[0].name)) upParam = p.parameters[0].name.text;
          return { table, upParam };
        }
      }
      return undefined;
    };

    const onKnexChain = (call: ts.CallExpression) => {
      // The outermost call of a column chain `t.string('x').notNullable()...`
      if (ts.isPropertyAccessExpression(call.parent) && ts.isCallExpression(call.parent.parent)) return;
      const chain: ts.CallExpression[] = [];
      let cur: ts.Expression = call;
      while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) { chain.unshift(cur); cur = cur.expression.expression; }
      if (!ts.isIdentifier(cur) || chain.length < 2) return;
      const [typeCall, ...rest] = chain;
      const method = (c: ts.CallExpression) => (c.expression as ts.PropertyAccessExpression).name.text;
      const names = rest.map(method);
      const type = method(typeCall);
      if (!names.includes('notNullable') || names.includes('defaultTo') || names.includes('alter') || names.includes('primary') || /increments|Increments/.test(type)) return;
      const column = str(typeCall.arguments[0]);
      const ctxTable = column && knexAlteredTable(cur);
      if (!column || !ctxTable) return;
      const notNull = rest[names.indexOf('notNullable')];
      const value = isKeyName(column) ? undefined : KNEX_TYPES[type] ?? (KNEX_TIME.has(type) && ctxTable.upParam ? `${ctxTable.upParam}.fn.now()` : undefined);
      const lit = value === "''" ? `${q}${q}` : value === "'{}'" ? `${q}{}${q}` : value;
      emit(ctx, {
        message: message(ctxTable.table, column, 'This migration'),
        range: nodeRange(sf, typeCall.arguments[0]),
        fixes: lit ? [{ title: `Add .defaultTo(${lit})`, safe: false, edits: [insertAt(sf, path, notNull.end, `.defaultTo(${lit})`)] }] : [],
      });
    };

    const sequelizeAddColumn = (call: ts.CallExpression) => {
      const [tableArg, colArg, specArg] = call.arguments;
      const table = str(tableArg);
      const column = str(colArg);
      const spec = asObject(specArg, consts);
      if (!table || !column || !spec) return;
      const allow = findProperty(spec, 'allowNull', consts)?.value;
      if (!allow || unwrap(allow).kind !== ts.SyntaxKind.FalseKeyword) return;
      if (findProperty(spec, 'defaultValue', consts) || isTrue(findProperty(spec, 'autoIncrement', consts)?.value, consts) || isTrue(findProperty(spec, 'primaryKey', consts)?.value, consts)) return;
      const typePath = (() => { let t = findProperty(spec, 'type', consts)?.value; if (t && ts.isCallExpression(unwrap(t))) t = (unwrap(t) as ts.CallExpression).expression; return t ? accessPath(t) : undefined; })();
      const typeName = typePath?.[typePath.length - 1];
      let value = typeName ? SEQUELIZE_TYPES[typeName] : undefined;
      if (value === "''") value = `${q}${q}`;
      if (!value && typeName && /^(DATE|DATEONLY|NOW)$/.test(typeName) && typePath![0] === 'Sequelize') value = `Sequelize.fn(${q}now${q})`;
      const edit = value && !isKeyName(column) && unwrap(specArg) === spec ? addProperty(sf, path, spec, `defaultValue: ${value}`) : undefined;
      pending.push(() => {
        if (created.has(table.toLowerCase())) return;
        emit(ctx, { message: message(table, column, '`addColumn`'), range: nodeRange(sf, colArg), fixes: edit ? [{ title: `Add defaultValue: ${value}`, safe: false, edits: [edit] }] : [] });
      });
    };

    const typeormAddColumn = (call: ts.CallExpression, table: string, col: ts.Expression) => {
      const u = unwrap(col);
      if (!ts.isNewExpression(u) || !u.arguments?.[0]) return;
      const spec = asObject(u.arguments[0], consts);
      if (!spec) return;
      const column = str(findProperty(spec, 'name', consts)?.value);
      if (!column || isTrue(findProperty(spec, 'isNullable', consts)?.value, consts) || findProperty(spec, 'default', consts) || isTrue(findProperty(spec, 'isGenerated', consts)?.value, consts) || isTrue(findProperty(spec, 'isPrimary', consts)?.value, consts)) return;
      const type = str(findProperty(spec, 'type', consts)?.value);
      const def = type && !isKeyName(column) ? sqlDefaultFor(type) : undefined;
      const jsString = (x: string) => (x.includes(q) ? (q === "'" ? `"${x}"` : `'${x}'`) : `${q}${x}${q}`);
      const value = def === undefined ? undefined : /^(0|false)$/.test(def) ? def : jsString(def);
      const edit = value && unwrap(u.arguments[0]) === spec ? addProperty(sf, path, spec, `default: ${value}`) : undefined;
      pending.push(() => {
        if (created.has(table.toLowerCase())) return;
        emit(ctx, { message: message(table, column, '`addColumn`'), range: nodeRange(sf, u), fixes: edit ? [{ title: `Add default: ${value}`, safe: false, edits: [edit] }] : [] });
      });
    };

    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression) || inDown(call)) return;
        const method = call.expression.name.text;
        const args = call.arguments;
        if (method === 'createTable' || method === 'createTableIfNotExists') {
          const first = args[0] && unwrap(args[0]);
          const name = str(args[0]) ?? (first && ts.isNewExpression(first) && first.arguments?.[0] ? str(asObject(first.arguments[0], consts) && findProperty(asObject(first.arguments[0], consts)!, 'name', consts)?.value) : undefined);
          if (name) created.add(name.toLowerCase());
          return;
        }
        if ((method === 'query' || method === 'raw' || method === 'execute') && args[0]) {
          const sql = str(args[0]);
          if (!sql) return;
          const statements = parseSql(sql);
          for (const s of statements) {
            const t = s.ast?.type === 'create table' ? s.ast.name.name : undefined;
            if (t) created.add(t.toLowerCase());
          }
          const hits = sqlHits(statements, sql);
          if (hits.length) pending.push(() => {
            for (const h of hits) if (!created.has(h.table.toLowerCase())) emit(ctx, { message: message(h.table, h.column, 'This migration'), range: nodeRange(sf, args[0]) });
          });
          return;
        }
        if (method === 'addColumn' && args.length >= 3 && str(args[1]) !== undefined) { sequelizeAddColumn(call); return; }
        if (method === 'addColumn' && args.length === 2 && str(args[0])) { typeormAddColumn(call, str(args[0])!, args[1]); return; }
        if (method === 'addColumns' && args.length === 2 && str(args[0])) {
          const list = unwrap(args[1]);
          if (ts.isArrayLiteralExpression(list)) for (const el of list.elements) typeormAddColumn(call, str(args[0])!, el);
          return;
        }
        if (ts.isIdentifier(unwrap(call.expression.expression)) || ts.isCallExpression(unwrap(call.expression.expression))) onKnexChain(call);
      },
      onEnd() { for (const p of pending) p(); },
    };
  },
};

/** A finding of this file, reported by checkWorkspace (see Data). */
function emit(ctx: { facts: FileFacts }, h: Hit): void {
  (ruleDataOf<Data>(ctx.facts, ID, () => ({})).hits ??= []).push(h);
}

export default rule;
