import { ts } from 'ts-morph';
import type { TsRule, TsVisitor } from '../../server/engine/types';
import { accessPath, calleeName, isTestPath, propName, stringValue, unwrap } from '../../server/engine/ts/helpers';
import { nodeRange } from '../../server/engine/ts/edits';
import { decoratorsOf } from '../../server/engine/ts/decorators';
import { isDevOnlyPath } from './auto-sync-schema';
import { sqlHead } from '../../server/engine/facts/routeBodies';
import { madeByClientFactory } from '../../server/engine/ts/orm';

type Orm = 'prisma' | 'mongoose' | 'sequelize' | 'typeorm' | 'drizzle' | 'knex' | 'model' | 'sql' | 'supabase';
interface Write {
  call: ts.CallExpression;
  /** The whole write expression (a Drizzle / Knex chain ends further out). */
  expr: ts.Expression;
  orm: Orm;
  model: string;
  op: string;
  label: string;
  /** Names bound to the write's result (`const user = await ...`). */
  binds: string[];
  /** Receiver of an instance write (`user.save()`): the variable written through. */
  instanceOf?: string;
  /** Identifiers assigned into that row before the write (`user.orders.push(order._id)`). */
  extraIds?: Set<string>;
  client?: string;
}

const PRISMA_OPS = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany']);
const MODEL_OPS = new Set(['create', 'insertMany', 'bulkCreate', 'updateOne', 'updateMany', 'findByIdAndUpdate', 'findOneAndUpdate', 'findByIdAndDelete', 'findOneAndDelete', 'findByIdAndRemove', 'findOneAndRemove', 'deleteOne', 'deleteMany', 'destroy', 'update', 'upsert', 'replaceOne', 'increment', 'decrement', 'bulkWrite']);
const READ_OPS = /^(find|findOne|findById|findAll|findByPk|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findOneBy|findOneByOrFail|findOneOrFail|findAndCountAll)$/;
const INSTANCE_OPS = new Set(['save', 'update', 'destroy', 'remove', 'deleteOne', 'increment', 'decrement', 'reload']);
const REPO_OPS = new Set(['save', 'insert', 'update', 'delete', 'remove', 'upsert', 'softDelete', 'softRemove', 'increment', 'decrement']);
const UPDATE_OPS = /^(update|updateMany|updateOne|upsert|delete|deleteMany|deleteOne|destroy|increment|decrement|findByIdAndUpdate|findOneAndUpdate|findByIdAndDelete|findOneAndDelete|remove|softDelete|del)$/;
const TX_CALLS = /^(\$transaction|transaction|withTransaction|runInTransaction|transactionAsync|startTransaction|beginTransaction)$/;
const ITERATION = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'some', 'every', 'all', 'allSettled', 'then', 'mapSeries', 'each']);
/** Models whose rows are side records (logs, events, notifications): writing them after the main write needs no transaction. */
const SIDE_WORDS = new Set(['log', 'logs', 'audit', 'audits', 'event', 'events', 'activity', 'activities', 'history', 'histories', 'analytics', 'metric', 'metrics', 'pageview', 'pageviews', 'tracking', 'notification', 'notifications', 'email', 'emails', 'webhook', 'webhooks']);
const BUILTINS = new Set(['Object', 'Array', 'Promise', 'Reflect', 'JSON', 'Date', 'Map', 'Set', 'WeakMap', 'Buffer', 'URL', 'Error', 'Math', 'Number', 'String', 'Symbol', 'Intl', 'Atomics', 'Proxy']);

const modelWords = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_\-.]+/).filter(Boolean).map((w) => w.toLowerCase());
const isSide = (model: string) => modelWords(model).some((w) => SIDE_WORDS.has(w));
const lcFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const singular = (s: string) => (/ies$/.test(s) ? s.slice(0, -3) + 'y' : /ss$/.test(s) ? s : s.replace(/s$/, ''));
/** `userRepository` -> user, `usersRepo` -> user, `UserModel` -> User. */
const modelOf = (name: string) => singular(name.replace(/(Repository|Repo|Model|Service|Table)$/i, '')) || name;

