/** Meta-tests over the registry: every rule is complete, in the catalog, tested, and its doc examples behave. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../rules';
import { CATALOG_IDS } from '../../rules/catalog';
import { CATEGORIES, PHASES, TIERS } from '../../server/engine/types';
import { CHECKLIST } from '../../server/engine/checklist';
import { runOn, describeFinding } from '../helpers/ruleTester';

const root = join(__dirname, '..', '..');

describe('rule registry', () => {
  it('has unique ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual(ids, [...new Set(ids)]);
  });
  it('the catalog copy matches ../shared/catalog.md when it is there', (t) => {
    const shared = join(root, '..', 'shared', 'catalog.md');
    if (!existsSync(shared)) { t.skip('no ../shared/catalog.md beside this clone'); return; }
    const ids = [...readFileSync(shared, 'utf8').matchAll(/^\| ((?:auth|data|errors|deploy|security|docs)\/[a-z0-9-]+) \|/gm)].map((m) => m[1]);
    assert.deepEqual([...CATALOG_IDS], ids);
  });
  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      const m = rule.meta;
      it('has complete metadata', () => {
        assert.ok(CATALOG_IDS.includes(m.id), `${m.id} is not a catalog id`);
        assert.equal(m.id.split('/')[0], m.category);
        assert.ok(CATEGORIES.includes(m.category));
        assert.ok(PHASES.includes(m.phase));
        assert.ok(TIERS.includes(m.tier));
        assert.ok(m.title.length > 5, 'title');
        assert.ok(['none', 'edit', 'multi-file'].includes(m.fixKind));
        assert.ok(['minutes', 'hour', 'day', 'days'].includes(m.effort), `${m.id}: effort`);
        assert.ok(CHECKLIST.some((c) => c.id === m.checklist), `unknown checklist item ${m.checklist}`);
        assert.ok(m.docs.why.length > 40, 'docs.why');
        // `why` is the risk, read in the audit report; what the rule reads and flags belongs in `checks` (its doc page).
        // The same for `fix`, read in the report as "Fix.".
        const SCOPE = /(^|[.:!?]\s+)(Flagged|Checked|Detected|Reported|Not reported|Counted|Counts|Covers|Recognised|Recognized|Read|Looks at|Only flagged|Not flagged)\b|\b(is|are) (not )?(reported|flagged)\b|\bcounts? too\b|\bare left (alone|out)\b/;
        // In `fix`, "Read X from the environment" is the imperative fix, not a scope sentence.
        const FIX_SCOPE = new RegExp(SCOPE.source.replace('|Read|', '|'));
        for (const field of ['why', 'fix'] as const) {
          const scopeSentence = (field === 'fix' ? FIX_SCOPE : SCOPE).exec(m.docs[field]);
          assert.equal(scopeSentence?.[0], undefined, `${m.id}: docs.${field} says what the rule checks; move that to docs.checks`);
        }
        if (m.docs.checks !== undefined) assert.ok(m.docs.checks.length > 20, 'docs.checks');
        assert.ok(m.docs.fix.length > 10, 'docs.fix');
        assert.ok(Object.keys(m.docs.bad.files).length > 0 && Object.keys(m.docs.good.files).length > 0, 'docs examples');
      });
      it('lives in rules/<category>/<id>.ts and has a test table', () => {
        assert.ok(existsSync(join(root, 'rules', `${m.id}.ts`)), `rules/${m.id}.ts`);
        assert.ok(existsSync(join(root, 'test', 'rules', `${m.id}.test.ts`)), `test/rules/${m.id}.test.ts`);
      });
      it('its bad doc example fires and its good one stays quiet', () => {
        const bad = runOn([rule], m.docs.bad.files);
        assert.ok(bad.length > 0, 'bad example produced no finding');
        const good = runOn([rule], m.docs.good.files);
        assert.deepEqual(good.map(describeFinding), []);
      });
    });
  }
});
