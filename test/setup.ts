/** Mocha root hooks: start Respite (and real Redis when installed) once for the whole run. */
import { startTargets, stopTargets, redisAvailable } from './servers';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(20000);
    await startTargets();
    if (!redisAvailable) console.log('  (redis-server not on PATH: twin tests run against Respite only)');
  },
  async afterAll(this: Mocha.Context) {
    await stopTargets();
  },
};
