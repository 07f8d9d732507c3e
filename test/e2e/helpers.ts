import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { E2E_REGION } from '../aws/e2eMoto';
import { describeWithBoto3, type Boto3View } from '../aws/moto';
import { variantKey } from '../aws/scalingFiles';

// What the end-to-end tests share: the fixture workspace, opening files, and waiting on
// diagnostics by event (never by sleeping).

export const EXTENSION_ID = 'sagemaker-scaling.sagemaker-scaling';

/** How long to wait for the language servers: the first schema load is the slow one. */
export const WAIT_MS = 30_000;

/** The fixture workspace the runner opened (a throw-away copy of test/e2e/workspace). */
export function workspaceUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens the fixture workspace as the first folder');
  return folder.uri;
}

/** Opens a fixture file in an editor and returns its document. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceUri(), name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** A diagnostic's code as a string, whether plain or `{ value, target }` (codes with a docs link). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** The diagnostics of one source. */
export function fromSource(diagnostics: readonly vscode.Diagnostic[], source: string): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === source);
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map(
      (d) =>
        `\n  ${d.source ?? '?'} ${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`,
    )
    .join('');
}

/**
 * Resolves with the document's diagnostics once `ready` holds for them, checking now and
 * on every onDidChangeDiagnostics for the document; rejects after `timeoutMs` with what
 * was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ready: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const check = (): void => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (ready(diagnostics)) {
        done();
        resolve(diagnostics);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} in ${uri.path}; its diagnostics: ${describe(vscode.languages.getDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    function done(): void {
      subscription.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/**
 * Resolves once `ready()` holds, asking again every 50 ms, for what no event announces (a
 * question the extension is showing); rejects after `timeoutMs` naming `what`.
 */
export async function waitFor(ready: () => Promise<boolean>, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the document has diagnostics with every one of `codes` from source `scaling`. */
export function waitForCodes(uri: vscode.Uri, codes: string[]): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(
    uri,
    (all) => {
      const have = new Set(fromSource(all, 'scaling').map(codeOf));
      return codes.every((c) => have.has(c));
    },
    `scaling diagnostics ${codes.join(', ')}`,
  );
}

/** The range of the `occurrence`-th (0-based) match of `text` in the document. */
export function rangeOf(document: vscode.TextDocument, text: string, occurrence = 0): vscode.Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = document.getText().indexOf(text, offset + 1);
    assert.ok(offset >= 0, `"${text}" occurs ${occurrence + 1} times in ${document.uri.path}`);
  }
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

/**
 * The range of a member's value written as `"key": value` (the `occurrence`-th such
 * member); `value` is matched as a prefix, so `'"arn:'` finds a long ARN string and the
 * range still covers the whole string literal.
 */
export function valueRange(document: vscode.TextDocument, key: string, value: string, occurrence = 0): vscode.Range {
  const member = rangeOf(document, `"${key}": ${value}`, occurrence);
  const start = member.end.translate(0, -value.length);
  let end = member.end;
  if (value.startsWith('"')) {
    const text = document.getText();
    end = document.positionAt(text.indexOf('"', document.offsetAt(start) + 1) + 1);
  }
  return new vscode.Range(start, end);
}

/** The position just after the `occurrence`-th match of `text`. */
export function positionAfter(document: vscode.TextDocument, text: string, occurrence = 0): vscode.Position {
  return rangeOf(document, text, occurrence).end;
}

/** The completion items VS Code offers at `position`, ours and VS Code's JSON support's. */
export async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return list.items;
}

/** A completion item's label as text. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** A range as `line:col-line:col` (1-based) for assertion messages. */
export function showRange(range: vscode.Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

// ---------------------------------------------------------------------------------------
// The extension's hidden test commands (client/testHooks.ts): answers for its questions,
// the questions it asked, and the Auto Scaling tree as the view gets it.

/** A node of the tree as the view shows it, with the node itself for commands that take one. */
export interface TreeChild {
  id: string;
  label: string;
  description: string;
  contextValue: string;
  /** The tooltip's text (Markdown source), empty when none. */
  tooltip: string;
  /** The codicon's id, empty when the item has another kind of icon or none. */
  icon: string;
  node: unknown;
}

/** A question the extension asked (a confirmation, a save dialog, a pick), and its answer. */
export interface AskedPrompt {
  kind: string;
  message: string;
  detail?: string;
  items?: string[];
  answer?: string;
}

/** What a command of the extension resolves with (plan, apply, fetch, delete). */
export interface Outcome {
  status: string;
  message: string;
  changes?: number;
  applied?: number;
  account?: string;
  region?: string;
  uri?: vscode.Uri;
}

export const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);
/** Queues the answers of the next questions (a button, a path, typed text; null cancels); from then on no dialog is shown. */
export const answer = (...answers: (string | null)[]) => run<void>('sagemakerScaling.test.setAnswers', answers);
/** Back to real dialogs. */
export const stopAnswering = () => run<void>('sagemakerScaling.test.setAnswers', undefined);
/** The questions asked since the answers were set. */
export const prompts = () => run<AskedPrompt[]>('sagemakerScaling.test.prompts');

export async function children(parent?: TreeChild): Promise<TreeChild[]> {
  return run<TreeChild[]>('sagemakerScaling.test.treeChildren', parent?.id);
}

export async function child(parent: TreeChild | undefined, label: string): Promise<TreeChild> {
  const all = await children(parent);
  const found = all.find((c) => c.label === label);
  assert.ok(
    found,
    `"${label}" under ${parent?.label ?? 'the root'}; found: ${all.map((c) => `${c.label} (${c.contextValue}: ${c.description})`).join(', ')}`,
  );
  return found;
}

/** Walks the tree by labels from the root. */
export async function path(...labels: string[]): Promise<TreeChild> {
  let node: TreeChild | undefined;
  for (const label of labels) node = await child(node, label);
  return node!;
}

/** A file of the fixture workspace. */
export const workspaceFile = (name: string) => vscode.Uri.joinPath(workspaceUri(), name);

// ---------------------------------------------------------------------------------------
// The moto_server that scripts/e2e/run.mjs starts and seeds (test/aws/e2eMoto.ts).

/** The account moto_server answers for. */
export const MOTO_ACCOUNT = '123456789012';

/** What moto_server holds for an endpoint's AllTraffic variant, read back with boto3, outside the editor. */
export const readBackWithBoto3 = (endpoint: string): Boto3View =>
  describeWithBoto3(process.env.AWS_ENDPOINT_URL!, E2E_REGION, variantKey(endpoint));

/**
 * The suite's hooks against moto_server: before its tests the extension is activated and, with moto_server
 * there, no modal is shown from then on (unanswered questions are cancelled and recorded); after them, real
 * dialogs are back and every editor is closed. Without moto_server the suite is skipped, unless
 * `skipWithoutMoto` is false (a suite whose other tests need no AWS).
 */
export function answerQuestionsAgainstMoto({ skipWithoutMoto = true } = {}): void {
  suiteSetup(async function () {
    if (!process.env.AWS_ENDPOINT_URL && skipWithoutMoto) this.skip(); // run.mjs found no moto_server
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    if (process.env.AWS_ENDPOINT_URL) await answer();
  });
  suiteTeardown(async () => {
    if (process.env.AWS_ENDPOINT_URL) await stopAnswering();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}
