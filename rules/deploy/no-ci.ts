import type { PackageInfo } from '../../server/engine/facts/workspaceFacts';
import type { Fix, WorkspaceRule } from '../../server/engine/types';
import { START } from '../../server/engine/positions';
import { jsonKeyRange } from '../../server/engine/jsonEdits';
import { anchorPackage, installUnits, joinPath as join, type InstallUnit as Unit } from '../../server/engine/deploy/packages';
import { DEFAULT_NODE, engineFloor } from '../../server/engine/deploy/nodeVersion';
import { NPM_PLACEHOLDER } from '../../server/engine/deploy/shell';

const WORKFLOW = '.github/workflows/ci.yml';

const yamlString = (s: string) => (/^[\w.\-/]+$/.test(s) && !/^\d+(\.\d+)*$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`);

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/no-ci',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'ship-stopping',
    title: 'No CI pipeline',
    fixKind: 'multi-file',
    effort: 'day',
    checklist: 'infra.ci',
    docs: {
      why: 'Without CI nothing checks a change before it ships: a broken build, a failing test or a type error reaches production as soon as someone deploys, and every contributor runs (or skips) the checks by hand.',
      checks: 'Besides GitHub Actions, GitLab CI, CircleCI and the other CI services count too.',
      bad: { files: { 'package.json': '{\n  "name": "api",\n  "scripts": {\n    "test": "vitest run",\n    "build": "tsc"\n  }\n}\n', 'package-lock.json': '{}\n' } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "scripts": {\n    "test": "vitest run",\n    "build": "tsc"\n  }\n}\n',
        'package-lock.json': '{}\n',
        '.github/workflows/ci.yml': 'name: CI\non:\n  pull_request:\n  push:\n    branches: [main]\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n          cache: npm\n      - run: npm ci\n      - run: npm test\n      - run: npm run build\n',
      } },
      fix: 'Add a pipeline that runs on every pull request and on the main branch: install from the lockfile (`npm ci`, `pnpm install --frozen-lockfile`, `yarn install --frozen-lockfile`), then lint, type-check, test and build. The quick fix writes `.github/workflows/ci.yml` from the package manager, Node version and scripts it finds.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    if (facts.ciFiles.length || !facts.packages.length) return;
    const anchor = anchorPackage(facts)!;
    const text = files.get(anchor.manifestPath)?.text ?? '';
    const units = installUnits(facts, (p) => files.has(p));
    const fixes: Fix[] = files.has(WORKFLOW) ? [] : [{
      title: `Create ${WORKFLOW}`,
      safe: true,
      edits: [],
      creates: [{ file: WORKFLOW, content: workflow(units, facts.packages, (p) => files.has(p)) }],
    }];
    ctx.report({
      message: 'No CI pipeline: nothing runs the tests, type-check or build before a change ships, so a broken commit reaches production the next time someone deploys. Add a CI workflow (GitHub Actions, GitLab CI...) that runs on every pull request.',
      file: anchor.manifestPath,
      range: jsonKeyRange(text, ['scripts']) ?? START,
      fixes,
    });
  },
};

function nodeVersion(unit: Unit, has: (p: string) => boolean): string {
  for (const dir of unit.dir ? [unit.dir, ''] : ['']) {
    for (const f of ['.nvmrc', '.node-version']) if (has(join(dir, f))) return `node-version-file: ${join(dir, f)}`;
  }
  const engines = unit.pkg.manifest.enginesNode?.trim();
  if (engines) {
    const floor = engineFloor(engines);
    if (floor !== undefined) return `node-version: ${Math.max(floor, DEFAULT_NODE)}`;
    return `node-version: ${yamlString(engines)}`;
  }
  return `node-version: ${DEFAULT_NODE}`;
}

function installSteps(unit: Unit): { setup: string[]; cache?: string; install: string; run: (script: string) => string } {
  const declared = unit.pkg.manifest.packageManager?.split('+')[0];
  switch (unit.pm) {
    case 'pnpm': {
      const version = declared?.startsWith('pnpm@') ? declared.slice(5) : '10';
      return { setup: [`npm install -g pnpm@${version}`], install: `pnpm install${unit.lockfile ? ' --frozen-lockfile' : ''}`, run: (s) => `pnpm run ${s}` };
    }
    case 'yarn': return { setup: [], cache: unit.lockfile ? 'yarn' : undefined, install: `yarn install${unit.lockfile ? ' --frozen-lockfile' : ''}`, run: (s) => `yarn run ${s}` };
    case 'yarn-berry': return { setup: ['corepack enable'], install: `yarn install${unit.lockfile ? ' --immutable' : ''}`, run: (s) => `yarn run ${s}` };
    case 'bun': return { setup: ['npm install -g bun'], install: `bun install${unit.lockfile ? ' --frozen-lockfile' : ''}`, run: (s) => `bun run ${s}` };
    default: return { setup: [], cache: unit.lockfile ? 'npm' : undefined, install: unit.lockfile ? 'npm ci' : 'npm install', run: (s) => (s === 'test' ? 'npm test' : `npm run ${s}`) };
  }
}

function scriptSteps(unit: Unit, all: readonly PackageInfo[], has: (p: string) => boolean, run: (s: string) => string): string[] {
  const pick = (scripts: Record<string, string>, names: string[]) => names.find((n) => scripts[n] && !(n.startsWith('test') && NPM_PLACEHOLDER.test(scripts[n])));
  const groups = [['lint'], ['typecheck', 'type-check', 'check-types', 'types:check', 'tsc'], ['test:ci', 'test'], ['build']];
  const own = unit.pkg.manifest.scripts;
  const monorepo = unit.pkg.manifest.workspaces || has(join(unit.dir, 'pnpm-workspace.yaml'));
  const members = monorepo ? all.filter((p) => p !== unit.pkg && p.dir.startsWith(unit.dir ? unit.dir + '/' : '')) : [];
  const steps: string[] = [];
  for (const names of groups) {
    const here = pick(own, names);
    if (here) { steps.push(run(here)); continue; }
    if (unit.pm !== 'npm' && unit.pm !== 'pnpm') continue;
    const inMembers = names.find((n) => members.some((p) => pick(p.manifest.scripts, [n]) === n));
    if (inMembers) steps.push(unit.pm === 'npm' ? `npm run ${inMembers} --workspaces --if-present` : `pnpm -r run ${inMembers}`);
  }
  return steps;
}

function workflow(units: Unit[], all: readonly PackageInfo[], has: (p: string) => boolean): string {
  const out = [
    'name: CI',
    '',
    'on:',
    '  push:',
    '    branches: [main, master]',
    '  pull_request:',
    '',
    'permissions:',
    '  contents: read',
    '',
    'jobs:',
  ];
  const ids = new Set<string>();
  for (const unit of units) {
    let id = unit.dir ? unit.dir.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'ci' : 'ci';
    while (ids.has(id)) id += '-1';
    ids.add(id);
    const { setup, cache, install, run } = installSteps(unit);
    const steps = scriptSteps(unit, all, has, run);
    out.push(`  ${id}:`, '    runs-on: ubuntu-latest');
    if (unit.dir) out.push('    defaults:', '      run:', `        working-directory: ${yamlString(unit.dir)}`);
    out.push('    steps:', '      - uses: actions/checkout@v6', '      - uses: actions/setup-node@v6', '        with:', `          ${nodeVersion(unit, has)}`);
    if (cache) {
      out.push(`          cache: ${cache}`);
      if (unit.dir && unit.lockfile) out.push(`          cache-dependency-path: ${yamlString(unit.lockfile)}`);
    }
    for (const s of [...setup, install, ...steps]) out.push(`      - run: ${s}`);
    if (!steps.length) out.push('      # Add your checks here: no lint, typecheck, test or build script was found.');
  }
  return out.join('\n') + '\n';
}

export default rule;
