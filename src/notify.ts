/**
 * Keyspace notification classes (notify-keyspace-events), as Redis's NOTIFY_* flags, and the
 * conversion between the flag string and the bit set.
 */
export const NOTIFY = {
  KEYSPACE: 1 << 0, // K
  KEYEVENT: 1 << 1, // E
  GENERIC: 1 << 2, // g
  STRING: 1 << 3, // $
  LIST: 1 << 4, // l
  SET: 1 << 5, // s
  HASH: 1 << 6, // h
  ZSET: 1 << 7, // z
  EXPIRED: 1 << 8, // x
  EVICTED: 1 << 9, // e
  STREAM: 1 << 10, // t
  KEY_MISS: 1 << 11, // m
  LOADED: 1 << 12, // module only
  MODULE: 1 << 13, // d
  NEW: 1 << 14, // n
} as const;

/** 'A': every class but m and n, as in Redis. */
const ALL =
  NOTIFY.GENERIC | NOTIFY.STRING | NOTIFY.LIST | NOTIFY.SET | NOTIFY.HASH | NOTIFY.ZSET |
  NOTIFY.EXPIRED | NOTIFY.EVICTED | NOTIFY.STREAM | NOTIFY.MODULE;

const LETTERS: Array<[string, number]> = [
  ['g', NOTIFY.GENERIC], ['$', NOTIFY.STRING], ['l', NOTIFY.LIST], ['s', NOTIFY.SET],
  ['h', NOTIFY.HASH], ['z', NOTIFY.ZSET], ['x', NOTIFY.EXPIRED], ['e', NOTIFY.EVICTED],
  ['K', NOTIFY.KEYSPACE], ['E', NOTIFY.KEYEVENT], ['t', NOTIFY.STREAM], ['m', NOTIFY.KEY_MISS],
  ['d', NOTIFY.MODULE], ['n', NOTIFY.NEW],
];

/** Parses a notify-keyspace-events string; null if it has an unknown letter. */
export function parseNotifyFlags(s: string): number | null {
  let flags = 0;
  for (const ch of s) {
    if (ch === 'A') {
      flags |= ALL;
      continue;
    }
    const entry = LETTERS.find(([l]) => l === ch);
    if (entry === undefined) return null;
    flags |= entry[1];
  }
  return flags;
}

/** The canonical flag string CONFIG GET reports for a bit set (Redis's keyspaceEventsFlagsToString). */
export function notifyFlagsToString(flags: number): string {
  let s = '';
  if ((flags & ALL) === ALL) s += 'A';
  else for (const [l, f] of LETTERS.slice(0, 8)) if (flags & f) s += l;
  if (flags & NOTIFY.KEYSPACE) s += 'K';
  if (flags & NOTIFY.KEYEVENT) s += 'E';
  if ((flags & ALL) !== ALL) {
    if (flags & NOTIFY.STREAM) s += 't';
    if (flags & NOTIFY.MODULE) s += 'd';
  }
  if (flags & NOTIFY.KEY_MISS) s += 'm';
  if (flags & NOTIFY.NEW) s += 'n';
  return s;
}
