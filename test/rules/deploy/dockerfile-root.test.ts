import rule from '../../../rules/deploy/dockerfile-root';
import { ruleTester } from '../../helpers/ruleTester';

ruleTester(rule, {
  defaultFile: 'Dockerfile',
  valid: [
    'FROM node:22-alpine\nWORKDIR /app\nCOPY --chown=node:node . .\nRUN npm ci\nUSER node\nCMD ["node", "dist/server.js"]\n',
    // multi-stage: only the final stage matters
    'FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/main.js"]\n',
    'FROM node:22-alpine\nUSER 1000\nCMD ["node", "index.js"]\n',
    'FROM node:22-alpine\nUSER 1000:1000\nCMD ["node", "index.js"]\n',
    'FROM alpine:3.20\nRUN addgroup -S app && adduser -S app -G app\nUSER app:app\nENTRYPOINT ["/app/server"]\n',
    // root for the build steps, then back to an unprivileged user
    'FROM node:22\nUSER root\nRUN apt-get update && apt-get install -y curl\nUSER node\nCMD ["node", "server.js"]\n',
    // the final stage builds on a stage that already switched user
    'FROM node:22-alpine AS base\nUSER node\nWORKDIR /home/node/app\n\nFROM base AS runtime\nCOPY --chown=node:node dist ./dist\nCMD ["node", "dist/server.js"]\n',
    // a user from a build argument: cannot be judged
    'FROM node:22\nARG APP_USER=app\nUSER ${APP_USER}\nCMD ["node", "server.js"]\n',
    // images that run as non-root by default
    'FROM node:22 AS build\nRUN npm ci\nFROM gcr.io/distroless/nodejs22-debian12:nonroot\nCOPY --from=build /app /app\nCMD ["/app/server.js"]\n',
    'FROM cgr.dev/chainguard/node:latest\nCOPY . /app\nCMD ["/app/server.js"]\n',
    // development and test images
    { filename: 'Dockerfile.dev', code: 'FROM node:22\nCMD ["npm", "run", "dev"]\n' },
    { filename: 'docker/dev.Dockerfile', code: 'FROM node:22\nCMD ["npm", "run", "dev"]\n' },
    { filename: '.devcontainer/Dockerfile', code: 'FROM mcr.microsoft.com/devcontainers/typescript-node:22\n' },
    { filename: 'test/fixtures/Dockerfile', code: 'FROM node:22\n' },
  ],
  invalid: [
    {
      name: 'single stage, no USER: USER node before CMD',
      code: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nEXPOSE 3000\nCMD ["node", "dist/server.js"]\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 20, message: /^The container runs as root: the final stage of this Dockerfile sets no non-root `USER`/, tier: 'tech-debt' }],
      output: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nEXPOSE 3000\nUSER node\nCMD ["node", "dist/server.js"]\n',
    },
    {
      name: 'multi-stage: the build stage has USER node, the final stage does not',
      filename: 'apps/api/Dockerfile',
      code: 'FROM node:22 AS build\nUSER node\nWORKDIR /home/node\nRUN npm ci && npm run build\n\nFROM node:22-slim AS runtime\nWORKDIR /app\nCOPY --from=build /home/node/dist ./dist\nENTRYPOINT ["node", "dist/main.js"]\n',
      errors: [{ line: 6, column: 1 }],
      output: 'FROM node:22 AS build\nUSER node\nWORKDIR /home/node\nRUN npm ci && npm run build\n\nFROM node:22-slim AS runtime\nWORKDIR /app\nCOPY --from=build /home/node/dist ./dist\nUSER node\nENTRYPOINT ["node", "dist/main.js"]\n',
    },
    {
      name: 'USER root as the last USER, after CMD: anchored on it, USER node appended',
      code: 'FROM node:22\nWORKDIR /app\nUSER node\nRUN npm ci\nCMD ["node", "server.js"]\nUSER root\n',
      errors: [{ line: 6, column: 1, endColumn: 10, message: /^The container runs as root: the final stage switches to `USER root` and never switches back/ }],
      output: 'FROM node:22\nWORKDIR /app\nUSER node\nRUN npm ci\nCMD ["node", "server.js"]\nUSER root\nUSER node\n',
    },
    {
      name: 'USER 0 for the apt steps, then CMD',
      code: 'FROM node:22-bookworm\nUSER 0:0\nRUN apt-get update && apt-get install -y --no-install-recommends ffmpeg \\\n  && rm -rf /var/lib/apt/lists/*\nCMD ["node", "worker.js"]\n',
      errors: [{ line: 2, column: 1, message: /`USER 0:0`/ }],
      output: 'FROM node:22-bookworm\nUSER 0:0\nRUN apt-get update && apt-get install -y --no-install-recommends ffmpeg \\\n  && rm -rf /var/lib/apt/lists/*\nUSER node\nCMD ["node", "worker.js"]\n',
    },
    {
      name: 'USER root inherited from an earlier stage',
      code: 'FROM node:22 AS base\nUSER root\nRUN npm i -g pm2\n\nFROM base\nCOPY . /app\nCMD ["pm2-runtime", "/app/server.js"]\n',
      errors: [{ line: 5, column: 1, message: /the final stage inherits `USER root`/ }],
      output: 'FROM node:22 AS base\nUSER root\nRUN npm i -g pm2\n\nFROM base\nCOPY . /app\nUSER node\nCMD ["pm2-runtime", "/app/server.js"]\n',
    },
    {
      name: 'no CMD (the platform supplies the command): USER node appended',
      filename: 'Dockerfile.prod',
      code: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci',
      errors: [{ line: 1, column: 1 }],
      output: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node',
    },
    {
      name: 'build steps after CMD: USER goes at the end so they still run as root',
      code: 'FROM node:22\nCMD ["node", "server.js"]\nCOPY . /app\nRUN cd /app && npm ci\n',
      errors: [{ line: 1, column: 1 }],
      output: 'FROM node:22\nCMD ["node", "server.js"]\nCOPY . /app\nRUN cd /app && npm ci\nUSER node\n',
    },
    {
      name: 'CRLF line endings',
      code: 'FROM node:22\r\nCOPY . /app\r\nCMD ["node", "/app/server.js"]\r\n',
      errors: [{ line: 1, column: 1 }],
      output: 'FROM node:22\r\nCOPY . /app\r\nUSER node\r\nCMD ["node", "/app/server.js"]\r\n',
    },
    {
      name: 'Alpine base: create a user with addgroup/adduser',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /server\nFROM alpine:3.20\nCOPY --from=build /server /server\nENTRYPOINT ["/server"]\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM golang:1.23 AS build\nRUN go build -o /server\nFROM alpine:3.20\nCOPY --from=build /server /server\nRUN addgroup -S app && adduser -S app -G app\nUSER app\nENTRYPOINT ["/server"]\n',
    },
    {
      name: 'Debian slim base: create a user with groupadd/useradd',
      filename: 'services/ml/Dockerfile',
      code: 'FROM python:3.12-slim\nCOPY . /srv\nCMD ["python", "/srv/app.py"]\n',
      errors: [{ line: 1, column: 1 }],
      output: 'FROM python:3.12-slim\nCOPY . /srv\nRUN groupadd --system app && useradd --system --gid app --no-create-home app\nUSER app\nCMD ["python", "/srv/app.py"]\n',
    },
    {
      name: 'distroless without the nonroot tag: USER nonroot',
      code: 'FROM gcr.io/distroless/nodejs22-debian12\nCOPY dist /app\nCMD ["/app/server.js"]\n',
      errors: [{ line: 1, column: 1 }],
      output: 'FROM gcr.io/distroless/nodejs22-debian12\nCOPY dist /app\nUSER nonroot\nCMD ["/app/server.js"]\n',
    },
    {
      name: 'scratch: reported without a fix',
      code: 'FROM scratch\nCOPY server /server\nENTRYPOINT ["/server"]\n',
      errors: [{ line: 1, column: 1 }],
      output: null,
    },
  ],
});
