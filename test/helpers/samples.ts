/** Inputs several test layers share: a small source with one finding, and the realistic workspaces in the repo. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');

/** One `auth/jwt-no-expiry` finding, at line 4 (`jwt.sign` without expiresIn). */
export const JWT_SIGN_NO_EXPIRY = [
  "import jwt from 'jsonwebtoken';",
  '',
  'export function issue(userId: string) {',
  '  return jwt.sign({ sub: userId }, process.env.JWT_SECRET!);',
  '}',
  '',
].join('\n');

/** The example MVP and its hardened twin, and the precision apps' variants (`gaps`, `hardened`), as absolute paths. */
export function realisticWorkspaces(variants: ReadonlyArray<'gaps' | 'hardened'> = ['gaps', 'hardened']): string[] {
  const apps = path.join(REPO, 'test', 'fixtures', 'apps');
  return [
    path.join(REPO, 'examples', 'mvp'),
    path.join(REPO, 'examples', 'hardened'),
    ...fs.readdirSync(apps, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => variants.map((v) => path.join(apps, d.name, v))),
  ].filter((p) => fs.existsSync(p));
}

const EXPRESS_PKG = JSON.stringify({ name: 'api', dependencies: { express: '^4.21.0' } }, null, 2) + '\n';

/** Shutdown and process handling through an emitter helper (the same files are quiet for no-process-handlers and no-graceful-shutdown). */
export const PROCESS_EVENT_APPS: Array<{ name: string; files: Record<string, string> }> = [
  { name: 'signals and rejection events awaited with p-event, a stoppable server (seen on a real Koa app)', files: {
    'package.json': JSON.stringify({ name: 'api', dependencies: { koa: '^2.15.0', 'p-event': '^4.2.0', stoppable: '^1.1.0' } }, null, 2) + '\n',
    'src/lib/server.js': "const http = require('http');\nconst stoppable = require('stoppable');\nconst app = require('./app');\nmodule.exports = stoppable(http.createServer(app.callback()), 7000);\n",
    'src/bin/server.js': "const pEvent = require('p-event');\nconst server = require('../lib/server');\nasync function main() {\n  try {\n    server.listen(3000);\n    await Promise.race(['SIGINT', 'SIGHUP', 'SIGTERM'].map((s) => pEvent(process, s, { rejectionEvents: ['uncaughtException', 'unhandledRejection'] })));\n  } catch (err) {\n    process.exitCode = 1;\n    console.error(err);\n  } finally {\n    server.stop();\n  }\n}\nmain();\n",
    'src/lib/app.js': "const Koa = require('koa');\nmodule.exports = new Koa();\n",
  } },
  { name: "node:events once(process, 'SIGTERM')", files: {
    'package.json': EXPRESS_PKG,
    'src/server.ts': "import express from 'express';\nimport { once } from 'node:events';\nconst server = express().listen(3000);\nprocess.on('unhandledRejection', (r) => console.error(r));\nprocess.on('uncaughtException', (e) => { console.error(e); process.exit(1); });\nawait once(process, 'SIGTERM');\nserver.close();\n",
  } },
];
