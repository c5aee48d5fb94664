/** The team's controls: production-gap.json (rules, exclude, accepted, attestations), inline accepts, expiry, staleness, effort. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { Workspace } from '../../server/engine/workspace';
import type { EngineConfig, FileRule, Finding, RuleMeta } from '../../server/engine/types';
import jwtNoExpiry from '../../rules/auth/jwt-no-expiry';
import { effortHours, formatEffort } from '../../server/engine/effort';
import { acceptInLedgerFix, acceptInlineFix, projectFileFor } from '../../server/engine/triageEdits';
import { REVISIT_PASSED } from '../../server/engine/triage';

const meta = (id: string, checklist = 'infra.container'): RuleMeta => ({
  id, category: 'deploy', phase: 'infrastructure', tier: 'tech-debt', title: 'test rule', fixKind: 'none', effort: 'day', checklist,
  docs: { why: '', bad: { files: {} }, good: { files: {} }, fix: '' },
});
/** Reports every line containing BAD in non-TS files: lets each comment syntax be tested. */
const badLine: FileRule = {
  meta: meta('deploy/test-bad-line'), scope: 'file', kinds: ['yaml', 'sql', 'prisma', 'markdown', 'dockerfile', 'json', 'env', 'gitignore'],
  check(ctx) {
    for (let i = 0; i < ctx.file.lines.lineCount; i++) {
      const t = ctx.file.lines.lineText(i);
      const at = t.indexOf('BAD');
      if (at >= 0 && !t.includes('production-gap-accept')) ctx.report({ message: 'bad line', range: { start: { line: i, character: at }, end: { line: i, character: at + 3 } } });
    }
  },
};

const JWT = "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: 1 }, process.env.S!);\n";
const RULES = [jwtNoExpiry, badLine];

function run(files: Record<string, string>, opts: { config?: EngineConfig; today?: string } = {}) {
  const ws = new Workspace({ rules: RULES, config: opts.config, today: () => opts.today ?? '2025-06-01' });
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  return { ws, result: ws.analyze() };
}
const brief = (fs: readonly Finding[]) => fs.map((f) => `${f.file}:${f.range.start.line + 1} ${f.ruleId} ${f.tier}${f.acceptance ? ` [${f.acceptance.source}: ${f.acceptance.reason}]` : ''}`);
const problems = (r: { configProblems: Array<{ file: string; range: { start: { line: number } }; code: string; severity: string }> }) =>
  r.configProblems.map((p) => `${p.file}:${p.range.start.line + 1} ${p.severity} ${p.code}`);

