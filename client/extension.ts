/**
 * The thin VS Code client: starts the bundled language server over Node IPC, and shows what it publishes
 * as diagnostics, the readiness checklist (a tree view) and a status-bar summary. No analysis happens here.
 */
import * as vscode from 'vscode';
import {
  CloseAction, CodeActionKind, CodeActionRequest, CodeActionTriggerKind, LanguageClient, State, TransportKind,
  type CodeAction, type ErrorHandler, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import {
  ACCEPT_COMMAND, ATTEST_COMMAND, AuditReportRequest, ChecklistNotification, CONFIG_SECTION, PRODUCT_NAME, ReanalyseRequest, SHOW_RULE_DOC_COMMAND, ruleDocUrl,
  type AcceptAnswers, type AcceptTarget, type AttestAnswers, type ChecklistItemDto, type ChecklistParams,
} from '../server/lsp/protocol';
import { ChecklistTreeProvider, findingRange, type ChecklistNode } from './checklistTree';
import { ReadinessStatusBar } from './statusBar';
import { accept, attest, promptAccept, promptAttest, targetOf } from './triage';

/** Every file the engine reads (see server/engine/parse/kinds.ts), as glob patterns. */
export const FILE_PATTERNS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/*.{json,jsonc,json5}',
  '**/*.{yaml,yml}',
  '**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile}',
  '**/*.prisma',
  '**/*.sql',
  '**/*.{md,markdown,mdx}',
  '**/{.env,.env.*,*.env}',
  '**/{.gitignore,.dockerignore}',
  '**/{yarn.lock,bun.lock}',
  '**/*.{toml,ini,cfg,conf,properties,sh,bash,zsh,xml,txt,tf,tfvars,hcl,rules,graphql,gql,html,vue,svelte,astro}',
  '**/{.npmrc,.yarnrc,Procfile,Jenkinsfile,Makefile,.netrc,.pgpass,.nvmrc,.node-version,.tool-versions}',
  '**/*.{pem,key,p8}',
  '**/{id_rsa,id_ecdsa,id_ed25519,id_dsa}',
  '**/bin/www',
];

export const VIEW_ID = 'productionGap.checklist';

/** Where a fix or a documentation link applies: a tree node, or a document position with its rule. */
type FindingRef = ChecklistNode | { uri: vscode.Uri | string; range: vscode.Range; ruleId?: string } | undefined;

