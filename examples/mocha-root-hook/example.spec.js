// A user's test that only knows REDIS_URL, as the README's "Use in CI" section sets it up.
const assert = require('assert');
const Redis = require('ioredis').default;

describe('code under test talks to Respite through REDIS_URL', () => {
  it('sets and reads a key', async () => {
    const redis = new Redis(process.env.REDIS_URL);
    await redis.set('greeting', 'hello');
    assert.strictEqual(await redis.get('greeting'), 'hello');
    redis.disconnect();
  });
});
