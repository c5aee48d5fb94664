/** Custom messages shared by the language server and the VS Code client (typed once, used by both). */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { ItemStatus } from '../engine/checklist';
import type { Phase, Tier } from '../engine/types';

export const PRODUCT_NAME = 'Production Gap';

export interface ChecklistFindingDto {
  ruleId: string;
  message: string;
  tier: Tier;
  /** Document URI and range of the finding. */
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fingerprint: string;
  hasFix: boolean;
}
export interface ChecklistItemDto { id: string; title: string; status: ItemStatus; count: number; findings: ChecklistFindingDto[] }
export interface ChecklistPhaseDto { phase: Phase; title: string; open: number; items: ChecklistItemDto[] }
export interface ChecklistParams {
  /** Workspace folder URIs this checklist covers (one merged checklist across folders). */
  folders: string[];
  phases: ChecklistPhaseDto[];
  totals: Record<Tier, number>;
}

/** Sent by the server whenever the checklist changes. */
export namespace ChecklistNotification {
  export const method = 'productionGap/checklist';
  export const type = new NotificationType<ChecklistParams>(method);
}

/** Asks the server for the Markdown audit report of the workspace (the export command). */
export namespace AuditReportRequest {
  export const method = 'productionGap/auditReport';
  export const type = new RequestType<{ format: 'markdown' }, { content: string }, void>(method);
}

/** Asks the server to re-analyse every workspace folder from disk. */
export namespace ReanalyseRequest {
  export const method = 'productionGap/reanalyse';
  export const type = new RequestType<void, { files: number; findings: number }, void>(method);
}

/** Base URL of rule documentation (codeDescription.href). */
export function ruleDocUrl(ruleId: string): string {
  return `https://github.com/production-gap/production-gap/blob/main/docs/rules/${ruleId}.md`;
}

/** What the server keeps in `Diagnostic.data`: the finding's fingerprint (stable across edits above it). */
export interface DiagnosticData { fingerprint: string }

/** Command the client implements: opens the documentation of a rule (argument: the rule id). */
export const SHOW_RULE_DOC_COMMAND = 'productionGap.showRuleDoc';
/** Code action kind of "fix all safe problems in this file" (a sub-kind of source.fixAll). */
export const FIX_ALL_KIND = 'source.fixAll.productionGap';
/** Settings section pulled per resource through workspace/configuration. */
export const CONFIG_SECTION = 'productionGap';

/** The settings under `productionGap` (see the extension's package.json contributes.configuration). */
export interface ProductionGapSettings {
  enable: boolean;
  /** Rule id -> 'off' or a tier override. */
  rules: Record<string, 'off' | Tier>;
  /** Extra exclude globs, relative to the workspace folder. */
  exclude: string[];
  diagnostics: { tiers: Tier[] };
}

export interface ServerStats {
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number };
  folders: Array<{
    uri: string;
    files: number;
    findings: number;
    /** Files parsed since the folder was loaded (an edit re-parses only the edited file). */
    parses: number;
    /** Duration of the last answer to an edit (the edited documents' own analysis and publish). */
    lastFileStepMs: number;
    /** Duration of the last workspace step (Workspace.analyze: every file's findings, workspace rules, checklist). */
    lastWorkspaceStepMs: number;
    /** Workspace steps run so far. */
    workspaceSteps: number;
    /** Last edit-to-publish durations measured inside the server (debounce included), oldest first. */
    editLatenciesMs: number[];
  }>;
}

/** Asks the server for its memory use and per-folder counters (benchmarks, diagnostics). */
export namespace StatsRequest {
  export const method = 'productionGap/stats';
  export const type = new RequestType<void, ServerStats, void>(method);
}
