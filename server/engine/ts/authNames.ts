/** Names of credentials in code: what an expression is called, and whether that name denotes a password, a token, a secret. */
import { ts } from 'ts-morph';
import { calleeName, stringValue, unwrap } from './helpers';
import { nameWords } from '../secrets';

export { nameWords };

/** The name an expression goes by: `password`, `req.body.password` -> 'password', `headers['x-signature']` -> 'x-signature', `req.get('X-Api-Key')` -> 'X-Api-Key', `getToken()` -> 'getToken'. */
export function exprName(e: ts.Expression): string | undefined {
  const u = unwrap(e);
  if (ts.isIdentifier(u)) return u.text;
  if (ts.isPropertyAccessExpression(u)) return u.name.text;
  if (ts.isElementAccessExpression(u)) return stringValue(u.argumentExpression);
  if (ts.isCallExpression(u)) {
    const name = calleeName(u);
    if (name && /^(get|header|getHeader|param)$/.test(name) && u.arguments.length === 1) return stringValue(u.arguments[0]) ?? name;
    return name;
  }
  return undefined;
}

const PASSWORD_HEADS = new Set(['password', 'passwd', 'pwd', 'pw', 'passphrase', 'pass', 'passcode']);
const NOT_PLAIN = new Set(['hash', 'hashed', 'encrypted', 'digest', 'salted', 'bcrypt', 'argon', 'argon2', 'crypted', 'enc']);

/** A plaintext password's name (`password`, `newPassword`, `plainPwd`, `user_pass`), not a hash, reset token, policy or label. */
export function isPasswordName(name: string | undefined): boolean {
  if (!name) return false;
  const words = nameWords(name);
  const head = words[words.length - 1];
  if (!head || !PASSWORD_HEADS.has(head)) return false;
  if (head === 'pass' && words.length > 2) return false;
  return !words.some((w) => NOT_PLAIN.has(w));
}
