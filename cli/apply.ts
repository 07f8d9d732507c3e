import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { applyPlan, renderApplyResult } from '../aws/apply';
import { explainAwsError, sessionErrorContext } from '../aws/errors';
import { accountOf } from '../aws/identity';
import { fetchLiveState } from '../aws/fetchLive';
import type { AwsClients } from '../aws/session';
import { desiredFromText } from '../core/plan/desired';
import { keyText, type LiveState, type TargetState } from '../core/plan/liveState';
import { driftSince, parseSavedPlan, SavedPlanError, type SavedPlan } from '../core/plan/savedPlan';
import { resolve } from 'node:path';
import { AWS_OPTION_DEFINITIONS, awsOptionsFrom, openSession, RegionArgumentError, usageError } from './awsOptions';
import { collectFiles } from './files';
import { readText } from './lintFile';
import type { Output } from './output';
import {
  EXIT,
  preparationExit,
  preparePlans,
  printPlansText,
  type PlanCommandOptions,
  type PreparedFile,
  type PreparedPlans,
} from './plan';
import { sha256 } from './hash';

// `sagemaker-scaling apply`: plan, show it, ask (unless --yes), send. A file with errors or
// a failed live check is refused before anything is read from AWS beyond the checks. With
// --plan, the saved plan is applied exactly, after checking that its files and the live
// state of every target it touches are still what it was computed from.

export interface ApplyCommandOptions extends Omit<PlanCommandOptions, 'format'> {
  yes: boolean;
  /** A saved plan to apply exactly (plan --out); `paths`, when given, must be the files it was made from. */
  planFile?: string;
  /** Targets written side by side; one target's changes stay in order. */
  maxConcurrency: number;
}

/** The default of --max-concurrency: a few targets at once, well within Application Auto Scaling's request rates. */
const DEFAULT_MAX_CONCURRENCY = 4;

/** What the person at the terminal did at the question. */
type TerminalAnswer = { kind: 'answer'; text: string } | { kind: 'endOfInput' } | { kind: 'interrupt' };

/**
 * Asks on the terminal (the question on stderr, so stdout keeps only the plan and the
 * report). The first of the typed line, end of input (Ctrl+D, or stdin closing) and
 * Ctrl+C settles the answer: readline reads the terminal raw, so Ctrl+C reaches it as a
 * key and not as a signal, and without a 'SIGINT' listener it would only close.
 */
function askOnTerminal(question: string): Promise<TerminalAnswer> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: TerminalAnswer) => {
      if (settled) return;
      settled = true; // before close(), whose 'close' event would settle it as end of input
      rl.close();
      resolve(answer);
    };
    rl.on('SIGINT', () => {
      process.stderr.write('^C\n');
      settle({ kind: 'interrupt' });
    });
    rl.once('close', () => {
      if (settled) return;
      process.stderr.write('\n');
      settle({ kind: 'endOfInput' });
    });
    rl.question(question, (text) => settle({ kind: 'answer', text }));
  });
}

/** A saved plan that cannot be applied as it is: why, and whether the plan file itself is at fault (exit 2) or the world changed (exit 1). */
class Refusal extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/**
 * A saved plan made ready to apply: its files unchanged on disk, a session per region with
 * the plan's account, and every touched target live as it was when planned. Refuses
 * otherwise, with every reason found, before anything is written.
 */
