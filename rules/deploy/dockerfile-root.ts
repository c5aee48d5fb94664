import type { From, Instruction } from 'dockerfile-ast';
import type { FileRule, Fix, Range } from '../../server/engine/types';
import { isDevDockerfile } from '../../server/engine/facts/deployFacts';

const DEBIAN_TAG = /(^|-)(slim|bookworm|bullseye|buster|trixie|jammy|noble|focal)($|-)/;

interface Stage { from: From; body: Instruction[] }

const rule: FileRule = {
  meta: {
    id: 'deploy/dockerfile-root',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'The container runs as root',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'infra.container',
    docs: {
      why: 'Images run as root unless the Dockerfile says otherwise. Then a vulnerable dependency or an injection bug hands the attacker root inside the container: it can rewrite the app, read every mounted secret, and has a much shorter path out of the container.',
      bad: { files: { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "dist/server.js"]\n' } },
      good: { files: { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY --chown=node:node . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "dist/server.js"]\n' } },
      fix: 'Switch to an unprivileged user in the final stage, after the steps that need root and before CMD: the official Node images ship a `node` user (`USER node`); distroless images a `nonroot` one; elsewhere create one (`addgroup`/`adduser` on Alpine, `groupadd`/`useradd` on Debian). Give that user the files it writes (`COPY --chown=node:node`), and listen on a port above 1024.',
    },
  },
  scope: 'file',
  kinds: ['dockerfile'],
  check(ctx) {
    const file = ctx.file;
    if (file.kind !== 'dockerfile') return;
    if (isDevDockerfile(file.path)) return;
    const froms = file.ast.getFROMs();
    if (!froms.length) return;
    const all = file.ast.getInstructions();
    const stages: Stage[] = froms.map((from, i) => {
      const start = from.getRange().start.line;
      const end = froms[i + 1]?.getRange().start.line ?? Infinity;
      return { from, body: all.filter((x) => x.getRange().start.line > start && x.getRange().start.line < end) };
    });
    const stageIndex = (image: string | null, before: number) => {
      if (!image) return -1;
      for (let i = before - 1; i >= 0; i--) if (stages[i].from.getBuildStage()?.toLowerCase() === image.toLowerCase()) return i;
      return -1;
    };
    /** The last USER of a stage or, when it sets none, of the stage it builds on; and the external image at the root of the chain. */
    const resolve = (i: number, depth = 0): { user?: Instruction; image: From } => {
      const users = stages[i].body.filter((x) => x.getKeyword() === 'USER');
      const parent = depth < 20 ? stageIndex(stages[i].from.getImage(), i) : -1;
      const up = parent >= 0 ? resolve(parent, depth + 1) : undefined;
      return { user: users[users.length - 1] ?? up?.user, image: up?.image ?? stages[i].from };
    };
    const last = stages.length - 1;
    const final = stages[last];
    const { user, image } = resolve(last);
    const userName = user?.getArguments()[0]?.getValue() ?? '';
    if (user && (userName.includes('$') || !/^(root|0)(:.*)?$/.test(userName))) return;
    const imageName = (image.getImageName() ?? '').toLowerCase();
    const tag = (image.getImageTag() ?? '').toLowerCase();
    if (!user && (tag.includes('nonroot') || image.getRegistry() === 'cgr.dev' || imageName.startsWith('chainguard/'))) return;

    const ownRootUser = user && final.body.includes(user);
    const range: Range = (ownRootUser ? user : final.from).getRange();
    const eol = file.lines.eol;
    const fix = (title: string, lines: string[]): Fix[] => {
      const after = ownRootUser ? final.body.indexOf(user!) + 1 : 0;
      const rest = final.body.slice(after);
      const runIdx = rest.findIndex((x) => x.getKeyword() === 'CMD' || x.getKeyword() === 'ENTRYPOINT');
      const laterBuild = runIdx >= 0 && rest.slice(runIdx).some((x) => ['RUN', 'COPY', 'ADD'].includes(x.getKeyword()));
      if (runIdx >= 0 && !laterBuild) {
        const at = rest[runIdx].getRange().start;
        const indent = file.lines.indentOf(at.line);
        const pos = { line: at.line, character: 0 };
        return [{ title, safe: false, edits: [{ file: file.path, range: { start: pos, end: pos }, newText: lines.map((l) => `${indent}${l}${eol}`).join('') }] }];
      }
      const end = (final.body[final.body.length - 1] ?? final.from).getRange().end;
      return [{ title, safe: false, edits: [{ file: file.path, range: { start: end, end }, newText: lines.map((l) => `${eol}${l}`).join('') }] }];
    };
    let fixes: Fix[] | undefined;
    if (imageName === 'node' || imageName === 'library/node' || imageName.endsWith('/library/node')) fixes = fix('Run as the image\'s `node` user', ['USER node']);
    else if (imageName.startsWith('distroless/')) fixes = fix('Run as the image\'s `nonroot` user', ['USER nonroot']);
    else if (imageName === 'alpine' || tag.includes('alpine')) fixes = fix('Create an `app` user and run as it', ['RUN addgroup -S app && adduser -S app -G app', 'USER app']);
    else if (imageName === 'debian' || imageName === 'ubuntu' || DEBIAN_TAG.test(tag)) fixes = fix('Create an `app` user and run as it', ['RUN groupadd --system app && useradd --system --gid app --no-create-home app', 'USER app']);

    ctx.report({
      message: user
        ? `The container runs as root: ${ownRootUser ? 'the final stage switches to' : 'the final stage inherits'} \`USER ${userName}\` and never switches back, so a compromised dependency or an injection bug gets root inside the container. Switch to an unprivileged user (e.g. \`USER node\`) after the steps that need root.`
        : 'The container runs as root: the final stage of this Dockerfile sets no non-root `USER`, so a compromised dependency or an injection bug gets root inside the container. Add an unprivileged user (e.g. `USER node` on Node images) before CMD.',
      range,
      fixes,
    });
  },
};

export default rule;