/** Returned by activate(): used by the extension's tests in a real extension host. */
export interface ProductionGapApi {
  checklist(): ChecklistParams | undefined;
  onChecklist: vscode.Event<ChecklistParams>;
  tree: ChecklistTreeProvider;
  statusBar(): { text: string; tooltip: string };
  client(): LanguageClient | undefined;
  /** How many times the server process died (each one logged in the output channel, then restarted). */
  restarts(): number;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ProductionGapApi> {
  const output = vscode.window.createOutputChannel(PRODUCT_NAME, { log: true });
  const tree = new ChecklistTreeProvider();
  const statusBar = new ReadinessStatusBar();
  const onChecklist = new vscode.EventEmitter<ChecklistParams>();
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(output, statusBar, onChecklist, view);

  const serverModule = context.asAbsolutePath('dist/server.js');
  // VS Code's Node (22 and later) caches V8's compilation of the server bundle here: about 0.3 s of every later start.
  const compileCache = vscode.Uri.joinPath(context.globalStorageUri, 'compile-cache').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: { ...process.env, NODE_COMPILE_CACHE: compileCache } } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };

  let restarts = 0;
  const createClient = (): LanguageClient => {
    let defaults: ErrorHandler | undefined;
    const errorHandler: ErrorHandler = {
      error: (error, message, count) => {
        output.error(`connection error: ${error.message}${message ? ` (message ${JSON.stringify(message).slice(0, 200)})` : ''}`);
        return defaults!.error(error, message, count);
      },
      closed: async () => {
        restarts++;
        output.error(`the ${PRODUCT_NAME} server stopped unexpectedly (exit #${restarts}); see the lines above for its last words`);
        statusBar.analysing();
        const result = await defaults!.closed();
        if (result.message) output.error(result.message);
        if (result.action === CloseAction.DoNotRestart) {
          statusBar.stopped(`${PRODUCT_NAME}'s server keeps crashing and was not restarted: see the output ("${PRODUCT_NAME}: Show Output"), then reload the window.`);
        }
        return result;
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
      // The server registers its own file watchers (server/lsp/watch.ts) and its settings-change notification, and pulls
      // settings per resource: no static `synchronize` here, which would announce each change a second time.
      outputChannel: output,
      errorHandler,
      diagnosticCollectionName: PRODUCT_NAME,
      // Where the server keeps its file analyses between sessions (reopening re-analyses only changed files).
      initializationOptions: { storageDir: (context.storageUri ?? context.globalStorageUri).fsPath },
      markdown: { isTrusted: { enabledCommands: [SHOW_RULE_DOC_COMMAND, 'productionGap.revealChecklist'] } },
    };
    const c = new LanguageClient('productionGap', PRODUCT_NAME, serverOptions, clientOptions);
    defaults = c.createDefaultErrorHandler(4);
    c.onNotification(ChecklistNotification.type, (params) => {
      tree.update(params);
      statusBar.update(params);
      onChecklist.fire(params);
    });
    c.onDidChangeState((e) => output.info(`server state: ${State[e.oldState]} → ${State[e.newState]}`));
    return c;
  };

  const start = async () => {
    if (client) return;
    statusBar.analysing();
    client = createClient();
    try {
      await client.start();
    } catch (e) {
      output.error(`the ${PRODUCT_NAME} server failed to start: ${(e as Error).message}`);
      statusBar.stopped(`${PRODUCT_NAME} could not start its server: see the output ("${PRODUCT_NAME}: Show Output").`);
    }
  };
  const stop = async () => {
    const c = client;
    client = undefined;
    tree.clear();
    statusBar.stopped(`${PRODUCT_NAME} is disabled (setting productionGap.enable).`);
    if (c) await c.stop().catch((e: Error) => output.warn(`stopping the server: ${e.message}`));
  };
  const enabled = () => vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('enable', true);

  const running = (): LanguageClient => {
    if (!client) throw new Error(`${PRODUCT_NAME} is disabled: set productionGap.enable to true.`);
    return client;
  };

  const command = (id: string, fn: (...args: any[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: any[]) => {
      try { return await fn(...args); } catch (e) {
        output.error(`${id}: ${(e as Error).stack ?? e}`);
        void vscode.window.showErrorMessage(`${PRODUCT_NAME}: ${(e as Error).message}`);
        return undefined;
      }
    }));

  command('productionGap.showOutput', () => output.show(true));

  command('productionGap.revealChecklist', async () => {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  });

  command('productionGap.reanalyse', () => vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `${PRODUCT_NAME}: re-analysing` },
    async () => {
      const c = running();
      await c.start();
      const r = await c.sendRequest(ReanalyseRequest.type, undefined);
      vscode.window.setStatusBarMessage(`${PRODUCT_NAME}: analysed ${r.files} files, ${r.findings} findings`, 5000);
      return r;
    },
  ));

  command('productionGap.exportReport', async () => {
    const c = running();
    await c.start();
    const { content } = await c.sendRequest(AuditReportRequest.type, { format: 'markdown' });
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  });

  command(SHOW_RULE_DOC_COMMAND, async (arg?: string | FindingRef) => {
    const ruleId = typeof arg === 'string' ? arg : ruleOf(arg) ?? ruleAtCursor();
    if (!ruleId) throw new Error('no finding selected');
    const url = vscode.Uri.parse(ruleDocUrl(ruleId));
    await vscode.env.openExternal(url);
    return url.toString();
  });

  command('productionGap.applyFix', async (arg?: FindingRef) => {
    const target = locate(arg);
    if (!target) throw new Error('no finding selected: use it on a finding in the checklist or with the cursor on a finding');
    const c = running();
    await c.start();
    return applyFix(c, target.uri, target.range, target.ruleId, output);
  });

  // "Accept as a shortcut…": from the quick fix (an AcceptTarget), a finding of the checklist, or the finding at the
  // cursor. Answers given as the second argument skip the prompts (tests; other extensions).
  command(ACCEPT_COMMAND, async (arg?: AcceptTarget | FindingRef, answers?: AcceptAnswers) => {
    const target = acceptTargetOf(arg, tree.checklist);
    if (!target) throw new Error('no open finding selected: use it on a finding in the checklist or with the cursor on a finding');
    const c = running();
    await c.start();
    const a = answers ?? await promptAccept(target);
    if (!a) return undefined;
    const uri = await accept(c, target, a);
    output.info(`accepted ${target.ruleId} at ${target.uri}:${target.range.start.line + 1} in ${uri.toString()}`);
    return uri;
  });

  // "Attest…": on a checklist item (or its id); from the palette, a pick among the items a scan cannot see.
  command(ATTEST_COMMAND, async (arg?: ChecklistNode | string, answers?: AttestAnswers) => {
    const items = tree.checklist?.phases.flatMap((p) => p.items).filter((i) => i.attestable) ?? [];
    let item: Pick<ChecklistItemDto, 'id' | 'title'> | undefined = typeof arg === 'string' ? items.find((i) => i.id === arg) ?? { id: arg, title: arg }
      : arg?.kind === 'item' ? arg.item : undefined;
    if (!item) {
      const order = (i: ChecklistItemDto) => (i.status === 'unknown' ? 0 : i.status === 'attested' ? 1 : 2);
      const pick = await vscode.window.showQuickPick(
        [...items].sort((a, b) => order(a) - order(b)).map((i) => ({ label: i.title, description: i.status, id: i.id, title: i.title })),
        { title: 'Attest a checklist item', placeHolder: 'Which item do you confirm is in place?' });
      if (!pick) return undefined;
      item = pick;
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    let folder: vscode.Uri | undefined;
    if (folders.length > 1) {
      const f = answers ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder\'s production-gap.json records it?' });
      if (!f) return undefined;
      folder = f.uri;
    }
    const c = running();
    await c.start();
    const a = answers ?? await promptAttest(item);
    if (!a) return undefined;
    const uri = await attest(c, item.id, a, folder);
    output.info(`attested ${item.id} in ${uri.toString()}`);
    return uri;
  });

  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('productionGap.enable')) void (enabled() ? start() : stop());
  }));

  if (enabled()) await start();
  else statusBar.stopped(`${PRODUCT_NAME} is disabled (setting productionGap.enable).`);

  return {
    checklist: () => tree.checklist,
    onChecklist: onChecklist.event,
    tree,
    statusBar: () => ({ text: statusBar.text, tooltip: statusBar.tooltip }),
    client: () => client,
    restarts: () => restarts,
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

/** The finding to accept: a quick fix's target, a checklist finding, a position, or the finding at the cursor (found in the checklist). */
function acceptTargetOf(arg: AcceptTarget | FindingRef, checklist: ChecklistParams | undefined): AcceptTarget | undefined {
  if (arg && 'fingerprint' in arg && 'inline' in arg) return arg;
  if (arg && 'kind' in arg) return arg.kind === 'finding' && arg.finding.tier !== 'accepted' ? targetOf(arg.finding) : undefined;
  const at = locate(arg as FindingRef);
  if (!at) return undefined;
  const uri = at.uri.toString();
  const candidates = (checklist?.phases ?? []).flatMap((p) => p.items).flatMap((i) => i.findings)
    .filter((f) => f.tier !== 'accepted' && (!at.ruleId || f.ruleId === at.ruleId) && vscode.Uri.parse(f.uri).toString() === uri);
  const hit = candidates.find((f) => findingRange(f).isEqual(at.range)) ?? candidates.find((f) => findingRange(f).intersection(at.range));
  return hit && targetOf(hit);
}

function ruleOf(ref: FindingRef): string | undefined {
  if (!ref) return undefined;
  if ('kind' in ref) return ref.kind === 'finding' ? ref.finding.ruleId : undefined;
  return ref.ruleId;
}

export function diagnosticRule(d: vscode.Diagnostic): string | undefined {
  if (d.source !== undefined && d.source !== PRODUCT_NAME) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

function ourDiagnosticAtCursor(): { uri: vscode.Uri; diagnostic: vscode.Diagnostic } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const pos = editor.selection.active;
  const diagnostic = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source === PRODUCT_NAME && d.range.contains(pos));
  return diagnostic && { uri: editor.document.uri, diagnostic };
}

