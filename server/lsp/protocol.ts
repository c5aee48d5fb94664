/** Custom messages shared by the language server and the VS Code client (typed once, used by both). */
import { NotificationType, RequestType, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { ItemStatus } from '../engine/checklist';
import type { ConfigProblem } from '../engine/project';
import type { Acceptance, Phase, Tier } from '../engine/types';

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
  /** The team's acceptance (reason, who, when, revisit); on an open finding only when its revisit date passed (`expired`). */
  acceptance?: Acceptance;
  /** The finding can be accepted with a comment in its own file (a code finding in a format with comments). */
  inlineAccept?: boolean;
}
export interface AttestationDto {
  evidence: string;
  by: string;
  date: string;
  expires?: string;
  /** URI of the project file (production-gap.json) that records it. */
  uri: string;
}
export interface ChecklistItemDto {
  id: string; title: string; status: ItemStatus; count: number; findings: ChecklistFindingDto[];
  /** A person can attest it (items outside the Audit phase): the scan cannot see it all. */
  attestable?: boolean;
  attestation?: AttestationDto;
  /** Estimated work to close its open findings, e.g. "about 3 hours" (absent when nothing is open). */
  effort?: string;
  /** Why an 'unknown' item could not be judged by the scan. */
  note?: string;
}
export interface ChecklistPhaseDto {
  phase: Phase; title: string; open: number; items: ChecklistItemDto[];
  /** Readiness in percent: applicable items passing, accepted or attested (for Audit: over the other phases). */
  score: number;
  /** Estimated work to close the phase's open findings ("about 2.5 weeks"; for Audit: all phases), and in hours. */
  effort: string;
  effortHours: number;
}
export interface ChecklistParams {
  /** Workspace folder URIs this checklist covers (one merged checklist across folders). */
  folders: string[];
  phases: ChecklistPhaseDto[];
  totals: Record<Tier, number>;
  /** Over the Harden, Infrastructure and Documentation phases. */
  score: number;
  effort: string;
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

/** Where an accepted shortcut is recorded: the shared project file, or a comment next to the finding. */
export type AcceptWhere = 'ledger' | 'inline';

/** The finding an "Accept as a shortcut…" action is about (the code action's command argument). */
export interface AcceptTarget {
  uri: string;
  ruleId: string;
  fingerprint: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  /** An inline comment is possible (else only the project file). */
  inline: boolean;
}

/** The answers to the accept prompts (also accepted as the command's second argument, which skips the prompts). */
export interface AcceptAnswers {
  reason: string;
  /** YYYY-MM-DD, optional; only the project file stores it. */
  revisit?: string;
  /** Default: 'ledger'. */
  where?: AcceptWhere;
}

export interface AcceptParams extends AcceptAnswers { target: AcceptTarget }

/** What the client applies with workspace.applyEdit, or why there is nothing to apply. */
export interface TriageEditResult {
  edit?: WorkspaceEdit;
  /** URI of the file that records the decision. */
  uri?: string;
  error?: string;
}

/** Asks the server for the edit that records an accepted shortcut (in production-gap.json or inline); the client applies it. */
export namespace AcceptShortcutRequest {
  export const method = 'productionGap/acceptShortcut';
  export const type = new RequestType<AcceptParams, TriageEditResult, void>(method);
}

export interface AttestAnswers {
  /** What shows the item is in place: a link, a runbook section, a dashboard. */
  evidence: string;
  /** YYYY-MM-DD, optional: after it the item is unknown again. */
  expires?: string;
}
export interface AttestParams extends AttestAnswers {
  /** Checklist item id, e.g. "infra.backups". */
  item: string;
  /** Workspace folder URI whose production-gap.json records it (default: the first folder). */
  folder?: string;
}

/** Asks the server for the edit that records an attestation of a checklist item in production-gap.json. */
export namespace AttestRequest {
  export const method = 'productionGap/attest';
  export const type = new RequestType<AttestParams, TriageEditResult, void>(method);
}

/** Client commands: "Accept as a shortcut…" (argument: AcceptTarget, optional AcceptAnswers) and "Attest…" (item, optional AttestAnswers). */
export const ACCEPT_COMMAND = 'productionGap.acceptShortcut';
export const ATTEST_COMMAND = 'productionGap.attest';

/** Base URL of rule documentation (codeDescription.href). */
export function ruleDocUrl(ruleId: string): string {
  return `https://github.com/production-gap/production-gap/blob/main/docs/rules/${ruleId}.md`;
}

/** Documentation of production-gap.json and accept comments (codeDescription.href of their problems). */
export const TRIAGE_DOC_URL = 'https://github.com/production-gap/production-gap#triage-accepted-shortcuts-attestations-baseline';

/**
 * What the server keeps in `Diagnostic.data`: a finding's fingerprint (stable across edits above it), or, for a
 * problem in the team's controls (production-gap.json, accept comments), its kind.
 */
export type DiagnosticData = { fingerprint: string } | { problem: ConfigProblem['code'] };

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
  /** Accepted findings show as Hints (true) or not at all (false). */
  showAccepted: boolean;
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
