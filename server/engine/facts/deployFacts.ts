/**
 * Per-file facts about deployment, read from the parsed form of CI files, Dockerfiles, compose and platform
 * configs, version files and docs: what the deploy rules need, so they run over cached facts and never re-parse.
 */
import * as YAML from 'yaml';
import * as jsonc from 'jsonc-parser';
import type { ParsedFile, ParsedOf } from '../parse';
import { basename } from '../parse';
import type { Position, Range } from '../types';
import { CI_PATH } from './workspaceFacts';
import { isTestPath } from '../ts/helpers';
import { span } from '../schema/prisma';

/** A sequence item a sibling can be inserted after: its dash column and the line after its last line. */
export interface SeqItem {
  column: number;
  /** Start of the line after the item (`eof`: the item ends the file without a line break). */
  after: Position;
  eof: boolean;
  /** For a step map (`- run: npm ci`): the key holding the command (`run`, `script`, `bash`...) and its own working directory. */
  key?: string;
  workingDirectory?: string;
  flow?: boolean;
}

export interface CiCommand {
  text: string;
  /** The command's scalar in the file. */
  range: Range;
  job?: string;
  /** The directory it runs in (step `working-directory`, else the job's default). */
  workingDirectory?: string;
  item?: SeqItem;
}

export interface CiUses { ref: string; range: Range; job?: string; /** Job-level `uses:` (a reusable workflow), not a step. */ jobLevel: boolean; with: Record<string, string> }

export interface CiFacts {
  provider: 'github' | 'github-action' | 'gitlab' | 'circleci' | 'bitbucket' | 'azure' | 'other';
  /** Where a finding about the whole file goes: the `jobs` key (or `pipelines`, `stages`, the first job). */
  anchor: Range;
  commands: CiCommand[];
  uses: CiUses[];
  jobs: string[];
  /** Job and step names, stage names, conditions, workflow-dispatch options: words that say what runs. */
  labels: string[];
  environments: string[];
  branches: string[];
  /** GitHub `on:` events. */
  triggers: string[];
  /** Runs on tags or releases. */
  tagTriggered: boolean;
  scheduled: boolean;
  /** Container images jobs run in (`image:`, `container:`). */
  images: string[];
  /** Node versions set for setup actions and matrices (`node-version: 20`, `[18, 20]`). */
  nodeVersions: string[];
  /** Jobs defined elsewhere (remote reusable workflows, CircleCI orb jobs, GitLab `include`, Azure templates): what they run is unknown. */
  external: string[];
}

export interface DockerFrom {
  /** The image as written (may hold `${ARG}`). */
  raw: string;
  /** The image with build arguments' defaults substituted; undefined when a variable has no default. */
  image?: string;
  stage?: string;
  /** The image token. */
  range: Range;
  /** The FROM instruction. */
  instruction: Range;
}
/** `stage`: the index of the build stage (the FROM it follows) it is in; the last stage is the image. */
export interface DockerCopy { keyword: 'COPY' | 'ADD'; sources: string[]; dest: string; from?: string; range: Range; stage?: number }
export interface DockerfileFacts {
  /** A Dockerfile for development, tests, CI or a dev container (by its name or folder). */
  dev: boolean;
  froms: DockerFrom[];
  copies: DockerCopy[];
  /** The shell commands of RUN instructions. */
  runs: string[];
}

export interface ComposeService { name: string; image?: string; range: Range }

export interface DeployFacts {
  ci?: CiFacts;
  dockerfile?: DockerfileFacts;
  compose?: { services: ComposeService[] };
  /** .nvmrc / .node-version / .tool-versions (nodejs), or package.json `volta.node`: the Node version the file names. */
  nodeVersion?: string;
  render?: { databases: boolean; previews: boolean; names: string[] };
  /** Prisma schema: the datasource block and its provider. */
  datasource?: { provider?: string; range: Range };
  railway?: { environments: string[] };
  heroku?: { reviewApps: boolean; postgres: boolean };
  /** Terraform: managed databases and whether their backups are configured. */
  terraform?: { databases: boolean; backups: boolean };
  /** Docs: operational topics a heading (or a telling word) covers. */
  topics?: Array<'rollback' | 'backup' | 'staging'>;
}

