import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { didYouMean, nearest } from '../../core/language/didYouMean';

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
