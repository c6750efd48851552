/**
 * Reads unsigned/signed integers and six-bit text from an armoured AIS payload
 * (ITU-R M.1371-5 §3.3.7; gpsd AIVDM.txt "AIVDM/AIVDO payload armoring").
 *
 * The payload is held as one six-bit value per byte in a reusable Uint8Array, so that a
 * multi-part payload is appended without building strings, and fields are read with shifts.
 */

/** ASCII code → six-bit value, -1 for characters outside the armour alphabet. */
const ARMOUR = new Int8Array(128).fill(-1);
for (let c = 48; c < 88; c++) ARMOUR[c] = c - 48;
for (let c = 96; c < 120; c++) ARMOUR[c] = c - 56;

/** Six-bit value → character of AIS six-bit ASCII text (Table 47). */
const SIXBIT_TEXT = '@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !"#$%&\'()*+,-./0123456789:;<=>?';

/** 2^n for n = 0…53: `2 ** n` with a variable n is a call into the C library's pow, measured at 4% of decoding. */
const POW2 = Float64Array.from({ length: 54 }, (_, n) => 2 ** n);

/** A payload can be at most 5 slots (1,008 bits → 168 six-bit characters); keep headroom. */
const MAX_SEXTETS = 256;

export class SixbitReader {
  private readonly sextets = new Uint8Array(MAX_SEXTETS);
  private count = 0;
  /** Number of valid payload bits (six per character, less the fill bits of the last part). */
  bitLength = 0;

  reset(): void {
    this.count = 0;
    this.bitLength = 0;
  }

  /**
   * Appends characters `line[start..end)` of an armoured payload and removes `fillBits` from
   * the bit count. Returns false on a character outside the armour alphabet or when the
   * payload would exceed the maximum message size (the reader is then to be reset).
   */
  append(line: string, start: number, end: number, fillBits: number): boolean {
    if (this.appendRun(line, start, end) !== end) return false;
    this.setFillBits(fillBits);
    return true;
  }

  /** XOR of the characters the last `appendRun` took (their share of the NMEA checksum). */
  runXor = 0;

  /**
   * Appends the armoured characters from `start` up to the first character outside the
   * alphabet, or `limit`: a payload read before its end is known. Returns where it stopped,
   * or -1 when the payload would exceed the maximum message size. `setFillBits` then sets the bit count.
   */
  appendRun(line: string, start: number, limit: number): number {
    const sextets = this.sextets;
    let count = this.count;
    let xor = 0;
    let i = start;
    for (; i < limit; i++) {
      const code = line.charCodeAt(i);
      const v = code < 128 ? ARMOUR[code]! : -1;
      if (v < 0) break;
      if (count === MAX_SEXTETS) return -1;
      sextets[count++] = v;
      xor ^= code;
    }
    this.count = count;
    this.runXor = xor;
    return i;
  }

  /** Sets the bit count from the sextets appended, less the fill bits of the last part. */
  setFillBits(fillBits: number): void {
    this.bitLength = this.count * 6 - fillBits;
  }

  /** Unsigned integer of `len` ≤ 48 bits from bit `start`; bits past the payload read as 0. */
  uint(start: number, len: number): number {
    const sextets = this.sextets;
    const limit = this.count;
    let idx = (start / 6) | 0;
    // The sextets covering the field, most significant first (at most 53 bits: exact in a double),
    // then the bits after the field dropped.
    let bits = 6 - (start - idx * 6);
    let acc = idx < limit ? sextets[idx]! & ((1 << bits) - 1) : 0;
    while (bits < len) {
      idx++;
      acc = acc * 64 + (idx < limit ? sextets[idx]! : 0);
      bits += 6;
    }
    return Math.floor(acc / (1 << (bits - len)));
  }

  /** Two's-complement signed integer of `len` ≤ 32 bits. */
  int(start: number, len: number): number {
    const u = this.uint(start, len);
    const half = POW2[len - 1]!;
    return u >= half ? u - POW2[len]! : u;
  }

  /**
   * Six-bit text of up to `chars` characters from bit `start`, cut at the first `@` and
   * trimmed of trailing spaces unless `trim` is false (as gpsd does). Returns '' when nothing remains.
   */
  text(start: number, chars: number, trim = true): string {
    let end = 0;
    let out = '';
    for (let i = 0; i < chars; i++) {
      const bit = start + i * 6;
      if (bit + 6 > this.bitLength) break;
      const v = this.uint(bit, 6);
      if (v === 0) break;
      out += SIXBIT_TEXT[v];
      if (v !== 32) end = out.length;
    }
    return !trim || end === out.length ? out : out.slice(0, end);
  }
}
