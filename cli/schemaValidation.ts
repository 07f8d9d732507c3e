import { getLanguageService, type Diagnostic, type LanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import schema from '../schemas/scaling.schema.json';

// Layers 1 and 2 (JSON syntax and the schema) through vscode-json-languageservice, the
// library behind VS Code's own JSON support, so the CLI reports what the editor shows.

const SCHEMA_URI = 'sagemaker-scaling://schemas/scaling.schema.json';

// VS Code's JSON server treats the jsonc language this way: comments allowed, trailing
// commas a warning.
const JSONC_SETTINGS = { comments: 'ignore', trailingCommas: 'warning' } as const;

let service: LanguageService | undefined;

/** The shared language service, configured with our schema for every *.scaling.json. */
export function schemaService(): LanguageService {
  if (!service) {
    service = getLanguageService({});
    service.configure({ validate: true, allowComments: true, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.scaling.json'], schema }] });
  }
  return service;
}

/** The syntax and schema diagnostics of one document, as VS Code would show them. */
export async function validateWithSchema(text: string, uri = 'file:///document.scaling.json'): Promise<{ document: TextDocument; diagnostics: Diagnostic[] }> {
  const ls = schemaService();
  const document = TextDocument.create(uri, 'jsonc', 1, text);
  const json = ls.parseJSONDocument(document);
  const diagnostics = await ls.doValidation(document, json, JSONC_SETTINGS);
  return { document, diagnostics };
}

/** Whether a JSON language service diagnostic is a syntax error rather than a schema finding. */
export function isSyntaxDiagnostic(diagnostic: Diagnostic): boolean {
  return typeof diagnostic.code === 'number' && diagnostic.code >= 0x100 && diagnostic.code < 0x300;
}
