/**
 * Redis's error texts, in one place (as fastify keeps its error codes). Handlers throw RedisError
 * (or return one of these texts through the reply writer); dispatch turns a thrown RedisError into
 * an error reply, so no exception ever escapes a connection.
 */
export class RedisError extends Error {
  constructor(message: string) {
    super(message);
  }
}

export const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const SYNTAX = 'ERR syntax error';
export const NOT_INTEGER = 'ERR value is not an integer or out of range';
export const NOT_FLOAT = 'ERR value is not a valid float';
export const OVERFLOW = 'ERR increment or decrement would overflow';
export const NO_SUCH_KEY = 'ERR no such key';
export const DB_INDEX = 'ERR DB index is out of range';
export const NOT_INT32 = 'ERR value is out of range, value must between -2147483648 and 2147483647';
export const SAME_OBJECT = 'ERR source and destination objects are the same';
export const NOAUTH = 'NOAUTH Authentication required.';
export const WRONGPASS = 'WRONGPASS invalid username-password pair or user is disabled.';
export const NOT_POSITIVE = 'ERR value is out of range, must be positive';
export const STRING_TOO_LONG = 'ERR string exceeds maximum allowed size (proto-max-bulk-len)';
export const INVALID_EXPIRE = (cmd: string) => `ERR invalid expire time in '${cmd}' command`;
export const TIMEOUT_NEGATIVE = 'ERR timeout is negative';
export const TIMEOUT_NOT_FLOAT = 'ERR timeout is not a float or out of range';
export const NAN_SCORE = 'ERR resulting score is not a number (NaN)';
export const EXECABORT = 'EXECABORT Transaction discarded because of previous errors.';

export const wrongArity = (name: string) => `ERR wrong number of arguments for '${name}' command`;
export const unknownSubcommand = (sub: string, cmd: string) =>
  `ERR unknown subcommand '${truncate(sub)}'. Try ${cmd.toUpperCase()} HELP.`;

/** Redis's text for an unknown command: name and the first arguments, each quoted, capped at 128 chars. */
export function unknownCommand(argv: string[]): string {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${cString(argv[i]).slice(0, 128 - args.length)}' `;
  }
  return `ERR unknown command '${truncate(cString(argv[0]))}', with args beginning with: ${args}`;
}

/** A value as C's %s prints it: up to its first NUL byte (Redis formats user input into errors so). */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul === -1 ? s : s.slice(0, nul);
}

function truncate(s: string): string {
  return s.length > 128 ? s.slice(0, 128) : s;
}

/** Throws a RedisError; lets argument parsers read as one expression. */
export function fail(message: string): never {
  throw new RedisError(message);
}
