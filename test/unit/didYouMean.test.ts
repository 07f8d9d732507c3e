import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  didYouMean,
  didYouMeanOneOf,
  nearest,
  nearestRegions,
  slips,
  withinSlips,
} from '../../core/language/didYouMean';

describe('didYouMean for endpoint names', () => {
  const endpoints = ['e2e-alpha', 'e2e-beta', 'e2e-gamma', 'fraud-scoring', 'recommender'];

  it('finds a slip of the keyboard', () => {
    assert.equal(didYouMean('e2e-alpah', endpoints), 'did you mean e2e-alpha?');
    assert.equal(didYouMean('fraud-scorring', endpoints), 'did you mean fraud-scoring?');
    assert.deepEqual(nearest('Recommender', endpoints), ['recommender']);
  });

  it('stays silent for a name that is not close to any', () => {
    assert.equal(didYouMean('e2e-missing', endpoints), '');
    assert.equal(didYouMean('my-endpoint', endpoints), '');
    assert.equal(didYouMean('x', []), '');
  });
});

describe('slips of the keyboard, for Region codes', () => {
  it('counts a swap of two neighbours as one slip, as a letter left out, added or replaced', () => {
    assert.equal(slips('eu-cnetral-1', 'eu-central-1'), 1);
    assert.equal(slips('eu-centrl-1', 'eu-central-1'), 1);
    assert.equal(slips('eu-centrall-1', 'eu-central-1'), 1);
    assert.equal(slips('eu-centrak-1', 'eu-central-1'), 1);
    assert.equal(slips('eucentral1', 'eu-central-1'), 2);
    assert.equal(slips('eu-central-1', 'eu-central-1'), 0);
    assert.equal(slips('', 'abc'), 3);
  });

  it('lists the candidates one slip away, else two, never the word itself', () => {
    const words = ['us-east-1', 'us-east-2', 'us-west-1'];
    assert.deepEqual(withinSlips('us-est-1', words), ['us-east-1', 'us-west-1']);
    assert.deepEqual(withinSlips('us-east-1', words), ['us-east-2']);
    assert.deepEqual(withinSlips('useast1', words), ['us-east-1']);
    assert.deepEqual(withinSlips('useast1', words, 1), []);
  });

  it("finds the Regions meant in core's table, in every partition", () => {
    assert.deepEqual(nearestRegions('eu-centrall-1'), ['eu-central-1']);
    assert.deepEqual(nearestRegions('cn-nrth-1'), ['cn-north-1']);
    assert.deepEqual(nearestRegions('us-gov-wset-1'), ['us-gov-west-1']);
    assert.deepEqual(nearestRegions('EU-CENTRAL-1'), ['eu-central-1']);
    assert.deepEqual(nearestRegions('moon-base-1'), []);
    assert.deepEqual(nearestRegions(''), []);
  });

  it('says "did you mean" for names already found', () => {
    assert.equal(didYouMeanOneOf([]), '');
    assert.equal(didYouMeanOneOf(['a']), 'did you mean a?');
    assert.equal(didYouMeanOneOf(['a', 'b', 'c']), 'did you mean a, b or c?');
  });
});
