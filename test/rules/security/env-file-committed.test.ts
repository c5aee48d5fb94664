import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import rule from '../../../rules/security/env-file-committed';
import { ruleTester, runOn } from '../../helpers/ruleTester';
import { applyFix } from '../../../server/engine/fixes';

const ENV = 'DATABASE_URL=postgres://app:app@localhost:5432/app\nSTRIPE_SECRET_KEY=sk_test_placeholder\n';
const BLOCK = '# Env files hold secrets: commit templates only\n.env\n.env.*\n!.env.example\n';

ruleTester(rule, {
  valid: [
    // no .env yet: a server that loads one with .gitignore covering it, a Next.js app (its .env holds committed defaults), and no loader at all
    { files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { dotenv: '^16.4.0' } }), '.gitignore': 'node_modules\n.env\n', '.env.example': 'DATABASE_URL=\n' } },
    { files: { 'package.json': JSON.stringify({ name: 'web', dependencies: { next: '^15.0.0' } }), '.gitignore': 'node_modules\n.env*.local\n' } },
    { files: { 'package.json': JSON.stringify({ name: 'lib', dependencies: { zod: '^3.23.0' } }), '.gitignore': 'node_modules\n' } },
    // ignored and not tracked: the normal, healthy state
    { files: { '.env': ENV, '.gitignore': 'node_modules\n.env\n' }, gitTracked: ['.gitignore'] },
    { files: { '.env.local': ENV, '.env.production': ENV, '.gitignore': '.env*\n!.env.example\n' } },
    { files: { 'apps/api/.env': ENV, '.gitignore': '.env\n' } },
    { files: { 'apps/api/.env': ENV, 'apps/api/.gitignore': '.env\n', '.gitignore': 'node_modules\n' } },
    // templates are meant to be committed
    { files: { '.env.example': ENV, '.env.sample': ENV, '.env.local.example': ENV, '.gitignore': 'node_modules\n' }, gitTracked: ['.env.example', '.env.sample', '.env.local.example'] },
    // files committed by design: test settings, dotenv-vault's encrypted file, fixtures
    { files: { '.env.test': ENV, '.env.vault': 'DOTENV_VAULT_DEVELOPMENT="encrypted"\n', 'test/fixtures/.env': ENV, '.gitignore': 'node_modules\n' }, gitTracked: ['.env.test', '.env.vault', 'test/fixtures/.env'] },
    // nothing secret inside: only public (browser) values and plain settings, or nothing at all
    { files: { '.env': 'NEXT_PUBLIC_API_URL=https://api.example.com\nVITE_APP_NAME=Demo\nPORT=3000\nNODE_ENV=development\n', '.gitignore': 'node_modules\n' }, gitTracked: ['.env'] },
    { files: { '.env': '# filled in by scripts/setup.sh\n', '.gitignore': 'node_modules\n' }, gitTracked: ['.env'] },
  ],
  invalid: [
    {
      name: 'no .env yet, but the server loads one (@nestjs/config) and .gitignore has only .env.* (seen on a real NestJS app whose README says to create .env)',
      files: { 'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/config': '^3.2.0' } }), '.gitignore': '# ENV\n.env.*\n!.env.example\n', '.env.example': 'DATABASE_URL=\nJWT_SECRET=\n' },
      errors: [{ file: '.gitignore', line: 1, column: 1, tier: 'tech-debt', message: '.gitignore does not cover .env, which this app loads (@nestjs/config): the first developer who creates it from .env.example commits its secrets with the next `git add .`. Add .env (and .env.*, keeping the templates) to .gitignore.' }],
      output: { '.gitignore': '# ENV\n.env.*\n!.env.example\n\n# Env files hold secrets: commit templates only\n.env\n' },
    },
    {
      name: 'not tracked, not ignored: .gitignore gets the env block',
      files: { '.env': ENV, '.gitignore': 'node_modules\ndist\n' },
      gitTracked: ['.gitignore'],
      errors: [{ file: '.env', line: 1, column: 1, endLine: 1, endColumn: 51, tier: 'ship-stopping', message: '.env is not covered by .gitignore: the next `git add .` commits its secrets. Add it to .gitignore.' }],
      output: { '.gitignore': 'node_modules\ndist\n\n' + BLOCK },
    },
    {
      name: 'no git information and no .gitignore at all: one is created',
      files: { '.env': ENV, 'package.json': '{ "name": "app" }' },
      errors: [{ file: '.env', line: 1, column: 1, message: /^\.env is not covered by \.gitignore: one `git add \.` commits its secrets\..*`git rm --cached \.env` and rotate/ }],
      output: { '.gitignore': BLOCK },
    },
    {
      name: 'existing template and a partial .gitignore without a final newline',
      files: { '.env.local': ENV, '.env.sample': 'DATABASE_URL=\n', '.gitignore': 'node_modules\n.env' },
      errors: [{ file: '.env.local', line: 1, column: 1 }],
      output: { '.gitignore': 'node_modules\n.env\n\n# Env files hold secrets: commit templates only\n.env.*\n!.env.example\n!.env.sample\n' },
    },
    {
      name: 'a nested package: root-relative patterns cover it',
      files: { 'apps/api/.env.production': ENV, '.gitignore': '/node_modules\n' },
      errors: [{ file: 'apps/api/.env.production', line: 1, column: 1 }],
      output: { '.gitignore': '/node_modules\n\n' + BLOCK },
    },
    {
      name: 'an env file named like config/prod.env',
      files: { 'config/prod.env': ENV, '.gitignore': 'node_modules\n' },
      errors: [{ file: 'config/prod.env', line: 1, column: 1 }],
      output: { '.gitignore': 'node_modules\n\n' + BLOCK.replace('!.env.example\n', '!.env.example\n*.env\n') },
    },
    {
      name: 'CRLF .gitignore keeps its line endings',
      files: { '.env': ENV, '.gitignore': 'node_modules\r\n' },
      errors: [{ file: '.env', line: 1, column: 1 }],
      output: { '.gitignore': 'node_modules\r\n\r\n' + BLOCK.replace(/\n/g, '\r\n') },
    },
    {
      name: 'tracked and ignored: only git rm --cached and rotation help (no fix)',
      files: { '.env': ENV, '.gitignore': '.env\n' },
      gitTracked: ['.env', '.gitignore'],
      errors: [{ file: '.env', line: 1, column: 1, tier: 'ship-stopping', message: '.env is still tracked by git although .gitignore covers it (ignoring a file does not untrack it): its secrets are in the repository and its history. Run `git rm --cached .env`, then rotate every secret it holds.' }],
      output: null,
    },
    {
      name: 'tracked and not ignored (the fix is checked below: the file stays tracked after it)',
      files: { '.env': ENV, '.gitignore': 'node_modules\n' },
      gitTracked: ['.env', '.gitignore'],
      errors: [{ file: '.env', line: 1, column: 1, message: '.env is committed to git and not covered by .gitignore: every clone, fork and CI cache of the repository has its secrets, and they stay in git history. Rotate every secret it holds, add it to .gitignore and run `git rm --cached .env`.' }],
    },
    {
      name: 'several env files: one finding each',
      files: { '.env': ENV, '.env.development': ENV, '.env.example': 'DATABASE_URL=\n' },
      gitTracked: ['.env.development', '.env.example'],
      errors: [{ file: '.env', line: 1, column: 1, message: /not covered/ }, { file: '.env.development', line: 1, column: 1, message: /^\.env\.development is committed to git/ }],
      output: { '.gitignore': BLOCK },
    },
  ],
});

describe('security/env-file-committed: tracked and not ignored', () => {
  it('adds the file to .gitignore, and the finding turns into the git rm --cached one', () => {
    const files = { '.env': ENV, '.gitignore': 'node_modules\n' };
    const gitTracked = ['.env', '.gitignore'];
    const [finding] = runOn([rule], files, undefined, gitTracked);
    const changed = applyFix(new Map(Object.entries(files)), finding.fixes[0]);
    assert.deepEqual(Object.fromEntries(changed), { '.gitignore': 'node_modules\n\n' + BLOCK });
    const after = runOn([rule], { ...files, ...Object.fromEntries(changed) }, undefined, gitTracked);
    assert.equal(after.length, 1);
    assert.match(after[0].message, /still tracked by git although \.gitignore covers it.*git rm --cached \.env/);
    assert.equal(after[0].fixes.length, 0);
  });
});
