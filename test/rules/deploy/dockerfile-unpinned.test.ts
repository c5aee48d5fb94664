import rule from '../../../rules/deploy/dockerfile-unpinned';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (o: Record<string, unknown> = {}) => JSON.stringify({ name: 'api', ...o }, null, 2) + '\n';

ruleTester(rule, {
  defaultFile: 'Dockerfile',
  valid: [
    'FROM node:22-alpine\nCMD ["node", "server.js"]\n',
    'FROM node:22.11.0-bookworm-slim\nCMD ["node", "server.js"]\n',
    'FROM node:iron-alpine\nCMD ["node", "server.js"]\n',
    'FROM node:20\nCMD ["node", "server.js"]\n',
    // pinned by digest, even with a floating tag
    'FROM node:lts-alpine@sha256:7e227295e96f5b00aa79555ae166f50610940d888fc2e321cf36304cbd17d7d6\nCMD ["node", "server.js"]\n',
    'FROM docker.io/library/node@sha256:7e227295e96f5b00aa79555ae166f50610940d888fc2e321cf36304cbd17d7d6\n',
    // stage references and scratch
    'FROM node:22-alpine AS Build\nRUN npm ci\n\nFROM build AS test\nRUN npm test\n\nFROM BUILD\nCMD ["node", "server.js"]\n',
    'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
    // non-node images with a version, or a distro codename
    'FROM postgres:16.4-alpine\n',
    'FROM debian:bookworm-slim\nRUN apt-get update\n',
    'FROM ubuntu:24.04\n',
    'FROM gcr.io/distroless/nodejs22-debian12:nonroot\n',
    // an ARG default that is pinned; an ARG without default cannot be judged
    'ARG NODE_VERSION=22.11.0\nFROM node:${NODE_VERSION}-alpine\nCMD ["node", "server.js"]\n',
    'ARG BASE_IMAGE=node:22-alpine\nFROM ${BASE_IMAGE}\n',
    'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n',
    'FROM --platform=$BUILDPLATFORM node:22-alpine AS build\nRUN npm ci\n',
    // development and test images
    { filename: 'Dockerfile.dev', code: 'FROM node:latest\nCMD ["npm", "run", "dev"]\n' },
    { filename: '.devcontainer/Dockerfile', code: 'FROM mcr.microsoft.com/devcontainers/typescript-node\n' },
    { filename: 'test/e2e/Dockerfile', code: 'FROM mcr.microsoft.com/playwright\n' },
  ],
  invalid: [
    {
      name: 'node:latest, version from .nvmrc',
      files: { 'package.json': pkg(), '.nvmrc': 'v20.18.1\n', Dockerfile: 'FROM node:latest\nWORKDIR /app\nCMD ["node", "server.js"]\n' },
      errors: [{ file: 'Dockerfile', line: 1, column: 6, endColumn: 17, message: '`FROM node:latest` is not pinned (the `latest` tag): each build pulls whatever was published last, so the same commit can build on a different Node major and OS, and redeploying an old commit does not bring its runtime back. Pin it to `node:20.18.1` (from .nvmrc).', tier: 'tech-debt' }],
      output: { Dockerfile: 'FROM node:20.18.1\nWORKDIR /app\nCMD ["node", "server.js"]\n' },
    },
    {
      name: 'node:alpine keeps its variant; version from engines',
      files: { 'package.json': pkg({ engines: { node: '>=20 <21' } }), Dockerfile: 'FROM node:alpine\nCMD ["node", "server.js"]\n' },
      errors: [{ file: 'Dockerfile', line: 1, column: 6, message: /^`FROM node:alpine` is not pinned \(the `alpine` tag \(a variant with no Node version\)\).* Pin it to `node:20-alpine` \(from package\.json engines\.node\)\.$/ }],
      output: { Dockerfile: 'FROM node:20-alpine\nCMD ["node", "server.js"]\n' },
    },
    {
      name: 'no tag at all, in the build stage of a monorepo app; .node-version in the app folder wins',
      files: {
        'package.json': pkg({ private: true, engines: { node: '>=18' } }),
        'apps/api/package.json': pkg({ name: 'api' }),
        'apps/api/.node-version': '22.11.0\n',
        'apps/api/Dockerfile': 'FROM node AS build\nRUN npm ci && npm run build\n\nFROM node:22-slim\nCOPY --from=build /app/dist ./dist\n',
      },
      errors: [{ file: 'apps/api/Dockerfile', line: 1, column: 6, endColumn: 10, message: /\(no tag\).*`node:22\.11\.0` \(from apps\/api\/\.node-version\)/ }],
      output: { 'apps/api/Dockerfile': 'FROM node:22.11.0 AS build\nRUN npm ci && npm run build\n\nFROM node:22-slim\nCOPY --from=build /app/dist ./dist\n' },
    },
    {
      name: 'lts-slim with a registry prefix; open-ended engines gives the current LTS line',
      files: { 'package.json': pkg({ engines: { node: '>=18' } }), Dockerfile: 'FROM docker.io/library/node:lts-slim\n' },
      errors: [{ file: 'Dockerfile', line: 1, column: 6 }],
      output: { Dockerfile: 'FROM docker.io/library/node:24-slim\n' },
    },
    {
      name: 'no version stated anywhere: reported, no fix',
      files: { 'package.json': pkg(), Dockerfile: 'FROM node:current-alpine\nCMD ["node", "server.js"]\n' },
      errors: [{ file: 'Dockerfile', line: 1, column: 6, message: /Pin it to `node:<version>-alpine` \(the version you develop and test with\)\.$/ }],
      output: null,
    },
    {
      name: 'other images: latest and no tag, no fix',
      code: 'FROM nginx:latest\nCOPY dist /usr/share/nginx/html\n',
      errors: [{ line: 1, column: 6, message: /^`FROM nginx:latest` is not pinned \(the `latest` tag\).*different release.*Pin it to a version tag or a digest\.$/ }],
      output: null,
    },
    {
      name: 'two external images: both reported',
      files: { 'package.json': pkg({ engines: { node: '22.x' } }), Dockerfile: 'FROM node AS deps\nRUN npm ci\nFROM alpine\nCOPY --from=deps /app /app\n' },
      errors: [{ file: 'Dockerfile', line: 1, column: 6 }, { file: 'Dockerfile', line: 3, column: 6, message: /^`FROM alpine` is not pinned \(no tag\)/ }],
      output: { Dockerfile: 'FROM node:22 AS deps\nRUN npm ci\nFROM alpine\nCOPY --from=deps /app /app\n' },
    },
    {
      name: 'an ARG default that floats: reported on FROM, no fix',
      files: { 'package.json': pkg({ engines: { node: '22.x' } }), Dockerfile: 'ARG BASE=node:latest\nFROM ${BASE}\n' },
      errors: [{ file: 'Dockerfile', line: 2, column: 6, message: /^`FROM \$\{BASE\}` \(`node:latest` with the build argument's default\) is not pinned/ }],
      output: null,
    },
  ],
});
