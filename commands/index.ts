/**
 * Assembles the one command table from the family modules. Each family file starts with its table
 * entries; nothing about a command lives anywhere but its entry and its handler.
 */
import type { CommandSpec } from '../src/command';
import { commands as connection } from './connection';
import { commands as server } from './server';
import { commands as client } from './client';
import { commands as config } from './config';
import { commands as info } from './info';
import { commands as introspection } from './introspection';
import { commands as strings } from './strings';
import { commands as bits } from './bits';
import { commands as bitfield } from './bitfield';
import { commands as counters } from './counters';
import { commands as lcs } from './lcs';
import { commands as keys } from './keys';
import { commands as ttl } from './ttl';
import { commands as object } from './object';
import { commands as hashes } from './hashes';
import { commands as sets } from './sets';
import { commands as setops } from './setops';
import { commands as lists } from './lists';
import { commands as blockingLists } from './blocking-lists';
import { commands as zsets } from './zsets';
import { commands as pubsub } from './pubsub';
import { commands as transactions } from './transactions';
import { commands as sort } from './sort';

export const FAMILIES: CommandSpec[][] = [connection, client, server, config, info, introspection, strings, counters, lcs, bits, bitfield, keys, ttl, object, hashes, sets, setops, lists, blockingLists, zsets, pubsub, transactions, sort];

export class CommandTable {
  /** Entries by lowercase and uppercase name, so the common spellings need no case folding. */
  private byName = new Map<string, CommandSpec>();
  private subs = new Map<CommandSpec, Map<string, CommandSpec>>();
  readonly all: CommandSpec[] = [];

  add(spec: CommandSpec): void {
    if (this.byName.has(spec.name)) throw new Error(`duplicate command ${spec.name}`);
    this.all.push(spec);
    this.byName.set(spec.name, spec);
    this.byName.set(spec.name.toUpperCase(), spec);
    if (spec.subcommands) {
      const m = new Map<string, CommandSpec>();
      for (const sub of spec.subcommands) m.set(sub.name.slice(sub.name.indexOf('|') + 1), sub);
      this.subs.set(spec, m);
    }
  }

  /** The entry for a command name in any case. */
  lookup(name: string): CommandSpec | undefined {
    return this.byName.get(name) ?? this.byName.get(name.toLowerCase());
  }

  /** The subcommand entry of a container command (CONFIG GET, CLIENT ID…). */
  lookupSub(spec: CommandSpec, sub: string): CommandSpec | undefined {
    return this.subs.get(spec)?.get(sub.toLowerCase());
  }
}

/** Builds the table from every family module. */
export function buildCommandTable(): CommandTable {
  const table = new CommandTable();
  for (const family of FAMILIES) for (const spec of family) table.add(spec);
  return table;
}
