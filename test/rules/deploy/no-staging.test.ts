import rule from '../../../rules/deploy/no-staging';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (o: Record<string, unknown> = {}) => JSON.stringify({ name: 'api', dependencies: { express: '^4.21.2' }, ...o }, null, 2) + '\n';
const docker = 'FROM node:22-alpine\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n';
const deployWf = (job = '  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: flyctl deploy --remote-only\n') => `on:\n  push:\n    branches: [main]\njobs:\n${job}`;

ruleTester(rule, {
  valid: [
    { name: 'a CI test job with a step named "Prisma migrate deploy" against its own Postgres service deploys nothing', files: { 'package.json': pkg(), '.github/workflows/ci.yml': 'on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      postgres:\n        image: postgres:16\n        env:\n          POSTGRES_PASSWORD: postgres\n        ports: ["5432:5432"]\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - name: Prisma migrate deploy\n        run: npx prisma migrate deploy\n      - run: npm test\n' } },
    { name: 'nothing deploys (no Dockerfile, CI deploy, platform)', files: { 'package.json': pkg(), 'src/server.ts': 'export {};\n' } },
    { name: 'a CI environment named staging', files: { 'package.json': pkg(), '.github/workflows/deploy.yml': deployWf('  deploy:\n    runs-on: ubuntu-latest\n    environment: staging\n    steps:\n      - run: flyctl deploy -c fly.staging.toml\n') } },
    { name: 'a GitHub environment map named Preview', files: { 'package.json': pkg(), '.github/workflows/deploy.yml': deployWf('  deploy:\n    runs-on: ubuntu-latest\n    environment:\n      name: Preview\n      url: ${{ steps.deploy.outputs.url }}\n    steps:\n      - run: ./deploy.sh\n') } },
    { name: 'a job named deploy-staging', files: { 'package.json': pkg(), '.github/workflows/deploy.yml': deployWf('  deploy-staging:\n    runs-on: ubuntu-latest\n    steps:\n      - run: flyctl deploy\n') } },
    { name: 'a staging branch trigger', files: { 'package.json': pkg(), '.github/workflows/deploy.yml': 'on:\n  push:\n    branches: [main, staging]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: flyctl deploy\n' } },
    { name: 'GitLab review apps', files: { 'package.json': pkg(), '.gitlab-ci.yml': 'deploy_review:\n  script: ./deploy.sh\n  environment:\n    name: review/$CI_COMMIT_REF_SLUG\n' } },
    { name: 'Bitbucket deployment: staging', files: { 'package.json': pkg(), 'bitbucket-pipelines.yml': 'pipelines:\n  branches:\n    main:\n      - step:\n          deployment: staging\n          script:\n            - ./deploy.sh\n' } },
    { name: 'vercel.json: previews by default', files: { 'package.json': pkg(), 'vercel.json': '{ "framework": "nextjs" }\n' } },
    { name: 'vercel CLI in the scripts', files: { 'package.json': pkg({ scripts: { deploy: 'vercel --prod' } }), Dockerfile: docker } },
    { name: 'netlify.toml', files: { 'package.json': pkg(), 'netlify.toml': '[build]\n  command = "npm run build"\n' } },
    { name: '.env.staging.example', files: { 'package.json': pkg(), Dockerfile: docker, '.env.staging.example': 'DATABASE_URL=\n' } },
    { name: 'fly.staging.toml', files: { 'package.json': pkg(), 'fly.toml': 'app = "api"\n', 'fly.staging.toml': 'app = "api-staging"\n' } },
    { name: 'docker-compose.staging.yml', files: { 'package.json': pkg(), Dockerfile: docker, 'docker-compose.staging.yml': 'services:\n  api:\n    build: .\n' } },
    { name: 'k8s overlay folder', files: { 'package.json': pkg(), Dockerfile: docker, 'k8s/overlays/staging/kustomization.yaml': 'resources: [../../base]\n' } },
    { name: 'a deploy:staging script', files: { 'package.json': pkg({ scripts: { 'deploy:staging': 'fly deploy -a api-stg' } }), Dockerfile: docker } },
    { name: 'a script deploying to a staging app', files: { 'package.json': pkg({ scripts: { release: 'railway up --environment staging' } }), Dockerfile: docker } },
    { name: 'render.yaml with previews', files: { 'package.json': pkg(), 'render.yaml': 'previews:\n  generation: automatic\nservices:\n  - type: web\n    name: api\n' } },
    { name: 'railway.json with environments', files: { 'package.json': pkg(), 'railway.json': '{\n  "environments": { "staging": { "deploy": { "startCommand": "npm start" } } }\n}\n' } },
    { name: 'Heroku review apps', files: { 'package.json': pkg(), Procfile: 'web: npm start\n', 'app.json': '{\n  "name": "api",\n  "environments": { "review": { "addons": ["heroku-postgresql:mini"] } }\n}\n' } },
    { name: 'a RUNBOOK section about staging', files: { 'package.json': pkg(), Dockerfile: docker, 'RUNBOOK.md': '# Runbook\n\n## Staging\n\nstaging.example.com mirrors production, deployed by hand.\n' } },
  ],
  invalid: [
    {
      name: 'a deploy workflow straight to production',
      files: { 'package.json': pkg(), '.github/workflows/deploy.yml': deployWf() },
      errors: [{ file: '.github/workflows/deploy.yml', line: 4, column: 1, endColumn: 5, message: 'No staging or preview environment: .github/workflows/deploy.yml deploys straight to production, and nothing here (CI environments, .env.staging, platform config, deploy:staging scripts) shows a place where a change runs on real infrastructure first, so migrations, config and webhooks are first tried in front of users. Add a staging environment or per-pull-request previews, or record where staging lives as an attestation.', tier: 'tech-debt' }],
      output: null,
    },
    {
      name: 'only a Dockerfile: anchored on package.json scripts',
      files: { 'package.json': pkg({ scripts: { start: 'node server.js' } }), Dockerfile: docker },
      errors: [{ file: 'package.json', line: 6, column: 3, message: /^No staging or preview environment: Dockerfile builds the image that ships straight to production/ }],
    },
    {
      name: 'a production environment and a Vite preview script are not staging',
      files: { 'package.json': pkg({ scripts: { build: 'vite build', preview: 'vite preview' } }), 'fly.toml': 'app = "api"\n', '.github/workflows/ci.yml': deployWf('  ship:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: flyctl deploy\n') },
      errors: [{ file: '.github/workflows/ci.yml', line: 4, column: 1 }],
    },
    {
      name: 'a dev Dockerfile does not count as staging, Render without previews',
      files: { 'package.json': pkg(), 'render.yaml': 'services:\n  - type: web\n    name: api\n  - type: worker\n    name: jobs\n', 'Dockerfile.dev': docker },
      errors: [{ file: 'package.json', line: 2, column: 3, message: /render\.yaml deploys straight to production/ }],
    },
  ],
});
