// The README's "Use in CI" mocha root hook, verbatim but for the require path (run from the repo).
const { startServer } = require('../../dist/src/index.js');
let server;
exports.mochaHooks = {
  async beforeAll() {
    server = await startServer({ port: 0 });
    process.env.REDIS_URL = server.url;
  },
  async afterAll() {
    await server.stop();
  },
};
