/**
 * CLIENT subcommands as in Redis 7.0: ID, SETNAME, GETNAME, INFO, LIST, KILL, REPLY, UNBLOCK,
 * NO-EVICT, GETREDIR, TRACKINGINFO, HELP; plus Redis 7.2's SETINFO and NO-TOUCH, which ioredis 5 and
 * node-redis 6 send (so CLIENT LIST ends with 7.2's lib-name= lib-ver= fields; on a real 7.0 both
 * subcommands are unknown and the clients ignore that error). Client-side caching (TRACKING,
 * CACHING) and PAUSE / UNPAUSE are not implemented.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { NOT_INTEGER, SYNTAX } from '../src/errors';
import { parseInt64, isOpt } from './args';

const ADMIN = 'admin noscript loading stale';
const PLAIN = 'noscript loading stale';

/** A CLIENT subcommand entry. */
function sub(name: string, arity: number, flags: string, summary: string, handler: (c: Client, argv: string[]) => void, since: string, complexity = 'O(1)'): CommandSpec {
  return command(`client|${name}`, arity, flags, [0, 0, 0], 'connection', summary, handler, { since, complexity });
}

export const commands: CommandSpec[] = [
  command('client', -2, '', [0, 0, 0], 'connection', 'A container for client connection commands', () => undefined, {
    since: '2.4.0',
    complexity: 'Depends on subcommand.',
    subcommands: [
      sub('id', 2, PLAIN, 'Returns the client ID for the current connection', clientId, '5.0.0'),
      sub('setname', 3, PLAIN, 'Set the current connection name', setName, '2.6.9'),
      sub('getname', 2, PLAIN, 'Get the current connection name', getName, '2.6.9'),
      sub('info', 2, PLAIN, 'Returns information about the current client connection.', clientInfo, '6.2.0'),
      sub('list', -2, ADMIN, 'Get the list of client connections', clientList, '2.4.0', 'O(N) where N is the number of client connections'),
      sub('kill', -3, ADMIN, 'Kill the connection of a client', clientKill, '2.4.0', 'O(N) where N is the number of client connections'),
      sub('reply', 3, PLAIN, 'Instruct the server whether to reply to commands', reply, '3.2.0'),
      sub('unblock', -3, ADMIN, 'Unblock a client blocked in a blocking command from a different connection', unblock, '5.0.0', 'O(log N) where N is the number of client connections'),
      sub('no-evict', 3, ADMIN, 'Set client eviction mode for the current connection', noEvict, '7.0.0'),
      sub('no-touch', 3, PLAIN, 'Controls whether commands sent by the client will alter the LRU/LFU of the keys they access.', noTouch, '7.2.0'),
      sub('setinfo', 4, PLAIN, 'Set client or connection specific info', setInfo, '7.2.0'),
      sub('getredir', 2, PLAIN, 'Get tracking notifications redirection client ID if any', getRedir, '6.0.0'),
      sub('trackinginfo', 2, PLAIN, 'Return information about server assisted client side caching for the current connection', trackingInfo, '6.2.0'),
      sub('help', 2, 'loading stale', 'Show helpful text about the different subcommands', help, '5.0.0'),
    ],
  }),
];

export const BAD_CLIENT_NAME = 'ERR Client names cannot contain spaces, newlines or special characters.';

/** Redis accepts names made of the printable ASCII range '!'..'~' only (or the empty name). */
export function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 33 || ch > 126) return false;
  }
  return true;
}

function clientId(c: Client): void {
  c.out.int(c.id);
}

function setName(c: Client, argv: string[]): void {
  if (!validClientName(argv[2])) return c.out.error(BAD_CLIENT_NAME);
  c.name = argv[2];
  c.out.ok();
}

function getName(c: Client): void {
  c.out.bulkOrNull(c.name === '' ? null : c.name);
}

