import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKnownRegion, regionDescription, regionProblem, suggestRegions } from '../../aws/regions';

// Region names against the AWS SDK's partition data (aws/regions.ts).

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
