/** ORM calls seen from the outside: which model a query or write targets (`prisma.user.create`, `User.findOne`, `db.insert(users)`). */
import { ts } from 'ts-morph';
import { accessPath, stringValue, unwrap } from './helpers';
import { exprName, nameWords } from './authNames';

/** The module names a Sequelize model file imports from. */
export const SEQUELIZE_MODULES: readonly string[] = ['sequelize', 'sequelize-typescript', '@sequelize/core'];

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
  while (words.length > 1 && MODEL_SUFFIX.has(words[words.length - 1])) words.pop();
  if (words.length) words[words.length - 1] = singular(words[words.length - 1]);
  return { words, service: false };
}
