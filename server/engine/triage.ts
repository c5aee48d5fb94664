/**
 * The team's triage applied to findings: accepted shortcuts from production-gap.json (the ledger) and from inline
 * comments, revisit dates, stale entries, expired attestations. Pure functions over findings and parsed controls.
 */
import type { Attestation, ConfigProblem, ProjectConfig } from './project';
import { nearestProject } from './project';
import type { InlineAccept } from './inlineAccept';
import type { Acceptance, Finding } from './types';

export const REVISIT_PASSED = '(accepted shortcut: revisit date passed)';

export interface TriageInput {
  findings: readonly Finding[];
  projects: readonly ProjectConfig[];
  /** Inline accept comments per workspace file. */
  inline: ReadonlyMap<string, readonly InlineAccept[]>;
  /** Rule ids the engine knows (an inline accept naming another id is a problem). */
  ruleIds: ReadonlySet<string>;
  /** YYYY-MM-DD */
  today: string;
}

export interface TriageResult { findings: Finding[]; problems: ConfigProblem[] }

export function applyAcceptances(input: TriageInput): TriageResult {
  const problems: ConfigProblem[] = [];
  const usedLedger = new Set<object>();
  const usedInline = new Set<object>();
  const out = input.findings.map((f) => {
    if (f.tier === 'accepted') return f;
    let acceptance: Acceptance | undefined;
    const inl = input.inline.get(f.file)?.find((a) => a.reason && a.ruleId === f.ruleId && covers(a, f));
    if (inl) {
      usedInline.add(inl);
      acceptance = { reason: inl.reason!, source: 'inline' };
    } else {
      const project = nearestProject(input.projects, f.file);
      const entries = project?.accepted.filter((e) => e.rule === f.ruleId && (!e.file || e.file === f.file) && (!e.fingerprint || e.fingerprint === f.fingerprint)) ?? [];
      // A renewed entry wins over an older one whose revisit date passed.
      const entry = entries.find((e) => !e.revisit || e.revisit >= input.today) ?? entries[0];
      for (const e of entries) usedLedger.add(e);
      if (entry) acceptance = { reason: entry.reason, by: entry.by, date: entry.date, revisit: entry.revisit, source: 'ledger' };
    }
    if (!acceptance) return f;
    if (acceptance.revisit && acceptance.revisit < input.today) {
      return { ...f, message: `${f.message} ${REVISIT_PASSED}`, acceptance: { ...acceptance, expired: true } };
    }
    return { ...f, tier: 'accepted' as const, acceptance };
  });

  for (const p of input.projects) {
    for (const e of p.accepted) {
      if (usedLedger.has(e)) continue;
      const where = e.file ? ` in ${e.file}` : '';
      problems.push({ file: e.source, range: e.range, severity: 'warning', code: 'stale', message: `Stale accepted shortcut: no ${e.rule} finding${where}${e.fingerprint ? ' with this fingerprint' : ''} any more. The gap may be closed (or the code moved): remove the entry or update it.` });
    }
  }
  for (const [file, list] of input.inline) {
    for (const a of list) {
      if (!input.ruleIds.has(a.ruleId)) {
        problems.push({ file, range: a.range, severity: 'error', code: 'unknown-rule', message: `Unknown rule id "${a.ruleId}" in a production-gap-accept comment.` });
      } else if (!a.reason) {
        problems.push({ file, range: a.range, severity: 'error', code: 'no-reason', message: `This production-gap-accept comment has no reason, so it does not accept anything: write "production-gap-accept ${a.ruleId} -- <why the team accepts it for now>".` });
      } else if (!usedInline.has(a)) {
        problems.push({ file, range: a.range, severity: 'warning', code: 'stale', message: `Stale accept comment: no ${a.ruleId} finding on this line or the next. Remove the comment if the gap is closed.` });
      }
    }
  }
  return { findings: out, problems };
}

/**
 * True when an accept comment covers a finding: the finding spans the comment's line (a trailing comment) or the line
 * after it (a comment above), on any of its lines, so a comment above the second line of a multi-line call counts.
 */
function covers(a: InlineAccept, f: Finding): boolean {
  const { start, end } = f.range;
  const last = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  return a.lines[0] <= last && start.line <= a.lines[1];
}

/** Attestations still valid today; expired ones become warnings in their project file. */
export function currentAttestations(projects: readonly ProjectConfig[], today: string): { attestations: Attestation[]; problems: ConfigProblem[] } {
  const attestations: Attestation[] = [];
  const problems: ConfigProblem[] = [];
  for (const p of projects) {
    for (const a of p.attestations) {
      if (a.expires && a.expires < today) {
        problems.push({ file: a.source, range: a.range, severity: 'warning', code: 'expired', message: `The attestation of ${a.item} expired on ${a.expires}: the item shows as unknown until someone confirms it again.` });
      } else attestations.push(a);
    }
  }
  return { attestations, problems };
}
