/**
 * The team's triage in the language server: the quick answer to an edit (accepted shortcuts and comment problems of
 * the edited file, before the workspace step), the edits behind "Accept as a shortcut…" and "Attest…", and who
 * records them. Pure functions over the engine's results, except whoAmI (git, then the OS user).
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { CHECKLIST } from '../engine/checklist';
import { dateProblem } from '../engine/dates';
import type { InlineAccept } from '../engine/inlineAccept';
import { isProjectFile, PROJECT_FILE, type ConfigProblem, type ProjectConfig } from '../engine/project';
import { applyAcceptances, currentAttestations } from '../engine/triage';
import { acceptInLedgerFix, acceptInlineFix, attestFix, projectFileFor } from '../engine/triageEdits';
import type { Finding, Fix } from '../engine/types';
import type { AcceptAnswers, AttestAnswers } from './protocol';

export interface QuickTriageInput {
  file: string;
  /** The file's own findings, re-computed on its new text (settings applied, not triaged). */
  own: readonly Finding[];
  /** Findings of the last workspace result anchored on the file that its own analysis does not produce (already triaged). */
  workspace: readonly Finding[];
  /** The file's accept comments on its new text. */
  accepts: readonly InlineAccept[] | undefined;
  /** The project files as they are now, and the problems of their content. */
  projects: readonly ProjectConfig[];
  projectProblems: readonly ConfigProblem[];
  /** Every finding of the last workspace result (for stale entries of an edited project file). */
  lastFindings: readonly Finding[];
  ruleIds: ReadonlySet<string>;
  today: string;
}

/**
 * The edited file's findings with the team's acceptances applied, and the problems shown in it, without the
 * workspace step: accept comments of the file (stale ones only when they cover no finding of the file at all), and
 * for a project file its content problems, its stale entries (against the last result) and expired attestations.
 */
export function quickTriage(input: QuickTriageInput): { findings: Finding[]; problems: ConfigProblem[] } {
  const { file } = input;
  const inline = new Map<string, readonly InlineAccept[]>(input.accepts?.length ? [[file, input.accepts]] : []);
  const own = applyAcceptances({ findings: input.own, projects: input.projects, inline, ruleIds: input.ruleIds, today: input.today });
  const coversWorkspaceFinding = (p: ConfigProblem) => {
    const a = input.accepts?.find((x) => x.range.start.line === p.range.start.line && x.range.start.character === p.range.start.character);
    return !!a && input.workspace.some((f) => f.ruleId === a.ruleId && a.lines[0] <= f.range.end.line && f.range.start.line <= a.lines[1]);
  };
  // Only the problems of the file's accept comments: the ledger's stale entries need every finding (below, or the workspace step).
  const comments = new Set((input.accepts ?? []).map((a) => `${a.range.start.line}:${a.range.start.character}`));
  const problems = own.problems.filter((p) => p.file === file && comments.has(`${p.range.start.line}:${p.range.start.character}`) && !(p.code === 'stale' && coversWorkspaceFinding(p)));
  if (isProjectFile(file)) {
    problems.push(...input.projectProblems.filter((p) => p.file === file));
    const open = input.lastFindings.map((f) => (f.tier === 'accepted' ? { ...f, tier: 'tech-debt' as const, acceptance: undefined } : f));
    const ledger = applyAcceptances({ findings: open, projects: input.projects.filter((p) => p.path === file), inline: new Map(), ruleIds: input.ruleIds, today: input.today });
    problems.push(...ledger.problems.filter((p) => p.file === file));
    problems.push(...currentAttestations(input.projects, input.today).problems.filter((p) => p.file === file));
  }
  return { findings: [...own.findings, ...input.workspace], problems };
}

/** The text of a workspace file as the editor has it, else as on disk; undefined when it does not exist. */
export type TextOf = (path: string) => string | undefined;

export interface RecordContext {
  /** Every path the folder's workspace holds (to find the nearest production-gap.json). */
  paths: Iterable<string>;
  textOf: TextOf;
  by?: string;
  today: string;
}

export type RecordResult = { fix: Fix; file: string } | { error: string };

/** The edit recording an accepted shortcut for `f`: in the nearest production-gap.json (created when missing) or as a comment. */
export function acceptEdit(f: Finding, answers: AcceptAnswers, ctx: RecordContext): RecordResult {
  const reason = answers.reason?.replace(/\s+/g, ' ').trim();
  if (!reason) return { error: 'An accepted shortcut needs a reason: why the team accepts this gap for now.' };
  if (f.tier === 'accepted' && !f.acceptance?.expired) return { error: `This ${f.ruleId} finding is already accepted.` };
  if ((answers.where ?? 'ledger') === 'inline') {
    const text = ctx.textOf(f.file);
    const fix = text === undefined ? undefined : acceptInlineFix(text, f, reason);
    if (!fix) return { error: `A ${f.ruleId} finding in ${f.file} cannot be accepted with a comment there: record it in ${PROJECT_FILE}.` };
    return { fix, file: f.file };
  }
  const revisitProblem = dateProblem(answers.revisit, ctx.today, 'revisit date');
  if (revisitProblem) return { error: revisitProblem };
  const project = projectFileFor(ctx.paths, f.file);
  const fix = acceptInLedgerFix(project, ctx.textOf(project), f, { reason, by: ctx.by, date: ctx.today, revisit: answers.revisit || undefined });
  return { fix, file: project };
}

const ITEMS = new Map(CHECKLIST.filter((d) => d.phase !== 'audit').map((d) => [d.id, d]));

/** The edit recording an attestation of a checklist item in the root production-gap.json (created when missing). */
export function attestEdit(item: string, answers: AttestAnswers, ctx: RecordContext): RecordResult {
  if (!ITEMS.has(item)) return { error: `"${item}" is not a checklist item that can be attested (expected one of ${[...ITEMS.keys()].join(', ')}).` };
  const evidence = answers.evidence?.replace(/\s+/g, ' ').trim();
  if (!evidence) return { error: 'An attestation needs evidence: a link, a runbook section or a dashboard that shows it is in place.' };
  const expiresProblem = dateProblem(answers.expires, ctx.today, 'expiry date');
  if (expiresProblem) return { error: expiresProblem };
  if (!ctx.by) return { error: 'Cannot tell who attests: set git user.name.' };
  const fix = attestFix(PROJECT_FILE, ctx.textOf(PROJECT_FILE), item, { evidence, by: ctx.by, date: ctx.today, expires: answers.expires || undefined });
  return { fix, file: PROJECT_FILE };
}

const names = new Map<string, string | undefined>();

/** Who records a decision: git's user.name in that folder when set, else the OS user name (cached per folder). */
export function whoAmI(root: string): string | undefined {
  if (names.has(root)) return names.get(root);
  let name: string | undefined;
  try {
    const r = spawnSync('git', ['config', 'user.name'], { cwd: root, encoding: 'utf8', timeout: 2_000, windowsHide: true });
    name = r.status === 0 ? r.stdout.trim() || undefined : undefined;
  } catch { name = undefined; }
  if (!name) {
    try { name = os.userInfo().username || undefined; } catch { name = undefined; }
  }
  names.set(root, name);
  return name;
}
