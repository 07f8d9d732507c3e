import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { rulePagePath, type RuleMeta } from '../core/lint/rule';
import { RULES_BY_CODE } from '../core/rules/index';
import type { Severity } from '../core/finding';
import { repository, version } from '../package.json';
import type { LintMessage } from './lintFile';

// The formats CI systems read, for `lint --format sarif|github`. Each is what its reader
// documents; positions are the CLI's own 1-based lines and columns in UTF-16 code units,
// which is SARIF's default column unit too.

/** The codes the first two layers report (core/lint/lintDocument.ts), which no rule defines. */
const LAYER_CODES: readonly RuleMeta[] = [
  {
    code: 'json.syntax',
    severity: 'error',
    title: 'The file is JSON with comments',
    description: 'A syntax error stops every later check: fix it first.',
  },
  {
    code: 'json.schema',
    severity: 'error',
    title: 'The file follows the schema (schemas/scaling.schema.json)',
    description:
      'A member of the wrong type, an unknown member or a missing required one: AWS would reject such a request.',
  },
];

const META: ReadonlyMap<string, RuleMeta> = new Map([
  ...LAYER_CODES.map((m) => [m.code, m] as const),
  ...RULES_BY_CODE,
]);

/**
 * Where the rules' pages (docs/rules/<code>.md) are published: the repository named in
 * package.json, on its main branch. One place to change when the project moves.
 */
const RULES_DOC_URL = `${repository.url.replace(/\.git$/, '')}/blob/main/docs`;

/** The documentation link of a code: its page under docs/rules/, or for the first two layers the index. */
function ruleHelpUri(code: string): string {
  return RULES_BY_CODE.has(code) ? `${RULES_DOC_URL}/${rulePagePath(code)}` : `${RULES_DOC_URL}/rules.md`;
}

// SARIF 2.1.0 §3.27.10: level is "error", "warning", "note" or "none".
const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
};

function ruleDescriptor(code: string): ReportingDescriptor {
  const meta = META.get(code);
  const title = meta?.title ?? code;
  const markdown = `**${code}**: ${title}${meta?.description ? `\n\n${meta.description}` : ''}\n\n[Documentation](${ruleHelpUri(code)})`;
  return {
    id: code,
    name: code,
    shortDescription: { text: title },
    ...(meta?.description ? { fullDescription: { text: meta.description } } : {}),
    helpUri: ruleHelpUri(code),
    help: { text: `${title}${meta?.description ? `\n\n${meta.description}` : ''}`, markdown },
    defaultConfiguration: { level: SARIF_LEVEL[meta?.severity ?? 'error'] },
  };
}

/** A file as SARIF's artifactLocation: relative to the working folder (%SRCROOT%) when inside it, else a file URI. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const path = relative(root, resolve(root, file));
  if (path === '' || path.startsWith('..') || resolve(path) === path) return { uri: pathToFileURL(resolve(file)).href };
  return { uri: encodeURI(path.split(sep).join('/')), uriBaseId: '%SRCROOT%' };
}

/**
 * The findings as one SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html),
 * with a rule entry for every code reported and every code there is (GitHub code scanning
 * shows a rule's help beside its alerts:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
 * `problems` are inputs that could not be read: tool execution notifications, and the run
 * is then not successful.
 */
export function toSarif(messages: readonly LintMessage[], options: { root: string; problems: readonly string[] }): Log {
  const codes = [...new Set([...META.keys(), ...messages.map((m) => m.code)])].sort();
  const index = new Map(codes.map((code, i) => [code, i]));
  const results: Result[] = messages.map((m) => ({
    ruleId: m.code,
    ruleIndex: index.get(m.code)!,
    level: SARIF_LEVEL[m.severity],
    message: { text: m.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(m.file, options.root),
          region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
        },
      },
    ],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sagemaker-scaling',
            version,
            informationUri: repository.url.replace(/\.git$/, ''),
            rules: codes.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.root).href.replace(/\/?$/, '/') } },
        invocations: [
          {
            executionSuccessful: options.problems.length === 0,
            toolExecutionNotifications: options.problems.map((text) => ({ level: 'error', message: { text } })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

// GitHub's workflow commands:
// https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-error-message
// Written here rather than through @actions/core, whose issueCommand writes to
// process.stdout itself (the CLI prints through its Output, which tests capture). The
// escaping is the toolkit's own (packages/core/src/command.ts): in data % CR LF; in
// property values also : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
};

/** One finding as a GitHub Actions annotation: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<code>::message`. */
export function toGithubCommand(m: LintMessage): string {
  const file = m.file.split(sep).join('/');
  const props = [
    `file=${escapeProperty(file)}`,
    `line=${m.line}`,
    `col=${m.column}`,
    `endLine=${m.endLine}`,
    `endColumn=${m.endColumn}`,
    `title=${escapeProperty(m.code)}`,
  ].join(',');
  return `::${GITHUB_COMMAND[m.severity]} ${props}::${escapeData(m.message)}`;
}
