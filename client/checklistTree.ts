/** The "Readiness checklist" tree: phases → items → findings, fed by the server's checklist notifications. */
import * as vscode from 'vscode';
import type { ChecklistFindingDto, ChecklistItemDto, ChecklistParams, ChecklistPhaseDto } from '../server/lsp/protocol';

export type ChecklistNode =
  | { kind: 'phase'; phase: ChecklistPhaseDto }
  | { kind: 'item'; item: ChecklistItemDto }
  | { kind: 'finding'; finding: ChecklistFindingDto };

const STATUS_ICON: Record<ChecklistItemDto['status'], [string, string | undefined]> = {
  pass: ['pass', 'testing.iconPassed'],
  fail: ['error', 'problemsErrorIcon.foreground'],
  unknown: ['question', 'problemsInfoIcon.foreground'],
  'not-applicable': ['circle-slash', 'disabledForeground'],
  accepted: ['pass-filled', 'problemsInfoIcon.foreground'],
  attested: ['verified', 'testing.iconPassed'],
};

const STATUS_TEXT: Record<ChecklistItemDto['status'], string> = {
  pass: 'done',
  fail: 'open',
  unknown: 'unknown',
  'not-applicable': 'not applicable',
  accepted: 'accepted shortcuts only',
  attested: 'attested',
};

const TIER_ICON: Record<ChecklistFindingDto['tier'], [string, string]> = {
  'ship-stopping': ['error', 'problemsErrorIcon.foreground'],
  'tech-debt': ['warning', 'problemsWarningIcon.foreground'],
  accepted: ['info', 'problemsInfoIcon.foreground'],
};

const icon = ([id, color]: [string, string | undefined]) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

export function findingRange(f: ChecklistFindingDto): vscode.Range {
  return new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
}

export class ChecklistTreeProvider implements vscode.TreeDataProvider<ChecklistNode> {
  private readonly changed = new vscode.EventEmitter<ChecklistNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private data: ChecklistParams | undefined;

  get checklist(): ChecklistParams | undefined { return this.data; }

  update(params: ChecklistParams): void {
    this.data = params;
    this.changed.fire(undefined);
  }

  clear(): void {
    this.data = undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    if (!this.data) return [];
    if (!node) return this.data.phases.map((phase) => ({ kind: 'phase', phase }));
    if (node.kind === 'phase') return node.phase.items.map((item) => ({ kind: 'item', item }));
    if (node.kind === 'item') return node.item.findings.map((finding) => ({ kind: 'finding', finding }));
    return [];
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    switch (node.kind) {
      case 'phase': {
        const { phase } = node;
        const t = new vscode.TreeItem(phase.title, vscode.TreeItemCollapsibleState.Expanded);
        t.id = `phase:${phase.phase}`;
        // "29 open · about 2.5 weeks · 0% ready": what is left, the work it takes, how far along the phase is.
        t.description = phase.open === 0 ? `nothing open · ${phase.score}% ready` : `${phase.open} open · ${phase.effort} · ${phase.score}% ready`;
        t.tooltip = phaseTooltip(phase);
        t.iconPath = icon(phase.open === 0 ? ['pass', 'testing.iconPassed'] : ['circle-large-outline', undefined]);
        t.contextValue = 'phase';
        return t;
      }
      case 'item': {
        const { item } = node;
        const t = new vscode.TreeItem(item.title, item.findings.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        t.id = `item:${item.id}`;
        t.description = itemDescription(item);
        t.iconPath = icon(STATUS_ICON[item.status]);
        t.tooltip = itemTooltip(item);
        // `item.<status>`, plus `.attestable` when a person can attest it (the "Attest…" action).
        t.contextValue = `item.${item.status}${item.attestable ? '.attestable' : ''}`;
        return t;
      }
      case 'finding': {
        const { finding } = node;
        const uri = vscode.Uri.parse(finding.uri);
        const range = findingRange(finding);
        const t = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
        const where = `${vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1)}:${range.start.line + 1}`;
        const a = finding.acceptance;
        t.description = a && !a.expired ? `${a.reason}${a.revisit ? ` · revisit ${a.revisit}` : ''} · ${where}` : where;
        const tip = new vscode.MarkdownString().appendText(finding.message).appendMarkdown(`\n\n\`${finding.ruleId}\` · ${finding.tier}`);
        if (a) {
          tip.appendMarkdown(a.expired ? '\n\n**Accepted shortcut, revisit date passed:** ' : '\n\n**Accepted shortcut:** ').appendText(a.reason);
          const details = [a.by && `by ${a.by}`, a.date && `on ${a.date}`, a.revisit && `revisit ${a.revisit}`, a.source === 'inline' ? 'comment in the file' : a.source === 'ledger' ? 'production-gap.json' : undefined].filter(Boolean).join(', ');
          tip.appendMarkdown('\n\n').appendText(details);
        }
        t.tooltip = tip;
        t.iconPath = icon(TIER_ICON[finding.tier]);
        // `finding.accepted` (no accept action), `finding.fixable` (apply fix) or `finding`.
        t.contextValue = finding.tier === 'accepted' ? 'finding.accepted' : finding.hasFix ? 'finding.fixable' : 'finding';
        t.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: range, preserveFocus: false } satisfies vscode.TextDocumentShowOptions] };
        return t;
      }
    }
  }
}

function itemDescription(item: ChecklistItemDto): string {
  if (item.id === 'audit.accepted') return item.findings.length ? `${item.findings.length} accepted` : 'none';
  if (item.count > 0) return String(item.count);
  if (item.status === 'attested' && item.attestation) return `attested by ${item.attestation.by} on ${item.attestation.date}`;
  return STATUS_TEXT[item.status];
}

function phaseTooltip(phase: ChecklistPhaseDto): string {
  const items = phase.items.filter((i) => i.status !== 'not-applicable').length;
  if (phase.phase === 'audit') return `Audit: ${phase.open} open findings to triage; ${phase.effort === 'none' ? 'no work left' : `${phase.effort} of work left in all`}; readiness ${phase.score}% over the other phases.`;
  return `${phase.title}: ${items} applicable items, ${phase.open} open findings, ${phase.effort === 'none' ? 'no work left' : `${phase.effort} of work`}; readiness ${phase.score}% (items passing, accepted or attested).`;
}

function itemTooltip(item: ChecklistItemDto): vscode.MarkdownString {
  const t = new vscode.MarkdownString().appendText(`${item.title}: ${STATUS_TEXT[item.status]}${item.count ? ` (${item.count} open${item.effort ? `, ${item.effort} of work` : ''})` : ''}`);
  if (item.id === 'audit.accepted') t.appendMarkdown('\n\n').appendText('Gaps the team accepted for now, with a reason (production-gap.json or a comment next to the code).');
  if (item.status === 'unknown') t.appendMarkdown('\n\n').appendText(`${item.note ? `The scan could not judge it: ${item.note}.` : 'A scan cannot see this.'} Check it yourself, then record it with "Attest…".`);
  if (item.status === 'pass' && item.note) t.appendMarkdown('\n\n').appendText(item.note);
  const a = item.attestation;
  if (a) {
    t.appendMarkdown('\n\n**Attested** ').appendText(`by ${a.by} on ${a.date}${a.expires ? `, until ${a.expires}` : ''}`);
    t.appendMarkdown('\n\nEvidence: ').appendText(a.evidence);
    if (item.status === 'fail') t.appendMarkdown('\n\n').appendText('The code still has open findings for this item.');
  }
  return t;
}
