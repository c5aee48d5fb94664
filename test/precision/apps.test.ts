/**
 * Precision on realistic code: four small apps written the way teams write them (test/fixtures/apps/<app>),
 * each as a `hardened` workspace where no rule has a reason to fire and a `gaps` MVP twin whose intended gaps
 * are listed in <app>/GAPS.md. Every registered rule runs on all eight workspaces.
 *
 * Each case lists what the rules SHOULD report. Entries of catalog rules that are not registered yet are
 * skipped until the rule lands (then they count). Where a registered rule is wrong today, the entry is marked
 * `// known: ...` and listed in `knownFalsePositives` / `knownFalseNegatives`: the first test of the case pins
 * the current behaviour (so any change, good or bad, shows), the second asserts the ideal list as a todo.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadWorkspace } from '../../server/engine/load';
import { RULES } from '../../rules';
import type { EngineLog } from '../../server/engine/types';

const appsDir = path.join(__dirname, '..', 'fixtures', 'apps');
const registered = new Set(RULES.map((r) => r.meta.id));
const active = (entries: readonly string[] = []) => entries.filter((e) => registered.has(e.slice(0, e.indexOf(' '))));

interface Case {
  /** `${ruleId} ${file}:${line}` the rules should report. */
  expected: string[];
  /** Reported today although they should not be (a rule's false positive). */
  knownFalsePositives?: string[];
  /** In `expected` but missed today (a rule's false negative). */
  knownFalseNegatives?: string[];
  /** Why the ideal assertion is a todo. */
  todo?: string;
}

const CASES: Record<string, Case> = {
  'nest-invoicing/hardened': {
    expected: [],
  },
  'nest-invoicing/gaps': {
    expected: [
      'auth/hardcoded-jwt-secret src/auth/auth.module.ts:14',
      'auth/unguarded-route src/billing/billing.controller.ts:17',
      'data/auto-sync-schema src/database/data-source.ts:17',
      'data/money-as-float src/invoices/invoice-line.entity.ts:24',
      'data/money-as-float src/invoices/invoice.entity.ts:49',
      'data/money-as-float src/invoices/invoice.entity.ts:52',
      'data/no-migrations package.json:28',
      'data/relation-no-on-delete src/payments/payment.entity.ts:13',
      'deploy/actions-unpinned .github/workflows/ci.yml:3',
      'deploy/actions-unpinned .github/workflows/ci.yml:53',
      'deploy/actions-unpinned .github/workflows/ci.yml:54',
      'deploy/actions-unpinned .github/workflows/ci.yml:59',
      'deploy/actions-unpinned .github/workflows/ci.yml:75',
      'deploy/actions-unpinned .github/workflows/ci.yml:88',
      'deploy/dockerfile-root Dockerfile:12',
      'deploy/no-backups package.json:34',
      'docs/no-runbook README.md:1',
      'errors/leaks-internals src/common/all-exceptions.filter.ts:19',
      'errors/leaks-internals src/common/all-exceptions.filter.ts:20',
      'errors/no-error-tracker src/main.ts:11',
      'errors/no-process-handlers src/main.ts:38',
      'security/unverified-webhook src/payments/stripe-webhook.controller.ts:17',
    ],
  },
  'next-saas/hardened': {
    expected: [],
  },
  'next-saas/gaps': {
    expected: [
      'auth/unguarded-route app/api/boards/[boardId]/route.ts:6',
      'data/foreign-key-no-index prisma/schema.prisma:144',
      'data/foreign-key-no-index prisma/schema.prisma:146',
      'data/no-migrations prisma/schema.prisma:5',
      'data/relation-no-on-delete prisma/schema.prisma:145',
      'data/unsafe-deploy-migration package.json:7',
      'deploy/no-node-version package.json:2',
      'docs/env-undocumented app/w/[workspace]/boards/actions.ts:34',
      'errors/empty-catch lib/api-auth.ts:24',
      'errors/no-health-check package.json:23',
      'security/mass-assignment app/api/v1/posts/[postId]/route.ts:19',
      'security/no-input-validation app/api/v1/posts/[postId]/route.ts:17',
      'security/no-input-validation app/api/v1/search/route.ts:7',
      'security/public-env-secret .env.example:28',
      'security/public-env-secret app/w/[workspace]/boards/[boardSlug]/summary-button.tsx:6',
      'security/sql-injection app/api/v1/search/route.ts:10',
    ],
  },
  'fastify-booking/hardened': {
    expected: [],
  },
  'fastify-booking/gaps': {
    expected: [
      'auth/jwt-no-expiry src/plugins/auth.ts:26',
      'auth/missing-role-check src/routes/admin.ts:33',
      'data/identity-not-unique src/db/schema.ts:18',
      'data/money-as-float src/db/schema.ts:66',
      'data/multi-write-no-transaction src/routes/auth.ts:97',
      'deploy/dockerfile-unpinned Dockerfile:1',
      'deploy/no-lockfile package.json:21',
      'docs/no-api-docs package.json:33',
      'errors/no-error-handler src/app.ts:16',
      'security/no-input-validation src/routes/bookings.ts:70',
      'security/no-rate-limit src/app.ts:16',
      'security/permissive-cors src/app.ts:30',
      'security/sql-injection src/routes/admin.ts:29',
    ],
  },
  'hono-knex/hardened': {
    expected: [],
  },
  'hono-knex/gaps': {
    expected: [
      'auth/insecure-token src/lib/tokens.ts:3',
      'auth/session-cookie-flags src/middleware/session.ts:16',
      'auth/timing-unsafe-compare src/lib/tokens.ts:10',
      'auth/weak-password-hash src/lib/passwords.ts:3',
      'data/destructive-migration migrations/20250320100000_rename_order_reference.sql:2',
      'data/not-null-without-default migrations/20250310080000_shipments_delivered_at.sql:2',
      'data/relation-no-on-delete migrations/20250402090000_merchant_webhooks.sql:3',
      'deploy/ci-no-tests .github/workflows/ci.yml:11',
      'deploy/no-staging .github/workflows/ci.yml:11',
      'errors/no-structured-logger src/index.ts:7',
      'security/env-file-committed .env:1',
      'security/tls-disabled knexfile.ts:4',
    ],
  },
};