describe('production-gap.json', () => {
  it('rules: off and tier overrides, nearest file wins, local settings override the project file', () => {
    const files = {
      'production-gap.json': '{ "rules": { "auth/jwt-no-expiry": "tech-debt", "deploy/test-bad-line": "off" } }',
      'apps/api/production-gap.json': '{ "rules": { "auth/jwt-no-expiry": "ship-stopping" } }',
      'src/a.ts': JWT, 'apps/api/src/b.ts': JWT, 'x.yml': 'a: BAD\n',
    };
    assert.deepEqual(brief(run(files).result.findings), ['apps/api/src/b.ts:2 auth/jwt-no-expiry ship-stopping', 'src/a.ts:2 auth/jwt-no-expiry tech-debt']);
    const local = run(files, { config: { rules: { 'auth/jwt-no-expiry': 'accepted' } } }).result;
    // A rule accepted as a whole says where that was decided (the diagnostic, the tree and the report show the reason).
    const bySetting = '[config: the rule is set to "accepted" in the productionGap.rules setting, for every finding]';
    assert.deepEqual(brief(local.findings), [`apps/api/src/b.ts:2 auth/jwt-no-expiry accepted ${bySetting}`, `src/a.ts:2 auth/jwt-no-expiry accepted ${bySetting}`]);
    const byFile = run({ ...files, 'apps/api/production-gap.json': '{ "rules": { "auth/jwt-no-expiry": "accepted" } }' }).result;
    assert.deepEqual(brief(byFile.findings), [
      'apps/api/src/b.ts:2 auth/jwt-no-expiry accepted [config: the rule is set to "accepted" in apps/api/production-gap.json, for every finding]',
      'src/a.ts:2 auth/jwt-no-expiry tech-debt',
    ]);
    assert.ok(!local.checklist.phases.flatMap((p) => p.items).find((i) => i.id === 'infra.container')!.rules.includes('deploy/test-bad-line'));
  });

  it('exclude: globs relative to the project file folder', () => {
    const { result } = run({ 'apps/api/production-gap.json': '{ "exclude": ["src/gen/**"] }', 'apps/api/src/gen/a.ts': JWT, 'apps/api/src/b.ts': JWT, 'src/gen/c.ts': JWT });
    assert.deepEqual(brief(result.findings).map((s) => s.split(' ')[0]), ['apps/api/src/b.ts:2', 'src/gen/c.ts:2']);
  });

  it('invalid content yields config problems with positions, and the analysis goes on', () => {
    const bad = run({ 'production-gap.json': '{ "rules": { "auth/jwt-no-expiry": "tech-debt", }, oops }', 'src/a.ts': JWT }).result;
    assert.ok(bad.configProblems.length > 0 && bad.configProblems.every((p) => p.file === 'production-gap.json' && p.code === 'invalid'));
    assert.match(bad.configProblems[0].message, /not valid JSON/);
    assert.equal(bad.findings.length, 1);
    const json = `{
  "rules": { "auth/nope": "off", "auth/jwt-no-expiry": "loud" },
  "accepted": [
    { "rule": "auth/jwt-no-expiry", "file": "src/a.ts" },
    { "rule": "auth/jwt-no-expiry", "reason": "ok", "date": "2025-02-30" }
  ],
  "attestations": [
    { "item": "infra.nope", "evidence": "x", "by": "me", "date": "2025-01-01" },
    { "item": "infra.backups", "by": "me", "date": "2025-01-01" },
    { "item": "audit.accepted", "evidence": "x", "by": "me", "date": "2025-01-01" }
  ],
  "colour": 1
}`;
    const r = run({ 'production-gap.json': json, 'src/a.ts': JWT }).result;
    assert.deepEqual(problems(r), [
      'production-gap.json:2 error unknown-rule', 'production-gap.json:2 error invalid',
      'production-gap.json:4 error no-reason', 'production-gap.json:5 error invalid',
      'production-gap.json:8 error unknown-item', 'production-gap.json:9 error invalid', 'production-gap.json:10 error unknown-item',
      'production-gap.json:12 warning invalid',
    ]);
    assert.equal(r.configProblems[0].range.start.character, 13);
    assert.match(r.configProblems[2].message, /needs a "reason"/);
    assert.deepEqual(brief(r.findings), ['src/a.ts:2 auth/jwt-no-expiry ship-stopping']);
  });
});

