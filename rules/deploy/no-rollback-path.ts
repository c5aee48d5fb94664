import type { WorkspaceRule } from '../../server/engine/types';
import { LineIndex, START } from '../../server/engine/positions';
import { jsonKeyRange } from '../../server/engine/jsonEdits';
import { anchorPackage } from '../../server/engine/deploy/packages';
import { allCommands, BUILD_ID, program, tagsVersionedImage } from '../../server/engine/deploy/shell';
import { ciFilesOf, deploySignals, docsCover, ROLLBACK_PLATFORMS } from '../../server/engine/deploy/signals';

/** Release tooling that versions and tags what ships. */
const RELEASE_DEPS = new Set(['semantic-release', '@changesets/cli', 'release-please', 'standard-version', 'release-it', 'np', '@release-it/conventional-changelog', 'lerna', 'commit-and-tag-version', 'auto']);
const RELEASE_ACTIONS = /^(changesets\/action|googleapis\/release-please-action|google-github-actions\/release-please-action|cycjimmy\/semantic-release-action|softprops\/action-gh-release|ncipollo\/release-action|docker\/metadata-action|actions\/create-release)@/i;

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/no-rollback-path',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'Deploys with no rollback path',
    fixKind: 'none',
    effort: 'day',
    checklist: 'infra.rollback',
    docs: {
      why: 'When a deploy breaks production the fastest fix is to put the previous version back. That needs something to put back (an image tagged by commit or version, a release) and a known way to do it. With only a `latest` image and nothing written down, a rollback becomes a rebuild of an old commit under pressure, against dependencies and base images that have moved since.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": { "express": "^4.21.2" }\n}\n',
        '.github/workflows/deploy.yml': 'on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t registry.example.com/api:latest .\n      - run: docker push registry.example.com/api:latest\n      - run: ssh deploy@prod "docker pull registry.example.com/api:latest && docker compose up -d"\n',
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "dependencies": { "express": "^4.21.2" }\n}\n',
        '.github/workflows/deploy.yml': 'on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t registry.example.com/api:${{ github.sha }} .\n      - run: docker push registry.example.com/api:${{ github.sha }}\n      - run: ssh deploy@prod "IMAGE_TAG=${{ github.sha }} docker compose up -d"\n',
      } },
      fix: 'Make every deploy a versioned artefact: tag images with the commit SHA or release version (`docker build -t app:${{ github.sha }}`, `docker/metadata-action`), or cut releases (`on: release`, semantic-release, Changesets). Then write down how to go back: a "Rollback" section in the README or RUNBOOK naming the command (redeploy the previous tag, `fly deploy --image`, `heroku rollback`, Render/Railway/Vercel\'s redeploy of an earlier deploy). Platforms with one-click rollback count as a path. If the rollback is documented elsewhere, record it as an attestation.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const signals = deploySignals(ctx);
    if (!signals.deploys) return;
    if ([...signals.platforms].some((p) => ROLLBACK_PLATFORMS.has(p))) return;
    const ci = ciFilesOf(ctx);
    for (const { ci: c } of ci) {
      if (c.tagTriggered) return;
      if (c.uses.some((u) => RELEASE_ACTIONS.test(u.ref) || (/^docker\/build-push-action@/.test(u.ref) && (BUILD_ID.test(u.with.tags ?? '') || /\$\{\{\s*steps\.[\w-]+\.outputs\.tags\s*\}\}|:v?\d+\.\d+/.test(u.with.tags ?? ''))))) return;
      for (const cmd of c.commands) {
        for (const sc of allCommands(cmd.text)) {
          if (tagsVersionedImage(sc)) return;
          const words = program(sc).map((w) => w.text);
          if (words.includes('semantic-release') || (words[0] === 'npm' && words[1] === 'publish') || (words[0] === 'changeset' && words[1] === 'publish') || (words[0] === 'gh' && words[1] === 'release') || (words[0] === 'git' && words[1] === 'tag')) return;
        }
      }
    }
    for (const p of facts.packages) {
      if ([...p.manifest.dependencies, ...p.manifest.devDependencies].some((d) => RELEASE_DEPS.has(d))) return;
      for (const body of Object.values(p.manifest.scripts)) if (allCommands(body).some((sc) => tagsVersionedImage(sc))) return;
    }
    if (docsCover(ctx, 'rollback')) return;

    const deployCi = signals.ciDeployFiles[0];
    const message = `No rollback path: ${deployCi ? `${deployCi.path} deploys` : signals.dockerfiles.length ? `${signals.dockerfiles[0]} builds the image that ships` : 'the project deploys'}, but nothing tags a versioned artefact (an image tagged by commit or version, a release) and no README or RUNBOOK section says how to go back, so undoing a bad deploy means rebuilding an old commit under pressure. Tag what you ship with the commit SHA or version and document the rollback (or record it as an attestation).`;
    if (deployCi) { ctx.report({ message, file: deployCi.path, range: deployCi.ci.anchor }); return; }
    const dockerfile = signals.dockerfiles[0];
    if (dockerfile) {
      const from = files.get(dockerfile)?.facts.deploy?.dockerfile?.froms[0];
      ctx.report({ message, file: dockerfile, range: from?.instruction ?? START });
      return;
    }
    const anchor = anchorPackage(facts);
    if (!anchor) return;
    const text = files.get(anchor.manifestPath)?.text ?? '';
    ctx.report({ message, file: anchor.manifestPath, range: jsonKeyRange(text, ['scripts']) ?? (text ? new LineIndex(text).lineRange(0) : START) });
  },
};

export default rule;
