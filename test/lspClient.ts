import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  ConfigurationRequest,
  createMessageConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

// A minimal LSP client for the language-server tests and the bench: it forks the bundled
// server over IPC, as VS Code's language client does, answers workspace/configuration with
// settings the caller chooses, and records every publishDiagnostics with its arrival time
// so callers can wait on them (never on a fixed sleep).

/** What the client answers for section `sagemakerScaling`, per document URI (a promise holds the answer back). */
export type SettingsFor = (scopeUri: string | undefined) => unknown;

/** One publishDiagnostics as received, stamped with performance.now() at arrival. */
export interface Publish extends PublishDiagnosticsParams {
  receivedAt: number;
}

interface Waiter {
  uri: string;
  accept: (p: Publish) => boolean;
  resolve: (p: Publish) => void;
  reject: (error: Error) => void;
}

export interface StartOptions {
  /** The settings answered for every workspace/configuration item of our section. */
  settings?: SettingsFor;
  /** Extra arguments for node, e.g. --stack-size. */
  execArgv?: string[];
}

export class LspSession {
  /** Every publishDiagnostics, in arrival order. */
  readonly publishes: Publish[] = [];
  /** The scopeUris of every workspace/configuration request, in order. */
  readonly configurationRequests: (string | undefined)[] = [];
  /** window/logMessage lines, for a failing test's message. */
  readonly log: string[] = [];
  stderr = '';
  settings: SettingsFor;
  initializeResult: InitializeResult | undefined;

  private readonly waiters = new Set<Waiter>();
  /** The client's copy of each open document, kept in step with the server's. */
  private readonly documents = new Map<string, TextDocument>();
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    settings: SettingsFor,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
    // A waiter fails as soon as the server dies rather than at its timeout.
    void this.exited.then(({ code, signal }) => {
      for (const waiter of this.waiters)
        waiter.reject(
          new Error(
            `the server exited (code ${code}, signal ${signal}) while a publish for ${waiter.uri} was awaited: ${this.stderr.slice(-4000)}`,
          ),
        );
      this.waiters.clear();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      this.log.push(chunk.toString());
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const publish: Publish = { ...params, receivedAt: performance.now() };
      this.publishes.push(publish);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === publish.uri && waiter.accept(publish)) {
          this.waiters.delete(waiter);
          waiter.resolve(publish);
        }
      }
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.log.push(params.message);
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      Promise.all(
        params.items.map((item) => {
          this.configurationRequests.push(item.scopeUri);
          return item.section === 'sagemakerScaling' ? this.settings(item.scopeUri) : null;
        }),
      ),
    );
  }

  /** Forks the server over IPC and runs initialize/initialized, announcing workspace/configuration support. */
  static async start(serverPath: string, options: StartOptions = {}): Promise<LspSession> {
    const child = fork(serverPath, ['--node-ipc'], { silent: true, execArgv: options.execArgv ?? [] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const session = new LspSession(
      child,
      connection,
      options.settings ?? (() => ({ rules: {}, validation: { debounceMs: 0 } })),
    );
    connection.listen();
    // A server that dies on start-up (a bundling error, say) fails here with its stderr.
    const died = session.exited.then(({ code, signal }) => {
      throw new Error(
        `the server exited during initialize (code ${code}, signal ${signal}): ${session.stderr.slice(-4000)}`,
      );
    });
    const initialized = connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: {
            relatedInformation: true,
            versionSupport: true,
            codeDescriptionSupport: true,
            tagSupport: { valueSet: [1, 2] },
          },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
    });
    died.catch(() => undefined);
    session.initializeResult = await Promise.race([initialized, died]);
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * The next publish for `uri` that satisfies `accept`, arriving after this call. Call it
   * before sending the message that triggers the publish.
   */
  nextPublish(uri: string, accept: (p: Publish) => boolean = () => true, timeoutMs = 10_000): Promise<Publish> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        uri,
        accept,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `no matching publishDiagnostics for ${uri} within ${timeoutMs} ms (server alive: ${this.alive}; stderr: ${this.stderr.slice(-2000)}; log: ${this.log.slice(-5).join(' | ')})`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The next publish for `uri` with exactly this document version. */
  publishOf(uri: string, version: number, timeoutMs?: number): Promise<Publish> {
    return this.nextPublish(uri, (p) => p.version === version, timeoutMs);
  }

  /** Sends didOpen (version 1 unless given); the text is kept to apply later edits. */
  async open(uri: string, text: string, version = 1): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, 'jsonc', version, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'jsonc', version, text },
    });
  }

  /** Opens a document and resolves with its first publish (version 1). */
  async openAndWait(uri: string, text: string, timeoutMs?: number): Promise<Publish> {
    const published = this.publishOf(uri, 1, timeoutMs);
    await this.open(uri, text);
    return published;
  }

  /** Sends didChange with the next version; returns that version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = this.document(uri).version + 1;
    this.documents.set(uri, TextDocument.update(this.document(uri), changes, version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  /** The client's copy of an open document. */
  document(uri: string): TextDocument {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server the settings changed (it pulls them again through workspace/configuration). */
  async changeSettings(settings: SettingsFor): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  codeActions(params: CodeActionParams): Promise<(CodeAction | Command)[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, params);
  }

  /** shutdown, then exit; resolves with the process's exit code. */
  async shutdown(timeoutMs = 5_000): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const result = await withTimeout(this.exited, timeoutMs, 'server did not exit after shutdown/exit');
    this.connection.dispose();
    return result.code;
  }

  /** Cleanup for after(): a polite shutdown when possible, else kill the process. */
  async dispose(): Promise<void> {
    if (!this.alive) {
      this.connection.dispose();
      return;
    }
    try {
      await withTimeout(this.shutdown(), 2_000, 'shutdown timed out');
    } catch {
      this.child.kill('SIGKILL');
      this.connection.dispose();
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
