/**
 * The analysis store (engine/analysisStore.ts): analyses written by one run and read back by the next give, on
 * realistic workspaces, exactly the result of a fresh analysis without analysing a single unchanged file.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisStore } from '../../server/engine/analysisStore';
import { loadWorkspace } from '../../server/engine/load';
import { RULES } from '../../rules';
import { REPO as repo, realisticWorkspaces } from '../helpers/samples';

const roots = realisticWorkspaces(['gaps']);

const today = () => '2026-06-01';

describe('analysis store', () => {
  for (const root of roots) {
    it(`a run seeded from the store gives the fresh result and analyses nothing: ${path.relative(repo, root)}`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-store-'));
      try {
        const first = loadWorkspace(root, { rules: RULES, today });
        const fresh = first.analyze();
        const store = new AnalysisStore(dir, 'build-a');
        assert.ok(store.save(root, first.snapshotAnalyses()) > 0);

        const second = loadWorkspace(root, { rules: RULES, today });
        const { entries, why } = store.load(root);
        assert.equal(why, undefined);
        assert.equal(second.seedAnalyses(entries), entries.length, 'every stored analysis matches a file');
        const reused = second.analyze();
        assert.equal(second.stats.parses, 0, 'no file analysed again');
        assert.deepEqual(JSON.parse(JSON.stringify(reused.findings)), JSON.parse(JSON.stringify(fresh.findings)));
        assert.deepEqual(JSON.parse(JSON.stringify(reused.checklist)), JSON.parse(JSON.stringify(fresh.checklist)));

        // Another build's store is not used.
        assert.deepEqual(new AnalysisStore(dir, 'build-b').load(root).entries, []);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('an edited file is analysed again, the others are reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-store-'));
    try {
      const root = roots[0];
      const first = loadWorkspace(root, { rules: RULES, today });
      first.analyze();
      const store = new AnalysisStore(dir, 'build-a');
      store.save(root, first.snapshotAnalyses());
      const second = loadWorkspace(root, { rules: RULES, today });
      const rel = second.paths().find((p) => p.endsWith('.ts'))!;
      second.setFile(rel, `${second.getText(rel)}\n// edited\n`);
      second.seedAnalyses(store.load(root).entries);
      second.analyze();
      assert.equal(second.stats.parses, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
