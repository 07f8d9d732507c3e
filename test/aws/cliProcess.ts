import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DIST } from '../paths';

// The bundled CLI as a child process, as CI runs it, for the AWS tier and bench:fleet: with
// an environment the test spells out, never the machine's AWS settings.

export const CLI = join(DIST, 'cli.js');

/** moto's credentials: any keys will do, but the SDK wants some. */
export const TEST_KEYS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' } as const;

/**
 * An environment with no AWS setting of the machine: HOME in `dir`, shared config and
 * credentials files that do not exist, no instance metadata. Credentials, region and the
 * rest come from `extra`.
 */
export function cleanEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time, spawn to exit. */
  ms: number;
}

/** Runs the CLI (`cli`: another build of it) with exactly `env`, and collects its output. */
export function runCli(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; cli?: string },
): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [options.cli ?? CLI, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}
