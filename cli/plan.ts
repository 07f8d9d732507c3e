import { fetchLiveState } from '../aws/fetchLive';
import { keptActionFindings, newLiveCheckCache, runLiveChecks } from '../aws/liveChecks';
import { explainAwsError, sessionErrorContext } from '../aws/errors';
import type { AwsClients } from '../aws/session';
import type { Finding } from '../core/finding';
import { desiredFromText } from '../core/plan/desired';
import { keyText, type DesiredState, type LiveState } from '../core/plan/liveState';
import { countsText, planChanges, renderPlanText } from '../core/plan/plan';
import { planReport, renderPlanMarkdown, type FileOutcome } from '../core/plan/planReport';
import type { Plan } from '../core/plan/planTypes';
import { parseArgs } from 'node:util';
import {
  AWS_OPTION_DEFINITIONS,
  awsOptionsFrom,
  openSession,
  RegionArgumentError,
  usageError,
  type AwsCliOptions,
} from './awsOptions';
import { collectFiles } from './files';
import { findingToMessage, lintText, messageLine, readText, type LintMessage } from './lintFile';
import type { Output } from './output';
import { ruleConfigForFile, ruleConfigLookup } from './ruleConfig';
import { writeFileAtomic } from './atomicWrite';
import { savedPlanOf } from './savedPlanFile';

// `sagemaker-scaling plan`: files against AWS, as the list of changes apply would send.
// The same preparation serves apply: read, lint (refuse on errors), live checks (refuse on
// errors), read live state, plan. Several files and folders are planned together: one AWS
// session per region, one batched read of live state per region for all their targets.

const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanCommandOptions {
  /** Files and folders (searched for *.scaling.json, as lint does). */
  paths: string[];
  prune: boolean;
  aws: AwsCliOptions;
  now: Date;
  format?: PlanFormat;
  /** Write the plan here as a saved plan for `apply --plan`. */
  outFile?: string;
}

/** One file that passed every check, with its plan. */
export interface PreparedFile {
  file: string;
  text: string;
  desired: DesiredState;
  /** The session of its region (shared by the files of that region). */
  clients: AwsClients;
  /** Live state of this file's targets. */
  live: LiveState;
  plan: Plan;
}

/** Everything apply needs once the files have passed every check. */
export interface PreparedPlans {
  files: PreparedFile[];
  /** Files that could not be planned, with the reason (said on stderr already). */
  failed: { file: string; region?: string; error: string }[];
  /** Paths that could not be read at all (exit 2). */
  unreadable: number;
  /** Every session opened; the caller destroys them. */
  sessions: AwsClients[];
}

/** Exit codes of plan and apply. */
export const EXIT = { ok: 0, failed: 1, usage: 2, changes: 3, interrupted: 130 } as const;

