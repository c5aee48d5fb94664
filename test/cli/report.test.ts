/**
 * The report formats in process (server/report), on analyses the CLI cannot produce from the command line alone:
 * accepted findings (a tier override in the engine config), workspace findings, odd file names. Plus the CLI's
 * small pure parts: argument parsing, --fail-on tiers, the progress line.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { Workspace } from '../../server/engine/workspace';
import type { EngineConfig, WorkspaceRule } from '../../server/engine/types';
import jwtNoExpiry from '../../rules/auth/jwt-no-expiry';
import noRateLimit from '../../rules/security/no-rate-limit';
import noInputValidation from '../../rules/security/no-input-validation';
import identityNotUnique from '../../rules/data/identity-not-unique';
import type { ReportInput } from '../../server/report/common';
import { formatText, wrap } from '../../server/report/text';
import { toAuditOutput } from '../../server/report/json';
import { pascalName, relativeUri, toSarif } from '../../server/report/sarif';
import { formatMarkdown } from '../../server/report/markdown';
import { failingTiers, parseCliArgs, UsageError } from '../../server/cli/args';
import { Progress } from '../../server/cli/progress';
import { auditOutputValidator, sarifValidator, schemaErrors } from '../helpers/cli';

const wholeProject: WorkspaceRule = {
  scope: 'workspace',
  meta: {
    id: 'deploy/test-only-whole-project',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'A workspace rule used by this test',
    fixKind: 'none',
    effort: 'hour',
    checklist: 'infra.staging',
    docs: { why: 'Test.', bad: { files: { 'package.json': '{}\n' } }, good: { files: { 'package.json': '{}\n' } }, fix: 'Nothing.' },
  },
  check(ctx) {
    if (ctx.files.has('package.json')) ctx.report({ file: 'package.json', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'Nothing shows a staging environment.' });
  },
};

const JWT = "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({ sub: 1 }, process.env.S!);\n";

function analyse(files: Record<string, string>, config?: EngineConfig, name = 'shop'): ReportInput {
  const ws = new Workspace({ rules: [jwtNoExpiry, wholeProject], config });
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  return { ...ws.analyze(), rules: ws.rules, name };
}

const accepted = analyse({ 'package.json': '{ "name": "shop" }\n', 'src/a.ts': JWT, 'src/b # 100%.ts': JWT }, { rules: { 'auth/jwt-no-expiry': 'accepted' } });

describe('accepted findings', () => {
  it('text: their own tier heading, the checklist says accepted, the summary counts them', () => {
    const out = formatText(accepted);
    assert.match(out, /\nHARDEN\n {2}Acceptable shortcuts \(2\)\n {4}src\/a\.ts:2:18 {2}auth\/jwt-no-expiry\n/);
    assert.match(out, /\n {4}~ Auth validated +2 accepted\n/);
    assert.match(out, /\n {4}~ Acceptable shortcuts +2 accepted\n/);
    assert.match(out, /\n! 0 ship-stopping · 1 tech debt · 2 accepted in 3 files\n$/);
  });

  it('json and sarif: valid, tier accepted, SARIF level note', () => {
    const json = toAuditOutput(accepted);
    assert.equal(schemaErrors(auditOutputValidator(), json), undefined);
    assert.deepEqual(json.summary.byTier, { 'ship-stopping': 0, 'tech-debt': 1, accepted: 2 });
    const auth = json.checklist.phases[1].items.find((i) => i.id === 'harden.auth')!;
    assert.deepEqual([auth.status, auth.open, auth.accepted], ['accepted', 0, 2]);

    const sarif = toSarif(accepted, { srcRootUri: 'file:///srv/shop' }) as any;
    assert.equal(schemaErrors(sarifValidator(), sarif), undefined);
    const run = sarif.runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///srv/shop/' } });
    const levels = run.results.map((r: any) => `${r.ruleId}:${r.level}`);
    assert.deepEqual(levels, ['deploy/test-only-whole-project:warning', 'auth/jwt-no-expiry:note', 'auth/jwt-no-expiry:note']);
    assert.deepEqual(run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri), ['package.json', 'src/a.ts', 'src/b%20%23%20100%25.ts']);
    assert.equal(run.results[0].properties.workspace, true);
    const rule = run.tool.driver.rules[0];
    assert.equal(rule.name, 'JwtNoExpiry');
    assert.deepEqual(rule.properties.tags, ['security', 'auth', 'harden', 'ship-stopping']);
    assert.equal(rule.properties['security-severity'], '8.0');
    assert.equal(run.tool.driver.rules[1].properties['security-severity'], undefined);
  });

  it('markdown: accepted by configuration in the shortcuts table, workspace findings linked to their anchor', () => {
    const md = formatMarkdown(accepted, { generatedAt: new Date('2025-03-01T12:00:00Z') });
    assert.ok(md.startsWith('# Production readiness audit: shop — 2025-03-01\n'));
    assert.ok(md.includes(' on 2025-03-01: 3 files analysed with 2 rules._'));
    assert.ok(md.includes('**No ship-stopping issues found.** 1 item of technical debt to plan within 30 days.'));
    assert.match(md, /## Ship-stopping issues \(0\)\n\nNone found\.\n/);
    const section = md.slice(md.indexOf('## Acceptable shortcuts (2)'), md.indexOf('## Attestations'));
    assert.ok(section.includes('| JWTs are signed without an expiry ([`auth/jwt-no-expiry`](https://github.com/production-gap/production-gap/blob/main/docs/rules/auth/jwt-no-expiry.md)) | [src/a.ts:2](src/a.ts#L2) | the rule is set to "accepted" in the productionGap.rules setting, for every finding | _configuration_ | – | _no date_ |'), section);
    assert.ok(section.includes('[src/b \\# 100%.ts:2](src/b%20%23%20100%25.ts#L2)'));
    assert.ok(md.includes('| A workspace rule used by this test ([`deploy/test-only-whole-project`](https://github.com/production-gap/production-gap/blob/main/docs/rules/deploy/test-only-whole-project.md)) | Deployment safety | [package.json:1](package.json#L1) | about 2 hours |'));
    assert.ok(md.includes('| Auth validated | 🟡 2 accepted | – |'));
    assert.ok(md.includes('| Staging environment | ⚠️ 1 open | about 2 hours |'), 'technical debt only');
    assert.ok(md.includes('| **Total** | **0** | **1** | **2** |'));
  });

  it('never make --fail-on fail', () => {
    for (const failOn of ['ship-stopping', 'tech-debt', 'never'] as const) assert.ok(!failingTiers(failOn).includes('accepted'));
    assert.deepEqual(failingTiers('tech-debt'), ['ship-stopping', 'tech-debt']);
  });
});

describe('text details', () => {
  const input = analyse({ 'package.json': '{}\n', 'src/a.ts': JWT });

  it('colours only when asked, prefixes paths, wraps long messages to the width', () => {
    assert.doesNotMatch(formatText(input), /\u001b/);
    assert.match(formatText(input, { color: true }), /\u001b\[31m/);
    assert.ok(formatText(input, { pathPrefix: 'apps/api/' }).includes('    apps/api/src/a.ts:2:18  auth/jwt-no-expiry\n'));
    const narrow = formatText(input, { width: 50 });
    const lines = narrow.split('\n').filter((l) => l.startsWith('      ') && !l.startsWith('       '));
    assert.ok(lines.length > 2 && lines.every((l) => l.length <= 50), narrow);
    assert.deepEqual(wrap('a b c', 3), ['a b c'], 'no wrapping below a sensible width');
    assert.deepEqual(wrap('aaaa bbbb cccc dddd eeee ffff', 20), ['aaaa bbbb cccc dddd', 'eeee ffff']);
  });

  it('markdown escapes the folder name', () => {
    assert.ok(formatMarkdown({ ...input, name: 'my_app<x>' }).startsWith('# Production readiness audit: my\\_app\\<x\\>\n'));
  });

  it('sarif helpers: rule names and relative URIs', () => {
    assert.equal(pascalName('deploy/no-ci'), 'NoCi');
    assert.equal(relativeUri('a b/c#d/ü.ts'), 'a%20b/c%23d/%C3%BC.ts');
  });
});

describe('CLI arguments', () => {
  it('parses formats, thresholds, repeated excludes and colour flags', () => {
    const a = parseCliArgs(['audit', 'apps/api', '--format=sarif', '-o', 'out.sarif', '--fail-on', 'never', '--exclude', './legacy/**', '--exclude', 'scripts', '--no-color']);
    assert.deepEqual(a, { command: 'audit', path: 'apps/api', format: 'sarif', output: 'out.sarif', failOn: 'never', exclude: ['legacy/**', 'scripts'], quiet: false, verbose: false, color: false });
    assert.deepEqual(parseCliArgs(['audit']), { command: 'audit', path: undefined, format: 'text', output: undefined, failOn: 'ship-stopping', exclude: [], quiet: false, verbose: false, color: undefined });
    assert.deepEqual(parseCliArgs(['audit', '--bogus', '-h']), { command: 'help' }, '--help wins');
    assert.throws(() => parseCliArgs(['audit', '--output=']), UsageError);
    assert.throws(() => parseCliArgs(['audit', '--exclude', '']), UsageError);
    assert.throws(() => parseCliArgs(['audit', '--color', '--no-color']), UsageError);
  });
});

describe('progress line', () => {
  const sink = () => { const out: string[] = []; return { out, stream: { write: (s: string) => { out.push(s); return true; } } }; };

  it('draws only when enabled and once work takes a moment, and erases itself', () => {
    const on = sink();
    const p = new Progress(on.stream, true, 0);
    p.update('Analysing 1,234 files… 40%');
    p.update('too soon: throttled');
    p.clear();
    p.clear();
    assert.deepEqual(on.out, ['\r\u001b[KAnalysing 1,234 files… 40%', '\r\u001b[K']);
    const off = sink();
    const q = new Progress(off.stream, false, 0);
    q.update('x');
    q.clear();
    const slow = new Progress(off.stream, true, 60_000);
    slow.update('x');
    slow.clear();
    assert.deepEqual(off.out, []);
  });
});

describe('checklist items the scan could not judge', () => {
  const guard = "import jwt from 'jsonwebtoken';\nexport function requireUser(req, res, next) {\n  try { req.user = jwt.verify(req.headers.authorization ?? '', process.env.S!); next(); } catch { res.sendStatus(401); }\n}\n";
  const app = (mounts: string) => ({
    'package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^4.21.0' } }),
    'src/auth.ts': guard,
    'src/server.ts': `import express from 'express';\nimport { requireUser } from './auth';\nimport { orders } from './orders';\nconst app = express();\n${mounts}\napp.listen(3000);\n`,
    'src/orders.ts': "import { Router } from 'express';\nexport const orders = Router();\norders.post('/', (req, res) => res.status(201).end());\n",
  });
  const run = (files: Record<string, string>): ReportInput => {
    const ws = new Workspace({ rules: [jwtNoExpiry] });
    for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
    return { ...ws.analyze(), rules: ws.rules, name: 'shop' };
  };
  const authItem = (r: ReportInput) => r.checklist.phases.flatMap((p) => p.items).find((i) => i.id === 'harden.auth')!;

  it('"Auth validated" is unknown, with the reason, when every route\'s auth depends on what the scan cannot read', () => {
    // the router is mounted behind middleware from a spread nobody can see
    const unseen = run(app("const guards: any[] = (globalThis as any).guards;\napp.use('/orders', ...guards, orders);"));
    const item = authItem(unseen);
    assert.equal(item.status, 'unknown');
    assert.match(item.note ?? '', /^whether the app's route checks who is calling depends on code the scan cannot follow$/);
    assert.match(formatText(unseen, { color: false }), /Auth validated\s+unknown \(whether the app's route checks who is calling depends on code the scan cannot follow: confirm by hand\)/);
    const json = toAuditOutput(unseen);
    assert.equal(schemaErrors(auditOutputValidator(), json), undefined);
    assert.equal(json.checklist.phases.flatMap((p) => p.items).find((i) => i.id === 'harden.auth')!.note, item.note);
    assert.match(formatMarkdown(unseen), /Auth validated \(Harden, `harden\.auth`\): whether the app's route checks who is calling depends on code the scan cannot follow\./);
    // a route the scan can read (here guarded) makes it a plain pass again
    const seen = authItem(run(app("app.use('/orders', requireUser, orders);")));
    assert.equal(seen.status, 'pass');
    assert.equal(seen.note, undefined);
  });

  it('a server app with no route the scan can read: auth, rate limiting and validation are unknown, not pass (seen on real Hono and Express + Knex apps)', () => {
    const items = (files: Record<string, string>) => {
      const ws = new Workspace({ rules: [jwtNoExpiry, noRateLimit, noInputValidation] });
      for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
      return new Map(ws.analyze().checklist.phases.flatMap((p) => p.items).map((i) => [i.id, i]));
    };
    // the routes are registered by a function the scan cannot see into (a plugin loader from a package)
    const hidden = items({
      'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', 'route-loader': '^1.0.0' } }),
      'apps/api/src/server.ts': "import express from 'express';\nimport loadRoutes from 'route-loader';\nconst app = express();\nloadRoutes(app, __dirname + '/routes');\napp.listen(3000);\n",
    });
    for (const [id, check] of [['harden.auth', 'check who is calling'], ['harden.rate-limiting', 'are rate limited'], ['harden.validation', 'validate their input']]) {
      assert.equal(hidden.get(id)!.status, 'unknown', id);
      assert.equal(hidden.get(id)!.note, `the scan read no HTTP route in apps/api (they are registered in a way it cannot follow): whether the routes ${check} is not known`);
    }
    // a readable route: the items are judged again (here the route is unvalidated, unlimited and unguarded in an app guarding nothing)
    const seen = items({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0', 'express-rate-limit': '^7.4.0' } }),
      'src/server.ts': "import express from 'express';\nimport rateLimit from 'express-rate-limit';\nconst app = express();\napp.use(rateLimit({ windowMs: 60_000, limit: 100 }));\napp.get('/health', (req, res) => res.json({ ok: true }));\napp.listen(3000);\n",
    });
    assert.equal(seen.get('harden.rate-limiting')!.status, 'pass');
    assert.equal(seen.get('harden.rate-limiting')!.note, undefined);
    // a Next.js site with no API route, server action or route handler has nothing to judge: no note
    const site = items({
      'package.json': JSON.stringify({ name: 'site', dependencies: { next: '^15.0.0', react: '^19.0.0' } }),
      'app/page.tsx': "export default function Home() {\n  return <main>Hello</main>;\n}\n",
    });
    assert.equal(site.get('harden.auth')!.note, undefined);
    assert.equal(site.get('harden.validation')!.status, 'pass');
  });

  it('says the schema is not known when the app uses a database but no schema was read (seen on a real Next.js + Supabase app)', () => {
    const items = (files: Record<string, string>) => {
      const ws = new Workspace({ rules: [identityNotUnique] });
      for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
      return new Map(ws.analyze().checklist.phases.flatMap((p) => p.items).map((i) => [i.id, i]));
    };
    const app = { 'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^16.0.0', '@supabase/supabase-js': '^2.45.0' } }), 'src/lib/db.ts': "import { createClient } from '@supabase/supabase-js';\nexport const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);\n" };
    const unseen = items(app).get('harden.schema')!;
    assert.equal(unseen.status, 'unknown');
    assert.equal(unseen.note, 'the app uses a database, but the scan read no schema (no schema.prisma, SQL migrations, entities or models): whether it is production-safe is not known');
    const seen = items({ ...app, 'supabase/migrations/0001_init.sql': 'create table public.orders (id bigint primary key, total numeric not null);\n' }).get('harden.schema')!;
    assert.equal(seen.status, 'pass');
    assert.equal(seen.note, undefined);
    const firestore = items({ 'package.json': JSON.stringify({ name: 'web', dependencies: { firebase: '^11.0.0' } }), 'src/db.ts': "import { getFirestore } from 'firebase/firestore';\nexport const db = getFirestore();\n" }).get('harden.schema')!;
    assert.equal(firestore.note, undefined);
  });
});
