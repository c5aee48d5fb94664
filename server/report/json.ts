/**
 * The machine-readable report: findings, checklist and summary, versioned.
 * Documented in docs/json-output.md; schemas/audit-output.schema.json is its JSON Schema (keep the three in step).
 */
import type { ItemStatus } from '../engine/checklist';
import type { Category, FixKind, Phase, Tier } from '../engine/types';
import {
  INFORMATION_URI, TOOL_NAME, TOOL_VERSION,
  countByCategory, location1, ruleDocUrl, type Location1, type ReportInput,
} from './common';

/** `major.minor`: a new optional field bumps the minor, a removed or changed field the major. */
export const JSON_SCHEMA_VERSION = '1.0';

export interface AuditOutput {
  schemaVersion: typeof JSON_SCHEMA_VERSION;
  tool: { name: string; version: string; informationUri: string };
  summary: {
    files: number;
    rules: number;
    findings: number;
    byTier: Record<Tier, number>;
    byCategory: Record<Category, Record<Tier, number>>;
  };
  rules: Array<{ id: string; title: string; category: Category; phase: Phase; tier: Tier; fixKind: FixKind; checklist: string; helpUri: string }>;
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
  }>;
  checklist: {
    phases: Array<{
      phase: Phase;
      title: string;
      open: number;
      items: Array<{ id: string; title: string; status: ItemStatus; open: number; accepted: number; rules: string[]; findings: string[] }>;
    }>;
  };
}

export function toAuditOutput(input: ReportInput): AuditOutput {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION, informationUri: INFORMATION_URI },
    summary: {
      files: input.fileCount,
      rules: input.rules.length,
      findings: input.findings.length,
      byTier: { ...input.checklist.totals },
      byCategory: countByCategory(input.findings),
    },
    rules: input.rules.map(({ meta: m }) => ({
      id: m.id, title: m.title, category: m.category, phase: m.phase, tier: m.tier, fixKind: m.fixKind, checklist: m.checklist, helpUri: ruleDocUrl(m.id),
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
    })),
    checklist: {
      phases: input.checklist.phases.map((p) => ({
        phase: p.phase,
        title: p.title,
        open: p.open,
        items: p.items.map((i) => ({
          id: i.id,
          title: i.title,
          status: i.status,
          open: i.count,
          accepted: i.findings.filter((f) => f.tier === 'accepted').length,
          rules: [...i.rules],
          findings: i.findings.map((f) => f.fingerprint),
        })),
      })),
    },
  };
}

export function formatJson(input: ReportInput): string {
  return JSON.stringify(toAuditOutput(input), null, 2) + '\n';
}
