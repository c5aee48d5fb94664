/**
 * The language server: keeps one engine Workspace per workspace folder in sync with the disk and the editor,
 * re-analyses what changed, and publishes diagnostics, code actions and the checklist.
 *
 * Data flow: files (disk, editor) -> Workspace.setFile/deleteFile -> Workspace.analyze() -> findings ->
 * diagnostics (diffed per file) + checklist (merged across folders) + code actions (from the last result).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments,
  TextDocumentSyncKind, WatchKind,
  type CodeAction, type CodeActionParams, type Connection, type FileEvent, type InitializeParams, type InitializeResult,
  type WorkDoneProgressReporter, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../../rules/index';
import { discover, gitTrackedEnvFiles, readText } from '../engine/discover';
import { loadWorkspace } from '../engine/load';
import { localToday } from '../engine/dates';
import type { EngineLog, Finding } from '../engine/types';
import { applyRuleSettings, compareFindings, type AnalysisResult, type FileAnalysis } from '../engine/workspace';
import { version } from '../../package.json';
import { mergeChecklists } from './checklist';
import { fixAllAction, fixToWorkspaceEdit, quickFixActions, staleTriageActions, wants, type EditContext } from './codeActions';
import { diagnosticsByFile, findingsByFile, signature, toDiagnostics, type FileDiagnostics } from './diagnostics';
import { Folder } from './folder';
import { pathToUri, relativeTo, uriToPath } from './paths';
import {
  AcceptShortcutRequest, AttestRequest, AuditReportRequest, CONFIG_SECTION, ChecklistNotification, FIX_ALL_KIND, PRODUCT_NAME, ReanalyseRequest, StatsRequest,
  type AcceptParams, type AttestParams, type ProductionGapSettings, type ServerStats, type TriageEditResult,
} from './protocol';
import { auditMarkdown } from './report';
import { AnalysisStore, buildId } from '../engine/analysisStore';
import { analyzeAll, workersFromEnv } from '../engine/parallel';
import { normaliseSettings, shownTiers, toEngineConfig } from './settings';
import { acceptEdit, attestEdit, quickTriage, whoAmI, type RecordResult } from './triage';
import { FOLDER_GLOB, Inclusion, WATCH_GLOBS } from './watch';

/**
 * Edits that come closer together than this are a burst (an extension's or a macro's edits): each
 * postpones the analysis by this much, so the burst is analysed once, at its end. An edit after a quieter gap (a
 * person typing) is analysed at once: there is nothing to coalesce it with.
 */
const EDIT_DEBOUNCE_MS = 12;
/** The workspace step (every file's findings, workspace rules, checklist) waits until edits pause this long... */
const WORKSPACE_DELAY_MS = 250;
/** ...but not longer than this during continuous edits. */
const WORKSPACE_MAX_WAIT_MS = 5_000;
/** Wait after file-system events (they come in bursts: branch switches, formatters, generators). */
const DISK_DEBOUNCE_MS = 40;
/** Wait after a settings change notification before re-pulling the settings. */
const SETTINGS_DEBOUNCE_MS = 30;
/** Least time between two checklist notifications. */
const CHECKLIST_DELAY_MS = 150;
/** Longest stretch of the initial analysis between two yields to the event loop (progress, requests). */
const SLICE_MS = 40;
/**
 * Test seam: `step@version` pairs (e.g. "file@2,workspace@4"): a result of that step computed on an open document of
 * that version is held until the next document change, as a slow analysis would be, to exercise the drop of stale results.
 */
const TEST_HOLD = new Set((process.env.PRODUCTION_GAP_TEST_HOLD ?? '').split(',').filter(Boolean));

/** The analysis worker bundle, next to this one (dist/worker.js). */
const WORKER_SCRIPT = path.join(__dirname, 'worker.js');
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.id));

type AnalysisStep = 'file' | 'all';
interface AnalysisOptions { step?: AnalysisStep; republishAll?: boolean }

interface ClientCaps {
  configuration: boolean;
  watchDynamic: boolean;
  configDynamic: boolean;
  workspaceFolders: boolean;
  documentChanges: boolean;
  createFiles: boolean;
}

