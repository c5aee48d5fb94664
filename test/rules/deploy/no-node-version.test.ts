import rule from '../../../rules/deploy/no-node-version';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (o: Record<string, unknown> = {}) => JSON.stringify({ name: 'api', version: '1.0.0', ...o }, null, 2) + '\n';

ruleTester(rule, {
  valid: [
    { name: 'engines.node', files: { 'package.json': pkg({ engines: { node: '>=20 <21' } }) } },
    { name: '.nvmrc', files: { 'package.json': pkg(), '.nvmrc': 'lts/jod\n' } },
    { name: '.node-version', files: { 'package.json': pkg(), '.node-version': '22.11.0\n' } },
    { name: '.tool-versions with nodejs', files: { 'package.json': pkg(), '.tool-versions': 'python 3.12.1\nnodejs 22.11.0\n' } },
    { name: 'Volta', files: { 'package.json': pkg({ volta: { node: '22.11.0', npm: '10.9.0' } }) } },
    { name: 'engines in the app package of a monorepo', files: { 'package.json': pkg({ private: true, workspaces: ['apps/*'] }), 'apps/api/package.json': pkg({ name: 'api', engines: { node: '22.x' } }) } },
    { name: 'no package.json at all', files: { 'README.md': '# tool\n' } },
  ],
  invalid: [
    {
      // seen on a real Next.js app
      name: 'a misspelt "engine" key: reported as the typo it is, fixed by renaming the key',
      files: { 'package.json': '{\n  "name": "web",\n  "engine": {\n    "node": ">=20.10.0"\n  },\n  "scripts": { "build": "next build" }\n}\n' },
      errors: [{ file: 'package.json', line: 3, column: 3, message: /^`"engine"` in package\.json is a typo for `"engines"`: .*the `>=20\.10\.0` declared there pins nothing/ }],
      output: { 'package.json': '{\n  "name": "web",\n  "engines": {\n    "node": ">=20.10.0"\n  },\n  "scripts": { "build": "next build" }\n}\n' },
    },
    {
      name: 'nothing anywhere: the oldest maintained LTS floor',
      files: { 'package.json': pkg({ scripts: { start: 'node server.js' } }) },
      errors: [{ file: 'package.json', line: 2, column: 3, endColumn: 9, message: 'No Node.js version is declared: package.json has no `engines.node` and there is no .nvmrc, .node-version or Volta/asdf pin, so developers, CI and the host each pick their own Node, and a major you never tested can reach production on an ordinary deploy. Declare it (`"engines": { "node": ">=22" }`) and add an .nvmrc for local development.', tier: 'tech-debt' }],
      output: { 'package.json': '{\n  "name": "api",\n  "version": "1.0.0",\n  "scripts": {\n    "start": "node server.js"\n  },\n  "engines": {\n    "node": ">=22"\n  }\n}\n' },
    },
    {
      name: 'engines without node: anchored on engines, node added inside; major from the Dockerfile',
      files: { 'package.json': pkg({ engines: { npm: '>=10' } }), Dockerfile: 'FROM node:20.18.1-alpine AS build\nRUN npm ci\nFROM node:20-alpine\nCMD ["node", "server.js"]\n' },
      errors: [{ file: 'package.json', line: 4, column: 3, message: /Declare it \(`"engines": \{ "node": ">=20" \}`, from the Node image in Dockerfile\)/ }],
      output: { 'package.json': '{\n  "name": "api",\n  "version": "1.0.0",\n  "engines": {\n    "npm": ">=10",\n    "node": ">=20"\n  }\n}\n' },
    },
    {
      name: 'major from the lowest version of the CI matrix; tab indentation kept',
      files: {
        'package.json': '{\n\t"name": "api"\n}\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    strategy:\n      matrix:\n        node-version: [22.x, 20.x, 24.x]\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: ${{ matrix.node-version }}\n      - run: npm test\n',
      },
      errors: [{ file: 'package.json', line: 2, column: 2, message: /">=20" \}`, from the Node version \.github\/workflows\/ci\.yml tests with\)/ }],
      output: { 'package.json': '{\n\t"name": "api",\n\t"engines": {\n\t\t"node": ">=20"\n\t}\n}\n' },
    },
    {
      name: 'major from a GitLab job image',
      files: { 'package.json': pkg(), '.gitlab-ci.yml': 'test:\n  image: node:22-alpine\n  script:\n    - npm test\n' },
      errors: [{ file: 'package.json', line: 2, column: 3 }],
      output: { 'package.json': '{\n  "name": "api",\n  "version": "1.0.0",\n  "engines": {\n    "node": ">=22"\n  }\n}\n' },
    },
  ],
});
