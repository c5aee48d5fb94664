/**
 * Shell snippets from CI files and package.json scripts, split into simple commands and classified:
 * dependency installs, test runs, deploys, backups, versioned image builds. Input is a string value
 * taken from a parsed file (a YAML scalar, a JSON string), never raw file text.
 */

export interface Word { text: string; start: number; end: number }
export type SimpleCommand = Word[];

const SEPARATORS = new Set(['&&', '||', ';', '|', '&', '(', ')', '{', '}', '!', 'then', 'do', 'else', 'elif']);

/** Splits a shell snippet into simple commands (on newlines, `&&`, `||`, `;`, `|`), unquoting words and keeping their offsets. */
export function simpleCommands(script: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let cur: Word[] = [];
  const flush = () => { if (cur.length) out.push(cur); cur = []; };
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i];
    if (c === '\\' && script[i + 1] === '\n') { i += 2; continue; }
    if (c === '\n' || c === ';') { flush(); i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#') { while (i < n && script[i] !== '\n') i++; continue; }
    if (c === '&' && script[i + 1] === '>') { i += 2; continue; }
    if (c === '&' || c === '|') { flush(); i += script[i + 1] === c ? 2 : 1; continue; }
    if (c === '(' || c === ')') { flush(); i++; continue; }
    const start = i;
    let text = '';
    while (i < n && !/[\s;&|()]/.test(script[i])) {
      const ch = script[i];
      if (ch === '$' && script.startsWith('${{', i)) {
        const close = script.indexOf('}}', i);
        const end = close < 0 ? n : close + 2;
        text += script.slice(i, end);
        i = end;
        continue;
      }
      if ((ch === '>' || ch === '<') && script[i + 1] === '&') { text += ch + '&'; i += 2; continue; }
      if (ch === '\\' && i + 1 < n) { text += script[i + 1] === '\n' ? '' : script[i + 1]; i += 2; continue; }
      if (ch === '"' || ch === "'") {
        const close = script.indexOf(ch, i + 1);
        const end = close < 0 ? n : close;
        text += script.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      if (ch === '$' && script[i + 1] === '(') {
        let depth = 0;
        while (i < n) {
          if (script[i] === '(') depth++;
          if (script[i] === ')' && --depth === 0) { text += '$()'; i++; break; }
          i++;
        }
        continue;
      }
      text += ch;
      i++;
    }
    if (SEPARATORS.has(text) && cur.length === 0) continue;
    if (text === 'then' || text === 'do') { flush(); continue; }
    cur.push({ text, start, end: i });
  }
  flush();
  return out;
}

const WRAPPERS = new Set(['sudo', 'time', 'exec', 'env', 'cross-env', 'dotenv', 'xvfb-run', 'nohup', 'command', 'npx', 'bunx', 'pnpx', 'corepack', 'timeout', 'retry', 'nice', 'op', 'doppler', 'infisical', 'with-env']);
const WRAPPER_SUBCOMMANDS: Record<string, string[]> = { op: ['run'], doppler: ['run'], infisical: ['run'], pnpm: ['exec', 'dlx'], yarn: ['dlx', 'exec'], npm: ['exec'] };

/** The words of a command from the program on: leading `VAR=value` assignments and wrappers (`npx`, `cross-env`, `sudo`...) dropped. */
export function program(cmd: SimpleCommand): Word[] {
  let i = 0;
  for (let guard = 0; guard < 8 && i < cmd.length; guard++) {
    while (i < cmd.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd[i].text)) i++;
    const w = cmd[i]?.text;
    if (!w) break;
    if (WRAPPERS.has(w)) {
      i++;
      if (WRAPPER_SUBCOMMANDS[w]?.includes(cmd[i]?.text)) i++;
      while (i < cmd.length && cmd[i].text.startsWith('-')) {
        const flag = cmd[i].text;
        i++;
        if (/^(-e|--env-file|-p|--package|-s|--signal|-k)$/.test(flag) && i < cmd.length) i++;
        if (flag === '--') break;
      }
      if (w === 'timeout' && /^\d/.test(cmd[i]?.text ?? '')) i++;
      continue;
    }
    if ((w === 'pnpm' || w === 'yarn' || w === 'npm') && WRAPPER_SUBCOMMANDS[w].includes(cmd[i + 1]?.text)) { i += 2; continue; }
    break;
  }
  return cmd.slice(i);
}