async function prepareSaved(options: ApplyCommandOptions, out: Output): Promise<PreparedPlans> {
  const planFile = options.planFile!;
  let text: string;
  try {
    text = readText(planFile);
  } catch (error) {
    throw new Refusal((error as Error).message, EXIT.usage);
  }
  let saved: SavedPlan;
  try {
    saved = parseSavedPlan(text, sha256, planFile);
  } catch (error) {
    if (error instanceof SavedPlanError) throw new Refusal(error.message, EXIT.usage);
    throw error;
  }

  const reasons: string[] = [];
  if (options.paths.length > 0) {
    const { files, problems } = collectFiles(options.paths);
    if (problems.length > 0) throw new Refusal(problems.join('\n'), EXIT.usage);
    const planned = new Set(saved.files.map((f) => resolve(f.file)));
    const named = new Set(files.map((f) => resolve(f)));
    for (const f of files)
      if (!planned.has(resolve(f)))
        reasons.push(
          `${f} is not in the plan (it was made from ${saved.files.map((s) => s.file).join(', ')}): name the plan's files or none, or plan again with it`,
        );
    for (const f of saved.files)
      if (!named.has(resolve(f.file)))
        reasons.push(`the plan also covers ${f.file}, which was not named: name every file of the plan, or none`);
  }
  // The planned files' targets, read as plan read them (the file's targets, so the same alarms are found).
  const targetsOf = new Map<string, TargetState[]>();
  for (const f of saved.files) {
    let current: string;
    try {
      current = readText(f.file);
    } catch (error) {
      reasons.push(`${f.file}, planned, cannot be read now: ${(error as Error).message}. Restore it, or plan again.`);
      continue;
    }
    if (sha256(current) !== f.sha256)
      reasons.push(`${f.file} changed since the plan was made: it is not the file that was reviewed. Plan again.`);
    const touched = new Set(f.touched.map((t) => keyText(t.target)));
    targetsOf.set(f.file, desiredFromText(current)?.targets.filter((t) => touched.has(keyText(t))) ?? []);
  }
  if (reasons.length > 0) throw new Refusal(reasons.join('\n'), EXIT.failed);

  const result: PreparedPlans = { files: [], failed: [], unreadable: 0, sessions: [] };
  try {
    const regions = [...new Set(saved.files.map((f) => f.region))];
    for (const region of regions) {
      const planned = saved.files.filter((f) => f.region === region);
      let clients: AwsClients;
      try {
        clients = await openSession(options.aws, out, region);
      } catch (error) {
        if (error instanceof RegionArgumentError)
          throw new Refusal(`${error.message} (the plan was made for ${region})`, EXIT.usage);
        throw error;
      }
      result.sessions.push(clients);
      const account = await accountOf(clients);
      for (const f of planned)
        if (f.account !== account)
          reasons.push(
            `${f.file} was planned for account ${f.account}; these credentials are for account ${account}. Use the plan's account, or plan again.`,
          );
      if (reasons.length > 0) continue;
      const keys = planned.flatMap((f) => {
        const fromFile = targetsOf.get(f.file) ?? [];
        const known = new Set(fromFile.map(keyText));
        // A touched target the file no longer names cannot be: the file is unchanged. Read it all the same.
        return [...fromFile, ...f.touched.map((t) => t.target).filter((k) => !known.has(keyText(k)))];
      });
      const live = await fetchLiveState(clients, keys);
      for (const f of planned) {
        for (const drift of driftSince(f.touched, live, sha256))
          reasons.push(
            `${f.file}: ${drift.target.ResourceId} (${drift.target.ScalableDimension}) ${drift.what}. AWS no longer matches what was planned: plan again.`,
          );
        const mine = new Set(f.touched.map((t) => keyText(t.target)));
        const fileLive: LiveState = { ...live, targets: live.targets.filter((t) => mine.has(keyText(t))) };
        result.files.push({
          file: f.file,
          text: '',
          desired: { targets: [] },
          clients,
          live: fileLive,
          plan: { changes: f.changes, unmanaged: f.unmanaged },
        });
      }
    }
    if (reasons.length > 0) throw new Refusal(reasons.join('\n'), EXIT.failed);
    return result;
  } catch (error) {
    for (const s of result.sessions) s.destroy();
    throw error;
  }
}

/** "account A in region R", or the several of each. */
function whereText(accounts: readonly string[], regions: readonly string[]): string {
  const a = [...new Set(accounts)];
  const r = [...new Set(regions)];
  return `account${a.length === 1 ? '' : 's'} ${a.join(', ')} in region${r.length === 1 ? '' : 's'} ${r.join(', ')}`;
}

/**
 * Exit 0 when AWS matches the files afterwards (or already did) or the person declined, 1
 * when a change failed, a check refused or a saved plan no longer matches AWS or its files,
 * 2 on bad input (an unusable saved plan included), 130 when interrupted (Ctrl+C at the
 * question or while applying).
 */
export async function applyCommand(options: ApplyCommandOptions, out: Output): Promise<number> {
  const say = (line: string) => out.err(`sagemaker-scaling apply: ${line}`);
  if (!options.yes && process.stdin.isTTY !== true) {
    say('stdin is not a terminal, so there is no one to confirm: pass --yes to apply without asking');
    return EXIT.usage;
  }
  let prepared: PreparedPlans;
  if (options.planFile !== undefined) {
    try {
      prepared = await prepareSaved(options, out);
    } catch (error) {
      if (error instanceof Refusal) {
        for (const line of error.message.split('\n')) say(line);
        say(`nothing applied: ${options.planFile} was refused`);
        return error.code;
      }
      say(explainAwsError(error, options.aws.profile ? { profile: options.aws.profile } : {}));
      return EXIT.failed;
    }
  } else {
    prepared = await preparePlans('apply', options, out);
    const failure = preparationExit(prepared);
    if (failure !== undefined) {
      for (const s of prepared.sessions) s.destroy();
      if (prepared.files.length > 0 && prepared.failed.length > 0)
        say(
          `nothing applied: ${prepared.failed.length} of ${prepared.files.length + prepared.failed.length} files cannot be applied`,
        );
      return failure;
    }
  }
  try {
    return await applyPrepared(prepared, options, out);
  } finally {
    for (const s of prepared.sessions) s.destroy();
  }
}

