/**
 * What every stored value is: a latin1 string (Redis strings, stored as the JS string itself so 1M
 * small keys cost no wrapper object) or a collection object of one of the families below.
 */
export type CollectionType = 'list' | 'hash' | 'set' | 'zset';

/** A collection value (list, hash, set, zset). Each family implements it in its own file here. */
export interface Collection {
  readonly type: CollectionType;
  /** Number of elements; a collection at 0 is removed from the keyspace. */
  size(): number;
  /** OBJECT ENCODING's answer (listpack, intset, hashtable, quicklist, skiplist). */
  encoding(): string;
  /** A deep copy, for COPY. */
  clone(): Collection;
}

export type Value = string | Collection;

/** TYPE's answer for a value. */
export function typeOf(v: Value): 'string' | CollectionType {
  return typeof v === 'string' ? 'string' : v.type;
}