/** Inner commands of `sh -c "..."`, `bash -lc '...'`, `docker compose run svc <cmd>`, `docker run img <cmd>`. */
export function innerCommands(cmd: SimpleCommand): SimpleCommand[] {
  const p = program(cmd);
  const name = p[0]?.text;
  if (!name) return [];
  if (/^(ba|z|da)?sh$/.test(name)) {
    const ci = p.findIndex((w, k) => k > 0 && /^-[a-z]*c[a-z]*$/.test(w.text));
    if (ci > 0 && p[ci + 1]) return simpleCommands(p[ci + 1].text);
    return [];
  }
  if (name === 'docker' || name === 'docker-compose' || name === 'podman') {
    const words = p.map((w) => w.text);
    const sub = name === 'docker-compose' ? 1 : words[1] === 'compose' ? 2 : 1;
    if (!['run', 'exec'].includes(words[sub])) return [];
    let k = sub + 1;
    const valued = /^(-e|--env|-w|--workdir|-u|--user|-v|--volume|--name|-p|--publish|--entrypoint|--network|--env-file|-f|--file|-l|--label)$/;
    while (k < p.length && words[k].startsWith('-')) { k += valued.test(words[k]) && !words[k].includes('=') ? 2 : 1; }
    return p.length > k + 1 ? [p.slice(k + 1)] : [];
  }
  return [];
}

/** Every simple command of a snippet, including those nested in `sh -c`, `docker compose run`. */
export function allCommands(script: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  const add = (cmds: SimpleCommand[], depth: number) => {
    for (const c of cmds) {
      out.push(c);
      if (depth < 3) add(innerCommands(c), depth + 1);
    }
  };
  add(simpleCommands(script), 0);
  return out;
}

export type Pm = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface Install {
  pm: Pm;
  /** Installs exactly the lockfile (npm ci, --frozen-lockfile, --immutable), or defaults to it in CI (pnpm, Yarn 2+). */
  strict: 'yes' | 'no' | 'ci-default';
  /** The words of the command (for edits): the sub-command word (`install`, `i`, or the pm itself for a bare `yarn`). */
  verb: Word;
  /** An explicit opt-out flag (`--no-frozen-lockfile`, `--no-immutable`). */
  optOut?: Word;
  words: Word[];
}

const VALUE_FLAGS = /^(--prefix|-C|--dir|--cwd|-w|--workspace|--filter|-F|--registry|--cache|--loglevel|--network-timeout|--modules-folder|--mutex)$/;

/** The first positional argument after index `from` (flags and their values skipped), with its index. */
function positional(p: Word[], from: number): number {
  for (let k = from; k < p.length; k++) {
    const t = p[k].text;
    if (t === '--') return k + 1 < p.length ? k + 1 : -1;
    if (t.startsWith('-')) { if (VALUE_FLAGS.test(t) && !t.includes('=')) k++; continue; }
    return k;
  }
  return -1;
}

/** A dependency install from package.json (not `npm install -g x`, not `npm install lodash`). */
export function installOf(cmd: SimpleCommand, yarnBerry = false): Install | undefined {
  const p = program(cmd);
  const pm = p[0]?.text;
  if (pm !== 'npm' && pm !== 'pnpm' && pm !== 'yarn' && pm !== 'bun') return undefined;
  const sub = positional(p, 1);
  const has = (re: RegExp) => p.find((w) => re.test(w.text));
  if (pm === 'yarn' && sub < 0) {
    if (has(/^(-v|--version|-h|--help)$/)) return undefined;
    return yarnInstall(p, p[0], yarnBerry, has);
  }
  if (sub < 0) return undefined;
  const verb = p[sub];
  const rest = positional(p, sub + 1);
  if (pm === 'npm') {
    if (['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean'].includes(verb.text)) return { pm, strict: 'yes', verb, words: p };
    if (['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add'].includes(verb.text)) {
      if (rest >= 0 || has(/^(-g|--global|--location=global|--no-save|--no-package-lock|--package-lock=false|--package-lock-only)$/)) return undefined;
      return { pm, strict: 'no', verb, words: p };
    }
    return undefined;
  }
  if (pm === 'pnpm') {
    if (!['install', 'i'].includes(verb.text) || rest >= 0 || has(/^(-g|--global|--lockfile-only)$/)) return undefined;
    const optOut = has(/^--no-frozen-lockfile$|^--frozen-lockfile=false$/);
    return { pm, strict: optOut ? 'no' : has(/^--frozen-lockfile$/) ? 'yes' : 'ci-default', verb, optOut, words: p };
  }
  if (pm === 'yarn') {
    if (verb.text !== 'install' || rest >= 0) return undefined;
    return yarnInstall(p, verb, yarnBerry, has);
  }
  if (!['install', 'i', 'ci'].includes(verb.text) || rest >= 0 || has(/^(-g|--global)$/)) return undefined;
  return { pm, strict: verb.text === 'ci' || has(/^--frozen-lockfile$/) ? 'yes' : 'no', verb, words: p };
}

