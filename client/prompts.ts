import * as vscode from 'vscode';

// The questions the extension asks before it changes something (a modal confirmation, a
// file to save to, a choice from a list), in one place so the end-to-end tests can answer them: with
// SAGEMAKER_SCALING_E2E=1 a hidden test command queues answers here, and every question
// is recorded. Without queued answers the real dialogs are shown.

/** A question as it was asked, for tests to check what it named. */
export interface AskedPrompt {
  kind: 'confirm' | 'save' | 'pick' | 'type-to-confirm';
  message: string;
  detail?: string;
  /** A pick's items, by label. */
  items?: string[];
  /** What it was answered with: the chosen button, the path, or undefined (cancelled). */
  answer?: string;
}

let queued: (string | null)[] | undefined;
const asked: AskedPrompt[] = [];

/**
 * For tests: the answers of the next questions, in order (a button's title, a file path,
 * or null for "cancel"). While set, no dialog is shown: a question beyond the queue is
 * answered "cancel". undefined returns to real dialogs.
 */
export function setTestAnswers(answers: (string | null)[] | undefined): void {
  queued = answers ? [...answers] : undefined;
  asked.length = 0;
}

/** For tests: the questions asked since the answers were set. */
export function askedPrompts(): AskedPrompt[] {
  return asked.map((p) => ({ ...p }));
}

/** A queued answer "hold:<answer>" is given only when the test releases it: the test acts while the question is open. */
const HOLD = 'hold:';
let release: (() => void) | undefined;

/** For tests: gives the held answer of the open question. */
export function releaseHeldAnswer(): void {
  release?.();
  release = undefined;
}

/** The next queued answer; `asking` is recorded while a held answer waits (a caller that records its question first leaves it out). */
async function nextTestAnswer(asking?: AskedPrompt): Promise<{ answer: string | undefined } | undefined> {
  if (!queued) return undefined;
  const next = queued.shift();
  if (next?.startsWith(HOLD)) {
    if (asking) asked.push(asking); // seen as asked while it is held
    await new Promise<void>((resolve) => (release = resolve));
    if (asking) asked.pop();
    return { answer: next.slice(HOLD.length) };
  }
  return { answer: next ?? undefined };
}

/**
 * A modal confirmation: resolves to the chosen action's title, or undefined when the user
 * cancels. The detail carries what the message cannot (the plan, the account).
 */
export async function confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
  const test = await nextTestAnswer({ kind: 'confirm', message, detail });
  const answer = test
    ? test.answer !== undefined && actions.includes(test.answer)
      ? test.answer
      : undefined
    : await vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  asked.push({ kind: 'confirm', message, detail, ...(answer !== undefined ? { answer } : {}) });
  return answer;
}

/**
 * A confirmation for what cannot be undone: an input box that accepts only `name` typed
 * exactly, so Enter alone, a stray click elsewhere or Escape deletes nothing. (A modal
 * cannot do this: VS Code puts its own Cancel button last and focuses the first, the
 * destructive one, and the API has no default-button option.) Resolves to true when the
 * name was typed and accepted. While it is open it is recorded as asked, without an
 * answer, so a test can see it and press Enter or Escape through VS Code's own commands.
 */
export async function confirmByName(message: string, detail: string, name: string): Promise<boolean> {
  const prompt: AskedPrompt = { kind: 'type-to-confirm', message, detail };
  asked.push(prompt);
  const test = await nextTestAnswer();
  const typed = test
    ? test.answer
    : await vscode.window.showInputBox({
        title: message,
        prompt: `${detail} Type ${name} to confirm.`,
        placeHolder: name,
        ignoreFocusOut: true,
        validateInput: (value) =>
          value === name
            ? undefined
            : {
                message: `Type ${name} exactly to delete it, or press Escape to keep it.`,
                severity: vscode.InputBoxValidationSeverity.Error,
              },
      });
  if (typed !== undefined) prompt.answer = typed;
  return typed === name;
}

function uriOf(answer: string): vscode.Uri {
  return /^[a-z][\w+.-]*:\/\//i.test(answer) ? vscode.Uri.parse(answer, true) : vscode.Uri.file(answer);
}

/** Where to save a file: the save dialog, or a queued test answer (a URI or a file path). */
export async function pickSaveUri(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
  const test = await nextTestAnswer({ kind: 'save', message: options.title ?? 'Save' });
  const uri = test
    ? test.answer !== undefined
      ? uriOf(test.answer)
      : undefined
    : await vscode.window.showSaveDialog(options);
  asked.push({ kind: 'save', message: options.title ?? 'Save', ...(uri ? { answer: uri.toString() } : {}) });
  return uri;
}

/**
 * A choice from a list (a quick pick): `show` shows it and resolves to the accepted item,
 * or undefined when dismissed. With a queued test answer nothing is shown: the answer is
 * what the user typed and accepted, and `accept` turns it into an item (undefined when the
 * picker would not accept it).
 */
export async function choose<T extends vscode.QuickPickItem>(
  title: string,
  items: Promise<readonly T[]> | readonly T[],
  show: () => Thenable<T | undefined>,
  accept: (text: string, items: readonly T[]) => T | undefined,
): Promise<T | undefined> {
  const test = await nextTestAnswer({ kind: 'pick', message: title });
  const chosen = test ? (test.answer !== undefined ? accept(test.answer, await items) : undefined) : await show();
  asked.push({
    kind: 'pick',
    message: title,
    items: (await items).map((i) => i.label),
    ...(chosen ? { answer: chosen.label } : {}),
  });
  return chosen;
}
