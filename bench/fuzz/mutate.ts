/**
 * Mutations of text inputs for the fuzzer, drawn from a seeded PRNG so that a run is
 * reproducible from its seed. Inputs are JS strings (the parsers take strings), so "bytes"
 * are UTF-16 code units: a flip can make any code unit, lone surrogates included.
 *
 * The mutators are the classic ones of AFL/libFuzzer (bit and byte flips, inserts, deletes,
 * duplicated and swapped ranges, interesting numbers, splices with another corpus entry,
 * dictionary tokens) plus line-level ones, since every target reads lines or documents.
 */
import { mulberry32 } from '../../src/sim/prng.js';

/** Longest input a mutation may produce, characters: above the decoders' line limits, far below what makes a run slow. */
export const MAX_INPUT_CHARS = 16_384;

/** Numbers that sit on edges: zero, signs, powers of two, float limits, overflowing exponents, spellings `Number()` accepts. */
const INTERESTING_NUMBERS = [
  '0', '-0', '1', '-1', '9', '10', '59', '60', '61', '90', '91', '180', '181', '360', '361', '127', '128', '255', '256',
  '32767', '65535', '65536', '2147483647', '4294967296', '9007199254740993', '1e308', '1e309', '-1e309', '1e-400',
  'NaN', 'Infinity', '-Infinity', '0x1f', '1_000', '.5', '5.', '00', '1e3', '+1', '١٢', '99999999999999999999',
];

/** Characters that matter to one parser or another. */
const SPECIAL_CHARS = ',\\*!$:;"\'{}[]|\n\r\t \u0000\u00a0\u202e\ufeff\ud800-.#/=&?%';

export class Mutator {
  private readonly next: () => number;