function yarnInstall(p: Word[], verb: Word, berry: boolean, has: (re: RegExp) => Word | undefined): Install {
  const optOut = has(/^--no-immutable$|^--no-frozen-lockfile$/);
  if (optOut) return { pm: 'yarn', strict: 'no', verb, optOut, words: p };
  if (has(/^(--frozen-lockfile|--immutable|--pure-lockfile)$/)) return { pm: 'yarn', strict: 'yes', verb, words: p };
  return { pm: 'yarn', strict: berry ? 'ci-default' : 'no', verb, words: p };
}

/** Script names that say "tests": test, test:unit, e2e, ci:test, unit-tests, coverage... */
export const TEST_SCRIPT = /(^|[:\-_.])(tests?|specs?|e2e|unit|integration|coverage|cov|playwright|cypress|vitest|jest|mocha)([:\-_.]|$)/i;
/** The npm placeholder written by `npm init`. */
export const NPM_PLACEHOLDER = /no test specified/;

/** Test runners: program -> words that must follow it (any of), or null when the program alone runs tests. */
const RUNNERS: Record<string, RegExp | null> = {
  vitest: /^(?!bench$|dev$|serve$|init$|list$)/, jest: null, mocha: null, ava: null, tap: null, tape: null, jasmine: null, uvu: null, karma: /^(start|run)$/,
  playwright: /^test$/, cypress: /^run$/, 'wdio': /^(run|.*\.conf\.[cm]?[jt]s)$/, 'testcafe': null, 'react-scripts': /^test$/, 'craco': /^test$/, 'ng': /^(test|e2e)$/,
  'vue-cli-service': /^test/, 'nyc': null, 'c8': null, 'mocha-parallel-tests': null, 'lab': null, 'qunit': null, 'node-tap': null, 'borp': null,
  'bun': /^test$/, 'deno': /^test$/, 'go': /^test$/, 'pytest': null, 'cargo': /^(test|nextest)$/, 'dotnet': /^test$/, 'mvn': /^(test|verify|install)$/, './mvnw': /^(test|verify|install)$/,
  'gradle': /^(test|check|build)$/, './gradlew': /^(test|check|build)$/, 'rspec': null, 'phpunit': null, 'tox': null, 'nox': null, 'ctest': null,
};
const MONOREPO_TOOLS = new Set(['turbo', 'nx', 'lerna', 'rush', 'moon', 'lage', 'ultra', 'wireit']);

export type ScriptLookup = (name: string) => string[];

