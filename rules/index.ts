/** The rule registry: every rule is registered here, once. */
import type { Rule } from '../server/engine/types';
import jwtNoExpiry from './auth/jwt-no-expiry';

export const RULES: readonly Rule[] = [
  jwtNoExpiry,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
