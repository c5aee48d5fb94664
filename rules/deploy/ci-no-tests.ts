import type { PackageInfo } from '../../server/engine/facts/workspaceFacts';
import type { CiCommand } from '../../server/engine/facts/deployFacts';
import type { Fix, WorkspaceRule } from '../../server/engine/types';
import { LineIndex, START } from '../../server/engine/positions';
import { jsonKeyRange } from '../../server/engine/jsonEdits';
import { anchorPackage } from '../../server/engine/deploy/packages';
import { allCommands, installOf, NPM_PLACEHOLDER, program, runsTests, type Pm, type SimpleCommand } from '../../server/engine/deploy/shell';
import { ciFilesOf, scriptLookup, testScriptOf, type CiFile } from '../../server/engine/deploy/signals';
import { insertAfterItem } from '../../server/engine/deploy/yamlEdits';

/** Actions that run a test suite themselves. */
const TEST_ACTIONS = /^(cypress-io\/github-action|mattallty\/jest-github-action|ArtiomTr\/jest-coverage-report-action)@/i;

const isImageBuild = (cmd: SimpleCommand) => {
  const w = program(cmd).map((x) => x.text);
  return ((w[0] === 'docker' || w[0] === 'podman') && (w[1] === 'build' || (w[1] === 'buildx' && w[2] === 'build') || (w[1] === 'compose' && w.includes('build')))) || (w[0] === 'docker-compose' && w[1] === 'build');
};

const runScript = (pm: Pm, script: string) => {
  if (pm === 'bun') return `bun run ${script}`;
  if (script === 'test') return `${pm} test`;
  return `${pm} run ${script}`;
};