function printMessages(messages: LintMessage[], out: Output): void {
  for (const m of messages) out.err(messageLine(m));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface CheckedFile {
  file: string;
  text: string;
  desired: DesiredState;
  config: Awaited<ReturnType<typeof ruleConfigForFile>>['config'];
}

/**
 * Reads, lints, checks against AWS and plans every file the paths name. Files that cannot
 * go on are listed as failed, having said why on stderr. The caller destroys the sessions.
 */
export async function preparePlans(
  command: string,
  options: Omit<PlanCommandOptions, 'format'>,
  out: Output,
): Promise<PreparedPlans> {
  const say = (line: string) => out.err(`sagemaker-scaling ${command}: ${line}`);
  const result: PreparedPlans = { files: [], failed: [], unreadable: 0, sessions: [] };
  const fail = (file: string, error: string, region?: string) => {
    say(`${file}: ${error}`);
    result.failed.push({ file, error, ...(region !== undefined ? { region } : {}) });
  };

  const { files, problems } = collectFiles(options.paths);
  for (const problem of problems) say(problem);
  result.unreadable = problems.length;

  // The same three layers as `sagemaker-scaling lint`, with the same .scalingrc.json.
  const configs = ruleConfigLookup();
  const checked: CheckedFile[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readText(file);
    } catch (error) {
      say((error as Error).message);
      result.unreadable++;
      continue;
    }
    let config;
    try {
      config = (await ruleConfigForFile(configs, file)).config;
    } catch (error) {
      say((error as Error).message);
      result.unreadable++;
      continue;
    }
    const messages = await lintText(file, text, { now: options.now, config });
    printMessages(messages, out);
    const errors = messages.filter((m) => m.severity === 'error').length;
    if (errors > 0) {
      fail(
        file,
        `${plural(errors, 'error')} in the file: fix ${errors === 1 ? 'it' : 'them'} first (see sagemaker-scaling lint)`,
      );
      continue;
    }
    const desired = desiredFromText(text);
    if (!desired) {
      fail(file, 'holds no scaling document');
      continue;
    }
    checked.push({ file, text, desired, config });
  }
  for (const loaded of configs.loaded())
    printMessages(
      loaded.findings.map((f) => findingToMessage(loaded.path, loaded.text, f)),
      out,
    );

  // A target in two files: the two would undo each other at every apply.
  const owner = new Map<string, string>();
  const clashing = new Set<string>();
  for (const c of checked) {
    for (const target of c.desired.targets) {
      const key = keyText(target);
      const first = owner.get(key);
      if (first === undefined) owner.set(key, c.file);
      else if (first !== c.file) {
        for (const file of [first, c.file]) {
          if (clashing.has(file)) continue;
          clashing.add(file);
          const other = file === first ? c.file : first;
          fail(
            file,
            `target ${target.ResourceId} (${target.ScalableDimension}) is also in ${other}: a target belongs in one file, or each apply undoes the other's`,
          );
        }
      }
    }
  }

  // One session per region the files name (no Region: the profile's or the environment's).
  const byRegion = new Map<string | undefined, CheckedFile[]>();
  for (const c of checked) {
    if (clashing.has(c.file)) continue;
    const region = c.desired.Region || undefined;
    byRegion.set(region, [...(byRegion.get(region) ?? []), c]);
  }
  for (const [fileRegion, group] of byRegion) {
    let clients: AwsClients;
    try {
      clients = await openSession(options.aws, out, fileRegion);
    } catch (error) {
      const message =
        error instanceof RegionArgumentError ? error.message : explainAwsError(error, { profile: options.aws.profile });
      if (error instanceof RegionArgumentError) {
        say(message);
        result.unreadable += group.length;
        for (const c of group) result.failed.push({ file: c.file, error: message });
      } else {
        for (const c of group) fail(c.file, message);
      }
      continue;
    }
    result.sessions.push(clients);
    const region = clients.settings.region;
    const explain = (error: unknown) => explainAwsError(error, sessionErrorContext(clients.settings));
    /** Prints a file's live-check findings; true, the file failed, when any is an error. */
    const refusedByLiveChecks = (c: CheckedFile, findings: readonly Finding[]): boolean => {
      const messages = findings.map((f) => findingToMessage(c.file, c.text, f));
      printMessages(messages, out);
      const errors = messages.filter((m) => m.severity === 'error').length;
      if (errors === 0) return false;
      fail(
        c.file,
        `${plural(errors, 'live check')} failed in ${region}: nothing can be applied until ${errors === 1 ? 'it passes' : 'they pass'}`,
        region,
      );
      return true;
    };
    const cache = newLiveCheckCache();
    const passed: CheckedFile[] = [];
    for (const c of group) {
      try {
        const checks = await runLiveChecks(clients, c.text, { config: c.config, cache });
        for (const note of checks.skipped) say(`live check skipped: ${note}`);
        if (!refusedByLiveChecks(c, checks.findings)) passed.push(c);
      } catch (error) {
        fail(c.file, explain(error), region);
      }
    }
    if (passed.length === 0) continue;
    let liveState: LiveState;
    try {
      liveState = await fetchLiveState(
        clients,
        passed.flatMap((c) => c.desired.targets),
      );
    } catch (error) {
      for (const c of passed) fail(c.file, explain(error), region);
      continue;
    }
    for (const c of passed) {
      const keys = new Set(c.desired.targets.map(keyText));
      const live: LiveState = { ...liveState, targets: liveState.targets.filter((t) => keys.has(keyText(t))) };
      // The live scheduled actions apply keeps (without --prune), against the file's bounds.
      const kept = keptActionFindings(c.text, live, { config: c.config, prune: options.prune, now: options.now });
      if (refusedByLiveChecks(c, kept)) continue;
      const plan = planChanges(c.desired, live, { prune: options.prune });
      result.files.push({ file: c.file, text: c.text, desired: c.desired, clients, live, plan });
    }
  }
  // Files in the order they were found, whatever their region.
  const order = new Map(files.map((f, i) => [f, i]));
  result.files.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  result.failed.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  return result;
}