describe('accepted shortcuts (ledger)', () => {
  const ledger = (entry: object) => JSON.stringify({ accepted: [entry] });
  it('by file + fingerprint, by file, workspace-wide; with reason, by, date', () => {
    const base = run({ 'src/a.ts': JWT, 'src/b.ts': JWT }).result.findings;
    const fp = base[0].fingerprint;
    const one = run({ 'production-gap.json': ledger({ rule: 'auth/jwt-no-expiry', file: 'src/a.ts', fingerprint: fp, reason: 'internal tool, 5 users', by: 'ana', date: '2025-05-01' }), 'src/a.ts': JWT, 'src/b.ts': JWT }).result;
    assert.deepEqual(brief(one.findings), ['src/a.ts:2 auth/jwt-no-expiry accepted [ledger: internal tool, 5 users]', 'src/b.ts:2 auth/jwt-no-expiry ship-stopping']);
    assert.deepEqual(one.findings[0].acceptance, { reason: 'internal tool, 5 users', by: 'ana', date: '2025-05-01', revisit: undefined, source: 'ledger' });
    assert.deepEqual(one.configProblems, []);
    const all = run({ 'production-gap.json': ledger({ rule: 'auth/jwt-no-expiry', reason: 'demo' }), 'src/a.ts': JWT, 'src/b.ts': JWT }).result;
    assert.deepEqual(all.findings.map((f) => f.tier), ['accepted', 'accepted']);
    assert.equal(all.checklist.totals.accepted, 2);
    const pkg = run({ 'apps/api/production-gap.json': ledger({ rule: 'auth/jwt-no-expiry', file: 'src/a.ts', reason: 'demo' }), 'apps/api/src/a.ts': JWT, 'src/a.ts': JWT }).result;
    assert.deepEqual(pkg.findings.map((f) => `${f.file} ${f.tier}`), ['apps/api/src/a.ts accepted', 'src/a.ts ship-stopping']);
  });

  it('past the revisit date the finding is back at its tier, message suffixed', () => {
    const files = { 'production-gap.json': ledger({ rule: 'auth/jwt-no-expiry', reason: 'demo', revisit: '2025-06-30' }), 'src/a.ts': JWT };
    assert.equal(run(files, { today: '2025-06-30' }).result.findings[0].tier, 'accepted');
    const late = run(files, { today: '2025-07-01' }).result.findings[0];
    assert.equal(late.tier, 'ship-stopping');
    assert.ok(late.message.endsWith(` ${REVISIT_PASSED}`));
    assert.equal(late.acceptance?.expired, true);
  });

  it('an entry matching no finding is stale (warning at the entry)', () => {
    const r = run({ 'production-gap.json': '{\n  "accepted": [\n    { "rule": "auth/jwt-no-expiry", "file": "src/gone.ts", "reason": "x" }\n  ]\n}\n', 'src/a.ts': JWT }).result;
    assert.deepEqual(problems(r), ['production-gap.json:3 warning stale']);
    assert.match(r.configProblems[0].message, /no auth\/jwt-no-expiry finding in src\/gone\.ts/);
  });

  it('editing the project file applies at the next analysis', () => {
    const { ws } = run({ 'src/a.ts': JWT });
    ws.setFile('production-gap.json', ledger({ rule: 'auth/jwt-no-expiry', reason: 'demo' }));
    assert.equal(ws.analyze().findings[0].tier, 'accepted');
    ws.deleteFile('production-gap.json');
    assert.equal(ws.analyze().findings[0].tier, 'ship-stopping');
  });
});

