import rule from '../../../rules/deploy/no-ci';
import { ruleTester } from '../../helpers/ruleTester';

const manifest = (o: Record<string, unknown>) => JSON.stringify({ name: 'app', ...o }, null, 2) + '\n';
const app = { 'package.json': manifest({ scripts: { test: 'vitest run' } }), 'package-lock.json': '{}\n' };
const head = 'name: CI\n\non:\n  push:\n    branches: [main, master]\n  pull_request:\n\npermissions:\n  contents: read\n\njobs:\n';

ruleTester(rule, {
  valid: [
    { name: 'GitHub Actions', files: { ...app, '.github/workflows/test.yml': 'on: push\njobs: {}\n' } },
    { name: 'GitHub Actions (.yaml, any name)', files: { ...app, '.github/workflows/deploy.yaml': 'on: push\njobs: {}\n' } },
    { name: 'GitLab CI', files: { ...app, '.gitlab-ci.yml': 'test:\n  script: npm test\n' } },
    { name: 'CircleCI', files: { ...app, '.circleci/config.yml': 'version: 2.1\n' } },
    { name: 'Bitbucket Pipelines', files: { ...app, 'bitbucket-pipelines.yml': 'pipelines: {}\n' } },
    { name: 'Azure Pipelines', files: { ...app, 'azure-pipelines.yml': 'steps: []\n' } },
    { name: 'Jenkinsfile', files: { ...app, Jenkinsfile: "pipeline { agent any\n stages { stage('t') { steps { sh 'npm test' } } } }\n" } },
    { name: 'Woodpecker', files: { ...app, '.woodpecker.yml': 'steps: []\n' } },
    { name: 'Gitea / Forgejo Actions', files: { ...app, '.forgejo/workflows/ci.yml': 'on: push\n' } },
    { name: 'not a Node project', files: { 'README.md': '# Tool\n', 'main.py': 'print(1)\n' } },
  ],
  invalid: [
    {
      name: 'npm with a lockfile, engines 20.x: lint, typecheck, test and build',
      files: {
        'package.json': manifest({ engines: { node: '20.x' }, scripts: { dev: 'tsx watch src/server.ts', lint: 'eslint .', typecheck: 'tsc --noEmit', test: 'vitest run', build: 'tsc -p .' } }),
        'package-lock.json': '{}\n',
        'src/server.ts': 'export {};\n',
      },
      errors: [{ file: 'package.json', line: 6, column: 3, endColumn: 12, message: /^No CI pipeline: nothing runs the tests/, tier: 'ship-stopping' }],
      output: {
        '.github/workflows/ci.yml': head +
          '  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 20.x\n          cache: npm\n' +
          '      - run: npm ci\n      - run: npm run lint\n      - run: npm run typecheck\n      - run: npm test\n      - run: npm run build\n',
      },
    },
    {
      name: 'pnpm monorepo: packageManager version, .nvmrc, recursive test for the members',
      files: {
        'package.json': manifest({ private: true, packageManager: 'pnpm@9.12.0+sha512.4abf725084d7bcbafbd728bfc7bee61f2f791f977fd87542b3579dcb23504d170d46337945e4c66485cd12d588a0c0e570ed9c477e7ccdd8507cf05f3f92eaca', scripts: { build: 'turbo run build', lint: 'turbo run lint' } }),
        'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
        'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n",
        '.nvmrc': '22\n',
        'apps/api/package.json': manifest({ name: 'api', scripts: { test: 'jest' } }),
      },
      errors: [{ file: 'package.json', line: 5, column: 3 }],
      output: {
        '.github/workflows/ci.yml': head +
          '  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version-file: .nvmrc\n' +
          '      - run: npm install -g pnpm@9.12.0\n      - run: pnpm install --frozen-lockfile\n      - run: pnpm run lint\n      - run: pnpm -r run test\n      - run: pnpm run build\n',
      },
    },
    {
      name: 'npm workspaces: root scripts first, then the members\' scripts',
      files: {
        'package.json': manifest({ private: true, workspaces: ['packages/*'], scripts: { lint: 'eslint .' } }),
        'package-lock.json': '{}\n',
        'packages/api/package.json': manifest({ name: 'api', scripts: { test: 'vitest run', build: 'tsc' } }),
        'packages/web/package.json': manifest({ name: 'web', scripts: { build: 'vite build' } }),
      },
      errors: [{ file: 'package.json', line: 7, column: 3 }],
      output: {
        '.github/workflows/ci.yml': head +
          '  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n          cache: npm\n' +
          '      - run: npm ci\n      - run: npm run lint\n      - run: npm run test --workspaces --if-present\n      - run: npm run build --workspaces --if-present\n',
      },
    },
    {
      name: 'yarn classic: the npm placeholder test script is left out, default Node',
      files: {
        'package.json': manifest({ scripts: { start: 'node index.js', test: 'echo "Error: no test specified" && exit 1', build: 'webpack' } }),
        'yarn.lock': '# yarn lockfile v1\n',
      },
      errors: [{ file: 'package.json', line: 3, column: 3 }],
      output: {
        '.github/workflows/ci.yml': head +
          '  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n          cache: yarn\n' +
          '      - run: yarn install --frozen-lockfile\n      - run: yarn run build\n',
      },
    },
    {
      name: 'yarn berry (.yarnrc.yml): corepack and --immutable; type-check name variant; quoted engines range',
      files: {
        'package.json': manifest({ engines: { node: '^22.11.0' }, scripts: { 'type-check': 'tsc --noEmit', 'test:ci': 'jest --ci', test: 'jest --watch' } }),
        'yarn.lock': '__metadata:\n  version: 8\n',
        '.yarnrc.yml': 'nodeLinker: node-modules\n',
      },
      errors: [{ file: 'package.json', line: 6, column: 3 }],
      output: {
        '.github/workflows/ci.yml': head +
          "  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version: '^22.11.0'\n" +
          '      - run: corepack enable\n      - run: yarn install --immutable\n      - run: yarn run type-check\n      - run: yarn run test:ci\n',
      },
    },
    {
      name: 'no lockfile: npm install without cache; a lower-bound engines gets the default LTS',
      files: { 'package.json': manifest({ engines: { node: '>=18' }, scripts: { test: 'node --test' } }) },
      errors: [{ file: 'package.json', line: 6, column: 3 }],
      output: {
        '.github/workflows/ci.yml': head +
          '  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n' +
          '      - run: npm install\n      - run: npm test\n',
      },
    },
    {
      name: 'no root package.json: one job per app, anchored on the first',
      files: {
        'client/package.json': manifest({ name: 'client', scripts: { build: 'vite build', lint: 'eslint src' } }),
        'client/package-lock.json': '{}\n',
        'server/package.json': manifest({ name: 'server', scripts: { test: 'jest' } }),
        'server/package-lock.json': '{}\n',
        'server/.nvmrc': '20\n',
      },
      errors: [{ file: 'client/package.json', line: 3, column: 3 }],
      output: {
        '.github/workflows/ci.yml': head +
          '  client:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: client\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n          cache: npm\n          cache-dependency-path: client/package-lock.json\n' +
          '      - run: npm ci\n      - run: npm run lint\n      - run: npm run build\n' +
          '  server:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: server\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version-file: server/.nvmrc\n          cache: npm\n          cache-dependency-path: server/package-lock.json\n' +
          '      - run: npm ci\n      - run: npm test\n',
      },
    },
    {
      name: 'bun, and no scripts at all: anchored on line 1, a reminder comment',
      files: { 'package.json': '{\n  "name": "tiny",\n  "dependencies": { "hono": "^4.0.0" }\n}\n', 'bun.lock': '{}\n' },
      errors: [{ file: 'package.json', line: 1, column: 1 }],
      output: {
        '.github/workflows/ci.yml': head +
          '  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n' +
          '      - run: npm install -g bun\n      - run: bun install --frozen-lockfile\n      # Add your checks here: no lint, typecheck, test or build script was found.\n',
      },
    },
  ],
});
