import type { WorkspaceRule } from '../../server/engine/types';
import { LineIndex, START } from '../../server/engine/positions';
import { jsonKeyRange } from '../../server/engine/jsonEdits';
import { anchorPackage } from '../../server/engine/deploy/packages';
import { allCommands } from '../../server/engine/deploy/shell';
import { ciFilesOf, deploySignals, docsCover } from '../../server/engine/deploy/signals';

/** Environment names of a pre-production environment. */
const STAGING_ENV = /(^|[^a-z])(stag(e|ing)|preview|pre-?prod(uction)?|uat|qa|review|dev(elopment)?|sandbox|test(ing)?|canary)([^a-z]|$)/i;
/** Job names, branches, script names and paths that say staging. */
const STAGING_WORD = /(^|[^a-z])(staging|pre-?prod(uction)?|uat)([^a-z]|$)/i;
const STAGING_SCRIPT = /(^|[:\-_.])(staging|stage|preprod|pre-prod|uat|qa)([:\-_.]|$)|(^|[:\-_.])deploy[:\-_.]preview|preview[:\-_.]deploy/i;
/** Config files named for a staging or preview environment: .env.staging, fly.staging.toml, docker-compose.preview.yml, values-staging.yaml, k8s/overlays/staging/... */
const STAGING_PATH = /(^|[\/._-])(staging|stage|preprod|pre-prod|uat|preview)([\/._-]|$)/i;
/** Platforms that give every branch or pull request its own deployment. */
const PREVIEW_PLATFORMS = new Set(['vercel', 'netlify']);

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/no-staging',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'No staging or preview environment',
    fixKind: 'none',
    effort: 'days',
    checklist: 'infra.staging',
    docs: {
      why: 'Without a staging or preview environment the first place a change meets real infrastructure (the production database engine, real env vars, the CDN, webhooks from Stripe) is production, in front of users. Migrations, config mistakes and third-party callbacks are then tested by customers.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": { "express": "^4.21.2" }\n}\n',
        '.github/workflows/deploy.yml': 'on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: flyctl deploy --remote-only\n',
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": { "express": "^4.21.2" }\n}\n',
        '.github/workflows/deploy.yml': 'on:\n  push:\n    branches: [main]\njobs:\n  staging:\n    runs-on: ubuntu-latest\n    environment: staging\n    steps:\n      - uses: actions/checkout@v4\n      - run: flyctl deploy --remote-only -c fly.staging.toml\n  production:\n    needs: staging\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: actions/checkout@v4\n      - run: flyctl deploy --remote-only\n',
      } },
      fix: 'Deploy every change to a pre-production environment first: a staging app with its own database and secrets (a `staging` environment in CI, `fly.staging.toml`, a second Render/Railway environment, `.env.staging.example`), or per-pull-request previews (Vercel and Netlify do this by default; Render previews, Heroku review apps). Promote to production only what passed there. If staging lives somewhere the scan cannot see, record it as an attestation.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const signals = deploySignals(ctx);
    if (!signals.deploys) return;
    if ([...signals.platforms].some((p) => PREVIEW_PLATFORMS.has(p))) return;
    const ci = ciFilesOf(ctx);
    if (ci.some(({ ci: c }) => c.environments.some((e) => STAGING_ENV.test(e)) || c.branches.some((b) => STAGING_WORD.test(b) || /^preview$/i.test(b)) || c.labels.some((l) => STAGING_WORD.test(l)))) return;
    if (ci.some(({ ci: c }) => c.commands.some((cmd) => /hosting:channel:deploy/.test(cmd.text)) || c.uses.some((u) => /action-hosting-deploy/.test(u.ref) && !/^live$/.test(u.with.channelId ?? '')))) return;
    for (const [path, f] of files) {
      if (f.kind !== 'ts' && f.kind !== 'markdown' && f.kind !== 'sql' && f.kind !== 'prisma' && STAGING_PATH.test(path) && !/(^|\/)(node_modules|test|tests|fixtures?)\//.test(path)) return;
      const d = f.facts.deploy;
      if (d?.render && (d.render.previews || d.render.names.some((n) => STAGING_WORD.test(n)))) return;
      if (d?.railway && d.railway.environments.some((e) => e !== 'production')) return;
      if (d?.heroku?.reviewApps) return;
    }
    for (const p of facts.packages) {
      for (const [name, body] of Object.entries(p.manifest.scripts)) {
        if (STAGING_SCRIPT.test(name) || STAGING_WORD.test(body) || allCommands(body).some((c) => c.some((w) => /^--?(env|environment|e|stage|c|config)$/.test(w.text)) && c.some((w) => STAGING_WORD.test(w.text)))) return;
      }
    }
    if (docsCover(ctx, 'staging')) return;

    const deployCi = signals.ciDeployFiles[0];
    const anchor = anchorPackage(facts);
    const how = signals.ciDeployFiles.length ? `${deployCi.path} deploys` : signals.platformFiles.length ? `${signals.platformFiles[0]} deploys` : signals.dockerfiles.length ? `${signals.dockerfiles[0]} builds the image that ships` : 'the deploy goes';
    const message = `No staging or preview environment: ${how} straight to production, and nothing here (CI environments, .env.staging, platform config, deploy:staging scripts) shows a place where a change runs on real infrastructure first, so migrations, config and webhooks are first tried in front of users. Add a staging environment or per-pull-request previews, or record where staging lives as an attestation.`;
    if (deployCi) {
      ctx.report({ message, file: deployCi.path, range: deployCi.ci.anchor });
      return;
    }
    if (!anchor) {
      const first = signals.dockerfiles[0] ?? signals.platformFiles[0];
      if (first) ctx.report({ message, file: first, range: new LineIndex(files.get(first)?.text ?? '').lineRange(0) });
      return;
    }
    const text = files.get(anchor.manifestPath)?.text ?? '';
    ctx.report({ message, file: anchor.manifestPath, range: jsonKeyRange(text, ['scripts']) ?? jsonKeyRange(text, ['name']) ?? (text ? new LineIndex(text).lineRange(0) : START) });
  },
};

export default rule;
