/** What a workspace says about how it ships: CI files and their deploy jobs, Dockerfiles, hosting platforms. Read from cached facts only. */
import type { PackageInfo } from '../facts/workspaceFacts';
import type { CiFacts, DeployFacts } from '../facts/deployFacts';
import type { WorkspaceRuleContext } from '../types';
import { allCommands, deploys, NPM_PLACEHOLDER, TEST_SCRIPT, type ScriptLookup } from './shell';

export interface CiFile { path: string; ci: CiFacts }

/** Parsed CI files (workflows, pipelines) and local composite actions, in path order. */
export function ciFilesOf(ctx: WorkspaceRuleContext): CiFile[] {
  const out: CiFile[] = [];
  for (const [path, f] of ctx.files) if (f.facts.deploy?.ci) out.push({ path, ci: f.facts.deploy.ci });
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Every file's deploy facts, by path. */
export function deployFactsOf(ctx: WorkspaceRuleContext): Array<[string, DeployFacts]> {
  const out: Array<[string, DeployFacts]> = [];
  for (const [path, f] of ctx.files) if (f.facts.deploy) out.push([path, f.facts.deploy]);
  return out;
}

/** Looks a script up by name in every package (the root first): what `npm run <name>` may run. */
export function scriptLookup(packages: readonly PackageInfo[]): ScriptLookup {
  const sorted = [...packages].sort((a, b) => a.dir.length - b.dir.length);
  return (name) => sorted.map((p) => p.manifest.scripts[name]).filter((s): s is string => typeof s === 'string');
}

/** A package's test script when it has a real one (`test`, else `test:*`), not npm's placeholder. */
export function testScriptOf(pkg: PackageInfo): string | undefined {
  const s = pkg.manifest.scripts;
  const real = (n: string) => s[n] !== undefined && !NPM_PLACEHOLDER.test(s[n]) && s[n].trim() !== '';
  if (real('test')) return 'test';
  return Object.keys(s).find((n) => /^test[:\-_]/.test(n) && real(n)) ?? Object.keys(s).find((n) => TEST_SCRIPT.test(n) && !/^(pre|post)/.test(n) && real(n) && n !== 'coverage');
}

export type Platform = 'vercel' | 'netlify' | 'render' | 'railway' | 'fly' | 'heroku' | 'cloudflare' | 'firebase' | 'gae' | 'serverless' | 'amplify' | 'digitalocean' | 'elastic-beanstalk' | 'kamal' | 'helm' | 'dokku' | 'other';

/** Platforms that keep earlier deploys and can switch back to one (instant rollback, `releases`, versions). */
export const ROLLBACK_PLATFORMS: ReadonlySet<Platform> = new Set(['vercel', 'netlify', 'render', 'railway', 'fly', 'heroku', 'cloudflare', 'firebase', 'gae', 'serverless', 'amplify', 'digitalocean', 'elastic-beanstalk', 'kamal', 'helm', 'dokku']);

const PLATFORM_FILES: Array<[RegExp, Platform]> = [
  [/(^|\/)vercel\.json$/, 'vercel'], [/(^|\/)netlify\.toml$/, 'netlify'], [/(^|\/)render\.ya?ml$/, 'render'], [/(^|\/)railway\.(json|toml)$/, 'railway'],
  [/(^|\/)fly(\.[\w-]+)?\.toml$/, 'fly'], [/(^|\/)Procfile$/, 'heroku'], [/(^|\/)wrangler\.(toml|json|jsonc)$/, 'cloudflare'], [/(^|\/)firebase\.json$/, 'firebase'],
  [/(^|\/)serverless\.(ya?ml|json|ts)$/, 'serverless'], [/(^|\/)amplify\.ya?ml$/, 'amplify'], [/(^|\/)\.do\/(app|deploy\.template)\.ya?ml$/, 'digitalocean'],
  [/(^|\/)(\.elasticbeanstalk\/config\.yml|Dockerrun\.aws\.json)$/, 'elastic-beanstalk'], [/(^|\/)config\/deploy(\.[\w-]+)?\.yml$/, 'kamal'], [/(^|\/)Chart\.ya?ml$/, 'helm'],
  [/^app\.ya?ml$/, 'gae'],
];
/** Folders whose files are samples or fixtures, not this project's config. */
const NOT_CONFIG = /(^|\/)(node_modules|test|tests|__tests__|fixtures?|examples?|templates?|samples?)\//;
const PLATFORM_DEPS: Record<string, Platform> = {
  vercel: 'vercel', '@sveltejs/adapter-vercel': 'vercel', '@astrojs/vercel': 'vercel', 'netlify-cli': 'netlify', '@netlify/plugin-nextjs': 'netlify', '@sveltejs/adapter-netlify': 'netlify', '@astrojs/netlify': 'netlify',
  '@railway/cli': 'railway', wrangler: 'cloudflare', '@cloudflare/next-on-pages': 'cloudflare', '@opennextjs/cloudflare': 'cloudflare', '@sveltejs/adapter-cloudflare': 'cloudflare',
  serverless: 'serverless', 'firebase-tools': 'firebase', '@opennextjs/aws': 'other', sst: 'other',
};
const CLI_PLATFORM: Record<string, Platform> = { fly: 'fly', vercel: 'vercel', railway: 'railway', netlify: 'netlify', heroku: 'heroku', cloudflare: 'cloudflare', firebase: 'firebase', serverless: 'serverless', 'elastic-beanstalk': 'elastic-beanstalk', amplify: 'amplify', kamal: 'kamal', helm: 'helm', dokku: 'dokku', render: 'render', 'deploy-hook': 'other' };
const DEPLOY_ACTIONS: Array<[RegExp, Platform]> = [
  [/vercel/i, 'vercel'], [/superfly|flyctl/i, 'fly'], [/heroku/i, 'heroku'], [/netlify/i, 'netlify'], [/railway/i, 'railway'], [/(^|\/)render[-_](deploy|action)|render-deploy|(^|\/)(render-oss|renderinc)\//i, 'render'],
  [/cloudflare|wrangler/i, 'cloudflare'], [/firebase|action-hosting-deploy/i, 'firebase'], [/deploy-appengine/i, 'gae'], [/serverless/i, 'serverless'], [/azure\/helm|helm/i, 'helm'],
  [/aws-actions\/amazon-ecs-deploy|aws-actions\/aws-cloudformation|google-github-actions\/deploy|azure\/(webapps|container-apps|functions)-deploy|appleboy\/(ssh|scp)-action|easingthemes\/ssh-deploy|burnett01\/rsync-deployments|einaregilsson\/beanstalk-deploy|digitalocean\/app_action/i, 'other'],
];

/** The platform a GitHub action deploys to, if it is a deploy action. */
export function deployAction(ref: string): Platform | undefined {
  const name = ref.split('@')[0];
  return DEPLOY_ACTIONS.find(([re]) => re.test(name))?.[1];
}

/** `prisma migrate deploy` named in a step: applying migrations (a test job does it to its own database), not a deploy. */
const MIGRATE_DEPLOY = /\b(prisma\s+)?(migrate|db)[\s:_-]+deploy\b/gi;

/** Whether a CI file deploys: a deploy CLI or action, an `environment:`, a job or step named "deploy" (not "migrate deploy"). */
export function ciDeploys(ci: CiFacts): boolean {
  return ci.environments.length > 0
    || ci.labels.some((l) => /\bdeploy(s|ment|ing)?\b|\bdeploy[-_:]|[-_:]deploy\b|\bship\b|\bpromote\b|\brelease to\b/i.test(l.replace(MIGRATE_DEPLOY, '')))
    || ci.uses.some((u) => deployAction(u.ref) !== undefined || (/^docker\/build-push-action/.test(u.ref) && /^true$/.test(u.with.push ?? '')))
    || ci.commands.some((c) => allCommands(c.text).some((cmd) => deploys(cmd) !== undefined));
}

export interface DeploySignals {
  /** CI files that deploy. */
  ciDeployFiles: CiFile[];
  /** Production Dockerfiles (not dev, test or dev-container ones). */
  dockerfiles: string[];
  /** Hosting platforms named by config files, dependencies, scripts or CI. */
  platforms: Set<Platform>;
  platformFiles: string[];
  /** Any sign the workspace is deployed somewhere. */
  deploys: boolean;
}

export function deploySignals(ctx: WorkspaceRuleContext): DeploySignals {
  const platforms = new Set<Platform>();
  const platformFiles: string[] = [];
  const dockerfiles: string[] = [];
  for (const [path, f] of ctx.files) {
    if (NOT_CONFIG.test(path)) continue;
    const hit = PLATFORM_FILES.find(([re]) => re.test(path));
    if (hit) { platforms.add(hit[1]); platformFiles.push(path); }
    else if (f.facts.deploy?.heroku) { platforms.add('heroku'); platformFiles.push(path); }
    if (f.kind === 'dockerfile' && f.facts.deploy?.dockerfile && !f.facts.deploy.dockerfile.dev) dockerfiles.push(path);
  }
  for (const pkg of ctx.facts.packages) {
    for (const d of [...pkg.manifest.dependencies, ...pkg.manifest.devDependencies]) if (PLATFORM_DEPS[d]) platforms.add(PLATFORM_DEPS[d]);
    for (const body of Object.values(pkg.manifest.scripts)) {
      for (const cmd of allCommands(body)) { const d = deploys(cmd); if (d && CLI_PLATFORM[d]) platforms.add(CLI_PLATFORM[d]); }
    }
  }
  const ci = ciFilesOf(ctx);
  const ciDeployFiles = ci.filter((c) => c.ci.provider !== 'github-action' && ciDeploys(c.ci));
  for (const c of ci) {
    for (const u of c.ci.uses) { const p = deployAction(u.ref); if (p) platforms.add(p); }
    for (const cmd of c.ci.commands) for (const sc of allCommands(cmd.text)) { const d = deploys(sc); if (d && CLI_PLATFORM[d]) platforms.add(CLI_PLATFORM[d]); }
  }
  platforms.delete('other');
  const deployScripts = ctx.facts.packages.some((p) => Object.keys(p.manifest.scripts).some((n) => /^deploy([:\-_]|$)/.test(n)));
  return { ciDeployFiles, dockerfiles: dockerfiles.sort(), platforms, platformFiles: platformFiles.sort(), deploys: ciDeployFiles.length > 0 || dockerfiles.length > 0 || platforms.size > 0 || platformFiles.length > 0 || deployScripts };
}

const PLATFORM_NAMES: Partial<Record<Platform, string>> = {
  vercel: 'Vercel (instant rollback to an earlier deployment)', netlify: 'Netlify (publish an earlier deploy)', render: 'Render (roll back to an earlier deploy)',
  railway: 'Railway (redeploy an earlier deployment)', fly: 'Fly.io (`fly releases`, `fly deploy --image` of an earlier release)', heroku: 'Heroku (`heroku rollback`)',
  cloudflare: 'Cloudflare (`wrangler rollback`)', firebase: 'Firebase Hosting (roll back a release)', gae: 'App Engine (route traffic to an earlier version)',
  serverless: 'Serverless Framework (`serverless rollback`)', amplify: 'Amplify (redeploy an earlier build)', digitalocean: 'DigitalOcean App Platform (roll back a deployment)',
  'elastic-beanstalk': 'Elastic Beanstalk (deploy an earlier application version)', kamal: 'Kamal (`kamal rollback`)', helm: 'Helm (`helm rollback`)', dokku: 'Dokku (redeploy an earlier image)',
};

/** Checklist evidence of mechanisms the scan positively saw (checklist.ts `evidence`): a hosting platform that keeps earlier deploys. */
export function checklistEvidence(ctx: WorkspaceRuleContext): Map<string, string> {
  const out = new Map<string, string>();
  const signals = deploySignals(ctx);
  const platform = [...signals.platforms].find((p) => ROLLBACK_PLATFORMS.has(p));
  if (platform) out.set('infra.rollback', `Deployed on ${PLATFORM_NAMES[platform] ?? platform}, which keeps earlier deploys to go back to.`);
  return out;
}

/** Markdown docs where operations are written down: READMEs, runbooks, deploy/ops docs, anything under docs/. */
export function isOpsDoc(path: string): boolean {
  if (/(^|\/)(changelog|changes|history|release[-_ ]?notes|code[-_]of[-_]conduct|license|security)[^/]*\.(md|mdx|markdown)$/i.test(path)) return false;
  return /(^|\/)(readme|runbook|runbooks|deploy(ment|ing)?|operations|ops|playbook|incident[^/]*|disaster[^/]*|backups?|releas(e|ing)|infrastructure|infra|hosting|production)[^/]*\.(md|mdx|markdown)$/i.test(path)
    || /(^|\/)(docs?|runbooks?|ops|wiki)\/.+\.(md|mdx|markdown)$/i.test(path);
}

/** Whether an ops doc covers a topic (a heading about it, or a telling word). */
export function docsCover(ctx: WorkspaceRuleContext, topic: 'rollback' | 'backup' | 'staging'): boolean {
  for (const [path, f] of ctx.files) if (f.kind === 'markdown' && f.facts.deploy?.topics?.includes(topic) && isOpsDoc(path)) return true;
  return false;
}