/** Redis's formatting of a socket address: ip:port, IPv6 in brackets, IPv4-mapped shown as IPv4. */
function formatAddr(ip: string | undefined, port: number | undefined): string {
  if (ip === undefined) return '?:0';
  if (ip.startsWith('::ffff:') && ip.includes('.')) ip = ip.slice(7);
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** The peer address Redis shows as addr= (and matches with CLIENT KILL ADDR). */
function peerAddr(c: Client): string {
  return formatAddr(c.socket.remoteAddress, c.socket.remotePort);
}

/** The local address Redis shows as laddr=. */
function localAddr(c: Client): string {
  return formatAddr(c.socket.localAddress, c.socket.localPort);
}

/** The socket's file descriptor where Node exposes it (libuv handle), else -1. */
function fdOf(c: Client): number {
  // _handle is Node's internal TCP wrap; it is the only place the fd is visible.
  const handle = (c.socket as unknown as { _handle?: { fd?: number } })._handle;
  return typeof handle?.fd === 'number' ? handle.fd : -1;
}

/** Redis's client type as CLIENT LIST TYPE / CLIENT KILL TYPE see it. */
function clientType(c: Client): 'normal' | 'pubsub' {
  return c.subscriptionCount !== 0 ? 'pubsub' : 'normal';
}

/** Maps a TYPE argument to a class name (replica and slave alike), or null when unknown. */
function parseType(arg: string): string | null {
  const t = arg.toLowerCase();
  if (t === 'normal' || t === 'pubsub' || t === 'master') return t;
  if (t === 'replica' || t === 'slave') return 'slave';
  return null;
}

/** Flag letters in Redis's order; N when none. */
function flagsOf(c: Client): string {
  let f = '';
  if (c.subscriptionCount !== 0) f += 'P';
  if (c.multi !== null) f += 'x';
  if (c.blocked !== null) f += 'b';
  if (c.dirtyCAS) f += 'd';
  if (c.closing) f += 'c';
  if (c.noEvict) f += 'e';
  if (c.noTouch) f += 'T';
  return f === '' ? 'N' : f;
}

function argvMem(argv: string[] | null): number {
  if (argv === null) return 0;
  let n = 0;
  for (const a of argv) n += a.length;
  return n;
}

/**
 * One CLIENT LIST line (without the newline), fields and order as Redis 7.0, then 7.2's lib-name
 * and lib-ver (CLIENT SETINFO). Buffer and memory
 * fields are Respite's own measures (pending input, pending replies, socket backlog); rbs/rbp
 * report Redis's default reply-buffer size, which has no equivalent here.
 */
export function clientInfoLine(c: Client, current: string[] | null = null): string {
  const now = c.server.clock.now();
  const qbuf = c.parser.buffered;
  const argv = argvMem(current);
  let multiMem = 0;
  if (c.multi !== null) for (const [, a] of c.multi) multiMem += argvMem(a);
  const obl = c.out.pending;
  const omem = c.socket.writableLength;
  const totMem = qbuf + argv + multiMem + obl + omem + 16384;
  return (
    `id=${c.id} addr=${peerAddr(c)} laddr=${localAddr(c)} fd=${fdOf(c)} name=${c.name}` +
    ` age=${Math.max(0, Math.floor((now - c.createdAt) / 1000))} idle=${Math.max(0, Math.floor((now - c.lastInteraction) / 1000))}` +
    ` flags=${flagsOf(c)} db=${c.db.id} sub=${c.channels?.size ?? 0} psub=${c.patterns?.size ?? 0} ssub=${c.shardChannels?.size ?? 0}` +
    ` multi=${c.multi === null ? -1 : c.multi.length} qbuf=${qbuf} qbuf-free=0 argv-mem=${argv} multi-mem=${multiMem}` +
    ` rbs=16384 rbp=16384 obl=${obl} oll=${omem > 0 ? 1 : 0} omem=${omem} tot-mem=${totMem}` +
    ` events=${omem > 0 ? 'rw' : 'r'} cmd=${c.lastCommand} user=default redir=-1 resp=${c.out.protocol}` +
    ` lib-name=${c.libName} lib-ver=${c.libVer}`
  );
}

function clientInfo(c: Client, argv: string[]): void {
  c.out.verbatim(clientInfoLine(c, argv) + '\n');
}

/** CLIENT LIST [TYPE type | ID id [id ...]]: one line per client, oldest first. */
function clientList(c: Client, argv: string[]): void {
  let type: string | null = null;
  let ids: number[] | null = null;
  if (argv.length === 4 && isOpt(argv[2], 'type')) {
    type = parseType(argv[3]);
    if (type === null) return c.out.error(`ERR Unknown client type '${argv[3]}'`);
  } else if (argv.length > 3 && isOpt(argv[2], 'id')) {
    ids = [];
    for (let j = 3; j < argv.length; j++) {
      const id = parseInt64(argv[j]);
      if (id === null) return c.out.error('ERR Invalid client ID');
      ids.push(Number(id));
    }
  } else if (argv.length !== 2) {
    return c.out.error(SYNTAX);
  }
  let text = '';
  if (ids !== null) {
    for (const id of ids) {
      const t = c.server.clients.get(id);
      if (t !== undefined) text += clientInfoLine(t, t === c ? argv : null) + '\n';
    }
  } else {
    for (const t of c.server.clients.values()) {
      if (type !== null && clientType(t) !== type) continue;
      text += clientInfoLine(t, t === c ? argv : null) + '\n';
    }
  }
  c.out.verbatim(text);
}

/** Closes another client at once, dropping its pending replies (Redis's freeClient). */
function killClient(t: Client): void {
  t.out.clear();
  t.close();
}

/** CLIENT KILL addr:port (old form, may kill the caller) or CLIENT KILL <filter> <value> ... (count). */
function clientKill(c: Client, argv: string[]): void {
  let addr: string | null = null;
  let laddr: string | null = null;
  let type: string | null = null;
  let id = 0;
  let skipme = true;
  if (argv.length === 3) {
    addr = argv[2];
    skipme = false;
  } else if (argv.length > 3 && argv.length % 2 === 0) {
    for (let i = 2; i < argv.length; i += 2) {
      const opt = argv[i];
      const val = argv[i + 1];
      if (isOpt(opt, 'id')) {
        const n = parseInt64(val);
        if (n === null || n < 1n) return c.out.error('ERR client-id should be greater than 0');
        id = Number(n);
      } else if (isOpt(opt, 'type')) {
        type = parseType(val);
        if (type === null) return c.out.error(`ERR Unknown client type '${val}'`);
      } else if (isOpt(opt, 'addr')) {
        addr = val;
      } else if (isOpt(opt, 'laddr')) {
        laddr = val;
      } else if (isOpt(opt, 'user')) {
        if (val !== 'default') return c.out.error(`ERR No such user '${val}'`);
      } else if (isOpt(opt, 'skipme')) {
        if (isOpt(val, 'yes')) skipme = true;
        else if (isOpt(val, 'no')) skipme = false;
        else return c.out.error(SYNTAX);
      } else {
        return c.out.error(SYNTAX);
      }
    }
  } else {
    return c.out.error(SYNTAX);
  }
  let killed = 0;
  let self = false;
  for (const t of [...c.server.clients.values()]) {
    if (addr !== null && peerAddr(t) !== addr) continue;
    if (laddr !== null && localAddr(t) !== laddr) continue;
    if (type !== null && clientType(t) !== type) continue;
    if (id !== 0 && t.id !== id) continue;
    if (t === c && skipme) continue;
    if (t === c) self = true;
    else killClient(t);
    killed++;
  }
  if (argv.length === 3) {
    if (killed === 0) c.out.error('ERR No such client');
    else c.out.ok();
  } else {
    c.out.int(killed);
  }
  if (self) c.closing = true;
}

/** CLIENT REPLY ON|OFF|SKIP: OFF and SKIP answer nothing; dispatch drops the output they cover. */
function reply(c: Client, argv: string[]): void {
  const mode = argv[2];
  if (isOpt(mode, 'on')) {
    c.replyMode = 'on';
    c.out.ok();
  } else if (isOpt(mode, 'off')) {
    c.replyMode = 'off';
  } else if (isOpt(mode, 'skip')) {
    if (c.replyMode !== 'off') c.replyMode = 'skip';
  } else {
    c.out.error(SYNTAX);
  }
}

/**
 * The lists helper's unblock entry point when present (src/blocking.ts unblockByClient); otherwise
 * the same steps with the registry's public methods.
 */
interface UnblockCapable {
  unblockByClient?: (c: Client, how: 'timeout' | 'error') => void;
}

/** CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 if that client was blocked and is now released. */
function unblock(c: Client, argv: string[]): void {
  if (argv.length > 4) return c.out.error(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try CLIENT HELP.`);
  let how: 'timeout' | 'error' = 'timeout';
  if (argv.length === 4) {
    if (isOpt(argv[3], 'timeout')) how = 'timeout';
    else if (isOpt(argv[3], 'error')) how = 'error';
    else return c.out.error('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
  }
  const id = parseInt64(argv[2]);
  if (id === null) return c.out.error(NOT_INTEGER);
  const t = c.server.clients.get(Number(id));
  if (t === undefined || t.blocked === null) return c.out.int(0);
  const blocking = c.server.blocking as typeof c.server.blocking & UnblockCapable;
  if (typeof blocking.unblockByClient === 'function') {
    blocking.unblockByClient(t, how);
  } else if (how === 'timeout') {
    blocking.timeout(t);
  } else {
    blocking.unblock(t);
    t.out.error('UNBLOCKED client unblocked via CLIENT UNBLOCK');
    c.server.scheduleFlush(t);
    // Run what the client pipelined behind its blocking command, as a timeout would.
    setImmediate(() => {
      if (t.closed || t.blocked !== null) return;
      t.processInput();
      t.flush();
    });
  }
  c.out.int(1);
}

function noEvict(c: Client, argv: string[]): void {
  if (isOpt(argv[2], 'on')) c.noEvict = true;
  else if (isOpt(argv[2], 'off')) c.noEvict = false;
  else return c.out.error(SYNTAX);
  c.out.ok();
}

/** CLIENT NO-TOUCH ON|OFF (Redis 7.2): recorded for OBJECT IDLETIME / FREQ readers; flag T in CLIENT LIST. */
function noTouch(c: Client, argv: string[]): void {
  if (isOpt(argv[2], 'on')) c.noTouch = true;
  else if (isOpt(argv[2], 'off')) c.noTouch = false;
  else return c.out.error(SYNTAX);
  c.out.ok();
}

/** CLIENT SETINFO LIB-NAME|LIB-VER value (Redis 7.2): shown as lib-name= / lib-ver= in CLIENT LIST. */
function setInfo(c: Client, argv: string[]): void {
  const attr = argv[2];
  const value = argv[3];
  const isName = isOpt(attr, 'lib-name');
  if (!isName && !isOpt(attr, 'lib-ver')) return c.out.error(`ERR Unrecognized option '${attr}'`);
  if (!validClientName(value)) return c.out.error(`ERR ${attr} cannot contain spaces, newlines or special characters.`);
  if (isName) c.libName = value;
  else c.libVer = value;
  c.out.ok();
}

/** Tracking is never enabled in Respite: no redirection. */
function getRedir(c: Client): void {
  c.out.int(-1);
}

/** Tracking is never enabled in Respite: flags [off], redirect -1, no prefixes. */
function trackingInfo(c: Client): void {
  c.out.map(3);
  c.out.bulk('flags');
  c.out.set(1);
  c.out.bulk('off');
  c.out.bulk('redirect');
  c.out.int(-1);
  c.out.bulk('prefixes');
  c.out.array(0);
}

const HELP = [
  'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CACHING (YES|NO)',
  '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
  'GETREDIR',
  '    Return the client ID we are redirecting to when tracking is enabled.',
  'GETNAME',
  '    Return the name of the current connection.',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made from the specified address',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made to specified local address',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Kill connections by type.',
  '    * USER <username>',
  '      Kill connections authenticated by <username>.',
  '    * SKIPME (YES|NO)',
  '      Skip killing current connection (default: yes).',
  'LIST [options ...]',
  '    Return information about client connections. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Return clients of specified type.',
  'UNPAUSE',
  '    Stop the current client pause, resuming traffic.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Suspend all, or just write, clients for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Control the replies sent to the current connection.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Unblock the specified blocked client.',
  'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
  '         [OPTIN] [OPTOUT] [NOLOOP]',
  '    Control server assisted client side caching.',
  'TRACKINGINFO',
  '    Report tracking status for the current connection.',
  'NO-EVICT (ON|OFF)',
  '    Protect current client connection from eviction.',
  'HELP',
  '    Prints this help.',
];

/** Writes a HELP reply: an array of simple strings, as Redis's addReplyHelp. */
export function writeHelp(c: Client, lines: readonly string[]): void {
  c.out.array(lines.length);
  for (const l of lines) c.out.simple(l);
}

function help(c: Client): void {
  writeHelp(c, HELP);
}
