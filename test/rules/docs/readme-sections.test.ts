import rule from '../../../rules/docs/readme-sections';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = '{\n  "name": "api",\n  "scripts": { "dev": "tsx watch src/server.ts", "build": "tsc", "start": "node dist/server.js", "test": "vitest run" }\n}\n';

ruleTester(rule, {
  valid: [
    { name: 'production wordings that are about deploying', files: { 'package.json': pkg, 'README.md': '# API\n\n## Setup\n\nx\n\n## Architecture\n\nx\n\n## Running in production\n\nx\n' } },
    { files: { 'package.json': pkg, 'README.md': '# API\n\n## Setup\n\nx\n\n## Architecture\n\nx\n\n## Production build\n\nx\n' } },
    { files: { 'package.json': pkg, 'README.md': '# API\n\n## Getting started\n\n`npm i && npm run dev`\n\n## Project structure\n\n- `src/routes`\n\n## Deploying to Fly.io\n\n`fly deploy`\n' } },
    { name: 'emoji and other wordings', files: { 'package.json': pkg, 'README.md': '# API\n\n## 🚀 Quick Start\n\nx\n\n## 🏗️ How it works\n\nx\n\n## 📦 Production\n\nx\n' } },
    { name: 'a README in Russian (seen on a real Express app)', files: { 'package.json': pkg, 'README.md': '# API\n\n## 🛠️ Установка и запуск\n\nx\n\n## 📁 Структура проекта\n\nx\n\n## Развёртывание\n\nx\n' } },
    { name: 'a README in Chinese', files: { 'package.json': pkg, 'README.md': '# API\n\n## 快速开始\n\nx\n\n## 项目结构\n\nx\n\n## 部署\n\nx\n' } },
    { name: 'a README in Japanese', files: { 'package.json': pkg, 'README.md': '# API\n\n## セットアップ\n\nx\n\n## アーキテクチャ\n\nx\n\n## デプロイ\n\nx\n' } },
    { name: 'a README in Korean', files: { 'package.json': pkg, 'README.md': '# API\n\n## 설치\n\nx\n\n## 아키텍처\n\nx\n\n## 배포\n\nx\n' } },
    { name: 'a README in Portuguese (seen on a real Fastify app)', files: { 'package.json': pkg, 'README.md': '# API\n\n## Como rodar localmente\n\nx\n\n## Arquitetura\n\nx\n\n## Implantação\n\nx\n' } },
    { name: 'a README in Spanish', files: { 'package.json': pkg, 'README.md': '# API\n\n## Instalación\n\nx\n\n## Estructura del proyecto\n\nx\n\n## Despliegue\n\nx\n' } },
    { name: 'a README in Spanish whose setup is headed Puesta en marcha (seen on a real Next.js + Supabase app)', files: { 'package.json': pkg, 'README.md': '# Restaurante\n\n## Puesta en marcha\n\nx\n\n## Arquitectura\n\nx\n\n## Despliegue\n\nx\n' } },
    { name: 'a README in German', files: { 'package.json': pkg, 'README.md': '# API\n\n## Erste Schritte\n\nx\n\n## Überblick\n\nx\n\n## Bereitstellung\n\nx\n' } },
    { name: 'setup and architecture in docs/<language>/ (docs/en/contribute.md, docs/en/architecture.md)', files: { 'package.json': pkg, 'README.md': '# API\n\n## Deploy\n\nx\n', 'docs/en/contribute.md': '# Contribute\n\n## Development Environment Setup\n', 'docs/en/architecture.md': '# Architecture\n' } },
    { name: 'a README in Indonesian (seen on a real Fastify app)', files: { 'package.json': pkg, 'README.md': '# API\n\n## Cara Menjalankan\n\nx\n\n## Arsitektur\n\nx\n\n## Penerapan\n\nx\n' } },
    { name: '"Run the backend", a setup guide document (seen on real apps)', files: { 'package.json': pkg, 'README.md': '# API\n\n## Run the backend\n\nx\n\n## Overview\n\nx\n\n## Production\n\nx\n', 'docs/setup-guide.md': '# Setup\n' } },
    { name: 'setext headings', files: { 'package.json': pkg, 'README.md': 'API\n===\n\nInstallation\n------------\n\nx\n\nArchitecture\n------------\n\nx\n\nHosting\n-------\n\nx\n' } },
    { name: 'sections in separate documents', files: {
      'package.json': pkg,
      'README.md': '# API\n\n## Local development\n\nnpm run dev\n',
      'docs/architecture/overview.md': '# Overview\n',
      'docs/deployment.md': '# Deploy\n',
    } },
    { name: 'setup in CONTRIBUTING.md, design and runbook under docs/', files: {
      'package.json': pkg,
      'README.md': '# API\n\nSee the docs folder.\n',
      'CONTRIBUTING.md': '# Contributing\n',
      'docs/design.md': '# Design\n',
      'docs/runbook.md': '# Runbook\n',
    } },
    { name: 'a package README does not need the sections when the root README has them', files: {
      'package.json': '{ "name": "root", "private": true, "workspaces": ["packages/*"] }',
      'packages/ui/package.json': '{ "name": "@acme/ui" }',
      'packages/ui/README.md': '# UI components\n',
      'README.md': '# Acme\n\n## Setup\n\nx\n\n## Architecture\n\nx\n\n## Deployment\n\nx\n',
    } },
    { name: 'not a Node project', files: { 'docs/notes.md': '# Notes\n' } },
  ],
  invalid: [
    {
      // seen on a real Fastify + Prisma API (a Rocketseat-style README)
      name: "functional and non-functional requirements ('Requisitos funcionais') are no setup section",
      files: { 'package.json': pkg, 'README.md': '# Delivery X\n\n## RFs (Requisitos funcionais)\n\n- [x] Deve ser possível se cadastrar\n\n## RNFs (Requisitos não-funcionais)\n\n- [x] A senha do usuário precisa estar criptografada\n\n## Arquitetura\n\nx\n\n## Deploy\n\nx\n' },
      errors: [{ file: 'README.md', line: 1, column: 1, message: /^README\.md has no setup section/ }],
    },
    {
      // seen on a real Express app: an email provider's production settings are no deployment section
      name: "a heading that only names production settings of a service ('Production: Resend') is no deployment section",
      files: { 'package.json': pkg, 'README.md': '# API\n\n## Setup\n\nx\n\n## Architecture\n\nx\n\n## Production: Resend\n\nVerify your sending domain.\n' },
      errors: [{ file: 'README.md', line: 1, column: 1, message: /^README\.md has no deployment section/ }],
    },
    {
      name: 'a title only: all three sections added, pre-filled',
      files: {
        'package.json': '{\n  "name": "@acme/api",\n  "engines": { "node": ">=20" },\n  "dependencies": { "express": "^4.19.0", "@prisma/client": "^5.0.0" },\n  "scripts": { "dev": "tsx watch src/server.ts", "build": "tsc", "start": "node dist/server.js", "test": "vitest run", "db:migrate": "prisma migrate dev", "db:migrate:deploy": "prisma migrate deploy" }\n}\n',
        'package-lock.json': '{}',
        'README.md': '# Acme API\n\nThe backend.\n',
        'Dockerfile': 'FROM node:20\n',
        '.github/workflows/ci.yml': 'on: push\n',
        'prisma/schema.prisma': 'model User {\n  id Int @id\n}\n',
        '.env.example': 'DATABASE_URL=\n',
        'docker-compose.yml': 'services: {}\n',
        'src/server.ts': "import express from 'express';\nconst app = express();\napp.listen(3000);\n",
      },
      errors: [{ file: 'README.md', line: 1, column: 1, endLine: 1, endColumn: 11, tier: 'tech-debt', message: "README.md has no setup, architecture and deployment sections: a new developer cannot get it running without asking someone; nobody can see how the parts fit together before changing them; how a change reaches production lives only in someone's head. Add them (a separate doc such as docs/setup.md counts too)." }],
      output: {
        'README.md': '# Acme API\n\nThe backend.\n\n## Setup\n\nRequirements: Node.js >=20.\n\n```sh\ncp .env.example .env\ndocker compose up -d\nnpm install\nnpm run db:migrate\nnpm run dev\n```\n\nRun the tests with `npm test`.\n\n## Architecture\n\n- Stack: Express, Prisma\n- Server entry: `src/server.ts`\n- Database schema: `prisma/schema.prisma`\n\n<!-- TODO: how a request flows through the system, where state lives, which external services it depends on. -->\n\n## Deployment\n\n- Build: `npm run build`\n- Database migrations: `npm run db:migrate:deploy`\n- Start: `npm start`\n- Container: `Dockerfile` (`docker build -t api .`)\n- CI: `.github/workflows/ci.yml`\n\n<!-- TODO: where it runs, how a change reaches production, how to roll back. -->\n',
      },
    },
    {
      name: 'only deployment missing (pnpm, platform file); a heading inside a code block does not count',
      files: {
        'package.json': '{ "name": "web", "dependencies": { "next": "14.2.0" }, "scripts": { "dev": "next dev", "build": "next build", "start": "next start" } }',
        'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
        'vercel.json': '{}',
        'README.md': '# Web\n\n## Getting Started\n\n```sh\npnpm dev\n# Deployment\n```\n\n## Overview\n\nNext.js app router.\n\n',
      },
      errors: [{ file: 'README.md', line: 1, column: 1, message: /^README\.md has no deployment section: how a change reaches production lives only in someone's head\. Add it/ }],
      output: {
        'README.md': '# Web\n\n## Getting Started\n\n```sh\npnpm dev\n# Deployment\n```\n\n## Overview\n\nNext.js app router.\n\n## Deployment\n\n- Build: `pnpm build`\n- Start: `pnpm start`\n- Platform configuration: `vercel.json`\n\n<!-- TODO: where it runs, how a change reaches production, how to roll back. -->\n',
      },
    },
    {
      name: 'no README: anchored on the root package.json, README.md created (monorepo)',
      files: {
        'package.json': '{\n  "name": "acme",\n  "private": true,\n  "workspaces": ["apps/*"],\n  "packageManager": "pnpm@9.0.0",\n  "scripts": { "dev": "turbo dev", "build": "turbo build", "test": "turbo test" }\n}\n',
        'apps/api/package.json': '{ "name": "@acme/api", "dependencies": { "@nestjs/core": "^10", "typeorm": "^0.3" } }',
        'apps/api/src/main.ts': "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(3000); }\nbootstrap();\n",
        'apps/web/package.json': '{ "name": "@acme/web", "dependencies": { "next": "^14" } }',
        'fly.toml': 'app = "acme"\n',
      },
      errors: [{ file: 'package.json', line: 1, column: 1, message: /^No README at the root of the repository/ }],
      output: {
        'README.md': '# acme\n\n<!-- TODO: one paragraph on what this is and who uses it. -->\n\n## Setup\n\n```sh\npnpm install\npnpm dev\n```\n\nRun the tests with `pnpm test`.\n\n## Architecture\n\n- `apps/api` (@acme/api): NestJS; data: TypeORM; server entry `apps/api/src/main.ts`\n- `apps/web` (@acme/web): Next.js\n\n<!-- TODO: how a request flows through the system, where state lives, which external services it depends on. -->\n\n## Deployment\n\n- Build: `pnpm build`\n- Platform configuration: `fly.toml`\n\n<!-- TODO: where it runs, how a change reaches production, how to roll back. -->\n',
      },
    },
    {
      name: 'no README and no root package.json: the shallowest manifest',
      files: { 'services/api/package.json': '{ "name": "api" }', 'services/worker/package.json': '{ "name": "worker" }' },
      errors: [{ file: 'services/api/package.json', line: 1, column: 1 }],
    },
    {
      name: 'sections at level 1, no trailing newline, npm placeholder test script',
      files: {
        'package.json': '{ "name": "bot", "scripts": { "start": "node index.js", "test": "echo \\"Error: no test specified\\" && exit 1" } }',
        'README.md': '# Bot\n\n# Install\n\nnpm i',
      },
      errors: [{ file: 'README.md', line: 1, column: 1, message: /^README\.md has no architecture and deployment sections/ }],
      output: {
        'README.md': '# Bot\n\n# Install\n\nnpm i\n\n# Architecture\n\n<!-- TODO: how a request flows through the system, where state lives, which external services it depends on. -->\n\n# Deployment\n\n- Start: `npm start`\n\n<!-- TODO: where it runs, how a change reaches production, how to roll back. -->\n',
      },
    },
    {
      name: 'README without headings, CRLF line breaks, yarn',
      files: {
        'package.json': '{ "name": "svc", "scripts": { "dev": "nodemon" } }',
        'yarn.lock': '# yarn lockfile v1\n',
        'README.md': 'Our service.\r\n',
      },
      errors: [{ file: 'README.md', line: 1, column: 1, endLine: 1, endColumn: 13 }],
      output: {
        'README.md': 'Our service.\r\n\r\n## Setup\r\n\r\n```sh\r\nyarn install\r\nyarn dev\r\n```\r\n\r\n## Architecture\r\n\r\n<!-- TODO: how a request flows through the system, where state lives, which external services it depends on. -->\r\n\r\n## Deployment\r\n\r\n<!-- TODO: where it runs, how a change reaches production, how to roll back. -->\r\n',
      },
    },
  ],
});
