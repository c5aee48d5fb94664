import type { PackageInfo, WorkspaceFacts } from '../../server/engine/facts/workspaceFacts';
import { type FileView, isServerPackage, packagesWithCode, baseName } from '../../server/engine/facts/servers';
import type { WorkspaceRule, WorkspaceRuleContext } from '../../server/engine/types';
import { LineIndex, START } from '../../server/engine/positions';
import { scriptCommand } from '../../server/engine/ts/scriptCommand';

type Pm = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** Runbook documents by name, and folders of them. */
const RUNBOOK_FILE = /^(runbooks?|operations|ops|playbooks?|on-?call|incident[-_]?response)([-_. ][\w.-]*)?\.(md|mdx|markdown|txt|adoc|rst)$/i;
const RUNBOOK_DIR = /(^|\/)(runbooks?|playbooks?|ops|operations)\/[^/]+\.(md|mdx|markdown)$/i;
/** Headings that make a document (README, deployment doc) a runbook, or two that together cover the emergency paths. */
const RUNBOOK_HEADING = /\b(runbooks?|operations|operating|on-?call|incident response|playbooks?)\b/i;
const ROLLBACK_HEADING = /\broll[- ]?(ing )?backs?\b/i;
const RESTORE_HEADING = /\b(restor(e|ing)|backups?|disaster recovery)\b/i;
const PLATFORM_FILES = ['vercel.json', 'netlify.toml', 'fly.toml', 'render.yaml', 'railway.json', 'railway.toml', 'Procfile', 'app.yaml', 'serverless.yml', 'serverless.yaml', 'firebase.json'];
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_KEY|_KEY$|^KEY_|DATABASE_URL|CONNECTION_STRING)/;
const PUBLIC_PREFIX = /^(NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|PUBLIC_)/;
const DATA: Record<string, string> = {
  prisma: 'Prisma', typeorm: 'TypeORM', sequelize: 'Sequelize', drizzle: 'Drizzle', mongoose: 'MongoDB (Mongoose)', knex: 'Knex',
  pg: 'PostgreSQL', mysql2: 'MySQL', sqlite: 'SQLite', supabase: 'Supabase', firebase: 'Firebase',
};
const ROLLBACK: Record<string, string> = {
  'fly.toml': 'Fly.io: `fly releases --image` to find the previous image, then `fly deploy --image <that image>`.',
  'vercel.json': 'Vercel: `vercel rollback` (or promote the previous deployment in the dashboard).',
  Procfile: 'Heroku: `heroku releases`, then `heroku rollback v<N>`.',
  'railway.json': 'Railway: redeploy the previous deployment from the service\'s Deployments tab.',
  'railway.toml': 'Railway: redeploy the previous deployment from the service\'s Deployments tab.',
  'render.yaml': 'Render: roll back to the previous deploy from the service\'s Events page.',
  'netlify.toml': 'Netlify: publish the previous deploy from the Deploys list.',
  'firebase.json': 'Firebase: Hosting with `firebase hosting:rollback`; Cloud Functions by deploying the previous commit (`git checkout <tag> && firebase deploy --only functions`).',
};
const LOGS: Record<string, string> = {
  'fly.toml': '`fly logs`', 'vercel.json': '`vercel logs <deployment-url>` or the project\'s Logs tab', Procfile: '`heroku logs --tail`',
  'railway.json': '`railway logs`', 'railway.toml': '`railway logs`', 'render.yaml': 'the service\'s Logs tab on Render', 'netlify.toml': 'the site\'s Functions logs on Netlify',
  'firebase.json': '`firebase functions:log`, or Logs Explorer and Error Reporting in the Google Cloud console',
};

const code = (s: string) => `\`${s}\``;
const todo = (s: string) => `<!-- TODO: ${s} -->`;

function pmOf(files: ReadonlyMap<string, FileView>, root: PackageInfo | undefined): Pm {
  if (files.has('pnpm-lock.yaml')) return 'pnpm';
  if (files.has('yarn.lock')) return 'yarn';
  if (files.has('bun.lock') || files.has('bun.lockb')) return 'bun';
  if (files.has('package-lock.json')) return 'npm';
  const declared = (root?.manifest.packageManager ?? '').split('@')[0];
  return declared === 'pnpm' || declared === 'yarn' || declared === 'bun' ? declared : 'npm';
}

