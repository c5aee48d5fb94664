import * as jsonc from 'jsonc-parser';
import type { Fix, WorkspaceRule } from '../../server/engine/types';
import { LineIndex, START } from '../../server/engine/positions';
import { jsonKeyRange, setJsonValue } from '../../server/engine/jsonEdits';
import { anchorPackage } from '../../server/engine/deploy/packages';
import { NODE_FLOOR, nodeMajor } from '../../server/engine/deploy/nodeVersion';
import { ciFilesOf } from '../../server/engine/deploy/signals';

const VERSION_FILES = new Set(['.nvmrc', '.node-version', '.tool-versions']);
const NODE_IMAGE = /^(?:[\w.-]+(?::\d+)?\/)?(?:library\/)?node:([^@]+)/;

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/no-node-version',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'No Node.js version declared',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'infra.container',
    docs: {
      why: 'When the project does not say which Node it runs on, every developer, the CI runner and the host pick their own, and hosts that build from package.json (Heroku, Render, Railway, Vercel) move to a new major on their own schedule: a runtime you never tested reaches production on an ordinary deploy, and "works on my machine" bugs follow from version drift.',
      checks: 'Besides `engines.node`, `.nvmrc` and `.node-version`, Volta (`volta.node`) and asdf/mise (`.tool-versions`) count too.',
      bad: { files: { 'package.json': '{\n  "name": "api",\n  "scripts": {\n    "start": "node server.js"\n  }\n}\n' } },
      good: { files: { 'package.json': '{\n  "name": "api",\n  "scripts": {\n    "start": "node server.js"\n  },\n  "engines": {\n    "node": ">=22"\n  }\n}\n', '.nvmrc': '22\n' } },
      fix: 'Declare the Node line the app is tested on: `"engines": { "node": ">=22" }` in package.json (hosts read it), and a `.nvmrc` or `.node-version` for developers and `actions/setup-node` (`node-version-file: .nvmrc`). The quick fix adds `engines.node` with the major of the Dockerfile\'s Node image or the CI\'s setup-node version, else the oldest maintained LTS line.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const anchor = anchorPackage(facts);
    if (!anchor) return;
    if (facts.packages.some((p) => p.manifest.enginesNode || files.get(p.manifestPath)?.facts.deploy?.nodeVersion)) return;
    for (const [path, f] of files) if (VERSION_FILES.has(path.slice(path.lastIndexOf('/') + 1)) && f.facts.deploy?.nodeVersion) return;

    let major: number | undefined;
    let source = '';
    for (const [path, f] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const docker = f.facts.deploy?.dockerfile;
      if (!docker || docker.dev) continue;
      for (const from of [...docker.froms].reverse()) {
        const m = from.image && NODE_IMAGE.exec(from.image);
        const v = m ? nodeMajor(m[1]) : undefined;
        if (v) { major = v; source = `the Node image in ${path}`; break; }
      }
      if (major) break;
    }
    if (!major) {
      const versions = ciFilesOf(ctx).flatMap((c) => [...c.ci.nodeVersions.map((v) => ({ v, path: c.path })), ...c.ci.images.map((i) => ({ v: NODE_IMAGE.exec(i)?.[1] ?? '', path: c.path }))]);
      const majors = versions.map((x) => ({ m: nodeMajor(x.v), path: x.path })).filter((x): x is { m: number; path: string } => !!x.m);
      if (majors.length) {
        const lowest = majors.reduce((a, b) => (b.m < a.m ? b : a));
        major = lowest.m;
        source = `the Node version ${lowest.path} tests with`;
      }
    }
    const floor = major ?? NODE_FLOOR;
    const text = files.get(anchor.manifestPath)?.text ?? '';
    // `"engine": { "node": ">=20" }`: a typo no tool reads; renaming the key keeps the version the team chose
    const typo = text ? jsonc.parseTree(text, [], { allowTrailingComma: true }) : undefined;
    const misspelt = typo && jsonc.findNodeAtLocation(typo, ['engine', 'node']);
    const typoKey = misspelt?.type === 'string' ? jsonKeyRange(text, ['engine']) : undefined;
    if (misspelt && typoKey) {
      ctx.report({
        message: `\`"engine"\` in ${anchor.manifestPath} is a typo for \`"engines"\`: npm, hosts and setup-node read only \`engines.node\`, so the \`${misspelt.value}\` declared there pins nothing, and developers, CI and the host each pick their own Node. Rename the key to \`"engines"\`.`,
        file: anchor.manifestPath,
        range: typoKey,
        fixes: [{ title: 'Rename "engine" to "engines"', safe: true, edits: [{ file: anchor.manifestPath, range: typoKey, newText: '"engines"' }] }],
      });
      return;
    }
    const fixes: Fix[] = text ? [{ title: `Add "engines": { "node": ">=${floor}" }`, safe: true, edits: setJsonValue(anchor.manifestPath, text, ['engines', 'node'], `>=${floor}`, false) }] : [];
    ctx.report({
      message: `No Node.js version is declared: ${anchor.manifestPath} has no \`engines.node\` and there is no .nvmrc, .node-version or Volta/asdf pin, so developers, CI and the host each pick their own Node, and a major you never tested can reach production on an ordinary deploy. Declare it (\`"engines": { "node": ">=${floor}" }\`${major ? `, from ${source}` : ''}) and add an .nvmrc for local development.`,
      file: anchor.manifestPath,
      range: jsonKeyRange(text, ['engines']) ?? jsonKeyRange(text, ['name']) ?? (text ? new LineIndex(text).lineRange(0) : START),
      fixes,
    });
  },
};

export default rule;
