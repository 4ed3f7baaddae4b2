/**
 * CONFIG GET / SET / RESETSTAT / REWRITE / HELP over the parameters of src/config.ts, with Redis
 * 7.0's reply shapes (a map in RESP3) and error texts. GET takes several names or glob patterns
 * (matched case-insensitively against names and aliases); SET takes several pairs and applies all or
 * none. REWRITE updates the config file the server started with.
 */
import * as fs from 'fs';
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import type { Server } from '../src/server';
import { Config, ConfigError, findPublicParam, publicNames, parseConfigFile, PARAMS, ParamSpec } from '../src/config';
import { SYNTAX } from '../src/errors';
import { globMatch } from '../src/glob';
import { writeHelp } from './client';
import { resetInfoState } from './info';

const ADMIN = 'admin noscript loading stale';

export const commands: CommandSpec[] = [
  command('config', -2, '', [0, 0, 0], 'server', 'A container for server configuration commands', () => undefined, {
    since: '2.0.0',
    complexity: 'Depends on subcommand.',
    subcommands: [
      command('config|get', -3, ADMIN, [0, 0, 0], 'server', 'Get the values of configuration parameters', configGet, { since: '2.0.0', complexity: 'O(N) when N is the number of configuration parameters provided' }),
      command('config|set', -4, ADMIN, [0, 0, 0], 'server', 'Set configuration parameters to the given values', configSet, { since: '2.0.0', complexity: 'O(N) when N is the number of configuration parameters provided' }),
      command('config|resetstat', 2, ADMIN, [0, 0, 0], 'server', 'Reset the stats returned by INFO', configResetStat, { since: '2.0.0', complexity: 'O(1)' }),
      command('config|rewrite', 2, ADMIN, [0, 0, 0], 'server', 'Rewrite the configuration file with the in memory configuration', configRewrite, { since: '2.8.0', complexity: 'O(1)' }),
      command('config|help', 2, 'loading stale', [0, 0, 0], 'server', 'Show helpful text about the different subcommands', configHelp, { since: '5.0.0', complexity: 'O(1)' }),
    ],
  }),
];

