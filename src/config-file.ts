/**
 * redis.conf syntax: Redis's sdssplitargs quoting, directive lines, repeated `save` lines, and the
 * Redis directives Respite accepts but ignores. Used by the CLI and by CONFIG REWRITE.
 */
import { ConfigError } from './config';

/**
 * Directives Redis 7.0 understands that Respite has no use for (TLS, cluster bus, replication
 * details, ACL files, modules…). A redis.conf or command line naming them still loads: the CLI
 * warns and ignores them instead of refusing the file.
 */
export const IGNORED_DIRECTIVES = new Set(
  (
    'acl-pubsub-default aclfile active-defrag-cycle-max active-defrag-cycle-min active-defrag-ignore-bytes active-defrag-max-scan-fields ' +
    'active-defrag-threshold-lower active-defrag-threshold-upper aof-disable-auto-gc aof-rewrite-incremental-fsync aof_rewrite_cpulist ' +
    'bgsave_cpulist bind-source-addr bio_cpulist cluster-allow-pubsubshard-when-down cluster-allow-reads-when-down ' +
    'cluster-allow-replica-migration cluster-announce-bus-port cluster-announce-hostname cluster-announce-ip cluster-announce-port ' +
    'cluster-announce-tls-port cluster-link-sendbuf-limit cluster-migration-barrier cluster-port cluster-preferred-endpoint-type ' +
    'cluster-replica-no-failover cluster-replica-validity-factor cluster-require-full-coverage cluster-slave-no-failover ' +
    'cluster-slave-validity-factor ignore-warnings jemalloc-bg-thread masterauth masteruser proc-title-template ' +
    'propagation-error-behavior rdb-save-incremental-fsync repl-disable-tcp-nodelay repl-diskless-load repl-diskless-sync-delay ' +
    'repl-diskless-sync-max-replicas repl-ping-replica-period repl-ping-slave-period replica-announce-ip replica-announce-port ' +
    'replica-announced replica-ignore-disk-write-errors replica-ignore-maxmemory replica-lazy-flush replica-priority ' +
    'sanitize-dump-payload server_cpulist shutdown-on-sigint shutdown-on-sigterm slave-announce-ip slave-announce-port ' +
    'slave-ignore-maxmemory slave-lazy-flush slave-priority socket-mark-id syslog-facility syslog-ident tls-auth-clients ' +
    'tls-ca-cert-dir tls-ca-cert-file tls-cert-file tls-ciphers tls-ciphersuites tls-client-cert-file tls-client-key-file ' +
    'tls-client-key-file-pass tls-cluster tls-dh-params-file tls-key-file tls-key-file-pass tls-port tls-prefer-server-ciphers ' +
    'tls-protocols tls-replication tls-session-cache-size tls-session-cache-timeout tls-session-caching unixsocketperm ' +
    'include rename-command user loadmodule lua-replicate-commands list-max-ziplist-entries list-max-ziplist-value'
  ).split(' '),
);

/**
 * Splits redis.conf text into [name, value] pairs. Arguments follow Redis's sdssplitargs (double
 * quotes with escapes, single quotes); a directive's arguments are joined by single spaces, so
 * multi-word parameters (save, bind…) read as on the command line. Repeated `save` lines
 * accumulate, as in Redis. Throws ConfigError with the line number for unbalanced quotes.
 */
export function parseConfigFile(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const lines = text.split('\n');
  let saveIndex = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = splitConfigArgs(line);
    if (words === null) throw new ConfigError(`Bad directive or wrong number of arguments at line ${i + 1}: '${line}': Unbalanced quotes in configuration line`);
    if (words.length === 0) continue;
    const name = words[0].toLowerCase();
    const value = words.slice(1).join(' ');
    if (name === 'save' && saveIndex !== -1 && value !== '') {
      const prev = out[saveIndex][1];
      out[saveIndex][1] = prev === '' ? value : `${prev} ${value}`;
      continue;
    }
    if (name === 'save') saveIndex = out.length;
    out.push([name, value]);
  }
  return out;
}

/** Redis's sdssplitargs: spaces separate, "..." understands \n \r \t \b \a \\ \" and \xHH, '...' only \'. */
export function splitConfigArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && /\s/.test(line[i])) i++;
    if (i >= n) return out;
    let cur = '';
    let inDq = false;
    let inSq = false;
    for (;;) {
      if (inDq) {
        if (i >= n) return null;
        const ch = line[i];
        if (ch === '\\' && line[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (ch === '\\' && i + 1 < n) {
          i++;
          const e = line[i];
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (ch === '"') {
          // The closing quote must be followed by a space or the end.
          if (i + 1 < n && !/\s/.test(line[i + 1])) return null;
          inDq = false;
          i++;
          break;
        } else cur += ch;
        i++;
      } else if (inSq) {
        if (i >= n) return null;
        const ch = line[i];
        if (ch === '\\' && line[i + 1] === "'") {
          cur += "'";
          i += 2;
          continue;
        }
        if (ch === "'") {
          if (i + 1 < n && !/\s/.test(line[i + 1])) return null;
          inSq = false;
          i++;
          break;
        }
        cur += ch;
        i++;
      } else {
        if (i >= n) break;
        const ch = line[i];
        if (/\s/.test(ch)) break;
        if (ch === '"') inDq = true;
        else if (ch === "'") inSq = true;
        else cur += ch;
        i++;
      }
    }
    out.push(cur);
  }
}
