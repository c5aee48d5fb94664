/** Baselines: --write-baseline records fingerprints; --baseline gates only on new findings; fingerprints survive edits above and reformatting. */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../server/engine/workspace';
import jwtNoExpiry from '../../rules/auth/jwt-no-expiry';
import { auditOutputValidator, buildCli, removeAll, runCli, sarifValidator, schemaErrors, tempWorkspace } from '../helpers/cli';
import { parseMarkdown, underH2 } from '../report/fixture';

const SIGN = "export const t = jwt.sign({ sub: 1 }, process.env.S!);\n";
const A = `import jwt from 'jsonwebtoken';\n${SIGN}`;

function fingerprints(files: Record<string, string>): string[] {
  const ws = new Workspace({ rules: [jwtNoExpiry] });
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  return ws.analyze().findings.map((f) => f.fingerprint);
}

describe('fingerprints', () => {
  it('survive edits above the finding and formatting of unrelated lines, change with the line itself', () => {
    const [fp] = fingerprints({ 'src/a.ts': A });
    const edited = `import jwt   from "jsonwebtoken";\n\n// a comment\nfunction helper() {\n  return 1;\n}\n\n${SIGN}`;
    assert.deepEqual(fingerprints({ 'src/a.ts': edited }), [fp]);
    assert.deepEqual(fingerprints({ 'src/a.ts': A.replace('jwt.sign({ sub: 1 }', 'jwt.sign({   sub: 1 }') }), [fp], 'whitespace on the line is normalised');
    assert.notEqual(fingerprints({ 'src/a.ts': A.replace('sub: 1', 'sub: 2') })[0], fp);
    const twice = fingerprints({ 'src/a.ts': `${A}${SIGN.replace('const t', 'const u')}` });
    assert.equal(twice.length, 2);
    assert.equal(twice[0], fp);
  });
});

describe('CLI --write-baseline / --baseline', () => {
  let pkg: string, root: string;
  before(() => { pkg = buildCli(); root = tempWorkspace({ 'package.json': '{ "name": "shop", "dependencies": { "jsonwebtoken": "9.0.0" } }\n', 'src/a.ts': A }); });
  after(() => removeAll(pkg, root));

  it('records findings, then fails only on new ones', () => {
    const file = path.join(root, 'baseline.json');
    const first = runCli(pkg, ['audit', root, '--write-baseline', file, '--format', 'json', '--fail-on', 'never', '-q']);
    assert.equal(first.status, 0, first.stderr);
    const base = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(base.version, 1);
    assert.ok(base.findings.some((f: any) => f.ruleId === 'auth/jwt-no-expiry' && f.file === 'src/a.ts' && /^[0-9a-f]{24}$/.test(f.fingerprint)));

    const failOn = base.findings.length ? 'tech-debt' : 'ship-stopping';
    assert.equal(runCli(pkg, ['audit', root, '--fail-on', failOn, '-q']).status, 1);
    const same = runCli(pkg, ['audit', root, '--baseline', file, '--fail-on', failOn, '-q']);
    assert.equal(same.status, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /auth\/jwt-no-expiry \(baselined\)/);

    fs.writeFileSync(path.join(root, 'src/a.ts'), `// moved down\n\n${A}`);
    assert.equal(runCli(pkg, ['audit', root, '--baseline', file, '--fail-on', failOn, '-q']).status, 0, 'an edit above keeps the baseline');
    fs.writeFileSync(path.join(root, 'src/b.ts'), A);
    assert.equal(runCli(pkg, ['audit', root, '--baseline', file, '--fail-on', failOn, '-q']).status, 1, 'a new finding fails');

    const sarif = JSON.parse(runCli(pkg, ['audit', root, '--baseline', file, '--format', 'sarif', '--fail-on', 'never']).stdout);
    assert.equal(schemaErrors(sarifValidator(), sarif), undefined);
    const states = sarif.runs[0].results.filter((r: any) => r.ruleId === 'auth/jwt-no-expiry').map((r: any) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.baselineState}`);
    assert.deepEqual(states, ['src/a.ts:unchanged', 'src/b.ts:new']);
    const md = parseMarkdown(runCli(pkg, ['audit', root, '--baseline', file, '--format', 'markdown', '--fail-on', 'never']).stdout);
    const places = (title: RegExp) => underH2(md, title).flatMap((x) => x.links).filter((l) => !l.href.startsWith('https://')).map((l) => l.text);
    assert.deepEqual(places(/^Ship-stopping issues/), ['src/b.ts:2'], 'only the new finding among the issues');
    const known = md.h2(/^Baseline \(\d+ known\)$/).tables[0];
    assert.deepEqual(known.filter((r) => r[1].includes('auth/jwt-no-expiry')).map((r) => r[2]), ['src/a.ts:4'], 'the baselined one apart');
    assert.ok(!places(/^Baseline/).some((t) => t.startsWith('src/b.ts')));
    assert.match(md.h2('Summary').paragraphs[0], /^Not ready to grow yet: 1 new ship-stopping issue to fix first/);

    const json = JSON.parse(runCli(pkg, ['audit', root, '--baseline', file, '--format', 'json', '--fail-on', 'never']).stdout);
    assert.equal(schemaErrors(auditOutputValidator(), json), undefined);
    assert.deepEqual(json.findings.filter((f: any) => f.ruleId === 'auth/jwt-no-expiry').map((f: any) => `${f.file}:${f.baselineState}`), ['src/a.ts:unchanged', 'src/b.ts:new']);
    assert.equal(json.summary.baseline.new, 1);

    const text = runCli(pkg, ['audit', root, '--baseline', file, '--fail-on', 'never']).stdout;
    assert.match(text, /\n {2}Baseline: 1 new finding, \d+ baselined\n/);
    assert.match(text, /in \d+ files \(\d+ baselined, 1 new\)\n$/);
  });

  it('an unreadable baseline is a usage error', () => {
    const r = runCli(pkg, ['audit', root, '--baseline', path.join(root, 'nope.json')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read the baseline/);
  });
});
