/**
 * Prepares what the extension-host suite checks: a temp copy of the example workspace, and what the engine
 * itself finds there (the CLI's JSON audit, computed outside the editor), so the suite can assert that the
 * editor shows exactly the engine's findings, plus a few known gaps of the example that must always be found.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadWorkspace } from '../../server/engine/load';
import { RULES } from '../../rules/index';
import type { Finding, Phase, Tier } from '../../server/engine/types';

export interface ExpectedFinding {
  file: string;
  ruleId: string;
  /** Zero-based, as in the vscode API. */
  line: number;
  character: number;
  tier: Tier;
  message: string;
  fingerprint: string;
  fixTitle?: string;
  /** A finding about the workspace as a whole (accepted in production-gap.json only). */
  workspace?: boolean;
}

export interface E2eContext {
  /** The temp copy the editor opens. */
  workspace: string;
  /** The example it was copied from (repo-relative). */
  source: string;
  findings: ExpectedFinding[];
  /** Per phase: open findings, readiness score and effort label (for Audit: the overall ones, as the tree shows them). */
  phases: Array<{ phase: Phase; title: string; open: number; score: number; effort: string }>;
  totals: Record<Tier, number>;
  /** Known gaps of the example (only for registered rules). */
  mustHave: Array<Pick<ExpectedFinding, 'file' | 'ruleId' | 'line' | 'tier'>>;
  /** A finding whose first fix edits only its own file: the quick-fix tests apply it. */
  fix?: ExpectedFinding;
  /** Another fixable finding in another file, for the "Apply fix" command of the checklist. */
  secondFix?: ExpectedFinding;
  /** The checklist item (outside the Audit phase) that lists `fix`. */
  fixItem?: string;
}

const root = path.resolve(__dirname, '../../..');

/** Known gaps of examples/mvp, checked only once their rule is registered. Lines are 1-based here. */
const MVP_KNOWN: Array<{ file: string; ruleId: string; line: number; tier: Tier }> = [
  { file: 'src/lib/auth.ts', ruleId: 'auth/jwt-no-expiry', line: 7, tier: 'ship-stopping' },
];

const selfContained = (f: Finding) => f.fixes.length > 0 && !f.fixes[0].creates?.length && f.fixes[0].edits.every((e) => e.file === f.file);

interface CliFinding {
  ruleId: string; tier: Tier; message: string; file: string; fingerprint: string; workspace?: boolean;
  range: { startLine: number; startColumn: number };
  fixes: Array<{ title: string }>;
}
interface CliReport {
  rules: Array<{ id: string }>;
  findings: CliFinding[];
  summary: { byTier: Record<Tier, number>; score: number; effort: { label: string } };
  checklist: { phases: Array<{ phase: Phase; title: string; open: number; score: number; effort: { label: string }; items: Array<{ title: string; findings: string[] }> }> };
}

/** The CLI's JSON audit: dist/cli.js is bundled with dist/server.js in one build, so both run the same rules. */
function cliAudit(workspace: string): CliReport {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'audit', workspace, '--format', 'json', '--fail-on', 'never'], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`dist/cli.js audit failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as CliReport;
}

/**
 * Copies the example into a fresh temp folder; the expected findings and checklist come from the CLI (same
 * build as the server), and the engine run here only picks findings whose fix edits nothing but their own file.
 */
export function prepareWorkspace(opts: { example?: string; tmpRoot?: string } = {}): E2eContext {
  const source = opts.example ?? 'examples/mvp';
  const from = path.join(root, source);
  if (!fs.existsSync(from)) throw new Error(`${source} does not exist`);
  const base = fs.mkdtempSync(path.join(opts.tmpRoot ?? os.tmpdir(), 'pg-e2e-ws-'));
  const workspace = path.join(base, path.basename(source));
  fs.cpSync(from, workspace, { recursive: true });

  const cli = cliAudit(workspace);
  const findings: ExpectedFinding[] = cli.findings.map((f) => ({
    file: f.file, ruleId: f.ruleId, line: f.range.startLine - 1, character: f.range.startColumn - 1, tier: f.tier,
    message: f.message, fingerprint: f.fingerprint, fixTitle: f.fixes[0]?.title, ...(f.workspace ? { workspace: true } : {}),
  }));
  const registered = new Set(cli.rules.map((r) => r.id));
  const mustHave = source === 'examples/mvp'
    ? MVP_KNOWN.filter((k) => registered.has(k.ruleId)).map((k) => ({ ...k, line: k.line - 1 }))
    : [];

  const engine = loadWorkspace(workspace, { rules: RULES }).analyze().findings;
  const fixable = engine.filter(selfContained).map((f) => findings.find((x) => x.fingerprint === f.fingerprint && x.fixTitle === f.fixes[0].title))
    .filter((f): f is ExpectedFinding => f !== undefined);
  const fix = fixable.find((f) => f.ruleId === 'auth/jwt-no-expiry') ?? fixable[0];
  const secondFix = fix && fixable.find((f) => f !== fix && f.file !== fix.file);
  return {
    workspace,
    source,
    findings,
    phases: cli.checklist.phases.map((p) => ({
      phase: p.phase, title: p.title, open: p.open,
      score: p.phase === 'audit' ? cli.summary.score : p.score, effort: p.phase === 'audit' ? cli.summary.effort.label : p.effort.label,
    })),
    totals: cli.summary.byTier,
    mustHave,
    fix,
    secondFix,
    fixItem: fix && cli.checklist.phases.filter((p) => p.phase !== 'audit').flatMap((p) => p.items).find((i) => i.findings.includes(fix.fingerprint))?.title,
  };
}

/** Where the suite reads its context: next to the compiled suite. */
export const CONTEXT_FILE = path.join(root, 'dist/test/vscode/e2e-context.json');

export function writeContext(ctx: E2eContext, file = CONTEXT_FILE): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(ctx, null, 2));
  return file;
}
