/**
 * Redis's glob matching (util.c stringmatchlen), shared by KEYS, SCAN MATCH, PSUBSCRIBE, PUBSUB
 * CHANNELS and CONFIG GET: `*`, `?`, `[abc]`, `[^a]`, `[a-z]`, and `\` escapes; binary-safe on latin1.
 */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  return matchAt(pattern, 0, str, 0, nocase, 0) === 1;
}

// 1 = match, 0 = no match, -1 = no match and no later position can match (Redis's skipLongerMatches).
function matchAt(p: string, pi: number, s: string, si: number, nocase: boolean, nesting: number): number {
  // Redis bounds recursion depth the same way to stop patterns like a*a*a*… from exploding.
  if (nesting > 1000) return -1;
  const plen = p.length;
  const slen = s.length;
  while (pi < plen && si < slen) {
    const c = p.charCodeAt(pi);
    switch (c) {
      case 42: /* '*' */ {
        while (pi + 1 < plen && p.charCodeAt(pi + 1) === 42) pi++;
        if (pi + 1 === plen) return 1;
        for (; si < slen; si++) {
          const r = matchAt(p, pi + 1, s, si, nocase, nesting + 1);
          if (r === 1) return 1;
          if (r === -1) return -1;
        }
        return -1;
      }
      case 63: /* '?' */
        si++;
        break;
      case 91: /* '[' */ {
        pi++;
        const not = pi < plen && p.charCodeAt(pi) === 94; /* '^' */
        if (not) pi++;
        let match = false;
        const sc = fold(s.charCodeAt(si), nocase);
        for (;;) {
          if (pi < plen && p.charCodeAt(pi) === 92 /* '\\' */ && pi + 1 < plen) {
            pi++;
            if (fold(p.charCodeAt(pi), nocase) === sc) match = true;
          } else if (pi >= plen || p.charCodeAt(pi) === 93 /* ']' */) {
            break;
          } else if (pi + 2 < plen && p.charCodeAt(pi + 1) === 45 /* '-' */) {
            // As Redis: bytes compare as C's signed char (0x80-0xff below 0), swapped before folding.
            let start = signed(p.charCodeAt(pi));
            let end = signed(p.charCodeAt(pi + 2));
            if (start > end) [start, end] = [end, start];
            start = fold(start, nocase);
            end = fold(end, nocase);
            const c = fold(signed(s.charCodeAt(si)), nocase);
            pi += 2;
            if (c >= start && c <= end) match = true;
          } else if (fold(p.charCodeAt(pi), nocase) === sc) {
            match = true;
          }
          pi++;
        }
        // Redis: an unterminated class leaves the pattern pointer at its end.
        if (pi >= plen) pi = plen - 1;
        if (not) match = !match;
        if (!match) return 0;
        si++;
        break;
      }
      default:
        if (c === 92 /* '\\' */ && pi + 1 < plen) pi++;
        if (fold(p.charCodeAt(pi), nocase) !== fold(s.charCodeAt(si), nocase)) return 0;
        si++;
        break;
    }
    pi++;
    if (si === slen) {
      while (pi < plen && p.charCodeAt(pi) === 42) pi++;
      break;
    }
  }
  return pi === plen && si === slen ? 1 : 0;
}

/** A latin1 byte as C's (signed) char: Redis's ranges compare `const char` values. */
function signed(c: number): number {
  return c > 127 && c < 256 ? c - 256 : c;
}

function fold(c: number, nocase: boolean): number {
  return nocase && c >= 65 && c <= 90 ? c + 32 : c;
}
