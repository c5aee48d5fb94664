import ignore from 'ignore';
import type { Fix, WorkspaceRule } from '../../server/engine/types';
import { isEnvTemplate } from '../../server/engine/parse';
import { LineIndex } from '../../server/engine/positions';
import { joinPath } from '../../server/engine/deploy/packages';

/** What a .dockerignore next to a Node app should exclude; `!.env.example` keeps the template. */
const WANTED = ['.env', '.env.*', '!.env.example', 'node_modules', '.git'];
/** Sources that copy the whole build context. */
const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '/', '.*']);

const isEnvFile = (src: string) => {
  const name = src.replace(/\/+$/, '').split('/').pop() ?? '';
  return /^\.env($|[.*])|\.env$/.test(name) && !isEnvTemplate(name);
};

/** The lines of WANTED a .dockerignore with `patterns` lacks. */
function missingLines(patterns: readonly string[]): string[] {
  const ig = ignore().add([...patterns]);
  const add: string[] = [];
  if (!ig.ignores('.env')) add.push('.env');
  if (!ig.ignores('.env.production')) add.push('.env.*');
  const after = ignore().add([...patterns, ...add]);
  if (after.ignores('.env.example') && !patterns.includes('!.env.example')) add.push('!.env.example');
  if (!ig.ignores('node_modules') && !ig.ignores('node_modules/')) add.push('node_modules');
  if (!ig.ignores('.git') && !ig.ignores('.git/')) add.push('.git');
  return add;
}

/** Whether what a COPY brings into its stage ends up in the image: it is in the last stage, or a later stage copies that stage's whole folder. */
function reachesImage(docker: { froms: Array<{ stage?: string }>; copies: Array<{ from?: string; sources: string[]; stage?: number }> }, copy: { stage?: number }): boolean {
  const last = docker.froms.length - 1;
  if (copy.stage === undefined || copy.stage >= last) return true;
  const names = new Set([String(copy.stage), ...(docker.froms[copy.stage]?.stage ? [docker.froms[copy.stage].stage!.toLowerCase()] : [])]);
  // a source with at most one folder level and no extension (`/app`, `/app/`, `.`, `/`) is the stage's whole tree
  const wholeTree = (src: string) => { const p = src.replace(/\/+$/, '').replace(/^\.\/?/, ''); return p.split('/').filter(Boolean).length <= 1 && !/\.[a-z0-9]+$/i.test(p); };
  return docker.copies.some((c) => c.from !== undefined && names.has(c.from.toLowerCase()) && (c.stage ?? last) > copy.stage! && c.sources.some(wholeTree));
}

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/dockerfile-copies-secrets',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'ship-stopping',
    title: 'Dockerfile copies .env into the image',
    fixKind: 'multi-file',
    effort: 'hour',
    checklist: 'infra.container',
    docs: {
      why: 'Whatever is in the build context when the image is built ends up in a layer: `COPY .env` (or `COPY . .` with no .dockerignore excluding it) bakes the database password and API keys into the image, where anyone who can pull it reads them with `docker history` or by unpacking the layers, and deleting the file in a later step does not remove it. Platforms that build from your working folder (`fly deploy`, `railway up`) upload the local .env too.',
      checks: 'A whole-context `COPY . .` in a build stage is reported only when the image takes that stage\'s whole folder (`COPY --from=build /app ./`); one that hands the image only its build output (`/app/dist`) leaves the .env behind. An explicit `COPY .env` is reported in any stage.',
      bad: { files: { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "server.js"]\n' } },
      good: { files: {
        Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "server.js"]\n',
        '.dockerignore': '.env\n.env.*\n!.env.example\nnode_modules\n.git\n',
      } },
      fix: 'Never COPY an env file: give the container its secrets at run time (the platform\'s secret settings, `docker run --env-file`, Kubernetes secrets) and, for build-time secrets, `RUN --mount=type=secret`. Add a .dockerignore at the root of the build context that excludes `.env` and `.env.*` (keeping `!.env.example`), plus `node_modules` and `.git`. The quick fix creates the .dockerignore, or adds the missing lines to the one you have.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { files } = ctx;
    for (const [path, f] of files) {
      const docker = f.facts.deploy?.dockerfile;
      if (f.kind !== 'dockerfile' || !docker || docker.dev) continue;
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      const ignoreFiles = [...new Set([joinPath(dir, '.dockerignore'), '.dockerignore'])].filter((p) => files.get(p)?.kind === 'dockerignore');
      const excludesEnv = ignoreFiles.some((p) => ignore().add(files.get(p)!.facts.ignorePatterns ?? []).ignores('.env'));
      const envHere = [...files.keys()].some((p) => (p.startsWith(dir ? dir + '/' : '') && isEnvFile(p) && files.get(p)!.kind === 'env'));
      for (const copy of docker.copies) {
        if (copy.from) continue;
        const sources = copy.sources.filter((s) => !/^(https?:|git@|<<)/.test(s));
        const envSource = sources.find((s) => isEnvFile(s));
        if (envSource) {
          ctx.report({
            message: `\`${copy.keyword} ${envSource}\` bakes your secrets into the image: anyone who can pull it reads them from the layer (docker history, an exported layer), even if a later step deletes the file. Give the container its secrets at run time (the platform's secret settings, \`--env-file\`) or, for the build, \`RUN --mount=type=secret\`.`,
            file: path,
            range: copy.range,
            workspace: false,
          });
          continue;
        }
        const whole = sources.find((s) => WHOLE_CONTEXT.has(s));
        if (!whole || excludesEnv) continue;
        // a build stage's copy reaches the image only when a later stage copies that stage's whole folder (`COPY --from=builder /app ./`)
        if (!reachesImage(docker, copy)) continue;
        const target = ignoreFiles[0];
        const fixes: Fix[] = [];
        if (target) {
          const text = files.get(target)!.text;
          const add = missingLines(files.get(target)!.facts.ignorePatterns ?? []);
          const lines = new LineIndex(text);
          const eol = lines.eol;
          const end = lines.positionAt(text.length);
          const lead = text === '' || /\r?\n$/.test(text) ? '' : eol;
          fixes.push({ title: `Exclude .env in ${target}`, safe: true, edits: [{ file: target, range: { start: end, end }, newText: lead + add.join(eol) + eol }] });
        } else {
          fixes.push({ title: `Create ${joinPath(dir, '.dockerignore')}`, safe: true, edits: [], creates: [{ file: joinPath(dir, '.dockerignore'), content: WANTED.join('\n') + '\n' }] });
        }
        ctx.report({
          message: `\`${copy.keyword} ${sources.join(' ')} ${copy.dest}\` copies the whole build context, and ${ignoreFiles.length ? `${ignoreFiles.join(' / ')} does not exclude .env` : 'there is no .dockerignore'}: ${envHere ? 'the .env in this folder' : 'a local .env'} and every secret in it end up in an image layer anyone who can pull the image can read. Exclude it in .dockerignore (\`.env\`, \`.env.*\`, and node_modules and .git while you are at it).`,
          file: path,
          range: copy.range,
          workspace: false,
          fixes,
        });
      }
    }
  },
};

export default rule;
