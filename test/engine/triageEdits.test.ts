/** Edits that record triage decisions (engine/triageEdits.ts) and the inline accepts they write: JSX, multi-line findings, attestations, renewals. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { Workspace } from '../../server/engine/workspace';
import { applyEdits, applyFix } from '../../server/engine/fixes';
import { acceptInLedgerFix, acceptInlineFix, attestFix, removeStaleFix } from '../../server/engine/triageEdits';
import { parseTs } from '../../server/engine/parse';
import type { Finding, Fix, RuleMeta, TsRule } from '../../server/engine/types';

const meta = (id: string): RuleMeta => ({
  id, category: 'security', phase: 'harden', tier: 'ship-stopping', title: 'test rule', fixKind: 'none', effort: 'hour', checklist: 'harden.validation',
  docs: { why: '', bad: { files: {} }, good: { files: {} }, fix: '' },
});

/** Reports every call of `danger(...)`, over the call's whole range (multi-line when its arguments are). */
const danger: TsRule = {
  meta: meta('security/test-danger'), scope: 'ts',
  create(ctx) {
    return {
      CallExpression: (n) => {
        const call = n as ts.CallExpression;
        if (!ts.isIdentifier(call.expression) || call.expression.text !== 'danger') return;
        ctx.report({ message: 'danger', range: ctx.file.lines.range(call.getStart(ctx.sf), call.end) });
      },
    };
  },
};

function analyse(files: Record<string, string>, today = '2025-06-01') {
  const ws = new Workspace({ rules: [danger], today: () => today });
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  return ws.analyze();
}
const tiers = (fs: readonly Finding[]) => fs.map((f) => `${f.range.start.line + 1}:${f.tier}`);
const parseErrors = (file: string, text: string) => ((parseTs(file, text) as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));

/** Accepts every finding of `file` inline, one after the other (bottom up), and returns the new text. */
function acceptAllInline(file: string, text: string, reason: string): string {
  const found = analyse({ [file]: text }).findings.filter((f) => f.file === file).sort((a, b) => b.range.start.line - a.range.start.line);
  for (const f of found) text = applyEdits(text, acceptInlineFix(text, f, reason)!.edits);
  return text;
}

describe('inline accepts in JSX', () => {
  const page = [
    'export function Page({ items }: { items: string[] }) {',
    '  return (',
    '    <main>',
    '      {danger()}',
    '      <button',
    '        onClick={danger()}',
    '      >go</button>',
    '      <p title={danger()}>x</p>',
    '      {items.map((i) => (',
    '        <li key={i} onClick={danger(i)}>{i}</li>',
    '      ))}',
    '    </main>',
    '  );',
    '}',
    '',
  ].join('\n');

  it('writes {/* */} among JSX children and // elsewhere; the file still parses and every finding is accepted', () => {
    for (const file of ['src/Page.tsx', 'src/Page.jsx']) {
      const text = file.endsWith('.jsx') ? page.replace(': { items: string[] }', '') : page;
      assert.deepEqual(tiers(analyse({ [file]: text }).findings), ['4:ship-stopping', '6:ship-stopping', '8:ship-stopping', '10:ship-stopping']);
      const out = acceptAllInline(file, text, 'demo build, no users yet');
      assert.deepEqual(out.split('\n').filter((l) => l.includes('production-gap-accept')), [
        '      {/* production-gap-accept security/test-danger -- demo build, no users yet */}',
        '        // production-gap-accept security/test-danger -- demo build, no users yet',
        '      {/* production-gap-accept security/test-danger -- demo build, no users yet */}',
        '        // production-gap-accept security/test-danger -- demo build, no users yet',
      ], file);
      assert.deepEqual(parseErrors(file, out), [], file);
      const r = analyse({ [file]: out });
      assert.deepEqual(r.findings.map((f) => f.tier), ['accepted', 'accepted', 'accepted', 'accepted'], file);
      assert.deepEqual(r.configProblems, [], file);
    }
  });

  it('a JSX comment without a reason or for another rule is reported like any other', () => {
    const text = 'export const A = () => (\n  <div>\n    {/* production-gap-accept security/test-danger */}\n    {danger()}\n    {/* production-gap-accept security/nope -- x */}\n  </div>\n);\n';
    const r = analyse({ 'a.tsx': text });
    assert.deepEqual(tiers(r.findings), ['4:ship-stopping']);
    assert.deepEqual(r.configProblems.map((p) => `${p.range.start.line + 1} ${p.code}`), ['3 no-reason', '5 unknown-rule']);
  });

  it('keeps // in .ts files and at the root of a JSX expression, and escapes a reason that would close the comment', () => {
    const ts1 = 'const a = 1;\nexport const v = danger(a);\n';
    assert.equal(acceptAllInline('a.ts', ts1, 'ok */ really'), 'const a = 1;\n// production-gap-accept security/test-danger -- ok * / really\nexport const v = danger(a);\n');
    const root = 'export const A = () => (\n  <b onClick={danger()} />\n);\n';
    const out = acceptAllInline('a.tsx', root, 'x');
    assert.equal(out.split('\n')[1], '  // production-gap-accept security/test-danger -- x');
    assert.deepEqual(parseErrors('a.tsx', out), []);
  });
});

