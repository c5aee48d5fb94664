import { it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generated } from '../../scripts/rule-docs';

it('README rule table and docs/rules/* are generated from the registry and up to date (npm run docs:rules)', () => {
  const root = path.join(__dirname, '..', '..');
  const files = generated();
  assert.ok(files.has('README.md'), 'README.md has the rules markers');
  for (const [p, want] of files) {
    const abs = path.join(root, p);
    assert.ok(fs.existsSync(abs), `${p} is missing: run npm run docs:rules`);
    assert.equal(fs.readFileSync(abs, 'utf8'), want, `${p} is out of date: run npm run docs:rules`);
  }
});
