import {
  getLanguageService,
  type Diagnostic,
  type JSONSchema,
  type LanguageService,
} from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import schemaJson from '../../schemas/scaling.schema.json';

// Layers 1 and 2 (JSON syntax and the schema) through vscode-json-languageservice, the
// library behind VS Code's own JSON support, so the CLI reports what the editor shows.

// TypeScript infers the JSON file's literal shape, which does not unify with JSONSchema's unions.
const schema = schemaJson as unknown as JSONSchema;

const SCHEMA_URI = 'sagemaker-scaling://schemas/scaling.schema.json';

// VS Code's JSON server treats the jsonc language this way: comments allowed, trailing
// commas a warning. It shows schema violations as warnings; in CI a schema violation
// (a misspelt member, a value outside an enum) is a request AWS rejects, so the CLI
// reports the same findings as errors and fails the build on them.
const JSONC_SETTINGS = { comments: 'ignore', trailingCommas: 'warning', schemaValidation: 'error' } as const;

let service: LanguageService | undefined;

/** The shared language service, configured with our schema for every *.scaling.json. */
export function schemaService(): LanguageService {
  if (!service) {
    service = getLanguageService({});
    service.configure({
      validate: true,
      allowComments: true,
      schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.scaling.json'], schema }],
    });
  }
  return service;
}

/** A diagnostic of the JSON language service, told apart as syntax or schema. */
export interface JsonDiagnostic {
  diagnostic: Diagnostic;
  syntax: boolean;
}

function key(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${typeof d.message === 'string' ? d.message : d.message.value}`;
}

/**
 * The syntax and schema diagnostics of one document, as VS Code would show them. Empty
 * when the document nests deeper than the language service's recursive parser can go;
 * our own engine reports that case (format.too-deep).
 */
export async function validateWithSchema(
  text: string,
  uri = 'file:///document.scaling.json',
): Promise<{ document: TextDocument; diagnostics: JsonDiagnostic[] }> {
  const ls = schemaService();
  const document = TextDocument.create(uri, 'jsonc', 1, text);
  try {
    const json = ls.parseJSONDocument(document);
    // The parse's own errors are the syntax layer; whatever else validation adds is the schema's.
    // (`syntaxErrors` is on the parsed document at run time but not in its declared type.)
    const syntaxErrors = (json as unknown as { syntaxErrors?: Diagnostic[] }).syntaxErrors ?? [];
    const syntax = new Set(syntaxErrors.map(key));
    const diagnostics = await ls.doValidation(document, json, JSONC_SETTINGS);
    return {
      document,
      diagnostics: diagnostics.map((diagnostic) => ({ diagnostic, syntax: syntax.has(key(diagnostic)) })),
    };
  } catch (error) {
    if (error instanceof RangeError) return { document, diagnostics: [] };
    throw error;
  }
}
