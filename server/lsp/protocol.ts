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