const TX_HINT: Record<Orm, (client?: string) => string> = {
  prisma: (c) => `\`${c ?? 'prisma'}.$transaction(async (tx) => { ... })\` and make both writes through \`tx\``,
  sequelize: () => '`sequelize.transaction(async (t) => { ... })` and pass `{ transaction: t }` to both writes',
  typeorm: () => '`dataSource.transaction(async (manager) => { ... })` and make both writes through `manager`',
  mongoose: () => '`session.withTransaction(async () => { ... })` (on a replica set) and pass `{ session }` to both writes',
  drizzle: (c) => `\`${c ?? 'db'}.transaction(async (tx) => { ... })\` and make both writes through \`tx\``,
  knex: (c) => `\`${c ?? 'knex'}.transaction(async (trx) => { ... })\` and make both writes through \`trx\``,
  model: () => 'one transaction (Sequelize `sequelize.transaction(async (t) => ...)` with `{ transaction: t }`, Mongoose `session.withTransaction(...)` with `{ session }`)',
  supabase: (c) => `one Postgres function that makes both writes (a function runs in one transaction), called with \`${c ?? 'supabase'}.rpc('<function>', { ... })\`: supabase-js sends each write as its own HTTP request and cannot wrap two of them in a transaction`,
  sql: (c) => `one transaction on one connection (\`const client = await ${c ?? 'pool'}.connect()\`, then \`client.query('BEGIN')\`, both writes through \`client\`, \`COMMIT\`, and \`ROLLBACK\` in the catch)`,
};

