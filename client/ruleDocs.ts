import * as vscode from 'vscode';
import { rulePagePath } from '../core/lint/rule';

// A diagnostic's code links to its rule's page, docs/rules/<code>.md, shipped in the
// extension. The language server gives that file's URL (what any LSP client can open);
// opened as a file, VS Code shows the Markdown source, so the client turns the link into a
// command that opens the page rendered. VS Code 1.139's Problems panel (markersTreeViewer's
// Link) and the editor's hover on a diagnostic (markerHoverParticipant) open a code link
// with commands allowed; the peek of "Go to Next Problem" (F8) does not run command links.

/** Opens a rule's page as a Markdown preview; its argument is the rule code. */
export const SHOW_RULE_COMMAND = 'sagemakerScaling.showRule';

const PAGE = /\/docs\/rules\/([a-z0-9.-]+)\.md$/i;

/** The command link that opens a rule's page rendered. */
function ruleLink(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([code]))}`);
}

/** A rule page's file URL as a command link that opens it rendered; other links as they are. */
export function withRenderedRuleLink(diagnostic: vscode.Diagnostic): vscode.Diagnostic {
  const code = diagnostic.code;
  if (typeof code !== 'object' || code.target.scheme !== 'file') return diagnostic;
  const page = PAGE.exec(code.target.path);
  if (!page) return diagnostic;
  diagnostic.code = { value: code.value, target: ruleLink(page[1]!) };
  return diagnostic;
}

/** The page of a rule in the extension (the index when there is none for that code). */
async function rulePage(extensionUri: vscode.Uri, code: string): Promise<vscode.Uri> {
  const page = vscode.Uri.joinPath(extensionUri, 'docs', rulePagePath(code));
  try {
    await vscode.workspace.fs.stat(page);
    return page;
  } catch {
    return vscode.Uri.joinPath(extensionUri, 'docs', 'rules.md');
  }
}

/** sagemakerScaling.showRule: the rule's page, rendered. */
export async function showRule(extensionUri: vscode.Uri, code: unknown): Promise<vscode.Uri> {
  const page = await rulePage(extensionUri, typeof code === 'string' ? code : '');
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return page;
}
