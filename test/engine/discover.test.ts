import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discover, gitTrackedEnvFiles } from '../../server/engine/discover';
import { spawnSync } from 'node:child_process';
import { RULES } from '../../rules';
import { loadWorkspace } from '../../server/engine/load';
import type { EngineLog } from '../../server/engine/types';

function write(root: string, files: Record<string, string | Buffer>) {
  for (const [p, c] of Object.entries(files)) {
    const abs = path.join(root, p);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, c);
  }
}

describe('workspace discovery', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-discover-'));
    write(root, {
      'package.json': '{"name":"root","workspaces":["packages/*"]}',
      '.gitignore': 'generated/\n*.local.ts\n',
      'src/app.ts': 'export const a = 1;\n',
      'src/app.local.ts': 'export const b = 1;\n',
      'generated/client.ts': 'export {};\n',
      'node_modules/express/index.js': 'module.exports = {};\n',
      'dist/server.js': '',
      '.next/server.js': '',
      'coverage/lcov.js': '',
      'packages/api/package.json': '{"name":"api","dependencies":{"express":"^4"}}',
      'packages/api/.gitignore': 'tmp\n',
      'packages/api/src/server.ts': "import express from 'express';\nexpress().listen(3000);\n",
      'packages/api/tmp/scratch.ts': '',
      'packages/web/package.json': '{"name":"web","dependencies":{"next":"15"}}',
      'packages/web/app/page.tsx': 'export default function Page() { return null; }\n',
      'packages/web/Dockerfile.prod': 'FROM node:20\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'prisma/schema.prisma': 'model A {\n  id Int @id\n}\n',
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'README.md': '# x\n',
      'docs/notes.txt': 'hello\n',
    });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists readable files, honouring nested .gitignore files and default excludes', () => {
    const paths = discover(root).map((f) => f.path).sort();
    assert.deepEqual(paths, [
      '.github/workflows/ci.yml', '.gitignore', 'README.md', 'docs/notes.txt', 'package.json',
      'packages/api/.gitignore', 'packages/api/package.json', 'packages/api/src/server.ts',
      'packages/web/Dockerfile.prod', 'packages/web/app/page.tsx', 'packages/web/package.json',
      'prisma/schema.prisma', 'src/app.ts',
    ]);
  });

  it('applies configured exclude globs', () => {
    const paths = discover(root, { exclude: ['packages/web/**', 'docs'] }).map((f) => f.path);
    assert.ok(!paths.some((p) => p.startsWith('packages/web/')));
    assert.ok(!paths.includes('docs/notes.txt'));
    assert.ok(paths.includes('src/app.ts'));
  });

  it('finds every package of a monorepo and which package a file belongs to', () => {
    const ws = loadWorkspace(root, { rules: [] });
    const facts = ws.facts();
    assert.deepEqual(facts.packages.map((p) => p.dir).sort(), ['', 'packages/api', 'packages/web']);
    assert.equal(facts.packageOf('packages/api/src/server.ts')?.manifest.name, 'api');
    assert.equal(facts.packageOf('src/app.ts')?.manifest.name, 'root');
    assert.deepEqual([...facts.packageOf('packages/web/app/page.tsx')!.frameworks], ['nextjs']);
    assert.deepEqual(facts.packageOf('packages/api/src/server.ts')!.serverEntries, ['packages/api/src/server.ts']);
    assert.deepEqual(facts.ciFiles, ['.github/workflows/ci.yml']);
  });

  it('skips symlink loops, broken links, unreadable folders and binary files with a log line', (t) => {
    const r = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-bad-'));
    try {
      write(r, { 'src/a.ts': 'export const a = 1;\n', 'src/blob.ts': Buffer.from([0x61, 0, 0x62]), 'big.min.js': 'var a=1;'.repeat(5000) });
      fs.symlinkSync(r, path.join(r, 'src', 'loop'));
      fs.symlinkSync(path.join(r, 'missing'), path.join(r, 'broken.ts'));
      const locked = path.join(r, 'locked');
      fs.mkdirSync(locked);
      fs.writeFileSync(path.join(locked, 'x.ts'), '');
      fs.chmodSync(locked, 0);
      const logs: EngineLog[] = [];
      const ws = loadWorkspace(r, { rules: [], log: (l) => logs.push(l) });
      fs.chmodSync(locked, 0o755);
      const result = ws.analyze();
      assert.ok(result.fileCount >= 1);
      assert.ok(logs.some((l) => /symlink loop/.test(l.message)), 'symlink loop logged');
      assert.ok(logs.some((l) => /broken symlink/.test(l.message)), 'broken link logged');
      assert.ok(logs.some((l) => l.file === 'src/blob.ts' && /binary/.test(l.message)), 'binary logged');
      assert.ok(logs.some((l) => l.file === 'big.min.js' && /minified/.test(l.message)), 'minified logged');
      // root can read a chmod 0 folder: only assert the log when the folder really was unreadable
      if (process.getuid?.() !== 0) assert.ok(logs.some((l) => l.file === 'locked' && /unreadable/.test(l.message)));
      else t.diagnostic('running as root: chmod 0 does not make a folder unreadable');
    } finally {
      fs.chmodSync(path.join(r, 'locked'), 0o755);
      fs.rmSync(r, { recursive: true, force: true });
    }
  });
});

describe('env files git tracks', () => {
  it('lists every env file name the rules read, templates named example.env or .env_example included; env-undocumented counts them inside a checkout (seen on a real Koa API)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-git-env-'));
    try {
      write(root, {
        'package.json': '{"name":"api"}',
        '.env': 'PORT=3000\n',
        '.env_example': 'SECRETKEY=\n',
        'example.env': 'MONGO_URI=\n',
        'config/env.example': 'SMTP_HOST=\n',
        'src/app.js': 'module.exports = [process.env.SECRETKEY, process.env.MONGO_URI, process.env.SMTP_HOST];\n',
      });
      const git = (...args: string[]) => assert.equal(spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root }).status, 0);
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'init');
      assert.deepEqual([...gitTrackedEnvFiles(root)!].sort(), ['.env', '.env_example', 'config/env.example', 'example.env']);
      const found = loadWorkspace(root, { rules: RULES.filter((r) => r.meta.id === 'docs/env-undocumented') }).analyze().findings;
      assert.deepEqual(found.map((f) => f.message.slice(0, f.message.indexOf('`', 1) + 1)), []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