/** Query methods of SQL drivers that run a statement (node-postgres, mysql2, pg-promise). */
const SQL_RUNS = new Set(['query', 'execute', 'none', 'one', 'oneOrNone', 'result']);
/** Receivers that are a database connection or pool: `pool`, `db`, `client`, `conn`... (the last name of the path). */
const SQL_RECEIVER = /^(pool|db|client|conn|connection|database|pg|mysql|sql|pgPool|dbPool)$/i;
/** The verb and table of a write statement: `INSERT INTO orders`, `UPDATE "users"`, `DELETE FROM cart_item`. */
const SQL_WRITE = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert\s+into|update|delete\s+from)\s+[`"]?([\w.]+)/i;

const rule: TsRule = {
  meta: {
    id: 'data/multi-write-no-transaction',
    category: 'data',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'Dependent writes outside a transaction',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'harden.schema',
    docs: {
      why: 'A handler that creates an order and then its items, or debits one account and credits another, assumes both writes happen. Without a transaction, the first is committed on its own: when the second fails (a constraint, a timeout, a deploy restarting the process mid-request) the database keeps an order without items or money that left one account and never arrived, and nothing retries it.',
      checks: 'Writes are read from Prisma, Drizzle, Knex, TypeORM, Sequelize and Mongoose calls, from supabase-js (`supabase.from(\'orders\').insert(...)`, `update`, `upsert`, `delete`), and from raw SQL run through a pool or client (`pool.query(\'INSERT INTO ...\')`, mysql2 `execute`, pg-promise). Two writes count as dependent when the second uses the first one\'s result, when they write related rows (one carries the other\'s `<model>Id` with the same value), or when the same model is updated twice. Writes to log-like models (audit logs, events, notifications) after the main write are treated as independent, and writes already inside `$transaction` / `transaction()` / `withTransaction`, passed a `transaction` or `session` option, or undone in a `catch`, are not reported.',
      bad: { files: { 'src/routes/signup.ts': "import { prisma } from '../db';\n\nexport async function signup(email: string, name: string) {\n  const user = await prisma.user.create({ data: { email } });\n  await prisma.profile.create({ data: { userId: user.id, name } });\n  return user;\n}\n" } },
      good: { files: { 'src/routes/signup.ts': "import { prisma } from '../db';\n\nexport async function signup(email: string, name: string) {\n  return prisma.$transaction(async (tx) => {\n    const user = await tx.user.create({ data: { email } });\n    await tx.profile.create({ data: { userId: user.id, name } });\n    return user;\n  });\n}\n" } },
      fix: 'Run the writes in one transaction: Prisma `prisma.$transaction(async (tx) => ...)` (or a nested write: `user.create({ data: { profile: { create: ... } } })`), Sequelize `sequelize.transaction(async (t) => ...)`, TypeORM `dataSource.transaction(async (manager) => ...)`, Drizzle `db.transaction(async (tx) => ...)`, Knex `knex.transaction(async (trx) => ...)`, Mongoose `session.withTransaction(...)`; with supabase-js, which cannot open a transaction, one Postgres function doing both writes, called with `supabase.rpc(...)`. Keep slow side effects (emails, HTTP calls) outside it.',
    },
  },
  scope: 'ts',
  // Every write is a call of one of these methods.
  triggers: { names: [...new Set([...PRISMA_OPS, ...MODEL_OPS, ...INSTANCE_OPS, ...REPO_OPS, ...SQL_RUNS, 'insert', 'update', 'delete', 'del', 'increment', 'decrement', 'upsert'])] },

  create(ctx): TsVisitor {
    const { sf, imports, consts, file } = ctx;
    if (isTestPath(file.path) || isDevOnlyPath(file.path)) return {};
    const importsAny = (re: RegExp) => imports.modules.some((m) => re.test(m.module));
    const drizzleFile = importsAny(/^drizzle-orm(\/|$)/);
    const knexFile = importsAny(/^knex$/);
    const mongooseFile = importsAny(/^(mongoose|@nestjs\/mongoose)$/);
    const sequelizeFile = importsAny(/^(sequelize|sequelize-typescript|@sequelize\/core)$/);
    const typeormFile = importsAny(/^(typeorm|@nestjs\/typeorm)$/);
    /** The ORM of a model class's writes (`User.create`, `new User().save()`): TypeORM's active records in a TypeORM file. */
    const modelOrm: Orm = mongooseFile ? 'mongoose' : sequelizeFile ? 'sequelize' : typeormFile ? 'typeorm' : 'model';
    const supabaseFile = importsAny(/^@supabase\//) || imports.modules.some((m) => /^(\.|@\/|~\/)/.test(m.module) && /supabase/i.test(m.module));

    /** A PascalCase name that is an ORM model here: imported from the app's own modules, or defined in this file by model()/define()/a Model class. */
    const isModelName = (name: string): boolean => {
      if (BUILTINS.has(name) || !/^[A-Z]/.test(name)) return false;
      const b = imports.bindings.get(name);
      if (b) return /^(\.|@\/|~\/|#)/.test(b.module) || /model|entit|schema|db/i.test(b.module) || ((mongooseFile || sequelizeFile) && !/^[a-z@]/.test(b.module));
      const init = consts.get(name);
      if (init) {
        const u = unwrap(init);
        return ts.isCallExpression(u) && /^(model|define)$/.test(calleeName(u) ?? '');
      }
      return (mongooseFile || sequelizeFile) && sf.statements.some((s) => ts.isClassDeclaration(s) && s.name?.text === name && !!s.heritageClauses?.some((h) => h.types.some((t) => /Model$/.test(t.expression.getText(sf)))));
    };
    const clientName = (e: ts.Expression): string | undefined => {
      const p = accessPath(e);
      const last = p?.[p.length - 1];
      return last && (/^(prisma|db|client|database|prismaClient|orm)$/i.test(last) || /prisma/i.test(last)) ? p!.join('.') : undefined;
    };
    const isTxName = (e: ts.Expression) => { const p = accessPath(e); return !!p && /^(tx|trx|transaction|t|manager|entityManager|session)$/.test(p[p.length - 1]); };

    /** The write a call is, if any (instance writes are resolved later against the variables of their function). */
    const writeOf = (call: ts.CallExpression): Omit<Write, 'binds' | 'expr'> | undefined => {
      if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
      const op = call.expression.name.text;
      const recv = unwrap(call.expression.expression);
      // prisma.user.create(...)
      if (PRISMA_OPS.has(op) && ts.isPropertyAccessExpression(recv) && !recv.name.text.startsWith('$')) {
        if (isTxName(recv.expression)) return undefined;
        const client = clientName(recv.expression);
        if (client) return { call, orm: 'prisma', model: recv.name.text, op, label: `${client}.${recv.name.text}.${op}`, client };
      }
      // db.insert(users).values(...), db.update(t).set(...), db.delete(t)
      // (also a table of a namespace import: `db.insert(schema.orders)`)
      const tableArg = call.arguments.length === 1 ? unwrap(call.arguments[0]) : undefined;
      const tablePath = tableArg && (ts.isIdentifier(tableArg) || (ts.isPropertyAccessExpression(tableArg) && ts.isIdentifier(tableArg.expression))) ? accessPath(tableArg) : undefined;
      if ((op === 'insert' || op === 'update' || op === 'delete') && tablePath && tablePath.length <= 2) {
        const table = tablePath[tablePath.length - 1];
        const tb = imports.bindings.get(tablePath[0]);
        const p = accessPath(recv);
        if (p && !isTxName(recv) && /^(db|database|drizzle|client|orm)$/i.test(p[p.length - 1]) && (drizzleFile || (tb && /schema|db/i.test(tb.module)))) {
          return { call, orm: 'drizzle', model: table, op, label: `${p.join('.')}.${op}(${tablePath.join('.')})`, client: p.join('.') };
        }
      }
      // knex('users').insert(...)
      if (/^(insert|update|del|delete|increment|decrement|upsert)$/.test(op) && ts.isCallExpression(recv) && ts.isIdentifier(recv.expression) && /^(knex|db|database|pg|mysql)$/.test(recv.expression.text)) {
        const table = stringValue(recv.arguments[0], consts);
        // a knex instance made in the app's own module (`const db = require('../lib/db')`, `module.exports = knex(config)`)
        const own = imports.bindings.get(recv.expression.text);
        const local = !!own && /^(\.|@\/|~\/|#)/.test(own.module);
        if (table && (knexFile || recv.expression.text === 'knex' || local)) return { call, orm: 'knex', model: table, op, label: `${recv.expression.text}('${table}').${op}`, client: recv.expression.text };
      }
      // supabase.from('orders').insert(...), this.supabase.from('profiles').update(...).eq('id', id)
      if (/^(insert|update|upsert|delete)$/.test(op) && ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression) && recv.expression.name.text === 'from') {
        const p = accessPath(recv.expression.expression);
        const last = p?.[p.length - 1];
        const table = stringValue(recv.arguments[0], consts);
        const fromFactory = p?.length === 1 && madeByClientFactory(consts.get(p[0]));
        if (table && last && (/supabase/i.test(last) || (supabaseFile && (/^(client|db|sb)$/.test(last) || fromFactory)))) {
          return { call, orm: 'supabase', model: table, op, label: `${p!.join('.')}.from('${table}').${op}`, client: p!.join('.') };
        }
      }
      // pool.query('INSERT INTO orders ...', [...]), db.execute(`UPDATE users ...`), db.none(...)
      if (SQL_RUNS.has(op) && call.arguments[0]) {
        const p = accessPath(recv);
        const last = p?.[p.length - 1];
        const m = last && SQL_RECEIVER.test(last) && !isTxName(recv) ? SQL_WRITE.exec(sqlHead(call.arguments[0], consts) ?? '') : null;
        if (m) {
          const verb = m[1].toLowerCase().split(/\s+/)[0];
          return { call, orm: 'sql', model: m[2].split('.').pop()!, op: verb, label: `${p!.join('.')}.${op}('${m[1].replace(/\s+/g, ' ').toUpperCase()} ${m[2]} ...')`, client: p!.join('.') };
        }
      }
      // User.create(...), this.userModel.updateOne(...)
      if (MODEL_OPS.has(op)) {
        if (ts.isIdentifier(recv) && isModelName(recv.text)) return { call, orm: modelOrm, model: recv.text, op, label: `${recv.text}.${op}` };
        const p = accessPath(recv);
        const last = p?.[p.length - 1];
        if (p && p[0] === 'this' && last && /Model$/.test(last)) return { call, orm: 'mongoose', model: modelOf(last), op, label: `${p.join('.')}.${op}` };
      }
      // userRepository.save(...), getRepository(User).save(...), manager.save(User, ...)
      if (REPO_OPS.has(op)) {
        const p = accessPath(recv);
        const last = p?.[p.length - 1];
        if (p && last && /(Repository|Repo)$/i.test(last)) return { call, orm: 'typeorm', model: modelOf(last), op, label: `${p.join('.')}.${op}` };
        if (ts.isCallExpression(recv) && calleeName(recv) === 'getRepository' && recv.arguments[0]) {
          const ent = accessPath(recv.arguments[0])?.at(-1) ?? stringValue(recv.arguments[0], consts);
          if (ent) return { call, orm: 'typeorm', model: ent, op, label: `getRepository(${ent}).${op}` };
        }
        if (p && last && /^(manager|entityManager|em)$/.test(last) && p.length > 1 && call.arguments[0]) {
          const ent = accessPath(call.arguments[0])?.at(-1);
          if (ent && /^[A-Z]/.test(ent)) return { call, orm: 'typeorm', model: ent, op, label: `${p.join('.')}.${op}(${ent})` };
        }
      }
      return undefined;
    };

    /** The function a write belongs to: callbacks of map / forEach / Promise.all belong to the function around them. */
    const unitOf = (n: ts.Node): ts.Node | undefined => {
      for (let p = n.parent; p; p = p.parent) {
        if (!ts.isFunctionLike(p)) continue;
        const parent = p.parent;
        if (ts.isCallExpression(parent) && parent.arguments.includes(p as unknown as ts.Expression) && ITERATION.has(calleeName(parent) ?? '')) continue;
        return p;
      }
      return undefined;
    };
    /** Inside a transaction callback or array (`$transaction([...])`), or a `catch` (compensation). */
    const inTransaction = (n: ts.Node): boolean => {
      for (let child: ts.Node = n, p = n.parent; p; child = p, p = p.parent) {
        if (ts.isCallExpression(p) && p.arguments.includes(child as ts.Expression) && TX_CALLS.test(calleeName(p) ?? '')) return true;
        if (ts.isCatchClause(p)) return true;
      }
      return false;
    };
    /**
     * A Prisma write collected for a batch transaction: `ops.push(db.user.update(...))` or `const ops = [db.a.create(...), ...]`,
     * and the same function passes `ops` to `$transaction(ops)` (or `$transaction([...ops])`). Prisma runs those writes there.
     */
    const batchedLater = (call: ts.CallExpression): boolean => {
      let p: ts.Node = call.parent;
      while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p)) p = p.parent;
      let name: string | undefined;
      if (ts.isCallExpression(p) && calleeName(p) === 'push' && ts.isPropertyAccessExpression(p.expression) && p.arguments.some((a) => unwrap(a) === call)) name = accessPath(p.expression.expression)?.join('.');
      else if (ts.isArrayLiteralExpression(p) && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) name = p.parent.name.text;
      const unit = name ? unitOf(call) : undefined;
      if (!unit) return false;
      const names = (e: ts.Expression): boolean => {
        const u = unwrap(e);
        if (accessPath(u)?.join('.') === name) return true;
        return ts.isArrayLiteralExpression(u) && u.elements.some((el) => ts.isSpreadElement(el) && accessPath(unwrap(el.expression))?.join('.') === name);
      };
      let found = false;
      const visit = (n: ts.Node): void => {
        if (found) return;
        if (ts.isCallExpression(n) && TX_CALLS.test(calleeName(n) ?? '') && n.arguments.some(names)) { found = true; return; }
        ts.forEachChild(n, visit);
      };
      visit(unit);
      return found;
    };
    /** Options that put a write in a transaction: `{ transaction: t }`, `{ session }`. */
    const hasTxOption = (call: ts.CallExpression) => call.arguments.some((a) => {
      const u = unwrap(a);
      return ts.isObjectLiteralExpression(u) && u.properties.some((p) => p.name && /^(transaction|session)$/.test(propName(p.name) ?? ''));
    });
    const unitHasManualTx = (unit: ts.Node): boolean => {
      let found = false;
      const visit = (n: ts.Node): void => {
        if (found) return;
        if (ts.isCallExpression(n)) {
          const name = calleeName(n);
          if (name && /^(startTransaction|beginTransaction|startSession|transaction)$/.test(name) && n.arguments.every((a) => !ts.isFunctionLike(unwrap(a)))) { found = true; return; }
          if (name === 'query' && /^\s*(begin|start transaction)\b/i.test(stringValue(n.arguments[0], consts) ?? '')) { found = true; return; }
        }
        if (ts.isCatchClause(n) && hasWriteIn(n.block)) { found = true; return; }
        ts.forEachChild(n, visit);
      };
      visit(unit);
      if (!found && ts.isMethodDeclaration(unit)) {
        found = decoratorsOf(unit).some((d) => /^Transaction(al)?$/.test(accessPath(ts.isCallExpression(d.expression) ? d.expression.expression : d.expression)?.at(-1) ?? ''));
      }
      return found;
    };
    const hasWriteIn = (n: ts.Node): boolean => {
      let found = false;
      const visit = (x: ts.Node): void => { if (!found) { if (ts.isCallExpression(x) && writeOf(x)) found = true; else ts.forEachChild(x, visit); } };
      visit(n);
      return found;
    };
    /** The statement-level expression of a write (the end of a Drizzle / Knex chain) and the names it binds. */
    const bindingOf = (call: ts.CallExpression): { expr: ts.Expression; binds: string[] } => {
      let top: ts.Expression = call;
      while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent) && top.parent.parent.expression === top.parent) top = top.parent.parent;
      let p: ts.Node = top.parent;
      while (p && (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p))) p = p.parent;
      const binds: string[] = [];
      const collect = (b: ts.BindingName) => { if (ts.isIdentifier(b)) binds.push(b.text); else for (const el of b.elements) if (!ts.isOmittedExpression(el)) collect(el.name); };
      if (ts.isVariableDeclaration(p)) collect(p.name);
      else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left)) binds.push(p.left.text);
      return { expr: top, binds };
    };

    const units = new Map<ts.Node, Write[]>();
    /** Variables holding rows read or created through a model: name -> model (for `user.save()`). */
    const rows = new Map<ts.Node, Map<string, { model: string; orm: Orm; ids?: Set<string> }>>();

    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const w = writeOf(call);
        if (w) {
          const unit = unitOf(call);
          if (!unit || inTransaction(call) || hasTxOption(call) || (w.orm === 'prisma' && batchedLater(call))) return;
          const { expr, binds } = bindingOf(call);
          let list = units.get(unit);
          if (!list) units.set(unit, (list = []));
          list.push({ ...w, expr, binds });
          return;
        }
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const op = call.expression.name.text;
        const recv = unwrap(call.expression.expression);
        // Rows read through a model, for instance writes later on.
        if (READ_OPS.test(op) && ts.isIdentifier(recv) && isModelName(recv.text)) {
          const unit = unitOf(call);
          if (!unit) return;
          const { binds } = bindingOf(call);
          let m = rows.get(unit);
          if (!m) rows.set(unit, (m = new Map()));
          for (const b of binds) m.set(b, { model: recv.text, orm: modelOrm });
          return;
        }
        if (INSTANCE_OPS.has(op) && ts.isIdentifier(recv) && op !== 'reload') {
          const unit = unitOf(call);
          if (!unit) return;
          const row = rows.get(unit)?.get(recv.text) ?? (units.get(unit) ?? []).map((x) => (x.binds.includes(recv.text) ? { model: x.model, orm: x.orm } : undefined)).find(Boolean);
          if (!row || inTransaction(call) || hasTxOption(call)) return;
          const { expr, binds } = bindingOf(call);
          let list = units.get(unit);
          if (!list) units.set(unit, (list = []));
          const extraIds = mutationsOf(unit, recv.text, call.getStart(sf));
          for (const x of (row as { ids?: Set<string> }).ids ?? []) extraIds.add(x);
          list.push({ call, expr, binds, orm: row.orm, model: row.model, op, label: `${recv.text}.${op}`, instanceOf: recv.text, extraIds });
        }
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        if (!ts.isIdentifier(n.expression) || !isModelName(n.expression.text)) return;
        const unit = unitOf(n);
        let p: ts.Node = n.parent;
        while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p)) p = p.parent;
        // `const user = new User(...)`, or `user = new Client(first, last, address)` into a `let` declared earlier
        const name = ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text
          : ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left) && unwrap(p.right) === n ? p.left.text : undefined;
        if (!unit || !name) return;
        let m = rows.get(unit);
        if (!m) rows.set(unit, (m = new Map()));
        // what the row is built from: a later write of it depends on rows written before (`new Client(..., address)`)
        const ids = new Set<string>();
        for (const a of n.arguments ?? []) for (const x of identifiersIn(a)) ids.add(x);
        m.set(name, { model: n.expression.text, orm: modelOrm, ids });
      },
      onEnd() {
        for (const [unit, writes] of units) {
          const main = writes.filter((w) => !isSide(w.model));
          if (main.length < 2 || unitHasManualTx(unit)) continue;
          aliasBinds(unit, main);
          const pair = dependentPair(main);
          if (!pair) continue;
          const [first, second, why] = pair;
          ctx.report({
            message: `\`${second.label}\` ${why} \`${first.label}\`, but the two writes are not in a transaction: if the second fails (a constraint, a timeout, a deploy restarting the process), the first stays committed and the data is left half-written. Wrap them in ${TX_HINT[first.orm](first.client)}.`,
            range: nodeRange(sf, second.call.expression),
          });
        }
      },
    };
  },
};