/** Whether a simple command runs tests: a test runner, a package-manager test script (resolved through `scripts`), a monorepo task runner asked for tests, `make test`... */
export function runsTests(cmd: SimpleCommand, scripts: ScriptLookup, depth = 0): boolean {
  const p = program(cmd);
  const words = p.map((w) => w.text);
  const name = words[0];
  if (!name || name === 'echo' || name === 'printf' || name === 'cat') return false;
  const base = name.replace(/^.*node_modules\/\.bin\//, '');
  if (base === 'node' || base === 'tsx' || base === 'ts-node' || base === 'bun' || base === 'deno') {
    if (words.some((w) => /^--test($|=|-)/.test(w))) return true;
    const file = words.slice(1).find((w) => !w.startsWith('-'));
    if (file && /\.[cm]?[jt]s$/.test(file)) return /(^|[\/._-])(tests?|ci|spec)([._-]|$)/i.test(file.replace(/^.*\//, ''));
  }
  if (base in RUNNERS) {
    const need = RUNNERS[base];
    if (need === null) return true;
    const next = words.slice(1).find((w) => !w.startsWith('-'));
    if (next === undefined ? base === 'vitest' : need.test(next)) return true;
    if (base !== 'bun' && base !== 'deno') return false;
  }
  if (MONOREPO_TOOLS.has(base)) return words.slice(1).some((w) => !w.startsWith('--filter') && w.split(/[,=:]/).some((t) => TEST_SCRIPT.test(t)));
  if (base === 'make' || base === 'just' || base === 'task' || base === 'mise' || base === 'earthly') return words.slice(1).some((w) => !w.startsWith('-') && /(^|[:\-_+])(tests?|check|ci|verify|validate)([:\-_]|$)/i.test(w));
  if (/(^|\/)[\w.-]+\.(sh|bash|mjs|cjs|js|ts)$/.test(base) || ((base === 'bash' || base === 'sh' || base === 'zsh') && words[1] && !words[1].startsWith('-'))) {
    const file = base === 'bash' || base === 'sh' || base === 'zsh' ? words[1] : base;
    return /(^|[\/._-])(tests?|ci|check|verify|validate|spec)([._-]|$)/i.test(file.replace(/^.*\//, ''));
  }
  const script = pmScript(p);
  if (script !== undefined) {
    // `npm run test --if-present` with no such script (or only npm's placeholder) runs nothing, and says nothing
    if (words.includes('--if-present') && !scripts(script).some((b) => b.trim() && !NPM_PLACEHOLDER.test(b))) return false;
    if (TEST_SCRIPT.test(script)) return true;
    if (depth >= 5) return false;
    const bodies = scripts(script);
    if (bodies.length) return bodies.some((body) => allCommands(body).some((c) => runsTests(c, scripts, depth + 1)));
    // pnpm, yarn and bun run a package binary when no script has that name (`pnpm turbo run test`).
    const at = p.findIndex((w, k) => k > 0 && w.text === script);
    return name !== 'npm' && at > 0 && runsTests(p.slice(at), scripts, depth + 1);
  }
  return false;
}

/** The script a package-manager command runs: `npm test`, `npm run x`, `pnpm x`, `pnpm -r run x`, `yarn workspace a x`, `bun run x`... */
export function pmScript(p: Word[]): string | undefined {
  const words = p.map((w) => w.text);
  const pm = words[0];
  if (pm !== 'npm' && pm !== 'pnpm' && pm !== 'yarn' && pm !== 'bun' && pm !== 'deno') return undefined;
  let k = positional(p, 1);
  if (k < 0) return undefined;
  let verb = words[k];
  if (pm === 'yarn' && verb === 'workspace') { k = positional(p, k + 2); verb = words[k]; }
  if (pm === 'yarn' && verb === 'workspaces') {
    const run = words.indexOf('run', k);
    return run > 0 ? words[positional(p, run + 1)] : undefined;
  }
  if (pm === 'deno') return verb === 'task' ? words[positional(p, k + 1)] : undefined;
  if (['t', 'tst', 'test'].includes(verb)) return pm === 'bun' ? undefined : 'test';
  if (['run', 'run-script', 'rum', 'urn'].includes(verb)) {
    const s = positional(p, k + 1);
    return s > 0 ? words[s] : undefined;
  }
  if (pm === 'npm') return ['start', 'stop', 'restart'].includes(verb) ? verb : undefined;
  if (pm === 'bun') return BUN_BUILTINS.has(verb) ? undefined : verb;
  return PM_BUILTINS.has(verb) ? undefined : verb;
}

const PM_BUILTINS = new Set(['install', 'i', 'add', 'remove', 'rm', 'up', 'update', 'upgrade', 'dlx', 'exec', 'create', 'init', 'link', 'unlink', 'publish', 'pack', 'audit', 'outdated', 'why', 'list', 'ls', 'config', 'store', 'prune', 'import', 'rebuild', 'dedupe', 'patch', 'env', 'setup', 'cache', 'info', 'licenses', 'version', 'login', 'logout', 'ci', 'set', 'plugin', 'plugins', 'constraints', 'node', 'explain', 'search', 'tag', 'fetch', 'deploy', 'recursive', 'self-update', 'workspaces', 'global']);
const BUN_BUILTINS = new Set(['install', 'i', 'add', 'remove', 'rm', 'update', 'upgrade', 'x', 'create', 'init', 'link', 'unlink', 'publish', 'pm', 'build', 'test', 'ci', 'outdated', 'audit', 'patch', 'info', 'why']);

/** CI variables and expressions that identify a build: commit SHA, tag, version, run number. */
export const BUILD_ID = /\$\{\{\s*(github\.(sha|ref_name|run_number|run_id|event\.release\.tag_name)|steps\.[\w-]+\.outputs\.[\w-]*(tag|version|sha)[\w-]*|env\.(VERSION|TAG|IMAGE_TAG|GIT_SHA|SHA|RELEASE)\w*|needs\.[\w.-]*\.outputs\.[\w-]*(tag|version|sha)[\w-]*|inputs\.[\w-]*(tag|version|sha)[\w-]*)\s*\}\}|\$\{?(GITHUB_SHA|GITHUB_REF_NAME|CI_COMMIT_SHA|CI_COMMIT_SHORT_SHA|CI_COMMIT_TAG|CI_PIPELINE_IID|CIRCLE_SHA1|CIRCLE_TAG|CIRCLE_BUILD_NUM|BITBUCKET_COMMIT|BITBUCKET_TAG|BITBUCKET_BUILD_NUMBER|BUILD_SOURCEVERSION|BUILD_BUILDID|BUILD_BUILDNUMBER|DRONE_COMMIT_SHA|DRONE_TAG|SHORT_SHA|COMMIT_SHA|GIT_SHA|SHA|VERSION|TAG|IMAGE_TAG|RELEASE_VERSION|APP_VERSION)\b|\$\(\s*git\s+(rev-parse|describe)|\$\(\)|\$\(\s*(node|jq|npm)\b/;

/** A `docker build/tag/push`, `buildx`, `gcloud builds submit --tag`, `kubectl set image` or `helm --set image.tag` naming a versioned image. */
export function tagsVersionedImage(cmd: SimpleCommand): boolean {
  const words = program(cmd).map((w) => w.text);
  const tool = words[0];
  const joined = words.join(' ');
  if (tool === 'docker' || tool === 'podman' || tool === 'buildah') {
    const verb = words[1] === 'buildx' || words[1] === 'image' ? words[2] : words[1];
    if (!['build', 'tag', 'push', 'bake'].includes(verb)) return false;
    return words.some((w, k) => {
      const value = /^(-t|--tag)$/.test(words[k - 1] ?? '') ? w : /^--tag=/.test(w) ? w.slice(6) : verb !== 'build' && k >= 2 && !w.startsWith('-') ? w : undefined;
      return value !== undefined && imageTagIsVersioned(value);
    });
  }
  if (tool === 'gcloud' || tool === 'kubectl' || tool === 'helm' || tool === 'skaffold' || tool === 'kustomize' || tool === 'az' || tool === 'aws') return BUILD_ID.test(joined);
  return false;
}

/** `image:tag` with a tag that names a build (a SHA, a version, a CI build id), not `latest`. */
export function imageTagIsVersioned(ref: string): boolean {
  const at = ref.lastIndexOf('@');
  if (at > 0 && /^sha256:/.test(ref.slice(at + 1))) return true;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon <= slash) return false;
  const tag = ref.slice(colon + 1);
  if (/^(latest|main|master|prod|production|stable|staging|edge|dev)$/i.test(tag)) return false;
  return BUILD_ID.test(tag) || /^v?\d+(\.\d+)*([-.+][\w.]+)?$/.test(tag) || /^[0-9a-f]{7,40}$/.test(tag) || /\$\{?\w+/.test(tag);
}

/** Deploy CLIs: the command ships something somewhere. */
export function deploys(cmd: SimpleCommand): string | undefined {
  const words = program(cmd).map((w) => w.text);
  const [tool, a, b] = words;
  if (!tool) return undefined;
  if ((tool === 'fly' || tool === 'flyctl') && a === 'deploy') return 'fly';
  if (tool === 'vercel' && (a === undefined || a === 'deploy' || a === '--prod' || a?.startsWith('-') || a === 'promote')) return 'vercel';
  if (tool === 'railway' && (a === 'up' || a === 'deploy' || a === 'redeploy')) return 'railway';
  if (tool === 'netlify' && a === 'deploy') return 'netlify';
  if (tool === 'heroku' && (a === 'container:release' || a === 'deploy' || a?.startsWith('releases'))) return 'heroku';
  if (tool === 'git' && a === 'push' && words.some((w) => /heroku|dokku/.test(w))) return /dokku/.test(words.join(' ')) ? 'dokku' : 'heroku';
  if ((tool === 'wrangler') && (a === 'deploy' || a === 'publish' || (a === 'pages' && b === 'deploy'))) return 'cloudflare';
  if (tool === 'firebase' && a === 'deploy') return 'firebase';
  if ((tool === 'serverless' || tool === 'sls') && a === 'deploy') return 'serverless';
  if (tool === 'gcloud' && words.includes('deploy')) return 'gcloud';
  if (tool === 'eb' && a === 'deploy') return 'elastic-beanstalk';
  if (tool === 'aws' && (words.includes('update-service') || words.includes('deploy') || (a === 's3' && b === 'sync') || words.includes('update-function-code'))) return 'aws';
  if (tool === 'az' && (words.includes('deploy') || words.includes('up') || (words.includes('update') && words.includes('--image')))) return 'azure';
  if (tool === 'kubectl' && (a === 'apply' || a === 'set' || a === 'rollout' || a === 'create')) return 'kubernetes';
  if (tool === 'helm' && (a === 'upgrade' || a === 'install')) return 'helm';
  if ((tool === 'cdk' || tool === 'sst' || tool === 'pulumi' || tool === 'terraform' || tool === 'amplify' || tool === 'caprover' || tool === 'render' || tool === 'kamal' || tool === 'dokku') && ['deploy', 'up', 'apply', 'publish', 'setup'].includes(a)) return tool;
  if ((tool === 'docker' || tool === 'podman') && (a === 'push' || ((a === 'buildx' || a === 'build') && words.includes('--push')))) return 'docker-push';
  if (tool === 'ssh' || tool === 'rsync' || tool === 'scp') return tool;
  if (tool === 'curl' && words.some((w) => /api\.render\.com\/deploy|DEPLOY_HOOK|deploy[_-]?hook|\/deploy\b/i.test(w))) return 'deploy-hook';
  return undefined;
}

/** A database backup: pg_dump, mongodump, mysqldump, litestream, managed-database snapshot commands. */
export function backsUp(cmd: SimpleCommand): boolean {
  const words = program(cmd).map((w) => w.text);
  const tool = words[0]?.replace(/^.*\//, '');
  if (!tool) return false;
  if (/^(pg_dump|pg_dumpall|pg_basebackup|mongodump|mysqldump|mariadb-dump|mydumper|xtrabackup|mariabackup|pgbackrest|wal-g|wal-e|barman|barman-cloud-backup|litestream|restic|borg|kopia|duplicity|rclone)$/.test(tool)) return true;
  const joined = words.join(' ');
  if (tool === 'aws' && /\b(create-db-snapshot|create-db-cluster-snapshot|start-backup-job)\b/.test(joined)) return true;
  if (tool === 'gcloud' && /\bsql\s+(backups|export)\b/.test(joined)) return true;
  if (tool === 'heroku' && /\bpg:backups/.test(joined)) return true;
  if ((tool === 'fly' || tool === 'flyctl') && /\b(postgres|pg)\b.*\bbackup|\bvolumes\s+snapshots\s+create/.test(joined)) return true;
  if (tool === 'supabase' && /\bdb\s+dump\b/.test(joined)) return true;
  if (tool === 'sqlite3' && words.some((w) => /^\.backup\b/.test(w))) return true;
  return false;
}
