/**
 * The machine-readable report: findings, checklist and summary, versioned.
 * Documented in docs/json-output.md; schemas/audit-output.schema.json is its JSON Schema (keep the three in step).
 */
import type { ItemStatus } from '../engine/checklist';
import { formatEffort } from '../engine/effort';
import { localToday } from '../engine/project';
import type { Category, Effort, FixKind, Phase, Tier } from '../engine/types';
import {
  INFORMATION_URI, TOOL_NAME, TOOL_VERSION,
  countByCategory, location1, range1, ruleDocUrl, type Location1, type ReportInput,
} from './common';

/** `major.minor`: a new optional field bumps the minor, a removed or changed field the major. */
export const JSON_SCHEMA_VERSION = '1.2';

/** Hours and their wording (`about 3 days`), as the reports show them. */
export interface EffortOutput { hours: number; label: string }

export interface AuditOutput {
  schemaVersion: typeof JSON_SCHEMA_VERSION;
  tool: { name: string; version: string; informationUri: string };
  summary: {
    files: number;
    rules: number;
    findings: number;
    byTier: Record<Tier, number>;
    byCategory: Record<Category, Record<Tier, number>>;
    /** Percentage of applicable checklist items (harden, infrastructure, documentation) that pass, are accepted or attested. */
    score: number;
    /** To close every open finding. */
    effort: EffortOutput;
    /** Only with --baseline: open (not accepted) findings not in the baseline, and those in it. */
    baseline?: { new: number; baselined: number };
  };
  rules: Array<{ id: string; title: string; category: Category; phase: Phase; tier: Tier; fixKind: FixKind; checklist: string; helpUri: string; effort: Effort }>;
  findings: Array<{
    ruleId: string;
    category: Category;
    phase: Phase;
    tier: Tier;
    message: string;
    file: string;
    range: Location1;
    workspace: boolean;
    fingerprint: string;
    fixes: Array<{ title: string; safe: boolean }>;
    /** The team's acceptance (production-gap.json, an inline comment, or 'config': the rule set to "accepted" for every finding); `expired`: the revisit date passed, the finding is back at its tier. */
    acceptance?: { reason: string; by?: string; date?: string; revisit?: string; source: 'ledger' | 'inline' | 'config'; expired: boolean };
    /** Only with --baseline, as in SARIF: `new` (not in the baseline) or `unchanged` (baselined). */
    baselineState?: 'new' | 'unchanged';
  }>;
  checklist: {
    phases: Array<{
      phase: Phase;
      title: string;
      open: number;
      score: number;
      effort: EffortOutput;
      items: Array<{
        id: string; title: string; status: ItemStatus; open: number; accepted: number; rules: string[]; findings: string[];
        effort: EffortOutput;
        attestation?: { evidence: string; by: string; date: string; expires?: string };
        /** Why an 'unknown' item could not be judged by the scan. */
        note?: string;
      }>;
    }>;
  };
  /** Every attestation in the project files, expired ones included (`expired`: the item is unknown again). */
  attestations: Array<{ item: string; evidence: string; by: string; date: string; expires?: string; expired: boolean; source: string }>;
  /** Problems in the team's controls: production-gap.json content, accept comments without a reason, stale entries, expired attestations. */
  configProblems: Array<{ file: string; range: Location1; severity: 'error' | 'warning'; code: string; message: string }>;
}

const effortOf = (hours: number): EffortOutput => ({ hours: Math.round(hours * 100) / 100, label: formatEffort(hours) });

export function toAuditOutput(input: ReportInput): AuditOutput {
  const today = input.today ?? localToday();
  const baselined = input.baselined;
  const isKnown = (fp: string) => baselined?.has(fp) === true;
  const open = input.findings.filter((f) => f.tier !== 'accepted');
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION, informationUri: INFORMATION_URI },
    summary: {
      files: input.fileCount,
      rules: input.rules.length,
      findings: input.findings.length,
      byTier: { ...input.checklist.totals },
      byCategory: countByCategory(input.findings),
      score: input.checklist.score ?? 0,
      effort: effortOf(input.checklist.effortHours ?? 0),
      ...(baselined ? { baseline: { new: open.filter((f) => !isKnown(f.fingerprint)).length, baselined: open.filter((f) => isKnown(f.fingerprint)).length } } : {}),
    },
    rules: input.rules.map(({ meta: m }) => ({
      id: m.id, title: m.title, category: m.category, phase: m.phase, tier: m.tier, fixKind: m.fixKind, checklist: m.checklist, helpUri: ruleDocUrl(m.id), effort: m.effort,
    })),
    findings: input.findings.map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      phase: f.phase,
      tier: f.tier,
      message: f.message,
      file: f.file,
      range: location1(f),
      workspace: f.workspace === true,
      fingerprint: f.fingerprint,
      fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe })),
      ...(f.acceptance ? { acceptance: acceptanceOf(f.acceptance) } : {}),
      ...(baselined ? { baselineState: isKnown(f.fingerprint) ? 'unchanged' as const : 'new' as const } : {}),
    })),
    checklist: {
      phases: input.checklist.phases.map((p) => ({
        phase: p.phase,
        title: p.title,
        open: p.open,
        score: p.score ?? 0,
        effort: effortOf(p.effortHours ?? 0),
        items: p.items.map((i) => ({
          id: i.id,
          title: i.title,
          status: i.status,
          open: i.count,
          accepted: i.findings.filter((f) => f.tier === 'accepted').length,
          rules: [...i.rules],
          findings: i.findings.map((f) => f.fingerprint),
          effort: effortOf(i.effortHours ?? 0),
          ...(i.attestation ? { attestation: { evidence: i.attestation.evidence, by: i.attestation.by, date: i.attestation.date, ...(i.attestation.expires ? { expires: i.attestation.expires } : {}) } } : {}),
          ...(i.note ? { note: i.note } : {}),
        })),
      })),
    },
    attestations: attestationsOf(input, today),
    configProblems: (input.configProblems ?? []).map((p) => ({ file: p.file, range: range1(p.range), severity: p.severity, code: p.code, message: p.message })),
  };
}

function acceptanceOf(a: NonNullable<ReportInput['findings'][number]['acceptance']>): NonNullable<AuditOutput['findings'][number]['acceptance']> {
  return {
    reason: a.reason,
    ...(a.by ? { by: a.by } : {}), ...(a.date ? { date: a.date } : {}), ...(a.revisit ? { revisit: a.revisit } : {}),
    source: a.source, expired: a.expired === true,
  };
}

/** From the project files when the input has them (expired ones included), else the checklist's current attestations. */
function attestationsOf(input: ReportInput, today: string): AuditOutput['attestations'] {
  const all = input.projects
    ? input.projects.flatMap((p) => p.attestations)
    : input.checklist.phases.flatMap((p) => p.items).flatMap((i) => (i.attestation ? [{ item: i.id, ...i.attestation }] : []));
  return all.map((a) => ({
    item: a.item, evidence: a.evidence, by: a.by, date: a.date, ...(a.expires ? { expires: a.expires } : {}),
    expired: a.expires !== undefined && a.expires < today, source: a.source,
  }));
}

export function formatJson(input: ReportInput): string {
  return JSON.stringify(toAuditOutput(input), null, 2) + '\n';
}