/**
 * Variables a write's result reaches by assignment (`finalUserId = newUser.id`, `const orderId = order.id`), added to
 * its binds (two steps): the later write that uses them depends on it.
 */
function aliasBinds(unit: ts.Node, writes: Write[]): void {
  const assigned: Array<{ name: string; from: Set<string>; pos: number }> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) assigned.push({ name: n.left.text, from: identifiersIn(n.right), pos: n.pos });
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) assigned.push({ name: n.name.text, from: identifiersIn(n.initializer), pos: n.pos });
    ts.forEachChild(n, visit);
  };
  visit(unit);
  if (!assigned.length) return;
  for (const w of writes) {
    if (!w.binds.length) continue;
    const binds = new Set(w.binds);
    for (let round = 0; round < 2; round++) {
      for (const a of assigned) if (a.pos > w.call.pos && !binds.has(a.name) && [...a.from].some((x) => binds.has(x))) binds.add(a.name);
    }
    w.binds = [...binds];
  }
}

/** Identifiers in the values a function puts into `row` before `before`: `row.x = v`, `row.list.push(v)`, `Object.assign(row, v)`. */
function mutationsOf(unit: ts.Node, row: string, before: number): Set<string> {
  const out = new Set<string>();
  const rootOf = (e: ts.Expression): string | undefined => { const p = accessPath(e); return p?.[0]; };
  const visit = (n: ts.Node): void => {
    if (n.pos >= before) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && rootOf(n.left) === row) for (const x of identifiersIn(n.right)) out.add(x);
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && rootOf(n.expression.expression) === row) for (const a of n.arguments) for (const x of identifiersIn(a)) out.add(x);
    if (ts.isCallExpression(n) && accessPath(n.expression)?.join('.') === 'Object.assign' && n.arguments[0] && rootOf(n.arguments[0]) === row) for (const a of n.arguments.slice(1)) for (const x of identifiersIn(a)) out.add(x);
    ts.forEachChild(n, visit);
  };
  visit(unit);
  return out;
}

