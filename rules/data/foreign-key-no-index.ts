import { ts } from 'ts-morph';
import type { Report, TextEdit, TsRule, TsVisitor } from '../../server/engine/types';
import type { ParsedOf } from '../../server/engine/parse';
import { accessPath, asObject, findProperty, isFalse, isTestPath, propName, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { insertAt, nodeRange } from '../../server/engine/ts/edits';
import { decoratorsFrom, decoratorsOf, resolveDecorator } from '../../server/engine/ts/decorators';
import { namedImportRef } from '../../server/engine/ts/importEdits';
import { blockAttributes, blockEnd, fieldAttribute, fieldList, modelFields, prismaDatasource, prismaModels, span } from '../../server/engine/schema/prisma';
import { isGeneratedSql, quoteSqlIdent } from '../../server/engine/schema/migrations';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { knexChain, knexTableOf } from '../../server/engine/ts/orm';
import { parseFile } from '../../server/engine/parse';
import { sqlSchemaFacts } from '../../server/engine/facts/sqlSchema';
import type { SqlForeignKeyFact } from '../../server/engine/facts/sqlSchema';

const ID = 'data/foreign-key-no-index';
/**
 * A TypeORM or Knex finding kept until the workspace pass knows the package's database driver (MySQL indexes foreign
 * keys itself); a Knex one (`knex`) also until it knows every migration's indexes (a later one may add it).
 */
type Deferred = Report & { file: string; knex?: { table: string; columns: string[] } };
/** An index a Knex migration (or raw SQL in one) creates: table and key columns in order, lower-cased. */
type KnexIndex = { knexIndex: { table: string; columns: string[] } };
type Entry = Deferred | KnexIndex;
/** Knex column builders a foreign key is written on, and the table-level index / unique / primary key / foreign key. */
const KNEX_METHOD = /^(integer|bigInteger|bigint|uuid|string|text|specificType|increments|bigIncrements|index|unique|primary|foreign)$/;
const DB_NAMES: Record<string, string> = { postgresql: 'PostgreSQL', postgres: 'PostgreSQL', sqlite: 'SQLite', sqlserver: 'SQL Server', cockroachdb: 'CockroachDB' };
const MYSQL_DRIVERS = ['mysql', 'mysql2', 'mariadb'];
const OTHER_DRIVERS = ['pg', 'postgres', 'pg-promise', '@neondatabase/serverless', '@vercel/postgres', 'better-sqlite3', 'sqlite3', 'sqlite', 'mssql', 'tedious', 'oracledb', 'sql.js', '@libsql/client'];

/** Whether `index` (key columns in order) serves lookups by the foreign key `fk`: its leading columns are the key's columns. */
function leads(index: readonly string[], fk: readonly string[]): boolean {
  if (!index.length || !fk.length) return false;
  const head = new Set(index.slice(0, fk.length));
  return fk.every((c) => head.has(c)) || index[0] === fk[0];
}

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'data',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'Foreign keys without an index',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'harden.schema',
    docs: {
      why: "PostgreSQL, SQLite and SQL Server index the referenced primary key, never the referencing column, and neither Prisma nor TypeORM adds one. Every `where: { authorId }` (a user's posts, a project's tasks) then scans the whole child table, and every delete of a parent row scans it too to check the constraint (holding locks meanwhile). Invisible with a thousand rows, a slow endpoint and lock contention with a few million.",
      checks: "MySQL's InnoDB creates the foreign-key indexes itself, so MySQL projects are not reported unless Prisma's `relationMode = \"prisma\"` removes the foreign keys. Knex migrations are read too: a `.references()` column or `t.foreign()` needs `.index()` in its chain, a `t.index(...)` / unique / primary key leading with it, or an index another migration adds.",
      bad: {
        files: {
          'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id @default(autoincrement())\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)\n}\n',
        },
      },
      good: {
        files: {
          'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id @default(autoincrement())\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)\n\n  @@index([authorId])\n}\n',
        },
      },
      fix: 'Index every foreign-key column (or make it the first column of a composite index or unique constraint): Prisma `@@index([authorId])`, TypeORM `@Index()` on the relation, Drizzle `index().on(t.authorId)` in the table\'s extra config, SQL `CREATE INDEX posts_author_id_idx ON posts (author_id);`. An index created later in another migration counts. On a large existing table, create it with `CREATE INDEX CONCURRENTLY` in its own migration.',
    },
  },
  scope: 'ts',
  // createTable / alterTable: Knex migrations, which import nothing
  triggers: { names: ['createTable', 'alterTable', 'createTableIfNotExists', 'raw'], modules: ['typeorm', 'drizzle-orm'] },
  kinds: ['prisma'],

  check(ctx) {
    const file = ctx.file as ParsedOf<'prisma'>;
    if (isTestPath(file.path)) return;
    const { text, lines } = file;
    const ds = prismaDatasource(file.ast);
    const provider = ds?.provider;
    const emulated = ds?.relationMode === 'prisma';
    if (provider === 'mongodb' || (provider === 'mysql' && !emulated)) return;
    const db = DB_NAMES[provider ?? ''] ?? 'The database';
    for (const model of prismaModels(file.ast)) {
      const fields = modelFields(model);
      const indexes = ['index', 'unique', 'id'].flatMap((n) => blockAttributes(model, n)).map((a) => fieldList(a) ?? []);
      const reported = new Set<string>();
      for (const field of fields) {
        const rel = fieldAttribute(field, 'relation');
        const fks = rel && fieldList(rel, 'fields');
        if (!fks?.length || reported.has(fks.join(','))) continue;
        if (indexes.some((i) => leads(i, fks))) continue;
        const scalar = fields.find((f) => f.name === fks[0]);
        if (fks.length === 1 && scalar && (fieldAttribute(scalar, 'unique') || fieldAttribute(scalar, 'id'))) continue;
        reported.add(fks.join(','));
        const s = scalar ? span(scalar) : span(rel);
        if (!s) continue;
        const anchor = scalar ? { start: s.start, end: s.start + scalar.name.length } : s;
        const target = typeof field.fieldType === 'string' ? field.fieldType : 'parent';
        const why = emulated
          ? 'with `relationMode = "prisma"` there is no foreign key in the database, so nothing indexes it'
          : `${db} does not index foreign-key columns and Prisma does not add one`;
        const attr = `@@index([${fks.join(', ')}])`;
        ctx.report({
          message: `\`${model.name}.${fks.join(', ')}\` (relation \`${field.name}\` → ${target}) has no index: ${why}, so loading a ${target}'s ${model.name} rows${emulated ? '' : ` and every delete of a ${target}`} scan the whole ${model.name} table. Add \`${attr}\` to the model.`,
          range: lines.range(anchor.start, anchor.end),
          fixes: prismaIndexFix(file, model, attr),
        });
      }
    }
  },

  checkWorkspace(ctx) {
    const has = (p: string) => ctx.files.has(p);
    const hasPrisma = [...ctx.files.values()].some((f) => f.kind === 'prisma');
    const fks: Array<{ file: string; fk: SqlForeignKeyFact }> = [];
    const indexes = new Map<string, string[][]>();
    const dropped = new Set<string>();
    const deferredTs: Array<{ path: string; r: Deferred }> = [];
    for (const [path, f] of ctx.files) {
      if (f.kind === 'ts') {
        for (const e of getRuleData<Entry[]>(f.facts, ID) ?? []) {
          if ('knexIndex' in e) { indexes.set(e.knexIndex.table, [...(indexes.get(e.knexIndex.table) ?? []), e.knexIndex.columns]); continue; }
          const deps = ctx.facts.packageOf(path)?.manifest;
          const all = deps ? [...deps.dependencies, ...deps.devDependencies] : [];
          if (all.some((d) => MYSQL_DRIVERS.includes(d)) && !all.some((d) => OTHER_DRIVERS.includes(d))) continue;
          deferredTs.push({ path, r: e });
        }
        continue;
      }
      const schema = f.kind === 'sql' && !isTestPath(path) ? f.facts.sqlSchema : undefined;
      if (!schema) continue;
      for (const i of schema.indexes) indexes.set(i.table, [...(indexes.get(i.table) ?? []), i.columns]);
      for (const t of schema.droppedTables) dropped.add(t);
      if (isGeneratedSql(path, has, hasPrisma)) continue;
      for (const fk of schema.foreignKeys) fks.push({ file: path, fk });
    }
    for (const { r } of deferredTs) {
      const { knex, ...report } = r;
      if (knex && (indexes.get(knex.table) ?? []).some((i) => leads(i, knex.columns))) continue;
      ctx.report({ ...report, workspace: false });
    }
    const seen = new Set<string>();
    for (const { file, fk } of fks) {
      const key = `${fk.table}(${fk.columns.join(',')})`;
      if (seen.has(key) || dropped.has(fk.table)) continue;
      seen.add(key);
      if ((indexes.get(fk.table) ?? []).some((i) => leads(i, fk.columns))) continue;
      const names = fk.columnsSql?.map((c) => c.replace(/^"|"$/g, '')) ?? fk.columns;
      const cols = names.join(', ');
      const kw = (s: string) => (fk.lowerCase ? s.toLowerCase() : s);
      const quoted = fk.tableSql?.includes('"');
      const indexName = `${fk.tableDisplay}_${names.join('_')}_idx`;
      const statement = fk.tableSql && fk.columnsSql
        ? `${kw('CREATE INDEX')} ${quoted ? `"${indexName}"` : quoteSqlIdent(indexName.toLowerCase())} ${kw('ON')} ${fk.tableSql} (${fk.columnsSql.join(', ')});`
        : undefined;
      const edits: TextEdit[] = statement && fk.statementEnd
        ? [{ file, range: { start: fk.statementEnd, end: fk.statementEnd }, newText: `${fk.semicolon ? '' : ';'}\n${statement}` }]
        : [];
      ctx.report({
        file,
        workspace: false,
        message: `Foreign key \`${fk.tableDisplay}.${cols}\` → \`${fk.refDisplay}\` has no index: PostgreSQL does not index the referencing column, so loading a \`${fk.refDisplay}\` row's \`${fk.tableDisplay}\` and every delete from \`${fk.refDisplay}\` scan all of \`${fk.tableDisplay}\`. Add an index whose first column is \`${names[0]}\` (a later migration may add it).`,
        range: fk.range,
        fixes: edits.length ? [{ title: `Add ${statement!.replace(/;$/, '')}`, safe: false, edits }] : [],
      });
    }
  },

  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    const path = file.path;
    if (isTestPath(path)) return {};
    const typeormFile = imports.modules.some((m) => m.module === 'typeorm');
    const deferred: Entry[] = [];
    const knexFile = ctx.hasName('createTable') || ctx.hasName('alterTable') || ctx.hasName('createTableIfNotExists') || ctx.hasName('raw');
    /** `knex.raw('CREATE INDEX ... ON merchants (user_id)')` in a migration: read with the SQL parser. */
    const onRaw = (call: ts.CallExpression) => {
      const arg = call.arguments[0] && unwrap(call.arguments[0]);
      const text = arg && (ts.isNoSubstitutionTemplateLiteral(arg) || ts.isStringLiteral(arg)) ? arg.text : undefined;
      if (!text || !/\bindex\b|\bunique\b|primary key/i.test(text)) return;
      const parsed = parseFile('migration.sql', text, 'sql');
      if (parsed?.kind !== 'sql') return;
      for (const i of sqlSchemaFacts(parsed).indexes) knexIndex(i.table, i.columns);
    };
    const knexIndex = (table: string, columns: string[]) => { if (columns.length && columns[0]) deferred.push({ knexIndex: { table: table.toLowerCase(), columns: columns.map((c) => c.toLowerCase()) } }); };
    /** Knex migrations: foreign-key columns (`t.uuid('user_id').references('id').inTable('users')`, `t.foreign('user_id')`) and the indexes that cover them. */
    const onKnex = (call: ts.CallExpression, method: string, kt: { table?: string }) => {
      const table = kt.table;
      if (!table || !call.arguments[0]) return;
      const names = (e: ts.Expression) => { const one = stringValue(e, consts); return one !== undefined ? [one] : stringList(e) ?? []; };
      if (method === 'index' || method === 'unique' || method === 'primary') { knexIndex(table, names(call.arguments[0])); return; }
      const { names: chain, end } = knexChain(call);
      if (method === 'increments' || method === 'bigIncrements') return;
      const columns = names(call.arguments[0]);
      if (!columns.length) return;
      if (chain.includes('index') || chain.includes('unique') || chain.includes('primary')) knexIndex(table, columns);
      const refAt = chain.indexOf('references');
      if (refAt < 0 || chain.includes('index') || chain.includes('unique') || chain.includes('primary')) return;
      // the `.references` call: `refAt` calls up the chain from the column
      let ref: ts.CallExpression = call;
      for (let i = 0; i <= refAt; i++) ref = ref.parent.parent as ts.CallExpression;
      const inTable = (() => { let top: ts.CallExpression = ref; for (let i = refAt + 1; i < chain.length; i++) { top = top.parent.parent as ts.CallExpression; if (chain[i] === 'inTable') return stringValue(top.arguments[0], consts); } return undefined; })();
      const refTable = inTable ?? stringValue(ref.arguments[0], consts)?.split('.').slice(0, -1).join('.') ?? 'the parent';
      const col = columns[0];
      let fixes: Report['fixes'] = [];
      if (method === 'foreign') {
        // a statement of its own after this one: `t.index(['user_id']);`
        const stmt = end.parent;
        if (ts.isExpressionStatement(stmt)) {
          const lineStart = sf.text.lastIndexOf('\n', stmt.getStart(sf) - 1) + 1;
          const indent = /^[ \t]*/.exec(sf.text.slice(lineStart))![0];
          const receiver = (call.expression as ts.PropertyAccessExpression).expression.getText(sf);
          fixes = [{ title: `Add ${receiver}.index(...)`, safe: true, edits: [insertAt(sf, path, stmt.end, `\n${indent}${receiver}.index([${columns.map((c) => `'${c}'`).join(', ')}]);`)] }];
        }
      } else fixes = [{ title: 'Add .index()', safe: true, edits: [insertAt(sf, path, call.end, '.index()')] }];
      deferred.push({
        file: path,
        knex: { table: table.toLowerCase(), columns: columns.map((c) => c.toLowerCase()) },
        message: `Knex foreign key \`${table}.${columns.join(', ')}\` → \`${refTable}\` has no index: PostgreSQL and SQLite do not index the referencing column, so loading a \`${refTable}\` row's \`${table}\` and every delete from \`${refTable}\` scan all of \`${table}\`. Add an index whose first column is \`${col}\` (\`.index()\` on the column, or a later migration).`,
        range: nodeRange(sf, (ref.expression as ts.PropertyAccessExpression).name),
        fixes,
      });
    };

    const stringList = (e: ts.Expression | undefined): string[] | undefined => {
      const r = e && consts.resolve(e);
      if (!r || !ts.isArrayLiteralExpression(r)) return undefined;
      return r.elements.map((x) => stringValue(x, consts) ?? '');
    };
    const onClass = (node: ts.Node) => {
      const cls = node as ts.ClassDeclaration;
      const classDecs = decoratorsFrom(cls, imports, ['typeorm']);
      if (!classDecs.has('Entity')) return;
      const leading: string[] = [];
      for (const dec of decoratorsOf(cls)) {
        const d = resolveDecorator(dec, imports);
        if (d?.module !== 'typeorm' || (d.name !== 'Index' && d.name !== 'Unique')) continue;
        const fn = d.args.find((a) => ts.isArrowFunction(unwrap(a)) || ts.isFunctionExpression(unwrap(a)));
        if (fn) return;
        const list = d.args.map((a) => stringList(a)).find((l) => l);
        if (list?.[0]) leading.push(list[0]);
        else if (d.args.some((a) => ts.isIdentifier(unwrap(a)) && !stringValue(a, consts))) return;
      }
      const props = cls.members.filter(ts.isPropertyDeclaration);
      const indexedProps = new Set<string>();
      const columnName = new Map<string, string>();
      for (const m of props) {
        const name = propName(m.name);
        if (!name) continue;
        const decs = decoratorsFrom(m, imports, ['typeorm']);
        if (decs.has('Index') || decs.has('PrimaryColumn') || decs.has('PrimaryGeneratedColumn')) indexedProps.add(name);
        const col = decs.get('Column');
        const opts = col && col.args.map((a) => asObject(a, consts)).find((o) => o);
        const dbName = stringValue(opts && findProperty(opts, 'name', consts)?.value, consts);
        if (dbName) columnName.set(dbName, name);
        if (opts && (findProperty(opts, 'unique', consts) || findProperty(opts, 'primary', consts))) indexedProps.add(name);
      }
      const covered = (n: string) => indexedProps.has(n) || leading.includes(n) || (columnName.has(n) && (indexedProps.has(columnName.get(n)!) || leading.includes(columnName.get(n)!)));
      for (const m of props) {
        const name = propName(m.name);
        if (!name) continue;
        const decs = decoratorsFrom(m, imports, ['typeorm']);
        const rel = decs.get('ManyToOne');
        if (!rel?.call || decs.has('Index') || decs.has('PrimaryColumn')) continue;
        const relOpts = rel.args.map((a) => asObject(a, consts)).find((o) => o);
        if (relOpts && isFalse(findProperty(relOpts, 'createForeignKeyConstraints', consts)?.value, consts)) continue;
        const join = decs.get('JoinColumn');
        const joinOpts = join?.args[0] && asObject(join.args[0], consts);
        if (join?.args[0] && !joinOpts) continue;
        const joinName = stringValue(joinOpts && findProperty(joinOpts, 'name', consts)?.value, consts) ?? `${name}Id`;
        if (covered(name) || covered(joinName)) continue;
        const owner = cls.name?.text ?? 'entity';
        const target = accessPath((() => { const a = rel.args[0] && unwrap(rel.args[0]); return a && ts.isArrowFunction(a) && !ts.isBlock(a.body) ? a.body : a ?? rel.call!; })() as ts.Expression)?.at(-1) ?? 'parent';
        const ref = namedImportRef(sf, path, imports, 'typeorm', 'Index');
        const first = decoratorsOf(m)[0] ?? rel.node;
        const lineStart = sf.text.lastIndexOf('\n', first.getStart(sf) - 1) + 1;
        const before = sf.text.slice(lineStart, first.getStart(sf));
        const ownLine = /^[ \t]*$/.test(before);
        const edits: TextEdit[] = [];
        if (ref) {
          edits.push(insertAt(sf, path, first.getStart(sf), ownLine ? `@${ref.ref}()\n${before}` : `@${ref.ref}() `));
          if (ref.edit) edits.push(ref.edit);
        }
        deferred.push({
          file: path,
          message: `\`@ManyToOne\` \`${owner}.${name}\` → ${target} has no index: TypeORM creates the foreign key but no index on PostgreSQL or SQLite, so loading a ${target}'s ${owner} rows and every delete of a ${target} scan the whole table. Add \`@Index()\` to the relation (or \`@Index(['${name}'])\` on the entity).`,
          range: nodeRange(sf, rel.call.expression, rel.node.getStart(sf)),
          fixes: edits.length ? [{ title: 'Add @Index()', safe: true, edits }] : [],
        });
      }
    };

    const drizzleTable = (call: ts.CallExpression) => {
      const [, colsArg, extra] = call.arguments;
      let cols = asObject(colsArg, consts);
      const fn = colsArg && unwrap(colsArg);
      if (!cols && fn && ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) cols = asObject(fn.body, consts);
      if (!cols) return;
      const lead = new Set<string>();
      let opaque = false;
      // table-level foreign keys (`foreignKey({ columns: [t.lessonId], foreignColumns: [lessons.id] })`, as drizzle-kit pull writes them)
      const tableFks: Array<{ call: ts.CallExpression; first: string }> = [];
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && resolveCallee(n.expression, imports)?.path.join('.') === 'foreignKey') {
          const o = asObject(n.arguments[0], consts);
          const list = o ? consts.resolve(findProperty(o, 'columns', consts)?.value) : undefined;
          const p = list && ts.isArrayLiteralExpression(list) && list.elements[0] ? accessPath(list.elements[0]) : undefined;
          if (p) tableFks.push({ call: n, first: p[p.length - 1] });
        }
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'on' && n.arguments[0]) {
          const p = accessPath(n.arguments[0]);
          if (p) lead.add(p[p.length - 1]);
        }
        if (ts.isCallExpression(n) && resolveCallee(n.expression, imports)?.path.join('.') === 'primaryKey') {
          const o = asObject(n.arguments[0], consts);
          const list = o ? consts.resolve(findProperty(o, 'columns', consts)?.value) : undefined;
          const first = list && ts.isArrayLiteralExpression(list) ? list.elements[0] : o ? undefined : n.arguments[0];
          const p = first && accessPath(first);
          if (p) lead.add(p[p.length - 1]);
        }
        if (ts.isSpreadElement(n) || ts.isSpreadAssignment(n)) opaque = true;
        ts.forEachChild(n, visit);
      };
      if (extra) visit(extra);
      if (opaque) return;
      const selfIndexed = new Set<string>();
      for (const p of cols.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const name = propName(p.name);
        if (!name) continue;
        const methods: string[] = [];
        let refCall: ts.CallExpression | undefined;
        let cur: ts.Expression = unwrap(p.initializer);
        let dbName: string | undefined;
        while (ts.isCallExpression(cur)) {
          if (ts.isPropertyAccessExpression(cur.expression)) {
            methods.push(cur.expression.name.text);
            if (cur.expression.name.text === 'references') refCall = cur;
            cur = unwrap(cur.expression.expression);
          } else { dbName = stringValue(cur.arguments[0], consts); break; }
        }
        if (methods.includes('primaryKey') || methods.includes('unique')) { selfIndexed.add(name); if (dbName) selfIndexed.add(dbName); }
        if (!refCall || methods.includes('primaryKey') || methods.includes('unique') || lead.has(name) || (dbName && lead.has(dbName))) continue;
        ctx.report({
          message: `Drizzle column \`${name}\` references another table but has no index: PostgreSQL and SQLite do not index foreign-key columns, so loading the rows of a parent and every delete of a parent scan the whole table. Add \`index('…').on(t.${name})\` to the table's extra config.`,
          range: nodeRange(sf, (refCall.expression as ts.PropertyAccessExpression).name),
        });
      }
      for (const fk of tableFks) {
        if (lead.has(fk.first) || selfIndexed.has(fk.first)) continue;
        ctx.report({
          message: `Drizzle foreign key on \`${fk.first}\` has no index: PostgreSQL and SQLite do not index foreign-key columns, so loading the rows of a parent and every delete of a parent scan the whole table. Add \`index('…').on(t.${fk.first})\` to the table's extra config.`,
          range: nodeRange(sf, fk.call.expression),
        });
      }
    };

    return {
      ClassDeclaration: (n) => { if (typeormFile) onClass(n); },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (knexFile && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'raw') { onRaw(call); return; }
        if (knexFile && ts.isPropertyAccessExpression(call.expression) && KNEX_METHOD.test(call.expression.name.text) && ts.isIdentifier(call.expression.expression)) {
          const kt = knexTableOf(call.expression.expression, (e) => stringValue(e, consts));
          if (kt) { onKnex(call, call.expression.name.text, kt); return; }
        }
        const callee = resolveCallee(call.expression, imports);
        if (callee && /^drizzle-orm\/(pg|sqlite|gel)-core$/.test(callee.module) && /^(pg|sqlite|gel)Table$/.test(callee.path.join('.'))) drizzleTable(call);
      },
      onEnd() {
        if (deferred.length) ruleDataOf(ctx.facts, ID, () => [] as Entry[]).push(...deferred);
      },
    };
  },
};

/** `@@index([...])` as the model's last line, after a blank line when the model has no block attribute yet. */
function prismaIndexFix(file: ParsedOf<'prisma'>, model: Parameters<typeof blockAttributes>[0], attr: string) {
  const { text, lines } = file;
  const close = blockEnd(text, model);
  if (close === undefined) return [];
  const closeLine = lines.positionAt(close).line;
  const lineStart = lines.offsetAt({ line: closeLine, character: 0 });
  if (text.slice(lineStart, close).trim()) return [];
  const first = modelFields(model)[0];
  const indent = first && span(first) ? lines.indentOf(lines.positionAt(span(first)!.start).line) : '  ';
  const prevBlank = closeLine > 0 && lines.lineText(closeLine - 1).trim() === '';
  const blank = blockAttributes(model).length === 0 && !prevBlank ? lines.eol : '';
  return [{ title: `Add ${attr}`, safe: true, edits: [{ file: file.path, range: lines.range(lineStart, lineStart), newText: `${blank}${indent}${attr}${lines.eol}` }] }];
}

export default rule;
