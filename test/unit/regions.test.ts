import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { isKnownRegion, regionDescription, regionProblem, suggestRegions } from '../../aws/regions';
import { REGIONS, REGION_CODES } from '../../core/facts/regions';
import { REPO_ROOT } from '../paths';

// Region names against the AWS SDK's partition data (aws/regions.ts), and core's copy of
// that data (core/facts/regions.ts) against the SDK's own.

/** The partition data the installed SDK ships, as its endpoint resolution reads it. */
interface PartitionsInfo {
  partitions: { id: string; regions: Record<string, { description?: string }> }[];
}

/**
 * Reads the SDK's partitions.json. @aws-sdk/core exports only partition(name), not the
 * table, so the test reads the module that holds it: its ES build is the JSON itself behind
 * `export const partitionsInfo =`. Should the SDK move or reshape it, this fails and says where it looked.
 */
function sdkPartitions(): PartitionsInfo {
  const file = join(
    dirname(require.resolve('@aws-sdk/core/package.json')),
    'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js',
  );
  const source = readFileSync(file, 'utf8');
  const json = /^export const partitionsInfo = (\{[\s\S]*\});\s*$/.exec(source)?.[1];
  assert.ok(json, `${file} is no longer "export const partitionsInfo = {…};": find where the SDK keeps it now`);
  return JSON.parse(json) as PartitionsInfo;
}

/** The schema's pattern for Region (schemas/scaling.schema.json). */
const SCHEMA_REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)?-[a-z]+-[0-9]{1,2}$/;

describe("core's Region table follows the AWS SDK's partition data", () => {
  const sdk = new Map(
    sdkPartitions().partitions.flatMap((p) => Object.entries(p.regions).map(([code, r]) => [code, r.description])),
  );
  // The SDK's global pseudo-regions name a partition's global endpoint, not a Region.
  const pseudo = (code: string) => /^aws(-[a-z]+)*-global$/.test(code);

  it('every Region the SDK lists is in the table, with the same name in words', () => {
    const missing = [...sdk]
      .filter(([code, description]) => !pseudo(code) && REGIONS[code] !== description)
      .map(([code, description]) => `'${code}': '${description}' (table: ${REGIONS[code] ?? 'absent'})`);
    assert.deepEqual(missing, [], 'add or correct these in core/facts/regions.ts');
  });

  it('the table has no Region the SDK does not list, and none of its global pseudo-regions', () => {
    assert.deepEqual(
      REGION_CODES.filter((code) => !sdk.has(code) || pseudo(code)),
      [],
    );
    assert.ok(sdk.size > REGION_CODES.length, 'the SDK data read has the pseudo-regions left out here');
  });

  it('the SDK at run time agrees: partition() knows each Region of the table by the same name', () => {
    for (const code of REGION_CODES) assert.equal(regionDescription(code), REGIONS[code], code);
  });

  it("every Region matches the schema's pattern for Region, so the schema never refuses a real one", () => {
    assert.deepEqual(
      REGION_CODES.filter((code) => !SCHEMA_REGION_PATTERN.test(code)),
      [],
    );
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'scaling.schema.json'), 'utf8')) as {
      properties: { Region: { pattern: string } };
    };
    assert.equal(schema.properties.Region.pattern, SCHEMA_REGION_PATTERN.source);
  });
});

describe('regions the AWS SDK knows', () => {
  it('knows the regions of every partition, with their names in words', () => {
    assert.equal(regionDescription('us-east-1'), 'US East (N. Virginia)', 'the SDK still returns descriptions');
    assert.equal(regionDescription('eu-central-1'), 'Europe (Frankfurt)');
    for (const region of ['il-central-1', 'us-gov-west-1', 'cn-northwest-1', 'ap-southeast-2'])
      assert.ok(isKnownRegion(region), region);
  });

  it('refuses typos, names it only guesses the partition of, and the global pseudo-regions', () => {
    for (const name of ['eu-centrl-1', 'us-east-9', 'xx-foo-1', 'aws-global', 'US-EAST-1', 'us-east-1 ', ''])
      assert.equal(isKnownRegion(name), false, JSON.stringify(name));
  });

  it('suggests what was meant: one edit away, else two', () => {
    assert.deepEqual(suggestRegions('eu-centrl-1'), ['eu-central-1']);
    assert.deepEqual(suggestRegions('us-est-1'), ['us-east-1', 'us-west-1']);
    assert.deepEqual(suggestRegions('us-gov-wst-1'), ['us-gov-west-1']);
    assert.deepEqual(suggestRegions('eucentral1'), ['eu-central-1'], 'two edits');
    assert.deepEqual(suggestRegions('eu-cnetrl-1'), ['eu-central-1'], 'two edits, a swap first');
    assert.deepEqual(suggestRegions('eucentral1', { maxEdits: 1 }), []);
    assert.deepEqual(suggestRegions('EU-CENTRAL-1'), ['eu-central-1'], 'upper case is read as lower');
    assert.deepEqual(suggestRegions('not a region at all'), []);
  });

  it('says what is wrong, where, and the fix', () => {
    assert.equal(regionProblem('eu-central-1', '--region'), undefined);
    assert.equal(
      regionProblem('eu-centrl-1', '--region'),
      '--region "eu-centrl-1" is not an AWS Region: did you mean eu-central-1?',
    );
    assert.equal(
      regionProblem('us-est-1', 'AWS_REGION'),
      'AWS_REGION "us-est-1" is not an AWS Region: did you mean us-east-1 or us-west-1?',
    );
    assert.match(
      regionProblem('moon-base-1', 'The region') ?? '',
      /^The region "moon-base-1" is not an AWS Region: give a region code such as us-east-1 or eu-central-1/,
    );
  });
});
