/** The status-bar summary: ship-stopping count, or "Production ready"; a click reveals the checklist. */
import * as vscode from 'vscode';
import type { ChecklistParams } from '../server/lsp/protocol';

export class ReadinessStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('productionGap.status', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Production Gap';
    this.item.command = 'productionGap.revealChecklist';
    this.analysing();
    this.item.show();
  }

  get text(): string { return this.item.text; }
  get tooltip(): string { return typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? ''; }

  analysing(): void {
    this.item.text = '$(sync~spin) Production Gap';
    this.item.tooltip = 'Production Gap is analysing the workspace';
    this.item.backgroundColor = undefined;
  }

  stopped(reason: string): void {
    this.item.text = '$(circle-slash) Production Gap';
    this.item.tooltip = reason;
    this.item.backgroundColor = undefined;
  }

  update(params: ChecklistParams): void {
    const { totals } = params;
    const n = totals['ship-stopping'];
    this.item.text = n === 0 ? '$(check) Production ready' : `$(shield) ${n} ship-stopping`;
    this.item.backgroundColor = n === 0 ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
    const plural = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
    this.item.tooltip = [
      n === 0 ? 'Production Gap: no ship-stopping gaps left.' : `Production Gap: ${plural(n, 'ship-stopping gap')} to fix before growth.`,
      `${plural(totals['tech-debt'], 'tech-debt finding')} (fix within 30 days), ${plural(totals.accepted, 'accepted shortcut')}.`,
      'Click to open the readiness checklist.',
    ].join('\n');
  }

  dispose(): void { this.item.dispose(); }
}
