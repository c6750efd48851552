import { MAX_TIME_MS } from '../field-values.js';

/**
 * NMEA 4.0 / IEC 61162-450 tag block: `\s:rcv1,c:1742860800,g:1-2-42*5A\` before a sentence.
 * Fields used: `s:` source, `c:` time (Unix seconds, or milliseconds when over 10^11), `g:`
 * sentence group (number-count-id).
 */
export interface TagBlock {
  source: string | undefined;
  timeMs: number | undefined;
  groupId: string | undefined;
  groupIndex: number;
  groupCount: number;
  /** False when the block carries a checksum that does not match (kept, counted: some receivers write `*00`). */
  checksumOk: boolean;
}

/** Unix time value → milliseconds (SPEC "Line timestamps": milliseconds when over 10^11). */
export function unixToMs(value: number): number {
  return value > 1e11 ? value : value * 1000;
}

/**
 * Unsigned decimal integer in `line[start..end)` of at most `maxDigits` digits; -1 when empty,
 * too long or not all digits. Allocation-free (the decoder's hot path).
 */
export function readDigits(line: string, start: number, end: number, maxDigits: number): number {
  if (end <= start || end - start > maxDigits) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = line.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Two hex digits at `at` → 0–255, or -1. */
export function readHex2(line: string, at: number): number {
  const hi = hexValue(line.charCodeAt(at));
  const lo = hexValue(line.charCodeAt(at + 1));
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/** Parses the tag block between `start` (after the opening backslash) and `end` (the closing one). Returns an error detail string on malformed input. */
export function parseTagBlock(line: string, start: number, end: number): TagBlock | string {
  const block: TagBlock = { source: undefined, timeMs: undefined, groupId: undefined, groupIndex: 0, groupCount: 0, checksumOk: true };
  let bodyEnd = end;
  // The checksum star is near the end: search backwards by hand (lastIndexOf is a runtime call).
  let star = end - 1;
  while (star >= start && line.charCodeAt(star) !== 42) star--;
  if (star >= start) {
    bodyEnd = star;
    const expected = readHex2(line, star + 1);
    let sum = 0;
    for (let i = start; i < star; i++) sum ^= line.charCodeAt(i);
    block.checksumOk = expected === sum;
  }
  let i = start;
  while (i < bodyEnd) {
    let comma = line.indexOf(',', i);
    if (comma < 0 || comma > bodyEnd) comma = bodyEnd;
    if (line.charCodeAt(i + 1) !== 58 /* : */) return `tag block field "${line.slice(i, comma)}" has no key`;
    const key = line.charCodeAt(i);
    if (key === 99 /* c */) {
      let n = readDigits(line, i + 2, comma, 16);
      if (n < 0 && comma > i + 2) n = Number(line.slice(i + 2, comma)); // fractional seconds
      // `Number` also reads `1e20` and `Infinity`: times a Date cannot hold are not times (fuzzing, issue 15).
      if (!(n >= 0) || !(unixToMs(n) <= MAX_TIME_MS)) return `tag block time "${line.slice(i, comma)}" is not a number`;
      block.timeMs = unixToMs(n);
    } else if (key === 115 /* s */) {
      block.source = line.slice(i + 2, comma);
    } else if (key === 103 /* g */) {
      const value = line.slice(i + 2, comma);
      const parts = value.split('-');
      const index = Number(parts[0]);
      const count = Number(parts[1]);
      if (parts.length !== 3 || !Number.isInteger(index) || !Number.isInteger(count) || !(index >= 1) || !(count >= index) || parts[2] === '') return `tag block group "g:${value}" is not n-m-id`;
      block.groupIndex = index;
      block.groupCount = count;
      block.groupId = parts[2];
    }
    i = comma + 1;
  }
  return block;
}
