import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import rule, { isDeployScript } from '../../../rules/data/unsafe-deploy-migration';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (scripts: Record<string, string>) => ({ 'package.json': `${JSON.stringify({ name: 'api', scripts }, null, 2)}\n` });
const DB_PUSH_MSG = '`prisma db push` in the `build` script runs on every deploy: it forces the production schema to match schema.prisma with no migration history to review or roll back, and a renamed field or changed type becomes a dropped column. Commit migrations (`prisma migrate dev` locally) and apply them with `prisma migrate deploy`.';

ruleTester(rule, {
  valid: [
    { name: 'fly.toml releasing with migrate deploy; another TOML file with the same key', files: {
      'fly.toml': 'app = "api"\n[deploy]\n  release_command = "npx prisma migrate deploy"\n[processes]\n  app = "node dist/server.js"\n',
      'config/dev.toml': '[deploy]\nrelease_command = "npx prisma db push"\n',
    } },
    { name: 'a deploy job running package scripts that migrate safely; a CI test job running db:push', files: {
      'package.json': '{\n  "name": "shop",\n  "scripts": {\n    "db:push": "drizzle-kit push",\n    "db:migrate": "drizzle-kit migrate"\n  }\n}\n',
      '.github/workflows/deploy.yml': 'name: Deploy\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run db:push\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: npm run db:migrate\n',
    } },
    { name: 'push / reset / migrate dev in development scripts, migrate deploy on start', files: pkg({ dev: 'prisma migrate dev && tsx watch src/server.ts', 'db:push': 'prisma db push', 'db:reset': 'prisma migrate reset --force', 'migrate:dev': 'prisma migrate dev', build: 'prisma generate && tsc', start: 'prisma migrate deploy && node dist/server.js' }) },
    { name: 'a manual rollback script and a dev-only push', files: pkg({ 'db:rollback': 'knex migrate:rollback', 'deploy:rollback': 'knex migrate:rollback --all', 'start:dev': 'drizzle-kit push && next dev', 'test:e2e': 'prisma migrate reset --force && playwright test' }) },
    { name: 'commands only mentioned in text', files: pkg({ build: 'echo "run prisma db push locally" && tsc', postinstall: 'node -e "console.log(\'prisma migrate dev\')"' }) },
    { name: 'a test fixture package', files: { 'test/fixtures/app/package.json': '{ "scripts": { "build": "prisma db push" } }\n' } },
    { name: 'Procfile with migrate deploy', files: { Procfile: 'release: npx prisma migrate deploy\nweb: node dist/server.js\n' } },
    { name: 'Dockerfile dev stage and Dockerfile.dev', files: { Dockerfile: 'FROM node:20-alpine AS dev\nCMD ["npx", "prisma", "migrate", "dev"]\n\nFROM node:20-alpine\nRUN npx prisma generate\nCMD npx prisma migrate deploy && node dist/server.js\n', 'Dockerfile.dev': 'FROM node:20\nCMD npx prisma db push && npm run dev\n' } },
    {
      name: 'CI: reset and push in test jobs, migrate deploy in the production job, reset of a preview database',
      files: {
        '.github/workflows/ci.yml': 'name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx prisma migrate reset --force\n      - run: npx prisma db push\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: npx prisma migrate deploy\n      - name: Seed e2e data\n        run: npx prisma migrate reset --force\n  deploy-preview:\n    runs-on: ubuntu-latest\n    environment: preview\n    steps:\n      - run: npx prisma migrate reset --force\n',
      },
    },
    { name: 'Prisma on MongoDB: db push is how indexes are synced', files: { ...pkg({ build: 'prisma generate && prisma db push && next build' }), 'prisma/schema.prisma': 'datasource db {\n  provider = "mongodb"\n  url      = env("DATABASE_URL")\n}\n' } },
    { name: 'vercel.json with migrate deploy', files: { 'vercel.json': '{ "buildCommand": "prisma migrate deploy && next build" }\n' } },
  ],
  invalid: [
    {
      name: "fly.toml: a release_command that pushes the schema with --accept-data-loss, fixed to migrate deploy",
      files: { 'fly.toml': 'app = "bodypress"\nprimary_region = "ams"\n\n[deploy]\n  release_command = "npx prisma db push --accept-data-loss"\n\n[http_service]\n  internal_port = 8080\n' },
      errors: [{ file: 'fly.toml', line: 5, column: 26, message: /^`prisma db push --accept-data-loss` in fly\.toml's release_command runs on every deploy/ }],
      output: { 'fly.toml': 'app = "bodypress"\nprimary_region = "ams"\n\n[deploy]\n  release_command = "npx prisma migrate deploy"\n\n[http_service]\n  internal_port = 8080\n' },
    },
    {
      // seen on a real NestJS + Drizzle app: the deploy job's SSH script runs the package's db:push
      name: 'a deploy job running a package script that pushes the schema (npm run db:push -> drizzle-kit push)',
      files: {
        'package.json': '{\n  "name": "shop",\n  "scripts": {\n    "build": "nest build",\n    "db:push": "drizzle-kit push",\n    "db:sync": "npm run db:push"\n  }\n}\n',
        '.github/workflows/deploy.yml': 'name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  cd:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: actions/checkout@v4\n      - name: Release\n        run: |\n          npm ci\n          npm run build\n          pnpm db:sync\n',
      },
      errors: [{ file: '.github/workflows/deploy.yml', line: 15, column: 11, message: /^`drizzle-kit push` \(package\.json's `db:push` script, run by `pnpm db:sync`\) in the `Release` step of \.github\/workflows\/deploy\.yml runs against production: `drizzle-kit push` applies/ }],
    },
    {
      name: 'db push in the build script',
      files: pkg({ build: 'prisma generate && prisma db push && next build', start: 'next start' }),
      errors: [{ line: 4, column: 34, endColumn: 48, message: DB_PUSH_MSG }],
      output: pkg({ build: 'prisma generate && prisma migrate deploy && next build', start: 'next start' }),
    },
    {
      name: 'db push --accept-data-loss in a script the build runs (npm run), --schema kept',
      files: pkg({ build: 'npm run db:sync && tsc', 'db:sync': 'npx prisma db push --accept-data-loss --schema ./db/schema.prisma' }),
      errors: [{ line: 5, column: 21, message: /^`prisma db push --accept-data-loss --schema \.\/db\/schema\.prisma` in the `db:sync` script \(run by `build`\) runs on every deploy: .*\(`--accept-data-loss` makes Prisma drop it without asking\)/ }],
      output: pkg({ build: 'npm run db:sync && tsc', 'db:sync': 'npx prisma migrate deploy --schema ./db/schema.prisma' }),
    },
    {
      name: 'migrate reset inside sh -c, with escaped quotes elsewhere in the script',
      files: pkg({ start: "sh -c 'npx prisma migrate reset --force' && node \"dist/index.js\"" }),
      errors: [{ line: 4, column: 26, message: /^`prisma migrate reset --force` in the `start` script runs on every deploy: `migrate reset` drops the database/ }],
      output: pkg({ start: "sh -c 'npx prisma migrate deploy' && node \"dist/index.js\"" }),
    },
    {
      name: 'drizzle-kit push in postinstall behind dotenv',
      files: pkg({ postinstall: 'dotenv -e .env.production -- drizzle-kit push --config drizzle.config.ts --force' }),
      errors: [{ line: 4, column: 50, message: /^`drizzle-kit push --config drizzle.config.ts --force` in the `postinstall` script/ }],
      output: pkg({ postinstall: 'dotenv -e .env.production -- drizzle-kit migrate --config drizzle.config.ts' }),
    },
    {
      name: 'migrate dev in start:prod through pnpm; typeorm schema:sync in deploy',
      files: pkg({ 'start:prod': 'pnpm prisma migrate dev --name auto && node dist/main.js', deploy: 'typeorm-ts-node-commonjs schema:sync -d src/data-source.ts' }),
      errors: [
        { line: 4, column: 25, message: /^`prisma migrate dev --name auto` in the `start:prod` script runs on every deploy: `migrate dev` is a development command/ },
        { line: 5, column: 16, message: /^`typeorm-ts-node-commonjs schema:sync -d src\/data-source\.ts` in the `deploy` script/ },
      ],
      output: pkg({ 'start:prod': 'pnpm prisma migrate deploy && node dist/main.js', deploy: 'typeorm-ts-node-commonjs schema:sync -d src/data-source.ts' }),
    },
    {
      name: 'knex rollback on every deploy: no fix',
      files: pkg({ release: 'knex migrate:rollback --all && knex migrate:latest' }),
      errors: [{ line: 4, column: 17, message: /^`knex migrate:rollback --all` in the `release` script runs on every deploy: it undoes the latest migrations/ }],
      output: null,
    },
    {
      name: 'sequelize.sync() run inline on start',
      files: pkg({ start: "node -e \"require('./models').sequelize.sync({ alter: true })\" && node server.js" }),
      errors: [{ line: 4, column: 15, message: /^`node -e "…sync\(\)…"` in the `start` script runs on every deploy: `sequelize.sync\(\)` reshapes the production tables/ }],
      output: null,
    },
    {
      name: 'Procfile release process',
      files: { Procfile: 'release: npx prisma db push\nweb: node dist/server.js\n' },
      errors: [{ line: 1, column: 14, message: /^`prisma db push` in the Procfile's `release` process runs on every deploy/ }],
      output: { Procfile: 'release: npx prisma migrate deploy\nweb: node dist/server.js\n' },
    },
    {
      name: 'Dockerfile RUN with a line continuation',
      files: { Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nRUN npx prisma db push \\\n  --skip-generate\nCMD ["node", "dist/server.js"]\n' },
      errors: [{ line: 3, column: 9, message: /^`prisma db push --skip-generate` in the Dockerfile's RUN runs in every image build/ }],
      output: { Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nRUN npx prisma migrate deploy\nCMD ["node", "dist/server.js"]\n' },
    },
    {
      name: 'Dockerfile CMD exec form through sh -c',
      files: { Dockerfile: 'FROM node:20-alpine\nCMD ["sh", "-c", "npx prisma migrate dev && node dist/server.js"]\n' },
      errors: [{ line: 2, column: 23, message: /^`prisma migrate dev` in the Dockerfile's CMD runs every time the container starts/ }],
      output: { Dockerfile: 'FROM node:20-alpine\nCMD ["sh", "-c", "npx prisma migrate deploy && node dist/server.js"]\n' },
    },
    {
      name: 'Dockerfile ENTRYPOINT exec form',
      files: { Dockerfile: 'FROM node:20-alpine\nENTRYPOINT ["npx", "prisma", "db", "push", "--schema", "prisma/schema.prisma"]\n' },
      errors: [{ line: 2, column: 20 }],
      output: { Dockerfile: 'FROM node:20-alpine\nENTRYPOINT ["npx", "prisma", "migrate", "deploy", "--schema", "prisma/schema.prisma"]\n' },
    },
    {
      name: 'GitHub Actions: production job, block scalar',
      files: { '.github/workflows/deploy.yml': 'name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    environment:\n      name: production\n    steps:\n      - uses: actions/checkout@v4\n      - name: Migrate\n        run: |\n          npm ci\n          npx prisma db push --accept-data-loss\n' },
      errors: [{ line: 15, column: 15, message: /^`prisma db push --accept-data-loss` in the `release` job of \.github\/workflows\/deploy\.yml runs against production/ }],
      output: { '.github/workflows/deploy.yml': 'name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    environment:\n      name: production\n    steps:\n      - uses: actions/checkout@v4\n      - name: Migrate\n        run: |\n          npm ci\n          npx prisma migrate deploy\n' },
    },
    {
      name: 'GitHub Actions: a deploy step inside a build job',
      files: { '.github/workflows/main.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run build\n      - name: Deploy to production\n        run: npx prisma migrate reset --force && npx vercel deploy --prod\n' },
      errors: [{ line: 8, column: 18, message: /^`prisma migrate reset --force` in the `Deploy to production` step of/ }],
      output: { '.github/workflows/main.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run build\n      - name: Deploy to production\n        run: npx prisma migrate deploy && npx vercel deploy --prod\n' },
    },
    {
      name: 'GitLab CI deploy stage',
      files: { '.gitlab-ci.yml': 'stages: [test, deploy]\ndeploy_prod:\n  stage: deploy\n  script:\n    - npm ci\n    - npx drizzle-kit push\n' },
      errors: [{ line: 6, column: 11, message: /^`drizzle-kit push` in the `deploy_prod` job/ }],
      output: { '.gitlab-ci.yml': 'stages: [test, deploy]\ndeploy_prod:\n  stage: deploy\n  script:\n    - npm ci\n    - npx drizzle-kit migrate\n' },
    },
    {
      name: 'vercel.json buildCommand',
      files: { 'vercel.json': '{\n  "buildCommand": "prisma generate && prisma db push && next build"\n}\n' },
      errors: [{ line: 2, column: 39, message: /^`prisma db push` in vercel\.json's `buildCommand` runs on every deploy/ }],
      output: { 'vercel.json': '{\n  "buildCommand": "prisma generate && prisma migrate deploy && next build"\n}\n' },
    },
  ],
});

describe('data/unsafe-deploy-migration: deploy scripts', () => {
  it('tells deploy-path scripts from dev, test and rollback helpers', () => {
    for (const n of ['start', 'build', 'postinstall', 'prestart', 'start:prod', 'build:docker', 'vercel-build', 'heroku-postbuild', 'deploy', 'migrate:prod', 'db:migrate:deploy', 'release']) assert.ok(isDeployScript(n), n);
    for (const n of ['dev', 'db:push', 'db:reset', 'start:dev', 'test', 'test:e2e', 'migrate:dev', 'deploy:rollback', 'build:test', 'lint', 'seed']) assert.ok(!isDeployScript(n), n);
  });
});
