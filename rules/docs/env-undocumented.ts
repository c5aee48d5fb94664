import type { WorkspaceRule } from '../../server/engine/types';
import type { EnvRead } from '../../server/engine/facts/fileFacts';
import { envKeysChange, envTemplateFor, type EnvFileLookup } from '../../server/engine/envTemplate';
import { LineIndex } from '../../server/engine/positions';

/**
 * Variables the runtime or the hosting platform provides. PORT is among them: Heroku, Render, Railway and
 * Cloud Run inject it, and code reads it with a local default, so listing it documents nothing.
 */
const PROVIDED = new Set([
  'NODE_ENV', 'CI', 'HOME', 'PATH', 'TZ', 'PWD', 'USER', 'SHELL', 'TMPDIR', 'TEMP', 'TMP', 'HOSTNAME', 'LANG', 'TERM', 'DEBUG', 'PORT',
  'FORCE_COLOR', 'NO_COLOR', 'VERCEL', 'RENDER', 'NETLIFY', 'DYNO', 'CONTEXT', 'DEPLOY_URL', 'DEPLOY_PRIME_URL', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION',
  'NEXT_RUNTIME', 'NEXT_PHASE', 'JEST_WORKER_ID', 'VITEST', 'LAMBDA_TASK_ROOT', 'AWS_EXECUTION_ENV', 'INIT_CWD',
  // Google Cloud Functions / Cloud Run / Firebase runtimes and emulators
  'GCLOUD_PROJECT', 'GCP_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'FIREBASE_CONFIG', 'FUNCTION_TARGET', 'FUNCTION_NAME', 'FUNCTION_REGION', 'FUNCTION_SIGNATURE_TYPE',
  // build-time escape hatches of tools, set by hand for one build (t3-env / @t3-oss/env-nextjs, @next/bundle-analyzer)
  'SKIP_ENV_VALIDATION', 'ANALYZE',
  'FUNCTIONS_EMULATOR', 'FIRESTORE_EMULATOR_HOST', 'FIREBASE_AUTH_EMULATOR_HOST', 'FIREBASE_STORAGE_EMULATOR_HOST', 'FIREBASE_DATABASE_EMULATOR_HOST', 'PUBSUB_EMULATOR_HOST', 'K_SINK', 'CLOUD_RUN_JOB', 'CLOUD_RUN_EXECUTION',
]);
const PROVIDED_PREFIX = /^(npm_|NODE_|VERCEL_|RAILWAY_|FLY_|RENDER_|GITHUB_|RUNNER_|NETLIFY_|HEROKU_|CF_PAGES|AWS_LAMBDA_|VITEST_|CODESPACE|GITPOD_|KUBERNETES_SERVICE_)/;
/** Vite's built-in `import.meta.env` keys. */
const VITE_BUILTINS = new Set(['MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL']);
const PUBLIC_PREFIX = /^(NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|PUBLIC_)/;
/** Test-runner configuration: its env reads configure tests, not the product. */
const TOOL_CONFIG = /(^|\/)(jest|vitest|playwright|cypress|karma|ava)\.config\.[cm]?[jt]s$|(^|\/)(jest|vitest)\.setup\.[cm]?[jt]s$/;
/** Local, personal env files: they hold values, they do not tell the next person what is needed. */
const PERSONAL_ENV = /(^|\/)\.env(\.[\w-]+)?\.local$|(^|\/)\.env$/;

function isProvided(name: string, viaImportMeta: boolean): boolean {
  if (viaImportMeta && VITE_BUILTINS.has(name)) return true;
  const bare = name.replace(PUBLIC_PREFIX, '');
  return PROVIDED.has(name) || PROVIDED_PREFIX.test(name) || (bare !== name && (PROVIDED.has(bare) || PROVIDED_PREFIX.test(bare)));
}

const rule: WorkspaceRule = {
  meta: {
    id: 'docs/env-undocumented',
    category: 'docs',
    phase: 'documentation',
    tier: 'tech-debt',
    title: 'Environment variable read in code but documented nowhere',
    fixKind: 'multi-file',
    effort: 'minutes',
    checklist: 'docs.env',
    docs: {
      why: 'Every environment variable the code reads is part of how the product is configured. When one is in no .env.example and not in the README, the next developer or the next deploy target finds out it exists when a feature silently breaks or the process crashes at start-up.',
      checks: 'Runtime and platform variables (NODE_ENV, PORT, CI, VERCEL_*, RAILWAY_*, FLY_*, RENDER_*, GITHUB_*, npm_*) are left out.',
      bad: { files: {
        'package.json': '{ "name": "api" }',
        'src/billing.ts': "import Stripe from 'stripe';\n\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n",
        '.env.example': 'DATABASE_URL=\n',
      } },
      good: { files: {
        'package.json': '{ "name": "api" }',
        'src/billing.ts': "import Stripe from 'stripe';\n\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n",
        '.env.example': 'DATABASE_URL=\nSTRIPE_SECRET_KEY=\n',
      } },
      fix: 'List every variable the code reads in .env.example (names and safe example values, never real secrets), or in the README\'s configuration section. The quick fix appends the variable to the package\'s .env.example (or the root\'s), creating it when there is none.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const documented = new Set(facts.documentedEnv);
    const trackedOrKept = (p: string) => (facts.gitTracked ? facts.gitTracked.has(p) : !facts.gitIgnores(p));
    for (const [path, f] of files) {
      if (f.kind === 'markdown') for (const w of f.facts.words ?? []) documented.add(w);
      if (f.kind === 'env' && !PERSONAL_ENV.test(path) && trackedOrKept(path)) for (const k of f.facts.envKeys ?? []) documented.add(k);
    }
    const first = new Map<string, { file: string; read: EnvRead; text: string }>();
    for (const path of [...files.keys()].sort()) {
      const f = files.get(path)!;
      if ((f.kind !== 'ts' && f.kind !== 'prisma') || f.facts.isTest || TOOL_CONFIG.test(path)) continue;
      for (const read of f.facts.envReads ?? []) if (!first.has(read.name)) first.set(read.name, { file: path, read, text: f.text });
    }
    const lookup: EnvFileLookup = (p) => { const v = files.get(p); return v && { text: v.text, keys: v.facts.envKeys }; };
    const indexes = new Map<string, LineIndex>();
    for (const [name, { file, read, text }] of first) {
      if (documented.has(name)) continue;
      let lines = indexes.get(file);
      if (!lines) indexes.set(file, (lines = new LineIndex(text)));
      const viaImportMeta = text.startsWith('import.meta', lines.offsetAt(read.range.start));
      if (isProvided(name, viaImportMeta)) continue;
      const target = envTemplateFor(file, facts, lookup);
      const change = envKeysChange(file, [name], facts, lookup);
      ctx.report({
        message: `\`${name}\` is read here but documented nowhere (no .env.example entry, not in the README): whoever sets up or deploys the project next finds out it is needed when something breaks. Add it to ${target.path}.`,
        file,
        range: read.range,
        fixes: [{ title: target.exists ? `Add ${name} to ${target.path}` : `Create ${target.path} with ${name}`, safe: true, edits: change.edits, ...(change.creates.length ? { creates: change.creates } : {}) }],
      });
    }
  },
};

export default rule;
