import * as YAML from 'yaml';
import type { FileRule, Fix, Range } from '../../server/engine/types';

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION = /^\.github\/actions\/.+\/action\.ya?ml$/;
const SHA = /^[0-9a-f]{40}$/;
/** Owners whose actions GitHub itself publishes: first-party, not third-party. */
const FIRST_PARTY = new Set(['actions', 'github']);

const rule: FileRule = {
  meta: {
    id: 'deploy/actions-unpinned',
    category: 'deploy',
    phase: 'infrastructure',
    tier: 'tech-debt',
    title: 'Third-party GitHub Actions not pinned, or no workflow permissions',
    fixKind: 'edit',
    effort: 'minutes',
    checklist: 'infra.ci',
    docs: {
      why: 'A tag such as `@v4` is a pointer its owner (or whoever takes over their account) can move: when a popular action\'s tags were repointed to malicious code (tj-actions/changed-files, March 2025), every workflow using them ran it with their secrets. And a workflow with no `permissions:` gets the repository\'s default GITHUB_TOKEN scope, read-write on many repositories, so any step it runs can push code or publish releases.',
      checks: 'Actions published by GitHub (`actions/*`, `github/*`) and local ones (`./...`) are not flagged.',
      bad: { files: { '.github/workflows/ci.yml': 'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: pnpm/action-setup@v4\n      - run: pnpm install\n      - run: pnpm test\n' } },
      good: { files: { '.github/workflows/ci.yml': 'name: CI\non: [push, pull_request]\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: pnpm/action-setup@a7487c7e89a18df4991f7f222e4898a00d66ddda # v4.1.0\n      - run: pnpm install\n      - run: pnpm test\n' } },
      fix: 'Pin each third-party action to the full commit SHA of the release you reviewed, with the tag as a comment (`uses: owner/repo@<40-character SHA> # v4.1.0`); `git ls-remote https://github.com/owner/repo refs/tags/v4.1.0` prints it, and Dependabot or Renovate keep pinned SHAs up to date. Give every workflow a `permissions:` block with the least it needs (`contents: read` for a test workflow; add `packages: write`, `id-token: write`... per job where needed). The quick fix adds `permissions: contents: read` after `on:`, which a workflow that pushes, publishes or comments then widens.',
    },
  },
  scope: 'file',
  kinds: ['yaml'],
  check(ctx) {
    const file = ctx.file;
    if (file.kind !== 'yaml' || !(WORKFLOW.test(file.path) || ACTION.test(file.path))) return;
    const ci = ctx.facts.deploy?.ci;
    if (!ci) return;
    for (const u of ci.uses) {
      const ref = u.ref.trim();
      if (ref.startsWith('./') || ref.startsWith('.\\')) continue;
      if (ref.startsWith('docker://')) {
        if (!/@sha256:[0-9a-f]{64}$/.test(ref)) {
          ctx.report({ message: `\`uses: ${ref}\` runs a container image by a tag that can be repointed to different code. Pin it by digest (\`docker://image@sha256:...\`; \`docker buildx imagetools inspect\` prints it).`, range: u.range });
        }
        continue;
      }
      const at = ref.lastIndexOf('@');
      if (at < 0) continue;
      const [owner, repo] = ref.slice(0, at).split('/');
      const version = ref.slice(at + 1);
      if (!repo || FIRST_PARTY.has(owner.toLowerCase()) || SHA.test(version)) continue;
      const what = u.jobLevel ? 'reusable workflow' : 'action';
      const short = /^[0-9a-f]{7,39}$/.test(version);
      const how = short ? 'the full commit SHA it abbreviates' : `the full commit SHA, keeping the ref as a comment: \`${ref.slice(0, at)}@<40-character SHA> # ${version}\` (\`git ls-remote https://github.com/${owner}/${repo} ${version}\` prints it; Dependabot or Renovate keep it current)`;
      ctx.report({
        message: `\`uses: ${ref}\` runs a third-party ${what} by ${short ? 'a short SHA, which a commit pushed to a fork can collide with' : `the ref \`${version}\`, which its owner (or whoever takes over the repository) can move`}: the code it points to runs in your pipeline with your secrets. Pin it to ${how}.`,
        range: u.range,
      });
    }
    if (!WORKFLOW.test(file.path)) return;
    const doc = file.ast[0];
    const root = doc?.contents;
    if (!YAML.isMap(root) || doc.errors.length) return;
    if (root.has('permissions')) return;
    const jobs = root.get('jobs', true);
    const jobMaps = YAML.isMap(jobs) ? jobs.items.map((p) => p.value) : [];
    if (jobMaps.length && jobMaps.every((j) => YAML.isMap(j) && j.has('permissions'))) return;
    if (ci.triggers.length && ci.triggers.every((t) => t === 'workflow_call')) return;
    const onPair = root.items.find((p) => YAML.isScalar(p.key) && p.key.value === 'on');
    const anchor = onPair ?? root.items.find((p) => YAML.isScalar(p.key) && p.key.value === 'name') ?? root.items[0];
    const key = anchor?.key as YAML.Scalar | undefined;
    if (!key?.range) return;
    const range: Range = file.lines.range(key.range[0], key.range[1]);
    const fixes: Fix[] = [];
    const value = onPair?.value as YAML.Node | null | undefined;
    if (onPair && value?.range && !root.flow) {
      const text = file.text;
      const lines = file.lines;
      let e = value.range[1];
      while (e > value.range[0] && /\s/.test(text[e - 1])) e--;
      const last = lines.positionAt(Math.max(0, e - 1)).line;
      const eol = lines.eol;
      let unit = 2;
      if (YAML.isMap(jobs) && jobs.items[0] && YAML.isScalar(jobs.items[0].key) && jobs.items[0].key.range) unit = lines.positionAt(jobs.items[0].key.range[0]).character || 2;
      const block = `permissions:${eol}${' '.repeat(unit)}contents: read${eol}`;
      if (last + 1 >= lines.lineCount) {
        const end = lines.positionAt(text.length);
        fixes.push({ title: 'Add `permissions: contents: read`', safe: false, edits: [{ file: file.path, range: { start: end, end }, newText: (/\r?\n$/.test(text) ? '' : eol) + block }] });
      } else {
        const at = { line: last + 1, character: 0 };
        const blank = lines.lineText(last + 1).trim() === '';
        fixes.push({ title: 'Add `permissions: contents: read`', safe: false, edits: [{ file: file.path, range: { start: at, end: at }, newText: blank ? eol + block : block }] });
      }
    }
    // some jobs set their own: the others run with the default scope
    const unscoped = YAML.isMap(jobs) && jobMaps.some((j) => YAML.isMap(j) && j.has('permissions'))
      ? jobs.items.filter((p) => !(YAML.isMap(p.value) && p.value.has('permissions'))).map((p) => (YAML.isScalar(p.key) ? String(p.key.value) : '')).filter(Boolean)
      : [];
    const who = unscoped.length ? `${unscoped.length > 1 ? 'Jobs' : 'Job'} ${unscoped.map((j) => `\`${j}\``).join(', ')} of this workflow ${unscoped.length > 1 ? 'set' : 'sets'} no \`permissions:\` (nor does the workflow)` : 'This workflow sets no `permissions:`';
    ctx.report({
      message: `${who}, so ${unscoped.length > 1 ? 'their' : 'its'} GITHUB_TOKEN gets the repository's default scope (read-write on many repositories and organisations): any step ${unscoped.length > 1 ? 'they run' : 'it runs'}, or any action pulled in, can push commits, change releases or approve pull requests. Add a top-level \`permissions:\` block with the least it needs (\`contents: read\` for building and testing), and widen it per job where one needs more.`,
      range,
      fixes,
    });
  },
};

export default rule;
