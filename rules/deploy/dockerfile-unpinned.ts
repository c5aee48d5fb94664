import type { Fix, WorkspaceRule, WorkspaceRuleContext } from '../../server/engine/types';
import { isNodeCodename, pinnableNodeVersion } from '../../server/engine/deploy/nodeVersion';
import { joinPath } from '../../server/engine/deploy/packages';

/** Tags that move to a new release by design. */
const FLOATING = new Set(['latest', 'lts', 'current', 'stable', 'edge', 'rolling', 'nightly']);

interface ImageRef { registry?: string; name: string; tag?: string; digest?: string }

/** Splits `[registry/]name[:tag][@digest]`. */
function parseImage(ref: string): ImageRef {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  const parts = rest.split('/');
  const registry = parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost') ? parts.shift() : undefined;
  return { registry, name: parts.join('/'), tag, digest };
}

const isNodeImage = (name: string) => name === 'node' || name === 'library/node' || name.endsWith('/library/node');

/** Why an image reference floats, or undefined when it is pinned. */
function floating(img: ImageRef): string | undefined {
  if (img.digest) return undefined;
  if (!img.tag) return 'no tag';
  const head = img.tag.toLowerCase().split('-')[0];
  if (FLOATING.has(head)) return `the \`${img.tag}\` tag`;
  if (isNodeImage(img.name) && !/^\d/.test(img.tag) && !isNodeCodename(head)) return `the \`${img.tag}\` tag (a variant with no Node version)`;
  return undefined;
}

/** The variant a pinned node tag keeps (`alpine` from `lts-alpine`, nothing from `latest`). */
function variantOf(tag: string | undefined): string {
  if (!tag) return '';
  const parts = tag.split('-');
  return FLOATING.has(parts[0].toLowerCase()) ? parts.slice(1).join('-') : tag;
}

/** The Node version the project states for the package holding `path`: version files first (package, Dockerfile folder, root), then engines, then Volta. */
function projectNodeVersion(ctx: WorkspaceRuleContext, path: string): { version: string; source: string } | undefined {
  const { facts, files } = ctx;
  const dockerDir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const pkg = facts.packageOf(path);
  const root = facts.packages.find((p) => p.dir === '');
  const dirs = [...new Set([pkg?.dir, dockerDir, ''].filter((d): d is string => d !== undefined))];
  for (const dir of dirs) {
    for (const name of ['.nvmrc', '.node-version', '.tool-versions']) {
      const file = joinPath(dir, name);
      const stated = files.get(file)?.facts.deploy?.nodeVersion;
      const version = stated && pinnableNodeVersion(stated);
      if (version) return { version, source: file };
    }
  }
  for (const p of [pkg, root]) {
    const engines = p?.manifest.enginesNode;
    const version = engines && pinnableNodeVersion(engines);
    if (version) return { version, source: `${p!.manifestPath} engines.node` };
    const volta = p && files.get(p.manifestPath)?.facts.deploy?.nodeVersion;
    const v2 = volta && pinnableNodeVersion(volta);
    if (v2) return { version: v2, source: `${p!.manifestPath} volta.node` };
  }
  return undefined;
}

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/dockerfile-unpinned',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'Dockerfile base image not pinned',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'infra.container',
    docs: {
      why: 'A base image with no tag, `latest`, or a variant-only tag such as `node:alpine` points at whatever was published last: two builds of the same commit can run different Node majors and OS releases, a build that passed yesterday breaks today, and redeploying an old commit to roll back does not bring the old runtime back.',
      bad: { files: { 'package.json': '{\n  "name": "api",\n  "engines": { "node": "22.x" }\n}\n', Dockerfile: 'FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "server.js"]\n' } },
      good: { files: { 'package.json': '{\n  "name": "api",\n  "engines": { "node": "22.x" }\n}\n', Dockerfile: 'FROM node:22.11.0-alpine AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:22-alpine\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/server.js"]\n' } },
      fix: 'Pin every external base image to a version tag that matches what you develop and test with (`node:22.11.0-alpine`, `node:22-slim`, `postgres:16.4`), or to a digest (`node:22-alpine@sha256:...`) and let Dependabot or Renovate bump it. The quick fix pins Node images to the version in .nvmrc, .node-version or `engines.node`, keeping the variant (`node:alpine` becomes `node:22-alpine`). Stage references (`FROM build`) and `scratch` are not images to pin.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    for (const [path, f] of ctx.files) {
      const docker = f.facts.deploy?.dockerfile;
      if (f.kind !== 'dockerfile' || !docker || docker.dev) continue;
      const stages: string[] = [];
      for (const from of docker.froms) {
        const known = from.image;
        const stage = from.stage?.toLowerCase();
        if (known && known.toLowerCase() !== 'scratch' && !stages.includes(known.toLowerCase())) {
          const img = parseImage(known);
          const why = floating(img);
          if (why) {
            const node = isNodeImage(img.name);
            const stated = node ? projectNodeVersion(ctx, path) : undefined;
            const fixes: Fix[] = [];
            let suggestion = node ? '`node:<version>-alpine` (the version you develop and test with)' : 'a version tag or a digest';
            if (stated) {
              const variant = variantOf(img.tag);
              const tag = `${stated.version}${variant ? `-${variant}` : ''}`;
              const base = from.raw.slice(0, from.raw.length - (img.tag ? img.tag.length + 1 : 0));
              suggestion = `\`${base}:${tag}\` (from ${stated.source})`;
              if (from.raw === known) fixes.push({ title: `Pin to ${base}:${tag}`, safe: false, edits: [{ file: path, range: from.range, newText: `${base}:${tag}` }] });
            }
            const shown = from.raw === known ? `\`FROM ${from.raw}\`` : `\`FROM ${from.raw}\` (\`${known}\` with the build argument's default)`;
            ctx.report({
              message: `${shown} is not pinned (${why}): each build pulls whatever was published last, so the same commit can build on a different ${node ? 'Node major and OS' : 'release'}, and redeploying an old commit does not bring its runtime back. Pin it to ${suggestion}.`,
              file: path,
              range: from.range,
              workspace: false,
              fixes,
            });
          }
        }
        if (stage) stages.push(stage);
      }
    }
  },
};

export default rule;
