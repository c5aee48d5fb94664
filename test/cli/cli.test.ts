/**
 * The `production-gap` command, run as users run it (the built bin shim and dist/cli.js) on temp workspaces:
 * arguments and exit codes, the five formats (JSON and SARIF validated against their schemas), --output,
 * --exclude, --quiet/--verbose, and secrets never appearing raw in any output.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../rules';
import type { AuditOutput } from '../../server/report/json';
import { auditOutputValidator, buildCli, removeAll, schemaErrors, runCli, sarifValidator, tempWorkspace, REPO } from '../helpers/cli';
import { JWT_SIGN_NO_EXPIRY } from '../helpers/samples';

const AUTH_TS = JWT_SIGN_NO_EXPIRY;

const GAPPY = {
  'package.json': JSON.stringify({ name: 'gappy', version: '1.0.0', scripts: { start: 'node dist/server.js' }, dependencies: { express: '4.19.2', jsonwebtoken: '9.0.2' } }, null, 2) + '\n',
  'src/auth.ts': AUTH_TS,
  'src/legacy code/token.ts': AUTH_TS,
};

const ANSI = /\u001b\[/;

let pkg: string;
let gappy: string;
let empty: string;
const cleanup: string[] = [];

before(() => {
  pkg = buildCli();
  gappy = tempWorkspace(GAPPY);
  empty = tempWorkspace({});
  cleanup.push(pkg, gappy, empty);
});
after(() => removeAll(...cleanup));

const audit = (args: string[], opts: Parameters<typeof runCli>[2] = {}) => runCli(pkg, ['audit', ...args], { cwd: gappy, ...opts });
const jsonOf = (root: string): AuditOutput => {
  const r = audit([root, '--format', 'json', '--fail-on', 'never']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

describe('arguments and exit codes', () => {
  it('--help and --version exit 0', () => {
    const help = runCli(pkg, ['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: production-gap audit \[path\]/);
    for (const flag of ['--format', '--output', '--fail-on', '--exclude', '--baseline', '--write-baseline', '--quiet', '--verbose']) assert.ok(help.stdout.includes(flag), flag);
    assert.match(help.stdout, /markdown or html/);
    assert.equal(runCli(pkg, ['audit', '-h']).status, 0);
    const version = runCli(pkg, ['--version']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ['no command', [], /missing command/],
    ['unknown command', ['scan', '.'], /unknown command 'scan'/],
    ['unknown option', ['audit', '--bogus'], /unknown option '--bogus'/],
    ['bad --format', ['audit', '--format', 'xml'], /invalid --format 'xml': expected text, json, sarif, markdown or html/],
    ['bad --fail-on', ['audit', '--fail-on', 'error'], /invalid --fail-on 'error'/],
    ['--format without a value', ['audit', '--format'], /argument missing/],
    ['two paths', ['audit', 'a', 'b'], /unexpected argument 'b'/],
    ['--quiet with --verbose', ['audit', '--quiet', '--verbose'], /cannot be used together/],
  ];
  for (const [name, args, message] of bad) {
    it(`exits 2 on ${name}`, () => {
      const r = runCli(pkg, args, { cwd: gappy });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /--help/);
      assert.equal(r.stdout, '');
    });
  }

  it('exits 2 on a missing path, a file, and an unreadable folder', () => {
    const missing = audit([path.join(gappy, 'nope')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*nope: no such file or folder/);
    const file = audit(['package.json']);
    assert.equal(file.status, 2);
    assert.match(file.stderr, /package\.json is not a folder/);
    if (process.getuid?.() !== 0) {
      const locked = tempWorkspace({ 'a.ts': '' });
      cleanup.push(locked);
      fs.chmodSync(locked, 0o000);
      try {
        const r = audit([locked]);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /permission denied/);
      } finally { fs.chmodSync(locked, 0o755); }
    }
  });

  it('--fail-on decides the exit code from the tiers of the findings', () => {
    for (const root of [gappy, empty]) {
      const { byTier } = jsonOf(root).summary;
      const expected = {
        'ship-stopping': byTier['ship-stopping'] > 0 ? 1 : 0,
        'tech-debt': byTier['ship-stopping'] + byTier['tech-debt'] > 0 ? 1 : 0,
        never: 0,
      };
      for (const [failOn, code] of Object.entries(expected)) {
        assert.equal(audit([root, '--fail-on', failOn, '--quiet']).status, code, `${root} --fail-on ${failOn}`);
      }
      assert.equal(audit([root, '--quiet']).status, expected['ship-stopping'], 'default is ship-stopping');
    }
    assert.equal(audit(['.', '--fail-on', 'ship-stopping']).status, 1, 'jwt-no-expiry is ship-stopping');
  });

  it('audits the bundled example workspace when no path is given', { skip: !fs.existsSync(path.join(REPO, 'examples/mvp')) && 'examples/mvp does not exist yet' }, () => {
    const r = runCli(pkg, ['audit', '--format', 'json', '--fail-on', 'never']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as AuditOutput;
    assert.ok(out.summary.files > 0);
    const text = runCli(pkg, ['audit', '--fail-on', 'never']);
    assert.match(text.stdout, /· mvp ·/);
  });
});

describe('text format', () => {
  it('groups findings by phase then tier, with file:line:col, rule id and message, then the checklist', () => {
    const r = audit(['.']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, ANSI, 'no colour when stdout is not a terminal');
    const out = r.stdout;
    assert.match(out, /^Production Gap \d+\.\d+\.\d+ · pg-ws-\w+ · \d+ files? · \d+ rules?\n/);
    const harden = out.indexOf('\nHARDEN\n');
    const ship = out.indexOf('  Ship-stopping (', harden);
    const loc = out.indexOf('    src/auth.ts:4:10  auth/jwt-no-expiry\n      This JWT never expires', ship);
    const checklist = out.indexOf('\nCHECKLIST\n');
    assert.ok(harden >= 0 && ship > harden && loc > ship && checklist > loc, out);
    assert.ok(out.includes('src/legacy code/token.ts:4:10  auth/jwt-no-expiry'));
    assert.match(out, /\n {4}✗ Auth validated +\d+ open\n/);
    assert.match(out, /\n {2}Infrastructure\n/);
    const readiness = out.indexOf('\nREADINESS ');
    assert.ok(readiness > checklist, 'the readiness block follows the checklist');
    assert.match(out, /\nREADINESS \d+% · about .+ of work left\n {2}Harden +\d+% ready {2}· \d+ open findings? · (about .+ of work|no work left)\n {2}Infrastructure +\d+% ready/);
    assert.match(out, /\n {2}0 accepted shortcuts · 0 attested items( · \d+ items? unknown)?\n/);
    assert.match(out, /\n✗ \d+ ship-stopping · \d+ tech debt · 0 accepted in \d+ files\n$/);
  });

  it('prefixes locations with the folder when it is below the current directory', () => {
    const r = audit([gappy], { cwd: path.dirname(gappy) });
    assert.ok(r.stdout.includes(`${path.basename(gappy)}/src/auth.ts:4:10`), r.stdout);
    const outside = audit([gappy], { cwd: path.join(gappy, 'src') });
    assert.ok(outside.stdout.includes('\n    src/auth.ts:4:10'), outside.stdout);
  });

  it('colours only when asked: --color, FORCE_COLOR; NO_COLOR and --no-color win over FORCE_COLOR', () => {
    assert.match(audit(['.', '--color']).stdout, ANSI);
    assert.match(audit(['.'], { env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(audit(['.'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(audit(['.', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(audit(['.', '--format', 'json', '--color']).stdout, ANSI);
  });

  it('--quiet prints findings and the summary line, nothing on stderr', () => {
    const r = audit(['.', '--quiet']);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.includes('src/auth.ts:4:10'));
    assert.ok(!r.stdout.includes('CHECKLIST'));
    assert.ok(!r.stdout.startsWith('Production Gap'));
  });

  it('says so when there is nothing to report', () => {
    const r = audit([empty]);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /\nNo findings\.\n/);
    assert.match(r.stdout, /\n✓ 0 ship-stopping · 0 tech debt · 0 accepted in 0 files\n$/);
  });
});

describe('json format', () => {
  it('matches schemas/audit-output.schema.json and carries findings, checklist and summary', () => {
    const validate = auditOutputValidator();
    for (const root of [gappy, empty]) {
      assert.equal(schemaErrors(validate, jsonOf(root)), undefined);
    }
    const out = jsonOf(gappy);
    assert.equal(out.schemaVersion, '1.2');
    assert.ok(Number.isInteger(out.summary.score) && out.summary.score < 100);
    assert.match(out.summary.effort.label, /^about /);
    const f = out.findings.find((x) => x.file === 'src/auth.ts' && x.ruleId === 'auth/jwt-no-expiry');
    assert.ok(f);
    assert.deepEqual(f.range, { startLine: 4, startColumn: 10, endLine: 4, endColumn: 18 });
    assert.equal(f.tier, 'ship-stopping');
    assert.equal(out.summary.findings, out.findings.length);
    assert.equal(out.summary.byTier['ship-stopping'], out.findings.filter((x) => x.tier === 'ship-stopping').length);
    assert.deepEqual(out.checklist.phases.map((p) => p.phase), ['audit', 'harden', 'infrastructure', 'documentation']);
    const auth = out.checklist.phases[1].items.find((i) => i.id === 'harden.auth')!;
    assert.equal(auth.status, 'fail');
    assert.ok(auth.findings.includes(f.fingerprint));
    assert.deepEqual(out.rules.map((r) => r.id), RULES.map((r) => r.meta.id));
  });

  it('is the same from one run to the next', () => {
    assert.equal(audit(['.', '-f', 'json']).stdout, audit(['.', '-f', 'json']).stdout);
  });

  it('--cache keeps the analyses between runs: the next run reuses those of unchanged files, with the same output', () => {
    const ws = tempWorkspace(GAPPY);
    const cache = path.join(tempWorkspace({}), 'cache');
    cleanup.push(ws, path.dirname(cache));
    const run = () => runCli(pkg, ['audit', ws, '-f', 'json', '--fail-on', 'never', '--verbose', '--cache', cache]);
    const cold = run();
    assert.equal(cold.status, 0, cold.stderr);
    assert.match(cold.stderr, /info: 0 stored analyses reused from .* \(no stored analyses yet\)/);
    const warm = run();
    assert.match(warm.stderr, /info: 3 stored analyses reused from /, 'package.json and the two sources');
    assert.equal(warm.stdout, cold.stdout);

    fs.writeFileSync(path.join(ws, 'src/auth.ts'), 'export const ok = 1;\n');
    const changed = run();
    assert.match(changed.stderr, /info: 2 stored analyses reused from /);
    const before = (JSON.parse(cold.stdout) as AuditOutput).findings.filter((f) => f.file === 'src/auth.ts');
    const after = (JSON.parse(changed.stdout) as AuditOutput).findings.filter((f) => f.file === 'src/auth.ts');
    assert.ok(before.length > 0 && after.length === 0, 'the changed file is analysed again');

    for (const f of fs.readdirSync(cache)) fs.writeFileSync(path.join(cache, f), 'not json');
    const broken = run();
    assert.equal(broken.status, 0, broken.stderr);
    assert.match(broken.stderr, /info: 0 stored analyses reused from .* \(the stored analyses could not be read/);
    assert.equal(broken.stdout, changed.stdout);

    // A cache folder inside the audited folder is not audited itself.
    const inside = runCli(pkg, ['audit', '.', '-f', 'json', '--fail-on', 'never', '--cache', '.production-gap-cache'], { cwd: ws });
    const again = runCli(pkg, ['audit', '.', '-f', 'json', '--fail-on', 'never', '--cache', '.production-gap-cache'], { cwd: ws });
    assert.ok(fs.existsSync(path.join(ws, '.production-gap-cache')));
    assert.equal(again.stdout, inside.stdout);
    assert.equal((JSON.parse(again.stdout) as AuditOutput).summary.files, (JSON.parse(changed.stdout) as AuditOutput).summary.files);
  });
});

describe('--threads', () => {
  it('analyses a large folder on worker threads, with the output of one thread; a bad count is a usage error', () => {
    const files: Record<string, string> = { ...GAPPY };
    for (let i = 0; i < 240; i++) files[`src/gen/f${i}.ts`] = i % 10 === 0 ? AUTH_TS : `export const v${i} = ${i};\n`;
    const ws = tempWorkspace(files);
    cleanup.push(ws);
    const two = runCli(pkg, ['audit', ws, '-f', 'json', '--fail-on', 'never', '--verbose', '--threads', '2']);
    assert.equal(two.status, 0, two.stderr);
    assert.match(two.stderr, /info: 243 files analysed, \d+ of them on 1 worker thread/);
    const one = runCli(pkg, ['audit', ws, '-f', 'json', '--fail-on', 'never', '--verbose', '--threads', '1']);
    assert.doesNotMatch(one.stderr, /worker thread/);
    assert.equal(two.stdout, one.stdout);
    assert.ok((JSON.parse(one.stdout) as AuditOutput).findings.length >= 26);
    for (const bad of ['0', 'two', '1.5']) {
      const r = runCli(pkg, ['audit', ws, '--threads', bad]);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, /--threads needs a whole number of at least 1/);
    }
  });
});

describe('sarif format', () => {
  it('is valid SARIF 2.1.0 with rules, levels, fingerprints and URIs relative to %SRCROOT%', () => {
    const r = audit(['.', '--format', 'sarif']);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    assert.equal(schemaErrors(validate, log), undefined);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'Production Gap');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map((x: { id: string }) => x.id), RULES.map((x) => x.meta.id));
    for (const rule of driver.rules) {
      for (const key of ['id', 'name', 'shortDescription', 'fullDescription', 'help', 'helpUri', 'properties', 'defaultConfiguration']) assert.ok(rule[key], `${rule.id}.${key}`);
      assert.ok(rule.help.text && rule.help.markdown);
      assert.deepEqual(Object.keys(rule.properties).filter((k) => k !== 'security-severity').sort(), ['category', 'phase', 'tags', 'tier']);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(fs.realpathSync(gappy)).href + '/' } });
    assert.ok(run.results.length >= 2);
    for (const res of run.results) {
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.equal(res.level, { 'ship-stopping': 'error', 'tech-debt': 'warning', accepted: 'note' }[res.properties.tier as string]);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(loc.artifactLocation.uri, /^(\/|[a-z]+:|\.\.)/i, 'relative to the root');
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      assert.match(res.partialFingerprints['productionGap/v1'], /^[0-9a-f]+$/);
    }
    const jwt = run.results.filter((x: { ruleId: string }) => x.ruleId === 'auth/jwt-no-expiry');
    assert.deepEqual(jwt.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri).sort(), ['src/auth.ts', 'src/legacy%20code/token.ts']);
    assert.deepEqual(jwt[0].locations[0].physicalLocation.region, { startLine: 4, startColumn: 10, endLine: 4, endColumn: 18 });
    assert.equal(jwt[0].level, 'error');
  });
});

describe('markdown and html formats', () => {
  it('markdown: title, summary, the tiers, the shortcuts, attestations and the plan by phase, with links to the files', () => {
    const r = audit(['.', '--format', 'markdown']);
    assert.equal(r.status, 1);
    const md = r.stdout;
    const order = ['# Production readiness audit: gappy — ', '## Summary', '| Phase | Readiness | Items done | Open findings | Remaining effort |', '| Area | Ship-stopping | Tech debt | Accepted |',
      '## Ship-stopping issues (', '### 1. JWTs are signed without an expiry', '## Technical debt (', '## Acceptable shortcuts (0)', '## Attestations', '## Plan by phase',
      '### Audit', '### Harden — ', '### Infrastructure — ', '### Documentation — ', '## About this report'];
    let at = -1;
    for (const heading of order) {
      const i = md.indexOf(heading.replace('gappy', path.basename(gappy)), at + 1);
      assert.ok(i > at, `${heading} after the previous section`);
      at = i;
    }
    assert.match(md, /\*\*Not ready to grow yet: \d+ ship-stopping issues? to fix first\*\*/);
    assert.ok(md.includes('_[`auth/jwt-no-expiry`](https://'));
    assert.ok(md.includes('- [src/auth.ts:4](src/auth.ts#L4)\n- [src/legacy code/token.ts:4](src/legacy%20code/token.ts#L4)\n'), 'each place, linked; the shared message once');
    assert.ok(md.includes('**Finding.** This JWT never expires'));
    assert.match(md, /\| Auth validated \| ❌ \d+ open \| about \d+ hours? \|/);
    assert.match(md, /_Generated by \[Production Gap\]\(https:\/\/[^)]+\) \d+\.\d+\.\d+ on \d{4}-\d{2}-\d{2}: /);
  });

  it('markdown and html written with --output link to the files from the report\'s folder', () => {
    const dir = tempWorkspace({});
    cleanup.push(dir);
    const md = path.join(gappy, 'docs', 'AUDIT.md');
    assert.equal(audit(['.', '-f', 'markdown', '-o', md, '-q']).status, 1);
    assert.ok(fs.readFileSync(md, 'utf8').includes('](../src/auth.ts#L4)'));
    const html = path.join(gappy, 'audit.html');
    assert.equal(audit(['.', '-f', 'html', '-o', html, '-q']).status, 1);
    const page = fs.readFileSync(html, 'utf8');
    assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.ok(page.includes('<a href="src/auth.ts#L4">src/auth.ts:4</a>'));
    assert.match(page, /@media print/);
    fs.rmSync(path.join(gappy, 'docs'), { recursive: true });
    fs.rmSync(html);
  });
});

