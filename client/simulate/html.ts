import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

// The panel's page: an empty frame the bundled script (dist/webview/simulate.js, from
// webview/simulate.ts) fills in. A strict Content-Security-Policy: nothing by default,
// the script only with this page's nonce, styles, fonts and images only from the
// extension's own files (VS Code's webview guide: https://code.visualstudio.com/api/extension-guides/webview#content-security-policy).
// No inline style or handler anywhere: the script sets what it needs through the DOM.

/** The HTML of the simulation webview. */
export function simulationHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'simulate.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'simulate.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Simulation</title>
</head>
<body>
<main id="app"><p>Loading the simulation…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
