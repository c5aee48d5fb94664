/** The rule registry: every rule is registered here, once. */
import type { Rule } from '../server/engine/types';
import jwtNoExpiry from './auth/jwt-no-expiry';
import hardcodedJwtSecret from './auth/hardcoded-jwt-secret';
import sessionCookieFlags from './auth/session-cookie-flags';
import jwtVerifyAlgorithms from './auth/jwt-verify-algorithms';
import jwtDecodeAsVerify from './auth/jwt-decode-as-verify';
import hardcodedSessionSecret from './auth/hardcoded-session-secret';
import memorySessionStore from './auth/memory-session-store';
import weakPasswordHash from './auth/weak-password-hash';
import insecureToken from './auth/insecure-token';
import resetTokenNoExpiry from './auth/reset-token-no-expiry';
import timingUnsafeCompare from './auth/timing-unsafe-compare';
import oauthSilentFailure from './auth/oauth-silent-failure';
import unguardedRoute from './auth/unguarded-route';
import missingRoleCheck from './auth/missing-role-check';
import relationNoOnDelete from './data/relation-no-on-delete';
import identityNotUnique from './data/identity-not-unique';
import autoSyncSchema from './data/auto-sync-schema';
import foreignKeyNoIndex from './data/foreign-key-no-index';
import moneyAsFloat from './data/money-as-float';
import unsafeDeployMigration from './data/unsafe-deploy-migration';
import noMigrations from './data/no-migrations';
import destructiveMigration from './data/destructive-migration';
import notNullWithoutDefault from './data/not-null-without-default';
import multiWriteNoTransaction from './data/multi-write-no-transaction';
import rlsDisabled from './data/rls-disabled';
import readmeSections from './docs/readme-sections';
import envUndocumented from './docs/env-undocumented';
import emptyCatch from './errors/empty-catch';
import noErrorTracker from './errors/no-error-tracker';
import noStructuredLogger from './errors/no-structured-logger';
import noErrorHandler from './errors/no-error-handler';
import noProcessHandlers from './errors/no-process-handlers';
import leaksInternals from './errors/leaks-internals';
import noHealthCheck from './errors/no-health-check';
import noGracefulShutdown from './deploy/no-graceful-shutdown';
import noApiDocs from './docs/no-api-docs';
import noRunbook from './docs/no-runbook';
import noCi from './deploy/no-ci';
import dockerfileRoot from './deploy/dockerfile-root';
import ciNoTests from './deploy/ci-no-tests';
import noLockfile from './deploy/no-lockfile';
import noStaging from './deploy/no-staging';
import noRollbackPath from './deploy/no-rollback-path';
import dockerfileUnpinned from './deploy/dockerfile-unpinned';
import dockerfileCopiesSecrets from './deploy/dockerfile-copies-secrets';
import actionsUnpinned from './deploy/actions-unpinned';
import noNodeVersion from './deploy/no-node-version';
import noBackups from './deploy/no-backups';
import sqlInjection from './security/sql-injection';
import permissiveCors from './security/permissive-cors';
import envFileCommitted from './security/env-file-committed';
import hardcodedSecret from './security/hardcoded-secret';
import nosqlInjection from './security/nosql-injection';
import publicEnvSecret from './security/public-env-secret';
import codeInjection from './security/code-injection';
import tlsDisabled from './security/tls-disabled';
import privilegedKeyInClient from './security/privileged-key-in-client';
import openFirebaseRules from './security/open-firebase-rules';
import noSecurityHeaders from './security/no-security-headers';
import noRateLimit from './security/no-rate-limit';
import noInputValidation from './security/no-input-validation';
import massAssignment from './security/mass-assignment';
import noCsrf from './security/no-csrf';
import unverifiedWebhook from './security/unverified-webhook';

export const RULES: readonly Rule[] = [
  jwtNoExpiry,
  hardcodedJwtSecret,
  sessionCookieFlags,
  jwtVerifyAlgorithms,
  jwtDecodeAsVerify,
  hardcodedSessionSecret,
  memorySessionStore,
  weakPasswordHash,
  insecureToken,
  resetTokenNoExpiry,
  timingUnsafeCompare,
  oauthSilentFailure,
  unguardedRoute,
  missingRoleCheck,
  relationNoOnDelete,
  identityNotUnique,
  autoSyncSchema,
  foreignKeyNoIndex,
  moneyAsFloat,
  unsafeDeployMigration,
  noMigrations,
  destructiveMigration,
  notNullWithoutDefault,
  multiWriteNoTransaction,
  rlsDisabled,
  noErrorTracker,
  emptyCatch,
  noStructuredLogger,
  noErrorHandler,
  noProcessHandlers,
  leaksInternals,
  noHealthCheck,
  noCi,
  ciNoTests,
  noLockfile,
  noStaging,
  noRollbackPath,
  dockerfileRoot,
  dockerfileUnpinned,
  dockerfileCopiesSecrets,
  actionsUnpinned,
  noNodeVersion,
  noBackups,
  noGracefulShutdown,
  sqlInjection,
  permissiveCors,
  hardcodedSecret,
  envFileCommitted,
  nosqlInjection,
  publicEnvSecret,
  codeInjection,
  tlsDisabled,
  privilegedKeyInClient,
  openFirebaseRules,
  noSecurityHeaders,
  noRateLimit,
  noInputValidation,
  massAssignment,
  noCsrf,
  unverifiedWebhook,
  readmeSections,
  envUndocumented,
  noApiDocs,
  noRunbook,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
