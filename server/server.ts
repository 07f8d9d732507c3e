import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runSafe, runSafeAsync } from './runner';
import { createValidator, isRuleConfigDocument } from './validation';
import { SettingsStore } from './settings';
import { toCodeActions } from './codeActions';
import { toCompletionItems } from './completion';
import { completionsAt } from '../core/language/completion';
import { toHover } from './hover';
import { hoverAt } from '../core/language/hover';

// The language server: LSP wiring over core/. It adds the semantic layer (source
// `scaling`); JSON syntax and the schema come from VS Code's own JSON support.

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let supportsConfigurationRequest = false;
let supportsDynamicConfiguration = false;

// Each diagnostic links to its rule's page, docs/rules/<code>.md, shipped in the extension.
const docsUri = pathToFileURL(join(__dirname, '..', 'docs')).toString();

const settings = new SettingsStore(connection, () => supportsConfigurationRequest);
const validator = createValidator({
  connection,
  documents,
  settings,
  docsUri,
  clock: () => new Date(),
  log: (message) => connection.console.log(message),
  warn: (message) => void connection.window.showWarningMessage(message),
});

function revalidateAll(): void {
  validator.configurationChanged();
  for (const document of documents.all()) validator.schedule(document);
}

connection.onInitialize((params): InitializeResult => {
  const workspace = params.capabilities.workspace;
  supportsConfigurationRequest = workspace?.configuration === true;
  supportsDynamicConfiguration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      completionProvider: { triggerCharacters: ['"'] },
      hoverProvider: true,
    },
    serverInfo: { name: 'sagemaker-scaling' },
  };
});

connection.onInitialized(() => {
  if (supportsDynamicConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sagemakerScaling' });
  }
});

connection.onDidChangeConfiguration(() => {
  runSafe(connection, 'didChangeConfiguration', undefined, () => {
    settings.clear();
    revalidateAll();
  });
});

// A .scalingrc.json changed on disk (the client watches them): re-read and recheck.
connection.onDidChangeWatchedFiles(() => runSafe(connection, 'didChangeWatchedFiles', undefined, revalidateAll));

// TextDocuments fires didChangeContent right after didOpen; a just-opened document is
// validated at once, later edits after the debounce delay.
const justOpened = new Set<string>();
documents.onDidOpen((e) => runSafe(connection, 'didOpen', undefined, () => justOpened.add(e.document.uri)));
documents.onDidChangeContent((e) =>
  runSafe(connection, 'didChange', undefined, () => {
    validator.schedule(e.document, justOpened.delete(e.document.uri) ? 0 : undefined);
  }),
);
documents.onDidClose((e) =>
  runSafe(connection, 'didClose', undefined, () => {
    validator.forget(e.document.uri);
    settings.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  }),
);

connection.onCodeAction((params: CodeActionParams, token) =>
  runSafeAsync(connection, 'codeAction', [] as CodeAction[], token, async () => {
    const document = documents.get(params.textDocument.uri);
    if (!document || isRuleConfigDocument(document.uri)) return [];
    const analysis = await validator.analysisFor(document);
    return toCodeActions(document, analysis.parsed, analysis.findings, params.range, params.context.diagnostics);
  }),
);

connection.onCompletion((params, token) =>
  runSafeAsync(connection, 'completion', [] as CompletionItem[], token, async () => {
    const document = documents.get(params.textDocument.uri);
    if (!document || isRuleConfigDocument(document.uri)) return [];
    const analysis = await validator.analysisFor(document);
    return toCompletionItems(
      document,
      completionsAt(document.getText(), analysis.model, document.offsetAt(params.position)),
    );
  }),
);

connection.onHover((params, token) =>
  runSafeAsync(connection, 'hover', null as Hover | null, token, async () => {
    const document = documents.get(params.textDocument.uri);
    if (!document || isRuleConfigDocument(document.uri)) return null;
    const analysis = await validator.analysisFor(document);
    return toHover(
      document,
      hoverAt(document.getText(), analysis.model, document.offsetAt(params.position), new Date()),
    );
  }),
);

documents.listen(connection);
connection.listen();