async function applyPrepared(prepared: PreparedPlans, options: ApplyCommandOptions, out: Output): Promise<number> {
  const say = (line: string) => out.err(`sagemaker-scaling apply: ${line}`);
  printPlansText(prepared, out);
  const pending = prepared.files.filter((f) => f.plan.changes.length > 0);
  const n = pending.reduce((sum, f) => sum + f.plan.changes.length, 0);
  if (n === 0) return EXIT.ok;

  const accounts: string[] = [];
  for (const clients of new Set(pending.map((f) => f.clients))) {
    try {
      accounts.push(await accountOf(clients));
    } catch (error) {
      say(explainAwsError(error, sessionErrorContext(clients.settings)));
      return EXIT.failed;
    }
  }
  const where = whereText(
    accounts,
    pending.map((f) => f.clients.settings.region),
  );
  const changes = `${n} change${n === 1 ? '' : 's'}`;
  if (!options.yes) {
    const answer = await askOnTerminal(`Apply ${changes} to ${where}? [y/N] `);
    if (answer.kind === 'interrupt') {
      say('interrupted at the question: nothing applied');
      return EXIT.interrupted;
    }
    const text = answer.kind === 'answer' ? answer.text.trim().toLowerCase() : '';
    if (text !== 'y' && text !== 'yes') {
      // Declining is an answer, not a failure: a script that asks and gets "no" goes on.
      say(`nothing applied (${answer.kind === 'endOfInput' ? 'no answer: end of input' : 'not confirmed'})`);
      return EXIT.ok;
    }
  } else {
    out.err(`Applying ${changes} to ${where} (--yes).`);
  }

  // Ctrl-C stops before the next call; a second one leaves at once.
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    out.err('Interrupted: stopping after the calls in flight (Ctrl-C again to quit now).');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    let done = 0;
    for (const [i, file] of pending.entries()) {
      const result = await applyPlan(file.clients, file.plan, {
        live: file.live,
        signal: controller.signal,
        concurrency: options.maxConcurrency,
        onProgress: ({ change, state }) => {
          if (state === 'applied') out.err(`[${++done}/${n}] ✓ ${change.summary}`);
          if (state === 'failed') out.err(`[${done + 1}/${n}] ✗ ${change.summary}`);
        },
      });
      const report = renderApplyResult(result);
      const heading = pending.length > 1 ? `${file.file}: ` : '';
      if (result.failed || result.cancelled) {
        out.err(`${heading}${report}`);
        const rest = pending.slice(i + 1);
        if (rest.length > 0)
          out.err(`Not applied (never started): ${rest.map((f: PreparedFile) => f.file).join(', ')}`);
        return result.cancelled ? EXIT.interrupted : EXIT.failed;
      }
      out.out(`${heading}${report}`);
    }
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

export const APPLY_USAGE = `Usage: sagemaker-scaling apply [--prune] [--yes] [--max-concurrency N] [--profile P] [--region R] [--endpoint-url URL] [--verbose] <files or folders...>
       sagemaker-scaling apply --plan plan.json [--yes] [--max-concurrency N] [AWS options] [<the plan's files...>]`;

/** `apply` from its command-line arguments. */
export async function applyMain(args: string[], out: Output, now: Date): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...AWS_OPTION_DEFINITIONS,
      prune: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      plan: { type: 'string' },
      'max-concurrency': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out.out(APPLY_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0 && values.plan === undefined)
    return usageError(out, 'apply needs at least one file or folder, or --plan plan.json');
  if (values.plan !== undefined && values.prune)
    return usageError(out, '--prune is for planning: a saved plan already holds the deletions it was made with');
  const concurrency = values['max-concurrency'] ?? String(DEFAULT_MAX_CONCURRENCY);
  if (!/^[1-9]\d*$/.test(concurrency) || Number(concurrency) > 64)
    return usageError(out, `--max-concurrency takes a whole number from 1 to 64, not "${concurrency}"`);
  return applyCommand(
    {
      paths: positionals,
      prune: values.prune === true,
      yes: values.yes === true,
      aws: awsOptionsFrom(values),
      now,
      maxConcurrency: Number(concurrency),
      ...(values.plan !== undefined ? { planFile: values.plan } : {}),
    },
    out,
  );
}
