import { fetchLiveState } from '../aws/fetchLive';
import { runLiveChecks } from '../aws/liveChecks';
import { explainAwsError } from '../aws/errors';
import type { AwsClients } from '../aws/session';
import { desiredFromText } from '../core/plan/desired';
import type { DesiredState, LiveState } from '../core/plan/liveState';
import { planChanges, renderPlanText } from '../core/plan/plan';
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
import { findingToMessage, lintText, readText, type LintMessage } from './lintFile';
import type { Output } from './output';
import { ruleConfigForFile, ruleConfigLookup } from './ruleConfig';

// `sagemaker-scaling plan`: the file against AWS, as the list of changes apply would send.
// The same preparation serves apply: read, lint (refuse on errors), live checks (refuse on
// errors), read live state, plan.

export interface PlanCommandOptions {
  file: string;
  prune: boolean;
  aws: AwsCliOptions;
  now: Date;
}

/** Everything apply needs once the file has passed every check. */
export interface PreparedPlan {
  clients: AwsClients;
  desired: DesiredState;
  live: LiveState;
  plan: Plan;
}

/** Exit codes of plan and apply. */
export const EXIT = { ok: 0, failed: 1, usage: 2, changes: 3, interrupted: 130 } as const;

function printMessages(messages: LintMessage[], out: Output): void {
  for (const m of messages) out.err(`${m.file}:${m.line}:${m.column} ${m.severity} ${m.code} ${m.message}`);
}

/**
 * Reads, lints, checks against AWS and plans. Returns an exit code when it cannot go on
 * (2: unreadable; 1: lint errors, failed live checks, or an AWS error), having said why.
 * The caller destroys the clients.
 */
export async function preparePlan(
  command: string,
  options: PlanCommandOptions,
  out: Output,
): Promise<PreparedPlan | number> {
  const say = (line: string) => out.err(`sagemaker-scaling ${command}: ${line}`);
  let text: string;
  try {
    text = readText(options.file);
  } catch (error) {
    say(error instanceof TypeError ? `${options.file} is not valid UTF-8 text` : (error as Error).message);
    return EXIT.usage;
  }

  // The same three layers as `sagemaker-scaling lint`, with the same .scalingrc.json.
  const configs = ruleConfigLookup();
  let config;
  try {
    config = (await ruleConfigForFile(configs, options.file)).config;
  } catch (error) {
    say((error as Error).message);
    return EXIT.usage;
  }
  const messages = await lintText(options.file, text, { now: options.now, config });
  for (const loaded of configs.loaded())
    messages.push(...loaded.findings.map((f) => findingToMessage(loaded.path, loaded.text, f)));
  printMessages(messages, out);
  const errors = messages.filter((m) => m.severity === 'error').length;
  if (errors > 0) {
    say(
      `${errors} error${errors === 1 ? '' : 's'} in the file: fix ${errors === 1 ? 'it' : 'them'} first (see sagemaker-scaling lint)`,
    );
    return EXIT.failed;
  }
  const desired = desiredFromText(text);
  if (!desired) {
    say(`${options.file} holds no scaling document`);
    return EXIT.failed;
  }

  let clients: AwsClients;
  try {
    clients = await openSession(options.aws, out, desired.Region);
  } catch (error) {
    say(
      error instanceof RegionArgumentError ? error.message : explainAwsError(error, { profile: options.aws.profile }),
    );
    return error instanceof RegionArgumentError ? EXIT.usage : EXIT.failed;
  }
  const profile = clients.settings.profileNamed ? clients.settings.profile : undefined;
  try {
    const checks = await runLiveChecks(clients, text, { config });
    for (const note of checks.skipped) say(`live check skipped: ${note}`);
    const live = checks.findings.map((f) => findingToMessage(options.file, text, f));
    printMessages(live, out);
    const liveErrors = live.filter((m) => m.severity === 'error').length;
    if (liveErrors > 0) {
      say(
        `${liveErrors} live check${liveErrors === 1 ? '' : 's'} failed in ${clients.settings.region}: nothing can be applied until ${liveErrors === 1 ? 'it passes' : 'they pass'}`,
      );
      clients.destroy();
      return EXIT.failed;
    }
    const liveState = await fetchLiveState(clients, desired.targets);
    const plan = planChanges(desired, liveState, { prune: options.prune });
    return { clients, desired, live: liveState, plan };
  } catch (error) {
    say(explainAwsError(error, profile ? { profile } : {}));
    clients.destroy();
    return EXIT.failed;
  }
}

/** `sagemaker-scaling plan`: exit 0 when AWS matches the file, 3 when apply would change something, 1 on errors, 2 on bad input. */
export async function planCommand(options: PlanCommandOptions, out: Output): Promise<number> {
  const prepared = await preparePlan('plan', options, out);
  if (typeof prepared === 'number') return prepared;
  prepared.clients.destroy();
  out.out(`Region ${prepared.clients.settings.region}`);
  out.out(renderPlanText(prepared.plan).replace(/\n$/, ''));
  return prepared.plan.changes.length === 0 ? EXIT.ok : EXIT.changes;
}

export const PLAN_USAGE = `Usage: sagemaker-scaling plan [--prune] [--profile P] [--region R] [--endpoint-url URL] [--verbose] <file>`;

/** `plan` from its command-line arguments. */
export async function planMain(args: string[], out: Output, now: Date): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...AWS_OPTION_DEFINITIONS, prune: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    out.out(PLAN_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) return usageError(out, `plan takes one file, not ${positionals.length}`);
  return planCommand({ file: positionals[0]!, prune: values.prune === true, aws: awsOptionsFrom(values), now }, out);
}
