import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { applyPlan, renderApplyResult } from '../aws/apply';
import { explainAwsError } from '../aws/errors';
import { fetchCallerIdentity } from '../aws/identity';
import { renderPlanText } from '../core/plan/plan';
import { AWS_OPTION_DEFINITIONS, awsOptionsFrom, usageError } from './awsOptions';
import type { Output } from './output';
import { EXIT, preparePlan, type PlanCommandOptions } from './plan';

// `sagemaker-scaling apply`: plan, show it, ask (unless --yes), send. A file with errors or
// a failed live check is refused before anything is read from AWS beyond the checks.

export interface ApplyCommandOptions extends PlanCommandOptions {
  yes: boolean;
}

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

/**
 * Exit 0 when AWS matches the file afterwards (or already did) or the person declined, 1
 * when a change failed or a check refused, 2 on bad input, 130 when interrupted (Ctrl+C at
 * the question or while applying).
 */
export async function applyCommand(options: ApplyCommandOptions, out: Output): Promise<number> {
  const say = (line: string) => out.err(`sagemaker-scaling apply: ${line}`);
  if (!options.yes && process.stdin.isTTY !== true) {
    say('stdin is not a terminal, so there is no one to confirm: pass --yes to apply without asking');
    return EXIT.usage;
  }
  const prepared = await preparePlan('apply', options, out);
  if (typeof prepared === 'number') return prepared;
  const { clients, plan, live } = prepared;
  const region = clients.settings.region;
  const profile = clients.settings.profileNamed ? clients.settings.profile : undefined;
  try {
    out.out(`Region ${region}`);
    out.out(renderPlanText(plan).replace(/\n$/, ''));
    if (plan.changes.length === 0) return EXIT.ok;

    let account: string;
    try {
      account = (await fetchCallerIdentity(clients)).Account;
    } catch (error) {
      say(explainAwsError(error, profile ? { profile } : {}));
      return EXIT.failed;
    }
    const n = plan.changes.length;
    const question = `Apply ${n} change${n === 1 ? '' : 's'} to account ${account} in region ${region}? [y/N] `;
    if (!options.yes) {
      const answer = await askOnTerminal(question);
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
      out.err(`Applying ${n} change${n === 1 ? '' : 's'} to account ${account} in region ${region} (--yes).`);
    }

    // Ctrl-C stops before the next call; a second one leaves at once.
    const controller = new AbortController();
    const onInterrupt = () => {
      if (controller.signal.aborted) process.exit(130);
      out.err('Interrupted: stopping after the call in flight (Ctrl-C again to quit now).');
      controller.abort();
    };
    process.on('SIGINT', onInterrupt);
    try {
      const result = await applyPlan(clients, plan, {
        live,
        signal: controller.signal,
        profile,
        onProgress: ({ change, index, total, state }) => {
          if (state === 'applied') out.err(`[${index + 1}/${total}] ✓ ${change.summary}`);
          if (state === 'failed') out.err(`[${index + 1}/${total}] ✗ ${change.summary}`);
        },
      });
      const report = renderApplyResult(result);
      if (result.failed || result.cancelled) {
        out.err(report);
        return result.cancelled ? EXIT.interrupted : EXIT.failed;
      }
      out.out(report);
      return EXIT.ok;
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  } finally {
    clients.destroy();
  }
}

export const APPLY_USAGE = `Usage: sagemaker-scaling apply [--prune] [--yes] [--profile P] [--region R] [--endpoint-url URL] [--verbose] <file>`;

/** `apply` from its command-line arguments. */
export async function applyMain(args: string[], out: Output, now: Date): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...AWS_OPTION_DEFINITIONS,
      prune: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out.out(APPLY_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) return usageError(out, `apply takes one file, not ${positionals.length}`);
  return applyCommand(
    { file: positionals[0]!, prune: values.prune === true, yes: values.yes === true, aws: awsOptionsFrom(values), now },
    out,
  );
}
