import type { ListenFact } from '../../server/engine/facts/opsFacts';
import { type FileView, type PackageCode, packageLabel, packagesWithCode, serverAnchor, workspaceDeps, insertAfter, insertBefore } from '../../server/engine/facts/servers';
import type { Fix, TextEdit, WorkspaceRule } from '../../server/engine/types';
import { LineIndex } from '../../server/engine/positions';
import { deploySignals } from '../../server/engine/deploy/signals';

/** Config files of platforms that run the code as functions, per request (no long-running process to stop). */
const FUNCTION_PLATFORM_FILE = /(^|\/)(vercel\.json|netlify\.toml|serverless\.(ya?ml|json|ts))$/;

type Evidence = 'sigterm' | 'sigint' | undefined;

function evidence(files: Array<[string, FileView]>): Evidence {
  let sigint = false;
  for (const [, view] of files) {
    const ops = view.facts.ops;
    if (ops?.processEvents?.includes('SIGTERM') || ops?.shutdownHooks) return 'sigterm';
    if (ops?.shutdownLibs?.length) return 'sigterm';
    if (ops?.processEvents?.includes('SIGINT')) sigint = true;
  }
  return sigint ? 'sigint' : undefined;
}

/** The listen's kind when its app comes from another file: the app of that name in the package, else the package's only kind of app. */
function kindOf(listen: ListenFact, p: PackageCode): ListenFact['kind'] {
  if (listen.kind !== 'unknown') return listen.kind;
  const apps = p.code.flatMap(([, v]) => v.facts.ops?.apps ?? []).filter((a) => a.framework !== 'hono');
  const named = apps.find((a) => a.name === listen.receiver);
  const kinds = new Set((named ? [named] : apps).map((a) => (a.framework === 'fastify' ? 'fastify' : 'http')));
  return kinds.size === 1 ? [...kinds][0] as ListenFact['kind'] : 'unknown';
}

function shutdownFix(file: string, view: FileView, listen: ListenFact, kind: ListenFact['kind']): Fix[] | undefined {
  const ops = view.facts.ops;
  if (!ops || !listen.after || !listen.before) return undefined;
  const eol = new LineIndex(view.text).eol;
  const q = ops.quote ?? "'";
  const quoted = (lines: string[]) => lines.map((l) => l.replace(/'/g, q));
  const taken = new Set(ops.taken ?? []);
  const app = listen.receiver;
  if (kind === 'nest' && app) {
    return [{ title: 'Enable Nest shutdown hooks before listen', safe: false, edits: [insertBefore(file, listen.before, [`${app}.enableShutdownHooks();`], eol)] }];
  }
  if (kind === 'fastify' && app) {
    const lines = quoted(["process.on('SIGTERM', async () => {", `  await ${app}.close();`, '  process.exit(0);', '});']);
    return [{ title: 'Close the Fastify app on SIGTERM', safe: false, edits: [insertAfter(file, listen.after, lines, eol)] }];
  }
  if (kind !== 'http') return undefined;
  const edits: TextEdit[] = [];
  let handle = listen.handle;
  if (!handle) {
    if (!listen.capture) return undefined;
    handle = ['server', 'httpServer'].find((n) => !taken.has(n));
    if (!handle) return undefined;
    edits.push({ file, range: { start: listen.capture, end: listen.capture }, newText: `const ${handle} = ` });
  }
  const lines = quoted([
    "process.on('SIGTERM', () => {",
    `  ${handle}.close(() => process.exit(0));`,
    '  setTimeout(() => process.exit(1), 10_000).unref();',
    '});',
  ]);
  edits.push(insertAfter(file, listen.after, lines, eol));
  return [{ title: 'Close the server on SIGTERM', safe: false, edits }];
}

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/no-graceful-shutdown',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'No graceful shutdown on SIGTERM',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'infra.container',
    docs: {
      why: 'Every deploy, scale-down or restart stops the old process with SIGTERM (Docker, Kubernetes, Fly, Railway, Render, Heroku). A server that does not handle it dies mid-request: in-flight requests fail, open transactions are cut, and users see errors on every release.',
      checks: 'Not reported for an app deployed only as functions (a vercel.json, netlify.toml or serverless.yml beside it, and no container or long-running host), where no process is stopped mid-request.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\napp.listen(3000);\n",
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n',
        'src/server.ts': "import express from 'express';\n\nconst app = express();\nconst server = app.listen(3000);\n\nprocess.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n  setTimeout(() => process.exit(1), 10_000).unref();\n});\n",
      } },
      fix: 'On SIGTERM, stop accepting connections and let in-flight requests finish before exiting: `server.close()` (with a timeout as a backstop), `await fastify.close()`, `app.enableShutdownHooks()` in NestJS, or a library (close-with-grace, @godaddy/terminus, http-terminator, lightship, http-graceful-shutdown), called, not only imported. Handling only SIGINT (Ctrl-C) is not enough: platforms send SIGTERM. The quick fix captures the listen call\'s server when needed (`const server = app.listen(...)`) and adds the handler after it.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const all = packagesWithCode(ctx);
    const byPkg = new Map(all.map((p) => [p.pkg, p]));
    const signals = deploySignals(ctx);
    /** Deployed only as functions: a function platform's config in the package's folder (or the root), and no container or long-running host anywhere. */
    const functionsOnly = (dir: string) => {
      const mine = (f: string) => dir === '' ? !f.includes('/') : f.startsWith(`${dir}/`) || !f.includes('/');
      return signals.platformFiles.some((f) => mine(f) && FUNCTION_PLATFORM_FILE.test(f)) && signals.dockerfiles.length === 0 && signals.platformFiles.every((f) => FUNCTION_PLATFORM_FILE.test(f));
    };
    for (const p of all) {
      if (!p.entries.length) continue;
      if (functionsOnly(p.pkg.dir)) continue;
      const shared = workspaceDeps(p.pkg, facts).flatMap((d) => byPkg.get(d)?.code ?? []);
      const found = evidence([...p.code, ...shared]);
      if (found === 'sigterm') {
        // a handler that exits right after close(): the requests in flight are cut all the same
        for (const [path, view] of p.code) {
          const bad = view.facts.ops?.exitAfterClose;
          if (bad) ctx.report({ file: path, range: bad.range, workspace: false, message: `\`process.exit()\` runs right after \`${bad.close}()\` in the shutdown handler: close() only stops accepting connections and returns at once, so the exit cuts the requests still in flight on every deploy. Exit once the server has closed: \`${bad.close}(() => process.exit(0))\` (with a timeout that forces the exit if requests hang).` });
        }
        continue;
      }
      const anchor = serverAnchor(p, files);
      const entry = p.entries[0];
      const view = files.get(entry)!;
      const listen = view.facts.ops?.listen;
      const label = packageLabel(p.pkg);
      const message = found === 'sigint'
        ? `${label} handles SIGINT but not SIGTERM, which is what Docker, Kubernetes and hosting platforms send on every deploy: the process is killed mid-request and in-flight requests fail. Handle SIGTERM too: stop accepting connections, let requests finish, then exit.`
        : `${label} does not handle SIGTERM: on every deploy or restart the process is killed mid-request, so in-flight requests fail and open work is cut. Close the server on SIGTERM (let in-flight requests finish, then exit).`;
      ctx.report({ message, file: anchor.file, range: anchor.range, fixes: listen ? shutdownFix(entry, view, listen, kindOf(listen, p)) : undefined });
    }
  },
};

export default rule;
