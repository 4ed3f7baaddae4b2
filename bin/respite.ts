#!/usr/bin/env node
/**
 * The `respite` command: a redis-server style front end. `respite [config-file] [--param value…]`,
 * 127.0.0.1:6379 by default; `--port 0` picks a free port and prints it. SIGINT / SIGTERM / SHUTDOWN
 * exit cleanly; unknown or invalid flags print a clear message and exit 1.
 */
import * as fs from 'fs';
import { Config, ConfigError, parseConfigFile } from '../src/config';
import { Clock } from '../src/clock';
import { Server } from '../src/server';

const VERSION = require('../../package.json').version as string;

function usage(): string {
  return [
    'Usage: respite [/path/to/redis.conf] [--param value ...]',
    '       respite --port 6380 --bind 127.0.0.1 --requirepass secret',
    '       respite --port 0          (pick a free port and print it)',
    '       respite -v | --version',
    '       respite -h | --help',
  ].join('\n');
}

/** Splits argv into [name, value] pairs: each --name takes every following word up to the next --flag. */
export function parseArgs(args: string[]): { file: string | null; pairs: Array<[string, string]> } {
  let i = 0;
  let file: string | null = null;
  if (args.length > 0 && !args[0].startsWith('--')) file = args[i++];
  const pairs: Array<[string, string]> = [];
  while (i < args.length) {
    const a = args[i++];
    if (!a.startsWith('--') || a.length === 2) throw new ConfigError(`Invalid argument '${a}': expected --name value`);
    const words: string[] = [];
    while (i < args.length && !(args[i].startsWith('--') && args[i].length > 2)) words.push(args[i++]);
    pairs.push([a.slice(2).toLowerCase(), words.join(' ')]);
  }
  return { file, pairs };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('-v') || args.includes('--version')) {
    console.log(`Respite server v=${VERSION} (Redis 7.0.15 compatible) node=${process.version}`);
    return;
  }
  if (args.includes('-h') || args.includes('--help')) {
    console.log(usage());
    return;
  }
  const config = new Config();
  try {
    const { file, pairs } = parseArgs(args);
    const all: Array<[string, string]> = [];
    if (file !== null) all.push(...parseConfigFile(fs.readFileSync(file, 'latin1')));
    all.push(...pairs);
    // Later settings win, as in redis-server; validate each so the message names the culprit.
    for (const [name, value] of all) {
      try {
        config.setMany([[name, value]], true);
      } catch (e) {
        throw new ConfigError(`Bad directive or wrong number of arguments: '${name} ${value}': ${(e as Error).message}`);
      }
    }
  } catch (e) {
    process.stderr.write(`*** FATAL CONFIG ERROR (Respite) ***\n${(e as Error).message}\n\n${usage()}\n`);
    process.exit(1);
  }
  const server = new Server(config, new Clock());
  server.logSink = (line) => process.stdout.write(line + '\n');
  server.log('notice', `Respite ${VERSION} (Redis 7.0.15 compatible) starting, pid=${process.pid}`);
  try {
    await server.listen();
  } catch (e) {
    server.log('warning', `Could not listen on ${config.get('bind')}:${config.get('port')}: ${(e as Error).message}`);
    process.exit(1);
  }
  server.log('notice', `Server initialized`);
  server.log('notice', `Ready to accept connections tcp on ${server.address}`);
  if (config.getInt('port') === 0) process.stdout.write(`port ${server.port}\n`);
  let exiting = false;
  const shutdown = (why: string) => {
    if (exiting) return;
    exiting = true;
    server.log('warning', `${why}: shutting down.`);
    void server.stop().then(() => {
      server.log('warning', 'Respite is now ready to exit, bye bye...');
      process.exit(0);
    });
  };
  server.onShutdown = () => shutdown('SHUTDOWN received');
  process.on('SIGINT', () => shutdown('Received SIGINT scheduling shutdown'));
  process.on('SIGTERM', () => shutdown('Received SIGTERM scheduling shutdown'));
}

if (require.main === module) void main();
