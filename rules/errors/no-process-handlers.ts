import { type FileView, type PackageCode, packageLabel, packagesWithCode, serverAnchor, workspaceDeps } from '../../server/engine/facts/servers';
import type { Fix, WorkspaceRule } from '../../server/engine/types';
import { LineIndex } from '../../server/engine/positions';

const HANDLED = ['uncaughtException', 'unhandledRejection', 'uncaughtExceptionMonitor'];
/** Error trackers whose default setup installs uncaughtException / unhandledRejection handlers. */
const INSTALLING_TRACKERS = new Set(['Sentry', 'Bugsnag', 'Honeybadger', 'Elastic APM']);
/** Libraries that install them when called: close-with-grace (also closes the server). */
const INSTALLING_LIBS = new Set(['close-with-grace']);
const SENTRY_PRELOAD = /(?:^|[\s'"])(?:-r|--require|--import)[\s=]+['"]?@sentry\/[\w-]+\/preload/;
const PINO = /^(pino|pino-http|nestjs-pino|express-pino-logger|koa-pino-logger|hono-pino)$/;

function handled(p: PackageCode, extra: Array<[string, FileView]>): boolean {
  if (p.pkg.errorTrackers.some((t) => INSTALLING_TRACKERS.has(t.name))) return true;
  if (Object.values(p.pkg.manifest.scripts).some((s) => SENTRY_PRELOAD.test(s))) return true;
  for (const [, view] of [...p.code, ...extra]) {
    if (view.facts.ops?.processEvents?.some((e) => HANDLED.includes(e))) return true;
    if (view.facts.ops?.shutdownLibs?.some((i) => INSTALLING_LIBS.has(i))) return true;
  }
  return false;
}

function handlersFix(entry: string, view: FileView, pino: boolean): Fix[] | undefined {
  const start = view.facts.serverStart;
  const ops = view.facts.ops;
  const at = start?.insert ?? ops?.importAt;
  if (!at) return undefined;
  const after = start ? start.afterImports : true;
  const eol = new LineIndex(view.text).eol;
  const q = ops?.quote ?? "'";
  const logger = ops?.taken?.includes('logger') && pino;
  const lines = logger
    ? [
      "process.on('unhandledRejection', (reason) => {",
      "  logger.error({ err: reason }, 'unhandled promise rejection');",
      '});',
      "process.on('uncaughtException', (err) => {",
      "  logger.fatal({ err }, 'uncaught exception');",
      '  process.exit(1);',
      '});',
    ]
    : [
      "process.on('unhandledRejection', (reason) => {",
      "  console.error('Unhandled promise rejection:', reason);",
      '});',
      "process.on('uncaughtException', (err) => {",
      "  console.error('Uncaught exception:', err);",
      '  process.exit(1);',
      '});',
    ];
  const body = lines.map((l) => l.replace(/'/g, q)).join(eol);
  const newText = after ? `${eol}${eol}${body}` : `${body}${eol}${eol}`;
  return [{ title: 'Log unhandled rejections and uncaught exceptions at startup', safe: false, edits: [{ file: entry, range: { start: at, end: at }, newText }] }];
}

const rule: WorkspaceRule = {
  meta: {
    id: 'errors/no-process-handlers',
    category: 'errors',
    phase: 'harden',
    tier: 'tech-debt',
    title: 'No unhandledRejection / uncaughtException handling',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'harden.error-tracking',
    docs: {
      why: 'An error thrown outside a request (a timer, an event handler, a promise nobody awaited) bypasses the framework\'s error handler: Node prints it to stderr and kills the process. Without a process-level handler (or a tracker that installs one) the crash leaves no structured log and no alert, and the team learns about it from the restart loop.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport { logger } from './logger';\n\nprocess.on('unhandledRejection', (reason) => {\n  logger.error({ err: reason }, 'unhandled promise rejection');\n});\nprocess.on('uncaughtException', (err) => {\n  logger.fatal({ err }, 'uncaught exception');\n  process.exit(1);\n});\n\nconst app = express();\napp.listen(3000);\n",
      } },
      fix: 'At startup, register `process.on(\'unhandledRejection\', ...)` and `process.on(\'uncaughtException\', ...)`: log (or report) the error; after an uncaught exception the process is in an unknown state, so exit and let the orchestrator restart it. An error tracker that installs these handlers counts: Sentry (its OnUncaughtException / OnUnhandledRejection integrations are on by default), Bugsnag, Honeybadger and Elastic APM, and so does close-with-grace or winston\'s `handleExceptions` / `handleRejections`. Only packages that start a server are checked.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const all = packagesWithCode(ctx);
    const byPkg = new Map(all.map((p) => [p.pkg, p]));
    for (const p of all) {
      if (!p.entries.length) continue;
      const deps = workspaceDeps(p.pkg, facts);
      if (deps.some((d) => d.errorTrackers.some((t) => INSTALLING_TRACKERS.has(t.name)))) continue;
      if (handled(p, deps.flatMap((d) => byPkg.get(d)?.code ?? []))) continue;
      const anchor = serverAnchor(p, files);
      const entry = p.entries[0];
      const pino = p.code.some(([, v]) => v.facts.imports?.some((i) => PINO.test(i)));
      ctx.report({
        message: `${packageLabel(p.pkg)} has no \`unhandledRejection\` / \`uncaughtException\` handler and no error tracker that installs one: an error thrown outside a request (a timer, an unawaited promise) crashes the process with only a stderr trace, and nobody is told why. Log them at startup (exit after an uncaught exception), or let an error tracker such as Sentry install them.`,
        file: anchor.file,
        range: anchor.range,
        fixes: handlersFix(entry, files.get(entry)!, pino),
      });
    }
  },
};

export default rule;
