/** Parsing by kind: TOML (toml-eslint-parser), its key paths and string positions, broken files, accept comments. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { classify, parseFile, type ParsedOf } from '../../server/engine/parse';
import { tomlLeaves, tomlStringOffsets, tomlStringRange } from '../../server/engine/toml';
import { collectInlineAccepts, commentSyntax } from '../../server/engine/inlineAccept';
import { Workspace } from '../../server/engine/workspace';
import hardcodedSecret from '../../rules/security/hardcoded-secret';

const toml = (text: string, path = 'fly.toml') => parseFile(path, text) as ParsedOf<'toml'>;

describe('parse: TOML', () => {
  it('classifies every .toml file as toml, and the other config formats as text', () => {
    for (const p of ['fly.toml', 'fly.staging.toml', 'netlify.toml', 'apps/edge/wrangler.toml', 'railway.toml', 'pyproject.toml', 'supabase/config.toml', 'Cargo.TOML']) assert.equal(classify(p), 'toml', p);
    for (const p of ['config.ini', '.npmrc', 'infra/prod.tfvars', 'nginx.conf']) assert.equal(classify(p), 'text', p);
    assert.deepEqual(commentSyntax('toml'), { open: '# ', close: '' });
  });

  it('parses tables, arrays of tables, dotted keys, inline tables and arrays, with key paths and positions', () => {
    const text = [
      'app = "acme-api"',
      '[env]',
      '  PORT = "8080"',
      '  a.b = \'literal\'',
      '[[services]]',
      '  ports = [{ port = 443, handlers = ["tls", "http"] }]',
      '[env.production.vars]',
      '"quoted.key" = """',
      'multi',
      'line"""',
      '',
    ].join('\n');
    const f = toml(text);
    assert.equal(f.kind, 'toml');
    assert.equal(f.parseError, undefined);
    assert.ok(f.ast);
    const leaves = tomlLeaves(f.ast).map((l) => [l.path.join('/'), l.value.value]);
    assert.deepEqual(leaves, [
      ['app', 'acme-api'],
      ['env/PORT', '8080'],
      ['env/a/b', 'literal'],
      ['services/0/ports/0/port', 443],
      ['services/0/ports/0/handlers/0', 'tls'],
      ['services/0/ports/0/handlers/1', 'http'],
      ['env/production/vars/quoted.key', 'multi\nline'],
    ]);
    const port = tomlLeaves(f.ast)[1].value;
    assert.deepEqual(f.lines.range(port.range[0], port.range[1]), { start: { line: 2, character: 9 }, end: { line: 2, character: 15 } });
    assert.deepEqual(port.loc, { start: { line: 3, column: 9 }, end: { line: 3, column: 15 } });
  });

  it('maps a string value back to its source: escapes, CRLF and line-ending backslashes in multi-line strings, literal strings', () => {
    const text = 'a = "x\\ty\\u0041z"\r\nb = """\r\none\r\ntwo \\\r\n   three"""\r\nc = \'C:\\dir\'\r\nd = "\\U0001F600!"\r\n';
    const f = toml(text, 'x.toml');
    assert.equal(f.parseError, undefined);
    const [a, b, c, d] = tomlLeaves(f.ast!).map((l) => l.value as Extract<typeof l.value, { kind: 'string' }>);
    const at = (v: typeof a, i: number, j: number) => { const [s, e] = tomlStringRange(text, v, i, j); return text.slice(s, e); };
    assert.equal(a.value, 'x\tyAz');
    assert.equal(at(a, 3, 5), '\\u0041z');
    assert.equal(b.value, 'one\ntwo three');
    assert.equal(at(b, 0, 3), 'one');
    assert.equal(at(b, 4, 13), 'two \\\r\n   three');
    assert.equal(at(b, 8, 13), 'three');
    assert.equal(at(c, 0, c.value.length), 'C:\\dir');
    assert.equal(at(d, 2, 3), '!');
    for (const v of [a, b, c, d]) assert.equal(tomlStringOffsets(text, v)?.length, v.value.length + 1);
  });

  it('records a syntax error without throwing, and the secret scan still reads the file', () => {
    const text = 'app = "acme-api\n[env]\n  STRIPE_SECRET_KEY = "' + ['sk', 'live', '51PzQ8cnW06ZqvJFsthSx9S9BC36kY'].join('_') + '"\n';
    const f = toml(text);
    assert.equal(f.kind, 'toml');
    assert.equal(f.ast, undefined);
    assert.match(f.parseError ?? '', /^TOML: .* at line 1, column \d+$/);
    const logs: string[] = [];
    const ws = new Workspace({ rules: [hardcodedSecret], log: (l) => logs.push(`${l.level} ${l.message}`) });
    ws.setFile('fly.toml', text);
    const { findings } = ws.analyze();
    assert.deepEqual(findings.map((x) => `${x.file}:${x.range.start.line + 1}:${x.range.start.character + 1} ${x.ruleId}`), ['fly.toml:3:24 security/hardcoded-secret']);
    assert.ok(logs.some((l) => /^warn parse: TOML: /.test(l)), logs.join('\n'));
    assert.ok(!logs.some((l) => l.startsWith('error')), logs.join('\n'));
  });

  it('reads accept comments from the parser\'s comments (not from a # inside a string)', () => {
    const text = '[env]\n  # production-gap-accept security/hardcoded-secret -- rotated, test account\n  TOKEN = "x"\n  NOTE = "see # production-gap-accept x -- y"\n';
    const accepts = collectInlineAccepts(toml(text));
    assert.deepEqual(accepts.map((a) => [a.ruleId, a.reason, a.lines]), [['security/hardcoded-secret', 'rotated, test account', [1, 2]]]);
  });
});

describe('parse: SQL', () => {
  const sql = (text: string) => parseFile('supabase/migrations/20240101000000_init.sql', text) as ParsedOf<'sql'>;

  it('a foreign key added NOT VALID (as `supabase db diff` writes it) is read, its offsets unmoved', () => {
    const text = 'create table workspaces (id uuid primary key, org_id uuid not null);\nalter table "public"."workspaces" add constraint "ws_org_fkey" FOREIGN KEY (org_id) REFERENCES organizations(id) not valid;\n';
    const p = sql(text);
    assert.equal(p.parseError, undefined);
    assert.ok(p.ast[1].ast, 'the ALTER TABLE parses');
    const ws = new Workspace({ rules: [] });
    ws.setFile('supabase/migrations/20240101000000_init.sql', text);
    const fk = ws.analyzeFile('supabase/migrations/20240101000000_init.sql')!.facts.sqlSchema!.foreignKeys;
    assert.deepEqual(fk.map((f) => [f.table, f.columns, f.refTable]), [['workspaces', ['org_id'], 'organizations']]);
    assert.equal(fk[0].range.start.line, 1);
    assert.ok(text.slice(p.lines.offsetAt(fk[0].range.start), p.lines.offsetAt(fk[0].range.end)).includes('FOREIGN KEY (org_id) REFERENCES organizations'), 'the range is the constraint in the text');
  });

  it('statements no rule reads (GRANT, COMMENT ON, functions) and trailing comments are not parse errors; a broken CREATE TABLE is', () => {
    const ok = sql("grant select on table public.todos to authenticated;\ncomment on table public.todos is 'Todos';\ncreate or replace function public.f() returns trigger language plpgsql as $$ begin return new; end $$;\n-- the end\n-- nothing after this\n");
    assert.equal(ok.parseError, undefined);
    assert.equal(ok.ast.length, 3, 'the comments after the last statement are not a statement');
    assert.equal(sql('-- seed data goes here\n/* none yet */\n').ast.length, 0);
    assert.match(sql('create unique index idx on (;\n').parseError ?? '', /^SQL: 1 statement/);
  });
});

