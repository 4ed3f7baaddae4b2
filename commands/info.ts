/**
 * INFO [section ...]: Redis 7.0's sections, field names and order, filled with Respite's own
 * numbers where it has them (clients, keyspace, pub/sub, process memory and CPU, uptime, stats the
 * server counts) and with the value an idle standalone Redis master without persistence reports
 * elsewhere (replication, fork, AOF, defrag…). Commandstats, Errorstats and Latencystats are not
 * recorded: those sections are present but empty.
 */
import * as os from 'os';
import * as path from 'path';
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import type { Server } from '../src/server';
import { REDIS_VERSION } from './connection';
import { persistState } from './server';

export const commands: CommandSpec[] = [
  command('info', -1, 'loading stale', [0, 0, 0], 'server', 'Get information and statistics about the server', info, { complexity: 'O(1)' }),
];

type Section = (s: Server) => Array<[string, string | number]>;

/** Redis's bytesToHuman: B below 1K, then two decimals and K, M, G, T, P. */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let d = n / 1024;
  for (const u of units) {
    if (d < 1024 || u === 'P') return `${d.toFixed(2)}${u}`;
    d /= 1024;
  }
  return `${n}B`;
}

/** Per-server values INFO keeps between calls (peak memory, ops/sec sample, replication id). */
interface InfoState {
  peakMemory: number;
  replId: string;
  buildId: string;
  sampleAt: number;
  sampleCommands: number;
  opsPerSec: number;
}

const states = new WeakMap<Server, InfoState>();

