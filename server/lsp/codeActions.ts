/**
 * Code actions from the engine's fixes: one quick fix per fix (attached to its diagnostic), the rule's
 * documentation, and "fix all safe problems" for a file. Pure functions over findings: no connection here.
 */
import {
  CodeActionKind, type CodeAction, type CreateFile, type Diagnostic, type TextDocumentEdit, type TextEdit as LspTextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { applyEdits } from '../engine/fixes';
import { comparePositions } from '../engine/positions';
import { canAcceptInline, removeStaleFix } from '../engine/triageEdits';
import type { Finding, Fix, Range, TextEdit } from '../engine/types';
import { fingerprintOf, isOurs, isProblem } from './diagnostics';
import { ACCEPT_COMMAND, FIX_ALL_KIND, SHOW_RULE_DOC_COMMAND, type AcceptTarget } from './protocol';

/** How a fix's folder-relative files become URIs and versions in a WorkspaceEdit. */
export interface EditContext {
  uriOf(file: string): string;
  /** Version of the open document whose text the fix was computed on; null for files read from disk. */
  versionOf(file: string): number | null;
  /** The client accepts documentChanges (versioned edits). */
  documentChanges: boolean;
  /** The client accepts CreateFile operations in documentChanges. */
  createFiles: boolean;
}

const sameRange = (a: Range, b: Range) => comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;

/** The finding a diagnostic stands for: same rule and fingerprint (range preferred), or same rule and range. */
export function matchFinding(d: Diagnostic, findings: readonly Finding[]): Finding | undefined {
  const fp = fingerprintOf(d);
  const same = findings.filter((f) => f.ruleId === d.code);
  if (fp) return same.find((f) => f.fingerprint === fp && sameRange(f.range, d.range)) ?? same.find((f) => f.fingerprint === fp);
  return same.find((f) => sameRange(f.range, d.range));
}

/** One WorkspaceEdit for a fix (all its files), or undefined when the client cannot apply it. */
export function fixToWorkspaceEdit(fix: Fix, ctx: EditContext): WorkspaceEdit | undefined {
  const creates = fix.creates ?? [];
  const byFile = new Map<string, TextEdit[]>();
  for (const e of fix.edits) {
    let list = byFile.get(e.file);
    if (!list) byFile.set(e.file, (list = []));
    list.push(e);
  }
  const lspEdits = (edits: TextEdit[]): LspTextEdit[] => edits.map((e) => ({ range: e.range, newText: e.newText }));
  if (!ctx.documentChanges) {
    if (creates.length) return undefined;
    const changes: Record<string, LspTextEdit[]> = {};
    for (const [file, edits] of byFile) changes[ctx.uriOf(file)] = lspEdits(edits);
    return { changes };
  }
  if (creates.length && !ctx.createFiles) return undefined;
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  for (const c of creates) {
    const uri = ctx.uriOf(c.file);
    // Edits a fix makes to a file it creates apply to the created content.
    const edits = byFile.get(c.file);
    byFile.delete(c.file);
    const content = edits ? applyEdits(c.content, edits) : c.content;
    documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
    if (content) {
      documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] });
    }
  }
  for (const [file, edits] of byFile) {
    documentChanges.push({ textDocument: { uri: ctx.uriOf(file), version: ctx.versionOf(file) }, edits: lspEdits(edits) });
  }
  return { documentChanges };
}

/** What the client's "Accept as a shortcut…" command needs to know about a finding. */
export function acceptTarget(f: Finding, uri: string): AcceptTarget {
  return { uri, ruleId: f.ruleId, fingerprint: f.fingerprint, range: f.range, message: f.message, inline: canAcceptInline(f) };
}

export const ACCEPT_TITLE = 'Accept as a shortcut…';

/**
 * Quick fixes, "Accept as a shortcut…" (a command: the client asks for the reason, then for the edit) and
 * documentation actions for the diagnostics the client sent (only ours, only findings).
 */