/** CONFIG GET pattern [pattern ...]: exact names answer under the spelling asked; patterns under the table's. */
function configGet(c: Client, argv: string[]): void {
  const config = c.server.config;
  const found: Array<[string, ParamSpec]> = [];
  const seen = new Set<string>();
  for (let i = 2; i < argv.length; i++) {
    const pat = argv[i];
    if (!/[[*?]/.test(pat)) {
      const p = findPublicParam(pat);
      if (p !== undefined && !seen.has(pat.toLowerCase())) {
        seen.add(pat.toLowerCase());
        found.push([pat, p]);
      }
      continue;
    }
    for (const [name, p] of publicNames()) {
      if (seen.has(name) || !globMatch(pat, name, true)) continue;
      seen.add(name);
      found.push([name, p]);
    }
  }
  c.out.map(found.length);
  for (const [name, p] of found) {
    c.out.bulk(name);
    c.out.bulk(config.get(p.name));
  }
}

/** CONFIG SET name value [name value ...]: validated together, applied together. */
function configSet(c: Client, argv: string[]): void {
  if (argv.length % 2 !== 0) return c.out.error(SYNTAX);
  const pairs: Array<[string, string]> = [];
  for (let i = 2; i < argv.length; i += 2) pairs.push([argv[i], argv[i + 1]]);
  try {
    c.server.config.setMany(pairs);
  } catch (e) {
    if (e instanceof ConfigError) return c.out.error('ERR ' + e.message);
    throw e;
  }
  afterSet(c.server, pairs);
  c.out.ok();
}

/** Side effects Redis applies on CONFIG SET that live outside the parameter store. */
function afterSet(server: Server, pairs: Array<[string, string]>): void {
  for (const [name] of pairs) {
    const p = findPublicParam(name);
    // Without a password the default user is `nopass`: every connection may run commands again.
    if (p?.name === 'requirepass' && server.config.requirepass === '') {
      for (const cl of server.clients.values()) cl.authenticated = true;
    }
  }
}

/** CONFIG RESETSTAT: zeroes the counters INFO reports (uptime and the keyspace stay). */
function configResetStat(c: Client): void {
  const s = c.server.stats;
  s.totalConnections = 0;
  s.totalCommands = 0;
  s.rejectedConnections = 0;
  s.expiredKeys = 0;
  s.keyspaceHits = 0;
  s.keyspaceMisses = 0;
  s.pubsubMessages = 0;
  s.netInputBytes = 0;
  s.netOutputBytes = 0;
  resetInfoState(c.server);
  c.out.ok();
}

/** Parameters whose value is several words written unquoted on one line. */
const MULTI_WORD = new Set(['save', 'bind', 'oom-score-adj-values', 'latency-tracking-info-percentiles']);

/** Quotes a value as Redis's sdscatrepr when it is empty or not a plain word. */
function quote(v: string): string {
  if (v !== '' && /^[!-~]+$/.test(v) && !/["'\\]/.test(v)) return v;
  let out = '"';
  for (const ch of v) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 32 || code > 126) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** The config-file lines for a parameter's value. */
function directiveLines(p: ParamSpec, value: string): string[] {
  if (p.name === 'client-output-buffer-limit') {
    const w = value.split(' ');
    const lines: string[] = [];
    for (let i = 0; i + 3 < w.length; i += 4) lines.push(`${p.name} ${w.slice(i, i + 4).join(' ')}`);
    return lines;
  }
  if (MULTI_WORD.has(p.name)) return [`${p.name} ${value === '' ? '""' : value}`];
  return [`${p.name} ${quote(value)}`];
}

/**
 * Rewrites the config file: lines of parameters whose value changed are replaced in place (repeats
 * dropped), unknown lines and comments are kept, and changed parameters the file did not mention are
 * appended under "# Generated by CONFIG REWRITE", as Redis does.
 */
export function rewriteConfigFile(server: Server): void {
  const file = server.config.file;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'latin1') : '';
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  // What the file says for each parameter, to leave lines alone when nothing changed.
  const fileValues = new Map<string, string>();
  const probe = new Config();
  for (const [name, value] of parseConfigFile(text)) {
    const p = findPublicParam(name);
    if (p === undefined) continue;
    try {
      probe.set(name, value);
      fileValues.set(p.name, probe.get(p.name));
    } catch {
      // An invalid line stays as it is.
    }
  }
  const out: string[] = [];
  const written = new Set<string>();
  let generatedAt = -1;
  for (const line of lines) {
    const words = line.trim().split(/\s+/);
    if (line.trim() === '# Generated by CONFIG REWRITE') generatedAt = out.length;
    const p = line.trim().startsWith('#') ? undefined : findPublicParam(words[0] ?? '');
    if (p === undefined) {
      out.push(line);
      continue;
    }
    const current = server.config.get(p.name);
    if (fileValues.get(p.name) === current) {
      out.push(line);
      written.add(p.name);
      continue;
    }
    if (written.has(p.name)) continue;
    written.add(p.name);
    out.push(...directiveLines(p, current));
  }
  const extra: string[] = [];
  for (const p of PARAMS) {
    if (p.internal || written.has(p.name) || p.name === 'port') continue;
    const v = server.config.get(p.name);
    if (v !== p.default) extra.push(...directiveLines(p, v));
  }
  if (extra.length > 0) {
    if (generatedAt === -1) {
      if (out.length > 0 && out[out.length - 1].trim() !== '') out.push('');
      out.push('# Generated by CONFIG REWRITE');
    }
    out.push(...extra);
  }
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, out.join('\n') + '\n', 'latin1');
  fs.renameSync(tmp, file);
}

function configRewrite(c: Client): void {
  if (c.server.config.file === '') return c.out.error('ERR The server is running without a config file');
  try {
    rewriteConfigFile(c.server);
  } catch (e) {
    c.server.log('warning', `CONFIG REWRITE failed: ${(e as Error).message}`);
    return c.out.error(`ERR Rewriting config file: ${(e as Error).message}`);
  }
  c.server.log('notice', 'CONFIG REWRITE executed with success.');
  c.out.ok();
}

const HELP = [
  'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
  'HELP',
  '    Prints this help.',
];

function configHelp(c: Client): void {
  writeHelp(c, HELP);
}
