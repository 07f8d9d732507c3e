import { replaceValueEdits } from '../document/edits';
import { REGIONS } from '../facts/regions';
import { didYouMeanOneOf, nearestRegions } from '../language/didYouMean';
import { defineRule, type Rule } from '../lint/rule';

// format.region-unknown: the file's Region checked against the Regions the AWS SDK lists
// (core/facts/regions.ts, held equal to the SDK's data), while typing and in lint, with no
// AWS access. Plan, apply and fetch make the same check at run time (aws/regions.ts) and
// refuse such a Region before any call; this rule says so where the Region is written.

/**
 * The schema's pattern for Region (schemas/scaling.schema.json). A value that does not
 * match it gets the schema's finding ("Expected an AWS Region code"); this rule takes the
 * values that look like a Region code and are none, which the schema lets through.
 */
const REGION_CODE_SHAPE = /^[a-z]{2,4}(-[a-z]+)?-[a-z]+-[0-9]{1,2}$/;

/** "eu-central-1 (Europe (Frankfurt))": a code with its name in words. */
function named(code: string): string {
  const description = REGIONS[code];
  return description ? `${code} (${description})` : code;
}

const NEWER_RELEASE =
  'Plan and apply refuse a Region the AWS SDK of this release does not list, before any call; a Region AWS opened since needs a newer release of sagemaker-scaling.';

const regionUnknown = defineRule(
  {
    code: 'format.region-unknown',
    severity: 'error',
    title: 'Region is one AWS has',
    description: [
      '`Region` names the AWS Region of the targets by its code, such as `eu-central-1`. The schema checks that it looks like one; this rule checks that AWS has it, against the Regions the AWS SDK of this release lists in every partition, China, AWS GovCloud (US) and the isolated ones included (https://docs.aws.amazon.com/general/latest/gr/as-app.html lists Application Auto Scaling in each Region). A slip such as `eu-centrall-1` would send every call to a host that does not exist, so plan, apply and fetch refuse such a Region before any call; this rule reports it as you type and in `sagemaker-scaling lint`, where there is no AWS access, with the Region most likely meant (one slip of the keyboard away, else two) and a quick fix to it.',
      '',
      "It is an error because plan and apply of this release refuse the file either way. The list is the SDK's, copied into the release: a Region that AWS opened after it is refused too, and the finding says that a newer release of sagemaker-scaling knows it. Opt-in Regions are listed; whether your account has enabled one is a matter for AWS (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html).",
    ].join('\n'),
  },
  {
    file(file, ctx) {
      const region = file.region;
      if (!region || REGIONS[region.value] !== undefined || !REGION_CODE_SHAPE.test(region.value)) return;
      const meant = nearestRegions(region.value);
      const hint = didYouMeanOneOf(meant.map(named));
      ctx.report({
        range: region.range,
        message: hint
          ? `"${region.value}" is not an AWS Region: ${hint} ${NEWER_RELEASE}`
          : `"${region.value}" is not an AWS Region: no Region is one or two slips of the keyboard away. Give a Region code such as us-east-1 or eu-central-1. ${NEWER_RELEASE}`,
        fixes: meant.map((code) => ({ title: `Use ${named(code)}`, edits: replaceValueEdits(region, code) })),
      });
    },
  },
);

export const regionRules: Rule[] = [regionUnknown];
