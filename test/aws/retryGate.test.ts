import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { ScalingRetryStrategy } from '../../aws/session';

// Throttling slows every call of a session, not only the one that was throttled: workers
// applying side by side then back off together. Timers are mocked: nothing here waits.

const throttled = {
  errorType: 'THROTTLING',
  error: Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
} as const;
const transient = {
  errorType: 'TRANSIENT',
  error: Object.assign(new Error('reset'), { name: 'TimeoutError' }),
} as const;

describe('the session retry strategy under throttling', () => {
  afterEach(() => mock.timers.reset());

  it('holds back other calls until the throttled call’s backoff has passed', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
    const strategy = new ScalingRetryStrategy({ throttlingBaseDelayMs: 1000, maxDelayMs: 1000 });
    mock.method(Math, 'random', () => 0.5);
    const first = await strategy.acquireInitialRetryToken();
    const retry = await strategy.refreshRetryTokenForRetry(first, throttled as never);
    assert.equal(retry.getRetryDelay(), 500);

    // Another worker's next call: not before 500 ms.
    let started = false;
    const other = strategy.acquireInitialRetryToken().then(() => (started = true));
    mock.timers.tick(499);
    await Promise.resolve();
    assert.equal(started, false, 'still held back at 499 ms');
    mock.timers.tick(1);
    await other;
    assert.equal(started, true, 'let go at 500 ms');
    // Afterwards calls start at once again.
    let again = false;
    const later = strategy.acquireInitialRetryToken().then(() => (again = true));
    await Promise.resolve();
    await later;
    assert.equal(again, true);
  });

  it('a transient error (a dropped connection) slows only its own call', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
    const strategy = new ScalingRetryStrategy({ baseDelayMs: 1000, maxDelayMs: 1000 });
    const first = await strategy.acquireInitialRetryToken();
    await strategy.refreshRetryTokenForRetry(first, transient as never);
    let started = false;
    const other = strategy.acquireInitialRetryToken().then(() => (started = true));
    await Promise.resolve();
    await other;
    assert.equal(started, true);
  });
});
