/** ConstTable: a const followed to its value, scope-aware for names declared more than once in a file. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { ConstTable, stringValue } from '../../server/engine/ts/helpers';

function uses(code: string, name: string): ts.Identifier[] {
  const sf = ts.createSourceFile('a.ts', code, ts.ScriptTarget.Latest, true);
  const out: ts.Identifier[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && !ts.isVariableDeclaration(n.parent)) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('ConstTable', () => {
  it('a name declared in several functions resolves to the declaration in scope at each use; a let does not', () => {
    const code = [
      "const table = 'users';",
      "function a(db) { const sql = 'SELECT 1'; return db.run(sql, table); }",
      "function b(db) { const sql = `INSERT INTO t VALUES (1)`; return db.run(sql); }",
      "function c(db) { let sql = 'DELETE FROM t'; sql += ' WHERE 1'; return db.run(sql); }",
    ].join('\n');
    const [inA, inB, inC] = uses(code, 'sql');
    const consts = ConstTable.of(inA.getSourceFile());
    assert.equal(consts.get('sql'), undefined, 'the file-wide table leaves the name unresolved');
    assert.equal(stringValue(inA, consts), 'SELECT 1');
    assert.equal(stringValue(inB, consts), 'INSERT INTO t VALUES (1)');
    assert.equal(stringValue(inC, consts), undefined, 'a let may change');
    assert.equal(stringValue(uses(code, 'table')[0], consts), 'users', 'a name declared once: the table');
  });
});
