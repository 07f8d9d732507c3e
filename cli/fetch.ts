import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { listEndpoints, noEndpointMessage } from '../aws/endpoints';
import { explainAwsError, sessionErrorContext } from '../aws/errors';
import { fetchTargetsFor, FetchArgumentError } from '../aws/fetchLive';
import type { AwsClients } from '../aws/session';
import { liveToDocument } from '../core/plan/liveDocument';
import {
  AWS_OPTION_DEFINITIONS,
  awsOptionsFrom,
  openSession,
  RegionArgumentError,
  usageError,
  type AwsCliOptions,
} from './awsOptions';
import { writeFileAtomic } from './atomicWrite';
import type { Output } from './output';
import { EXIT } from './plan';

// `sagemaker-scaling fetch`: live scaling configuration as a *.scaling.json document, on
// stdout or written atomically to a file (never over an existing one without --force).

export interface FetchCommandOptions {
  ids: string[];
  output?: string;
  force: boolean;
  aws: AwsCliOptions;
}

/** Exit 0 when a document was produced, 1 when AWS has none of the targets or a call failed, 2 on bad input or an existing file. */
export async function fetchCommand(options: FetchCommandOptions, out: Output): Promise<number> {
  const say = (line: string) => out.err(`sagemaker-scaling fetch: ${line}`);
  if (options.output && !options.force && existsSync(options.output)) {
    say(`${options.output} exists: pass --force to overwrite it, or choose another file`);
    return EXIT.usage;
  }
  let clients: AwsClients;
  try {
    clients = await openSession(options.aws, out);
  } catch (error) {
    if (error instanceof RegionArgumentError) {
      say(error.message);
      return EXIT.usage;
    }
    say(explainAwsError(error, options.aws.profile ? { profile: options.aws.profile } : {}));
    return EXIT.failed;
  }
  try {
    const { targets, notFound, missingEndpoints } = await fetchTargetsFor(clients, options.ids);
    const region = clients.settings.region;
    if (missingEndpoints.length > 0) {
      const names = (await listEndpoints(clients)).map((e) => e.EndpointName);
      for (const name of missingEndpoints) say(noEndpointMessage(name, region, names, 'check the region (--region)'));
    }
    for (const id of notFound.filter((id) => !missingEndpoints.includes(id)))
      say(
        `no scalable target is registered for ${id} in ${region}, so it is not auto scaled: there is nothing to fetch`,
      );
    if (targets.length === 0) return EXIT.failed;
    const text = liveToDocument(targets, {
      region,
      header: `Fetched from Application Auto Scaling in ${region} by: sagemaker-scaling fetch ${options.ids.join(' ')}`,
    });
    if (!options.output) {
      out.out(text.replace(/\n$/, ''));
      return EXIT.ok;
    }
    try {
      writeFileAtomic(options.output, text, options.force);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      say(
        code === 'EEXIST'
          ? `${options.output} exists: pass --force to overwrite it`
          : `cannot write ${options.output}: ${code ?? (error as Error).message}`,
      );
      return EXIT.usage;
    }
    out.err(`Wrote ${targets.length} scalable target${targets.length === 1 ? '' : 's'} to ${options.output}.`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof FetchArgumentError) {
      say(error.message);
      return EXIT.usage;
    }
    say(explainAwsError(error, sessionErrorContext(clients.settings)));
    return EXIT.failed;
  } finally {
    clients.destroy();
  }
}

export const FETCH_USAGE = `Usage: sagemaker-scaling fetch [-o file [--force]] [--profile P] [--region R] [--endpoint-url URL] [--verbose] <endpoint name or resource id...>`;

/** `fetch` from its command-line arguments. */
export async function fetchMain(args: string[], out: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...AWS_OPTION_DEFINITIONS,
      output: { type: 'string', short: 'o' },
      force: { type: 'boolean', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out.out(FETCH_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0) return usageError(out, 'fetch needs at least one endpoint name or resource id');
  const options: FetchCommandOptions = { ids: positionals, force: values.force === true, aws: awsOptionsFrom(values) };
  if (values.output !== undefined) options.output = values.output;
  return fetchCommand(options, out);
}