describe('--output, --exclude, logs', () => {
  it('--output writes the report to the file (creating folders) and keeps stdout empty', () => {
    const dir = tempWorkspace({});
    cleanup.push(dir);
    for (const format of ['text', 'json', 'sarif', 'markdown', 'html']) {
      const file = path.join(dir, 'reports', `audit.${format}`);
      const r = audit(['.', '--format', format, '--output', file]);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`Wrote the ${format} report to .*audit\\.${format}: \\d+ ship-stopping`));
      const content = fs.readFileSync(file, 'utf8');
      assert.ok(content.includes('auth/jwt-no-expiry'), format);
      assert.doesNotMatch(content, ANSI);
    }
    assert.equal(audit(['.', '-o', path.join(dir, 'q.json'), '-f', 'json', '-q']).stderr, '');
    const bad = audit(['.', '--output', dir]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cannot write/);
  });

  it('--exclude skips matching files and is repeatable', () => {
    const files = (args: string[]) => new Set(JSON.parse(audit(['.', '-f', 'json', ...args]).stdout).findings.map((f: { file: string }) => f.file));
    assert.ok(files([]).has('src/auth.ts'));
    const one = files(['--exclude', 'src/auth.ts']);
    assert.ok(!one.has('src/auth.ts') && one.has('src/legacy code/token.ts'));
    const two = files(['--exclude', 'src/auth.ts', '--exclude', 'src/legacy code/**']);
    assert.ok(!two.has('src/auth.ts') && !two.has('src/legacy code/token.ts'));
  });

  it('summarises engine log lines on stderr, and prints them with --verbose', () => {
    const root = tempWorkspace({ ...GAPPY, 'public/vendor.min.js': `var a=${JSON.stringify('x'.repeat(30_000))};` });
    cleanup.push(root);
    const plain = audit([root]);
    assert.equal(plain.stderr, 'production-gap: 1 file skipped (use --verbose for details)\n');
    const verbose = audit([root, '--verbose']);
    assert.match(verbose.stderr, /^warn: public\/vendor\.min\.js: skipped: minified/m);
    assert.doesNotMatch(verbose.stderr, /use --verbose/);
    assert.equal(audit([root, '--quiet']).stderr, '');
    assert.equal(plain.stdout, verbose.stdout);
  });
});

