import { ts } from 'ts-morph';
import type { Fix, TsRule, TsVisitor } from '../../server/engine/types';
import type { ParsedOf } from '../../server/engine/parse';
import { accessPath, asObject, findProperty, isTestPath, propName, resolveCallee, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { decoratorsFrom } from '../../server/engine/ts/decorators';
import { fieldAttribute, fieldTypeEnd, modelFields, prismaDatasource, prismaModels, span } from '../../server/engine/schema/prisma';
import { isGeneratedSql, isMigrationPath, migrationFolder, nextMigrationPath } from '../../server/engine/schema/migrations';
import type { SqlColumnFact } from '../../server/engine/facts/sqlSchema';
import { SEQUELIZE_MODULES, knexTableOf } from '../../server/engine/ts/orm';
import { identifierWords } from '../../server/engine/ts/words';
import { importsAnyOf } from '../../server/engine/ts/imports';

/**
 * Money-like names. Strong words name an amount wherever they appear (`unitPrice`, `shipping_cost`); weak ones only
 * as the last word or before a currency (`grandTotal`, `total_usd`, but not `totalViews`). Any "not money" word
 * (cents, rate, percent, score, count, coordinates...) makes the name something else.
 */
const STRONG = new Set(['price', 'prices', 'amount', 'amounts', 'cost', 'costs', 'fee', 'fees', 'salary', 'revenue', 'subtotal', 'refund', 'payout', 'wage', 'wages', 'budget', 'income', 'earnings', 'deposit', 'money', 'cash', 'mrr']);
const WEAK = new Set(['total', 'balance', 'tax', 'spend', 'charge', 'credit', 'debit']);
const CURRENCY = new Set(['usd', 'eur', 'gbp', 'jpy', 'cad', 'aud', 'chf', 'inr', 'brl', 'mxn']);
const NOT_MONEY = new Set([
  'cents', 'cent', 'pennies', 'penny', 'minor', 'micros', 'bps', 'basis', 'percent', 'percentage', 'pct', 'rate', 'ratio', 'rating', 'score', 'count',
  'qty', 'quantity', 'lat', 'lng', 'lon', 'latitude', 'longitude', 'coord', 'coords', 'coordinate', 'weight', 'distance', 'duration', 'time', 'hours',
  'minutes', 'seconds', 'days', 'version', 'factor', 'multiplier', 'share', 'progress', 'usage', 'points', 'votes', 'stars', 'size', 'bytes', 'calories',
  'items', 'pages', 'views', 'clicks', 'level', 'rank', 'position', 'index', 'limit', 'threshold', 'tokens', 'units', 'estimate', 'probability', 'confidence',
]);

/** Whether a column / property name says it holds an amount of money. */
export function isMoneyName(name: string): boolean {
  const w = identifierWords(name);
  if (!w.length || w.some((x) => NOT_MONEY.has(x))) return false;
  if (w.some((x) => STRONG.has(x))) return true;
  return w.some((x, i) => WEAK.has(x) && w.slice(i + 1).every((y) => CURRENCY.has(y)));
}

const FLOAT_SQL = /^(real|float[48]?|double precision|double|float\(\d+\))$/;
const FLOAT_TYPEORM = new Set(['float', 'float4', 'float8', 'double', 'double precision', 'real']);
const FLOAT_SEQUELIZE = new Set(['FLOAT', 'DOUBLE', 'REAL', 'DOUBLE PRECISION']);
const FLOAT_DRIZZLE = new Set(['real', 'doublePrecision', 'double', 'float']);

const WHY = 'binary floating point cannot represent most decimal amounts exactly (0.1 + 0.2 = 0.30000000000000004), so sums, discounts, refunds and reconciliations drift by cents';
const message = (what: string, how: string, todo: string) => `${what} is stored as ${how}: ${WHY}. ${todo}`;
const SQL_TYPE = 'numeric(12,2)';

const rule: TsRule = {
  meta: {
    id: 'data/money-as-float',
    category: 'data',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'Money stored as a floating-point number',
    fixKind: 'edit',
    effort: 'day',
    checklist: 'harden.schema',
    docs: {
      why: 'Floats are binary fractions: 0.1 has no exact representation, so `19.99 * 3` is 59.97000000000001 and a ledger of float amounts never sums to the cent. Invoices disagree with payment providers (which count in integer cents), refunds leave a fraction behind, and rounding bugs surface in accounting months later, when the data is already wrong.',
      checks: 'Names are read for money (price, amount, cost, fee, balance, total, revenue, salary...); ratings, rates, percentages, coordinates, scores and `*_cents` columns are left alone.',
      bad: { files: { 'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel Order {\n  id    Int   @id @default(autoincrement())\n  total Float\n}\n' } },
      good: { files: { 'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel Order {\n  id         Int     @id @default(autoincrement())\n  total      Decimal @db.Decimal(12, 2)\n  taxRate    Float\n  totalCents Int\n}\n' } },
      fix: 'Store money as a fixed-point decimal (Prisma `Decimal @db.Decimal(12, 2)`, SQL `numeric(12,2)`, TypeORM `type: \'decimal\', precision: 12, scale: 2`, Sequelize `DataTypes.DECIMAL(12, 2)`, Mongoose `Schema.Types.Decimal128`, Drizzle `numeric()`), or as an integer number of cents (`amountCents Int`). Do the arithmetic with a decimal library or in cents, and convert existing rows in a migration (rounding them once, on purpose).',
    },
  },
  scope: 'ts',
  // Sequelize types need DataTypes / Sequelize / DataType / S (or a sequelize import); Knex columns need float() / double() / specificType().
  triggers: { names: ['DataTypes', 'Sequelize', 'DataType', 'S', 'float', 'double', 'specificType'], modules: ['typeorm', 'mongoose', '@nestjs/mongoose', 'drizzle-orm', ...SEQUELIZE_MODULES] },
  kinds: ['prisma'],

  check(ctx) {
    const file = ctx.file as ParsedOf<'prisma'>;
    if (isTestPath(file.path)) return;
    const { text, lines } = file;
    const ds = prismaDatasource(file.ast);
    const provider = ds?.provider;
    const native = provider && ['postgresql', 'postgres', 'mysql', 'sqlserver', 'cockroachdb'].includes(provider) ? ds!.name : undefined;
    for (const model of prismaModels(file.ast)) {
      for (const field of modelFields(model)) {
        if (field.fieldType !== 'Float' || !isMoneyName(field.name)) continue;
        const s = span(field);
        const end = fieldTypeEnd(text, field);
        if (!s || end === undefined) continue;
        const typeStart = end - (field.array ? 2 : 0) - (field.optional ? 1 : 0) - 'Float'.length;
        const fixes: Fix[] = [];
        if (provider !== 'mongodb') {
          const floatAttr = native && field.attributes?.find((a) => a.group === native && /^(DoublePrecision|Real|Double|Float)$/.test(a.name));
          const attrSpan = floatAttr ? span(floatAttr) : undefined;
          const nativeText = native ? `@${native}.Decimal(12, 2)` : '';
          const edits = [{ file: file.path, range: lines.range(typeStart, typeStart + 5), newText: 'Decimal' }];
          if (attrSpan) edits.push({ file: file.path, range: lines.range(attrSpan.start, attrSpan.end), newText: nativeText });
          else if (native && !fieldAttribute(field, 'Decimal', native)) edits.push({ file: file.path, range: lines.range(end, end), newText: ` ${nativeText}` });
          fixes.push({ title: `Change to Decimal${nativeText ? ` ${nativeText}` : ''}`, safe: false, edits });
        }
        const todo = provider === 'mongodb'
          ? 'Store an integer number of cents (Prisma has no Decimal on MongoDB).'
          : 'Use `Decimal` (or an integer number of cents), and convert the existing rows in the migration.';
        ctx.report({ message: message(`\`${model.name}.${field.name}\``, 'a Float', todo), range: lines.range(s.start, s.start + field.name.length), fixes });
      }
    }
  },

  checkWorkspace(ctx) {
    const has = (p: string) => ctx.files.has(p);
    const hasPrisma = [...ctx.files.values()].some((f) => f.kind === 'prisma');
    const changed = new Map<string, string>();
    const dropped = new Set<string>();
    const found: Array<{ file: string; col: SqlColumnFact }> = [];
    for (const [path, f] of ctx.files) {
      const schema = f.kind === 'sql' && !isTestPath(path) ? f.facts.sqlSchema : undefined;
      if (!schema) continue;
      for (const c of schema.typeChanges) changed.set(`${c.table}.${c.column}`, c.type);
      for (const t of schema.droppedTables) dropped.add(t);
      if (isGeneratedSql(path, has, hasPrisma)) continue;
      for (const col of schema.columns) {
        if (col.type && FLOAT_SQL.test(col.type) && isMoneyName(col.name)) found.push({ file: path, col });
      }
    }
    const open = found.filter(({ col }) => {
      const later = changed.get(`${col.table}.${col.name}`);
      return !dropped.has(col.table) && (!later || FLOAT_SQL.test(later));
    });
    const paths = [...ctx.files.keys()];
    for (const { file, col } of open) {
      const fixes: Fix[] = [];
      if (!isMigrationPath(file)) {
        if (col.typeRange) fixes.push({ title: `Change the type to ${SQL_TYPE}`, safe: false, edits: [{ file, range: col.typeRange, newText: col.lowerCase ? SQL_TYPE : SQL_TYPE.toUpperCase() }] });
      } else {
        const folder = migrationFolder(file);
        const next = nextMigrationPath(folder, paths, 'money_as_numeric');
        const cols = open.filter((o) => isMigrationPath(o.file) && migrationFolder(o.file) === folder);
        if (next && !has(next)) {
          const q = (n: string) => (/^[a-z_][a-z0-9_]*$/.test(n) ? n : `"${n.replace(/"/g, '""')}"`);
          const body = cols.map(({ col: c }) => `ALTER TABLE ${q(c.tableDisplay)} ALTER COLUMN ${q(c.display)} TYPE ${SQL_TYPE};`).join('\n');
          fixes.push({
            title: cols.length > 1 ? `Add a migration converting ${cols.length} money columns to ${SQL_TYPE}` : `Add a migration converting \`${col.display}\` to ${SQL_TYPE}`,
            safe: false,
            edits: [],
            creates: [{ file: next, content: `-- Money as fixed-point decimals: floats cannot hold most cent amounts exactly. Existing values are rounded to the cent.\n${body}\n` }],
          });
        }
      }
      ctx.report({
        file,
        workspace: false,
        message: message(`\`${col.tableDisplay}.${col.display}\``, `\`${col.type}\``, `Use \`${SQL_TYPE}\` (or an integer number of cents)${isMigrationPath(file) ? ', changing it in a new migration' : ''}.`),
        range: col.range,
        fixes,
      });
    }
  },

  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path)) return {};
    const sequelizeFile = importsAnyOf(imports, SEQUELIZE_MODULES);
    const report = (name: string, at: ts.Node, how: string, todo: string) => ctx.report({ message: message(`\`${name}\``, how, todo), range: nodeRange(sf, at) });

    const isParameter = (id: ts.Identifier) => {
      for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
        if (ts.isFunctionLike(n) && n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === id.text)) return true;
      }
      return false;
    };
    /** `DataTypes.FLOAT`, `Sequelize.DOUBLE(10, 2)`, `DataType.REAL`: the float type's name, if any. */
    const sequelizeFloat = (e: ts.Expression | undefined): string | undefined => {
      if (!e) return undefined;
      let v = unwrap(e);
      if (ts.isCallExpression(v)) v = unwrap(v.expression);
      const path = accessPath(v);
      if (!path || path.length < 2 || !FLOAT_SEQUELIZE.has(path[path.length - 1])) return undefined;
      const head = unwrap(v);
      let root: ts.Expression = head;
      while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
      const callee = resolveCallee(head, imports);
      const ok = (callee && SEQUELIZE_MODULES.includes(callee.module)) ||
        (/^(DataTypes|Sequelize|DataType|S)$/.test(path[0]) && (sequelizeFile || (ts.isIdentifier(root) && isParameter(root))));
      return ok ? path[path.length - 1] : undefined;
    };
    const sequelizeAttributes = (def: ts.ObjectLiteralExpression) => {
      for (const p of def.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const name = propName(p.name);
        if (!name || !isMoneyName(name)) continue;
        const obj = asObject(p.initializer, consts);
        const t = sequelizeFloat(obj ? findProperty(obj, 'type', consts)?.value : p.initializer);
        if (t) report(name, p.name, `Sequelize \`${t}\``, 'Use `DataTypes.DECIMAL(12, 2)` (or an integer number of cents).');
      }
    };
    const mongooseDefinition = (def: ts.ObjectLiteralExpression, prefix: string, depth = 0) => {
      for (const p of def.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const name = propName(p.name);
        if (!name) continue;
        const v = unwrap(p.initializer);
        const obj = asObject(v, consts);
        const typeOf = (x: ts.Expression | undefined) => { const u = x && unwrap(x); return u && ts.isArrayLiteralExpression(u) ? u.elements[0] : u; };
        const typeExpr = obj ? findProperty(obj, 'type', consts)?.value : v;
        const t = typeOf(typeExpr);
        if (t && ts.isIdentifier(t) && t.text === 'Number' && isMoneyName(name)) {
          report(prefix + name, p.name, 'a Mongoose `Number` (a double)', 'Use `Schema.Types.Decimal128` or an integer number of cents.');
        } else if (obj && !typeExpr && depth < 3) {
          mongooseDefinition(obj, `${prefix}${name}.`, depth + 1);
        }
      }
    };
    const onClass = (node: ts.Node) => {
      const cls = node as ts.ClassDeclaration;
      const typeorm = decoratorsFrom(cls, imports, ['typeorm']).has('Entity');
      const seqTs = decoratorsFrom(cls, imports, ['sequelize-typescript']).has('Table');
      const nestMongoose = decoratorsFrom(cls, imports, ['@nestjs/mongoose']).has('Schema');
      if (!typeorm && !seqTs && !nestMongoose) return;
      const owner = cls.name?.text;
      for (const m of cls.members) {
        if (!ts.isPropertyDeclaration(m)) continue;
        const name = propName(m.name);
        if (!name || !isMoneyName(name)) continue;
        const label = owner ? `${owner}.${name}` : name;
        if (typeorm) {
          const col = decoratorsFrom(m, imports, ['typeorm']).get('Column');
          if (!col) continue;
          const opts = col.args.map((a) => asObject(a, consts)).find((o) => o);
          const type = (stringValue(col.args[0], consts) ?? stringValue(opts && findProperty(opts, 'type', consts)?.value, consts))?.toLowerCase();
          if (type && FLOAT_TYPEORM.has(type)) report(label, m.name, `TypeORM \`${type}\``, "Use `type: 'decimal', precision: 12, scale: 2` with a transformer (decimals come back as strings), or an integer number of cents.");
        } else if (seqTs) {
          const col = decoratorsFrom(m, imports, ['sequelize-typescript']).get('Column');
          const arg = col?.args[0];
          const opts = arg && asObject(arg, consts);
          const t = sequelizeFloat(opts ? findProperty(opts, 'type', consts)?.value : arg);
          if (t) report(label, m.name, `Sequelize \`${t}\``, 'Use `DataType.DECIMAL(12, 2)` (or an integer number of cents).');
        } else {
          const prop = decoratorsFrom(m, imports, ['@nestjs/mongoose']).get('Prop');
          if (!prop) continue;
          const opts = prop.args.map((a) => asObject(a, consts)).find((o) => o);
          const typeExpr = opts && findProperty(opts, 'type', consts)?.value;
          const explicitNumber = typeExpr && ts.isIdentifier(unwrap(typeExpr)) && (unwrap(typeExpr) as ts.Identifier).text === 'Number';
          const declared = m.type?.kind === ts.SyntaxKind.NumberKeyword;
          if (explicitNumber || (!typeExpr && declared)) report(label, m.name, 'a Mongoose `Number` (a double)', 'Use `Schema.Types.Decimal128` or an integer number of cents.');
        }
      }
    };

    return {
      ClassDeclaration: onClass,
      NewExpression(node) {
        const n = node as ts.NewExpression;
        const callee = resolveCallee(n.expression, imports);
        if (callee?.module !== 'mongoose' || callee.path.join('.') !== 'Schema') return;
        const def = asObject(n.arguments?.[0], consts);
        if (def) mongooseDefinition(def, '');
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const callee = resolveCallee(call.expression, imports);
        if (callee && /^drizzle-orm\/(pg|mysql|sqlite|singlestore|gel)-core$/.test(callee.module) && FLOAT_DRIZZLE.has(callee.path.join('.'))) {
          const dbName = stringValue(call.arguments[0], consts);
          let top: ts.Node = call;
          while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent)) top = top.parent.parent;
          const prop = top.parent && ts.isPropertyAssignment(top.parent) && top.parent.initializer === top ? top.parent : undefined;
          const key = prop ? propName(prop.name) : undefined;
          const name = [key, dbName].find((x) => x && isMoneyName(x));
          if (name) report(name, prop?.name ?? call, `Drizzle \`${callee.path.join('.')}()\``, "Use `numeric('…', { precision: 12, scale: 2 })` (or an integer number of cents).");
          return;
        }
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const method = call.expression.name.text;
        const receiver = unwrap(call.expression.expression);
        if ((method === 'define' || method === 'createTable') && call.arguments.length >= 2) {
          const def = asObject(call.arguments[1], consts);
          if (def) sequelizeAttributes(def);
          return;
        }
        if (method === 'init' && call.arguments.length >= 2) {
          const def = asObject(call.arguments[0], consts);
          if (def) sequelizeAttributes(def);
          return;
        }
        if (method === 'addColumn' && call.arguments.length >= 3) {
          const name = stringValue(call.arguments[1], consts);
          const spec = asObject(call.arguments[2], consts);
          const t = sequelizeFloat(spec ? findProperty(spec, 'type', consts)?.value : call.arguments[2]);
          if (name && t && isMoneyName(name)) report(name, call.arguments[1], `Sequelize \`${t}\``, 'Use `DataTypes.DECIMAL(12, 2)` (or an integer number of cents).');
          return;
        }
        if ((method === 'float' || method === 'double' || method === 'specificType') && ts.isIdentifier(receiver) && !!knexTableOf(receiver)) {
          const name = stringValue(call.arguments[0], consts);
          const type = method === 'specificType' ? stringValue(call.arguments[1], consts)?.toLowerCase() : method;
          if (name && type && FLOAT_SQL.test(type) && isMoneyName(name)) report(name, call.arguments[0], `Knex \`${method === 'specificType' ? type : `${method}()`}\``, "Use `table.decimal('…', 12, 2)` (or an integer number of cents).");
        }
      },
    };
  },
};

export default rule;
