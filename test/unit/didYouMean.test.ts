import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestName } from '../../core/language/didYouMean';

describe('closestName', () => {
  const endpoints = ['e2e-alpha', 'e2e-beta', 'e2e-gamma', 'fraud-scoring', 'recommender'];

  it('finds a slip of the keyboard', () => {
    assert.equal(closestName('e2e-alpah', endpoints), 'e2e-alpha');
    assert.equal(closestName('fraud-scorring', endpoints), 'fraud-scoring');
    assert.equal(closestName('Recommender', endpoints), 'recommender');
  });

  it('stays silent for a name that is not close to any, or equally close to two', () => {
    assert.equal(closestName('e2e-missing', endpoints), undefined);
    assert.equal(closestName('my-endpoint', endpoints), undefined);
    assert.equal(closestName('ab', ['ac', 'ad']), undefined);
    assert.equal(closestName('x', []), undefined);
  });
});
