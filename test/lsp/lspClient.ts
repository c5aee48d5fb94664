/** A minimal LSP client for protocol tests: starts the built server over stdio and records what it sends. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type ProtocolConnection, type PublishDiagnosticsParams, type Diagnostic, type WorkspaceEdit, type TextDocumentEdit, type CreateFile, type FileEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ChecklistParams } from '../../server/lsp/protocol';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

let built = false;
/** Builds dist/server.js once per test process. */
export function buildServer(): void {
  if (built || process.env.PRODUCTION_GAP_BUILT) return; // `npm test` built dist/ before the parallel test files
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  built = true;
}

/** Writes a workspace (path -> content) into a new temp folder; returns its absolute path. */
export function makeWorkspace(files: Record<string, string | Buffer>, prefix = 'pg-lsp-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [rel, content] of Object.entries(files)) writeFile(dir, rel, content);
  return dir;
}

export function writeFile(dir: string, rel: string, content: string | Buffer): void {
  const abs = path.join(dir, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

export const uriOf = (abs: string) => pathToFileURL(abs).href;

export interface StartOptions {
  folders: string[];
  /** Settings returned for workspace/configuration (per scope uri, or for all). */
  settings?: (scopeUri: string | undefined) => unknown;
  env?: Record<string, string>;
  /** Sent as `initializationOptions` (the VS Code client sends `{ storageDir }`). */
  initializationOptions?: unknown;
}

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  readonly checklists: ChecklistParams[] = [];
  readonly logs: string[] = [];
  readonly progress: Array<{ kind: string; message?: string; percentage?: number; title?: string }> = [];
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  settings: (scopeUri: string | undefined) => unknown;
  private readonly docs = new Map<string, TextDocument>();
  private exited = false;

  private constructor(readonly child: ChildProcess, readonly conn: ProtocolConnection, readonly folders: string[], settings: StartOptions['settings']) {
    this.settings = settings ?? (() => ({}));
    child.on('exit', () => { this.exited = true; });
  }

  static async start(opts: StartOptions): Promise<LspClient> {
    buildServer();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    child.stderr!.on('data', () => {});
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, conn, opts.folders, opts.settings);
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => { client.published.push(p); client.latest.set(p.uri, p); });
    conn.onNotification('productionGap/checklist', (p: ChecklistParams) => { client.checklists.push(p); });
    conn.onNotification('window/logMessage', (p: { message: string }) => { client.logs.push(p.message); });
    conn.onNotification('$/progress', (p: { value: { kind: string; message?: string; percentage?: number; title?: string } }) => { client.progress.push(p.value); });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => { client.registrations.push(...p.registrations); return null; });
    conn.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) => p.items.map((i) => client.settings(i.scopeUri)));
    conn.onRequest('workspace/workspaceFolders', () => client.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })));
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(opts.folders[0]),
      workspaceFolders: opts.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      initializationOptions: opts.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
        },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true }, codeAction: { isPreferredSupport: true } },
      },
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  get alive(): boolean { return !this.exited && this.child.exitCode === null; }

  /** Polls `probe` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
  async waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== false) return v;
      if (!this.alive) throw new Error(`server exited while waiting for ${what}`);
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last logs:\n${this.logs.slice(-10).join('\n')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** A request that fails instead of hanging when the server does not answer. */
  request<T>(method: string, params?: unknown, timeoutMs = 15_000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      (params === undefined ? this.conn.sendRequest(method) : this.conn.sendRequest(method, params)) as Promise<T>,
      new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${timeoutMs} ms`)), timeoutMs); }),
    ]).finally(() => clearTimeout(timer));
  }

  /** Waits for the end of the initial analysis (its work-done progress). */
  waitForAnalysis(count = 1): Promise<boolean> {
    return this.waitFor('the end of the analysis', () => this.progress.filter((p) => p.kind === 'end').length >= count);
  }

  diagnostics(abs: string): Diagnostic[] | undefined { return this.latest.get(uriOf(abs))?.diagnostics; }
  ours(abs: string, ruleId?: string): Diagnostic[] | undefined {
    return this.diagnostics(abs)?.filter((d) => d.source === 'Production Gap' && (!ruleId || d.code === ruleId));
  }

  open(abs: string, text = fs.readFileSync(abs, 'utf8'), languageId = 'typescript'): TextDocument {
    const doc = TextDocument.create(uriOf(abs), languageId, 1, text);
    this.docs.set(doc.uri, doc);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId, version: 1, text } });
    return doc;
  }

  doc(abs: string): TextDocument {
    const d = this.docs.get(uriOf(abs));
    if (!d) throw new Error(`${abs} is not open`);
    return d;
  }

  /** Replaces the whole text of an open document (one incremental change covering it all). */
  change(abs: string, text: string): number {
    const doc = this.doc(abs);
    const end = doc.positionAt(doc.getText().length);
    const version = doc.version + 1;
    const change = { range: { start: { line: 0, character: 0 }, end }, text };
    TextDocument.update(doc, [change], version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [change] });
    return version;
  }

  close(abs: string): void {
    this.docs.delete(uriOf(abs));
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(abs) } });
  }

  fileEvents(events: Array<{ abs: string; type: 1 | 2 | 3 }>): void {
    const changes: FileEvent[] = events.map((e) => ({ uri: uriOf(e.abs), type: e.type }));
    void this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Applies a WorkspaceEdit to open documents (checking versions) and to files on disk; returns the new texts by path. */
  applyEdit(edit: WorkspaceEdit): Map<string, string> {
    const out = new Map<string, string>();
    const textOf = (uri: string) => {
      const abs = new URL(uri).pathname;
      return out.get(abs) ?? this.docs.get(uri)?.getText() ?? (fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined);
    };
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`unexpected ${change.kind}`);
        const abs = new URL((change as CreateFile).uri).pathname;
        if (fs.existsSync(abs) || out.has(abs)) throw new Error(`create of existing ${abs}`);
        out.set(abs, '');
        continue;
      }
      const tde = change as TextDocumentEdit;
      const doc = this.docs.get(tde.textDocument.uri);
      if (tde.textDocument.version !== null && doc && doc.version !== tde.textDocument.version) throw new Error(`version mismatch for ${tde.textDocument.uri}: ${tde.textDocument.version} vs ${doc.version}`);
      const text = textOf(tde.textDocument.uri);
      if (text === undefined) throw new Error(`edit of missing ${tde.textDocument.uri}`);
      const applied = TextDocument.applyEdits(TextDocument.create(tde.textDocument.uri, 'x', 0, text), tde.edits.filter((e): e is typeof e & { newText: string } => 'newText' in e));
      out.set(new URL(tde.textDocument.uri).pathname, applied);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      const text = textOf(uri);
      if (text === undefined) throw new Error(`edit of missing ${uri}`);
      out.set(new URL(uri).pathname, TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, text), edits));
    }
    return out;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        void this.conn.sendNotification('exit');
      } catch { /* gone */ }
      await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
    }
    if (this.alive) this.child.kill();
    this.conn.dispose();
  }
}

/**
 * For a describe block: builds the server once, and returns `start`, which starts a client on workspace folders;
 * after each test its clients stop and its folders are removed.
 */
export function useServers(): (...args: Parameters<typeof LspClient.start>) => Promise<LspClient> {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  before(() => buildServer());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return async (...args) => {
    const c = await LspClient.start(...args);
    clients.push(c);
    for (const f of args[0].folders) dirs.push(f);
    return c;
  };
}