/** Identifiers read inside an expression (property names excluded). */
function identifiersIn(n: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (x: ts.Node): void => {
    if (ts.isIdentifier(x)) {
      const p = x.parent;
      const isName = (ts.isPropertyAccessExpression(p) && p.name === x) || (ts.isPropertyAssignment(p) && p.name === x);
      if (!isName) out.add(x.text);
    }
    ts.forEachChild(x, visit);
  };
  visit(n);
  return out;
}

/** Property keys written in an expression's object literals. */
function keysIn(n: ts.Node): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  const visit = (x: ts.Node): void => {
    if (ts.isPropertyAssignment(x)) { const k = propName(x.name); if (k) out.set(k.toLowerCase(), x.initializer); }
    if (ts.isShorthandPropertyAssignment(x)) out.set(x.name.text.toLowerCase(), x.name);
    ts.forEachChild(x, visit);
  };
  visit(n);
  return out;
}

/** Whether two writes can never both run: different branches of an if / ternary / switch, or the first one's branch returns or throws. */
function exclusive(a: ts.Node, b: ts.Node): boolean {
  const path = (n: ts.Node) => { const out: ts.Node[] = []; for (let p: ts.Node | undefined = n; p; p = p.parent) out.unshift(p); return out; };
  const pa = path(a);
  const pb = path(b);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  const common = pa[i - 1];
  const ca = pa[i];
  const cb = pb[i];
  if (!common || !ca || !cb) return false;
  if (ts.isIfStatement(common) && ca !== common.expression && cb !== common.expression) return true;
  if (ts.isConditionalExpression(common) && ca !== common.condition && cb !== common.condition) return true;
  if (ts.isCaseBlock(common)) return true;
  // `if (event.type === 'a') {...}` then `if (event.type === 'b') {...}`: one subject, two values, never both
  if (ts.isIfStatement(ca) && ts.isIfStatement(cb) && pa[i + 1] === ca.thenStatement && pb[i + 1] === cb.thenStatement) {
    const x = equalityTest(ca.expression);
    const y = equalityTest(cb.expression);
    if (x && y && x.subject === y.subject && x.value !== y.value) return true;
  }
  for (let k = i; k < pa.length - 1; k++) {
    const n = pa[k];
    if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) return true;
    if (ts.isBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) {
      const stmts = n.statements;
      const at = stmts.indexOf(pa[k + 1] as ts.Statement);
      if (at >= 0 && stmts.slice(at + 1).some((s) => ts.isReturnStatement(s) || ts.isThrowStatement(s))) return true;
    }
  }
  return false;
}