/** Dockerfiles for local development, tests or dev containers. */
const DEV_DOCKERFILE = /(^|[.\-_])(dev|development|local|test|tests|e2e|ci)([.\-_]|$)/i;

/** Whether a Dockerfile is for development, tests, CI or a dev container rather than production. */
export function isDevDockerfile(path: string): boolean {
  return isTestPath(path) || path.split('/').includes('.devcontainer') || DEV_DOCKERFILE.test(basename(path).replace(/^Dockerfile\.?|\.?dockerfile$|^Containerfile\.?/gi, ''));
}

export const COMPOSE_FILE = /(^|\/)(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i;
const ACTION_FILE = /^\.github\/actions\/.+\/action\.ya?ml$/;

export function deployFacts(file: ParsedFile): DeployFacts | undefined {
  const name = basename(file.path);
  switch (file.kind) {
    case 'yaml': {
      if (CI_PATH.test(file.path) || ACTION_FILE.test(file.path)) return { ci: ciFacts(file) };
      if (COMPOSE_FILE.test(file.path)) return { compose: composeFacts(file) };
      if (/^render\.ya?ml$/.test(name)) return { render: renderFacts(file) };
      return undefined;
    }
    case 'dockerfile': return { dockerfile: dockerfileFacts(file) };
    case 'text': {
      if (name === '.nvmrc' || name === '.node-version') {
        const line = file.text.split(/\r?\n/).map((l) => l.replace(/#.*$/, '').trim()).find(Boolean);
        return line ? { nodeVersion: line } : undefined;
      }
      if (name === '.tool-versions') {
        for (const l of file.text.split(/\r?\n/)) {
          const [tool, version] = l.replace(/#.*$/, '').trim().split(/\s+/);
          if ((tool === 'nodejs' || tool === 'node') && version) return { nodeVersion: version };
        }
        return undefined;
      }
      if (/\.tf$/.test(name)) return terraformFacts(file.text);
      return undefined;
    }
    case 'package-json': {
      const volta = file.ast && jsonc.findNodeAtLocation(file.ast, ['volta', 'node']);
      return typeof volta?.value === 'string' ? { nodeVersion: volta.value } : undefined;
    }
    case 'json': {
      if (name === 'railway.json') {
        const envs = file.ast && jsonc.findNodeAtLocation(file.ast, ['environments']);
        return { railway: { environments: envs?.type === 'object' ? (envs.children ?? []).map((p) => String(p.children?.[0]?.value)) : [] } };
      }
      if (name === 'app.json') {
        const v = (file.ast ? jsonc.getNodeValue(file.ast) : undefined) as Record<string, unknown> | undefined;
        if (!v || typeof v !== 'object' || !['addons', 'buildpacks', 'formation', 'environments', 'stack'].some((k) => k in v)) return undefined;
        const envs = v.environments as Record<string, unknown> | undefined;
        const addons = Array.isArray(v.addons) ? v.addons : [];
        const postgres = addons.some((a) => /^heroku-postgresql/.test(typeof a === 'string' ? a : String((a as { plan?: unknown })?.plan ?? '')));
        return { heroku: { reviewApps: !!envs && typeof envs === 'object' && 'review' in envs, postgres } };
      }
      return undefined;
    }
    case 'prisma': {
      const ds = file.ast?.list.find((x) => x.type === 'datasource');
      const at = ds && span(ds);
      if (!ds || !at) return undefined;
      const provider = 'assignments' in ds ? ds.assignments.find((a) => a.type === 'assignment' && a.key === 'provider') : undefined;
      const value = provider && provider.type === 'assignment' && typeof provider.value === 'string' ? provider.value.replace(/^"|"$/g, '') : undefined;
      return { datasource: { provider: value, range: file.lines.range(at.start, at.end) } };
    }
    case 'markdown': {
      const topics = docTopics(file);
      return topics.length ? { topics } : undefined;
    }
    default: return undefined;
  }
}

const ROLLBACK_HEADING = /\b(roll ?backs?|rolling back|revert(ing)? (a |the )?(deploy|deployment|release)s?|redeploy(ing)? (a |the )?previous|previous (release|version|deploy(ment)?))\b/i;
const BACKUP_HEADING = /\b(back ?ups?|backing up|restor(e|es|ing)|disaster recovery|point[- ]in[- ]time|pitr|snapshots?)\b/i;
const STAGING_HEADING = /\b(staging|preview (env|environment|deploy|deployment|app)s?|pre-?prod(uction)?|review apps?)\b/i;
const BACKUP_WORDS = new Set(['pg_dump', 'pg_dumpall', 'mongodump', 'mysqldump', 'litestream', 'pgbackrest', 'pitr', 'barman']);

function docTopics(file: ParsedOf<'markdown'>): Array<'rollback' | 'backup' | 'staging'> {
  const headings = file.ast.headings.map((h) => h.text);
  const words = [...file.ast.words].map((w) => w.toLowerCase());
  const out: Array<'rollback' | 'backup' | 'staging'> = [];
  if (headings.some((h) => ROLLBACK_HEADING.test(h)) || words.some((w) => w === 'rollback' || w === 'rollbacks')) out.push('rollback');
  if (headings.some((h) => BACKUP_HEADING.test(h)) || words.some((w) => BACKUP_WORDS.has(w))) out.push('backup');
  if (headings.some((h) => STAGING_HEADING.test(h))) out.push('staging');
  return out;
}

function terraformFacts(text: string): DeployFacts | undefined {
  // No HCL parser is bundled: a line scan for the resource types and the retention setting.
  const databases = /^\s*resource\s+"(aws_db_instance|aws_rds_cluster|google_sql_database_instance|azurerm_(postgresql|mysql)_flexible_server|digitalocean_database_cluster|aws_docdb_cluster)"/m.test(text);
  const backups = /^\s*backup_retention_period\s*=\s*([1-9]|var\.|local\.)/m.test(text) || /^\s*resource\s+"(aws_backup_plan|digitalocean_database_cluster)"/m.test(text)
    || /^\s*backup_configuration\s*\{[^}]*enabled\s*=\s*true/m.test(text) || /^\s*backup_retention_days\s*=\s*[1-9]/m.test(text);
  return databases || backups ? { terraform: { databases, backups } } : undefined;
}

function dockerfileFacts(file: ParsedOf<'dockerfile'>): DockerfileFacts {
  const ast = file.ast;
  const froms: DockerFrom[] = [];
  for (const f of ast.getFROMs()) {
    const raw = f.getImage();
    const range = f.getImageRange();
    if (!raw || !range) continue;
    const args = f.getArguments();
    const idx = args.findIndex((a) => a.getValue() === raw);
    const expanded = raw.includes('$') ? f.getExpandedArguments()[idx >= 0 ? idx : 0]?.getValue() : raw;
    froms.push({ raw, image: expanded && !expanded.includes('$') ? expanded : undefined, stage: f.getBuildStage() ?? undefined, range, instruction: f.getRange() });
  }
  const copies: DockerCopy[] = [];
  const runs: string[] = [];
  let stage = -1;
  for (const ins of ast.getInstructions()) {
    const keyword = ins.getKeyword();
    if (keyword === 'FROM') { stage++; continue; }
    if (keyword === 'RUN') {
      const json = (ins as unknown as { getJSONStrings?(): Array<{ getJSONValue(): string }> }).getJSONStrings?.() ?? [];
      const args = ins.getArguments().map((a) => a.getValue()).filter((a) => !a.startsWith('--mount=') && !a.startsWith('--network=') && !a.startsWith('--security='));
      runs.push(json.length ? json.map((j) => j.getJSONValue()).join(' ') : args.join(' '));
      continue;
    }
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    const json = (ins as unknown as { getJSONStrings?(): Array<{ getJSONValue(): string }> }).getJSONStrings?.() ?? [];
    const values = json.length ? json.map((s) => s.getJSONValue()) : ins.getArguments().map((a) => a.getValue());
    const fromFlag = (ins as unknown as { getFromFlag?(): { getValue(): string | null } | null }).getFromFlag?.();
    const flags = (ins as unknown as { getFlags?(): Array<{ getName(): string; getValue(): string | null }> }).getFlags?.() ?? [];
    const from = fromFlag?.getValue() ?? flags.find((fl) => fl.getName() === 'from')?.getValue() ?? undefined;
    if (values.length < 2) continue;
    copies.push({ keyword, sources: values.slice(0, -1), dest: values[values.length - 1], from, range: ins.getRange(), stage: Math.max(0, stage) });
  }
  return { dev: isDevDockerfile(file.path), froms, copies, runs };
}

function composeFacts(file: ParsedOf<'yaml'>): { services: ComposeService[] } {
  const services: ComposeService[] = [];
  const doc = file.ast[0];
  const map = doc?.contents && YAML.isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
  if (YAML.isMap(map)) {
    for (const pair of map.items) {
      const key = pair.key as YAML.Scalar | null;
      if (!YAML.isScalar(key) || !key.range) continue;
      const image = YAML.isMap(pair.value) ? pair.value.get('image') : undefined;
      services.push({ name: String(key.value), image: typeof image === 'string' ? image : undefined, range: file.lines.range(key.range[0], key.range[1]) });
    }
  }
  return { services };
}

function renderFacts(file: ParsedOf<'yaml'>): { databases: boolean; previews: boolean; names: string[] } {
  const v = file.ast[0]?.toJS() as Record<string, unknown> | undefined;
  const obj = v && typeof v === 'object' ? v : {};
  const services = Array.isArray(obj.services) ? obj.services : [];
  const previews = !!obj.previews || obj.previewsEnabled === true || services.some((s) => s && typeof s === 'object' && ('previews' in s || (s as Record<string, unknown>).pullRequestPreviewsEnabled === true));
  const names = [...services, ...(Array.isArray(obj.envVarGroups) ? obj.envVarGroups : [])].map((x) => (x && typeof x === 'object' ? String((x as Record<string, unknown>).name ?? '') : '')).filter(Boolean);
  return { databases: Array.isArray(obj.databases) && obj.databases.length > 0, previews, names };
}

const COMMAND_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'command', 'commands', 'bash', 'sh', 'pwsh', 'powershell', 'inlineScript']);
const GITLAB_RESERVED = new Set(['image', 'services', 'stages', 'types', 'before_script', 'after_script', 'variables', 'cache', 'include', 'workflow', 'default', 'spec']);
const NODE_VERSION_KEY = /^(node-version|node_version|nodeVersion|node|nodejs|NODE_VERSION|node-versions)$/;

interface WalkState { job?: string; wd?: string; item?: SeqItem; itemDepth: number; path: string[] }

function providerOf(path: string): CiFacts['provider'] {
  if (path.startsWith('.github/workflows/')) return 'github';
  if (ACTION_FILE.test(path)) return 'github-action';
  if (/^\.gitlab-ci\.ya?ml$/.test(path)) return 'gitlab';
  if (path.startsWith('.circleci/')) return 'circleci';
  if (/^bitbucket-pipelines\.ya?ml$/.test(path)) return 'bitbucket';
  if (/^azure-pipelines\.ya?ml$/.test(path)) return 'azure';
  return 'other';
}

export function ciFacts(file: ParsedOf<'yaml'>): CiFacts {
  const provider = providerOf(file.path);
  const text = file.text;
  const lines = file.lines;
  const facts: CiFacts = { provider, anchor: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, commands: [], uses: [], jobs: [], labels: [], environments: [], branches: [], triggers: [], tagTriggered: false, scheduled: false, images: [], nodeVersions: [], external: [] };
  const doc = file.ast[0];
  if (!doc || !YAML.isMap(doc.contents)) return facts;
  const root = doc.contents;
  const rangeOf = (n: { range?: [number, number, number] | null }): Range => (n.range ? lines.range(n.range[0], n.range[1]) : facts.anchor);
  const keyOf = (p: YAML.Pair) => (YAML.isScalar(p.key) ? String(p.key.value) : undefined);
  const seen = new Set<unknown>();
  const resolve = (n: unknown): unknown => (YAML.isAlias(n) ? n.resolve(doc) : n);
  const scalars = (n: unknown): string[] => {
    n = resolve(n);
    if (YAML.isScalar(n)) return n.value === null || n.value === undefined ? [] : [String(n.value)];
    if (YAML.isSeq(n)) return n.items.flatMap(scalars);
    if (YAML.isMap(n)) return n.items.flatMap((p) => scalars(p.value));
    return [];
  };

  const firstJob = provider === 'gitlab' ? root.items.find((p) => { const k = keyOf(p); return k && !GITLAB_RESERVED.has(k) && !k.startsWith('.'); }) : undefined;
  for (const k of [firstJob ? keyOf(firstJob) : undefined, 'jobs', 'pipelines', 'stages', 'steps', 'workflows']) {
    const pair = k && root.items.find((p) => keyOf(p) === k);
    if (pair && YAML.isScalar(pair.key)) { facts.anchor = rangeOf(pair.key); break; }
  }

  const itemOf = (seq: YAML.YAMLSeq, item: { range?: [number, number, number] | null }): SeqItem | undefined => {
    if (!seq.range || !item.range) return undefined;
    let e = item.range[1];
    while (e > item.range[0] && /\s/.test(text[e - 1])) e--;
    const last = lines.positionAt(e - 1).line;
    const eof = last + 1 >= lines.lineCount;
    return { column: lines.positionAt(seq.range[0]).character, after: eof ? lines.positionAt(text.length) : { line: last + 1, character: 0 }, eof, flow: !!seq.flow };
  };

  const addCommand = (node: YAML.Scalar, st: WalkState, item?: SeqItem) => {
    if (typeof node.value !== 'string' || !node.range) return;
    facts.commands.push({ text: node.value, range: rangeOf(node), job: st.job, workingDirectory: st.wd, item });
  };

  const visit = (raw: unknown, st: WalkState): void => {
    const node = resolve(raw);
    if (!node || seen.has(node) || st.path.length > 30) return;
    const parentKey = st.path[st.path.length - 1];
    const workflowJobs = parentKey === 'jobs' && st.path[0] === 'workflows' && provider === 'circleci';
    if (YAML.isSeq(node)) {
      seen.add(node);
      for (const it of node.items) {
        const target = resolve(it);
        if (workflowJobs && YAML.isScalar(target)) { const ref = String(target.value); facts.labels.push(ref); if (ref.includes('/')) facts.external.push(ref); }
        const item = YAML.isMap(target) || YAML.isScalar(target) ? itemOf(node, it as YAML.Node) : undefined;
        visit(it, { ...st, item, itemDepth: 0 });
      }
      seen.delete(node);
      return;
    }
    if (!YAML.isMap(node)) return;
    seen.add(node);
    const jobDefault = node.getIn(['defaults', 'run', 'working-directory']);
    if (typeof jobDefault === 'string') st = { ...st, wd: jobDefault };
    const wdPair = node.items.find((p) => ['working-directory', 'working_directory', 'workingDirectory'].includes(keyOf(p) ?? ''));
    const wd = wdPair && YAML.isScalar(wdPair.value) ? String(wdPair.value.value) : undefined;
    const isStepMap = !!st.item && st.itemDepth === 0;
    const top = st.path.length === 0;
    for (const pair of node.items) {
      const k = keyOf(pair);
      if (k === undefined) continue;
      const value = resolve(pair.value);
      const path = [...st.path, k];
      let job = st.job;
      const jobId = parentKey === 'jobs' && st.path.length === 1 && !st.item;
      if (jobId || (top && provider === 'gitlab' && !GITLAB_RESERVED.has(k))) {
        job = k;
        facts.jobs.push(k);
        facts.labels.push(k);
      }
      // a job's id is a name, not a keyword: a job called `image`, `container` or `environment` is a job
      if (jobId && k !== '<<') { if (YAML.isMap(value) || YAML.isSeq(value)) visit(value, { ...st, job, path, itemDepth: st.itemDepth + 1 }); continue; }
      if (workflowJobs) { facts.labels.push(k); if (k.includes('/')) facts.external.push(k); }
      if (k === '<<') { visit(value, st); continue; }
      if (k === 'env' || (k === 'variables' && !top)) {
        if (YAML.isMap(value)) for (const p of value.items) if (NODE_VERSION_KEY.test(keyOf(p) ?? '')) facts.nodeVersions.push(...scalars(p.value));
        continue;
      }
      if (top && k === 'on' && provider === 'github') { onEvents(value); continue; }
      if (top && k === 'include' && (provider === 'gitlab' || provider === 'azure')) { const inc = scalars(value); facts.external.push(...(inc.length ? inc : ['include'])); continue; }
      if (k === 'template' && provider === 'azure') { facts.external.push(...scalars(value)); continue; }
      if (k === 'with') {
        if (YAML.isMap(value)) for (const p of value.items) if (NODE_VERSION_KEY.test(keyOf(p) ?? '')) facts.nodeVersions.push(...scalars(p.value));
        continue;
      }
      if (k === 'matrix' || k === 'strategy') {
        const m = YAML.isMap(value) && k === 'strategy' ? resolve(value.get('matrix', true)) : value;
        if (YAML.isMap(m)) for (const p of m.items) if (NODE_VERSION_KEY.test(keyOf(p) ?? '')) facts.nodeVersions.push(...scalars(p.value));
        continue;
      }
      if (k === 'uses' && YAML.isScalar(value) && typeof value.value === 'string') {
        const withNode = resolve(node.get('with', true));
        const withValues: Record<string, string> = {};
        if (YAML.isMap(withNode)) for (const p of withNode.items) { const wk = keyOf(p); if (wk) withValues[wk] = scalars(p.value).join('\n'); }
        const jobLevel = st.path.length === 2 && st.path[0] === 'jobs' && !st.item;
        facts.uses.push({ ref: value.value, range: rangeOf(value), job, jobLevel, with: withValues });
        if (jobLevel && !value.value.startsWith('./')) facts.external.push(value.value);
        continue;
      }
      if (COMMAND_KEYS.has(k)) {
        const stepItem = isStepMap && st.item ? { ...st.item, key: k, workingDirectory: wd } : undefined;
        const inner: WalkState = { ...st, job, wd: wd ?? st.wd };
        if (YAML.isScalar(value)) addCommand(value, inner, stepItem);
        else if (YAML.isSeq(value)) {
          for (const it of value.items) {
            const v = resolve(it);
            if (YAML.isScalar(v)) addCommand(v, inner, v === it ? itemOf(value, v) : undefined);
            else if (YAML.isSeq(v)) for (const x of v.items) { const xv = resolve(x); if (YAML.isScalar(xv)) addCommand(xv, inner); }
          }
        } else if (YAML.isMap(value)) {
          const cwd = value.get('working_directory');
          if (stepItem && typeof cwd === 'string') stepItem.workingDirectory = cwd;
          const cmd = resolve(value.get('command', true));
          if (YAML.isScalar(cmd)) addCommand(cmd, { ...inner, wd: typeof cwd === 'string' ? cwd : inner.wd }, stepItem);
          const name = value.get('name');
          if (typeof name === 'string') facts.labels.push(name);
        }
        continue;
      }
      if (k === 'environment' || (k === 'deployment' && provider === 'bitbucket')) {
        const envName = YAML.isMap(value) ? value.get('name') : YAML.isScalar(value) ? value.value : undefined;
        if (envName !== undefined && envName !== null) facts.environments.push(String(envName));
        continue;
      }
      if (['name', 'stage', 'job', 'deployment', 'displayName'].includes(k) && YAML.isScalar(value)) { facts.labels.push(String(value.value)); continue; }
      if (k === 'stages' && YAML.isSeq(value)) {
        for (const s of value.items) { const v = resolve(s); if (YAML.isScalar(v)) facts.labels.push(String(v.value)); }
        visit(value, { ...st, job, path, itemDepth: st.itemDepth + 1 });
        continue;
      }
      if (k === 'image' || k === 'container') {
        const img = YAML.isMap(value) ? value.get('image') ?? value.get('name') : YAML.isScalar(value) ? value.value : undefined;
        if (typeof img === 'string') facts.images.push(img);
        if (YAML.isSeq(value)) for (const d of value.items) { const dv = resolve(d); if (YAML.isMap(dv) && typeof dv.get('image') === 'string') facts.images.push(dv.get('image') as string); }
        continue;
      }
      if (k === 'only' || k === 'except' || k === 'branches') {
        const names = scalars(value);
        if (YAML.isMap(value) && parentKey === 'pipelines') names.push(...value.items.map(keyOf).filter((x): x is string => !!x));
        facts.branches.push(...names);
        if (k === 'only' && names.includes('tags')) facts.tagTriggered = true;
        if (names.includes('schedules')) facts.scheduled = true;
        if (YAML.isMap(value) || YAML.isSeq(value)) visit(value, { ...st, job, path, itemDepth: st.itemDepth + 1 });
        continue;
      }
      if (k === 'if' || k === 'condition') {
        const cond = scalars(value).join(' ');
        facts.labels.push(cond);
        if (/CI_COMMIT_TAG|refs\/tags|CIRCLE_TAG|BITBUCKET_TAG|ref_type\s*==\s*'tag'/.test(cond)) facts.tagTriggered = true;
        if (/CI_PIPELINE_SOURCE\s*==\s*["']?schedule|github\.event_name\s*==\s*'schedule'/.test(cond)) facts.scheduled = true;
        continue;
      }
      if (k === 'tags' && (st.path.includes('trigger') || parentKey === 'pipelines' || st.path.includes('filters') || st.path.includes('pr'))) facts.tagTriggered = true;
      if (k === 'schedule' || k === 'schedules' || k === 'cron') facts.scheduled = true;
      if (YAML.isMap(value) || YAML.isSeq(value)) visit(value, { ...st, job, path, itemDepth: st.itemDepth + 1 });
    }
    seen.delete(node);
  };

  const onEvents = (value: unknown) => {
    if (YAML.isScalar(value)) facts.triggers.push(String(value.value));
    else if (YAML.isSeq(value)) facts.triggers.push(...scalars(value));
    else if (YAML.isMap(value)) {
      for (const p of value.items) {
        const ev = keyOf(p);
        if (!ev) continue;
        facts.triggers.push(ev);
        const v = resolve(p.value);
        if (!YAML.isMap(v)) continue;
        if (v.has('tags')) facts.tagTriggered = true;
        facts.branches.push(...scalars(v.get('branches', true)));
        const inputs = resolve(v.get('inputs', true));
        if (YAML.isMap(inputs)) for (const ip of inputs.items) { const iv = resolve(ip.value); if (YAML.isMap(iv)) facts.labels.push(...scalars(iv.get('options', true))); }
      }
    }
    if (facts.triggers.includes('release')) facts.tagTriggered = true;
    if (facts.triggers.includes('schedule')) facts.scheduled = true;
  };

  visit(root, { itemDepth: 1, path: [] });
  return facts;
}
