import rule from '../../../rules/deploy/actions-unpinned';
import { ruleTester } from '../../helpers/ruleTester';

const SHA = 'a7487c7e89a18df4991f7f222e4898a00d66ddda';
const wf = (steps: string, head = 'name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\n\npermissions:\n  contents: read\n\n') => `${head}jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

ruleTester(rule, {
  defaultFile: '.github/workflows/ci.yml',
  valid: [
    wf('      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n      - uses: github/codeql-action/init@v3\n      - run: npm test\n'),
    wf(`      - uses: pnpm/action-setup@${SHA} # v4.1.0\n      - uses: docker/build-push-action@${SHA}\n`),
    wf('      - uses: ./.github/actions/setup\n      - uses: docker://alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5\n'),
    // permissions on every job instead of the top level
    'on: push\njobs:\n  a:\n    permissions:\n      contents: read\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo a\n  b:\n    permissions: {}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo b\n',
    // a reusable workflow only called by others inherits the caller's token
    'on:\n  workflow_call:\n    inputs:\n      env:\n        type: string\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n',
    // files that are not workflows
    { filename: '.github/dependabot.yml', code: 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n' },
    { filename: '.gitlab-ci.yml', code: 'test:\n  script: npm test\n' },
    { filename: 'action.yml', code: 'name: x\nruns:\n  using: node20\n  main: index.js\n' },
    // a composite action pinned, and permissions do not apply to it
    { filename: '.github/actions/setup/action.yml', code: `name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n    - uses: pnpm/action-setup@${SHA}\n` },
  ],
  invalid: [
    {
      name: 'only the deploy job sets permissions: the build job is named (seen on a real Hono API deploying to Azure)',
      filename: '.github/workflows/main_api.yml',
      code: "name: Build and deploy\non:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm install\n  deploy:\n    runs-on: ubuntu-latest\n    needs: build\n    permissions:\n      id-token: write\n    steps:\n      - run: echo deploy\n",
      errors: [{ line: 2, column: 1, message: /^Job `build` of this workflow sets no `permissions:` \(nor does the workflow\), so its GITHUB_TOKEN gets the repository's default scope/ }],
      output: "name: Build and deploy\non:\n  push:\n    branches: [main]\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm install\n  deploy:\n    runs-on: ubuntu-latest\n    needs: build\n    permissions:\n      id-token: write\n    steps:\n      - run: echo deploy\n",
    },
    {
      name: 'a third-party action by tag',
      code: wf('      - uses: actions/checkout@v4\n      - uses: pnpm/action-setup@v4\n      - run: pnpm test\n'),
      errors: [{ line: 15, column: 15, endColumn: 35, message: '`uses: pnpm/action-setup@v4` runs a third-party action by the ref `v4`, which its owner (or whoever takes over the repository) can move: the code it points to runs in your pipeline with your secrets. Pin it to the full commit SHA, keeping the ref as a comment: `pnpm/action-setup@<40-character SHA> # v4` (`git ls-remote https://github.com/pnpm/action-setup v4` prints it; Dependabot or Renovate keep it current).', tier: 'tech-debt' }],
      output: null,
    },
    {
      name: 'a branch, a short SHA, a docker tag and a remote reusable workflow',
      code: `on: push\npermissions: read-all\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: tj-actions/changed-files@main\n      - uses: docker/setup-buildx-action@6524bf6\n      - uses: docker://alpine:3.20\n  shared:\n    uses: acme/workflows/.github/workflows/node.yml@v2\n`,
      errors: [
        { line: 7, column: 15, message: /^`uses: tj-actions\/changed-files@main` runs a third-party action by the ref `main`/ },
        { line: 8, column: 15, message: /by a short SHA, which a commit pushed to a fork can collide with.*Pin it to the full commit SHA it abbreviates\.$/ },
        { line: 9, column: 15, message: /^`uses: docker:\/\/alpine:3\.20` runs a container image by a tag/ },
        { line: 11, column: 11, message: /^`uses: acme\/workflows\/\.github\/workflows\/node\.yml@v2` runs a third-party reusable workflow/ },
      ],
    },
    {
      name: 'jobs named `image` and `container`: their steps are steps, not container images',
      code: `on: push\npermissions:\n  contents: read\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${SHA}\n      - uses: docker/setup-buildx-action@v3\n  container:\n    needs: image\n    runs-on: ubuntu-latest\n    container: node:22\n    steps:\n      - uses: superfly/flyctl-actions/setup-flyctl@master\n`,
      errors: [
        { line: 9, column: 15, message: /^`uses: docker\/setup-buildx-action@v3` runs a third-party action by the ref `v3`/ },
        { line: 15, column: 15, message: /^`uses: superfly\/flyctl-actions\/setup-flyctl@master` runs a third-party action by the ref `master`/ },
      ],
    },
    {
      name: 'no permissions: the block goes after on:, before the blank line',
      code: 'name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
      errors: [{ line: 2, column: 1, endColumn: 3, message: /^This workflow sets no `permissions:`, so its GITHUB_TOKEN gets the repository's default scope/ }],
      output: 'name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\n\npermissions:\n  contents: read\n\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
    },
    {
      name: 'on: as a flow list, jobs right after, 4-space indentation',
      code: 'on: [push, pull_request]\njobs:\n    test:\n        runs-on: ubuntu-latest\n        steps:\n            - run: npm test\n',
      errors: [{ line: 1, column: 1 }],
      output: 'on: [push, pull_request]\npermissions:\n    contents: read\njobs:\n    test:\n        runs-on: ubuntu-latest\n        steps:\n            - run: npm test\n',
    },
    {
      name: 'on: at the end of the file, CRLF, one job without permissions',
      code: 'name: Nightly\r\njobs:\r\n  a:\r\n    permissions:\r\n      contents: read\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: npm test\r\n  b:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: npm run e2e\r\non:\r\n  schedule:\r\n    - cron: "0 3 * * *"',
      errors: [{ line: 13, column: 1 }],
      output: 'name: Nightly\r\njobs:\r\n  a:\r\n    permissions:\r\n      contents: read\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: npm test\r\n  b:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: npm run e2e\r\non:\r\n  schedule:\r\n    - cron: "0 3 * * *"\r\npermissions:\r\n  contents: read\r\n',
    },
    {
      name: 'no on: key (invalid workflow): anchored on name, no fix',
      code: 'name: Broken\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      errors: [{ line: 1, column: 1 }],
      output: null,
    },
  ],
});
