import { parseArgs } from 'node:util';
import { version } from '../package.json';
import { lintCommand } from './lint';
import { processOutput, type Output } from './output';

// sagemaker-scaling: the command-line face of the engine, for CI and terminals.

const USAGE = `Usage: sagemaker-scaling <command> [options]

Commands:
  lint [--format text|json] [--max-warnings N] <files or folders...>
      Check *.scaling.json files: JSON syntax, the schema and the scaling rules.
      Exit 0 when clean, 1 on errors (or more warnings than allowed), 2 on bad usage
      or unreadable input.

Options:
  -h, --help     Show this help.
  -v, --version  Show the version.`;

/** A mistake in the command line: reported with the usage hint, exit 2. */
class UsageError extends Error {}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number ≥ 0, not "${value}"`);
  return Number(value);
}

function parseFormat(value: string | undefined): 'text' | 'json' {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text';
  throw new UsageError(`--format takes text or json, not "${value}"`);
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: string[], out: Output = processOutput, now: () => Date = () => new Date()): Promise<number> {
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
        options: { format: { type: 'string' }, 'max-warnings': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      });
      if (values.help) {
        out.out(USAGE);
        return 0;
      }
      if (positionals.length === 0) throw new UsageError('lint needs at least one file or folder');
      return await lintCommand({ paths: positionals, format: parseFormat(values.format), maxWarnings: parseMaxWarnings(values['max-warnings']), now: now() }, out);
    }
    throw new UsageError(`unknown command "${command}"`);
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
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