describe('secrets', () => {
  const rand = (n: number, alphabet: string) => Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
  const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  // Built at run time so no scanner ever sees a key-shaped literal in this file.
  const stripe = rand(24, base62);
  const aws = rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
  const dbPassword = rand(20, base62);
  const registered = RULES.some((r) => r.meta.id === 'security/hardcoded-secret');

  it(`never prints a planted secret raw in any format${registered ? '' : ' (security/hardcoded-secret is not registered yet: only the absence of raw values is checked)'}`, () => {
    const root = tempWorkspace({
      ...GAPPY,
      'src/billing.ts': `import Stripe from 'stripe';\n\nexport const stripe = new Stripe('${'sk_' + 'live_' + stripe}');\nexport const awsAccessKeyId = '${'AKIA' + aws}';\n`,
      'src/db.ts': `import { Pool } from 'pg';\n\nexport const pool = new Pool({ connectionString: '${'postgres://app:' + dbPassword + '@db.internal:5432/app'}' });\n`,
      '.env': `DATABASE_URL=postgres://app:${dbPassword}@db.internal:5432/app\nSTRIPE_SECRET_KEY=${'sk_' + 'live_' + stripe}\n`,
    });
    cleanup.push(root);
    const outputs: string[] = [];
    for (const format of ['text', 'json', 'sarif', 'markdown', 'html']) {
      const r = audit([root, '--format', format, '--verbose', '--fail-on', 'never']);
      assert.equal(r.status, 0, r.stderr);
      outputs.push(r.stdout, r.stderr);
    }
    const all = outputs.join('\n');
    for (const secret of [stripe, aws, dbPassword]) {
      for (let i = 0; i + 6 <= secret.length; i++) assert.ok(!all.includes(secret.slice(i, i + 6)), `part of a planted secret (${secret.slice(0, 2)}…) appears in the output`);
    }
    if (registered) {
      const out = JSON.parse(outputs[2]) as AuditOutput;
      const found = out.findings.filter((f) => f.ruleId === 'security/hardcoded-secret');
      assert.ok(found.some((f) => f.file === 'src/billing.ts'), 'the planted Stripe key is reported');
    }
  });
});
