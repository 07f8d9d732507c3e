import type { RuleConfig } from '../core/lint/config';
import { collectFiles } from './files';
import { toGithubCommand, toSarif } from './lintFormats';
import {
  encodingMessage,
  findingToMessage,
  lintText,
  messageLine,
  NotUtf8Error,
  readText,
  type LintMessage,
} from './lintFile';
import { ruleConfigForFile, ruleConfigLookup } from './ruleConfig';
import type { Output } from './output';

/** How lint prints its findings: for people, for scripts, for code scanning (SARIF), for GitHub Actions annotations. */
export const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface LintOptions {
  paths: string[];
  format: LintFormat;
  maxWarnings: number | undefined;
  now: Date;
  config?: RuleConfig;
}

/** `sagemaker-scaling lint`: 0 when clean, 1 on errors or too many warnings, 2 on unreadable input. */
export async function lintCommand(options: LintOptions, out: Output): Promise<number> {
  const { files, problems } = collectFiles(options.paths);
  const messages: LintMessage[] = [];
  const configs = ruleConfigLookup();
  for (const file of files) {
    let text: string;
    try {
      text = readText(file);
    } catch (error) {
      if (error instanceof NotUtf8Error) {
        messages.push(encodingMessage(file));
        continue;
      }
      problems.push((error as Error).message);
      continue;
    }
    let config;
    try {
      config = (await ruleConfigForFile(configs, file, options.config)).config;
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    messages.push(...(await lintText(file, text, { now: options.now, config })));
  }
  // Problems in a .scalingrc.json are findings in that file: an unknown code is not ignored.
  for (const loaded of configs.loaded()) {
    messages.push(...loaded.findings.map((f) => findingToMessage(loaded.path, loaded.text, f)));
  }
  for (const problem of problems) out.err(`sagemaker-scaling lint: ${problem}`);

  const errors = messages.filter((m) => m.severity === 'error').length;
  const warnings = messages.filter((m) => m.severity === 'warning').length;
  const infos = messages.length - errors - warnings;
  if (options.format === 'json') {
    out.out(JSON.stringify(messages, null, 2));
  } else if (options.format === 'sarif') {
    out.out(JSON.stringify(toSarif(messages, { root: process.cwd(), problems }), null, 2));
  } else {
    for (const m of messages) out.out(options.format === 'github' ? toGithubCommand(m) : messageLine(m));
    const summary = `${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} information`;
    out.err(summary);
  }
  if (problems.length > 0) return 2;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    out.err(
      `sagemaker-scaling lint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}`,
    );
    return 1;
  }
  return 0;
}
