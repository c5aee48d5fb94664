import rule from '../../../rules/deploy/ci-no-tests';
import { ruleTester } from '../../helpers/ruleTester';

const manifest = (o: Record<string, unknown>) => JSON.stringify({ name: 'api', ...o }, null, 2) + '\n';
const app = (scripts: Record<string, string> = { build: 'tsc', test: 'vitest run' }) => ({ 'package.json': manifest({ scripts }), 'package-lock.json': '{}\n' });
const gha = (steps: string) => `name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;

ruleTester(rule, {
  valid: [
    { name: '`npm run test --if-present` where the test script exists', files: { ...app(), '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: npm run test --if-present\n') } },
    { name: 'npm ci then npm test', files: { ...app(), '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: npm test\n') } },
    { name: 'npx vitest run directly (no test script needed)', files: { ...app({ build: 'tsc' }), '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: npx vitest run --coverage\n') } },
    { name: 'a multi-line run block', files: { ...app(), '.github/workflows/ci.yml': gha('      - name: Install and test\n        run: |\n          npm ci\n          npm run build\n          npm test -- --reporter=dot\n') } },
    { name: 'npm run ci resolves to a script that runs vitest', files: { ...app({ lint: 'eslint .', ci: 'npm run lint && vitest run' }), '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: npm run ci\n') } },
    { name: 'a check script that runs node --test', files: { ...app({ check: 'tsc --noEmit && node --test test/' }), '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: npm run check\n') } },
    { name: 'test:unit script', files: { ...app({ 'test:unit': 'jest' }), '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: npm run test:unit\n') } },
    { name: 'turbo in a pnpm monorepo', files: { 'package.json': manifest({ private: true, scripts: { build: 'turbo run build' } }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", 'apps/api/package.json': manifest({ scripts: { test: 'vitest run' } }), '.github/workflows/ci.yml': gha('      - run: pnpm install\n      - run: pnpm turbo run lint test build\n') } },
    { name: 'nx affected -t test', files: { ...app({ build: 'nx run-many -t build' }), '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: npx nx affected -t lint,test\n') } },
    { name: 'yarn workspace api test', files: { ...app(), '.github/workflows/ci.yml': gha('      - run: yarn install --frozen-lockfile\n      - run: yarn workspace api test\n') } },
    { name: 'tests inside docker compose run', files: { ...app(), '.github/workflows/ci.yml': gha('      - run: docker compose run --rm -e CI=true api npm test\n') } },
    { name: 'make test', files: { ...app(), '.github/workflows/ci.yml': gha('      - run: make test\n') } },
    { name: 'a CI shell script', files: { ...app(), '.github/workflows/ci.yml': gha('      - run: bash scripts/ci.sh\n') } },
    { name: 'the Cypress action runs the suite', files: { ...app(), '.github/workflows/e2e.yml': gha('      - uses: cypress-io/github-action@v6\n        with:\n          start: npm start\n') } },
    { name: 'tests in a second workflow', files: { ...app(), '.github/workflows/deploy.yml': gha('      - run: npm ci\n      - run: npx fly deploy\n'), '.github/workflows/test.yml': gha('      - run: npm ci\n      - run: npm test\n') } },
    { name: 'a local composite action runs the tests', files: { ...app(), '.github/workflows/ci.yml': gha('      - uses: ./.github/actions/verify\n'), '.github/actions/verify/action.yml': "name: verify\nruns:\n  using: composite\n  steps:\n    - run: npm ci\n      shell: bash\n    - run: npm test\n      shell: bash\n" } },
    { name: 'a reusable workflow from another repository (unknown)', files: { ...app(), '.github/workflows/ci.yml': 'on: push\njobs:\n  ci:\n    uses: acme/workflows/.github/workflows/node.yml@v2\n' } },
    { name: 'GitLab script list', files: { ...app(), '.gitlab-ci.yml': 'image: node:22\nstages: [test]\ntest:\n  stage: test\n  script:\n    - npm ci\n    - npm test\n' } },
    { name: 'GitLab include (unknown jobs)', files: { ...app(), '.gitlab-ci.yml': "include:\n  - project: acme/ci\n    file: node.yml\nbuild:\n  script: npm run build\n" } },
    { name: 'GitLab anchors and before_script', files: { ...app(), '.gitlab-ci.yml': '.node: &node\n  image: node:22\n  before_script:\n    - npm ci\ntest:\n  <<: *node\n  script:\n    - npm run test -- --ci\n' } },
    { name: 'CircleCI run command map', files: { ...app(), '.circleci/config.yml': 'version: 2.1\njobs:\n  test:\n    docker:\n      - image: cimg/node:22.11\n    steps:\n      - checkout\n      - run: npm ci\n      - run:\n          name: Tests\n          command: npm test\nworkflows:\n  main:\n    jobs: [test]\n' } },
    { name: 'CircleCI orb test job', files: { ...app(), '.circleci/config.yml': 'version: 2.1\norbs:\n  node: circleci/node@5.2\nworkflows:\n  test:\n    jobs:\n      - node/test\n' } },
    { name: 'Bitbucket pipeline', files: { ...app(), 'bitbucket-pipelines.yml': 'image: node:22\npipelines:\n  default:\n    - step:\n        name: Test\n        script:\n          - npm ci\n          - npm run test:ci\n' } },
    { name: 'Azure script step', files: { ...app(), 'azure-pipelines.yml': 'trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: npm ci\n  - script: npm test\n    displayName: Test\n' } },
    { name: 'CI builds the image and its Dockerfile runs the tests', files: { ...app(), Dockerfile: 'FROM node:22-alpine AS test\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm test\n\nFROM node:22-alpine\nCOPY --from=test /app/dist ./dist\n', '.github/workflows/ci.yml': gha('      - run: docker build --target test .\n') } },
    { name: 'a Jenkinsfile (not parsed): unknown', files: { ...app(), Jenkinsfile: "pipeline { agent any\n stages { stage('t') { steps { sh 'npm test' } } } }\n", '.github/workflows/labels.yml': 'on: pull_request\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/labeler@v5\n' } },
    { name: 'no CI but a test script (deploy/no-ci reports the missing CI)', files: app() },
    { name: 'no CI, tests run from a script with another name', files: { 'package.json': manifest({ scripts: { check: 'tsc && vitest run' } }) } },
    { name: 'no CI, a member package has tests', files: { 'package.json': manifest({ private: true, workspaces: ['packages/*'] }), 'packages/core/package.json': manifest({ name: 'core', scripts: { test: 'jest' } }) } },
  ],
  invalid: [
    {
      name: 'GitHub Actions: install and build, never test: step inserted after npm ci',
      files: { ...app(), '.github/workflows/ci.yml': gha('      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n          cache: npm\n      - run: npm ci\n      - run: npm run build\n') },
      errors: [{ file: '.github/workflows/ci.yml', line: 6, column: 1, endColumn: 5, message: 'CI never runs the tests: no job in .github/workflows/ci.yml calls the `test` script or a test runner, so a change that breaks them still gets a green check, merges and deploys. Add a test step after the install step.', tier: 'ship-stopping' }],
      output: { '.github/workflows/ci.yml': gha('      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n          cache: npm\n      - run: npm ci\n      - run: npm test\n      - run: npm run build\n') },
    },
    {
      name: 'a step with a name and a working directory; pnpm; the app package has test:unit',
      files: {
        'package.json': manifest({ private: true }),
        'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
        'apps/api/package.json': manifest({ scripts: { 'test:unit': 'vitest run', build: 'tsc' } }),
        '.github/workflows/api.yml': gha('      - name: Install\n        run: pnpm install --frozen-lockfile\n        working-directory: apps/api\n      - run: pnpm build\n        working-directory: apps/api\n'),
      },
      errors: [{ file: '.github/workflows/api.yml', line: 6, column: 1, message: /calls the `test:unit` script/ }],
      output: { '.github/workflows/api.yml': gha('      - name: Install\n        run: pnpm install --frozen-lockfile\n        working-directory: apps/api\n      - run: pnpm run test:unit\n        working-directory: apps/api\n      - run: pnpm build\n        working-directory: apps/api\n') },
    },
    {
      name: 'a multi-line run block: the new step goes after the whole step',
      files: { ...app(), '.github/workflows/ci.yml': gha('      - name: Build\n        run: |\n          npm ci\n          npm run build\n\n      - name: Deploy\n        run: npx fly deploy --remote-only\n') },
      errors: [{ file: '.github/workflows/ci.yml', line: 6, column: 1 }],
      output: { '.github/workflows/ci.yml': gha('      - name: Build\n        run: |\n          npm ci\n          npm run build\n      - run: npm test\n\n      - name: Deploy\n        run: npx fly deploy --remote-only\n') },
    },
    {
      name: 'the install step ends the file without a line break',
      files: { ...app(), '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci' },
      errors: [{ file: '.github/workflows/ci.yml', line: 2, column: 1 }],
      output: { '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test' },
    },
    {
      name: 'GitLab: a script line after npm ci',
      files: { ...app(), '.gitlab-ci.yml': 'image: node:22\nstages: [build, deploy]\nbuild:\n  stage: build\n  script:\n    - npm ci\n    - npm run build\n  artifacts:\n    paths: [dist]\n' },
      errors: [{ file: '.gitlab-ci.yml', line: 3, column: 1, endColumn: 6 }],
      output: { '.gitlab-ci.yml': 'image: node:22\nstages: [build, deploy]\nbuild:\n  stage: build\n  script:\n    - npm ci\n    - npm test\n    - npm run build\n  artifacts:\n    paths: [dist]\n' },
    },
    {
      name: 'GitLab compact sequence (dash at the key\'s column)',
      files: { ...app(), '.gitlab-ci.yml': 'build:\n  script:\n  - npm ci\n  - npm run build\n' },
      errors: [{ file: '.gitlab-ci.yml', line: 1, column: 1 }],
      output: { '.gitlab-ci.yml': 'build:\n  script:\n  - npm ci\n  - npm test\n  - npm run build\n' },
    },
    {
      name: 'CircleCI: yarn',
      files: { 'package.json': manifest({ scripts: { test: 'jest' } }), 'yarn.lock': '# yarn lockfile v1\n', '.circleci/config.yml': 'version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/node:22.11\n    steps:\n      - checkout\n      - run: yarn install --frozen-lockfile\n      - run: yarn build\n' },
      errors: [{ file: '.circleci/config.yml', line: 2, column: 1 }],
      output: { '.circleci/config.yml': 'version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/node:22.11\n    steps:\n      - checkout\n      - run: yarn install --frozen-lockfile\n      - run: yarn test\n      - run: yarn build\n' },
    },
    {
      name: '`npm run test --if-present` with no test script runs nothing (seen on a real Hono API deploying to Azure on every push)',
      files: { ...app({ build: 'tsc', start: 'node dist/index.js' }), '.github/workflows/ci.yml': gha('      - name: npm install, build, and test\n        run: |\n          npm install\n          npm run build --if-present\n          npm run test --if-present\n') },
      errors: [{ file: '.github/workflows/ci.yml', line: 6, column: 1, message: /^CI never runs tests, and no package.json has a real `test` script/ }],
      output: null,
    },
    {
      name: 'echo "npm test" does not run tests; the test script is the npm placeholder: no fix',
      files: { ...app({ build: 'tsc', test: 'echo "Error: no test specified" && exit 1' }), '.github/workflows/ci.yml': gha('      - run: npm ci\n      - run: echo "TODO npm test"\n') },
      errors: [{ file: '.github/workflows/ci.yml', line: 6, column: 1, message: /^CI never runs tests, and no package.json has a real `test` script/ }],
      output: null,
    },
    {
      name: 'a deploy-only workflow with no install step: no fix',
      files: { ...app(), '.github/workflows/deploy.yml': 'on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: superfly/flyctl-actions/setup-flyctl@master\n      - run: flyctl deploy --remote-only\n' },
      errors: [{ file: '.github/workflows/deploy.yml', line: 4, column: 1, message: /^CI never runs the tests: no job in \.github\/workflows\/deploy\.yml calls the `test` script/ }],
      output: null,
    },
    {
      name: 'CI builds an image whose Dockerfile only builds',
      files: { ...app(), Dockerfile: 'FROM node:22-alpine\nCOPY . .\nRUN npm ci && npm run build\n', '.github/workflows/ci.yml': gha('      - run: docker build -t api .\n') },
      errors: [{ file: '.github/workflows/ci.yml', line: 6, column: 1 }],
      output: null,
    },
    {
      name: 'no CI and the test script is the npm placeholder',
      files: { 'package.json': manifest({ scripts: { start: 'node index.js', test: 'echo "Error: no test specified" && exit 1' } }) },
      errors: [{ file: 'package.json', line: 5, column: 5, message: /^package\.json's `test` script is still npm's placeholder/ }],
      output: null,
    },
    {
      name: 'no CI and no test script at all',
      files: { 'package.json': manifest({ scripts: { dev: 'tsx watch src/server.ts', start: 'node dist/server.js' } }), 'src/server.ts': 'export {};\n' },
      errors: [{ file: 'package.json', line: 3, column: 3, message: /^package\.json has no `test` script/ }],
    },
  ],
});