describe('parse: .env', () => {
  const env = (text: string) => (parseFile('.env.example', text) as ParsedOf<'env'>).ast;

  it('reads what dotenv reads: `KEY=value`, `KEY: value`, export, quotes, inline comments', () => {
    const text = [
      '# comment=not a key',
      'PORT=3000',
      'FRONTEND_URL: https://app.example.com',
      'export NODE_ENV = production',
      "GREETING='hello # not a comment'",
      'LOG_LEVEL=info # the default',
      'EMPTY=',
      'URL_WITH_FRAGMENT=https://x.test/a#b',
      'not an assignment',
      'TIME:12', // a colon needs a space after it
    ].join('\n');
    assert.deepEqual(env(text).map((e) => [e.key, e.value, e.line]), [
      ['PORT', '3000', 1],
      ['FRONTEND_URL', 'https://app.example.com', 2],
      ['NODE_ENV', 'production', 3],
      ['GREETING', 'hello # not a comment', 4],
      ['LOG_LEVEL', 'info', 5],
      ['EMPTY', '', 6],
      ['URL_WITH_FRAGMENT', 'https://x.test/a#b', 7],
    ]);
    const e = env(text)[1];
    assert.equal(text.slice(e.keyStart, e.keyStart + e.key.length), 'FRONTEND_URL');
    assert.equal(text.slice(e.valueStart, e.valueStart + 5), 'https');
  });

  it('a quoted value may run over several lines (a PEM key); the lines after it are read as usual', () => {
    const text = 'A=1\r\nPRIVATE_KEY="-----BEGIN PRIVATE KEY-----\r\nMIIEv\r\n-----END PRIVATE KEY-----"\r\nB=2\r\nESCAPED="x\\ny"\n';
    assert.deepEqual(env(text).map((e) => [e.key, e.value, e.line]), [
      ['A', '1', 0],
      ['PRIVATE_KEY', '-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----', 1],
      ['B', '2', 4],
      ['ESCAPED', 'x\ny', 5],
    ]);
  });
});
