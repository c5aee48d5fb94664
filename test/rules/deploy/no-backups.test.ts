import rule from '../../../rules/deploy/no-backups';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (deps: Record<string, string> = { '@prisma/client': '^5.22.0', express: '^4.21.2' }, o: Record<string, unknown> = {}) => JSON.stringify({ name: 'api', ...o, dependencies: deps }, null, 2) + '\n';
const schema = 'generator client {\n  provider = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';
const docker = 'FROM node:22-alpine\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n';
const app = { 'package.json': pkg(), 'prisma/schema.prisma': schema, Dockerfile: docker };

ruleTester(rule, {
  valid: [
    { name: 'no database', files: { 'package.json': pkg({ express: '^4.21.2' }), Dockerfile: docker } },
    { name: 'a database but nothing deploys', files: { 'package.json': pkg(), 'prisma/schema.prisma': schema } },
    { name: 'Supabase (managed by the platform)', files: { 'package.json': pkg({ '@supabase/supabase-js': '^2.45.0' }), 'vercel.json': '{}\n' } },
    { name: 'a scheduled pg_dump workflow', files: { ...app, '.github/workflows/nightly.yml': 'on:\n  schedule:\n    - cron: "0 3 * * *"\njobs:\n  dump:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pg_dump "$DATABASE_URL" -Fc > db.dump && aws s3 cp db.dump s3://acme-dumps/\n' } },
    { name: 'a backup script in package.json', files: { ...app, 'package.json': pkg(undefined, { scripts: { 'db:dump': 'mongodump --uri "$MONGO_URL" --archive=backup.gz --gzip' } }) } },
    { name: 'a scripts/backup.sh file', files: { ...app, 'scripts/backup-db.sh': '#!/bin/sh\npg_dump "$DATABASE_URL" > /backups/db.sql\n' } },
    { name: 'litestream.yml', files: { 'package.json': pkg({ 'better-sqlite3': '^11.0.0' }), 'fly.toml': 'app = "api"\n', 'litestream.yml': 'dbs:\n  - path: /data/app.db\n' } },
    { name: 'render.yaml databases', files: { ...app, 'render.yaml': 'services:\n  - type: web\n    name: api\ndatabases:\n  - name: db\n    plan: basic-256mb\n' } },
    { name: 'Heroku Postgres addon', files: { ...app, Procfile: 'web: npm start\n', 'app.json': '{\n  "name": "api",\n  "addons": ["heroku-postgresql:standard-0"]\n}\n' } },
    { name: 'Terraform RDS with backup retention', files: { ...app, 'infra/db.tf': 'resource "aws_db_instance" "main" {\n  engine                  = "postgres"\n  backup_retention_period = 7\n}\n' } },
    { name: 'a compose backup service', files: { ...app, 'docker-compose.prod.yml': 'services:\n  db:\n    image: postgres:16\n  db-backup:\n    image: prodrigestivill/postgres-backup-local:16\n' } },
    { name: 'a RUNBOOK backup section', files: { ...app, 'RUNBOOK.md': '# Runbook\n\n## Backups\n\nRailway takes daily snapshots (7 days).\n' } },
    { name: 'Neon with a RUNBOOK backup section', files: { 'package.json': pkg({ '@neondatabase/serverless': '^1.0.1', 'drizzle-orm': '^0.44.2' }), Dockerfile: docker, 'RUNBOOK.md': '# Runbook\n\n## Backups\n\nNeon keeps 7 days of history (Launch plan); restore a branch from the console.\n' } },
    { name: 'docs/ mention of pg_dump', files: { ...app, 'docs/operations.md': '# Operations\n\nA cron job on the bastion runs `pg_dump` nightly.\n' } },
  ],
  invalid: [
    {
      name: 'Neon (Drizzle over @neondatabase/serverless, seen on a real Next.js app): tech debt, the restore window to check and the restore to write down, anchored on the driver',
      files: {
        'package.json': pkg({ '@neondatabase/serverless': '^1.0.1', 'drizzle-orm': '^0.44.2', next: '15.4.1', pg: '^8.16.3' }),
        'src/db/connection.ts': "import { neon } from '@neondatabase/serverless';\nimport { drizzle } from 'drizzle-orm/neon-http';\nexport const db = drizzle(neon(process.env.DATABASE_URL!));\n",
        Dockerfile: docker,
      },
      errors: [{ file: 'package.json', line: 4, column: 5, tier: 'tech-debt', message: /^The database is Neon \(@neondatabase\/serverless\), which keeps a point-in-time restore window, but nothing here says how long it is or how to restore/ }],
    },
    {
      name: 'Prisma + Dockerfile: anchored on the datasource',
      files: app,
      errors: [{ file: 'prisma/schema.prisma', line: 5, column: 1, message: 'No database backups in sight: the app keeps its data in a database (Prisma) and deploys (Dockerfile), but nothing here takes backups (no pg_dump/mongodump job, backup script, managed database with backups, or RUNBOOK section saying where backups run), so a bad migration, a dropped table or a provider incident loses customer data for good. Turn on automated backups and write down how to restore (or record where they run as an attestation).', tier: 'ship-stopping' }],
      output: null,
    },
    {
      name: 'Mongoose on Fly with a compose database: anchored on the dependency, not the (local dev) compose service',
      files: { 'package.json': pkg({ mongoose: '^8.8.0' }), 'fly.toml': 'app = "api"\n', 'docker-compose.yml': 'services:\n  api:\n    build: .\n  mongo:\n    image: mongo:7\n' },
      errors: [{ file: 'package.json', line: 4, column: 5, message: /database \(MongoDB \(Mongoose\)\) and deploys \(fly\.toml\)/ }],
    },
    {
      name: 'TypeORM + pg with a local dev compose Postgres: anchored on the driver in package.json',
      files: {
        'package.json': pkg({ '@nestjs/typeorm': '^11.0.0', typeorm: '^0.3.20', pg: '^8.13.1' }),
        'docker-compose.yml': 'services:\n  postgres:\n    image: postgres:16.6-alpine\n    environment:\n      POSTGRES_PASSWORD: ledgerline\n    ports:\n      - "5432:5432"\n',
        'fly.toml': 'app = "ledgerline-api"\n',
      },
      errors: [{ file: 'package.json', line: 6, column: 5, message: /database \(TypeORM, PostgreSQL\)/ }],
    },
    {
      name: 'pg in a monorepo app deployed from CI: anchored on the dependency; a CHANGELOG and a test snapshot do not count',
      files: {
        'package.json': JSON.stringify({ name: 'root', private: true }, null, 2) + '\n',
        'apps/api/package.json': pkg({ pg: '^8.13.1' }),
        'CHANGELOG.md': '# Changelog\n\n## Backups\n\n- nothing yet\n',
        '.github/workflows/deploy.yml': 'on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: flyctl deploy --config apps/api/fly.toml\n',
      },
      errors: [{ file: 'apps/api/package.json', line: 4, column: 5 }],
    },
  ],
});