const results = new Map<string, { findings: string[]; errors: EngineLog[] }>();
function audit(name: string) {
  let r = results.get(name);
  if (!r) {
    const errors: EngineLog[] = [];
    const ws = loadWorkspace(path.join(appsDir, name), { rules: RULES, log: (l) => { if (l.level === 'error') errors.push(l); } });
    const findings = ws.analyze().findings.map((f) => `${f.ruleId} ${f.file}:${f.range.start.line + 1}`).sort();
    results.set(name, (r = { findings, errors }));
  }
  return r;
}

describe('precision on realistic apps (test/fixtures/apps)', () => {
  for (const [name, c] of Object.entries(CASES)) {
    const expected = active(c.expected);
    const fp = active(c.knownFalsePositives);
    const fn = active(c.knownFalseNegatives);

    it(`${name}: exactly the expected findings, known rule errors included`, () => {
      for (const e of c.knownFalseNegatives ?? []) assert.ok(c.expected.includes(e), `known false negative not in expected: ${e}`);
      for (const e of c.knownFalsePositives ?? []) assert.ok(!c.expected.includes(e), `known false positive in expected: ${e}`);
      const { findings, errors } = audit(name);
      assert.deepEqual(errors, [], 'engine errors');
      const current = [...expected.filter((e) => !fn.includes(e)), ...fp].sort();
      assert.deepEqual(findings, current);
    });

    if (fp.length || fn.length) {
      it(`${name}: exactly the expected findings`, { todo: c.todo ?? 'known rule errors, see the case' }, () => {
        assert.deepEqual(audit(name).findings, [...expected].sort());
      });
    }
  }
});