describe('inline accepts and multi-line findings', () => {
  const call = ['const v = danger(', '  1,', '  2,', ');', ''];
  it('a comment above the first line, above a later line or trailing any line of the finding accepts it', () => {
    const cases: Array<[string, string[]]> = [
      ['above', ['// production-gap-accept security/test-danger -- fine', ...call]],
      ['inside', ['const v = danger(', '  // production-gap-accept security/test-danger -- fine', '  1,', '  2,', ');', '']],
      ['trailing the last line', ['const v = danger(', '  1,', '  2,', '); // production-gap-accept security/test-danger -- fine', '']],
      ['block comment above', ['/**', ' * production-gap-accept security/test-danger -- fine', ' */', ...call]],
    ];
    for (const [name, lines] of cases) {
      const r = analyse({ 'a.ts': lines.join('\n') });
      assert.deepEqual(r.findings.map((f) => f.tier), ['accepted'], name);
      assert.deepEqual(r.configProblems, [], name);
    }
  });

  it('a comment two lines above, or below the finding, does not accept it (and is stale)', () => {
    for (const lines of [['// production-gap-accept security/test-danger -- fine', '', ...call], [...call.slice(0, -1), '// production-gap-accept security/test-danger -- fine', '']]) {
      const r = analyse({ 'a.ts': lines.join('\n') });
      assert.deepEqual(r.findings.map((f) => f.tier), ['ship-stopping']);
      assert.deepEqual(r.configProblems.map((p) => p.code), ['stale']);
    }
  });

  it('the quick fix accepts a multi-line finding', () => {
    const text = ['function f() {', '  return danger(', '    1,', '  );', '}', ''].join('\n');
    const out = acceptAllInline('a.ts', text, 'why not');
    assert.equal(out.split('\n')[1], '  // production-gap-accept security/test-danger -- why not');
    assert.deepEqual(analyse({ 'a.ts': out }).findings.map((f) => f.tier), ['accepted']);
  });
});

