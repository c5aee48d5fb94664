/**
 * The report model (server/report/model.ts) and the JSON output on a realistic workspace: examples/mvp with the team's
 * controls (accepted shortcuts, one past its revisit date, one stale; an inline accept; attestations, one expired and
 * one contradicted by open findings; two rules turned off so their items can be attested) and with a baseline.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildReportModel, type ReportModel } from '../../server/report/model';
import { toAuditOutput } from '../../server/report/json';
import type { ReportInput } from '../../server/report/common';
import { auditOutputValidator, schemaErrors } from '../helpers/cli';
import { GENERATED, HOSTILE_REASON, TODAY, analyseFolder, mvpWorkspace, removeWorkspace } from './fixture';

let root: string;
let input: ReportInput;
let model: ReportModel;

before(() => {
  root = mvpWorkspace();
  input = analyseFolder(root);
  model = buildReportModel(input, { generatedAt: GENERATED });
});
after(() => removeWorkspace(root));

const places = (groups: ReportModel['shipStopping']) => groups.flatMap((g) => g.places.map((p) => `${g.ruleId} ${p.file}:${p.line}`));

describe('report model', () => {
  it('title, date and the verdict', () => {
    assert.equal(model.title, 'Production readiness audit: mvp');
    assert.equal(model.date, TODAY);
    // The generation's local date (revisit dates compare against the local date): 09:30 UTC is still the 31st in Honolulu.
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Honolulu';
    try {
      assert.equal(buildReportModel(input, { generatedAt: new Date('2025-06-01T09:30:00Z') }).date, '2025-05-31');
    } finally {
      if (tz === undefined) delete process.env.TZ; else process.env.TZ = tz;
    }
    assert.equal(model.verdict.status, 'not-ready');
    assert.match(model.verdict.headline, /^Not ready to grow yet: \d+ ship-stopping issues to fix first$/);
    const details = model.verdict.details.join(' ');
    assert.match(details, /Readiness is \d+%: \d+ of \d+ applicable checklist items pass, are accepted or are attested\./);
    assert.match(details, /The team has accepted 2 shortcuts; 1 more is past the revisit date/);
    assert.ok(!model.baseline);
  });

  it('ship-stopping and debt grouped by rule, each group with why, fix, documentation, effort and places', () => {
    const ship = places(model.shipStopping);
    assert.ok(ship.includes('auth/jwt-no-expiry src/lib/auth.ts:7'));
    assert.ok(ship.includes('security/sql-injection src/routes/projects.ts:14'));
    const cookie = model.shipStopping.find((g) => g.ruleId === 'auth/session-cookie-flags')!;
    assert.equal(cookie.places.length, 2, 'one group per rule, all its places');
    for (const g of [...model.shipStopping, ...model.techDebt]) {
      assert.ok(g.why && g.fix && g.title, g.ruleId);
      assert.match(g.docUrl, /^https:\/\/.*\/docs\/rules\/[a-z]+\/[a-z0-9-]+\.md$/);
      assert.ok(g.effort.hours > 0 && /^(under an hour|about .+)$/.test(g.effort.label), g.ruleId);
      for (const p of g.places) assert.equal(p.href, `${p.file.split('/').map(encodeURIComponent).join('/')}#L${p.line}`);
    }
    assert.equal(model.shipStopping.reduce((n, g) => n + g.places.length, 0), input.checklist.totals['ship-stopping']);
    assert.equal(model.techDebt.reduce((n, g) => n + g.places.length, 0), input.checklist.totals['tech-debt']);
    const areas = model.shipStopping.map((g) => g.category);
    assert.deepEqual(areas, [...areas].sort((a, b) => ['auth', 'data', 'errors', 'deploy', 'security', 'docs'].indexOf(a) - ['auth', 'data', 'errors', 'deploy', 'security', 'docs'].indexOf(b)), 'ordered by area');
    assert.ok(!places(model.shipStopping).some((p) => p.startsWith('deploy/no-staging') || p.startsWith('deploy/no-rollback-path')), 'rules turned off');
  });

  it('a shortcut past its revisit date is back in its tier, flagged, and listed first among the shortcuts', () => {
    const api = model.techDebt.find((g) => g.ruleId === 'docs/no-api-docs')!;
    assert.ok(api, 'docs/no-api-docs is technical debt again');
    assert.equal(api.places[0].revisitPassed?.revisit, '2025-05-01');
    assert.deepEqual(model.shortcuts.map((s) => [s.ruleId, s.source, s.expired]), [
      ['docs/no-api-docs', 'ledger', true],
      ['deploy/no-node-version', 'ledger', false],
      ['auth/jwt-verify-algorithms', 'inline', false],
    ]);
    const node = model.shortcuts[1];
    assert.deepEqual([node.reason, node.by, node.date, node.revisit, node.place.file], ['The Docker image pins Node 20 | engines come with the next deploy change', 'maya@taskly.dev', '2025-04-02', '2025-12-31', 'package.json']);
    const inline = model.shortcuts[2];
    assert.equal(inline.reason, HOSTILE_REASON);
    assert.equal(inline.by, undefined);
    assert.equal(inline.place.file, 'src/lib/auth.ts');
    assert.deepEqual(model.counts.byTier, input.checklist.totals);
    assert.equal(model.counts.byTier.accepted, 2);
  });

  it('attestations: valid, expired and contradicted; unknown items; config problems', () => {
    assert.deepEqual(model.attestations.map((a) => [a.item, a.status]), [
      ['infra.staging', 'expired'],
      ['infra.backups', 'contradicted'],
      ['infra.rollback', 'valid'],
    ]);
    const rollback = model.attestations.find((a) => a.item === 'infra.rollback')!;
    assert.deepEqual([rollback.title, rollback.by, rollback.date, rollback.expires, rollback.source], ['Rollback path', 'sam', '2025-05-20', '2025-11-20', 'production-gap.json']);
    assert.equal(model.attestations.find((a) => a.item === 'infra.backups')!.open, 1);
    assert.deepEqual(model.unknown.map((u) => [u.id, u.attestable]), [['infra.staging', true]]);
    const infra = model.phases.find((p) => p.phase === 'infrastructure')!;
    assert.equal(infra.items.find((i) => i.id === 'infra.rollback')!.status, 'attested');
    assert.deepEqual(model.problems.map((p) => [p.file, p.code]).sort(), [['production-gap.json', 'expired'], ['production-gap.json', 'stale']]);
    assert.ok(model.problems.every((p) => p.href === `production-gap.json#L${p.line}`));
  });

  it('the plan: four phases with scores, effort and items, totals consistent with the checklist', () => {
    assert.deepEqual(model.phases.map((p) => p.title), ['Audit', 'Harden', 'Infrastructure', 'Documentation']);
    for (const p of model.phases) {
      const cl = input.checklist.phases.find((x) => x.phase === p.phase)!;
      assert.equal(p.score, cl.score);
      assert.equal(p.effort.hours, cl.effortHours);
      assert.equal(p.items.length, cl.items.length);
      assert.ok(p.done <= p.applicable);
    }
    assert.equal(model.score, input.checklist.score);
    assert.equal(model.effort.hours, input.checklist.effortHours);
    assert.ok(model.effort.hours > 0);
    const work = model.phases.filter((p) => p.phase !== 'audit');
    assert.equal(model.effort.hours, work.reduce((n, p) => n + p.effort.hours, 0));
  });

  it('file links follow linkBase (the report written elsewhere)', () => {
    const m = buildReportModel(input, { linkBase: '../' });
    assert.ok(m.shipStopping.every((g) => g.places.every((p) => p.href.startsWith('../'))));
  });

  it('with a baseline: only new findings in the tiers and the verdict, known ones apart, score and effort unchanged', () => {
    const known = new Set(input.findings.filter((f) => !f.file.startsWith('src/routes/')).map((f) => f.fingerprint));
    const b = buildReportModel({ ...input, baselined: known });
    const fresh = input.findings.filter((f) => f.tier !== 'accepted' && !known.has(f.fingerprint));
    const old = input.findings.filter((f) => f.tier !== 'accepted' && known.has(f.fingerprint));
    assert.deepEqual(b.baseline && [b.baseline.newCount, b.baseline.knownCount], [fresh.length, old.length]);
    assert.ok(places(b.shipStopping).every((p) => p.includes(' src/routes/')), 'new ship-stopping only');
    assert.ok(places(b.techDebt).every((p) => p.includes(' src/routes/')));
    assert.equal(places(b.baseline!.groups).length, old.length);
    assert.ok(places(b.baseline!.groups).every((p) => !p.includes(' src/routes/')));
    assert.equal(b.counts.byTier['ship-stopping'], fresh.filter((f) => f.tier === 'ship-stopping').length);
    assert.equal(b.counts.byTier.accepted, 2, 'accepted shortcuts are not baselined');
    assert.match(b.verdict.headline, /^Not ready to grow yet: \d+ new ship-stopping issues? to fix first$/);
    assert.equal(b.score, model.score);
    assert.equal(b.effort.hours, model.effort.hours);
    assert.equal(Object.values(b.counts.baselinedByCategory!).reduce((n, x) => n + x, 0), old.length);
  });
});

describe('json output', () => {
  it('validates against the schema with acceptance, attestations, config problems, scores and effort', () => {
    const out = toAuditOutput(input);
    assert.equal(schemaErrors(auditOutputValidator(), out), undefined);
    assert.equal(out.schemaVersion, '1.2');
    assert.equal(out.summary.score, input.checklist.score);
    assert.deepEqual(out.summary.effort, { hours: Math.round((input.checklist.effortHours ?? 0) * 100) / 100, label: model.effort.label });
    assert.equal(out.summary.baseline, undefined);
    const api = out.findings.find((f) => f.ruleId === 'docs/no-api-docs')!;
    assert.deepEqual(api.acceptance, { reason: 'Only our own single-page app calls the API for now', by: 'maya', date: '2025-01-10', revisit: '2025-05-01', source: 'ledger', expired: true });
    assert.equal(api.tier, 'tech-debt');
    const inline = out.findings.find((f) => f.ruleId === 'auth/jwt-verify-algorithms')!;
    assert.deepEqual(inline.acceptance, { reason: HOSTILE_REASON, source: 'inline', expired: false });
    assert.equal(inline.tier, 'accepted');
    assert.ok(out.findings.every((f) => !('baselineState' in f)));
    assert.deepEqual(out.attestations.map((a) => [a.item, a.expired]), [['infra.rollback', false], ['infra.backups', false], ['infra.staging', true]]);
    assert.deepEqual(out.configProblems.map((p) => p.code).sort(), ['expired', 'stale']);
    const infra = out.checklist.phases.find((p) => p.phase === 'infrastructure')!;
    assert.equal(infra.items.find((i) => i.id === 'infra.rollback')!.attestation?.by, 'sam');
    assert.ok(out.checklist.phases.every((p) => p.effort.label && p.score >= 0 && p.score <= 100));
    assert.ok(out.rules.every((r) => ['minutes', 'hour', 'day', 'days'].includes(r.effort)));
  });

  it('with a baseline: baselineState per finding and the counts, still valid', () => {
    const known = new Set(input.findings.filter((f) => f.file !== 'src/routes/projects.ts').map((f) => f.fingerprint));
    const out = toAuditOutput({ ...input, baselined: known });
    assert.equal(schemaErrors(auditOutputValidator(), out), undefined);
    assert.ok(out.findings.every((f) => f.baselineState === (known.has(f.fingerprint) ? 'unchanged' : 'new')));
    const open = out.findings.filter((f) => f.tier !== 'accepted');
    assert.deepEqual(out.summary.baseline, { new: open.filter((f) => f.baselineState === 'new').length, baselined: open.filter((f) => f.baselineState === 'unchanged').length });
    assert.ok(out.summary.baseline!.new > 0);
  });

  it('stays valid for an input without project data (the editor export path)', () => {
    const { configProblems: _p, projects: _q, ...bare } = input;
    const out = toAuditOutput(bare);
    assert.equal(schemaErrors(auditOutputValidator(), out), undefined);
    assert.deepEqual(out.configProblems, []);
    assert.deepEqual(out.attestations.map((a) => a.item).sort(), ['infra.backups', 'infra.rollback'], 'current attestations, from the checklist');
  });
});
