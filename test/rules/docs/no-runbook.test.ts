import rule from '../../../rules/docs/no-runbook';
import { ruleTester } from '../../helpers/ruleTester';

const api = '{\n  "name": "api",\n  "scripts": {\n    "build": "tsc",\n    "start": "node dist/server.js",\n    "migrate:deploy": "prisma migrate deploy"\n  },\n  "dependencies": {\n    "express": "^4.21.0"\n  }\n}\n';
const server = "import express from 'express';\nexpress().listen(3000);\n";

ruleTester(rule, {
  valid: [
    { name: 'RUNBOOK.md', files: { 'package.json': api, 'src/server.ts': server, 'RUNBOOK.md': '# Runbook\n' } },
    { name: 'docs/runbooks/ folder', files: { 'package.json': api, 'src/server.ts': server, 'docs/runbooks/database-restore.md': '# Restore\n' } },
    { name: 'docs/operations.md', files: { 'package.json': api, 'src/server.ts': server, 'docs/operations.md': '# How we run it\n' } },
    { name: 'a README "Operations" section', files: { 'package.json': api, 'src/server.ts': server, 'README.md': '# api\n\n## Setup\n\nnpm i\n\n## Operations\n\nDeploys, rollbacks and restores: ...\n' } },
    { name: 'rollback and restore sections in a deployment doc', files: {
      'package.json': api, 'src/server.ts': server,
      'docs/deployment.md': '# Deployment\n\n## Rolling back\n\nRedeploy the previous tag.\n\n## Restoring the database\n\nFrom the nightly snapshot.\n',
    } },
    { name: 'a library with a dev container and an example server: nothing of its own is deployed', files: {
      'package.json': '{\n  "name": "@acme/sdk",\n  "dependencies": { "undici": "^6.0.0" }\n}\n',
      '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/typescript-node:20\n',
      'examples/express/package.json': '{ "name": "example", "dependencies": { "express": "^4.21.0" } }\n',
      'examples/express/server.js': "require('express')().listen(3000);\n",
    } },
    { name: 'a library: nothing is deployed', files: {
      'package.json': '{\n  "name": "@acme/utils",\n  "dependencies": { "zod": "^3.0.0" }\n}\n',
      'README.md': '# utils\n',
      'src/index.ts': 'export const x = 1;\n',
    } },
  ],
  invalid: [
    {
      name: 'Express + Prisma on Fly with Docker and CI: anchored on the README title, RUNBOOK.md pre-filled',
      files: {
        'package.json': api,
        'package-lock.json': '{}\n',
        'README.md': '\n# api\n\nThe backend.\n',
        'Dockerfile': 'FROM node:20-slim\nCMD ["node", "dist/server.js"]\n',
        'fly.toml': 'app = "api"\n',
        '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
        '.env.example': 'DATABASE_URL=\nJWT_SECRET=\nPORT=3000\nNEXT_PUBLIC_API_KEY=\n',
        'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        'src/instrument.ts': "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n",
        'src/server.ts': "import './instrument';\nimport express from 'express';\nconst key = process.env.STRIPE_SECRET_KEY;\nexpress().listen(3000);\n",
      },
      errors: [{ file: 'README.md', line: 2, column: 1, endColumn: 6, message: /^No runbook: nothing written says how to deploy, roll back/, tier: 'tech-debt' }],
      output: {
        'RUNBOOK.md': [
          '# Runbook',
          '',
          'How to operate api in production. Keep it short and current: it is read during incidents.',
          '',
          '## Deploy',
          '',
          '- Build: `npm run build`',
          '- Database migrations: `npm run migrate:deploy`',
          '- Start: `npm start`',
          '- Container: `Dockerfile`',
          '- CI: `.github/workflows/ci.yml`',
          '- Platform configuration: `fly.toml`',
          '',
          '<!-- TODO: who deploys, from which branch, and how to check that a release is healthy. -->',
          '',
          '## Roll back',
          '',
          '- Fly.io: `fly releases --image` to find the previous image, then `fly deploy --image <that image>`.',
          '- Container: redeploy the previous image tag (tag images with the commit SHA so there is one).',
          '- Database: migrations are not rolled back with the code; keep them backward compatible, or write the down migration before deploying.',
          '',
          '<!-- TODO: the exact rollback steps and how to confirm the rollback worked. -->',
          '',
          '## Restore a backup',
          '',
          '<!-- TODO: where backups run, how often and for how long they are kept, who can restore, and the steps (restore into a new database, check it, then switch DATABASE_URL). -->',
          '',
          '## Rotate a secret',
          '',
          'Secrets this app reads: `DATABASE_URL`, `JWT_SECRET`, `STRIPE_SECRET_KEY`.',
          '',
          '<!-- TODO: where each secret is stored (platform variables, secret manager) and the order: create the new value, deploy it, then revoke the old one. -->',
          '',
          '## Logs and errors',
          '',
          '- Errors: Sentry (initialised in `src/instrument.ts`)',
          '- Logs: `fly logs`',
          '',
          '<!-- TODO: where the logs are and how to search them, the dashboards and alerts, and who is on call. -->',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'no README, pnpm monorepo with a Next.js app on Vercel: anchored on the root package.json',
      files: {
        'package.json': '{\n  "name": "acme",\n  "private": true,\n  "scripts": { "build": "turbo build" }\n}\n',
        'pnpm-lock.yaml': 'lockfileVersion: 9\n',
        'vercel.json': '{}\n',
        'apps/web/package.json': '{ "name": "web", "dependencies": { "next": "^15.0.0", "@supabase/supabase-js": "^2.0.0" } }\n',
        'apps/web/app/page.tsx': 'export default function Page() { return null; }\n',
      },
      errors: [{ file: 'package.json', line: 1, column: 1 }],
      output: {
        'RUNBOOK.md': '# Runbook\n\nHow to operate acme in production. Keep it short and current: it is read during incidents.\n\n## Deploy\n\n- Build: `pnpm build`\n- Platform configuration: `vercel.json`\n\n<!-- TODO: who deploys, from which branch, and how to check that a release is healthy. -->\n\n## Roll back\n\n- Vercel: `vercel rollback` (or promote the previous deployment in the dashboard).\n\n<!-- TODO: the exact rollback steps and how to confirm the rollback worked. -->\n\n## Restore a backup\n\n- Data stores: Supabase\n\n<!-- TODO: where backups run, how often and for how long they are kept, who can restore, and the steps (restore into a new database, check it, then switch DATABASE_URL). -->\n\n## Rotate a secret\n\n<!-- TODO: where each secret is stored (platform variables, secret manager) and the order: create the new value, deploy it, then revoke the old one. -->\n\n## Logs and errors\n\n- Logs: `vercel logs <deployment-url>` or the project\'s Logs tab\n\n<!-- TODO: where the logs are and how to search them, the dashboards and alerts, and who is on call. -->\n',
      },
    },
    {
      name: 'a Firebase project (firebase.json) with Cloud Functions and no runbook (seen on a real Firebase backend)',
      files: {
        'README.md': '# remap functions\n\nBackend of the configurator.\n',
        'firebase.json': '{ "functions": { "source": "functions" } }\n',
        'functions/package.json': '{ "name": "functions", "scripts": { "build": "tsc" }, "dependencies": { "firebase-admin": "^12.0.0", "firebase-functions": "^5.0.0" } }\n',
        'functions/src/index.ts': "import { onCall } from 'firebase-functions/v2/https';\nexport const ping = onCall(async () => ({ ok: true }));\n",
      },
      errors: [{ file: 'README.md', line: 1, column: 1 }],
      output: {
        'RUNBOOK.md': "# Runbook\n\nHow to operate functions in production. Keep it short and current: it is read during incidents.\n\n## Deploy\n\n- Build: `npm run build`\n- Platform configuration: `firebase.json`\n\n<!-- TODO: who deploys, from which branch, and how to check that a release is healthy. -->\n\n## Roll back\n\n- Firebase: Hosting with `firebase hosting:rollback`; Cloud Functions by deploying the previous commit (`git checkout <tag> && firebase deploy --only functions`).\n\n<!-- TODO: the exact rollback steps and how to confirm the rollback worked. -->\n\n## Restore a backup\n\n- Data stores: Firebase\n\n<!-- TODO: where backups run, how often and for how long they are kept, who can restore, and the steps (restore into a new database, check it, then switch DATABASE_URL). -->\n\n## Rotate a secret\n\n<!-- TODO: where each secret is stored (platform variables, secret manager) and the order: create the new value, deploy it, then revoke the old one. -->\n\n## Logs and errors\n\n- Logs: `firebase functions:log`, or Logs Explorer and Error Reporting in the Google Cloud console\n\n<!-- TODO: where the logs are and how to search them, the dashboards and alerts, and who is on call. -->\n",
      },
    },
    {
      name: 'an "Operations" word in a paragraph does not count; only a Dockerfile is needed to apply',
      files: {
        'package.json': '{ "name": "worker" }\n',
        'README.md': '# worker\n\nOperations are described elsewhere.\n',
        'Dockerfile': 'FROM node:20\n',
      },
      errors: [{ file: 'README.md', line: 1, column: 1 }],
    },
  ],
});
