import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../core/finding';
import { rulePagePath } from '../core/lint/rule';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/**
 * An LSP diagnostic for a finding: positions from offsets, the code linked to its page
 * (`<docsUri>/rules/<code>.md`, a file any client can open; the VS Code client opens it
 * rendered). `docsUri` is the docs folder shipped with the server, without a trailing slash.
 */
export function toDiagnostic(document: TextDocument, finding: Finding, docsUri: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    severity: SEVERITY[finding.severity],
    source: 'scaling',
    code: finding.code,
    codeDescription: { href: `${docsUri}/${rulePagePath(finding.code)}` },
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: document.uri, range: { start: document.positionAt(r.start), end: document.positionAt(r.end) } },
      message: r.message,
    }));
  }
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}