/** `event.type === 'checkout.session.completed'` (either way round): the subject's text and the literal. */
function equalityTest(e: ts.Expression): { subject: string; value: string } | undefined {
  const u = unwrap(e);
  if (!ts.isBinaryExpression(u) || (u.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && u.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsToken)) return undefined;
  const lit = (x: ts.Expression) => { const v = unwrap(x); return ts.isStringLiteralLike(v) || ts.isNumericLiteral(v) ? v.text : undefined; };
  const path = (x: ts.Expression) => accessPath(unwrap(x))?.join('.');
  const l = lit(u.right) !== undefined ? { subject: path(u.left), value: lit(u.right) } : { subject: path(u.right), value: lit(u.left) };
  return l.subject && l.value !== undefined ? { subject: l.subject, value: l.value } : undefined;
}

/** The first pair of writes where the second depends on the first, and how. */
function dependentPair(writes: readonly Write[]): [Write, Write, string] | undefined {
  for (let j = 1; j < writes.length; j++) {
    const b = writes[j];
    const bIds = new Set([...identifiersIn(b.expr), ...(b.extraIds ?? [])]);
    for (let i = 0; i < j; i++) {
      const a = writes[i];
      if (a.call === b.call || exclusive(a.call, b.call)) continue;
      const used = a.binds.find((n) => bIds.has(n));
      if (used) return [a, b, `uses \`${used}\`, the result of`];
      // `address.save()` then `new Client(..., address)` saved: the second row points at the first
      if (a.instanceOf && b.instanceOf !== a.instanceOf && bIds.has(a.instanceOf)) return [a, b, `uses \`${a.instanceOf}\`, the row written by`];
      const rel = relatedBy(a, b) ?? relatedBy(b, a);
      if (rel) return [a, b, `writes a row related by \`${rel}\` to the one written by`];
      if (a.model === b.model && UPDATE_OPS.test(a.op) && UPDATE_OPS.test(b.op) && !a.instanceOf && !b.instanceOf) return [a, b, 'updates the same model again after'];
    }
  }
  return undefined;
}

/** `child` carries a `<parent model>Id` key whose value also identifies the parent write (the same variable in both). */
function relatedBy(parent: Write, child: Write): string | undefined {
  const m = lcFirst(modelOf(parent.model));
  const snake = m.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const keys = keysIn(child.expr);
  for (const key of [`${m}id`.toLowerCase(), `${snake}_id`, m.toLowerCase()]) {
    const v = keys.get(key);
    if (!v) continue;
    const ids = identifiersIn(v);
    const parentIds = identifiersIn(parent.expr);
    const shared = [...ids].find((x) => parentIds.has(x));
    if (shared) return key === m.toLowerCase() ? m : keysOriginal(child.expr, key) ?? key;
  }
  return undefined;
}

function keysOriginal(n: ts.Node, lower: string): string | undefined {
  let found: string | undefined;
  const visit = (x: ts.Node): void => {
    if (found) return;
    if ((ts.isPropertyAssignment(x) || ts.isShorthandPropertyAssignment(x)) && propName(x.name)?.toLowerCase() === lower) { found = propName(x.name); return; }
    ts.forEachChild(x, visit);
  };
  visit(n);
  return found;
}

export default rule;
