import rule from '../../../rules/deploy/no-lockfile';
import { ruleTester } from '../../helpers/ruleTester';

const manifest = (o: Record<string, unknown>) => JSON.stringify({ name: 'api', ...o }, null, 2) + '\n';
const deps = { dependencies: { express: '^4.21.2' } };
const npmApp = { 'package.json': manifest(deps), 'package-lock.json': '{}\n' };
const gha = (steps: string) => `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;

ruleTester(rule, {
  valid: [
    { name: 'npm with package-lock.json', files: npmApp },
    { name: 'npm-shrinkwrap.json', files: { 'package.json': manifest(deps), 'npm-shrinkwrap.json': '{}\n' } },
    { name: 'pnpm', files: { 'package.json': manifest(deps), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" } },
    { name: 'yarn', files: { 'package.json': manifest(deps), 'yarn.lock': '# yarn lockfile v1\n' } },
    { name: 'bun.lockb (binary, kept empty by the loader)', files: { 'package.json': manifest(deps), 'bun.lockb': '' } },
    { name: 'a package without dependencies needs no lockfile', files: { 'package.json': manifest({ scripts: { test: 'node --test' } }) } },
    { name: 'workspace members share the root lockfile', files: { 'package.json': manifest({ private: true, workspaces: ['apps/*'] }), 'package-lock.json': '{}\n', 'apps/api/package.json': manifest(deps), 'apps/web/package.json': manifest({ dependencies: { next: '15.0.0' } }) } },
    { name: 'npm ci in CI', files: { ...npmApp, '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: npm test\n') } },
    { name: 'installing a global tool or one package is not a dependency install', files: { ...npmApp, '.github/workflows/ci.yml': gha('      - run: npm install -g pnpm@9\n      - run: npm install --no-save @playwright/test\n      - run: npm i -D eslint-formatter-github\n      - run: npm ci\n') } },
    { name: 'pnpm install in CI is frozen by default', files: { 'package.json': manifest(deps), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", '.github/workflows/ci.yml': gha('      - run: pnpm install\n') } },
    { name: 'Yarn 2+ is immutable in CI by default', files: { 'package.json': manifest({ ...deps, packageManager: 'yarn@4.5.0' }), 'yarn.lock': '__metadata:\n  version: 8\n', '.github/workflows/ci.yml': gha('      - run: yarn install\n') } },
    { name: 'yarn --frozen-lockfile, and bare yarn --pure-lockfile', files: { 'package.json': manifest(deps), 'yarn.lock': '# yarn lockfile v1\n', '.gitlab-ci.yml': 'test:\n  script:\n    - yarn --frozen-lockfile\n    - yarn --pure-lockfile\n    - yarn test\n' } },
    { name: 'yarn run scripts are not installs', files: { 'package.json': manifest(deps), 'yarn.lock': '# yarn lockfile v1\n', '.github/workflows/ci.yml': gha('      - run: yarn install --immutable\n      - run: yarn build\n') } },
    { name: 'npm install in CI with no lockfile at all (the missing lockfile is the finding, not npm ci)', files: { 'package.json': manifest({ scripts: { test: 'jest' } }), '.github/workflows/ci.yml': gha('      - run: npm install\n') } },
    { name: 'bun install --frozen-lockfile', files: { 'package.json': manifest(deps), 'bun.lock': '{}\n', '.github/workflows/ci.yml': gha('      - run: bun install --frozen-lockfile\n') } },
  ],
  invalid: [
    {
      name: 'package-lock.json gitignored while CI and the Dockerfile run npm ci: the builds fail (seen on a real Express + Stripe app)',
      files: {
        'package.json': manifest(deps),
        '.gitignore': 'node_modules\npackage-lock.json\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n',
        'Dockerfile': 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --only=production\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      },
      errors: [{ file: 'package.json', line: 3, column: 3, tier: 'ship-stopping', message: /`npm ci` in \.github\/workflows\/ci\.yml fails without it, so the pipeline and the image build fail before anything runs\. Run `npm install` and commit the package-lock\.json it writes\. package-lock\.json is listed in \.gitignore: remove that line\.$/ }],
    },
    {
      name: 'no lockfile for the root package',
      files: { 'package.json': manifest({ scripts: { start: 'node index.js' }, ...deps }) },
      errors: [{ file: 'package.json', line: 6, column: 3, endColumn: 17, message: 'No lockfile is committed: every install re-resolves the version ranges in package.json, so CI, a teammate and the production build can each get different dependency versions, and a bad transitive release breaks production with no change of yours. Run `npm install` and commit the package-lock.json it writes.', tier: 'tech-debt' }],
      output: null,
    },
    {
      name: 'the lockfile is git-ignored',
      files: { 'package.json': manifest(deps), '.gitignore': 'node_modules\npackage-lock.json\n' },
      errors: [{ file: 'package.json', line: 3, column: 3, message: /package-lock\.json is listed in \.gitignore: remove that line\.$/ }],
    },
    {
      name: 'pnpm declared, two independent apps, one without a lockfile',
      files: {
        'backend/package.json': manifest({ packageManager: 'pnpm@9.12.0', ...deps }),
        'backend/pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
        'frontend/package.json': manifest({ name: 'web', packageManager: 'pnpm@9.12.0', devDependencies: { vite: '^6.0.0' } }),
      },
      errors: [{ file: 'frontend/package.json', line: 4, column: 3, message: /^No lockfile is committed for frontend: .* Run `pnpm install` and commit the pnpm-lock\.yaml it writes\.$/ }],
    },
    {
      name: 'npm install in GitHub Actions: npm ci',
      files: { ...npmApp, '.github/workflows/ci.yml': gha('      - run: npm install\n      - run: npm test\n') },
      errors: [{ file: '.github/workflows/ci.yml', line: 7, column: 14, endColumn: 25, message: /^`npm install` in CI does not install the lockfile as committed/ }],
      output: { '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: npm test\n') },
    },
    {
      name: 'npm i with flags inside a multi-line block, and a second command on the same line',
      files: { ...npmApp, '.github/workflows/ci.yml': gha('      - name: Install\n        run: |\n          npm config set fund false\n          npm i --legacy-peer-deps && npm run build\n') },
      errors: [{ file: '.github/workflows/ci.yml', line: 10, column: 11, endColumn: 35, message: /^`npm i --legacy-peer-deps` in CI/ }],
      output: { '.github/workflows/ci.yml': gha('      - name: Install\n        run: |\n          npm config set fund false\n          npm ci --legacy-peer-deps && npm run build\n') },
    },
    {
      name: 'a quoted command in GitLab',
      files: { ...npmApp, '.gitlab-ci.yml': 'test:\n  image: node:22\n  script:\n    - "npm install"\n    - npm test\n' },
      errors: [{ file: '.gitlab-ci.yml', line: 4, column: 8 }],
      output: { '.gitlab-ci.yml': 'test:\n  image: node:22\n  script:\n    - "npm ci"\n    - npm test\n' },
    },
    {
      name: 'yarn classic without --frozen-lockfile (bare yarn and yarn install)',
      files: { 'package.json': manifest(deps), 'yarn.lock': '# yarn lockfile v1\n', '.circleci/config.yml': 'version: 2.1\njobs:\n  test:\n    steps:\n      - checkout\n      - run: yarn\n      - run:\n          command: CI=true yarn install --network-timeout 100000\n' },
      errors: [
        { file: '.circleci/config.yml', line: 6, column: 14, endColumn: 18, message: /^`yarn` in CI \(Yarn 1\) updates yarn\.lock/ },
        { file: '.circleci/config.yml', line: 8, column: 28, message: /^`yarn install --network-timeout 100000` in CI/ },
      ],
      output: { '.circleci/config.yml': 'version: 2.1\njobs:\n  test:\n    steps:\n      - checkout\n      - run: yarn --frozen-lockfile\n      - run:\n          command: CI=true yarn install --network-timeout 100000\n' },
    },
    {
      name: 'pnpm with --no-frozen-lockfile',
      files: { 'package.json': manifest(deps), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", 'bitbucket-pipelines.yml': 'pipelines:\n  default:\n    - step:\n        script:\n          - pnpm install --no-frozen-lockfile\n          - pnpm test\n' },
      errors: [{ file: 'bitbucket-pipelines.yml', line: 5, column: 13, message: /^`--no-frozen-lockfile` lets CI rewrite the pnpm-lock\.yaml/ }],
      output: { 'bitbucket-pipelines.yml': 'pipelines:\n  default:\n    - step:\n        script:\n          - pnpm install --frozen-lockfile\n          - pnpm test\n' },
    },
    {
      name: 'inside sh -c: reported on the scalar, no edit',
      files: { ...npmApp, '.github/workflows/ci.yml': gha('      - run: sh -c "npm install && npm test"\n') },
      errors: [{ file: '.github/workflows/ci.yml', line: 7, column: 14 }],
      output: null,
    },
  ],
});
