/**
 * LCS: the longest common subsequence of two string values, with Redis 7.0's table-based dynamic
 * programming and its exact walk back through the table, so ties between equally long answers
 * resolve to the same subsequence and the same match ranges as Redis.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, SYNTAX } from '../src/errors';
import { intArg, isOpt } from './args';
import { lookupRead } from './strings';

export const commands: CommandSpec[] = [
  command('lcs', -3, 'readonly', [1, 2, 1], 'string', 'Find longest common substring', lcs, {
    since: '7.0.0',
    complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively',
  }),
];

/** LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN] */
function lcs(c: Client, argv: string[]): void {
  const va = lookupRead(c, argv[1]);
  const vb = lookupRead(c, argv[2]);
  if ((va !== undefined && typeof va !== 'string') || (vb !== undefined && typeof vb !== 'string')) {
    fail('ERR The specified keys must contain string values');
  }
  const a = va ?? '';
  const b = vb ?? '';
  let getlen = false;
  let getidx = false;
  let withmatchlen = false;
  let minmatchlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j];
    if (isOpt(opt, 'idx')) getidx = true;
    else if (isOpt(opt, 'len')) getlen = true;
    else if (isOpt(opt, 'withmatchlen')) withmatchlen = true;
    else if (isOpt(opt, 'minmatchlen') && j < argv.length - 1) {
      minmatchlen = Math.max(0, intArg(argv[++j]));
    } else fail(SYNTAX);
  }
  if (getidx && getlen) fail('ERR If you want both the length and indexes, please just use IDX.');

  const alen = a.length;
  const blen = b.length;
  const width = blen + 1;
  const cells = (alen + 1) * width;
  if (cells * 4 > c.server.config.maxBulkLen) {
    fail('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
  }
  let table: Uint32Array;
  try {
    table = new Uint32Array(cells);
  } catch {
    fail('ERR Insufficient memory, failed allocating transient memory for LCS');
  }
  // table[i*width + j] = LCS length of a[0..i) and b[0..j); row 0 and column 0 stay 0.
  for (let i = 1; i <= alen; i++) {
    const ca = a.charCodeAt(i - 1);
    const row = i * width;
    const prev = row - width;
    for (let j = 1; j <= blen; j++) {
      if (ca === b.charCodeAt(j - 1)) table[row + j] = table[prev + j - 1] + 1;
      else {
        const up = table[prev + j];
        const left = table[row + j - 1];
        table[row + j] = up > left ? up : left;
      }
    }
  }
  const total = table[alen * width + blen];
  const out = c.out;
  if (getlen) {
    out.int(total);
    return;
  }

  // Walk back from the end as Redis does, collecting the subsequence and the contiguous ranges.
  const chars = Buffer.allocUnsafe(total);
  let idx = total;
  let ranges = '';
  let nranges = 0;
  let aStart = alen; // alen: no range in progress
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  let i = alen;
  let j = blen;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      chars[idx - 1] = a.charCodeAt(i - 1);
      if (aStart === alen) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      if (table[(i - 1) * width + j] > table[i * width + j - 1]) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (getidx && (minmatchlen === 0 || matchLen >= minmatchlen)) {
        ranges += '*' + (withmatchlen ? 3 : 2) + '\r\n';
        ranges += '*2\r\n:' + aStart + '\r\n:' + aEnd + '\r\n';
        ranges += '*2\r\n:' + bStart + '\r\n:' + bEnd + '\r\n';
        if (withmatchlen) ranges += ':' + matchLen + '\r\n';
        nranges++;
      }
      aStart = alen;
    }
  }
  if (getidx) {
    out.map(2);
    out.bulk('matches');
    out.array(nranges);
    out.raw(ranges);
    out.bulk('len');
    out.int(total);
  } else {
    out.bulk(chars.latin1Slice(0, total));
  }
}