describe('ledger edits', () => {
  const CODE = 'export const v = danger(1);\n';
  const finding = () => analyse({ 'src/a.ts': CODE }).findings[0];
  const apply = (text: string | undefined, fix: Fix) => (text === undefined ? applyFix(new Map(), fix) : applyFix(new Map([['production-gap.json', text]]), fix)).get('production-gap.json')!;

  it('renews the entry of the same finding instead of adding a second one (a passed revisit date)', () => {
    const f = finding();
    const old = JSON.stringify({ accepted: [{ rule: f.ruleId, file: 'src/a.ts', fingerprint: f.fingerprint, reason: 'old', revisit: '2025-01-01' }, { rule: 'x/y', reason: 'keep' }] }, null, 2) + '\n';
    const late = analyse({ 'production-gap.json': old, 'src/a.ts': CODE });
    assert.equal(late.findings[0].tier, 'ship-stopping');
    assert.equal(late.findings[0].acceptance?.expired, true);
    const renewed = apply(old, acceptInLedgerFix('production-gap.json', old, late.findings[0], { reason: 'new', by: 'ana', date: '2025-06-01', revisit: '2025-12-01' }));
    const parsed = JSON.parse(renewed);
    assert.equal(parsed.accepted.length, 2);
    assert.deepEqual(parsed.accepted[0], { rule: f.ruleId, file: 'src/a.ts', fingerprint: f.fingerprint, reason: 'new', by: 'ana', date: '2025-06-01', revisit: '2025-12-01' });
    assert.deepEqual(parsed.accepted[1], { rule: 'x/y', reason: 'keep' });
    const r = analyse({ 'production-gap.json': renewed, 'src/a.ts': CODE });
    assert.equal(r.findings[0].tier, 'accepted');
    assert.equal(r.findings[0].acceptance?.reason, 'new');
  });

  it('of two entries for the same finding, the one still current wins and neither is stale', () => {
    const f = finding();
    const both = JSON.stringify({ accepted: [
      { rule: f.ruleId, file: 'src/a.ts', reason: 'old', revisit: '2025-01-01' },
      { rule: f.ruleId, file: 'src/a.ts', reason: 'current', revisit: '2025-12-01' },
    ] });
    const r = analyse({ 'production-gap.json': both, 'src/a.ts': CODE });
    assert.equal(r.findings[0].tier, 'accepted');
    assert.equal(r.findings[0].acceptance?.reason, 'current');
    assert.deepEqual(r.configProblems, []);
  });

  it('keeps the comments and the indentation of an existing file', () => {
    const text = '{\n\t// the team\'s decisions\n\t"rules": {}\n}\n';
    const out = apply(text, acceptInLedgerFix('production-gap.json', text, finding(), { reason: 'r' }));
    assert.match(out, /^\{\n\t\/\/ the team's decisions\n\t"rules": \{\},\n\t"accepted": \[\n\t\t\{\n\t\t\t"rule": "security\/test-danger"/);
  });
});

describe('attestations', () => {
  const details = { evidence: ' https://wiki.example.com/backups ', by: 'sam', date: '2025-06-01', expires: '2025-12-01' };
  const item = (r: ReturnType<typeof analyse>, id: string) => r.checklist.phases.flatMap((p) => p.items).find((i) => i.id === id)!;
  const apply = (text: string | undefined, fix: Fix) => (text === undefined ? applyFix(new Map(), fix) : applyFix(new Map([['production-gap.json', text]]), fix)).get('production-gap.json')!;

  it('creates the project file, then the item shows as attested with who and when', () => {
    const fix = attestFix('production-gap.json', undefined, 'infra.staging', details);
    assert.equal(fix.title, 'Attest infra.staging in production-gap.json');
    assert.deepEqual(fix.edits, []);
    const text = apply(undefined, fix);
    assert.deepEqual(JSON.parse(text).attestations, [{ item: 'infra.staging', evidence: 'https://wiki.example.com/backups', by: 'sam', date: '2025-06-01', expires: '2025-12-01' }]);
    assert.match(JSON.parse(text).$schema, /production-gap\.schema\.json$/);
    const r = analyse({ 'production-gap.json': text, 'src/a.ts': 'export {};\n' });
    assert.equal(item(r, 'infra.staging').status, 'attested');
    assert.deepEqual(item(r, 'infra.staging').attestation, { evidence: 'https://wiki.example.com/backups', by: 'sam', date: '2025-06-01', expires: '2025-12-01', source: 'production-gap.json' });
    assert.deepEqual(r.configProblems, []);
  });

  it('appends to an existing list, adds the list when missing, fills an empty file', () => {
    const withList = '{\n  "attestations": [\n    { "item": "infra.rollback", "evidence": "x", "by": "a", "date": "2025-01-01" }\n  ]\n}\n';
    assert.deepEqual(JSON.parse(apply(withList, attestFix('production-gap.json', withList, 'infra.staging', details))).attestations.map((a: { item: string }) => a.item), ['infra.rollback', 'infra.staging']);
    const noList = '{ "rules": {} }\n';
    assert.deepEqual(Object.keys(JSON.parse(apply(noList, attestFix('production-gap.json', noList, 'infra.staging', details)))), ['rules', 'attestations']);
    assert.equal(JSON.parse(apply('  \n', attestFix('production-gap.json', '  \n', 'infra.staging', { ...details, expires: undefined }))).attestations[0].expires, undefined);
  });

  it('renews an expired attestation in place (and drops duplicates of the item): the item is attested again, no expiry warning', () => {
    const old = JSON.stringify({ attestations: [
      { item: 'infra.staging', evidence: 'old', by: 'a', date: '2024-01-01', expires: '2024-06-01' },
      { item: 'infra.rollback', evidence: 'x', by: 'a', date: '2025-01-01' },
      { item: 'infra.staging', evidence: 'older', by: 'b', date: '2023-01-01', expires: '2023-06-01' },
    ] }, null, 2);
    const before = analyse({ 'production-gap.json': old, 'src/a.ts': 'export {};\n' });
    assert.equal(item(before, 'infra.staging').status, 'unknown');
    assert.deepEqual(before.configProblems.map((p) => p.code), ['expired', 'expired']);
    const text = apply(old, attestFix('production-gap.json', old, 'infra.staging', details));
    assert.deepEqual(JSON.parse(text).attestations.map((a: { item: string; evidence: string }) => `${a.item} ${a.evidence}`), ['infra.staging https://wiki.example.com/backups', 'infra.rollback x']);
    const after = analyse({ 'production-gap.json': text, 'src/a.ts': 'export {};\n' });
    assert.equal(item(after, 'infra.staging').status, 'attested');
    assert.deepEqual(after.configProblems, []);
  });

  it('in a nested project file, paths stay relative to it', () => {
    const f = analyse({ 'apps/api/src/a.ts': 'danger();\n' }).findings[0];
    const fix = acceptInLedgerFix('apps/api/production-gap.json', undefined, f, { reason: 'r' });
    assert.equal(JSON.parse(fix.creates![0].content).accepted[0].file, 'src/a.ts');
  });
});

describe('removing stale triage', () => {
  const stale = (r: ReturnType<typeof analyse>) => r.configProblems.filter((p) => p.code === 'stale');
  const removeAll = (files: Record<string, string>): Record<string, string> => {
    const out = { ...files };
    for (;;) {
      const [p] = stale(analyse(out));
      if (!p) return out;
      const fix = removeStaleFix(p.file, out[p.file], p.range);
      assert.ok(fix, `a fix for ${p.file}:${p.range.start.line + 1}`);
      out[p.file] = applyEdits(out[p.file], fix!.edits);
    }
  };

  it('removes a stale ledger entry, keeping the others, the comments and the formatting', () => {
    const project = '{\n  // decisions of the team\n  "accepted": [\n    { "rule": "security/test-danger", "file": "src/gone.ts", "reason": "old" },\n    { "rule": "security/test-danger", "file": "src/a.ts", "reason": "demo only" }\n  ]\n}\n';
    const files = { 'production-gap.json': project, 'src/a.ts': 'danger(1);\n' };
    assert.equal(stale(analyse(files)).length, 1);
    const after = removeAll(files);
    assert.equal(after['production-gap.json'], '{\n  // decisions of the team\n  "accepted": [\n    { "rule": "security/test-danger", "file": "src/a.ts", "reason": "demo only" }\n  ]\n}\n');
    assert.deepEqual(tiers(analyse(after).findings), ['1:accepted']);
    assert.deepEqual(analyse(after).configProblems, []);
  });

  it('removes stale accept comments: the line when alone, the comment after code, the braces of a JSX comment', () => {
    const files = {
      'src/a.ts': 'const x = 1;\n  // production-gap-accept security/test-danger -- nothing here any more\nconst y = 2; // production-gap-accept security/test-danger -- nor here\ntry { run(); } catch {\n  // production-gap-accept security/test-danger -- gone too\n}\n',
      'src/b.tsx': 'export const B = () => (\n  <div>\n    {/* production-gap-accept security/test-danger -- was a danger() call */}\n    <span>ok</span>\n  </div>\n);\n',
    };
    assert.equal(stale(analyse(files)).length, 4);
    const after = removeAll(files);
    assert.equal(after['src/a.ts'], 'const x = 1;\nconst y = 2;\ntry { run(); } catch {\n}\n');
    assert.equal(after['src/b.tsx'], 'export const B = () => (\n  <div>\n    <span>ok</span>\n  </div>\n);\n');
    for (const [f, t] of Object.entries(after)) assert.deepEqual(parseErrors(f, t), [], f);
    assert.deepEqual(analyse(after).configProblems, []);
  });

  it('offers nothing when the text no longer holds the entry at that range', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    assert.equal(removeStaleFix('src/a.ts', 'const a = 1;\n', range), undefined);
    assert.equal(removeStaleFix('production-gap.json', '{ "accepted": [] }\n', range), undefined);
  });
});