export class ProductionGapServer {
  private readonly documents = new TextDocuments(TextDocument);
  private folders: Folder[] = [];
  private caps: ClientCaps = { configuration: false, watchDynamic: false, configDynamic: false, workspaceFolders: false, documentChanges: false, createFiles: false };
  /** Loads run one after the other (initial load, reloads, settings changes). */
  private loading: Promise<void> = Promise.resolve();
  private lastChecklist = '';
  private checklistQueued = false;
  private shuttingDown = false;
  /** Analyses kept on disk between sessions, when the client gives a storage folder (initializationOptions.storageDir). */
  private store?: AnalysisStore;
  private settingsTimer?: NodeJS.Timeout;
  private releaseHold?: () => void;
  /** Worker threads for large analyses (engine/parallel.ts): PRODUCTION_GAP_WORKERS when set (0: none), else `defaultWorkers()`. */
  private readonly workers = workersFromEnv();

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => this.guard('initialized', () => this.initialized()));
    this.documents.onDidChangeContent((e) => this.guard('didChange', () => this.documentChanged(e.document)));
    this.documents.onDidClose((e) => this.guard('didClose', () => this.documentClosed(e.document)));
    c.onDidChangeWatchedFiles((p) => this.guard('didChangeWatchedFiles', () => this.filesChanged(p.changes)));
    c.onDidChangeConfiguration(() => {
      // Clients may notify twice for one change (static sync plus our registration): re-pull once.
      clearTimeout(this.settingsTimer);
      this.settingsTimer = setTimeout(() => this.guard('didChangeConfiguration', () => this.settingsChanged()), SETTINGS_DEBOUNCE_MS);
    });
    c.onCodeAction((p) => this.guardAsync('codeAction', () => this.codeActions(p), [] as CodeAction[]));
    c.onRequest(AuditReportRequest.method, () => this.guardAsync('auditReport', () => this.auditReport(), { content: '' }));
    c.onRequest(ReanalyseRequest.method, () => this.guardAsync('reanalyse', () => this.reanalyse(), { files: 0, findings: 0 }));
    c.onRequest(StatsRequest.method, () => this.stats());
    c.onRequest(AcceptShortcutRequest.method, (p: AcceptParams) => this.guardAsync('acceptShortcut', () => this.acceptShortcut(p), { error: 'The server could not build the edit: see its output.' }));
    c.onRequest(AttestRequest.method, (p: AttestParams) => this.guardAsync('attest', () => this.attest(p), { error: 'The server could not build the edit: see its output.' }));
    c.onShutdown(() => {
      this.shuttingDown = true;
      for (const f of this.folders) {
        clearTimeout(f.timer);
        clearTimeout(f.workspaceTimer);
        if (f.ws && f.ws.stats.parses !== f.storedAt) this.storeAnalyses(f); // files analysed since the last store
      }
    });
    this.documents.listen(c);
    c.listen();
    process.on('uncaughtException', (e) => this.error('uncaught exception', e));
    process.on('unhandledRejection', (e) => this.error('unhandled rejection', e));
  }

  // ---- lifecycle -------------------------------------------------------------------------------------

  private initialize(params: InitializeParams): InitializeResult {
    const w = params.capabilities.workspace;
    this.caps = {
      configuration: !!w?.configuration,
      watchDynamic: !!w?.didChangeWatchedFiles?.dynamicRegistration,
      configDynamic: !!w?.didChangeConfiguration?.dynamicRegistration,
      workspaceFolders: !!w?.workspaceFolders,
      documentChanges: !!w?.workspaceEdit?.documentChanges,
      createFiles: !!w?.workspaceEdit?.resourceOperations?.includes('create'),
    };
    const storageDir = (params.initializationOptions as { storageDir?: unknown } | undefined)?.storageDir;
    if (typeof storageDir === 'string' && storageDir) this.store = new AnalysisStore(storageDir, buildId(__filename));
    const folders: WorkspaceFolder[] = params.workspaceFolders
      ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri }] : params.rootPath ? [{ uri: pathToUri(params.rootPath), name: params.rootPath }] : []);
    for (const wf of folders) this.addFolder(wf.uri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: PRODUCT_NAME, version },
    };
  }

  private addFolder(uri: string): Folder | undefined {
    const root = uriToPath(uri);
    if (!root) { this.connection.console.warn(`${PRODUCT_NAME}: workspace folder ${uri} is not on the local file system: not analysed`); return undefined; }
    if (this.folders.some((f) => f.root === root)) return undefined;
    const folder = new Folder(uri, root);
    this.folders.push(folder);
    this.computeNesting();
    return folder;
  }

  private computeNesting(): void {
    for (const f of this.folders) {
      f.nested = this.folders.filter((o) => o !== f).map((o) => relativeTo(f.root, o.root)).filter((r): r is string => !!r);
    }
  }

  private async initialized(): Promise<void> {
    const c = this.connection;
    if (this.caps.watchDynamic) {
      await c.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          ...WATCH_GLOBS.map((globPattern) => ({ globPattern })),
          { globPattern: FOLDER_GLOB, kind: WatchKind.Create | WatchKind.Delete },
        ],
      }).catch((e) => this.error('could not register file watchers', e));
    }
    if (this.caps.configDynamic) {
      await c.client.register(DidChangeConfigurationNotification.type, { section: CONFIG_SECTION }).catch((e) => this.error('could not register for settings changes', e));
    }
    if (this.caps.workspaceFolders) {
      c.workspace.onDidChangeWorkspaceFolders((e) => this.guard('didChangeWorkspaceFolders', async () => {
        for (const removed of e.removed) this.removeFolder(removed.uri);
        const added = e.added.map((a) => this.addFolder(a.uri)).filter((f): f is Folder => !!f);
        this.scheduleChecklist();
        if (added.length) await this.enqueueLoad(added, { fresh: true });
      }));
    }
    await this.enqueueLoad(this.folders, { fresh: true });
  }

  private removeFolder(uri: string): void {
    const root = uriToPath(uri);
    const folder = this.folders.find((f) => f.root === root);
    if (!folder) return;
    clearTimeout(folder.timer);
    clearTimeout(folder.workspaceTimer);
    this.clearDiagnostics(folder);
    folder.state = 'disabled';
    folder.ws = undefined;
    this.folders = this.folders.filter((f) => f !== folder);
    this.computeNesting();
  }

  // ---- loading ---------------------------------------------------------------------------------------

  private enqueueLoad(folders: readonly Folder[], opts: { fresh: boolean }): Promise<void> {
    const run = this.loading.then(() => this.load(folders, opts)).catch((e) => this.error('analysis of the workspace failed', e));
    this.loading = run;
    return run;
  }

  /**
   * Loads folders from disk (fresh: a new Workspace; otherwise a re-sync of the existing one, which keeps its
   * cache) and analyses them in slices, reporting progress, then publishes everything.
   */
  private async load(folders: readonly Folder[], opts: { fresh: boolean }): Promise<void> {
    folders = folders.filter((f) => this.folders.includes(f));
    if (!folders.length || this.shuttingDown) return;
    const progress = await this.progress();
    progress.begin(PRODUCT_NAME, 0, 'Discovering files…', false);
    try {
      const loaded: Folder[] = [];
      for (const folder of folders) {
        folder.settings = await this.pullSettings(folder);
        if (!folder.settings.enable) {
          clearTimeout(folder.timer);
          clearTimeout(folder.workspaceTimer);
          folder.state = 'disabled';
          folder.ws = undefined;
          folder.result = undefined;
          folder.open.clear();
          this.clearDiagnostics(folder);
          continue;
        }
        folder.state = 'loading';
        const t0 = performance.now();
        const config = toEngineConfig(folder.settings, folder.nestedExcludes());
        try {
          if (opts.fresh || !folder.ws) {
            folder.ws = loadWorkspace(folder.root, { rules: RULES, config, log: this.engineLog(folder) });
            folder.open.clear();
            this.restoreAnalyses(folder);
          } else {
            folder.ws.setConfig(config);
            this.resyncFromDisk(folder);
          }
          folder.inclusion = new Inclusion(config.exclude ?? [], { getText: (p) => folder.ws?.getText(p) });
          this.syncOpenDocuments(folder);
          loaded.push(folder);
        } catch (e) {
          this.error(`could not read ${folder.root}`, e);
          folder.state = 'idle';
        }
        this.connection.console.log(`${PRODUCT_NAME}: ${folder.name}: ${folder.ws?.paths().length ?? 0} files read in ${Math.round(performance.now() - t0)} ms`);
        await tick();
      }
      const tAnalysis = performance.now();
      const total = loaded.reduce((n, f) => n + (f.ws?.paths().length ?? 0), 0);
      const message = `Analysing ${total.toLocaleString('en-US')} files`;
      progress.report(0, message);
      // The files to analyse (not reused from the store), over every folder: the progress percentage.
      const work = new Map(loaded.map((f) => [f, f.ws?.unanalysed() ?? []]));
      const toAnalyse = [...work.values()].reduce((n, w) => n + w.length, 0);
      let before = 0;
      let inWorkers = 0;
      for (const folder of loaded) {
        const ws = folder.ws;
        if (!ws) continue;
        const run = await analyzeAll(ws, (p) => this.analyzeFileSafely(folder, p), {
          work: work.get(folder),
          workerScript: WORKER_SCRIPT,
          workers: this.workers,
          log: this.engineLog(folder),
          pause: tick,
          sliceMs: SLICE_MS,
          onProgress: (done) => progress.report(Math.min(99, Math.floor(((before + done) / Math.max(1, toAnalyse)) * 100)), message),
        });
        before += run.files;
        inWorkers += run.inWorkers;
      }
      const tWorkspace = performance.now();
      for (const folder of loaded) {
        if (folder.state !== 'loading') continue;
        folder.state = 'idle';
        await this.runAnalysis(folder, { republishAll: true, step: 'all' });
      }
      const tEnd = performance.now();
      const threads = inWorkers ? ` (${inWorkers.toLocaleString('en-US')} in worker threads)` : '';
      this.connection.console.log(`${PRODUCT_NAME}: ${total.toLocaleString('en-US')} files analysed in ${Math.round(tWorkspace - tAnalysis)} ms${threads}, workspace rules and publishing ${Math.round(tEnd - tWorkspace)} ms`);
      // Written once the progress has ended (the store is for the next session, nobody waits for it).
      setTimeout(() => { if (!this.shuttingDown) for (const folder of loaded) this.storeAnalyses(folder); }, 0);
    } finally {
      progress.done();
      this.scheduleChecklist();
    }
  }

  /** Brings an existing Workspace in line with the disk (after an exclude or .gitignore change) without re-parsing unchanged files. */
  private resyncFromDisk(folder: Folder): void {
    const ws = folder.ws!;
    const log = this.engineLog(folder);
    const config = toEngineConfig(folder.settings, folder.nestedExcludes());
    const files = discover(folder.root, { exclude: config.exclude, log });
    const tracked = gitTrackedEnvFiles(folder.root);
    ws.setGitTracked(tracked);
    const known = new Set(files.map((f) => f.path));
    for (const p of tracked ?? []) {
      const abs = folder.abs(p);
      if (!known.has(p) && fs.existsSync(abs)) { files.push({ path: p, abs }); known.add(p); }
    }
    for (const f of files) {
      if (folder.open.has(f.path)) continue;
      const text = readText(f, log);
      if (text !== undefined) ws.setFile(f.path, text);
      else ws.deleteFile(f.path);
    }
    for (const p of ws.paths()) if (!known.has(p) && !folder.open.has(p)) ws.deleteFile(p);
  }

  private async progress(): Promise<WorkDoneProgressReporter> {
    try { return await this.connection.window.createWorkDoneProgress(); } catch (e) {
      this.error('could not create a progress indicator', e);
      return { begin() {}, report() {}, done() {} };
    }
  }

  // ---- settings --------------------------------------------------------------------------------------

  private async pullSettings(folder: Folder): Promise<ProductionGapSettings> {
    if (!this.caps.configuration) return normaliseSettings(undefined);
    try {
      const raw = await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: CONFIG_SECTION });
      return normaliseSettings(raw, (m) => this.connection.console.warn(`${PRODUCT_NAME}: ${folder.name}: ${m}`));
    } catch (e) {
      this.error('could not read the settings', e);
      return normaliseSettings(undefined);
    }
  }

  /** Re-pulls every folder's settings; folders whose file set changes (enable, exclude) are re-synced from disk, the others re-analysed. */
  private async settingsChanged(): Promise<void> {
    await this.loading;
    const resync: Folder[] = [];
    for (const folder of this.folders) {
      const before = folder.settings;
      const after = await this.pullSettings(folder);
      if (after.enable !== before.enable || folder.state === 'disabled' || JSON.stringify(after.exclude) !== JSON.stringify(before.exclude) || !folder.ws) {
        resync.push(folder);
        continue;
      }
      folder.settings = after;
      folder.ws.setConfig(toEngineConfig(after, folder.nestedExcludes()));
      await this.runAnalysis(folder, { republishAll: true, step: 'all' });
    }
    if (resync.length) await this.enqueueLoad(resync, { fresh: false });
    this.scheduleChecklist();
  }

  // ---- documents -------------------------------------------------------------------------------------

  private locate(uri: string): { folder: Folder; rel: string } | undefined {
    const abs = uriToPath(uri);
    if (!abs) return undefined;
    let best: { folder: Folder; rel: string } | undefined;
    for (const folder of this.folders) {
      const rel = folder.rel(abs);
      if (rel && (!best || folder.root.length > best.folder.root.length)) best = { folder, rel };
    }
    return best;
  }

  /** True when the engine reads this path of the folder (kind, excludes, .gitignore) or already holds it. */
  private analysed(folder: Folder, rel: string): boolean {
    return !!folder.ws && (folder.ws.hasFile(rel) || !!folder.inclusion?.includes(rel));
  }

  private documentChanged(doc: TextDocument): void {
    const loc = this.locate(doc.uri);
    if (!loc) return;
    const { folder, rel } = loc;
    // While loading, nothing to do: the load ends with an analysis that takes the editor's text.
    if (folder.state !== 'idle' || !this.analysed(folder, rel)) return;
    const now = performance.now();
    folder.changedAt ??= now;
    const burst = now - folder.lastChangeAt < EDIT_DEBOUNCE_MS;
    folder.lastChangeAt = now;
    this.schedule(folder, burst ? EDIT_DEBOUNCE_MS : 0, 'file');
    this.releaseHold?.();
  }

  private documentClosed(doc: TextDocument): void {
    const loc = this.locate(doc.uri);
    if (!loc) return;
    const { folder, rel } = loc;
    folder.workspaceFindings.delete(rel);
    folder.pendingAck.delete(rel);
    if (!folder.open.delete(rel) || !folder.ws) return;
    // Back to the disk's content (or nothing, for a file never saved). A git-tracked .env stays even when ignored:
    // that it is committed is the finding.
    const abs = folder.abs(rel);
    const kept = folder.inclusion?.includes(rel) || folder.ws.getGitTracked()?.has(rel);
    const text = fs.existsSync(abs) && kept ? readText({ path: rel, abs }, this.engineLog(folder)) : undefined;
    if (text !== undefined) folder.ws.setFile(rel, text);
    else folder.ws.deleteFile(rel);
    folder.dirty = true;
    if (folder.state === 'idle') this.schedule(folder, EDIT_DEBOUNCE_MS, 'all');
  }

  /** Puts the editor's text of every open document of the folder into its Workspace; true when one changed. */
  private syncOpenDocuments(folder: Folder): boolean {
    let changed = false;
    if (!folder.ws) return changed;
    for (const doc of this.documents.all()) {
      const loc = this.locate(doc.uri);
      if (!loc || loc.folder !== folder) continue;
      const known = folder.open.get(loc.rel);
      if (known && known.version === doc.version && known.uri === doc.uri) continue;
      if (!known && !this.analysed(folder, loc.rel)) continue;
      if (folder.result && !folder.workspaceFindings.has(loc.rel)) this.rememberWorkspaceFindingsOf(folder, loc.rel);
      const text = doc.getText();
      if (folder.ws.getText(loc.rel) !== text) { folder.ws.setFile(loc.rel, text); folder.dirty = true; }
      folder.open.set(loc.rel, { uri: doc.uri, version: doc.version });
      folder.pendingAck.add(loc.rel);
      changed = true;
    }
    return changed;
  }

  // ---- files on disk ---------------------------------------------------------------------------------

  private filesChanged(changes: readonly FileEvent[]): void {
    const touched = new Set<Folder>();
    const resync = new Set<Folder>();
    const seen = new Set<string>();
    for (const change of changes) {
      const key = `${change.type}:${change.uri}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const loc = this.locate(change.uri);
      if (!loc) continue;
      const { folder, rel } = loc;
      const ws = folder.ws;
      // Not loaded yet: its load reads the disk anyway.
      if (!ws || folder.state === 'disabled') continue;
      if (rel === '.gitignore' || rel.endsWith('/.gitignore')) resync.add(folder);
      if (change.type === FileChangeType.Deleted) {
        if (ws.hasFile(rel)) {
          if (!folder.open.has(rel)) { ws.deleteFile(rel); touched.add(folder); }
        } else {
          // A deleted folder arrives as one event: drop every file under it.
          const prefix = rel + '/';
          for (const p of ws.paths()) if (p.startsWith(prefix) && !folder.open.has(p)) { ws.deleteFile(p); touched.add(folder); }
        }
        continue;
      }
      if (folder.open.has(rel)) continue; // the editor's text wins until the document is closed
      const abs = folder.abs(rel);
      let stat: fs.Stats;
      try { stat = fs.statSync(abs); } catch { continue; }
      if (stat.isDirectory()) {
        if (change.type !== FileChangeType.Created || folder.inclusion?.excludedPath(rel, true)) continue;
        // A folder moved or copied in: read what discovery would have listed under it.
        // Its own .gitignore files apply through discover(); the folder's excludes and outer .gitignore files through includes().
        for (const f of discover(abs, { log: this.engineLog(folder) })) {
          const childRel = `${rel}/${f.path}`;
          if (folder.open.has(childRel) || !folder.inclusion?.includes(childRel)) continue;
          const text = readText({ path: childRel, abs: f.abs }, this.engineLog(folder));
          if (text !== undefined) { ws.setFile(childRel, text); touched.add(folder); }
        }
        continue;
      }
      if (!stat.isFile() || !this.analysed(folder, rel)) continue;
      const text = readText({ path: rel, abs }, this.engineLog(folder));
      if (text !== undefined) ws.setFile(rel, text);
      else ws.deleteFile(rel); // now binary, too large or unreadable
      touched.add(folder);
    }
    for (const folder of resync) { touched.delete(folder); void this.enqueueLoad([folder], { fresh: false }); }
    for (const folder of touched) {
      folder.dirty = true;
      if (folder.state === 'idle') this.schedule(folder, DISK_DEBOUNCE_MS, 'all');
    }
  }

  // ---- analysis and publishing -----------------------------------------------------------------------

  /**
   * Schedules an analysis: 'file' answers the edited documents only (the workspace step follows once the edits
   * pause, see scheduleWorkspaceStep); 'all' analyses the workspace too.
   */
  private schedule(folder: Folder, delay: number, step: AnalysisStep): void {
    clearTimeout(folder.timer);
    if (step === 'all') folder.nextStep = 'all';
    folder.timer = setTimeout(() => {
      folder.timer = undefined;
      const next = folder.nextStep;
      folder.nextStep = 'file';
      void this.runAnalysis(folder, { step: next });
    }, delay);
  }

  /** Runs the workspace step once edits pause (each edit postpones it), or after WORKSPACE_MAX_WAIT_MS of continuous edits. */
  private scheduleWorkspaceStep(folder: Folder): void {
    const now = performance.now();
    folder.workspaceDueSince ??= now;
    const delay = Math.max(0, Math.min(WORKSPACE_DELAY_MS, folder.workspaceDueSince + WORKSPACE_MAX_WAIT_MS - now));
    clearTimeout(folder.workspaceTimer);
    folder.workspaceTimer = setTimeout(() => {
      folder.workspaceTimer = undefined;
      void this.runAnalysis(folder, { step: 'all' });
    }, delay);
  }

  private runAnalysis(folder: Folder, opts: AnalysisOptions = {}): Promise<void> {
    // A file step re-arms the workspace step when it ends: it must not start meanwhile and supersede the file step.
    clearTimeout(folder.workspaceTimer);
    folder.workspaceTimer = undefined;
    if ((opts.step ?? 'all') === 'all') folder.workspaceDueSince = undefined;
    const run = this.guardAsync('analysis', () => this.analyse(folder, opts), undefined).finally(() => {
      if (folder.analysing === run) folder.analysing = undefined;
    });
    folder.analysing = run;
    return run;
  }

  /** Runs the pending analysis of the folder now, workspace step included, and waits for it (before answering a request that needs fresh results). */
  private async flush(folder: Folder): Promise<void> {
    if (folder.timer || folder.workspaceTimer) {
      clearTimeout(folder.timer);
      folder.timer = undefined;
      folder.nextStep = 'file';
      await this.runAnalysis(folder, { step: 'all' });
    }
    while (folder.analysing) await folder.analysing;
  }

  /** Lets the messages that arrived during a synchronous analysis be read and handled (jsonrpc handles one per turn). */
  private async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await tick();
  }

  /** True when every open document still has the version an analysis was computed on. */
  private current(folder: Folder, versions: ReadonlyMap<string, number>): boolean {
    for (const [rel, v] of versions) {
      const open = folder.open.get(rel);
      const doc = open && this.documents.get(open.uri);
      if (!doc || doc.version !== v) return false;
    }
    return true;
  }

  /**
   * Analyses the folder and publishes the diagnostics of the files whose findings changed, in two steps:
   * 1. the edited documents alone (their file findings, re-computed, plus the workspace findings last anchored
   *    on them), so that the answer to a keystroke does not wait for the workspace;
   * 2. the whole workspace (only changed files are re-parsed; workspace findings are re-derived), published as a
   *    diff. A result computed on a document version that is no longer the latest is dropped, never published:
   *    the change that made it stale has scheduled the next analysis.
   */
  private async analyse(folder: Folder, opts: AnalysisOptions = {}): Promise<void> {
    if (folder.state !== 'idle' || !folder.ws || this.shuttingDown) return;
    const generation = ++folder.generation;
    const t0 = performance.now();
    this.syncOpenDocuments(folder);
    const versions = new Map([...folder.open].map(([rel, o]) => [rel, o.version]));

    if (!opts.republishAll && folder.result && folder.pendingAck.size) {
      const quick = new Map<string, FileDiagnostics>();
      for (const rel of folder.pendingAck) {
        quick.set(rel, this.fileFindings(folder, rel));
      }
      await this.holdForTests('file', versions);
      await this.settle();
      if (generation !== folder.generation || folder.state !== 'idle' || !this.current(folder, versions)) {
        if (opts.step === 'file' && folder.dirty) this.scheduleWorkspaceStep(folder);
        return;
      }
      this.publishFiles(folder, quick);
      folder.lastFileStepMs = performance.now() - t0;
      if (opts.step === 'file') {
        if (folder.dirty) this.scheduleWorkspaceStep(folder);
        else this.keepResult(folder, versions);
        return;
      }
      await tick();
      if (generation !== folder.generation || folder.state !== 'idle' || !this.current(folder, versions)) return;
    }

    // Nothing changed but which documents are open (a document opened as it is on disk): the workspace result stands.
    if (!opts.republishAll && folder.result && !folder.dirty) { this.keepResult(folder, versions); return; }
    folder.dirty = false;
    const t1 = performance.now();
    const result = this.analyzeSafely(folder);
    if (!result) return;
    folder.lastWorkspaceStepMs = performance.now() - t1;
    folder.workspaceSteps++;
    await this.holdForTests('workspace', versions);
    await this.settle();
    if (generation !== folder.generation || folder.state !== 'idle' || !this.current(folder, versions)) { folder.dirty = true; return; }
    folder.result = result;
    folder.resultVersions = versions;
    folder.findingsByFile = findingsByFile(result.findings, ['ship-stopping', 'tech-debt', 'accepted']);
    this.rememberWorkspaceFindings(folder);
    this.publish(folder, !!opts.republishAll);
    this.scheduleChecklist();
  }

  /** Nothing changed but which documents are open (e.g. a file opened as it is on disk): the last result stands for these versions. */
  private keepResult(folder: Folder, versions: Map<string, number>): void {
    folder.resultVersions = versions;
    this.rememberWorkspaceFindings(folder);
  }

  /**
   * Analyses one file; a file the engine cannot analyse (an exception outside any rule) is logged and left out of
   * the workspace until its content changes, so that it cannot take every other file's diagnostics down with it.
   */
  private analyzeFileSafely(folder: Folder, rel: string, opts?: { deferFacts?: boolean }): FileAnalysis | undefined {
    try { return folder.ws?.analyzeFile(rel, opts); } catch (e) {
      this.error(`${folder.name}: ${rel} could not be analysed and is skipped`, e);
      folder.ws?.deleteFile(rel);
      return undefined;
    }
  }

  /** Seeds a freshly loaded folder with its analyses of the last session: unchanged files are not analysed again. */
  private restoreAnalyses(folder: Folder): void {
    if (!this.store || !folder.ws) return;
    try {
      const t0 = performance.now();
      const { entries, why } = this.store.load(folder.root);
      const reused = folder.ws.seedAnalyses(entries);
      this.connection.console.log(`${PRODUCT_NAME}: ${folder.name}: ${reused.toLocaleString('en-US')} stored analyses reused${why ? ` (${why})` : ''} in ${Math.round(performance.now() - t0)} ms`);
    } catch (e) {
      this.error(`${folder.name}: the stored analyses could not be used`, e);
    }
  }

  /** Writes a folder's current analyses to the store (after the initial analysis, and at shutdown). */
  private storeAnalyses(folder: Folder): void {
    if (!this.store || !folder.ws || folder.state === 'disabled') return;
    try {
      const n = this.store.save(folder.root, folder.ws.snapshotAnalyses());
      folder.storedAt = folder.ws.stats.parses;
      this.connection.console.log(`${PRODUCT_NAME}: ${folder.name}: ${n.toLocaleString('en-US')} analyses stored`);
    } catch (e) {
      this.error(`${folder.name}: the analyses could not be stored`, e);
    }
  }

  private analyzeSafely(folder: Folder): AnalysisResult | undefined {
    const ws = folder.ws!;
    try { return ws.analyze(); } catch {
      // Find the files that fail on their own, leave them out, and try once more.
      for (const p of ws.paths()) this.analyzeFileSafely(folder, p);
      try { return ws.analyze(); } catch (e) {
        this.error(`${folder.name}: analysis failed`, e);
        return undefined;
      }
    }
  }

  /**
   * A file's own findings (cached by content, settings and the project file's rules applied, accepted shortcuts
   * applied) and the workspace findings last anchored on it, with the problems of the team's controls in it.
   */
  private fileFindings(folder: Folder, rel: string): FileDiagnostics {
    const ws = folder.ws!;
    const rules = folder.settings.rules;
    const projects = ws.projects();
    // The answer to a keystroke needs the file's findings; its facts wait for the workspace step.
    const analysis = this.analyzeFileSafely(folder, rel, { deferFacts: true });
    const own: Finding[] = [];
    for (const raw of analysis?.findings ?? []) {
      if (raw.file !== rel) continue;
      const f = applyRuleSettings(raw, rules, projects.configs);
      if (f) own.push(f);
    }
    const { findings, problems } = quickTriage({
      file: rel, own, workspace: folder.workspaceFindings.get(rel) ?? [], accepts: analysis?.accepts,
      projects: projects.configs, projectProblems: projects.problems, lastFindings: folder.result?.findings ?? [],
      ruleIds: RULE_IDS, today: ws.options.today?.() ?? localToday(),
    });
    return { findings: findings.sort(compareFindings), problems };
  }

  /** Keeps, for each open document, the findings of the last result that its own analysis did not produce. */
  private rememberWorkspaceFindings(folder: Folder): void {
    folder.workspaceFindings.clear();
    for (const rel of folder.open.keys()) this.rememberWorkspaceFindingsOf(folder, rel);
  }

  /** Call while the Workspace still holds the text the last result was computed on. */
  private rememberWorkspaceFindingsOf(folder: Folder, rel: string): void {
    const all = folder.findingsByFile.get(rel) ?? [];
    const own = new Set(all.length ? (this.analyzeFileSafely(folder, rel)?.findings ?? []).map((f) => f.fingerprint) : []);
    folder.workspaceFindings.set(rel, all.filter((f) => !own.has(f.fingerprint)));
  }

  /** Test seam (TEST_HOLD): holds a computed result until the next document change (5 s at most). */
  private async holdForTests(step: 'file' | 'workspace', versions: ReadonlyMap<string, number>): Promise<void> {
    if (!TEST_HOLD.size || ![...versions.values()].some((v) => TEST_HOLD.has(`${step}@${v}`))) return;
    this.connection.console.log(`${PRODUCT_NAME}: holding the ${step} result of ${[...versions].map(([rel, v]) => `${rel}@${v}`).join(', ')}`);
    await new Promise<void>((resolve) => {
      const release = () => { clearTimeout(timer); if (this.releaseHold === release) this.releaseHold = undefined; resolve(); };
      const timer = setTimeout(release, 5_000);
      this.releaseHold = release;
    });
  }

  private send(folder: Folder, rel: string, uri: string, d: FileDiagnostics): void {
    const version = folder.open.get(rel)?.version;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(d) });
  }

  /** Publishes the given files (the edited documents: always, with their version) and records the edit latency. */
  private publishFiles(folder: Folder, files: ReadonlyMap<string, FileDiagnostics>): void {
    const tiers = new Set(shownTiers(folder.settings));
    for (const [rel, all] of files) {
      const shown = { findings: all.findings.filter((f) => tiers.has(f.tier)), problems: all.problems };
      const uri = folder.uriOf(rel);
      this.send(folder, rel, uri, shown);
      if (shown.findings.length || shown.problems.length) folder.published.set(rel, { uri, sig: signature(shown.findings, shown.problems) });
      else folder.published.delete(rel);
      folder.pendingAck.delete(rel);
    }
    this.recordLatency(folder);
  }

  /** Publishes the files whose diagnostics differ from what the client shows (all of them when `all`). */
  private publish(folder: Folder, all: boolean): void {
    const byFile = diagnosticsByFile(folder.result!.findings, folder.result!.configProblems, shownTiers(folder.settings));
    const edited = folder.pendingAck;
    const none: FileDiagnostics = { findings: [], problems: [] };
    for (const [rel, d] of byFile) {
      const uri = folder.uriOf(rel);
      const sig = signature(d.findings, d.problems);
      const prev = folder.published.get(rel);
      if (!all && prev && prev.sig === sig && prev.uri === uri && !edited.has(rel)) continue;
      this.send(folder, rel, uri, d);
      folder.published.set(rel, { uri, sig });
    }
    for (const [rel, prev] of folder.published) {
      if (byFile.has(rel)) continue;
      this.send(folder, rel, prev.uri, none);
      folder.published.delete(rel);
    }
    // The edited documents always get an answer for their new version, even when nothing changed.
    for (const rel of edited) {
      if (!byFile.has(rel) && folder.open.has(rel)) this.send(folder, rel, folder.uriOf(rel), none);
    }
    edited.clear();
    this.recordLatency(folder);
  }

  private recordLatency(folder: Folder): void {
    if (folder.changedAt === undefined) return;
    folder.editLatencies.push(performance.now() - folder.changedAt);
    if (folder.editLatencies.length > 200) folder.editLatencies.shift();
    folder.changedAt = undefined;
  }

  private clearDiagnostics(folder: Folder): void {
    for (const [, prev] of folder.published) void this.connection.sendDiagnostics({ uri: prev.uri, diagnostics: [] });
    folder.published.clear();
    folder.findingsByFile.clear();
    folder.result = undefined;
  }

  /** Sends the checklist soon, at most once per CHECKLIST_DELAY_MS (it carries every finding: not on every keystroke). */
  private scheduleChecklist(): void {
    if (this.checklistQueued) return;
    this.checklistQueued = true;
    setTimeout(() => {
      this.checklistQueued = false;
      this.guard('checklist', () => this.sendChecklist());
    }, this.lastChecklist ? CHECKLIST_DELAY_MS : 0);
  }

  private sendChecklist(): void {
    if (this.folders.some((f) => f.state === 'loading' || f.state === 'new')) return; // the load ends with a send
    const params = mergeChecklists(this.folders.filter((f) => f.result).map((f) => ({ folderUri: f.uri, checklist: f.result!.checklist, uriOf: (p: string) => f.uriOf(p) })));
    const json = JSON.stringify(params);
    if (json === this.lastChecklist) return;
    this.lastChecklist = json;
    void this.connection.sendNotification(ChecklistNotification.method, params);
  }

  // ---- code actions ----------------------------------------------------------------------------------

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const loc = this.locate(params.textDocument.uri);
    if (!loc) return [];
    const { folder, rel } = loc;
    await this.flush(folder);
    if (folder.state !== 'idle' || !folder.result) return [];
    const doc = this.documents.get(params.textDocument.uri);
    // Fixes are offsets into the analysed text: never offer them for another version of the document.
    if (doc && folder.resultVersions.get(rel) !== doc.version) return [];
    const findings = folder.findingsByFile.get(rel) ?? [];
    const ctx: EditContext = {
      uriOf: (p) => folder.uriOf(p),
      versionOf: (p) => folder.resultVersions.get(p) ?? null,
      documentChanges: this.caps.documentChanges,
      createFiles: this.caps.createFiles,
    };
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wants(only, CodeActionKind.QuickFix)) actions.push(...staleTriageActions(params.context.diagnostics, rel, this.textOf(folder, rel), ctx));
    if (!findings.length) return actions;
    if (wants(only, CodeActionKind.QuickFix)) actions.push(...quickFixActions(params.context.diagnostics, findings, ctx));
    if (only && wants(only, FIX_ALL_KIND)) {
      const all = fixAllAction(findings, ctx);
      if (all) actions.push(all);
    }
    return actions;
  }

  // ---- custom requests -------------------------------------------------------------------------------

  private async auditReport(): Promise<{ content: string }> {
    await this.loading;
    for (const f of this.folders) await this.flush(f);
    const folders = this.folders.filter((f) => f.result).map((f) => ({
      name: f.name,
      result: f.result!,
      rules: RULES.filter((r) => f.settings.rules[r.meta.id] !== 'off'),
    }));
    return { content: auditMarkdown(folders) };
  }

  private async reanalyse(): Promise<{ files: number; findings: number }> {
    await this.enqueueLoad(this.folders, { fresh: true });
    let files = 0;
    let findings = 0;
    for (const f of this.folders) {
      if (!f.result) continue;
      files += f.result.fileCount;
      findings += f.result.findings.length;
    }
    return { files, findings };
  }

  /** The edit recording an accepted shortcut (the client asked for the reason and where; it applies the edit). */
  private async acceptShortcut(p: AcceptParams): Promise<TriageEditResult> {
    const loc = p?.target && this.locate(p.target.uri);
    if (!loc) return { error: 'This file is not in a workspace folder Production Gap analyses.' };
    const { folder, rel } = loc;
    await this.loading;
    await this.flush(folder);
    if (folder.state !== 'idle' || !folder.result || !folder.ws) return { error: `${PRODUCT_NAME} is not analysing this folder right now: try again in a moment.` };
    const open = folder.open.get(rel);
    const doc = open && this.documents.get(open.uri);
    if (doc && folder.resultVersions.get(rel) !== doc.version) return { error: 'The file changed since its last analysis: try again.' };
    const { target } = p;
    const same = (folder.findingsByFile.get(rel) ?? []).filter((f) => f.ruleId === target.ruleId);
    const at = (f: Finding) => f.range.start.line === target.range.start.line && f.range.start.character === target.range.start.character;
    const finding = same.find((f) => f.fingerprint === target.fingerprint && at(f)) ?? same.find((f) => f.fingerprint === target.fingerprint) ?? same.find(at);
    if (!finding) return { error: `This ${target.ruleId} finding is gone (the file changed since the last analysis).` };
    return this.editResult(folder, acceptEdit(finding, p, this.recordContext(folder)));
  }

  /** The edit recording an attestation of a checklist item in the folder's production-gap.json. */
  private async attest(p: AttestParams): Promise<TriageEditResult> {
    await this.loading;
    const root = p?.folder ? uriToPath(p.folder) : undefined;
    const folder = root ? this.folders.find((f) => f.root === root) : this.folders.find((f) => f.ws);
    if (!folder?.ws) return { error: p?.folder ? `${p.folder} is not a workspace folder Production Gap analyses.` : 'No workspace folder is analysed.' };
    await this.flush(folder);
    return this.editResult(folder, attestEdit(p.item, p, this.recordContext(folder)));
  }

  /** What the triage edits need: the folder's paths, texts as the editor has them, who, today. */
  private recordContext(folder: Folder) {
    return { paths: folder.ws!.paths(), textOf: (p: string) => this.textOf(folder, p), by: whoAmI(folder.root), today: folder.ws!.options.today?.() ?? localToday() };
  }

  /** A folder file's text: the open document's, else the workspace's (disk), else read from disk; undefined when missing. */
  private textOf(folder: Folder, rel: string): string | undefined {
    const doc = this.openDocument(folder, rel);
    if (doc) return doc.getText();
    const held = folder.ws?.getText(rel);
    if (held !== undefined) return held;
    // A file the analysis leaves out (excluded) but that exists: edit it, never overwrite it.
    try { return fs.readFileSync(folder.abs(rel), 'utf8'); } catch { return undefined; }
  }

  private openDocument(folder: Folder, rel: string): TextDocument | undefined {
    const known = folder.open.get(rel);
    return (known && this.documents.get(known.uri)) ?? this.documents.get(pathToUri(folder.abs(rel)));
  }

  private editResult(folder: Folder, r: RecordResult): TriageEditResult {
    if ('error' in r) return { error: r.error };
    const ctx: EditContext = {
      uriOf: (p) => folder.uriOf(p),
      versionOf: (p) => this.openDocument(folder, p)?.version ?? null,
      documentChanges: this.caps.documentChanges,
      createFiles: this.caps.createFiles,
    };
    const edit = fixToWorkspaceEdit(r.fix, ctx);
    if (!edit) return { error: `This editor cannot create files through the language server: create ${r.file} (an empty file will do) and try again.` };
    return { edit, uri: folder.uriOf(r.file) };
  }

  private stats(): ServerStats {
    const m = process.memoryUsage();
    return {
      memory: { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external },
      folders: this.folders.map((f) => ({
        uri: f.uri,
        files: f.result?.fileCount ?? 0,
        findings: f.result?.findings.length ?? 0,
        parses: f.ws?.stats.parses ?? 0,
        lastFileStepMs: Math.round(f.lastFileStepMs * 10) / 10,
        lastWorkspaceStepMs: Math.round(f.lastWorkspaceStepMs * 10) / 10,
        workspaceSteps: f.workspaceSteps,
        editLatenciesMs: f.editLatencies.map((ms) => Math.round(ms * 10) / 10),
      })),
    };
  }

  // ---- logging and robustness ------------------------------------------------------------------------

  private engineLog(folder: Folder): (l: EngineLog) => void {
    return (l) => {
      // Parse errors of the document being typed are the editor's business, not the log's.
      if (l.file && l.message.startsWith('parse:') && folder.open.has(l.file)) return;
      const where = l.file && !l.ruleId ? `${l.file}: ` : '';
      const line = `${PRODUCT_NAME}: ${folder.name}: ${where}${l.message}`;
      if (l.level === 'error') this.connection.console.error(line);
      else if (l.level === 'warn') this.connection.console.warn(line);
      else this.connection.console.log(line);
    };
  }

  private error(what: string, e: unknown): void {
    const detail = e instanceof Error ? e.stack ?? e.message : String(e);
    try { this.connection.console.error(`${PRODUCT_NAME}: ${what}: ${detail}`); } catch { /* the connection is gone */ }
  }

  private guard(name: string, fn: () => void | Promise<void>): void {
    try {
      const r = fn();
      if (r instanceof Promise) r.catch((e) => this.error(`${name} failed`, e));
    } catch (e) {
      this.error(`${name} failed`, e);
    }
  }

  private async guardAsync<T>(name: string, fn: () => T | Promise<T>, fallback: T): Promise<T> {
    try { return await fn(); } catch (e) {
      this.error(`${name} failed`, e);
      return fallback;
    }
  }
}