function runbookContent(ctx: WorkspaceRuleContext, anchor: PackageInfo): string {
  const { facts, files } = ctx;
  const paths = [...files.keys()].sort();
  const pm = pmOf(files, facts.packages.find((p) => p.dir === ''));
  const scripts = anchor.manifest.scripts;
  const name = anchor.manifest.name ?? 'this service';
  const platforms = paths.filter((p) => PLATFORM_FILES.includes(p));
  const dockerfiles = paths.filter((p) => files.get(p)!.kind === 'dockerfile');
  const out: string[] = ['# Runbook', '', `How to operate ${name} in production. Keep it short and current: it is read during incidents.`, ''];

  out.push('## Deploy', '');
  const deploy: string[] = [];
  if (scripts.build !== undefined) deploy.push(`- Build: ${code(scriptCommand(pm, 'build'))}`);
  const migrate = Object.keys(scripts).find((s) => /migrat/i.test(s) && /deploy|prod/i.test(s));
  const prisma = paths.some((p) => files.get(p)!.kind === 'prisma');
  if (migrate) deploy.push(`- Database migrations: ${code(scriptCommand(pm, migrate))}`);
  else if (prisma) deploy.push(`- Database migrations: ${code('npx prisma migrate deploy')}`);
  const start = ['start:prod', 'start'].find((s) => scripts[s] !== undefined);
  if (start) deploy.push(`- Start: ${code(scriptCommand(pm, start))}`);
  const explicitDeploy = Object.keys(scripts).find((s) => /^deploy(:|$)/.test(s));
  if (explicitDeploy) deploy.push(`- Deploy script: ${code(scriptCommand(pm, explicitDeploy))}`);
  if (dockerfiles.length) deploy.push(`- Container: ${dockerfiles.map(code).join(', ')}`);
  if (facts.ciFiles.length) deploy.push(`- CI: ${facts.ciFiles.map(code).join(', ')}`);
  if (platforms.length) deploy.push(`- Platform configuration: ${platforms.map(code).join(', ')}`);
  out.push(...deploy, ...(deploy.length ? [''] : []), todo('who deploys, from which branch, and how to check that a release is healthy.'), '');

  out.push('## Roll back', '');
  const rollback = platforms.map((p) => ROLLBACK[p]).filter((x): x is string => !!x).map((x) => `- ${x}`);
  if (dockerfiles.length) rollback.push('- Container: redeploy the previous image tag (tag images with the commit SHA so there is one).');
  if (migrate || prisma) rollback.push('- Database: migrations are not rolled back with the code; keep them backward compatible, or write the down migration before deploying.');
  out.push(...rollback, ...(rollback.length ? [''] : []), todo('the exact rollback steps and how to confirm the rollback worked.'), '');

  out.push('## Restore a backup', '');
  const data = [...new Set(facts.packages.flatMap((p) => [...p.dataLayers]))].map((d) => DATA[d] ?? d);
  if (data.length) out.push(`- Data stores: ${data.join(', ')}`, '');
  out.push(todo('where backups run, how often and for how long they are kept, who can restore, and the steps (restore into a new database, check it, then switch DATABASE_URL).'), '');

  out.push('## Rotate a secret', '');
  const secrets = new Set<string>();
  for (const t of facts.envTemplates) for (const k of files.get(t)?.facts.envKeys ?? []) secrets.add(k);
  for (const [, v] of files) for (const r of v.facts.envReads ?? []) if (!v.facts.isTest) secrets.add(r.name);
  const names = [...secrets].filter((k) => SECRET_NAME.test(k) && !PUBLIC_PREFIX.test(k)).sort();
  if (names.length) out.push(`Secrets this app reads: ${names.slice(0, 20).map(code).join(', ')}${names.length > 20 ? ', ...' : ''}.`, '');
  out.push(todo('where each secret is stored (platform variables, secret manager) and the order: create the new value, deploy it, then revoke the old one.'), '');

  out.push('## Logs and errors', '');
  const logs: string[] = [];
  const trackers = facts.packages.flatMap((p) => p.errorTrackers);
  if (trackers.length) logs.push(`- Errors: ${[...new Set(trackers.map((t) => t.name))].join(', ')} (initialised in ${[...new Set(trackers.map((t) => code(t.file)))].join(', ')})`);
  const platformLogs = platforms.map((p) => LOGS[p]).filter((x): x is string => !!x);
  if (platformLogs.length) logs.push(`- Logs: ${platformLogs.join('; ')}`);
  out.push(...logs, ...(logs.length ? [''] : []), todo('where the logs are and how to search them, the dashboards and alerts, and who is on call.'));
  return out.join('\n') + '\n';
}