const rule: WorkspaceRule = {
  meta: {
    id: 'deploy/ci-no-tests',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'ship-stopping',
    title: 'CI never runs the tests',
    fixKind: 'edit',
    effort: 'hour',
    checklist: 'infra.ci',
    docs: {
      why: 'A pipeline that installs and builds but never runs the tests gives a green check to a change that breaks them: the regression merges, deploys and is found by users. A `test` script that is missing, or still npm\'s "no test specified" placeholder, means there is nothing for CI to run at all.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "scripts": {\n    "build": "tsc",\n    "test": "vitest run"\n  }\n}\n',
        'package-lock.json': '{}\n',
        '.github/workflows/ci.yml': 'name: CI\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n      - run: npm ci\n      - run: npm run build\n',
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "scripts": {\n    "build": "tsc",\n    "test": "vitest run"\n  }\n}\n',
        'package-lock.json': '{}\n',
        '.github/workflows/ci.yml': 'name: CI\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n      - run: npm ci\n      - run: npm test\n      - run: npm run build\n',
      } },
      fix: 'Run the test script in CI on every pull request, right after the install step (`npm test`, `pnpm test`, `yarn test`, or a monorepo runner such as `turbo run test`). If the project has no tests yet, add a runner (Vitest, Jest, `node --test`) and a `test` script first. The quick fix inserts the test step after the first install step of the first job that installs dependencies.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    const anchor = anchorPackage(facts);
    if (!anchor) return;
    const lookup = scriptLookup(facts.packages);
    const withTests = facts.packages.filter((p) => testScriptOf(p));
    const ci = ciFilesOf(ctx);
    const pipelines = ci.filter((c) => c.ci.provider !== 'github-action');

    if (!facts.ciFiles.length) {
      const scriptsRunTests = facts.packages.some((p) => Object.values(p.manifest.scripts).some((b) => allCommands(b).some((sc) => runsTests(sc, lookup))));
      if (withTests.length || scriptsRunTests) return;
      const text = files.get(anchor.manifestPath)?.text ?? '';
      const placeholder = NPM_PLACEHOLDER.test(anchor.manifest.scripts.test ?? '');
      ctx.report({
        message: placeholder
          ? `${anchor.manifestPath}'s \`test\` script is still npm's placeholder ("no test specified"): the project has no automated tests, so nothing checks a change before it ships. Add a test runner (Vitest, Jest, \`node --test\`), a real \`test\` script, and run it in CI.`
          : `${anchor.manifestPath} has no \`test\` script: the project has no automated tests a pipeline could run, so nothing checks a change before it ships. Add a test runner (Vitest, Jest, \`node --test\`), a \`test\` script, and run it in CI.`,
        file: anchor.manifestPath,
        range: jsonKeyRange(text, ['scripts', 'test']) ?? jsonKeyRange(text, ['scripts']) ?? (text ? new LineIndex(text).lineRange(0) : START),
      });
      return;
    }
    // A CI we cannot read (Jenkinsfile, .travis.yml not parsed...) or jobs defined elsewhere may run the tests.
    if (facts.ciFiles.some((p) => !files.get(p)?.facts.deploy?.ci) || ci.some((c) => c.ci.external.length)) return;
    const testsRun = ci.some((c) => c.ci.uses.some((u) => TEST_ACTIONS.test(u.ref)) || c.ci.commands.some((cmd) => allCommands(cmd.text).some((sc) => runsTests(sc, lookup))));
    if (testsRun || !pipelines.length) return;
    // Tests run inside the image build: CI builds an image whose Dockerfile runs them.
    const buildsImage = ci.some((c) => c.ci.uses.some((u) => /^docker\/build-push-action@/.test(u.ref)) || c.ci.commands.some((cmd) => allCommands(cmd.text).some(isImageBuild)));
    if (buildsImage && [...files.values()].some((f) => f.facts.deploy?.dockerfile?.runs.some((r) => allCommands(r).some((sc) => runsTests(sc, lookup))))) return;

    const berry = facts.packages.some((p) => /^yarn@[2-9]/.test(p.manifest.packageManager ?? '')) || files.has('.yarnrc.yml');
    let target: { file: CiFile; cmd: CiCommand; pm: Pm } | undefined;
    for (const c of pipelines) {
      for (const cmd of c.ci.commands) {
        const install = allCommands(cmd.text).map((sc) => installOf(sc, berry)).find(Boolean);
        if (install && cmd.item && !cmd.item.flow) { target = { file: c, cmd, pm: install.pm }; break; }
      }
      if (target) break;
    }
    const file = target?.file ?? pipelines[0];
    const fixes: Fix[] = [];
    if (target) {
      const dir = (target.cmd.workingDirectory ?? '').replace(/^\.\/?/, '').replace(/\/+$/, '');
      const pkg: PackageInfo | undefined = facts.packages.find((p) => p.dir === dir) ?? (dir ? undefined : anchor);
      const script = pkg && testScriptOf(pkg);
      const text = files.get(file.path)?.text;
      if (script && text !== undefined) {
        const command = runScript(target.pm, script);
        const edit = insertAfterItem(file.path, text, target.cmd.item!, command, file.ci.provider);
        if (edit) fixes.push({ title: `Run \`${command}\` after the install step`, safe: false, edits: [edit] });
      }
    }
    const scripts = withTests.length ? `the \`${testScriptOf(withTests.find((p) => p === anchor) ?? withTests[0])}\` script` : undefined;
    ctx.report({
      message: scripts
        ? `CI never runs the tests: no job in ${pipelines.length > 1 ? 'the CI files' : file.path} calls ${scripts} or a test runner, so a change that breaks them still gets a green check, merges and deploys. Add a test step after the install step.`
        : `CI never runs tests, and no package.json has a real \`test\` script (missing, or npm's "no test specified" placeholder): nothing checks a change before it ships. Add a test runner (Vitest, Jest, \`node --test\`) and a \`test\` script, then run it in ${file.path}.`,
      file: file.path,
      range: file.ci.anchor,
      fixes,
    });
  },
};

export default rule;
