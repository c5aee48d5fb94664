/** ORM calls seen from the outside: which model a query or write targets (`prisma.user.create`, `User.findOne`, `db.insert(users)`). */
import { ts } from 'ts-morph';
import { accessPath, calleeName, resolveCallee, stringValue, unwrap } from './helpers';
import type { FileImports } from './imports';
import { exprName, nameWords } from './authNames';
import { declaredFieldType } from './declarations';

/** The module names a Sequelize model file imports from. */
export const SEQUELIZE_MODULES: readonly string[] = ['sequelize', 'sequelize-typescript', '@sequelize/core'];

/**
 * `new mongoose.Schema({...})`, also when mongoose comes through a module of the app that re-exports it
 * (`import mongoose from '../config/database'`, `const { Schema } = require('../db')`): the schema is Mongoose's.
 */
export function isMongooseSchema(n: ts.NewExpression, imports: FileImports): boolean {
  const callee = resolveCallee(n.expression, imports);
  if (callee?.module === 'mongoose') return callee.path.join('.') === 'Schema';
  const e = unwrap(n.expression);
  const root = ts.isPropertyAccessExpression(e) && e.name.text === 'Schema' ? unwrap(e.expression) : ts.isIdentifier(e) && e.text === 'Schema' ? e : undefined;
  const b = root && ts.isIdentifier(root) ? imports.bindings.get(root.text) : undefined;
  if (!b || !/^(\.|@\/|~\/|#)/.test(b.module)) return false;
  // named like mongoose, or `model` comes from the same module: not some other local `Schema` class
  return root !== e ? /^mongoose$/i.test((root as ts.Identifier).text) : imports.bindings.get('model')?.module === b.module;
}

const MODEL_SUFFIX = new Set(['model', 'models', 'repository', 'repo', 'collection', 'table', 'entity', 'schema', 'delegate', 'dao', 'db']);

export function singular(w: string): string {
  if (w === 'people') return 'person';
  if (/ies$/.test(w)) return w.slice(0, -3) + 'y';
  return w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/**
 * The model a call targets, as words (`prisma.passwordResetToken` -> ['password', 'reset', 'token'], `UserModel` -> ['user'],
 * `usersRepository` -> ['user'], `db.insert(users).values` -> ['user'], `knex('users').insert` -> ['user'], `new User()` -> ['user']);
 * `service` is true for a receiver named like a service (`this.usersService.create`), which is not a model.
 */
export function modelOf(call: ts.CallExpression | ts.NewExpression): { words: string[]; service: boolean } | undefined {
  let raw: string | undefined;
  if (ts.isNewExpression(call)) raw = exprName(call.expression);
  else {
    const target = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(target)) return undefined;
    const recv = unwrap(target.expression);
    if (ts.isCallExpression(recv)) {
      const a = recv.arguments[0];
      raw = a ? (stringValue(a) ?? exprName(a)) : undefined;
    } else {
      const p = accessPath(recv);
      raw = p?.[p.length - 1];
    }
  }
  if (!raw) return undefined;
  const words = [...nameWords(raw)];
  if (words[words.length - 1] === 'service') return { words, service: true };
  // `constructor(private user: UsersService)`: `this.user.create(...)` calls the service, whatever the field is named
  const typed = !ts.isNewExpression(call) && ts.isPropertyAccessExpression(unwrap(call.expression)) ? injectedType(unwrap((unwrap(call.expression) as ts.PropertyAccessExpression).expression)) : undefined;
  if (typed && /Service$/.test(typed)) return { words: [...nameWords(typed)], service: true };
  while (words.length > 1 && MODEL_SUFFIX.has(words[words.length - 1])) words.pop();
  if (words.length) words[words.length - 1] = singular(words[words.length - 1]);
  return { words, service: false };
}

/** The declared type name of `this.field` in its class (declarations.ts `declaredFieldType`), if written. */
function injectedType(recv: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(recv) || recv.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  let cls: ts.Node | undefined = recv.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  return cls ? declaredFieldType(cls as ts.ClassLikeDeclaration, recv.name.text) : undefined;
}

/**
 * The table a Knex schema builder parameter builds: `t` in `knex.schema.createTable('users', (t) => { ... })` (also
 * `createTableIfNotExists`, `alterTable`, `table`); `create` when the callback creates the table. The table name is
 * undefined when it is neither a literal nor something `nameOf` reads (a const).
 */
export function knexTableOf(id: ts.Identifier, nameOf?: (e: ts.Expression) => string | undefined): { table?: string; create: boolean } | undefined {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.parameters[0] && ts.isIdentifier(n.parameters[0].name) && n.parameters[0].name.text === id.text) {
      const call = n.parent;
      if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.arguments[1] !== n) return undefined;
      const m = call.expression.name.text;
      if (!/^(createTable|createTableIfNotExists|alterTable|table)$/.test(m)) return undefined;
      const a0 = call.arguments[0];
      return { table: a0 && (ts.isStringLiteralLike(a0) ? a0.text : nameOf?.(a0)), create: m.startsWith('createTable') };
    }
  }
  return undefined;
}

/** The method names called on a Knex column definition after it: `t.string('email').notNullable().unique()` -> ['notNullable', 'unique']. */
export function knexChain(call: ts.CallExpression): { names: string[]; end: ts.CallExpression } {
  const names: string[] = [];
  let end = call;
  while (ts.isPropertyAccessExpression(end.parent) && end.parent.expression === end && ts.isCallExpression(end.parent.parent) && end.parent.parent.expression === end.parent) {
    names.push(end.parent.name.text);
    end = end.parent.parent;
  }
  return { names, end };
}

/**
 * A data client made by the app's own factory: `createAdminClient()`, `await createClient()`, `getSupabase()`
 * (a call whose name says supabase or ends in Client), the value a variable such as `const admin = ...` holds.
 */
export function madeByClientFactory(init: ts.Expression | undefined): boolean {
  let u = init && unwrap(init);
  while (u && ts.isAwaitExpression(u)) u = unwrap(u.expression);
  return !!u && ts.isCallExpression(u) && /supabase|client$/i.test(calleeName(u) ?? '');
}