function ruleAtCursor(): string | undefined {
  const hit = ourDiagnosticAtCursor();
  return hit && diagnosticRule(hit.diagnostic);
}

function locate(ref: FindingRef): { uri: vscode.Uri; range: vscode.Range; ruleId?: string } | undefined {
  if (!ref) {
    const hit = ourDiagnosticAtCursor();
    return hit && { uri: hit.uri, range: hit.diagnostic.range, ruleId: diagnosticRule(hit.diagnostic) };
  }
  if ('kind' in ref) {
    if (ref.kind !== 'finding') return undefined;
    return { uri: vscode.Uri.parse(ref.finding.uri), range: findingRange(ref.finding), ruleId: ref.finding.ruleId };
  }
  return { uri: typeof ref.uri === 'string' ? vscode.Uri.parse(ref.uri) : ref.uri, range: ref.range, ruleId: ref.ruleId };
}

/**
 * Asks our server for the quick fixes of one finding (its diagnostic, with the fingerprint in `data`) and applies
 * the preferred one. Asking the server directly, rather than every provider, keeps other extensions' actions out.
 */
async function applyFix(c: LanguageClient, uri: vscode.Uri, range: vscode.Range, ruleId: string | undefined, output: vscode.LogOutputChannel): Promise<boolean> {
  const candidates = (c.diagnostics?.get(uri) ?? []).filter((d) => ruleId === undefined || diagnosticRule(d) === ruleId);
  const diagnostic = candidates.find((d) => d.range.isEqual(range)) ?? candidates.find((d) => d.range.intersection(range));
  if (!diagnostic) {
    void vscode.window.showInformationMessage(`${PRODUCT_NAME}: this finding is gone (the file changed since the last analysis).`);
    return false;
  }
  const c2p = c.code2ProtocolConverter;
  const result = await c.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: c2p.asUri(uri) },
    range: c2p.asRange(diagnostic.range),
    context: { diagnostics: await c2p.asDiagnostics([diagnostic]), only: [CodeActionKind.QuickFix], triggerKind: CodeActionTriggerKind.Invoked },
  });
  const fixes = (result ?? []).filter((a): a is CodeAction => typeof a.command !== 'string')
    .filter((a) => a.edit || (a.command && a.command.command !== SHOW_RULE_DOC_COMMAND));
  const fix = fixes.find((a) => a.isPreferred) ?? fixes.find((a) => a.edit) ?? fixes[0];
  if (!fix) {
    output.info(`no fix for ${diagnosticRule(diagnostic)} at ${uri.toString()}:${range.start.line + 1} (server offered ${JSON.stringify((result ?? []).map((a) => a.title))})`);
    void vscode.window.showInformationMessage(`${PRODUCT_NAME}: ${diagnosticRule(diagnostic)} has no automatic fix here. Its documentation says what to change.`);
    return false;
  }
  output.info(`applying fix "${fix.title}" at ${uri.toString()}:${range.start.line + 1}`);
  if (fix.edit) {
    const edit = await c.protocol2CodeConverter.asWorkspaceEdit(fix.edit);
    if (!edit || !(await vscode.workspace.applyEdit(edit))) throw new Error(`could not apply "${fix.title}" (the file may have changed: re-analyse and retry)`);
  }
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  return true;
}
