import { parseArgs } from 'node:util';
import { version } from '../package.json';
import { applyMain } from './apply';
import { fetchMain } from './fetch';
import { LINT_FORMATS, lintCommand } from './lint';
import { planMain } from './plan';
import { scheduleMain } from './schedule';
import { simulateMain } from './simulate';
import { processOutput, type Output } from './output';
import { didYouMean } from '../core/language/didYouMean';

// sagemaker-scaling: the command-line face of the engine, for CI and terminals.

const USAGE = `Usage: sagemaker-scaling <command> [options]

Commands:
  lint [--format text|json|sarif|github] [--max-warnings N] <files or folders...>
      Check *.scaling.json files: JSON syntax, the schema and the scaling rules.
      sarif: a SARIF 2.1.0 log for code scanning; github: GitHub Actions annotations.
      Exit 0 when clean, 1 on errors (or more warnings than allowed), 2 on bad usage
      or unreadable input.
  plan [--prune] [--format text|json|markdown] [--out plan.json] <files or folders...>
      Compare the files with AWS and print what apply would change (json: the
      schema of docs/plan-format.md; markdown: for a pull-request comment). --out
      saves the plan with a fingerprint of the live state it was made from. Exit 0
      when nothing would change, 3 when something would, 1 on errors in a file,
      failed live checks or AWS errors, 2 on bad usage or unreadable input.
  apply [--prune] [--yes] [--max-concurrency N] <files or folders...>
  apply --plan plan.json [--yes] [--max-concurrency N]
      Show the plan, ask "Apply N changes to account A in region R? [y/N]" and
      write, up to N targets at once (default 4). --prune also deletes live
      policies and scheduled actions the files do not list. --plan applies a saved
      plan exactly, and refuses (writing nothing) when its files or the live state
      of the targets it touches changed since. Without a terminal, --yes is
      required. Exit 0 when done or when the answer is no (nothing applied), 1 when
      a change failed (the report says what was and was not applied), a check
      refused or a saved plan no longer matches, 2 on bad usage or an unusable
      saved plan, 130 on Ctrl+C.
  fetch [-o file [--force]] <endpoint name or resource id...>
      Write live scaling configuration as a *.scaling.json document: to stdout, or
      atomically to the file (never over an existing one without --force).
  schedule '<expression>' [--timezone ZONE] [--after TIME] [--start TIME] [--end TIME]
           [-n N] [--format text|json]
      Show a schedule (cron(...), rate(...) or at(...)) in words and its next N run
      times (default 5, at most 1000) after --after (default now), in the zone and in
      UTC, within --start and --end as an action's StartTime and EndTime. Times are
      ISO-8601, read as UTC unless they carry an offset. Exit 0 when the expression
      reads, 1 when it has errors or the zone is unknown, 2 on bad usage.

  simulate <file> [--target <ResourceId>]
           (--load <file.csv|file.json> | --pattern <spec> | --from-cloudwatch <days>)
           [--start ISO] [--duration 1d] [--capacity N] [--provisioning 5m]
           [--deprovisioning 1m] [--metric-lag 60s] [--price USD]
           [--max-per-instance N] [--legacy-no-zero] [--format text|json|csv]
      Replay a load through one target's policies and scheduled actions as
      Application Auto Scaling, CloudWatch and SageMaker would: capacity over time,
      every scaling decision with its cause, and the cost. The load is a CSV
      (timestamp + invocations per minute, concurrency, or CloudWatch metric
      columns), get-metric-data JSON, a pattern such as
      'daily(200, 2400, at=14:00) + spike(3000, at=26h, for=10m)', or the
      target's own last <days> (at most 15) read from CloudWatch (with the AWS
      options below). Exit 0 when done, 1 on errors in the file or a policy that
      cannot be simulated, 2 on bad usage or a load that cannot be read (no
      credentials, no such endpoint, no data).

AWS options (plan, apply, fetch, simulate --from-cloudwatch), read as the AWS CLI reads them when left out:
  --profile P         Profile of the shared config files (else AWS_PROFILE, default).
  --region R          Region (else the file's "Region", the profile's region, AWS_REGION).
  --endpoint-url URL  Endpoint for every service (else AWS_ENDPOINT_URL[_<SERVICE>],
                      the profile's endpoint_url), for local stand-ins such as moto.
  --verbose           Print one line per AWS call to stderr.

Options:
  -h, --help     Show this help.
  -v, --version  Show the version.`;

const COMMANDS = ['lint', 'plan', 'apply', 'fetch', 'schedule', 'simulate', 'help'] as const;

/** A mistake in the command line: reported with the usage hint, exit 2. */
class UsageError extends Error {}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number ≥ 0, not "${value}"`);
  return Number(value);
}

function parseFormat<F extends string>(value: string | undefined, formats: readonly F[]): F {
  if (value === undefined) return formats[0]!;
  if ((formats as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format takes ${formats.slice(0, -1).join(', ')} or ${formats.at(-1)}, not "${value}"`);
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(
  argv: string[],
  out: Output = processOutput,
  now: () => Date = () => new Date(),
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      out.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === '-v' || command === '--version') {
      out.out(version);
      return 0;
    }
    if (command === 'lint') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          format: { type: 'string' },
          'max-warnings': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
      if (values.help) {
        out.out(USAGE);
        return 0;
      }
      if (positionals.length === 0) throw new UsageError('lint needs at least one file or folder');
      return await lintCommand(
        {
          paths: positionals,
          format: parseFormat(values.format, LINT_FORMATS),
          maxWarnings: parseMaxWarnings(values['max-warnings']),
          now: now(),
        },
        out,
      );
    }
    if (command === 'plan') return await planMain(rest, out, now());
    if (command === 'apply') return await applyMain(rest, out, now());
    if (command === 'fetch') return await fetchMain(rest, out);
    if (command === 'schedule') return scheduleMain(rest, out, now());
    if (command === 'simulate') return await simulateMain(rest, out, now());
    const hint = didYouMean(command, COMMANDS);
    throw new UsageError(`unknown command "${command}"${hint ? `: ${hint}` : ''}`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.err(`sagemaker-scaling: ${(error as Error).message}\nRun sagemaker-scaling --help for usage.`);
      return 2;
    }
    out.err(`sagemaker-scaling: internal error: ${(error as Error).message ?? String(error)}`);
    return 2;
  }
}

if (require.main === module) {
  // On Node 20 the AWS SDK prints a many-line NodeVersionSupportWarning the first time a
  // client is made: on every plan, apply and fetch, about the SDK's future releases, which
  // the person running this release can do nothing about. Which Node the CLI supports is
  // package.json's "engines"; the SDK's own switch turns the banner off, unless the
  // environment set it already.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