describe('inline accepts', () => {
  const cases: Array<[string, string]> = [
    ['src/a.ts', "import jwt from 'jsonwebtoken';\n// production-gap-accept auth/jwt-no-expiry -- sessions die with the browser\nexport const t = jwt.sign({ sub: 1 }, process.env.S!);\n"],
    ['src/b.ts', "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: 1 }, process.env.S!); /* production-gap-accept auth/jwt-no-expiry -- sessions die with the browser */\n"],
    ['src/c.ts', "import jwt from 'jsonwebtoken';\n/**\n * production-gap-accept auth/jwt-no-expiry -- sessions die\n *   with the browser\n */\nexport const t = jwt.sign({ sub: 1 }, process.env.S!);\n"],
    ['ci.yml', 'a: 1\n# production-gap-accept deploy/test-bad-line -- sessions die with the browser\nb: BAD\n'],
    ['Dockerfile', 'FROM node:20\n# production-gap-accept deploy/test-bad-line -- sessions die with the browser\nRUN BAD\n'],
    ['.env.example', '# production-gap-accept deploy/test-bad-line -- sessions die with the browser\nA=BAD\n'],
    ['db/1.sql', '-- production-gap-accept deploy/test-bad-line -- sessions die with the browser\nSELECT BAD;\n'],
    ['db/2.sql', '/* production-gap-accept deploy/test-bad-line -- sessions die with the browser */\nSELECT BAD;\n'],
    ['schema.prisma', 'model A {\n  // production-gap-accept deploy/test-bad-line -- sessions die with the browser\n  id Int @id // BAD\n}\n'],
    ['README.md', '# App\n\n<!-- production-gap-accept deploy/test-bad-line -- sessions die with the browser -->\nBAD setup\n'],
    ['tsconfig.json', '{\n  // production-gap-accept deploy/test-bad-line -- sessions die with the browser\n  "x": "BAD"\n}\n'],
  ];
  for (const [file, text] of cases) {
    it(`accepts in ${file}`, () => {
      const r = run({ [file]: text }).result;
      assert.equal(r.findings.length, 1, brief(r.findings).join());
      assert.equal(r.findings[0].tier, 'accepted');
      assert.match(r.findings[0].acceptance!.reason, /^sessions die with the browser$/);
      assert.equal(r.findings[0].acceptance!.source, 'inline');
      assert.deepEqual(r.configProblems, []);
    });
  }

  it('a comment just before a closing brace is read (an empty catch accepted from inside it), and it is no justification for the rule', async () => {
    const { default: emptyCatch } = await import('../../rules/errors/empty-catch');
    const ws = new Workspace({ rules: [emptyCatch], today: () => '2025-06-01' });
    ws.setFile('src/job.ts', "export async function job(run: () => Promise<void>) {\n  try {\n    await run();\n  } catch (err) {\n    // production-gap-accept errors/empty-catch -- best-effort cache warm-up\n  }\n  const o = {\n    a: 1,\n    // production-gap-accept errors/nope -- x\n  };\n  return o;\n}\n");
    const r = ws.analyze();
    assert.deepEqual(brief(r.findings), ['src/job.ts:4 errors/empty-catch accepted [inline: best-effort cache warm-up]']);
    assert.deepEqual(problems(r), ['src/job.ts:9 error unknown-rule']);
  });

  it('no reason: not accepted, a problem; unknown id and stale comments are problems; strings are not comments', () => {
    const r = run({
      'src/a.ts': "import jwt from 'jsonwebtoken';\n// production-gap-accept auth/jwt-no-expiry\nexport const t = jwt.sign({ sub: 1 }, process.env.S!);\nconst s = '// production-gap-accept auth/jwt-no-expiry -- in a string';\n// production-gap-accept auth/nope -- x\n\n\n// production-gap-accept auth/jwt-no-expiry -- nothing here\n",
    }).result;
    assert.deepEqual(brief(r.findings), ['src/a.ts:3 auth/jwt-no-expiry ship-stopping']);
    assert.deepEqual(problems(r), ['src/a.ts:2 error no-reason', 'src/a.ts:5 error unknown-rule', 'src/a.ts:8 warning stale']);
    assert.match(r.configProblems[0].message, /no reason/);
  });
});

describe('attestations', () => {
  const att = (item: string, extra: object = {}) => JSON.stringify({ attestations: [{ item, evidence: 'https://wiki/staging', by: 'ana', date: '2025-05-01', ...extra }] });
  const item = (r: ReturnType<typeof run>['result'], id: string) => r.checklist.phases.flatMap((p) => p.items).find((i) => i.id === id)!;
  it('an attestable item is unknown until attested; expired attestations return to unknown', () => {
    assert.equal(item(run({ 'src/a.ts': JWT }).result, 'infra.staging').status, 'unknown');
    const r = run({ 'production-gap.json': att('infra.staging'), 'src/a.ts': JWT }).result;
    assert.equal(item(r, 'infra.staging').status, 'attested');
    assert.deepEqual(item(r, 'infra.staging').attestation, { evidence: 'https://wiki/staging', by: 'ana', date: '2025-05-01', expires: undefined, source: 'production-gap.json' });
    const old = run({ 'production-gap.json': att('infra.staging', { expires: '2025-05-31' }), 'src/a.ts': JWT }).result;
    assert.equal(item(old, 'infra.staging').status, 'unknown');
    assert.deepEqual(problems(old), ['production-gap.json:1 warning expired']);
  });
  it('a rollback platform the scan sees (fly.toml) passes the rollback item, with what it saw; without one it stays unknown', () => {
    const r = run({ 'fly.toml': 'app = "api"\n[deploy]\n  release_command = "npx prisma migrate deploy"\n', 'src/a.ts': JWT }).result;
    assert.equal(item(r, 'infra.rollback').status, 'pass');
    assert.match(item(r, 'infra.rollback').note ?? '', /^Deployed on Fly\.io .*keeps earlier deploys/);
    assert.equal(item(run({ 'src/a.ts': JWT }).result, 'infra.rollback').status, 'unknown');
  });
  it('attesting an item whose rules have open findings keeps fail and shows the attestation', () => {
    const r = run({ 'production-gap.json': att('infra.container'), 'x.yml': 'a: BAD\n' }).result;
    assert.equal(item(r, 'infra.container').status, 'fail');
    assert.equal(item(r, 'infra.container').attestation?.by, 'ana');
  });
});

