import { ts } from 'ts-morph';
import type { Fix, Range, TextEdit, TsRule, TsVisitor } from '../../server/engine/types';
import type { ParsedOf } from '../../server/engine/parse';
import { ConstTable, accessPath, asObject, findProperty, hasOpaqueSpread, isFalse, isTestPath, propName, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { addProperty, insertArgument, insertAt, nodeRange, quoteOf, replaceNode } from '../../server/engine/ts/edits';
import { decoratorsFrom } from '../../server/engine/ts/decorators';
import type { FileImports } from '../../server/engine/ts/imports';
import { attributeParens, fieldAttribute, fieldList, modelFields, namedArgument, prismaModels, span } from '../../server/engine/schema/prisma';
import type { SqlForeignKeyFact } from '../../server/engine/facts/sqlSchema';
import { SEQUELIZE_MODULES, knexChain, knexTableOf } from '../../server/engine/ts/orm';
import { getRuleData, ruleDataOf } from '../../server/engine/ruleData';
import { inDown, isMigrationPath } from '../../server/engine/schema/migrations';

const ID = 'data/relation-no-on-delete';
/** A finding kept for the workspace pass. */
/**
 * A Sequelize association reported from the workspace: `pkg` when the file does not import sequelize (the package's
 * dependencies decide); `table` and `column`, the model and its foreign key, matched against the package's migrations.
 */
type Deferred = { message: string; range: Range; fixes: Fix[]; pkg?: boolean; table?: string; column?: string; parent?: string };
/**
 * What a file records: associations (and Prisma relations, with their `parent` model) to report; (migrations) the
 * foreign keys created with an explicit onDelete; (Prisma) the models deleted softly.
 */
type Data = { reports?: Deferred[]; decided?: string[]; softModels?: string[] };
/** A soft-delete field: the row is marked, never removed. */
const SOFT_DELETE = /^(deletedAt|deleted_at|isDeleted|is_deleted|deletedOn|deleted_on)$/;
/** `Users` / `User` / `user`, `id_products` / `idProducts`: one spelling. */
const norm = (s: string) => s.toLowerCase().replace(/_/g, '');
const tableKey = (s: string) => norm(s).replace(/s$/, '');

type Choice = 'Cascade' | 'Restrict' | 'SetNull';
const CHOICES: readonly Choice[] = ['Cascade', 'Restrict', 'SetNull'];
const SQL_ACTION: Record<Choice, string> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', SetNull: 'SET NULL' };
const DRIZZLE_ACTION: Record<Choice, string> = { Cascade: 'cascade', Restrict: 'restrict', SetNull: 'set null' };
const KNEX_ACTION: Record<Choice, string> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', SetNull: 'SET NULL' };

const DRIZZLE_CORE = /^drizzle-orm\/(pg|mysql|sqlite|singlestore|gel)-core$/;

const WHAT_TO_DO = 'Decide what deleting the parent should do';

/** One fix per choice; SetNull only when the foreign key can be null. */
function choiceFixes(nullable: boolean, make: (c: Choice) => { title: string; edits: TextEdit[] } | undefined): Fix[] {
  const out: Fix[] = [];
  for (const c of CHOICES) {
    if (c === 'SetNull' && !nullable) continue;
    const f = make(c);
    if (f) out.push({ ...f, safe: false });
  }
  return out;
}

const rule: TsRule = {
  meta: {
    id: ID,
    category: 'data',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'Relations without an explicit delete rule',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'harden.schema',
    docs: {
      why: 'When a foreign key has no delete rule, the database default decides what happens the first time a user, team or project is deleted: usually the delete fails with a foreign-key error (NO ACTION / Restrict), sometimes child rows are silently detached (SetNull). Nobody chose that behaviour, and account deletion (a legal requirement in many places) breaks in production.',
      bad: {
        files: {
          'prisma/schema.prisma': 'model User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id @default(autoincrement())\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n}\n',
        },
      },
      good: {
        files: {
          'prisma/schema.prisma': 'model User {\n  id    Int    @id @default(autoincrement())\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id @default(autoincrement())\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)\n}\n',
        },
      },
      checks: 'A Prisma relation to a model deleted softly (a `deletedAt` / `isDeleted` field in the same schema file) is not reported: its rows are never removed. A Sequelize association is not reported when a migration of its package (sequelize-cli) creates its foreign key column with `references` and an explicit `onDelete`: the database follows the migrations, and the model\'s option only matters to `sync()`.',
      fix: 'Choose the delete rule on the side that holds the foreign key: Prisma `onDelete: Cascade | Restrict | SetNull`, TypeORM / Sequelize / Drizzle `onDelete` option, Knex `.onDelete(\'CASCADE\')` on the reference, SQL `ON DELETE CASCADE | RESTRICT | SET NULL`. Cascade for rows that belong to the parent (a post\'s comments), Restrict for rows that must be dealt with first (invoices), SetNull for optional links (a task\'s assignee).',
    },
  },
  scope: 'ts',
  // references: Knex migrations (`t.uuid('user_id').references('id').inTable('users')`), which import nothing
  triggers: { names: ['belongsTo', 'references'], modules: ['typeorm', 'sequelize-typescript', 'drizzle-orm'] },
  kinds: ['prisma'],

  check(ctx) {
    const file = ctx.file as ParsedOf<'prisma'>;
    if (isTestPath(file.path)) return;
    const { text, lines } = file;
    // models deleted softly (a `deletedAt` / `isDeleted` field): their rows are never removed, so no delete rule applies;
    // a multi-file schema (prisma/schema/*.prisma) may declare them in another file: the workspace decides
    const soft = prismaModels(file.ast).filter((m) => modelFields(m).some((f) => SOFT_DELETE.test(f.name))).map((m) => m.name);
    if (soft.length) ruleDataOf<Data>(ctx.facts, ID, () => ({})).softModels = soft;
    for (const model of prismaModels(file.ast)) {
      const fields = modelFields(model);
      for (const field of fields) {
        const rel = fieldAttribute(field, 'relation');
        if (!rel) continue;
        const fks = fieldList(rel, 'fields');
        if (!fks?.length || namedArgument(rel, 'onDelete') !== undefined) continue;
        const s = span(rel);
        const parens = attributeParens(text, rel);
        if (!s) continue;
        const nullable = fks.every((n) => fields.find((f) => f.name === n)?.optional);
        const target = typeof field.fieldType === 'string' ? field.fieldType : 'parent';
        let insert = parens ? parens.close : -1;
        while (insert > 0 && /\s/.test(text[insert - 1])) insert--;
        const fixes = parens ? choiceFixes(nullable, (c) => ({
          title: `Set onDelete: ${c}`,
          edits: [{ file: file.path, range: lines.range(insert, insert), newText: `, onDelete: ${c}` }],
        })) : [];
        const what = nullable
          ? `Prisma falls back to SetNull, so deleting a ${target} silently detaches its ${model.name} rows`
          : `Prisma falls back to Restrict, so deleting a ${target} that still has ${model.name} rows fails with a foreign-key error`;
        ((ruleDataOf<Data>(ctx.facts, ID, () => ({}))).reports ??= []).push({
          message: `Relation \`${model.name}.${field.name}\` has no \`onDelete\`: ${what}. ${WHAT_TO_DO}: onDelete Cascade, Restrict or SetNull.`,
          range: lines.range(s.start, s.end),
          fixes,
          ...(typeof field.fieldType === 'string' ? { parent: field.fieldType } : {}),
        });
      }
    }
  },

  checkWorkspace(ctx) {
    // Sequelize associations between models imported from the app's modules: reported where the package uses Sequelize
    // sequelize-cli projects create the tables with migrations: a foreign key made there with an explicit onDelete
    // (`references` + `onDelete: 'CASCADE'`) is decided, whatever the model's association says (it only matters to sync())
    const migrationFks = new Map<string, Set<string>>();
    const softModels = new Map<string, Set<string>>();
    const add = (m: Map<string, Set<string>>, dir: string, keys: readonly string[]) => {
      let set = m.get(dir);
      if (!set) m.set(dir, (set = new Set()));
      for (const k of keys) set.add(k);
    };
    for (const [path, f] of ctx.files) {
      const d = getRuleData<Data>(f.facts, ID);
      if (!d) continue;
      const dir = ctx.facts.packageOf(path)?.dir ?? '';
      if (d.decided?.length) add(migrationFks, dir, d.decided);
      if (d.softModels?.length) add(softModels, dir, d.softModels);
    }
    for (const [path, f] of ctx.files) {
      const reports = getRuleData<Data>(f.facts, ID)?.reports;
      if (!reports?.length) continue;
      const pkg = ctx.facts.packageOf(path);
      const inMigrations = migrationFks.get(pkg?.dir ?? '');
      const soft = softModels.get(pkg?.dir ?? '');
      for (const { pkg: needsDep, table, column, parent, ...r } of reports) {
        if (needsDep && !pkg?.manifest.dependencies.some((d) => SEQUELIZE_MODULES.includes(d))) continue;
        if (parent && soft?.has(parent)) continue;
        if (table && column && inMigrations?.has(`${tableKey(table)}.${norm(column)}`)) continue;
        ctx.report({ ...r, file: path, workspace: false });
      }
    }
    const all: Array<{ file: string; fk: SqlForeignKeyFact }> = [];
    const columns = new Map<string, boolean>();
    for (const [path, f] of ctx.files) {
      const schema = f.kind === 'sql' && !isTestPath(path) ? f.facts.sqlSchema : undefined;
      if (!schema) continue;
      for (const fk of schema.foreignKeys) all.push({ file: path, fk });
      for (const c of schema.columns) columns.set(`${c.table}.${c.name}`, c.nullable);
    }
    const key = (fk: SqlForeignKeyFact) => `${fk.table}(${fk.columns.join(',')})`;
    const decided = new Set(all.filter((x) => x.fk.onDelete).map((x) => key(x.fk)));
    for (const { file, fk } of all) {
      if (fk.onDelete || decided.has(key(fk))) continue;
      const nullable = fk.nullable ?? fk.columns.every((c) => columns.get(`${fk.table}.${c}`) === true);
      const kw = (s: string) => (fk.lowerCase ? s.toLowerCase() : s);
      const at: Range = { start: fk.actionAt, end: fk.actionAt };
      ctx.report({
        file,
        workspace: false,
        message: `Foreign key \`${fk.tableDisplay}.${fk.columns.join(', ')}\` → \`${fk.refDisplay}\` has no ON DELETE: the default NO ACTION makes deleting a row of \`${fk.refDisplay}\` fail while rows of \`${fk.tableDisplay}\` point to it. ${WHAT_TO_DO}: ON DELETE CASCADE, RESTRICT or SET NULL.`,
        range: fk.range,
        fixes: choiceFixes(nullable, (c) => ({ title: `Add ON DELETE ${SQL_ACTION[c]}`, edits: [{ file, range: at, newText: kw(` ON DELETE ${SQL_ACTION[c]}`) }] })),
      });
    }
  },

  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    const path = file.path;
    if (isTestPath(path)) return {};
    const q = quoteOf(sf);
    const importsSequelize = imports.modules.some((m) => SEQUELIZE_MODULES.includes(m.module));

    /** Adds `onDelete` to an options argument, or the argument itself; undefined when the options cannot be edited here. */
    const optionFix = (call: ts.CallExpression, optionsIndex: number, value: string): TextEdit | undefined => {
      const arg = call.arguments[optionsIndex];
      if (!arg) {
        if (call.arguments.length < optionsIndex) return undefined;
        return insertArgument(sf, path, call, optionsIndex, `{ onDelete: ${value} }`);
      }
      const obj = unwrap(arg);
      return ts.isObjectLiteralExpression(obj) ? addProperty(sf, path, obj, `onDelete: ${value}`) : undefined;
    };
    /** The options object at `index`: 'missing', an object to inspect, or 'opaque' when it cannot be seen. */
    const optionsAt = (call: ts.CallExpression, index: number): ts.ObjectLiteralExpression | 'missing' | 'opaque' => {
      const arg = call.arguments[index];
      if (!arg) return 'missing';
      const obj = asObject(arg, consts);
      return obj && !hasOpaqueSpread(obj, consts) ? obj : 'opaque';
    };
    const lastName = (e: ts.Expression): string | undefined => {
      const u = unwrap(e);
      if (ts.isArrowFunction(u) && !ts.isBlock(u.body)) return lastName(u.body);
      if (u.kind === ts.SyntaxKind.ThisKeyword) {
        for (let n: ts.Node | undefined = u; n; n = n.parent) if (ts.isClassLike(n)) return n.name?.text;
        return undefined;
      }
      return accessPath(u)?.at(-1);
    };

    const onProperty = (node: ts.Node) => {
      const prop = node as ts.PropertyDeclaration;
      const typeorm = decoratorsFrom(prop, imports, ['typeorm']);
      const seqTs = decoratorsFrom(prop, imports, ['sequelize-typescript']);
      const rel = typeorm.get('ManyToOne') ?? (typeorm.has('JoinColumn') || typeorm.has('JoinColumns') ? typeorm.get('OneToOne') : undefined);
      const cls = prop.parent;
      if (rel?.call) {
        if (ts.isClassLike(cls) && decoratorsFrom(cls, imports, ['typeorm']).has('ViewEntity')) return;
        const call = rel.call;
        const second = call.arguments[1] && unwrap(call.arguments[1]);
        const secondIsInverse = !!second && (ts.isArrowFunction(second) || ts.isFunctionExpression(second) || ts.isStringLiteralLike(second));
        if (second && !secondIsInverse && !asObject(second, consts)) return;
        const index = secondIsInverse ? 2 : 1;
        const opts = optionsAt(call, index);
        if (opts === 'opaque') return;
        if (opts !== 'missing' && (findProperty(opts, 'onDelete', consts) || isFalse(findProperty(opts, 'createForeignKeyConstraints', consts)?.value, consts))) return;
        const notNull = opts !== 'missing' && (isFalse(findProperty(opts, 'nullable', consts)?.value, consts) || !!findProperty(opts, 'primary', consts));
        const nullable = !notNull && !typeorm.has('PrimaryColumn');
        const owner = ts.isClassLike(cls) ? cls.name?.text : undefined;
        const name = ts.isIdentifier(prop.name) ? prop.name.text : prop.name.getText(sf);
        const target = lastName(call.arguments[0] ?? call) ?? 'parent';
        ctx.report({
          message: `\`@${rel.name}\` \`${owner ? owner + '.' : ''}${name}\` has no \`onDelete\`: TypeORM creates the foreign key with NO ACTION, so deleting a ${target} that still has rows here fails with a foreign-key error. ${WHAT_TO_DO}: onDelete 'CASCADE', 'RESTRICT' or 'SET NULL'.`,
          range: nodeRange(sf, call.expression, rel.node.getStart(sf)),
          fixes: choiceFixes(nullable, (c) => {
            const edit = optionFix(call, index, `${q}${SQL_ACTION[c]}${q}`);
            return edit && { title: `Set onDelete: ${q}${SQL_ACTION[c]}${q}`, edits: [edit] };
          }),
        });
        return;
      }
      const bt = seqTs.get('BelongsTo');
      if (bt?.call) {
        const call = bt.call;
        const second = call.arguments[1];
        const fkName = second && ts.isStringLiteralLike(unwrap(second)) ? unwrap(second) : undefined;
        const opts = fkName ? 'missing' : optionsAt(call, 1);
        if (opts === 'opaque') return;
        if (opts !== 'missing' && findProperty(opts, 'onDelete', consts)) return;
        const nullable = !(ts.isClassLike(cls) && isNotNullSeqTsForeignKey(cls, opts, fkName, consts, imports, sf));
        report(call, `${lastName(call.arguments[0] ?? call) ?? 'parent'}`, `@BelongsTo`, nullable, (value) => {
          if (fkName) return replaceNode(sf, path, fkName, `{ foreignKey: ${fkName.getText(sf)}, onDelete: ${value} }`);
          return optionFix(call, 1, value);
        }, bt.node.getStart(sf));
      }
    };

    const report = (call: ts.CallExpression, target: string, what: string, nullable: boolean, edit: (value: string) => TextEdit | undefined, start?: number, deferred = false, fk?: { table?: string; column?: string }) => {
      const r = {
        message: `\`${what}\` has no \`onDelete\`: Sequelize then picks SET NULL (NO ACTION for a NOT NULL key) on its own, so deleting a ${target} silently detaches these rows or fails. ${WHAT_TO_DO}: onDelete 'CASCADE', 'RESTRICT' or 'SET NULL'.`,
        range: nodeRange(sf, call.expression, start),
        fixes: choiceFixes(nullable, (c) => {
          const e = edit(`${q}${SQL_ACTION[c]}${q}`);
          return e && { title: `Set onDelete: ${q}${SQL_ACTION[c]}${q}`, edits: [e] };
        }),
      };
      // reported from the workspace, which knows the package's dependencies (models imported from the app's own modules, in
      // a file that does not import sequelize) and its migrations
      ((ruleDataOf<Data>(ctx.facts, ID, () => ({}))).reports ??= []).push({ ...r, ...(deferred ? { pkg: true } : {}), ...fk });
    };

    const sequelizeDefined = (receiver: ts.Expression): boolean => {
      const init = consts.resolve(receiver);
      return !!init && ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'define' &&
        !!init.arguments[0] && ts.isStringLiteralLike(init.arguments[0]);
    };
    const belongsTo: Array<{ call: ts.CallExpression; owner?: string; target?: string; deferred?: boolean }> = [];
    const decidedPairs = new Set<string>();

    const drizzleRoot = (e: ts.Expression): ts.CallExpression | undefined => {
      let cur = unwrap(e);
      while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) cur = unwrap(cur.expression.expression);
      if (!ts.isCallExpression(cur)) return undefined;
      const callee = resolveCallee(cur.expression, imports);
      return callee && DRIZZLE_CORE.test(callee.module) ? cur : undefined;
    };
    /**
     * Knex migrations: `t.uuid('user_id').references('id').inTable('users')`, `t.foreign('user_id').references('users.id')`
     * with no `.onDelete()` in the chain. True when the call is a Knex reference (reported or not).
     */
    const knexReference = (call: ts.CallExpression): boolean => {
      let root: ts.Expression = call;
      while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression) && ts.isCallExpression(unwrap(root.expression.expression))) root = unwrap(root.expression.expression);
      if (!ts.isCallExpression(root) || !ts.isPropertyAccessExpression(root.expression)) return false;
      const builder = unwrap(root.expression.expression);
      if (!ts.isIdentifier(builder) || !knexTableOf(builder)) return false;
      const names = chainNames(call);
      if (names.includes('onDelete')) return true;
      const column = stringValue(root.arguments[0], consts);
      const inTable = (() => {
        let top: ts.Node = call;
        while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent)) { if (top.parent.name.text === 'inTable') return stringValue(top.parent.parent.arguments[0], consts); top = top.parent.parent; }
        return undefined;
      })();
      const refTable = inTable ?? stringValue(call.arguments[0], consts)?.split('.').slice(0, -1).join('.') ?? undefined;
      const nullable = !names.includes('notNullable') && !names.includes('primary');
      const { end } = knexChain(call);
      ctx.report({
        message: `\`.references()\`${column ? ` of \`${column}\`` : ''} has no \`.onDelete()\`: the database creates the foreign key with NO ACTION, so deleting a ${refTable ? `row of \`${refTable}\`` : 'referenced row'} fails while this one points to it. ${WHAT_TO_DO}: .onDelete('CASCADE'), 'RESTRICT' or 'SET NULL'.`,
        range: nodeRange(sf, (call.expression as ts.PropertyAccessExpression).name),
        fixes: choiceFixes(nullable, (c) => ({ title: `Add .onDelete(${q}${KNEX_ACTION[c]}${q})`, edits: [insertAt(sf, path, end.end, `.onDelete(${q}${KNEX_ACTION[c]}${q})`)] })),
      });
      return true;
    };
    const chainNames = (call: ts.CallExpression): string[] => {
      let top: ts.Node = call;
      while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent) && top.parent.parent.expression === top.parent) top = top.parent.parent;
      const names: string[] = [];
      let cur = top as ts.Expression;
      while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) { names.push(cur.expression.name.text); cur = cur.expression.expression; }
      return names;
    };

    const migration = isMigrationPath(path);
    /** A sequelize-cli migration's column made a foreign key with an explicit delete rule: `{ references: {...}, onDelete: 'CASCADE' }`. */
    const decidedColumn = (table: string | undefined, column: string | undefined, attrs: ts.Expression | undefined) => {
      const o = attrs && asObject(attrs, consts);
      if (!table || !column || !o || !findProperty(o, 'references', consts) || !findProperty(o, 'onDelete', consts)) return;
      ((ruleDataOf<Data>(ctx.facts, ID, () => ({}))).decided ??= []).push(`${tableKey(table)}.${norm(column)}`);
    };

    return {
      PropertyDeclaration: onProperty,
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (migration && ts.isPropertyAccessExpression(call.expression) && !inDown(call)) {
          const m = call.expression.name.text;
          const [a0, a1, a2] = call.arguments;
          if (m === 'addColumn' || m === 'changeColumn') decidedColumn(stringValue(a0, consts), stringValue(a1, consts), a2);
          else if (m === 'createTable') {
            const cols = a1 && asObject(a1, consts);
            for (const p of cols?.properties ?? []) if (ts.isPropertyAssignment(p)) decidedColumn(stringValue(a0, consts), propName(p.name), p.initializer);
          }
        }
        if (ts.isIdentifier(call.expression) && call.arguments.length === 1) {
          // a table-level foreign key: `foreignKey({ columns: [t.courseId], foreignColumns: [courses.id] })` (drizzle-kit pull writes these)
          const callee = resolveCallee(call.expression, imports);
          if (!callee || !DRIZZLE_CORE.test(callee.module) || callee.path.join('.') !== 'foreignKey' || chainNames(call).includes('onDelete')) return;
          const o = asObject(call.arguments[0], consts);
          if (!o || hasOpaqueSpread(o, consts)) return;
          const target = findProperty(o, 'foreignColumns', consts)?.value;
          const list = target && consts.resolve(target);
          const refTable = list && ts.isArrayLiteralExpression(list) && list.elements[0] ? accessPath(list.elements[0])?.[0] : undefined;
          ctx.report({
            message: `\`foreignKey()\`${refTable ? ` to \`${refTable}\`` : ''} has no \`.onDelete()\`: Drizzle creates the foreign key with NO ACTION, so deleting a ${refTable ? `row of \`${refTable}\`` : 'referenced row'} fails while this one points to it. ${WHAT_TO_DO}: .onDelete('cascade'), 'restrict' or 'set null'.`,
            range: nodeRange(sf, call.expression),
            fixes: choiceFixes(false, (c) => ({ title: `Add .onDelete(${q}${DRIZZLE_ACTION[c]}${q})`, edits: [insertAt(sf, path, call.end, `.onDelete(${q}${DRIZZLE_ACTION[c]}${q})`)] })),
          });
          return;
        }
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const method = call.expression.name.text;
        const receiver = call.expression.expression;
        if (method === 'references' && call.arguments.length >= 1) {
          if (knexReference(call)) return;
          const root = drizzleRoot(receiver);
          if (!root) return;
          const opts = optionsAt(call, 1);
          if (opts === 'opaque' || (opts !== 'missing' && findProperty(opts, 'onDelete', consts))) return;
          const chain = chainNames(call);
          const nullable = !chain.includes('notNull') && !chain.includes('primaryKey');
          const column = root.arguments[0] && ts.isStringLiteralLike(root.arguments[0]) ? root.arguments[0].text : undefined;
          const ref = unwrap(call.arguments[0]);
          const refTable = (ts.isArrowFunction(ref) && !ts.isBlock(ref.body) ? accessPath(ref.body) : undefined)?.[0];
          ctx.report({
            message: `\`.references()\`${column ? ` of \`${column}\`` : ''} has no \`onDelete\`: Drizzle creates the foreign key with NO ACTION, so deleting a ${refTable ? `row of \`${refTable}\`` : 'referenced row'} fails while this one points to it. ${WHAT_TO_DO}: onDelete 'cascade', 'restrict' or 'set null'.`,
            range: nodeRange(sf, call.expression.name),
            fixes: choiceFixes(nullable, (c) => {
              const e = optionFix(call, 1, `${q}${DRIZZLE_ACTION[c]}${q}`);
              return e && { title: `Set onDelete: ${q}${DRIZZLE_ACTION[c]}${q}`, edits: [e] };
            }),
          });
          return;
        }
        if (method !== 'belongsTo' && method !== 'hasMany' && method !== 'hasOne') return;
        if (!call.arguments[0]) return;
        // `Booking.belongsTo(Driver)` in a models/index.js that imports both models from their own files (sequelize-cli's layout)
        const importedModel = (e: ts.Expression) => { const root = accessPath(unwrap(e))?.[0]; const b = root ? imports.bindings.get(root) : undefined; return !!b && /^(\.|@\/|~\/|#)/.test(b.module); };
        const deferred = !(importsSequelize || sequelizeDefined(receiver));
        if (deferred && !(importedModel(receiver) && importedModel(call.arguments[0]))) return;
        const owner = lastName(receiver);
        const target = lastName(call.arguments[0]);
        const opts = optionsAt(call, 1);
        if (method !== 'belongsTo') {
          if (opts !== 'missing' && opts !== 'opaque' && findProperty(opts, 'onDelete', consts)) decidedPairs.add(`${target}->${owner}`);
          return;
        }
        if (opts === 'opaque' || (opts !== 'missing' && findProperty(opts, 'onDelete', consts))) return;
        belongsTo.push({ call, owner, target, deferred });
      },
      onEnd() {
        for (const b of belongsTo) {
          if (decidedPairs.has(`${b.owner}->${b.target}`)) continue;
          const opts = optionsAt(b.call, 1);
          const fk = opts !== 'missing' && opts !== 'opaque' ? findProperty(opts, 'foreignKey', consts)?.value : undefined;
          const fkObj = asObject(fk, consts);
          const nullable = !(fkObj && isFalse(findProperty(fkObj, 'allowNull', consts)?.value, consts));
          // the foreign key column: `foreignKey: 'id_products'` or `{ name }`, else Sequelize's default `<target>Id`
          const column = stringValue(fk, consts) ?? (fkObj && stringValue(findProperty(fkObj, 'name', consts)?.value, consts)) ?? (b.target ? `${b.target}Id` : undefined);
          report(b.call, b.target ?? 'parent', `${b.owner ?? ''}.belongsTo(${b.target ?? '…'})`, nullable, (value) => optionFix(b.call, 1, value), undefined, b.deferred, { table: b.owner, column });
        }
      },
    };
  },
};

/** sequelize-typescript: whether the @ForeignKey column this @BelongsTo uses is declared `@AllowNull(false)`. */
function isNotNullSeqTsForeignKey(cls: ts.ClassLikeDeclaration, opts: ts.ObjectLiteralExpression | 'missing', fkName: ts.Expression | undefined,
  consts: ConstTable, imports: FileImports, sf: ts.SourceFile): boolean {
  let name = fkName && ts.isStringLiteralLike(fkName) ? fkName.text : undefined;
  if (!name && opts !== 'missing') {
    const v = findProperty(opts, 'foreignKey', consts)?.value;
    if (v && ts.isStringLiteralLike(unwrap(v))) name = (unwrap(v) as ts.StringLiteral).text;
  }
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m)) continue;
    const decs = decoratorsFrom(m, imports, ['sequelize-typescript']);
    const fk = decs.get('ForeignKey');
    if (!fk) continue;
    if (name && m.name.getText(sf) !== name) continue;
    const allow = decs.get('AllowNull');
    if (allow && allow.args[0] && isFalse(allow.args[0], consts)) return true;
    const col = decs.get('Column');
    const colOpts = col?.args[0] && asObject(col.args[0], consts);
    if (colOpts && isFalse(findProperty(colOpts, 'allowNull', consts)?.value, consts)) return true;
    if (decs.has('PrimaryKey')) return true;
  }
  return false;
}

export default rule;