function hasRunbook(files: ReadonlyMap<string, FileView>): boolean {
  for (const [path, v] of files) {
    if (RUNBOOK_FILE.test(baseName(path)) || RUNBOOK_DIR.test(path)) return true;
    if (v.kind !== 'markdown') continue;
    const headings = v.facts.headings ?? [];
    if (headings.some((h) => RUNBOOK_HEADING.test(h.text))) return true;
    if (headings.some((h) => ROLLBACK_HEADING.test(h.text)) && headings.some((h) => RESTORE_HEADING.test(h.text))) return true;
  }
  return false;
}

/** Folders whose servers and Dockerfiles are samples, fixtures or dev tooling, not something the team runs in production. */
const NOT_DEPLOYED = /(^|\/)(\.devcontainer|examples?|samples?|demos?|fixtures?|tests?|__tests__|templates?|e2e)(\/|$)/;

function deploysSomething(ctx: WorkspaceRuleContext, facts: WorkspaceFacts): boolean {
  if ([...ctx.files].some(([p, v]) => (v.kind === 'dockerfile' && !NOT_DEPLOYED.test(p)) || PLATFORM_FILES.includes(p))) return true;
  return facts.packages.length > 0 && packagesWithCode(ctx).some((p) => isServerPackage(p) && !NOT_DEPLOYED.test(p.pkg.dir));
}

const rule: WorkspaceRule = {
  meta: {
    id: 'docs/no-runbook',
    category: 'docs',
    phase: 'documentation',
    tier: 'tech-debt',
    title: 'No runbook',
    fixKind: 'multi-file',
    effort: 'day',
    checklist: 'docs.runbook',
    docs: {
      why: 'Incidents happen at the worst time, to whoever is around. Without a runbook, deploying a fix, rolling back a bad release, restoring the database or rotating a leaked key depend on the one person who remembers how, and a 5-minute fix becomes an hour of guessing under pressure.',
      bad: { files: {
        'package.json': '{\n  "name": "api",\n  "scripts": { "build": "tsc", "start": "node dist/server.js" },\n  "dependencies": { "express": "^4.21.0" }\n}\n',
        'README.md': '# api\n\n## Setup\n\n`npm install && npm run dev`\n',
      } },
      good: { files: {
        'package.json': '{\n  "name": "api",\n  "scripts": { "build": "tsc", "start": "node dist/server.js" },\n  "dependencies": { "express": "^4.21.0" }\n}\n',
        'README.md': '# api\n\n## Setup\n\n`npm install && npm run dev`\n',
        'RUNBOOK.md': '# Runbook\n\n## Deploy\nMerge to main; CI deploys.\n\n## Roll back\n`fly deploy --image <previous>`\n\n## Restore a backup\nDaily snapshots in Fly Postgres; restore with `fly postgres create --snapshot-id`.\n\n## Rotate a secret\n`fly secrets set`, then revoke the old value.\n\n## Logs\n`fly logs`; errors in Sentry.\n',
      } },
      fix: 'Write down, where the team will find it, how to deploy, roll back, restore a backup, rotate a secret and find the logs and errors. RUNBOOK.md, docs/runbook*.md, a runbooks/ or ops/ folder, OPERATIONS.md, or a README section titled Runbook / Operations (or sections on both rollback and restore) count. The quick fix creates RUNBOOK.md pre-filled with what the scan found (scripts, Dockerfiles, CI, platform files, data stores, secret names, error tracker) and TODO lines for what it cannot know.',
    },
  },
  scope: 'workspace',
  check(ctx) {
    const { facts, files } = ctx;
    if (!facts.packages.length || hasRunbook(files) || !deploysSomething(ctx, facts)) return;
    const root = facts.packages.find((p) => p.dir === '') ?? [...facts.packages].sort((a, b) => a.dir.split('/').length - b.dir.split('/').length || a.dir.localeCompare(b.dir))[0];
    const readme = facts.readmes.find((r) => !r.includes('/'));
    const anchorFile = readme ?? root.manifestPath;
    const view = files.get(anchorFile);
    const headingLine = readme ? view?.facts.headings?.[0]?.line ?? 0 : 0;
    const range = view ? new LineIndex(view.text).lineRange(headingLine) : START;
    const fixes = files.has('RUNBOOK.md') ? [] : [{ title: 'Create RUNBOOK.md pre-filled with the detected commands', safe: true, edits: [], creates: [{ file: 'RUNBOOK.md', content: runbookContent(ctx, root) }] }];
    ctx.report({
      message: 'No runbook: nothing written says how to deploy, roll back a bad release, restore a backup, rotate a secret or find the logs, so incidents depend on whoever remembers. Add a RUNBOOK.md (or a Runbook / Operations section in the README).',
      file: anchorFile,
      range,
      fixes,
    });
  },
};

export default rule;