describe('effort and score', () => {
  it('formats hours', () => {
    assert.deepEqual([0, 0.5, 2, 6.6, 8, 20, 24, 100, 400].map(formatEffort), ['none', 'under an hour', 'about 2 hours', 'about 7 hours', 'about 1 day', 'about 2.5 days', 'about 3 days', 'about 2.5 weeks', 'about 10 weeks']);
  });
  it('per rule: base + a quarter per further occurrence, capped at 3x; accepted findings cost nothing', () => {
    const r = run({ 'x.yml': 'BAD\nBAD\nBAD\n', 'src/a.ts': JWT }).result;
    assert.equal(effortHours(r.findings, RULES), 8 * 1.5 + 2);
    const infra = r.checklist.phases.find((p) => p.phase === 'infrastructure')!;
    assert.equal(infra.effortHours, 12);
    assert.equal(r.checklist.effortHours, 14);
    assert.equal(typeof infra.score, 'number');
    assert.equal(effortHours(Array(20).fill(r.findings.find((f) => f.file === 'x.yml')), RULES), 24);
  });
});

describe('edits that record a decision', () => {
  const f = () => run({ 'src/a.ts': JWT }).result.findings[0];
  it('ledger: creates the file, or appends to accepted', () => {
    const fix = acceptInLedgerFix('production-gap.json', undefined, f(), { reason: 'demo', by: 'ana', date: '2025-06-01' });
    assert.equal(fix.creates![0].file, 'production-gap.json');
    const created = fix.creates![0].content;
    assert.equal(run({ 'production-gap.json': created, 'src/a.ts': JWT }).result.findings[0].tier, 'accepted');
    const existing = '{\n  "rules": {},\n  "accepted": [\n    { "rule": "auth/jwt-no-expiry", "file": "src/z.ts", "reason": "x" }\n  ]\n}\n';
    const edit = acceptInLedgerFix('production-gap.json', existing, f(), { reason: 'demo' });
    const text = applyEdits(existing, edit.edits);
    const parsed = JSON.parse(text);
    assert.equal(parsed.accepted.length, 2);
    assert.deepEqual(parsed.accepted[1], { rule: 'auth/jwt-no-expiry', file: 'src/a.ts', fingerprint: f().fingerprint, reason: 'demo' });
    const noList = applyEdits('{ "rules": {} }', acceptInLedgerFix('production-gap.json', '{ "rules": {} }', f(), { reason: 'demo' }).edits);
    assert.equal(JSON.parse(noList).accepted.length, 1);
    assert.equal(projectFileFor(['apps/api/production-gap.json', 'production-gap.json'], 'apps/api/src/a.ts'), 'apps/api/production-gap.json');
    assert.equal(projectFileFor([], 'src/a.ts'), 'production-gap.json');
  });
  it('inline: a comment above the line, indented, in the file syntax; the finding is then accepted', () => {
    const src = "import jwt from 'jsonwebtoken';\nexport function t() {\n  return jwt.sign({ sub: 1 }, process.env.S!);\n}\n";
    const finding = run({ 'src/a.ts': src }).result.findings[0];
    const out = applyEdits(src, acceptInlineFix(src, finding, 'demo only')!.edits);
    assert.equal(out.split('\n')[2], '  // production-gap-accept auth/jwt-no-expiry -- demo only');
    assert.equal(run({ 'src/a.ts': out }).result.findings[0].tier, 'accepted');
    const md = '# A\nBAD\n';
    const mdF = run({ 'README.md': md }).result.findings[0];
    assert.equal(applyEdits(md, acceptInlineFix(md, mdF, 'x')!.edits), '# A\n<!-- production-gap-accept deploy/test-bad-line -- x -->\nBAD\n');
  });
});

function applyEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const off = (p: { line: number; character: number }) => { const ls = text.split('\n'); let o = 0; for (let i = 0; i < p.line; i++) o += ls[i].length + 1; return o + p.character; };
  return [...edits].sort((a, b) => off(b.range.start) - off(a.range.start)).reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}
