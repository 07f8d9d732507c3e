import { ConfigurationError } from '../aws/errors';
import { regionProblem } from '../aws/regions';
import { createClients, type AwsClients } from '../aws/session';
import type { Output } from './output';

// The options every AWS command takes, as the AWS CLI spells them. Anything not given comes
// from the environment (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL…) and the shared config
// files, as the AWS CLI reads them.

/** parseArgs option definitions shared by plan, apply and fetch. */
export const AWS_OPTION_DEFINITIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

export interface AwsCliOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  /** Print one line per AWS call to stderr. */
  verbose: boolean;
}

/** The AWS options out of parseArgs values. */
export function awsOptionsFrom(values: {
  profile?: string;
  region?: string;
  'endpoint-url'?: string;
  verbose?: boolean;
}): AwsCliOptions {
  const options: AwsCliOptions = { verbose: values.verbose === true };
  if (values.profile !== undefined) options.profile = values.profile;
  if (values.region !== undefined) options.region = values.region;
  if (values['endpoint-url'] !== undefined) options.endpointUrl = values['endpoint-url'];
  return options;
}

/** A --region that cannot be used (unknown, or not the file's): the command line has to change (exit 2). */
export class RegionArgumentError extends Error {}

/**
 * Opens a session: --region, else the file's Region, else the profile's and the
 * environment's. A --region that contradicts the file's Region is refused rather than
 * guessed at: applying a file to another region than it names is rarely meant. A region
 * the AWS SDK does not know is refused before any call, with the region meant.
 */
export async function openSession(options: AwsCliOptions, out: Output, fileRegion?: string): Promise<AwsClients> {
  const badArgument = options.region ? regionProblem(options.region, '--region') : undefined;
  if (badArgument) throw new RegionArgumentError(badArgument);
  if (options.region && fileRegion && options.region !== fileRegion) {
    throw new RegionArgumentError(
      `--region ${options.region} contradicts the file's "Region": "${fileRegion}". Drop --region, or change the file.`,
    );
  }
  const badFile = fileRegion ? regionProblem(fileRegion, `The file's "Region":`) : undefined;
  if (badFile) throw new ConfigurationError(badFile);
  const region = options.region ?? fileRegion;
  return createClients(
    {
      profile: options.profile || undefined,
      region: region || undefined,
      endpointUrl: options.endpointUrl || undefined,
    },
    options.verbose ? { log: (line) => out.err(`aws: ${line}`) } : {},
  );
}

/** Reports a mistake in the command line as main() does: the message and the usage hint, exit 2. */
export function usageError(out: Output, message: string): number {
  out.err(`sagemaker-scaling: ${message}\nRun sagemaker-scaling --help for usage.`);
  return 2;
}
