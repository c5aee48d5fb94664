/** isTestPath: the files rules about production code stay quiet in (tests, fixtures, mocks, stories, test runners' setup). */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { isTestPath } from '../../server/engine/ts/helpers';

describe('isTestPath', () => {
  it('test folders, test files and test runner setup files are tests', () => {
    for (const p of [
      'test/app.ts', 'src/__tests__/user.ts', 'e2e/login.ts', 'src/user.test.ts', 'src/user.spec.tsx', 'fixtures/seed.js',
      // compounds (seen on a real monorepo: packages/integration-tests/src/setup/testSetup.ts seeded users with bcrypt cost 8)
      'packages/integration-tests/src/helpers.ts', 'apps/api/e2e_tests/auth.ts', 'test-utils/factory.ts', 'tests-e2e/run.ts', 'load-tests/k6.js',
      'packages/api/src/setup/testSetup.ts', 'src/setupTests.ts', 'jest.setup.ts', 'vitest.setup.mts', 'src/test-setup.ts', 'playwright.config.ts',
    ]) assert.equal(isTestPath(p), true, p);
  });
  it('production code whose names merely contain the words is not', () => {
    for (const p of [
      'src/testimonials/list.ts', 'src/routes/contest.ts', 'src/latest-posts.ts', 'src/attestations/service.ts', 'src/specials/menu.ts',
      'src/setup.ts', 'src/db/setup-database.ts', 'src/protests/index.ts', 'src/e2ee/keys.ts', 'src/testing-ground.ts',
    ]) assert.equal(isTestPath(p), false, p);
  });
});