/** The exit code of a preparation that went wrong: 2 for unreadable input, 1 for failed files; undefined when all is well. */
export function preparationExit(prepared: PreparedPlans): number | undefined {
  if (prepared.unreadable > 0) return EXIT.usage;
  if (prepared.failed.length > 0) return EXIT.failed;
  if (prepared.files.length === 0) return EXIT.usage;
  return undefined;
}

/** The outcomes of a preparation, file by file, for the reports. */
function outcomesOf(prepared: PreparedPlans): FileOutcome[] {
  return [
    ...prepared.files.map((f) => ({ file: f.file, region: f.clients.settings.region, plan: f.plan })),
    ...prepared.failed,
  ];
}

/** The plans as text: as before for one file; for several, each under its name and a total. */
export function printPlansText(prepared: PreparedPlans, out: Output): void {
  if (prepared.files.length === 1 && prepared.failed.length === 0) {
    const [only] = prepared.files;
    out.out(`Region ${only!.clients.settings.region}`);
    out.out(renderPlanText(only!.plan).replace(/\n$/, ''));
    return;
  }
  for (const f of prepared.files) {
    out.out(`== ${f.file} (region ${f.clients.settings.region})`);
    out.out(renderPlanText(f.plan).replace(/\n$/, ''));
    out.out('');
  }
  const s = planReport(outcomesOf(prepared)).summary;
  const total = s.create + s.update + s.delete;
  out.out(
    `${plural(s.files, 'file')}${s.failed ? `, ${s.failed} not planned` : ''}: ${total === 0 ? 'no changes' : countsText(s)}.`,
  );
}

/**
 * `sagemaker-scaling plan`: exit 0 when AWS matches every file, 3 when apply would change
 * something, 1 on errors (in a file, its live checks, or AWS), 2 on bad input.
 */
export async function planCommand(options: PlanCommandOptions, out: Output): Promise<number> {
  const prepared = await preparePlans('plan', options, out);
  const failure = preparationExit(prepared);
  if (options.outFile !== undefined) {
    if (failure !== undefined) {
      out.err(
        `sagemaker-scaling plan: no plan written to ${options.outFile}: not every file could be planned (see above); fix them and plan again`,
      );
    } else {
      try {
        const saved = await savedPlanOf(prepared, options.prune, options.now);
        writeFileAtomic(options.outFile, `${JSON.stringify(saved, null, 2)}\n`, true);
        out.err(
          `Saved the plan to ${options.outFile}: apply it with sagemaker-scaling apply --plan ${options.outFile}`,
        );
      } catch (error) {
        for (const s of prepared.sessions) s.destroy();
        out.err(
          `sagemaker-scaling plan: cannot write ${options.outFile}: ${(error as NodeJS.ErrnoException).code ?? explainAwsError(error)}`,
        );
        return EXIT.failed;
      }
    }
  }
  for (const s of prepared.sessions) s.destroy();
  const format = options.format ?? 'text';
  if (format === 'json') out.out(JSON.stringify(planReport(outcomesOf(prepared)), null, 2));
  else if (format === 'markdown') out.out(renderPlanMarkdown(planReport(outcomesOf(prepared))).replace(/\n$/, ''));
  else if (prepared.files.length > 0) printPlansText(prepared, out);
  if (failure !== undefined) return failure;
  return prepared.files.some((f) => f.plan.changes.length > 0) ? EXIT.changes : EXIT.ok;
}

export const PLAN_USAGE = `Usage: sagemaker-scaling plan [--prune] [--format text|json|markdown] [--out plan.json] [--profile P] [--region R] [--endpoint-url URL] [--verbose] <files or folders...>`;

/** `plan` from its command-line arguments. */
export async function planMain(args: string[], out: Output, now: Date): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...AWS_OPTION_DEFINITIONS,
      prune: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out.out(PLAN_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0) return usageError(out, 'plan needs at least one file or folder');
  const format = values.format ?? 'text';
  if (!(PLAN_FORMATS as readonly string[]).includes(format))
    return usageError(out, `--format takes text, json or markdown, not "${format}"`);
  return planCommand(
    {
      paths: positionals,
      prune: values.prune === true,
      aws: awsOptionsFrom(values),
      now,
      format: format as PlanFormat,
      ...(values.out !== undefined ? { outFile: values.out } : {}),
    },
    out,
  );
}
