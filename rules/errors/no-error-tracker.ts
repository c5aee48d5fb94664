import type { FileFacts } from '../../server/engine/facts/fileFacts';
import type { PackageInfo } from '../../server/engine/facts/workspaceFacts';
import type { Fix, TextEdit, WorkspaceRule } from '../../server/engine/types';
import { LineIndex, START } from '../../server/engine/positions';
import { jsonKeyRange, setJsonValue } from '../../server/engine/jsonEdits';
import { SERVER_DEPS, joinPath, orderEntries } from '../../server/engine/facts/servers';

const TRACKER_SDK = /^(@sentry\/[\w-]+|@bugsnag\/[\w-]+|rollbar|@honeybadger-io\/[\w-]+|dd-trace|newrelic|@highlight-run\/[\w-]+|@opentelemetry\/sdk-node|@vercel\/otel|@airbrake\/[\w-]+|raygun|@appsignal\/nodejs|elastic-apm-node|toucan-js)$/;
/** A tracker preloaded by the start command: `node -r dd-trace/init`, `--import @sentry/node/preload`, NODE_OPTIONS... */
const PRELOAD = /(?:^|[\s'"])(?:-r|--require|--import|--loader)[\s=]+['"]?(?:@sentry\/|dd-trace|newrelic|elastic-apm-node|@opentelemetry\/auto-instrumentations-node|@highlight-run\/)/;
const SENTRY_VERSION = '^11.0.0';

function quoteOf(text: string): string {
  let single = 0, double = 0;
  for (let i = 0; i < text.length && single + double < 200; i++) {
    if (text[i] === "'") single++; else if (text[i] === '"') double++;
  }
  return double > single ? '"' : "'";
}

const rule: WorkspaceRule = {
  meta: {
    id: 'errors/no-error-tracker',
    category: 'errors',
    phase: 'harden',
    tier: 'ship-stopping',
    title: 'No error tracker is initialised in the server',
    fixKind: 'multi-file',
    effort: 'hour',
    checklist: 'harden.error-tracking',
    docs: {
      why: 'Without an error tracker, production exceptions end up in a log nobody reads (or nowhere): users hit errors, nobody is alerted, and the stack trace needed to fix it is gone. It is the first thing a team needs once real users arrive.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.19.2"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "@sentry/node": "^11.0.0",\n    "express": "^4.19.2"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\nimport * as Sentry from '@sentry/node';\n\nSentry.init({ dsn: process.env.SENTRY_DSN, environment: process.env.NODE_ENV });\n\nconst app = express();\nSentry.setupExpressErrorHandler(app);\napp.listen(3000);\n",
      } },
      fix: 'Initialise a tracker when the server starts: Sentry (`Sentry.init({ dsn: process.env.SENTRY_DSN })`, plus `Sentry.setupExpressErrorHandler(app)` or the Nest/Fastify integration), Bugsnag, Rollbar, Honeybadger, Datadog, New Relic, or an OpenTelemetry exporter, with its DSN/key in the environment and documented in .env.example. For Next.js, init in `instrumentation.ts` (Next 15+; Next 13.4-14 need `experimental.instrumentationHook`). Sentry recommends initialising before other imports (an `instrument.ts` imported first) for full auto-instrumentation; errors are captured either way.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const byName = new Map(facts.packages.filter((p) => p.manifest.name).map((p) => [p.manifest.name!, p]));
    for (const pkg of facts.packages) {
      const m = pkg.manifest;
      const runtimeServer = SERVER_DEPS.filter((d) => m.dependencies.includes(d));
      if (!pkg.serverEntries.length && !runtimeServer.length) continue;
      if (!pkg.serverEntries.length && pkg.dir === '' && m.workspaces) continue;
      if (pkg.errorTrackers.length) continue;
      if (Object.values(m.scripts).some((s) => PRELOAD.test(s))) continue;
      if (m.dependencies.some((d) => byName.get(d)?.errorTrackers.length && byName.get(d) !== pkg)) continue;

      const label = m.name ? `"${m.name}"` : pkg.dir ? pkg.dir : 'this server';
      const sdk = [...m.dependencies, ...m.devDependencies].find((d) => TRACKER_SDK.test(d));
      const message = sdk
        ? `${sdk} is a dependency of ${label} but no tracker is initialised in its code: production exceptions are not reported and nobody is alerted. Call its init (e.g. \`Sentry.init({ dsn: process.env.SENTRY_DSN })\`) when the server starts.`
        : `No error tracker is initialised in ${label}: when this server throws in production nobody is alerted, and the stack trace is lost in stdout. Initialise Sentry (or Bugsnag, Rollbar, Datadog, OpenTelemetry...) when the server starts.`;
      const manifestText = files.get(pkg.manifestPath)?.text ?? '';

      if (pkg.serverEntries.length) {
        const entry = orderEntries(pkg.serverEntries)[0];
        const view = files.get(entry);
        const start = view?.facts.serverStart;
        ctx.report({ message, file: entry, range: start?.range ?? START, fixes: view && start ? nodeFix(pkg, entry, view.text, view.facts, start, manifestText, sdk) : undefined });
        continue;
      }
      if (m.dependencies.includes('next')) {
        const instrumentation = ['instrumentation.ts', 'instrumentation.js', 'src/instrumentation.ts', 'src/instrumentation.js'].map((n) => joinPath(pkg.dir, n)).find((p) => files.has(p));
        if (instrumentation) { ctx.report({ message, file: instrumentation, range: START }); continue; }
        ctx.report({ message, file: pkg.manifestPath, range: jsonKeyRange(manifestText, ['dependencies', 'next']) ?? START, fixes: sdk ? undefined : nextFix(pkg, manifestText, [...files.keys()]) });
        continue;
      }
      ctx.report({ message, file: pkg.manifestPath, range: jsonKeyRange(manifestText, ['dependencies', runtimeServer[0]]) ?? START });
    }
  },
};

function nodeFix(pkg: PackageInfo, entry: string, text: string, facts: FileFacts, start: NonNullable<FileFacts['serverStart']>, manifestText: string, sdk: string | undefined): Fix[] | undefined {
  if (sdk && sdk !== '@sentry/node') return undefined;
  if (facts.imports?.some((i) => i.startsWith('@sentry/'))) return undefined;
  const eol = new LineIndex(text).eol;
  const q = quoteOf(text);
  const importLine = start.esm ? `import * as Sentry from ${q}@sentry/node${q};` : `const Sentry = require(${q}@sentry/node${q});`;
  const init = `Sentry.init({${eol}  dsn: process.env.SENTRY_DSN,${eol}  environment: process.env.NODE_ENV,${eol}});`;
  const newText = start.afterImports ? `${eol}${importLine}${eol}${eol}${init}` : `${importLine}${eol}${eol}${init}${eol}${eol}`;
  const edits: TextEdit[] = [{ file: entry, range: { start: start.insert, end: start.insert }, newText }];
  if (!sdk) edits.push(...setJsonValue(pkg.manifestPath, manifestText, ['dependencies', '@sentry/node'], SENTRY_VERSION));
  return [{ title: 'Initialise Sentry in the server entry', safe: false, edits, envKeys: { near: entry, keys: ['SENTRY_DSN'] } }];
}

function nextFix(pkg: PackageInfo, manifestText: string, paths: string[]): Fix[] {
  const inPkg = paths.filter((p) => pkg.dir === '' || p.startsWith(pkg.dir + '/'));
  const src = inPkg.some((p) => p.startsWith(joinPath(pkg.dir, 'src/app/')) || p.startsWith(joinPath(pkg.dir, 'src/pages/')));
  const ts = inPkg.some((p) => /\.tsx?$/.test(p)) || pkg.manifest.devDependencies.includes('typescript');
  const file = joinPath(pkg.dir, `${src ? 'src/' : ''}instrumentation.${ts ? 'ts' : 'js'}`);
  const content = [
    "import * as Sentry from '@sentry/nextjs';",
    '',
    'export async function register() {',
    '  Sentry.init({',
    '    dsn: process.env.SENTRY_DSN,',
    '    environment: process.env.NODE_ENV,',
    '  });',
    '}',
    '',
    'export const onRequestError = Sentry.captureRequestError;',
    '',
  ].join('\n');
  return [{
    title: `Create ${file} initialising Sentry`,
    safe: false,
    edits: setJsonValue(pkg.manifestPath, manifestText, ['dependencies', '@sentry/nextjs'], SENTRY_VERSION),
    creates: [{ file, content }],
    envKeys: { near: pkg.manifestPath, keys: ['SENTRY_DSN'] },
  }];
}

export default rule;