export function quickFixActions(diagnostics: readonly Diagnostic[], findings: readonly Finding[], ctx: EditContext): CodeAction[] {
  const actions: CodeAction[] = [];
  const accepts: CodeAction[] = [];
  const docs = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    if (!isOurs(d) || isProblem(d)) continue;
    const ruleId = d.code as string;
    if (!docs.has(ruleId)) docs.set(ruleId, d);
    const finding = matchFinding(d, findings);
    if (!finding) continue;
    let preferred = false;
    for (const fix of finding.fixes) {
      let edit: WorkspaceEdit | undefined;
      try { edit = fixToWorkspaceEdit(fix, ctx); } catch { edit = undefined; }
      if (!edit) continue;
      const isPreferred = fix.safe && !preferred;
      if (isPreferred) preferred = true;
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred, edit });
    }
    if (finding.tier !== 'accepted') {
      const target = acceptTarget(finding, ctx.uriOf(finding.file));
      accepts.push({ title: ACCEPT_TITLE, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: ACCEPT_TITLE, command: ACCEPT_COMMAND, arguments: [target] } });
    }
  }
  if (accepts.length > 1) for (const a of accepts) a.title = `${ACCEPT_TITLE} (${(a.command!.arguments![0] as AcceptTarget).ruleId})`;
  actions.push(...accepts);
  for (const [ruleId, d] of docs) {
    actions.push({
      title: `Show documentation for ${ruleId}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: { title: `Show documentation for ${ruleId}`, command: SHOW_RULE_DOC_COMMAND, arguments: [ruleId] },
    });
  }
  return actions;
}

/** "Remove this stale entry / comment" for the stale-triage diagnostics of a file (`text`: its current text). */
export function staleTriageActions(diagnostics: readonly Diagnostic[], file: string, text: string | undefined, ctx: EditContext): CodeAction[] {
  const actions: CodeAction[] = [];
  if (text === undefined) return actions;
  for (const d of diagnostics) {
    if (!isOurs(d) || d.code !== 'triage/stale') continue;
    const fix = removeStaleFix(file, text, d.range);
    const edit = fix && fixToWorkspaceEdit(fix, ctx);
    if (fix && edit) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit });
  }
  return actions;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.file === b.file && comparePositions(a.range.start, b.range.end) <= 0 && comparePositions(b.range.start, a.range.end) <= 0;
}

/** The safe fixes of a file's findings that can be applied together: the first safe fix of each, skipping overlaps. */
export function compatibleSafeFixes(findings: readonly Finding[]): Fix[] {
  const chosen: Fix[] = [];
  const edits: TextEdit[] = [];
  const created = new Set<string>();
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.safe);
    if (!fix) continue;
    if (fix.edits.some((e) => edits.some((o) => overlaps(e, o)))) continue;
    if ((fix.creates ?? []).some((c) => created.has(c.file))) continue;
    chosen.push(fix);
    edits.push(...fix.edits);
    for (const c of fix.creates ?? []) created.add(c.file);
  }
  return chosen;
}

/** The `source.fixAll.productionGap` action for a file, or undefined when no safe fix applies. */
export function fixAllAction(findings: readonly Finding[], ctx: EditContext): CodeAction | undefined {
  const fixes = compatibleSafeFixes(findings);
  if (!fixes.length) return undefined;
  const merged: Fix = { title: 'all', safe: true, edits: fixes.flatMap((f) => f.edits), creates: fixes.flatMap((f) => f.creates ?? []) };
  let edit: WorkspaceEdit | undefined;
  try { edit = fixToWorkspaceEdit(merged, ctx); } catch { edit = undefined; }
  if (!edit) return undefined;
  const n = fixes.length;
  return { title: `Fix all safe Production Gap problems (${n} fix${n === 1 ? '' : 'es'})`, kind: FIX_ALL_KIND, edit };
}

/** True when a code action of `kind` was asked for (`only` absent, equal, or a parent kind). */
export function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((k) => kind === k || kind.startsWith(k + '.'));
}
