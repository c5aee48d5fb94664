import rule from '../../../rules/deploy/no-rollback-path';
import { ruleTester } from '../../helpers/ruleTester';

const pkg = (o: Record<string, unknown> = {}) => JSON.stringify({ name: 'api', dependencies: { express: '^4.21.2' }, ...o }, null, 2) + '\n';
const docker = 'FROM node:22-alpine\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n';
const wf = (steps: string, on = 'on:\n  push:\n    branches: [main]\n') => `${on}jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;

ruleTester(rule, {
  valid: [
    { name: 'nothing deploys', files: { 'package.json': pkg(), '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' } },
    { name: 'image tagged with the commit SHA', files: { 'package.json': pkg(), Dockerfile: docker, '.github/workflows/deploy.yml': wf('      - run: docker build -t ghcr.io/acme/api:${{ github.sha }} .\n      - run: docker push ghcr.io/acme/api:${{ github.sha }}\n') } },
    { name: 'image tagged with $(git rev-parse --short HEAD) in a script', files: { 'package.json': pkg({ scripts: { 'docker:build': 'docker build -t acme/api:$(git rev-parse --short HEAD) .' } }), Dockerfile: docker } },
    { name: 'GitLab: $CI_COMMIT_SHORT_SHA', files: { 'package.json': pkg(), Dockerfile: docker, '.gitlab-ci.yml': 'build:\n  script:\n    - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA" .\n    - docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA"\n' } },
    { name: 'docker/metadata-action', files: { 'package.json': pkg(), Dockerfile: docker, '.github/workflows/deploy.yml': wf('      - id: meta\n        uses: docker/metadata-action@v5\n        with:\n          images: ghcr.io/acme/api\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ${{ steps.meta.outputs.tags }}\n') } },
    { name: 'docker/build-push-action with a sha tag', files: { 'package.json': pkg(), Dockerfile: docker, '.github/workflows/deploy.yml': wf('      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/acme/api:${{ github.sha }}\n') } },
    { name: 'deploys on release', files: { 'package.json': pkg(), Dockerfile: docker, '.github/workflows/deploy.yml': wf('      - run: docker build -t acme/api .\n      - run: ./deploy.sh\n', 'on:\n  release:\n    types: [published]\n') } },
    { name: 'deploys on tags', files: { 'package.json': pkg(), Dockerfile: docker, '.github/workflows/deploy.yml': wf('      - run: ./deploy.sh\n', "on:\n  push:\n    tags: ['v*']\n") } },
    { name: 'semantic-release in devDependencies', files: { 'package.json': pkg({ devDependencies: { 'semantic-release': '^24.0.0' } }), Dockerfile: docker } },
    { name: 'a platform with rollbacks: fly.toml', files: { 'package.json': pkg(), Dockerfile: docker, 'fly.toml': 'app = "api"\n' } },
    { name: 'a platform with rollbacks: Heroku Procfile', files: { 'package.json': pkg(), Procfile: 'web: node server.js\n' } },
    { name: 'a platform with rollbacks: railway up in CI', files: { 'package.json': pkg(), '.github/workflows/deploy.yml': wf('      - run: railway up --service api\n') } },
    { name: 'a platform with rollbacks: Render deploy hook action', files: { 'package.json': pkg(), '.github/workflows/deploy.yml': wf('      - uses: johnbeynon/render-deploy-action@v0.0.8\n        with:\n          service-id: srv-123\n') } },
    { name: 'a RUNBOOK rollback section', files: { 'package.json': pkg(), Dockerfile: docker, 'RUNBOOK.md': '# Runbook\n\n## Roll back\n\nRedeploy the previous image from the registry.\n' } },
    { name: 'the README says rollback in prose', files: { 'package.json': pkg(), Dockerfile: docker, 'README.md': '# API\n\n## Deploying\n\nEach deploy keeps the previous container; `./ops/rollback.sh` switches back.\n' } },
    { name: 'a dev Dockerfile only is not a deploy', files: { 'package.json': pkg(), 'Dockerfile.dev': docker } },
  ],
  invalid: [
    {
      name: 'ECS deploy of a latest image: amazon-ecs-render-task-definition is not the Render platform (seen on a real NestJS app)',
      files: { 'package.json': pkg(), Dockerfile: docker, '.github/workflows/deploy.yml': wf('      - run: docker build -t 123.dkr.ecr.eu-west-1.amazonaws.com/api:latest . && docker push 123.dkr.ecr.eu-west-1.amazonaws.com/api:latest\n      - uses: aws-actions/amazon-ecs-render-task-definition@v1\n        id: task\n        with:\n          task-definition: task.json\n          container-name: api\n          image: 123.dkr.ecr.eu-west-1.amazonaws.com/api:latest\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v1\n        with:\n          task-definition: ${{ steps.task.outputs.task-definition }}\n') },
      errors: [{ file: '.github/workflows/deploy.yml', line: 4, column: 1, message: /^No rollback path: \.github\/workflows\/deploy\.yml deploys/ }],
    },
    {
      name: 'latest-only images pushed from CI',
      files: { 'package.json': pkg(), Dockerfile: docker, '.github/workflows/deploy.yml': wf('      - run: docker build -t registry.example.com/api:latest .\n      - run: docker push registry.example.com/api:latest\n      - run: ssh deploy@prod "docker compose pull && docker compose up -d"\n') },
      errors: [{ file: '.github/workflows/deploy.yml', line: 4, column: 1, endColumn: 5, message: 'No rollback path: .github/workflows/deploy.yml deploys, but nothing tags a versioned artefact (an image tagged by commit or version, a release) and no README or RUNBOOK section says how to go back, so undoing a bad deploy means rebuilding an old commit under pressure. Tag what you ship with the commit SHA or version and document the rollback (or record it as an attestation).', tier: 'tech-debt' }],
      output: null,
    },
    {
      name: 'only a Dockerfile: anchored on its first FROM',
      files: { 'package.json': pkg(), Dockerfile: '# syntax=docker/dockerfile:1\nFROM node:22-alpine AS build\nRUN npm ci\nFROM node:22-alpine\nCMD ["node", "server.js"]\n', 'CHANGELOG.md': '# Changelog\n\n## Reverts\n\n- revert the last deploy of 1.2\n' },
      errors: [{ file: 'Dockerfile', line: 2, column: 1, message: /^No rollback path: Dockerfile builds the image that ships/ }],
    },
    {
      name: 'kubectl apply of an unversioned image',
      files: { 'package.json': pkg(), '.gitlab-ci.yml': 'deploy:\n  stage: deploy\n  script:\n    - docker build -t registry.gitlab.com/acme/api .\n    - docker push registry.gitlab.com/acme/api\n    - kubectl apply -f k8s/\n  only: [main]\n' },
      errors: [{ file: '.gitlab-ci.yml', line: 1, column: 1 }],
    },
  ],
});
