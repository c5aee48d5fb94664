/**
 * Rule triggers (TsRule.triggers) are a speed gate only. These tests check what they rest on: the parser's name
 * table is complete, also after incremental re-parses (then a superset), and that on the examples and the
 * precision apps every registered rule gives the same findings and facts with the gates on and off.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { namesOf, parseTs } from '../../server/engine/parse';
import { loadWorkspace } from '../../server/engine/load';
import { Workspace } from '../../server/engine/workspace';
import { RULES } from '../../rules';
import { describeFinding } from '../helpers/ruleTester';
import { REPO as repo, realisticWorkspaces } from '../helpers/samples';
import type { TsRule } from '../../server/engine/types';

/** Every Identifier text, by walking the tree (the reference). */
function walkNames(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const SOURCE = `import jwt, { sign as s } from 'jsonwebtoken';
import * as crypto from 'node:crypto';
const { verify } = require('jsonwebtoken');
export class Tokens {
  #secret = process.env.JWT_SECRET;
  issue(user: { id: string }) { return s({ sub: user.id }, this.#secret!, { expiresIn: '1h' }); }
  check(token: string) { return verify(token, process.env['OTHER']!); }
}
export const Card = ({ title }: { title: string }) => title;
label: for (const x of [1]) { if (x) break label; }
const cfg = { cookie: { httpOnly: true }, 'quoted-key': 1 };
`;
const COMPUTED = "const opts = { ['synchronize']: true, [`autoIndex`]: false, [/* note */ 'dropSchema']: 0 };\nclass M { ['beforeCreate']() {} }\n";

describe('names table (namesOf)', () => {
  it('lists every identifier of a fresh parse and nothing of strings or quoted keys', () => {
    const sf = parseTs('src/a.ts', SOURCE);
    const names = namesOf(sf);
    assert.ok(names, 'the parser keeps a name table');
    for (const n of walkNames(sf)) assert.ok(names.has(n), `missing ${n}`);
    for (const n of ['sign', 's', 'verify', 'JWT_SECRET', 'expiresIn', 'httpOnly', 'title', 'label']) assert.ok(names.has(n), n);
    // the parser also interns property names written as strings (process.env['OTHER'], { 'quoted-key': 1 }) and import specifiers
    assert.ok(names.has('OTHER') && names.has('quoted-key') && names.has('jsonwebtoken'));
    for (const n of ['1h', 'expiresIn: ']) assert.ok(!names.has(n), `${n} is a string value, not a name`);
  });

  it('adds computed keys written as a string, which the parser does not list, also after an incremental re-parse', () => {
    const raw = (ts.createSourceFile('src/a.ts', COMPUTED, ts.ScriptTarget.Latest, true) as unknown as { identifiers: ReadonlyMap<string, string> }).identifiers;
    assert.ok(!raw.has('synchronize'), 'the parser itself lists them (then this addition is no longer needed)');
    const names = namesOf(parseTs('src/a.ts', COMPUTED))!;
    for (const n of ['synchronize', 'autoIndex', 'dropSchema', 'beforeCreate', 'opts']) assert.ok(names.has(n), n);
    let sf = parseTs('src/b.ts', SOURCE);
    sf = parseTs('src/b.ts', SOURCE + "export const late = { ['$where']: 'x' };\n", sf);
    assert.ok(namesOf(sf)!.has('$where') && namesOf(sf)!.has('late'));
  });

  it('stays a superset of the tree\'s identifiers across incremental re-parses', () => {
    let text = SOURCE;
    let sf = parseTs('src/a.ts', text);
    const edits: Array<[string, string]> = [
      ['expiresIn', 'expiresInX'], ['title', 'heading'], ['Tokens', 'TokenService'], ['\nlabel:', '\nconst added = newName;\nlabel:'],
      ['httpOnly: true', 'httpOnly: true, secure: isProd'], ['verify(token', 'jwt.decode(token'],
    ];
    for (const [from, to] of edits) {
      text = text.replace(from, to);
      sf = parseTs('src/a.ts', text, sf);
      const names = namesOf(sf);
      assert.ok(names);
      for (const n of walkNames(sf)) assert.ok(names.has(n), `missing ${n} after replacing ${from}`);
      // the reference: a fresh parse of the same text
      const fresh = namesOf(ts.createSourceFile('src/a.ts', text, ts.ScriptTarget.Latest, true))!;
      for (const n of fresh.keys()) assert.ok(names.has(n), `missing ${n} (fresh parse has it)`);
    }
    for (const n of ['expiresInX', 'heading', 'TokenService', 'newName', 'secure', 'isProd', 'decode']) assert.ok(namesOf(sf)!.has(n), n);
  });
});

const gated = RULES.filter((r): r is TsRule => r.scope === 'ts' && !!r.triggers);

/** Findings and per-file facts of a whole folder, with the gates on or off. */
function analyse(root: string, ignoreTriggers: boolean) {
  const ws = loadWorkspace(root, { rules: RULES, ignoreTriggers });
  const r = ws.analyze();
  const facts = Object.fromEntries(ws.paths().sort().map((p) => [p, ws.analyzeFile(p)?.facts]));
  return { findings: r.findings.map(describeFinding).sort(), facts };
}

describe('rule triggers', () => {
  it('some rules are gated (else this suite proves nothing)', () => {
    assert.ok(gated.length > 0);
  });

  for (const root of realisticWorkspaces()) {
    it(`give the same findings and facts with and without gates: ${path.relative(repo, root)}`, () => {
      const on = analyse(root, false);
      const off = analyse(root, true);
      assert.deepEqual(on.findings, off.findings);
      assert.deepEqual(on.facts, off.facts);
    });
  }

  it('match a module, or a subpath of it, and a name, across many gated rules', () => {
    const ran: string[] = [];
    const probe = (id: string, triggers: TsRule['triggers']): TsRule => ({ ...gated[0], meta: { ...gated[0].meta, id }, triggers, create: () => { ran.push(id); return {}; } });
    const rules = [
      probe('mod', { modules: ['a-lib', '@scope/pkg'] }), probe('name', { names: ['needle', 'other'] }),
      probe('both', { names: ['pin'], modules: ['b-lib'] }), probe('none', { names: ['absent'] }),
    ];
    const cases: Array<[string, string[]]> = [
      ["import x from 'a-lib/sub/deep';\nexport const needle = x;\n", ['mod', 'name']],
      ["import x from 'a-lib-other';\nimport y from 'x/a-lib';\nexport default [x, y];\n", []],
      ["const p = require('@scope/pkg/dist/index.js');\nexport const pin = p;\n", ['mod', 'both']],
      ["import * as b from 'b-lib';\nexport default b;\n", ['both']],
      ["import '@scope/pkgs';\nexport const o = { other: 1 };\n", ['name']],
    ];
    for (const [code, want] of cases) {
      ran.length = 0;
      const ws = new Workspace({ rules });
      ws.setFile('src/a.ts', code);
      ws.analyze();
      assert.deepEqual(ran.sort(), want.sort(), code);
    }
  });

  it('skip a gated rule on a file that cannot matter to it, and run it on one that can', () => {
    const rule = gated[0];
    let created = 0;
    const counting: TsRule = { ...rule, create: (ctx) => { created++; return rule.create(ctx); } };
    const ws = new Workspace({ rules: [counting] });
    ws.setFile('src/util.ts', 'export const add = (a: number, b: number) => a + b;\n');
    ws.analyze();
    assert.equal(created, 0, `${rule.meta.id} ran on a file without its trigger names`);
    const name = rule.triggers!.names?.[0];
    const mod = rule.triggers!.modules?.[0];
    ws.setFile('src/other.ts', name ? `export const x = { ${name}: 1 };\n` : `import m from '${mod}';\nexport default m;\n`);
    ws.analyze();
    assert.equal(created, 1);
    const all = new Workspace({ rules: [counting], ignoreTriggers: true });
    created = 0;
    all.setFile('src/util.ts', 'export const add = (a: number, b: number) => a + b;\n');
    all.analyze();
    assert.equal(created, 1);
  });
});
