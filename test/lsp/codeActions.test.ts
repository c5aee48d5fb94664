/** Unit tests of the code-action factories: multi-file WorkspaceEdits, fix-all overlap handling, matching. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver/node';
import { compatibleSafeFixes, fixAllAction, fixToWorkspaceEdit, matchFinding, quickFixActions, wants, type EditContext } from '../../server/lsp/codeActions';
import { problemToDiagnostic, signature, toDiagnostic } from '../../server/lsp/diagnostics';
import { mergeChecklists } from '../../server/lsp/checklist';
import picomatch from 'picomatch';
import { Inclusion, WATCH_GLOBS } from '../../server/lsp/watch';
import { classify } from '../../server/engine/parse';
import { normaliseSettings, shownTiers } from '../../server/lsp/settings';
import type { Finding, Fix, Range } from '../../server/engine/types';
import type { Checklist } from '../../server/engine/checklist';

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const ctx = (over: Partial<EditContext> = {}): EditContext => ({
  uriOf: (f) => `file:///ws/${f}`,
  versionOf: (f) => (f === 'src/server.ts' ? 7 : null),
  documentChanges: true,
  createFiles: true,
  ...over,
});
function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'errors/no-error-tracker', category: 'errors', phase: 'harden', tier: 'ship-stopping', message: 'm',
    file: 'src/server.ts', range: r(3, 0, 3, 10), fixes: [], fingerprint: 'a'.repeat(24), ...over,
  };
}

const multiFile: Fix = {
  title: 'Initialise Sentry',
  safe: false,
  edits: [
    { file: 'src/server.ts', range: r(0, 0, 0, 0), newText: "import './instrument';\n" },
    { file: '.env.example', range: r(2, 0, 2, 0), newText: 'SENTRY_DSN=\n' },
    { file: 'src/instrument.ts', range: r(0, 0, 0, 0), newText: '// first\n' },
  ],
  creates: [{ file: 'src/instrument.ts', content: "import * as Sentry from '@sentry/node';\n" }],
};

describe('code actions', () => {
  it('turns a multi-file fix into one WorkspaceEdit: CreateFile + insert, versioned edits for open documents, null for the others', () => {
    const edit = fixToWorkspaceEdit(multiFile, ctx());
    assert.deepEqual(edit, {
      documentChanges: [
        { kind: 'create', uri: 'file:///ws/src/instrument.ts', options: { overwrite: false, ignoreIfExists: false } },
        { textDocument: { uri: 'file:///ws/src/instrument.ts', version: null }, edits: [{ range: r(0, 0, 0, 0), newText: "// first\nimport * as Sentry from '@sentry/node';\n" }] },
        { textDocument: { uri: 'file:///ws/src/server.ts', version: 7 }, edits: [{ range: r(0, 0, 0, 0), newText: "import './instrument';\n" }] },
        { textDocument: { uri: 'file:///ws/.env.example', version: null }, edits: [{ range: r(2, 0, 2, 0), newText: 'SENTRY_DSN=\n' }] },
      ],
    });
  });

  it('falls back to `changes` without documentChanges, and offers nothing it cannot apply', () => {
    const single: Fix = { title: 't', safe: true, edits: [{ file: 'a.ts', range: r(1, 0, 1, 3), newText: 'x' }] };
    assert.deepEqual(fixToWorkspaceEdit(single, ctx({ documentChanges: false })), { changes: { 'file:///ws/a.ts': [{ range: r(1, 0, 1, 3), newText: 'x' }] } });
    assert.equal(fixToWorkspaceEdit(multiFile, ctx({ documentChanges: false })), undefined);
    assert.equal(fixToWorkspaceEdit(multiFile, ctx({ createFiles: false })), undefined);
  });

  it('attaches each fix to its diagnostic, prefers the first safe one, offers "Accept as a shortcut…", and adds one documentation action per rule', () => {
    const unsafe: Fix = { title: 'Restrict', safe: false, edits: [{ file: 'src/server.ts', range: r(3, 0, 3, 0), newText: 'a' }] };
    const safe: Fix = { title: 'Cascade', safe: true, edits: [{ file: 'src/server.ts', range: r(3, 0, 3, 0), newText: 'b' }] };
    const f = finding({ fixes: [unsafe, safe, { ...safe, title: 'SetNull' }] });
    const other = finding({ fingerprint: 'b'.repeat(24), range: r(9, 0, 9, 1), fixes: [safe] });
    const d = toDiagnostic(f);
    const actions = quickFixActions([d, { ...d, source: 'eslint' }], [other, f], ctx());
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred ?? null, a.kind]), [
      ['Restrict', false, 'quickfix'], ['Cascade', true, 'quickfix'], ['SetNull', false, 'quickfix'],
      ['Accept as a shortcut…', null, 'quickfix'],
      ['Show documentation for errors/no-error-tracker', null, 'quickfix'],
    ]);
    assert.ok(actions.every((a) => a.diagnostics?.[0] === d));
    assert.deepEqual(actions[3].command, { title: 'Accept as a shortcut…', command: 'productionGap.acceptShortcut', arguments: [{
      uri: 'file:///ws/src/server.ts', ruleId: 'errors/no-error-tracker', fingerprint: f.fingerprint, range: f.range, message: 'm', inline: true,
    }] });
    assert.equal(actions[3].edit, undefined, 'the client asks for the reason, then the server builds the edit');
    assert.deepEqual(actions[4].command, { title: 'Show documentation for errors/no-error-tracker', command: 'productionGap.showRuleDoc', arguments: ['errors/no-error-tracker'] });
  });

  it('"Accept as a shortcut…": not on accepted findings nor on problems of the controls; inline only for code findings; the rule in the title when several', () => {
    const titles = (ds: Diagnostic[], fs: Finding[]) => quickFixActions(ds, fs, ctx()).map((a) => a.title);
    const accepted = finding({ tier: 'accepted', acceptance: { reason: 'ok', source: 'ledger' } });
    assert.deepEqual(titles([toDiagnostic(accepted)], [accepted]), ['Show documentation for errors/no-error-tracker']);
    const problem = problemToDiagnostic({ file: 'production-gap.json', range: r(2, 4, 2, 40), severity: 'warning', code: 'stale', message: 'Stale' });
    assert.deepEqual(titles([problem], [finding()]), []);
    const ws = finding({ workspace: true });
    const pkg = finding({ file: 'package.json', fingerprint: 'c'.repeat(24) });
    const [a1] = quickFixActions([toDiagnostic(ws)], [ws], ctx());
    assert.equal((a1.command!.arguments![0] as { inline: boolean }).inline, false, 'a workspace finding: production-gap.json only');
    const [a2] = quickFixActions([toDiagnostic(pkg)], [pkg], ctx());
    assert.equal((a2.command!.arguments![0] as { inline: boolean }).inline, false, 'package.json has no comments');
    const two = finding({ ruleId: 'auth/jwt-no-expiry', fingerprint: 'd'.repeat(24) });
    assert.deepEqual(titles([toDiagnostic(finding()), toDiagnostic(two)], [finding(), two]).filter((t) => t.startsWith('Accept')), [
      'Accept as a shortcut… (errors/no-error-tracker)', 'Accept as a shortcut… (auth/jwt-no-expiry)',
    ]);
  });

  it('matches diagnostics to findings by rule and fingerprint, preferring the same range', () => {
    const a = finding({ range: r(1, 0, 1, 5) });
    const b = finding({ range: r(2, 0, 2, 5) });
    const moved: Diagnostic = { ...toDiagnostic(b), range: r(4, 0, 4, 5) };
    assert.equal(matchFinding(toDiagnostic(b), [a, b]), b);
    assert.equal(matchFinding(moved, [a, b]), a, 'same fingerprint, another range: the first with that fingerprint');
    assert.equal(matchFinding({ ...toDiagnostic(b), code: 'other/rule' }, [a, b]), undefined);
    assert.equal(matchFinding({ ...toDiagnostic(b), data: undefined }, [a, b]), b, 'no data: rule and range');
  });

  it('fix-all takes the first safe fix of each finding and skips overlapping edits and duplicate creations', () => {
    const e = (file: string, range: Range, newText: string) => ({ file, range, newText });
    const f1 = finding({ fixes: [{ title: '1', safe: true, edits: [e('src/a.ts', r(1, 0, 1, 4), 'one')] }] });
    const f2 = finding({ fixes: [{ title: '2', safe: true, edits: [e('src/a.ts', r(1, 2, 1, 6), 'two')] }] }); // overlaps 1
    const f3 = finding({ fixes: [{ title: '3u', safe: false, edits: [e('src/a.ts', r(5, 0, 5, 1), 'x')] }, { title: '3', safe: true, edits: [e('src/a.ts', r(6, 0, 6, 1), 'three')] }] });
    const f4 = finding({ fixes: [{ title: '4', safe: true, edits: [], creates: [{ file: 'RUNBOOK.md', content: '# Runbook\n' }] }] });
    const f5 = finding({ fixes: [{ title: '5', safe: true, edits: [], creates: [{ file: 'RUNBOOK.md', content: '# Other\n' }] }] });
    const f6 = finding({ fixes: [{ title: '6', safe: false, edits: [e('src/a.ts', r(9, 0, 9, 1), 'six')] }] });
    assert.deepEqual(compatibleSafeFixes([f1, f2, f3, f4, f5, f6]).map((f) => f.title), ['1', '3', '4']);
    const action = fixAllAction([f1, f2, f3, f4, f5, f6], ctx())!;
    assert.equal(action.kind, 'source.fixAll.productionGap');
    assert.equal(action.edit?.documentChanges?.length, 3);
    assert.equal(fixAllAction([f6], ctx()), undefined);
  });

  it('answers to the code action kinds asked for', () => {
    assert.ok(wants(undefined, 'quickfix'));
    assert.ok(!wants(undefined, 'source.fixAll.productionGap'));
    assert.ok(wants(['source'], 'source.fixAll.productionGap'));
    assert.ok(wants(['source.fixAll'], 'source.fixAll.productionGap'));
    assert.ok(!wants(['source.organizeImports'], 'source.fixAll.productionGap'));
    assert.ok(!wants(['source.fixAll'], 'quickfix'));
  });
});

describe('settings, inclusion and checklist merge', () => {
  it('validates settings and keeps the defaults for what is invalid', () => {
    const warnings: string[] = [];
    const s = normaliseSettings({ enable: 'yes', rules: { 'a/b': 'off', 'c/d': 'tech-debt', 'e/f': 'loud' }, exclude: ['dist/**', 3, ''], diagnostics: { tiers: ['ship-stopping', 'nope'] } }, (m) => warnings.push(m));
    assert.deepEqual(s, { enable: true, rules: { 'a/b': 'off', 'c/d': 'tech-debt' }, exclude: ['dist/**'], diagnostics: { tiers: ['ship-stopping'] }, showAccepted: true });
    assert.equal(warnings.length, 2);
    assert.deepEqual(normaliseSettings(null).diagnostics.tiers, ['ship-stopping', 'tech-debt', 'accepted']);
    assert.deepEqual(shownTiers(normaliseSettings(null)), ['ship-stopping', 'tech-debt', 'accepted']);
    assert.deepEqual(shownTiers(normaliseSettings({ showAccepted: false })), ['ship-stopping', 'tech-debt']);
    assert.deepEqual(shownTiers(normaliseSettings({ diagnostics: { tiers: ['tech-debt'] } })), ['tech-debt']);
    const w: string[] = [];
    assert.equal(normaliseSettings({ showAccepted: 'no' }, (m) => w.push(m)).showAccepted, true);
    assert.equal(w.length, 1);
  });

  it('accepted findings are Hints whose message says why, who, when and until when; problems of the controls are diagnostics of their own', () => {
    const a = toDiagnostic(finding({ tier: 'accepted', message: 'No error tracker.', acceptance: { reason: 'pilot with 3 users', by: 'ana', date: '2025-06-01', revisit: '2025-09-01', source: 'ledger' } }));
    assert.equal(a.severity, 4);
    assert.equal(a.message, 'No error tracker. Accepted shortcut: pilot with 3 users (by ana on 2025-06-01, revisit 2025-09-01).');
    assert.equal(toDiagnostic(finding({ tier: 'accepted', message: 'M.', acceptance: { reason: 'r', source: 'inline' } })).message, 'M. Accepted shortcut: r (comment in this file).');
    assert.equal(toDiagnostic(finding({ tier: 'accepted', message: 'M.' })).message, 'M.', 'accepted by a tier override: no reason to show');
    const expired = finding({ message: 'M. (accepted shortcut: revisit date passed)', acceptance: { reason: 'r', revisit: '2025-01-01', source: 'ledger', expired: true } });
    assert.equal(toDiagnostic(expired).severity, 1);
    assert.equal(toDiagnostic(expired).message, 'M. (accepted shortcut: revisit date passed)');
    const stale = problemToDiagnostic({ file: 'production-gap.json', range: r(2, 4, 2, 40), severity: 'warning', code: 'stale', message: 'Stale accepted shortcut' });
    assert.deepEqual(stale, { range: r(2, 4, 2, 40), severity: 2, source: 'Production Gap', code: 'triage/stale', codeDescription: { href: 'https://github.com/production-gap/production-gap#triage-accepted-shortcuts-attestations-baseline' }, message: 'Stale accepted shortcut', data: { problem: 'stale' }, tags: [1] });
    assert.equal(problemToDiagnostic({ file: 'a.ts', range: r(0, 0, 0, 9), severity: 'error', code: 'no-reason', message: 'x' }).severity, 1);
    assert.notEqual(signature([], [{ file: 'a.ts', range: r(0, 0, 0, 9), severity: 'error', code: 'no-reason', message: 'x' }]), signature([]));
    const f = finding({ tier: 'accepted', acceptance: { reason: 'one', source: 'ledger' } });
    assert.notEqual(signature([f]), signature([{ ...f, acceptance: { reason: 'two', source: 'ledger' } }]), 'a new reason is published');
  });

  it('includes what discovery would list: kinds, default excludes, configured excludes, nested .gitignore files', () => {
    const texts: Record<string, string> = { '.gitignore': 'generated/\n*.local.ts\n', 'packages/api/.gitignore': 'tmp\n!keep.local.ts\n' };
    const inc = new Inclusion(['legacy/**'], { getText: (p) => texts[p] });
    const yes = ['src/a.ts', 'Dockerfile', 'packages/api/.env.production', 'prisma/schema.prisma', '.github/workflows/ci.yml', 'packages/api/src/x.ts'];
    const no = ['src/image.png', 'node_modules/x/index.js', 'packages/api/dist/a.js', 'generated/client.ts', 'src/a.local.ts', 'legacy/old.ts', 'packages/api/tmp/a.ts', 'types/x.d.ts'];
    for (const p of yes) assert.ok(inc.includes(p), p);
    for (const p of no) assert.ok(!inc.includes(p), p);
  });

  it('watches every kind of file the engine reads', () => {
    const samples = ['src/a.ts', 'web/b.tsx', 'c.mjs', 'package.json', 'tsconfig.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', '.github/workflows/ci.yml',
      'Dockerfile', 'Dockerfile.prod', 'api.dockerfile', 'Containerfile', 'prisma/schema.prisma', 'db/001_init.sql', 'README.md', 'docs/x.mdx',
      '.gitignore', '.dockerignore', '.env', '.env.local', 'prod.env', 'fly.toml', '.npmrc', 'Procfile', '.nvmrc', '.node-version', '.tool-versions', 'firestore.rules', 'config.ini',
      'src/config/key/rsa_private_key.pem', 'certs/server.key', 'AuthKey_ABC123.p8', 'deploy/id_rsa', 'bin/www'];
    const watched = picomatch([...WATCH_GLOBS], { dot: true });
    for (const p of samples) {
      assert.ok(classify(p), `the engine reads ${p}`);
      assert.ok(watched(p), `${p} is watched`);
    }
  });

  it('merges the checklists of several folders: statuses worst first, counts and findings added', () => {
    const item = (id: string, status: Checklist['phases'][number]['items'][number]['status'], findings: Finding[]) => ({ id, phase: 'harden' as const, title: id, status, count: findings.length, rules: [], findings });
    const one: Checklist = { phases: [{ phase: 'harden', title: 'Harden', open: 1, effortHours: 16, items: [{ ...item('harden.auth', 'fail', [finding({ file: 'a.ts' })]), effortHours: 16 }, item('harden.schema', 'not-applicable', [])] }], totals: { 'ship-stopping': 1, 'tech-debt': 0, accepted: 0 } };
    const two: Checklist = { phases: [{ phase: 'harden', title: 'Harden', open: 0, effortHours: 0, items: [item('harden.auth', 'pass', []), item('harden.schema', 'pass', [])] }], totals: { 'ship-stopping': 0, 'tech-debt': 2, accepted: 0 } };
    const merged = mergeChecklists([
      { folderUri: 'file:///one', checklist: one, uriOf: (f) => `file:///one/${f}` },
      { folderUri: 'file:///two', checklist: two, uriOf: (f) => `file:///two/${f}` },
    ]);
    assert.deepEqual(merged.folders, ['file:///one', 'file:///two']);
    assert.deepEqual(merged.totals, { 'ship-stopping': 1, 'tech-debt': 2, accepted: 0 });
    const [auth, schema] = merged.phases[0].items;
    assert.equal(auth.status, 'fail');
    assert.equal(auth.count, 1);
    assert.equal(auth.findings[0].uri, 'file:///one/a.ts');
    assert.equal(schema.status, 'pass');
    assert.equal(merged.phases[0].open, 1);
    assert.equal(auth.attestable, true);
    // Effort adds up across folders; readiness is recomputed on the merged items (auth fails, schema passes: 50%).
    assert.equal(merged.phases[0].effortHours, 16);
    assert.equal(merged.phases[0].effort, 'about 2 days');
    assert.equal(auth.effort, 'about 2 days');
    assert.equal(schema.effort, undefined);
    assert.equal(merged.phases[0].score, 50);
    assert.equal(merged.score, 50);
    assert.equal(merged.effort, 'about 2 days');
  });

  it('carries acceptances, the inline option and attestations (with their project file) to the client', () => {
    const accepted = finding({ tier: 'accepted', acceptance: { reason: 'pilot', by: 'ana', date: '2025-06-01', source: 'ledger' } });
    const open = finding({ fingerprint: 'e'.repeat(24) });
    const checklist: Checklist = {
      phases: [
        { phase: 'audit', title: 'Audit', open: 1, items: [{ id: 'audit.accepted', phase: 'audit', title: 'Acceptable shortcuts', status: 'accepted', count: 0, rules: [], findings: [accepted] }] },
        { phase: 'infrastructure', title: 'Infrastructure', open: 0, items: [
          { id: 'infra.backups', phase: 'infrastructure', title: 'Database backups', status: 'attested', count: 0, rules: [], findings: [], attestation: { evidence: 'https://wiki/backups', by: 'sam', date: '2025-05-01', expires: '2025-11-01', source: 'production-gap.json' } },
          { id: 'infra.ci', phase: 'infrastructure', title: 'CI', status: 'fail', count: 1, rules: [], findings: [open] },
        ] },
      ],
      totals: { 'ship-stopping': 1, 'tech-debt': 0, accepted: 1 },
    };
    const merged = mergeChecklists([{ folderUri: 'file:///ws', checklist, uriOf: (f) => `file:///ws/${f}` }]);
    const [bucket] = merged.phases[0].items;
    assert.equal(bucket.attestable, undefined, 'the audit buckets are not attested');
    assert.deepEqual(bucket.findings[0].acceptance, accepted.acceptance);
    assert.equal(bucket.findings[0].inlineAccept, undefined, 'already accepted');
    const [backups, ci] = merged.phases[1].items;
    assert.deepEqual(backups.attestation, { evidence: 'https://wiki/backups', by: 'sam', date: '2025-05-01', expires: '2025-11-01', uri: 'file:///ws/production-gap.json' });
    assert.equal(ci.findings[0].inlineAccept, true);
  });
});
