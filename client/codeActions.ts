/** Asking VS Code's code-action providers (our server among them) for the quick fixes at a range. */
import * as vscode from 'vscode';

/**
 * The quick fixes at a range. VS Code cancels such a request when another extension registers a code-action
 * provider meanwhile (e.g. the TypeScript extension activating as the file opens): retry a few times.
 */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<(vscode.CodeAction | vscode.Command)[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    } catch (e) {
      const canceled = e instanceof vscode.CancellationError || (e as Error)?.name === 'Canceled' || (e as Error)?.message === 'Canceled';
      if (!canceled || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
