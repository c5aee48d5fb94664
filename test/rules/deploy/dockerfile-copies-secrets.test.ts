import rule from '../../../rules/deploy/dockerfile-copies-secrets';
import { ruleTester } from '../../helpers/ruleTester';

const docker = 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n';

ruleTester(rule, {
  defaultFile: 'Dockerfile',
  valid: [
    { name: 'Multi-stage: COPY . . only in the build stage, the image takes dist/ and prisma/ from it (seen on a real NestJS app)', files: {
      'package.json': '{ "name": "api" }\n',
      Dockerfile: 'FROM node:22-alpine AS builder\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY --from=builder /app/dist ./dist\nCOPY --from=builder /app/prisma ./prisma\nUSER node\nCMD ["node", "dist/main.js"]\n',
    } },
    { name: '.dockerignore with .env', files: { Dockerfile: docker, '.dockerignore': 'node_modules\n.env\n' } },
    { name: '.env* glob', files: { Dockerfile: docker, '.dockerignore': '.git\n.env*\n' } },
    { name: '*.env glob', files: { Dockerfile: docker, '.dockerignore': '*.env\n' } },
    { name: '**/.env', files: { Dockerfile: docker, '.dockerignore': '**/.env\n' } },
    { name: 'allowlist style: everything ignored, then sources re-included', files: { Dockerfile: docker, '.dockerignore': '*\n!src\n!package.json\n!package-lock.json\n' } },
    { name: 'a .dockerignore at the root covers a Dockerfile in a subfolder (root build context)', files: { 'apps/api/Dockerfile': docker, '.dockerignore': '.env\n' } },
    { name: 'a .dockerignore next to the Dockerfile', files: { 'apps/api/Dockerfile': docker, 'apps/api/.dockerignore': '.env\n.env.*\n' } },
    { name: 'only named folders and files are copied', code: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src ./src\nCOPY ["tsconfig.json", "./"]\nCMD ["node", "dist/server.js"]\n' },
    { name: 'copying from a build stage', code: 'FROM node:22 AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app .\nCOPY --from=build /app/.env.production ./\n' },
    { name: 'the env template is fine to copy', code: 'FROM node:22-alpine\nCOPY .env.example .env\nCMD ["node", "server.js"]\n' },
    { name: 'a dev Dockerfile', files: { 'Dockerfile.dev': 'FROM node:22\nCOPY . .\nCOPY .env .env\nCMD ["npm", "run", "dev"]\n' } },
    { name: 'ADD of a URL', code: 'FROM alpine:3.20\nADD https://example.com/.env /tmp/x\n' },
  ],
  invalid: [
    { name: "Multi-stage: the image copies the build stage's whole folder", files: {
      'package.json': '{ "name": "api" }\n',
      Dockerfile: 'FROM node:22-alpine AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:22-alpine\nWORKDIR /app\nCOPY --from=build /app ./\nUSER node\nCMD ["node", "dist/main.js"]\n',
    },
      errors: [{ file: 'Dockerfile', line: 3, column: 1, message: /^`COPY \. \.` copies the whole build context, and there is no \.dockerignore/ }],
      output: { '.dockerignore': '.env\n.env.*\n!.env.example\nnode_modules\n.git\n' } },
    {
      name: 'COPY . . with no .dockerignore: one is created',
      files: { Dockerfile: docker, '.env': 'DATABASE_URL=postgres://u:p@db/app\n' },
      errors: [{ file: 'Dockerfile', line: 5, column: 1, endColumn: 9, message: '`COPY . .` copies the whole build context, and there is no .dockerignore: the .env in this folder and every secret in it end up in an image layer anyone who can pull the image can read. Exclude it in .dockerignore (`.env`, `.env.*`, and node_modules and .git while you are at it).', tier: 'ship-stopping' }],
      output: { '.dockerignore': '.env\n.env.*\n!.env.example\nnode_modules\n.git\n' },
    },
    {
      name: 'a .dockerignore without .env: only the missing lines are added',
      files: { Dockerfile: docker, '.dockerignore': 'node_modules\ndist' },
      errors: [{ file: 'Dockerfile', line: 5, column: 1, message: /and \.dockerignore does not exclude \.env: a local \.env/ }],
      output: { '.dockerignore': 'node_modules\ndist\n.env\n.env.*\n!.env.example\n.git\n' },
    },
    {
      name: 'a Dockerfile in a subfolder, COPY . /app with --chown: the .dockerignore goes next to it',
      files: { 'services/api/Dockerfile': 'FROM node:22-alpine\nCOPY --chown=node:node . /app\nCMD ["node", "/app/server.js"]\n' },
      errors: [{ file: 'services/api/Dockerfile', line: 2, column: 1, message: /^`COPY \. \/app` copies the whole build context/ }],
      output: { 'services/api/.dockerignore': '.env\n.env.*\n!.env.example\nnode_modules\n.git\n' },
    },
    {
      name: 'ADD ./ with a CRLF .dockerignore that ignores .env.* but not .env',
      files: { Dockerfile: 'FROM node:22\nADD ./ /srv\n', '.dockerignore': '.env.*\r\n.git\r\nnode_modules\r\n' },
      errors: [{ file: 'Dockerfile', line: 2, column: 1 }],
      output: { '.dockerignore': '.env.*\r\n.git\r\nnode_modules\r\n.env\r\n!.env.example\r\n' },
    },
    {
      name: 'COPY .env explicitly: no fix (a .dockerignore would break the build)',
      code: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY .env ./\nCOPY dist ./dist\nCMD ["node", "dist/server.js"]\n',
      errors: [{ line: 5, column: 1, endColumn: 13, message: /^`COPY \.env` bakes your secrets into the image/ }],
      output: null,
    },
    {
      name: 'COPY of .env.production in JSON form, and .env* glob',
      code: 'FROM node:22-alpine\nCOPY ["./config/.env.production", "/app/"]\nCOPY .env* ./\n',
      errors: [{ line: 2, column: 1, message: /^`COPY \.\/config\/\.env\.production` bakes/ }, { line: 3, column: 1, message: /^`COPY \.env\*` bakes/ }],
    },
  ],
});