function hex(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

function stateOf(s: Server): InfoState {
  let st = states.get(s);
  if (st === undefined) {
    st = { peakMemory: 0, replId: hex(40), buildId: hex(15), sampleAt: s.clock.now(), sampleCommands: s.stats.totalCommands, opsPerSec: 0 };
    states.set(s, st);
  }
  return st;
}

/** Forgets INFO's own counters (CONFIG RESETSTAT). */
export function resetInfoState(s: Server): void {
  const st = stateOf(s);
  st.peakMemory = 0;
  st.sampleAt = s.clock.now();
  st.sampleCommands = s.stats.totalCommands;
  st.opsPerSec = 0;
}

/** seconds.micros with six decimals, as Redis prints CPU times. */
function cpuSeconds(us: number): string {
  return (us / 1e6).toFixed(6);
}

const server: Section = (s) => {
  const now = s.clock.now();
  const up = Math.max(0, Math.floor((now - s.stats.startTime) / 1000));
  const hz = s.config.getInt('hz');
  const exe = process.argv[1] ? path.resolve(process.argv[1]) : process.execPath;
  return [
    ['redis_version', REDIS_VERSION],
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', stateOf(s).buildId],
    ['redis_mode', 'standalone'],
    ['os', `${os.type()} ${os.release()} ${os.machine()}`],
    ['arch_bits', process.arch.endsWith('64') ? 64 : 32],
    ['monotonic_clock', 'POSIX clock_gettime'],
    ['multiplexing_api', process.platform === 'linux' ? 'epoll' : process.platform === 'win32' ? 'winsock' : 'kqueue'],
    ['atomicvar_api', 'c11-builtin'],
    ['gcc_version', '0.0.0'],
    ['process_id', process.pid],
    ['process_supervised', 'no'],
    ['run_id', s.runId],
    ['tcp_port', s.port],
    ['server_time_usec', s.clock.nowMicros()],
    ['uptime_in_seconds', up],
    ['uptime_in_days', Math.floor(up / 86400)],
    ['hz', hz],
    ['configured_hz', hz],
    ['lru_clock', Math.floor(now / 1000) % 16777216],
    ['executable', exe],
    ['config_file', s.config.file],
    ['io_threads_active', 0],
  ];
};

const clients: Section = (s) => {
  let maxIn = 0;
  let maxOut = 0;
  let timeouts = 0;
  for (const c of s.clients.values()) {
    maxIn = Math.max(maxIn, c.parser.buffered);
    maxOut = Math.max(maxOut, c.outputPending);
    if (c.blocked !== null && c.blocked.deadline !== 0) timeouts++;
  }
  return [
    ['connected_clients', s.clients.size],
    ['cluster_connections', 0],
    ['maxclients', s.config.get('maxclients')],
    ['client_recent_max_input_buffer', maxIn],
    ['client_recent_max_output_buffer', maxOut],
    ['blocked_clients', s.blocking.clients.size],
    ['tracking_clients', 0],
    ['clients_in_timeout_table', timeouts],
  ];
};

const memory: Section = (s) => {
  const st = stateOf(s);
  const m = process.memoryUsage();
  // What Redis calls used_memory: the V8 heap in use plus memory held outside it (Buffers).
  const used = m.heapUsed + m.external;
  st.peakMemory = Math.max(st.peakMemory, used);
  const total = os.totalmem();
  const maxmemory = Number(s.config.get('maxmemory'));
  const startup = 0;
  const ratio = (a: number, b: number) => (b === 0 ? '0.00' : (a / b).toFixed(2));
  return [
    ['used_memory', used],
    ['used_memory_human', bytesToHuman(used)],
    ['used_memory_rss', m.rss],
    ['used_memory_rss_human', bytesToHuman(m.rss)],
    ['used_memory_peak', st.peakMemory],
    ['used_memory_peak_human', bytesToHuman(st.peakMemory)],
    ['used_memory_peak_perc', `${((used / st.peakMemory) * 100).toFixed(2)}%`],
    ['used_memory_overhead', m.heapTotal - m.heapUsed > 0 ? m.heapTotal - m.heapUsed : 0],
    ['used_memory_startup', startup],
    ['used_memory_dataset', used],
    ['used_memory_dataset_perc', '100.00%'],
    ['allocator_allocated', m.heapUsed],
    ['allocator_active', m.heapTotal],
    ['allocator_resident', m.rss],
    ['total_system_memory', total],
    ['total_system_memory_human', bytesToHuman(total)],
    ['used_memory_lua', 0],
    ['used_memory_vm_eval', 0],
    ['used_memory_lua_human', '0B'],
    ['used_memory_scripts_eval', 0],
    ['number_of_cached_scripts', 0],
    ['number_of_functions', 0],
    ['number_of_libraries', 0],
    ['used_memory_vm_functions', 0],
    ['used_memory_vm_total', 0],
    ['used_memory_vm_total_human', '0B'],
    ['used_memory_functions', 0],
    ['used_memory_scripts', 0],
    ['used_memory_scripts_human', '0B'],
    ['maxmemory', maxmemory],
    ['maxmemory_human', bytesToHuman(maxmemory)],
    ['maxmemory_policy', s.config.get('maxmemory-policy')],
    ['allocator_frag_ratio', ratio(m.heapTotal, m.heapUsed)],
    ['allocator_frag_bytes', Math.max(0, m.heapTotal - m.heapUsed)],
    ['allocator_rss_ratio', ratio(m.rss, m.heapTotal)],
    ['allocator_rss_bytes', Math.max(0, m.rss - m.heapTotal)],
    ['rss_overhead_ratio', '1.00'],
    ['rss_overhead_bytes', 0],
    ['mem_fragmentation_ratio', ratio(m.rss, used)],
    ['mem_fragmentation_bytes', m.rss - used],
    ['mem_not_counted_for_evict', 0],
    ['mem_replication_backlog', 0],
    ['mem_total_replication_buffers', 0],
    ['mem_clients_slaves', 0],
    ['mem_clients_normal', 0],
    ['mem_cluster_links', 0],
    ['mem_aof_buffer', 0],
    ['mem_allocator', `v8-${process.versions.v8}`],
    ['active_defrag_running', 0],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', 0],
  ];
};

const persistence: Section = (s) => {
  const p = persistState(s);
  return [
    ['loading', 0],
    ['async_loading', 0],
    ['current_cow_peak', 0],
    ['current_cow_size', 0],
    ['current_cow_size_age', 0],
    ['current_fork_perc', '0.00'],
    ['current_save_keys_processed', 0],
    ['current_save_keys_total', 0],
    ['rdb_changes_since_last_save', 0],
    ['rdb_bgsave_in_progress', 0],
    ['rdb_last_save_time', p.lastSave],
    ['rdb_last_bgsave_status', 'ok'],
    ['rdb_last_bgsave_time_sec', p.saves === 0 ? -1 : 0],
    ['rdb_current_bgsave_time_sec', -1],
    ['rdb_saves', p.saves],
    ['rdb_last_cow_size', 0],
    ['rdb_last_load_keys_expired', 0],
    ['rdb_last_load_keys_loaded', 0],
    ['aof_enabled', s.config.get('appendonly') === 'yes' ? 1 : 0],
    ['aof_rewrite_in_progress', 0],
    ['aof_rewrite_scheduled', 0],
    ['aof_last_rewrite_time_sec', p.aofRewrites === 0 ? -1 : 0],
    ['aof_current_rewrite_time_sec', -1],
    ['aof_last_bgrewrite_status', 'ok'],
    ['aof_rewrites', p.aofRewrites],
    ['aof_rewrites_consecutive_failures', 0],
    ['aof_last_write_status', 'ok'],
    ['aof_last_cow_size', 0],
    ['module_fork_in_progress', 0],
    ['module_fork_last_cow_size', 0],
  ];
};

const stats: Section = (s) => {
  const st = stateOf(s);
  const now = s.clock.now();
  // Redis samples every 100 ms; Respite samples between INFO calls at least 100 ms apart.
  if (now - st.sampleAt >= 100) {
    st.opsPerSec = Math.round(((s.stats.totalCommands - st.sampleCommands) * 1000) / (now - st.sampleAt));
    st.sampleAt = now;
    st.sampleCommands = s.stats.totalCommands;
  }
  const x = s.stats;
  const zeros = (...names: string[]): Array<[string, number]> => names.map((n) => [n, 0]);
  return [
    ['total_connections_received', x.totalConnections],
    ['total_commands_processed', x.totalCommands],
    ['instantaneous_ops_per_sec', st.opsPerSec],
    ['total_net_input_bytes', x.netInputBytes],
    ['total_net_output_bytes', x.netOutputBytes],
    ['total_net_repl_input_bytes', 0],
    ['total_net_repl_output_bytes', 0],
    ['instantaneous_input_kbps', '0.00'],
    ['instantaneous_output_kbps', '0.00'],
    ['instantaneous_input_repl_kbps', '0.00'],
    ['instantaneous_output_repl_kbps', '0.00'],
    ['rejected_connections', x.rejectedConnections],
    ...zeros('sync_full', 'sync_partial_ok', 'sync_partial_err'),
    ['expired_keys', x.expiredKeys],
    ['expired_stale_perc', '0.00'],
    ...zeros('expired_time_cap_reached_count', 'expire_cycle_cpu_milliseconds', 'evicted_keys', 'evicted_clients', 'total_eviction_exceeded_time', 'current_eviction_exceeded_time'),
    ['keyspace_hits', x.keyspaceHits],
    ['keyspace_misses', x.keyspaceMisses],
    ['pubsub_channels', s.hub.channels.size],
    ['pubsub_patterns', s.hub.patterns.size],
    ['pubsubshard_channels', s.hub.shardChannels.size],
    ...zeros(
      'latest_fork_usec', 'total_forks', 'migrate_cached_sockets', 'slave_expires_tracked_keys', 'active_defrag_hits',
      'active_defrag_misses', 'active_defrag_key_hits', 'active_defrag_key_misses', 'total_active_defrag_time',
      'current_active_defrag_time', 'tracking_total_keys', 'tracking_total_items', 'tracking_total_prefixes',
      'unexpected_error_replies', 'total_error_replies', 'dump_payload_sanitizations', 'total_reads_processed',
      'total_writes_processed', 'io_threaded_reads_processed', 'io_threaded_writes_processed', 'reply_buffer_shrinks',
      'reply_buffer_expands',
    ),
  ];
};

const replication: Section = (s) => [
  ['role', 'master'],
  ['connected_slaves', 0],
  ['master_failover_state', 'no-failover'],
  ['master_replid', stateOf(s).replId],
  ['master_replid2', '0000000000000000000000000000000000000000'],
  ['master_repl_offset', 0],
  ['second_repl_offset', -1],
  ['repl_backlog_active', 0],
  ['repl_backlog_size', s.config.get('repl-backlog-size')],
  ['repl_backlog_first_byte_offset', 0],
  ['repl_backlog_histlen', 0],
];

const cpu: Section = () => {
  const u = process.cpuUsage();
  return [
    ['used_cpu_sys', cpuSeconds(u.system)],
    ['used_cpu_user', cpuSeconds(u.user)],
    ['used_cpu_sys_children', '0.000000'],
    ['used_cpu_user_children', '0.000000'],
    ['used_cpu_sys_main_thread', cpuSeconds(u.system)],
    ['used_cpu_user_main_thread', cpuSeconds(u.user)],
  ];
};

const empty: Section = () => [];

const cluster: Section = () => [['cluster_enabled', 0]];

/** Redis samples avg_ttl; Respite averages the remaining TTL of up to this many keys per database. */
const AVG_TTL_SAMPLE = 10000;

const keyspace: Section = (s) => {
  const out: Array<[string, string]> = [];
  const now = s.clock.now();
  for (const db of s.dbs) {
    if (db.size === 0) continue;
    let sum = 0;
    let n = 0;
    for (const at of db.expires.values()) {
      if (at > now) {
        sum += at - now;
        n++;
      }
      if (n >= AVG_TTL_SAMPLE) break;
    }
    out.push([`db${db.id}`, `keys=${db.size},expires=${db.expiresCount},avg_ttl=${n === 0 ? 0 : Math.floor(sum / n)}`]);
  }
  return out;
};

/** Sections in Redis's order: [name, header, in "default", generator]. */
const SECTIONS: Array<[string, string, boolean, Section]> = [
  ['server', 'Server', true, server],
  ['clients', 'Clients', true, clients],
  ['memory', 'Memory', true, memory],
  ['persistence', 'Persistence', true, persistence],
  ['stats', 'Stats', true, stats],
  ['replication', 'Replication', true, replication],
  ['cpu', 'CPU', true, cpu],
  ['modules', 'Modules', true, empty],
  ['commandstats', 'Commandstats', false, empty],
  ['errorstats', 'Errorstats', true, empty],
  ['latencystats', 'Latencystats', false, empty],
  ['cluster', 'Cluster', true, cluster],
  ['keyspace', 'Keyspace', true, keyspace],
];

/** The INFO text for the requested section names (none = default), as Redis's genRedisInfoString. */
export function infoString(s: Server, requested: string[]): string {
  const want = new Set<string>();
  const names = requested.length === 0 ? ['default'] : requested.map((r) => r.toLowerCase());
  for (const n of names) {
    if (n === 'all' || n === 'everything') {
      for (const [name] of SECTIONS) want.add(name);
    } else if (n === 'default') {
      for (const [name, , dflt] of SECTIONS) if (dflt) want.add(name);
    } else {
      want.add(n);
    }
  }
  const parts: string[] = [];
  for (const [name, header, , gen] of SECTIONS) {
    if (!want.has(name)) continue;
    let text = `# ${header}\r\n`;
    for (const [k, v] of gen(s)) text += `${k}:${v}\r\n`;
    parts.push(text);
  }
  return parts.join('\r\n');
}

function info(c: Client, argv: string[]): void {
  c.out.verbatim(infoString(c.server, argv.slice(1)));
}
