import { table } from '../table';

// The AWS Regions by code, with their names in words: the partition data of the AWS SDK for
// JavaScript that plan and apply call AWS with (partitions.json, shipped in @aws-sdk/core),
// copied here because core/ may not import the SDK (ARCHITECTURE.md). It serves the editor and
// `sagemaker-scaling lint`, which have no AWS access, the check the SDK makes at plan and apply
// time (aws/regions.ts): format.region-unknown, the Region hover and "did you mean".
//
// test/unit/regions.test.ts holds this table equal to the SDK's own data, both ways: an SDK
// update that adds or renames a Region fails that test until the table follows it. Every
// partition is here, not only the commercial one: China, AWS GovCloud (US), the European
// Sovereign Cloud and the isolated Regions are Regions too, each reached at its partition's
// own domain. Left out are the SDK's global pseudo-regions (aws-global, aws-cn-global…), which
// name a partition's global endpoint, not a Region a scalable target lives in.
// AWS's list of Regions and Application Auto Scaling's endpoint in each:
// https://docs.aws.amazon.com/general/latest/gr/as-app.html

/** Region code → the Region's name in words, as the SDK has it: "eu-central-1" → "Europe (Frankfurt)". */
export const REGIONS: Readonly<Record<string, string | undefined>> = table({
  // aws: the commercial partition
  'af-south-1': 'Africa (Cape Town)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-east-2': 'Asia Pacific (Taipei)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-south-2': 'Asia Pacific (Hyderabad)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-southeast-3': 'Asia Pacific (Jakarta)',
  'ap-southeast-4': 'Asia Pacific (Melbourne)',
  'ap-southeast-5': 'Asia Pacific (Malaysia)',
  'ap-southeast-6': 'Asia Pacific (New Zealand)',
  'ap-southeast-7': 'Asia Pacific (Thailand)',
  'ca-central-1': 'Canada (Central)',
  'ca-west-1': 'Canada West (Calgary)',
  'eu-central-1': 'Europe (Frankfurt)',
  'eu-central-2': 'Europe (Zurich)',
  'eu-north-1': 'Europe (Stockholm)',
  'eu-south-1': 'Europe (Milan)',
  'eu-south-2': 'Europe (Spain)',
  'eu-west-1': 'Europe (Ireland)',
  'eu-west-2': 'Europe (London)',
  'eu-west-3': 'Europe (Paris)',
  'il-central-1': 'Israel (Tel Aviv)',
  'me-central-1': 'Middle East (UAE)',
  'me-south-1': 'Middle East (Bahrain)',
  'me-west-1': 'Middle East (Saudi Arabia)',
  'mx-central-1': 'Mexico (Central)',
  'sa-east-1': 'South America (Sao Paulo)',
  'sa-west-1': 'South America (Chile)',
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  // aws-cn: China
  'cn-north-1': 'China (Beijing)',
  'cn-northwest-1': 'China (Ningxia)',
  // aws-eusc: AWS European Sovereign Cloud
  'eusc-de-east-1': 'AWS European Sovereign Cloud (Germany)',
  // aws-iso: an isolated partition
  'us-iso-east-1': 'US ISO East',
  'us-iso-west-1': 'US ISO WEST',
  // aws-iso-b: an isolated partition
  'us-isob-east-1': 'US ISOB East (Ohio)',
  'us-isob-west-1': 'US ISOB West',
  // aws-iso-e: an isolated partition
  'eu-isoe-west-1': 'EU ISOE West',
  // aws-iso-f: an isolated partition
  'us-isof-east-1': 'US ISOF EAST',
  'us-isof-south-1': 'US ISOF SOUTH',
  // aws-us-gov: AWS GovCloud (US)
  'us-gov-east-1': 'AWS GovCloud (US-East)',
  'us-gov-west-1': 'AWS GovCloud (US-West)',
});

/** Every Region code of the table, in the SDK's order (by partition, then by code). */
export const REGION_CODES: readonly string[] = Object.keys(REGIONS);
