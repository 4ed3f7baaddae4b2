/**
 * One Colyseus-style process for the multi-process test: `node ipc-worker.js <port> responder|requester`.
 * The responder answers 20 requests on its IPC channel; the requester sends them and awaits each reply,
 * as Colyseus's matchmaker IPC does over RedisPresence. Exits 0 after printing a summary, or 1 on timeout.
 */
import { colyseusLines } from './colyseus';

const [port, role] = [Number(process.argv[2]), process.argv[3]];
const line = colyseusLines()[0];
const presence = new line.Presence({ host: '127.0.0.1', port });
const N = 20;
setTimeout(() => {
  console.log(`timeout as ${role}`);
  process.exit(1);
}, 15000).unref();

async function responder(): Promise<void> {
  let n = 0;
  await presence.subscribe('ipc:responder', (msg) => {
    const [id, payload] = msg as [number, string];
    n++;
    void presence.publish(`ipc:reply:${id}`, [id, payload.toUpperCase()]).then(() => {
      if (n === N) {
        console.log(`ok ${n} requests`);
        presence.shutdown();
        setTimeout(() => process.exit(0), 50);
      }
    });
  });
  await presence.publish('ipc:ready', true);
}

async function requester(): Promise<void> {
  let replies = 0;
  for (let id = 0; id < N; id++) {
    const reply = new Promise<unknown>((resolve) => {
      const cb = (data: unknown) => {
        void presence.unsubscribe(`ipc:reply:${id}`, cb);
        resolve(data);
      };
      void presence.subscribe(`ipc:reply:${id}`, cb).then(() => presence.publish('ipc:responder', [id, `req${id}`]));
    });
    const got = (await reply) as [number, string];
    if (got[0] === id && got[1] === `REQ${id}`) replies++;
  }
  console.log(`ok ${replies} replies`);
  presence.shutdown();
  setTimeout(() => process.exit(0), 50);
}

void (role === 'responder' ? responder() : requester());
