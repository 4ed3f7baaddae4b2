/**
 * Seeded random differential test: the same random command stream goes to Respite and real Redis,
 * one command at a time, and every reply must be byte-identical (relaxed only where two correct
 * servers may differ: see compare.ts). At the end the whole keyspace of DB 0 and 1 is compared.
 *
 * FUZZ_SEED=7 (or 7,8,9) replays given seeds; FUZZ_COMMANDS=N sets the stream length per seed;
 * FUZZ_SURVEY=1 keeps going after a discrepancy (flushing both servers) and lists every distinct one;
 * FUZZ_SKIP=OBJECT,INCRBYFLOAT leaves commands out (to look past a known discrepancy).
 * Commands Respite does not implement yet are skipped automatically and listed.
 */
import { expect } from 'chai';
import { connect, Conn } from '../helpers';
import { targets, Target } from '../servers';
import { CommandGen, FAMILIES, Family, Gen, Rng, transaction } from './generators';
import { Mode, sameReply, show } from './compare';

/** Fixed seeds so CI is deterministic; a failure names its seed for replay. */
const DEFAULT_SEEDS = [1, 2, 3, 4, 5, 6];
const SEEDS = process.env.FUZZ_SEED ? process.env.FUZZ_SEED.split(',').map((s) => Number(s.trim())) : DEFAULT_SEEDS;
const STEPS = Number(process.env.FUZZ_COMMANDS ?? 1500);
const SURVEY = process.env.FUZZ_SURVEY === '1';
const SKIP = new Set((process.env.FUZZ_SKIP ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
/** Chance that a command loses its last argument or gains one (arity and option-parsing errors). */
const ARITY_NOISE = 0.03;
const TX_COMMANDS = ['MULTI', 'EXEC', 'DISCARD', 'WATCH', 'UNWATCH'];

/** What the probe found: the generators whose command Respite knows. */
interface Enabled {
  families: Family[];
  transactions: boolean;
  /** Commands used for the final keyspace dump that Respite knows. */
  dump: Set<string>;
  resp3: boolean;
  skipped: string[];
}

/** True if Respite answers this probe with anything but an unknown command/subcommand error. */
async function known(t: Target, argv: string[]): Promise<boolean> {
  const c = await connect(t);
  try {
    const r = await c.raw(...argv);
    return !/^-ERR unknown (sub)?command/.test(r);
  } finally {
    c.close();
  }
}

async function probe(respite: Target): Promise<Enabled> {
  const skipped: string[] = [];
  const families: Family[] = [];
  for (const f of FAMILIES) {
    const commands: CommandGen[] = [];
    for (const cg of f.commands) {
      if (SKIP.has(cg.name)) continue;
      if (await known(respite, cg.probe ?? [cg.name])) commands.push(cg);
      else skipped.push(cg.name);
    }
    if (commands.length) families.push({ name: f.name, commands });
  }
  let transactions = true;
  for (const name of TX_COMMANDS) {
    if (!(await known(respite, [name]))) {
      transactions = false;
      skipped.push(name);
    }
  }
  const dump = new Set<string>();
  for (const name of ['SELECT', 'KEYS', 'TYPE', 'GET', 'LRANGE', 'SMEMBERS', 'HGETALL', 'ZRANGE', 'PTTL']) {
    if (await known(respite, [name])) dump.add(name);
  }
  const resp3 = await known(respite, ['HELLO', 'x']);
  return { families, transactions, dump, resp3, skipped };
}

/** One discrepancy: enough to replay and understand it. */
interface Discrepancy {
  seed: number;
  step: number;
  family: string;
  argv: string[];
  respite: string;
  redis: string;
  protocol: number;
  history: string[];
}

function describeDiscrepancy(d: Discrepancy): string {
  return [
    `seed ${d.seed} step ${d.step} (${d.family}, RESP${d.protocol}): ${JSON.stringify(d.argv)}`,
    `  respite: ${show(d.respite)}`,
    `  redis:   ${show(d.redis)}`,
    `  preceding commands:`,
    ...d.history.map((h) => `    ${h}`),
    `  replay: FUZZ_SEED=${d.seed} (FUZZ_COMMANDS=${STEPS})`,
  ].join('\n');
}

/** Every third seed speaks RESP3 (HELLO 3), so maps, sets, doubles and nulls are compared too. */
function wantsResp3(seed: number): boolean {
  return seed % 3 === 0;
}

/** The stream for one seed, sent to both servers in lockstep. */
class Run {
  private rng: Rng;
  private g: Gen;
  private history: string[] = [];
  readonly found: Discrepancy[] = [];
  private step = 0;
  private a!: Conn;
  private b!: Conn;
  /** A side connection to Redis for questions that must not disturb the stream (encodings, lengths). */
  private side!: Conn;
  private protocol = 2;

  constructor(private seed: number, private en: Enabled, private respite: Target, private redis: Target) {
    this.rng = new Rng(seed);
    this.g = new Gen(this.rng);
  }

  private async open(): Promise<void> {
    this.a = await connect(this.respite);
    this.b = await connect(this.redis);
    this.side = await connect(this.redis);
    for (const c of [this.a, this.b]) expect(await c.call('FLUSHALL')).to.equal('OK');
    this.respite.respite?.clock.resume();
    if (this.protocol === 3) for (const c of [this.a, this.b]) await c.raw('HELLO', '3');
  }

  private close(): void {
    for (const c of [this.a, this.b, this.side]) c?.close();
  }

  /** Sends one command to both servers and compares; returns false on a discrepancy. */
  private async send(family: string, argv: string[], mode: Mode): Promise<boolean> {
    this.history.push(JSON.stringify(argv));
    if (this.history.length > 16) this.history.shift();
    let ra: string;
    let rb: string;
    try {
      [ra, rb] = await Promise.all([this.a.raw(...argv), this.b.raw(...argv)]);
    } catch (e) {
      // A hang or a dropped connection on either side: report it with the command that caused it.
      throw new Error(`seed ${this.seed} step ${this.step}: ${JSON.stringify(argv)}: ${(e as Error).message}\n  preceding: ${this.history.slice(0, -1).join(' ')}`);
    }
    if (sameReply(mode, ra, rb)) return true;
    this.found.push({ seed: this.seed, step: this.step, family, argv, respite: ra, redis: rb, protocol: this.protocol, history: this.history.slice(0, -1) });
    return false;
  }

  private pickFamily(): Family | 'transactions' {
    const n = this.en.families.length + (this.en.transactions ? 1 : 0);
    const i = this.rng.int(n);
    return i < this.en.families.length ? this.en.families[i] : 'transactions';
  }

  /** Drops or adds an argument now and then (never on transaction control words). */
  private noise(argv: string[]): string[] {
    if (!this.rng.chance(ARITY_NOISE)) return argv;
    if (argv.length > 1 && this.rng.chance(0.5)) return argv.slice(0, -1);
    return [...argv, this.g.value()];
  }

  /** A random exact-compared, non-blocking command for a MULTI body, as [family, argv]. */
  private body(): string[] | null {
    const pool = this.en.families.flatMap((f) => f.commands.filter((c) => !c.noMulti && !c.multiOnly && !c.guard));
    return pool.length ? this.noise(this.rng.pick(pool).gen(this.g)) : null;
  }

  private blocking(): string[] | null {
    const pool = this.en.families.flatMap((f) => f.commands.filter((c) => c.multiOnly));
    return pool.length ? this.rng.pick(pool).gen(this.g) : null;
  }

  private async askRedis(cmd: string[]): Promise<string> {
    return this.side.raw(...cmd);
  }

  /** The mode for one command, looking at Redis's encoding of its key when order depends on it. */
  private async modeFor(cg: CommandGen, argv: string[]): Promise<Mode> {
    const mode = cg.mode ?? 'exact';
    if (!cg.whenHashtable || argv.length < 2) return cg.whenHashtable ? 'exact' : mode;
    const enc = await this.askRedis(['OBJECT', 'ENCODING', argv[1]]);
    return enc === '$9\r\nhashtable\r\n' ? mode : 'exact';
  }

  /** Runs the stream; stops at the first discrepancy unless surveying. */
  async stream(): Promise<void> {
    if (this.en.resp3 && wantsResp3(this.seed)) this.protocol = 3;
    await this.open();
    try {
      for (this.step = 0; this.step < STEPS; this.step++) {
        const fam = this.pickFamily();
        let ok = true;
        if (fam === 'transactions') {
          for (const argv of transaction(this.g, () => this.body(), () => this.blocking())) {
            ok = await this.send('transactions', argv, 'exact');
            if (!ok) break;
          }
        } else {
          const cg = this.rng.pick(fam.commands.filter((c) => !c.multiOnly));
          if (cg === undefined) continue;
          const argv = this.noise(cg.gen(this.g));
          if (cg.guard && !(await cg.guard(argv, (c) => this.askRedis(c)))) continue;
          ok = await this.send(fam.name, argv, await this.modeFor(cg, argv));
        }
        if (!ok) {
          if (!SURVEY) return;
          // Both servers may now hold different data: start again from empty ones.
          this.close();
          await this.open();
          this.history = [];
        }
      }
      await this.compareKeyspace();
    } finally {
      this.close();
    }
  }

  /** KEYS, TYPE, value and TTL of every key in DB 0 and 1 must match. */
  private async compareKeyspace(): Promise<void> {
    const d = this.en.dump;
    if (!d.has('KEYS') || !d.has('TYPE')) return;
    this.step = STEPS;
    for (const db of d.has('SELECT') ? ['1', '0'] : ['0']) {
      if (d.has('SELECT') && !(await this.send('final', ['SELECT', db], 'exact'))) return;
      if (!(await this.send('final', ['KEYS', '*'], 'unordered'))) return;
      const keys = (await this.b.call('KEYS', '*')) as string[];
      for (const key of keys.sort()) {
        if (!(await this.send('final', ['TYPE', key], 'exact'))) return;
        const type = (await this.b.call('TYPE', key)) as string;
        const dump: Record<string, [string[], Mode]> = {
          string: [['GET', key], 'exact'],
          list: [['LRANGE', key, '0', '-1'], 'exact'],
          set: [['SMEMBERS', key], 'unordered'],
          hash: [['HGETALL', key], 'pairs'],
          zset: [['ZRANGE', key, '0', '-1', 'WITHSCORES'], 'exact'],
        };
        const [argv, mode] = dump[type] ?? [null, 'exact'];
        if (argv !== null && d.has(argv[0]) && !(await this.send('final', argv, mode))) return;
        if (d.has('PTTL') && !(await this.send('final', ['PTTL', key], { ttl: 1500 }))) return;
      }
    }
  }
}

describe('differential fuzz: random command streams, Respite vs real Redis', function () {
  let en: Enabled | null = null;
  let respite: Target | undefined;
  let redis: Target | undefined;

  before(async function () {
    this.timeout(30000);
    respite = targets().find((t) => t.name === 'respite');
    redis = targets().find((t) => t.name === 'redis');
    if (respite === undefined || redis === undefined) return;
    en = await probe(respite);
    const families = en.families.map((f) => `${f.name}(${f.commands.length})`).concat(en.transactions ? ['transactions'] : []);
    console.log(`      fuzz: ${STEPS} commands per seed over ${families.join(' ') || 'nothing yet'}`);
    if (!en.resp3) console.log('      fuzz: HELLO not implemented in Respite yet: every seed speaks RESP2');
    if (en.skipped.length) console.log(`      fuzz: skipped, not implemented in Respite yet: ${en.skipped.join(' ')}`);
  });

  for (const seed of SEEDS) {
    it(`seed ${seed} (RESP${wantsResp3(seed) ? 3 : 2}): every reply and the final keyspace match real Redis`, async function () {
      if (en === null || respite === undefined || redis === undefined) return this.skip(); // needs both servers
      this.timeout(SURVEY ? 600000 : 60000);
      const run = new Run(seed, en, respite, redis);
      await run.stream();
      if (run.found.length === 0) return;
      if (SURVEY) {
        const seen = new Set<string>();
        const distinct = run.found.filter((d) => {
          const k = `${d.argv[0].toUpperCase()} ${d.respite.slice(0, 20)} ${d.redis.slice(0, 20)}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
        throw new Error(`${run.found.length} discrepancies, ${distinct.length} distinct:\n\n${distinct.map(describeDiscrepancy).join('\n\n')}`);
      }
      throw new Error(describeDiscrepancy(run.found[0]));
    });
  }
});
