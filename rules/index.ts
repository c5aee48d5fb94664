/** The rule registry: every rule is registered here, once. */
import type { Rule } from '../server/engine/types';
import jwtNoExpiry from './auth/jwt-no-expiry';
import hardcodedJwtSecret from './auth/hardcoded-jwt-secret';
import sessionCookieFlags from './auth/session-cookie-flags';
import relationNoOnDelete from './data/relation-no-on-delete';
import identityNotUnique from './data/identity-not-unique';
import autoSyncSchema from './data/auto-sync-schema';
import readmeSections from './docs/readme-sections';
import envUndocumented from './docs/env-undocumented';
import emptyCatch from './errors/empty-catch';
import noErrorTracker from './errors/no-error-tracker';
import noCi from './deploy/no-ci';
import dockerfileRoot from './deploy/dockerfile-root';
import sqlInjection from './security/sql-injection';
import permissiveCors from './security/permissive-cors';
import envFileCommitted from './security/env-file-committed';
import hardcodedSecret from './security/hardcoded-secret';

export const RULES: readonly Rule[] = [
  jwtNoExpiry,
  hardcodedJwtSecret,
  sessionCookieFlags,
  relationNoOnDelete,
  identityNotUnique,
  autoSyncSchema,
  noErrorTracker,
  emptyCatch,
  noCi,
  dockerfileRoot,
  sqlInjection,
  permissiveCors,
  hardcodedSecret,
  envFileCommitted,
  readmeSections,
  envUndocumented,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
