/**
 * The unmodified Colyseus RedisDriver (0.18 and 0.17 lines) against Respite and real Redis: the
 * matchmaker's room cache lives in one hash, `roomcaches`, read with HGETALL / HGET / HMGET / HEXISTS.
 */
import { expect } from 'chai';
import { eachServer, Conn } from '../helpers';
import { colyseusLines, ColyseusLine, Driver, RoomCache } from './colyseus';

function room(i: number, extra: Partial<RoomCache> = {}): RoomCache {
  return {
    roomId: `room${i}`,
    name: i % 2 === 0 ? 'battle' : 'lobby',
    processId: `proc${i % 3}`,
    clients: i % 5,
    maxClients: 10,
    locked: false,
    private: false,
    publicAddress: 'localhost:2567',
    createdAt: new Date(1700000000000 + i * 1000).toISOString(),
    metadata: { mode: i % 2 === 0 ? 'ranked' : 'casual' },
    ...extra,
  };
}

async function withDriver(line: ColyseusLine, c: Conn, fn: (d: Driver) => Promise<void>): Promise<void> {
  const d = new line.Driver({ host: '127.0.0.1', port: c.target.port });
  try {
    await fn(d);
  } finally {
    await d.shutdown();
  }
}

for (const line of colyseusLines()) {
  describe(`Colyseus ${line.version} RedisDriver`, () => {
    eachServer('persist, has and findOne by roomId', async (c) => {
      await withDriver(line, c, async (d) => {
        expect(await d.persist(room(1))).to.equal(true);
        expect(await d.has('room1')).to.equal(true);
        expect(await d.has('nope')).to.equal(false);
        const found = await d.findOne({ roomId: 'room1' });
        expect(found?.name).to.equal('lobby');
        expect(found?.metadata).to.deep.equal({ mode: 'casual' });
        expect(await d.findOne({ roomId: 'nope' })).to.equal(undefined);
        expect(await c.call('HLEN', 'roomcaches')).to.equal(1);
      });
    });

    eachServer('query filters by fields and metadata and sorts', async (c) => {
      await withDriver(line, c, async (d) => {
        for (let i = 0; i < 12; i++) await d.persist(room(i));
        const battles = await d.query({ name: 'battle' }, { clients: -1 });
        expect(battles.map((r) => r.roomId)).to.have.length(6);
        const counts = battles.map((r) => r.clients);
        expect(counts).to.deep.equal([...counts].sort((a, b) => b - a));
        expect((await d.query({ mode: 'casual' })).every((r) => r.name === 'lobby')).to.equal(true);
        const first = await d.findOne({ name: 'lobby' }, { clients: 1 });
        expect(first?.clients).to.equal(Math.min(...(await d.query({ name: 'lobby' })).map((r) => r.clients)));
      });
    });

    eachServer('update applies $set and $inc and stores the room', async (c) => {
      await withDriver(line, c, async (d) => {
        const r = room(3);
        await d.persist(r);
        await d.update(r, { $set: { locked: true }, $inc: { clients: 2 } });
        const stored = JSON.parse(await c.call('HGET', 'roomcaches', 'room3'));
        expect(stored.locked).to.equal(true);
        expect(stored.clients).to.equal(5);
      });
    });

    eachServer('findByIds reads many rooms with one HMGET (0.18)', async (c) => {
      await withDriver(line, c, async (d) => {
        if (d.findByIds === undefined) return;
        for (let i = 0; i < 5; i++) await d.persist(room(i));
        const m = await d.findByIds(['room1', 'missing', 'room4']);
        expect([...m.keys()].sort()).to.deep.equal(['room1', 'room4']);
        expect((await d.findByIds([])).size).to.equal(0);
      });
    });

    eachServer('remove deletes one room and reports whether it existed', async (c) => {
      await withDriver(line, c, async (d) => {
        await d.persist(room(1));
        await d.persist(room(2));
        expect(await d.remove('room1')).to.equal(true);
        expect(await d.remove('room1')).to.equal(false);
        expect(await d.has('room2')).to.equal(true);
        await d.remove('room2');
        // The last field gone removes the hash, as Redis does.
        expect(await c.call('EXISTS', 'roomcaches')).to.equal(0);
      });
    });

    eachServer('cleanup removes hundreds of rooms of one process in batches', async (c) => {
      await withDriver(line, c, async (d) => {
        const rooms: RoomCache[] = [];
        for (let i = 0; i < 1200; i++) rooms.push(room(i));
        // Load through HSET pipelines to keep the test short; the driver reads them back.
        for (let i = 0; i < rooms.length; i += 200) {
          const args: string[] = ['HSET', 'roomcaches'];
          for (const r of rooms.slice(i, i + 200)) args.push(r.roomId, JSON.stringify(r));
          await c.call(...args);
        }
        expect(await c.call('HLEN', 'roomcaches')).to.equal(1200);
        await d.cleanup('proc0');
        expect(await c.call('HLEN', 'roomcaches')).to.equal(800);
        expect((await d.query({ processId: 'proc0' })).length).to.equal(0);
        expect((await d.query({ processId: 'proc1' })).length).to.equal(400);
      });
    });

    eachServer('clear deletes the room cache', async (c) => {
      await withDriver(line, c, async (d) => {
        await d.persist(room(1));
        await d.clear();
        await new Promise((r) => setTimeout(r, 20));
        expect(await c.call('EXISTS', 'roomcaches')).to.equal(0);
      });
    });
  });
}
