/**
 * The team's triage from the editor: "Accept as a shortcut…" and "Attest…". The client only asks (input boxes, a
 * quick pick) and applies the edit the server builds; answers passed as the command's argument skip the prompts.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { addDays, dateProblem, localToday } from '../server/engine/dates';
import {
  AcceptShortcutRequest, AttestRequest, PRODUCT_NAME,
  type AcceptAnswers, type AcceptTarget, type AcceptWhere, type AttestAnswers, type ChecklistFindingDto, type ChecklistItemDto, type TriageEditResult,
} from '../server/lsp/protocol';

/** The accept target of a checklist finding. */
export function targetOf(f: ChecklistFindingDto): AcceptTarget {
  return { uri: f.uri, ruleId: f.ruleId, fingerprint: f.fingerprint, range: f.range, message: f.message, inline: !!f.inlineAccept };
}

/** Asks why (required), where (when a comment is possible) and until when (project file only); undefined when cancelled. */
export async function promptAccept(target: AcceptTarget): Promise<AcceptAnswers | undefined> {
  const title = `Accept ${target.ruleId} as a shortcut`;
  const steps = target.inline ? 3 : 2;
  const reason = await vscode.window.showInputBox({
    title: `${title} (1/${steps})`,
    prompt: `Why does the team accept this for now? It is recorded with your name and shown to everyone. "${target.message.slice(0, 120)}"`,
    placeHolder: 'e.g. internal tool with 5 users; rate limiting comes with the public launch',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A reason is required: an accepted shortcut without one accepts nothing.'),
  });
  if (reason === undefined) return undefined;
  let where: AcceptWhere = 'ledger';
  if (target.inline) {
    const items: Array<vscode.QuickPickItem & { where: AcceptWhere }> = [
      { label: 'production-gap.json', description: 'the team\'s shared ledger', detail: 'Records who, when and an optional revisit date; the CLI, CI and the audit report read it.', where: 'ledger' },
      { label: 'A comment above the finding', description: `production-gap-accept ${target.ruleId} -- …`, detail: 'Keeps the decision next to the code (no revisit date).', where: 'inline' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `${title} (2/3)`, placeHolder: 'Where should the decision be recorded?', ignoreFocusOut: true });
    if (!pick) return undefined;
    where = pick.where;
  }
  let revisit: string | undefined;
  if (where === 'ledger') {
    const today = localToday();
    revisit = await vscode.window.showInputBox({
      title: `${title} (${steps}/${steps})`,
      prompt: 'Revisit date (YYYY-MM-DD), optional: after it the finding comes back. Leave empty for none.',
      placeHolder: addDays(today, 90),
      ignoreFocusOut: true,
      validateInput: (v) => dateProblem(v.trim(), today, 'revisit date'),
    });
    if (revisit === undefined) return undefined;
  }
  return { reason: reason.trim(), where, revisit: revisit?.trim() || undefined };
}

/** Asks for the evidence (required) and an optional expiry date; undefined when cancelled. */
export async function promptAttest(item: Pick<ChecklistItemDto, 'id' | 'title'>): Promise<AttestAnswers | undefined> {
  const title = `Attest "${item.title}"`;
  const evidence = await vscode.window.showInputBox({
    title: `${title} (1/2)`,
    prompt: 'What shows it is in place? A link, a runbook section, a dashboard. Recorded with your name and today\'s date.',
    placeHolder: 'e.g. https://wiki.example.com/ops/backups (restore tested 2026-01-10)',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Evidence is required.'),
  });
  if (evidence === undefined) return undefined;
  const today = localToday();
  const expires = await vscode.window.showInputBox({
    title: `${title} (2/2)`,
    prompt: 'Expiry date (YYYY-MM-DD), optional: after it the item shows as unknown again. Leave empty for none.',
    placeHolder: addDays(today, 180),
    ignoreFocusOut: true,
    validateInput: (v) => dateProblem(v.trim(), today, 'expiry date'),
  });
  if (expires === undefined) return undefined;
  return { evidence: evidence.trim(), expires: expires.trim() || undefined };
}

/** Asks the server for the accept edit and applies it; returns the URI of the file that records it. */
export async function accept(c: LanguageClient, target: AcceptTarget, answers: AcceptAnswers): Promise<vscode.Uri> {
  const r = await c.sendRequest(AcceptShortcutRequest.type, { target, ...answers });
  return applyTriageEdit(c, r, 'accept this shortcut');
}

export async function attest(c: LanguageClient, item: string, answers: AttestAnswers, folder?: vscode.Uri): Promise<vscode.Uri> {
  const r = await c.sendRequest(AttestRequest.type, { item, ...answers, folder: folder && c.code2ProtocolConverter.asUri(folder) });
  return applyTriageEdit(c, r, `attest ${item}`);
}

/**
 * Applies the server's edit as a refactoring, then saves the files it touched that had no unsaved changes before
 * (production-gap.json is usually not open: the decision must reach the disk, where the CLI and CI read it).
 */
async function applyTriageEdit(c: LanguageClient, r: TriageEditResult, what: string): Promise<vscode.Uri> {
  if (r.error || !r.edit || !r.uri) throw new Error(r.error ?? `the server sent nothing to ${what}`);
  const edit = await c.protocol2CodeConverter.asWorkspaceEdit(r.edit);
  const touched = edit.entries().map(([uri]) => uri);
  const clean = new Set(touched.filter((u) => !vscode.workspace.textDocuments.some((d) => d.uri.toString() === u.toString() && d.isDirty)).map(String));
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) throw new Error(`could not ${what}: the file changed meanwhile; try again`);
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && clean.has(doc.uri.toString())) await doc.save();
  }
  const uri = c.protocol2CodeConverter.asUri(r.uri);
  vscode.window.setStatusBarMessage(`${PRODUCT_NAME}: recorded in ${vscode.workspace.asRelativePath(uri)}`, 5000);
  return uri;
}