  /** @param dictionary tokens of the target's format, inserted or overwritten as units */
  constructor(seed: number, private readonly dictionary: readonly string[]) {
    this.next = mulberry32(seed);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /**
   * One mutant of `input`: 1 to 8 stacked mutations (fewer are likelier, as in AFL's havoc
   * stage); `other` is a second corpus entry for splices.
   */
  mutate(input: string, other: string): string {
    let s = input;
    const stack = 1 << this.int(4);
    for (let i = 0; i < stack; i++) s = this.once(s, other);
    return s.length > MAX_INPUT_CHARS ? s.slice(0, MAX_INPUT_CHARS) : s;
  }

  private once(s: string, other: string): string {
    const n = s.length;
    const at = this.int(n + 1);
    switch (this.int(16)) {
      case 0: { // flip one bit of a code unit
        if (n === 0) return s;
        const i = Math.min(at, n - 1);
        return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << this.int(8))) + s.slice(i + 1);
      }
      case 1: { // replace a code unit by a random one (mostly ASCII)
        if (n === 0) return s;
        const i = Math.min(at, n - 1);
        return s.slice(0, i) + this.randomChar() + s.slice(i + 1);
      }
      case 2: // insert random characters
        return s.slice(0, at) + this.randomChars(1 + this.int(4)) + s.slice(at);
      case 3: { // delete a range
        const len = 1 + this.int(Math.min(16, Math.max(1, n - at)));
        return s.slice(0, at) + s.slice(at + len);
      }
      case 4: { // duplicate a range in place
        const len = 1 + this.int(32);
        const part = s.slice(at, at + len);
        return s.slice(0, at) + part.repeat(1 + this.int(this.chance(0.05) ? 64 : 4)) + s.slice(at);
      }
      case 5: case 6: // insert a dictionary token
        return this.dictionary.length === 0 ? s : s.slice(0, at) + this.pick(this.dictionary) + s.slice(at);
      case 7: { // overwrite with a dictionary token
        if (this.dictionary.length === 0) return s;
        const t = this.pick(this.dictionary);
        return s.slice(0, at) + t + s.slice(at + t.length);
      }
      case 8: case 9: // replace a number by an interesting one
        return this.replaceNumber(s);
      case 10: { // splice: a head of this input and a tail of the other
        const j = this.int(other.length + 1);
        return this.chance(0.5) ? s.slice(0, at) + other.slice(j) : other.slice(0, j) + s.slice(at);
      }
      case 11: { // insert a range of the other input
        const j = this.int(other.length + 1);
        return s.slice(0, at) + other.slice(j, j + 1 + this.int(64)) + s.slice(at);
      }
      case 12: { // replace the field between two separators
        return this.replaceField(s);
      }
      case 13: case 14: // line-level edits
        return this.editLines(s, other);
      default: { // truncate
        return s.slice(0, at);
      }
    }
  }

  private randomChar(): string {
    const r = this.int(10);
    if (r < 5) return String.fromCharCode(32 + this.int(95));
    if (r < 8) return SPECIAL_CHARS[this.int(SPECIAL_CHARS.length)]!;
    if (r < 9) return String.fromCharCode(this.int(32));
    return String.fromCharCode(this.int(0x10000));
  }

  private randomChars(k: number): string {
    let out = '';
    for (let i = 0; i < k; i++) out += this.randomChar();
    return out;
  }

  private replaceNumber(s: string): string {
    const spans: [number, number][] = [];
    const re = /-?\d+(\.\d+)?/g;
    for (let m = re.exec(s); m !== null && spans.length < 256; m = re.exec(s)) spans.push([m.index, m.index + m[0].length]);
    if (spans.length === 0) return s;
    const [a, b] = this.pick(spans);
    const old = s.slice(a, b);
    const r = this.int(4);
    const value = r === 0 ? this.pick(INTERESTING_NUMBERS)
      : r === 1 ? String(Number(old) + this.int(5) - 2)
        : r === 2 ? String(Number(old) * (this.chance(0.5) ? -1 : 1000))
          : old + old;
    return s.slice(0, a) + value + s.slice(b);
  }

  private replaceField(s: string): string {
    const seps = [',', ':', '"', '\t', ' ', '|', '\\', '*'];
    const sep = this.pick(seps);
    const parts = s.split(sep);
    if (parts.length < 2) return s;
    const i = this.int(parts.length);
    const r = this.int(4);
    parts[i] = r === 0 ? '' : r === 1 ? this.pick(INTERESTING_NUMBERS) : r === 2 && this.dictionary.length > 0 ? this.pick(this.dictionary) : parts[this.int(parts.length)]!;
    if (this.chance(0.2)) parts.splice(this.int(parts.length), 0, parts[i]!);
    return parts.join(sep);
  }

  private editLines(s: string, other: string): string {
    const lines = s.split('\n');
    const i = this.int(lines.length);
    switch (this.int(5)) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, lines[this.int(lines.length)]!); break;
      case 2: { const j = this.int(lines.length); [lines[i], lines[j]] = [lines[j]!, lines[i]!]; break; }
      case 3: { const o = other.split('\n'); lines.splice(i, 0, o[this.int(o.length)]!); break; }
      default: lines.splice(i, 0, ''); break;
    }
    return lines.join('\n');
  }
}

/**
 * Rewrites every NMEA checksum `*hh` to match its sentence, and every tag-block checksum to
 * match its block: without it nearly every mutant of an AIS line dies at the checksum and the
 * decoder behind it is never reached. Applied to a share of AIS mutants only, so that bad
 * checksums stay exercised.
 */
export function fixNmeaChecksums(input: string): string {
  return input.split('\n').map(fixLine).join('\n');
}

function fixLine(line: string): string {
  let out = line;
  // Tag blocks: \body*hh\ .
  out = out.replace(/\\([^\\*]*)\*[0-9A-Fa-f]{2}\\/g, (_m, body: string) => `\\${body}*${hex2(xor(body))}\\`);
  // Sentences: [!$]body*hh.
  out = out.replace(/([!$])([^!$*\\]*)\*[0-9A-Fa-f]{2}/g, (_m, lead: string, body: string) => `${lead}${body}*${hex2(xor(body))}`);
  return out;
}

function xor(s: string): number {
  let x = 0;
  for (let i = 0; i < s.length; i++) x ^= s.charCodeAt(i);
  return x & 0xff;
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
