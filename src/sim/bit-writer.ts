/**
 * An MSB-first bit writer over a `Uint8Array`, and the AIS 6-bit payload armour, for encoding
 * AIS messages (ITU-R M.1371-5 Annex 8; IEC 61162-1 §7.3.4 for the armour).
 *
 * Bits are written most significant first, as AIS transmits them. Values are checked against
 * their field width, so an encoder bug throws at once instead of corrupting a neighbour field.
 *
 * @module
 */

/** A finished bit string: `bitLength` bits, MSB first, in `bytes` (extra bytes are zero). */
export interface AisBits {
  readonly bytes: Uint8Array;
  readonly bitLength: number;
}

/** Payload armour: 6-bit value → character ('0'..'W' for 0..39, '`'..'w' for 40..63). */
const ARMOUR: readonly string[] = Array.from({ length: 64 }, (_, v) => String.fromCharCode(v < 40 ? v + 48 : v + 56));

/**
 * AIS 6-bit text ("sixbit ASCII"): char code → 6-bit value, for codes 0..127.
 * '@'..'_' are 0..31 and ' '..'?' are 32..63; lower case is folded to upper case;
 * anything else becomes '?' (63), as there is no escape in the alphabet.
 */
const SIXBIT_OF_CHAR: Uint8Array = (() => {
  const table = new Uint8Array(128).fill(63);
  for (let c = 32; c < 64; c++) table[c] = c;
  for (let c = 64; c < 96; c++) table[c] = c - 64;
  for (let c = 97; c < 123; c++) table[c] = c - 96;
  return table;
})();

/** The 6-bit text padding character '@' (value 0), which decoders strip. */
const SIXBIT_PAD = 0;

/** 2^n for n = 0..32, so that range checks do not call Math.pow per field. */
const POW2: readonly number[] = Array.from({ length: 33 }, (_, n) => 2 ** n);

/**
 * Writes fields of 1..32 bits, MSB first.
 * @example
 * const w = new BitWriter(168);
 * w.writeUint(1, 6); w.writeUint(0, 2); w.writeUint(272123456, 30);
 * armour(w).payload // '143Q6@0' (type 1, repeat 0, MMSI 272123456)
 */
export class BitWriter implements AisBits {
  /** Backing store, one spare byte so that armouring may read two bytes at a time. */
  readonly bytes: Uint8Array;
  readonly capacityBits: number;
  #pos = 0;

  /** @param capacityBits the most bits this writer will hold */
  constructor(capacityBits: number) {
    if (!Number.isInteger(capacityBits) || capacityBits <= 0) {
      throw new RangeError(`BitWriter capacity must be a positive integer of bits, got ${capacityBits}.`);
    }
    this.capacityBits = capacityBits;
    this.bytes = new Uint8Array((capacityBits >>> 3) + 2);
  }

  /** Bits written so far. */
  get bitLength(): number {
    return this.#pos;
  }

  /** Forgets what was written, so the writer can be reused without allocating. */
  reset(): this {
    this.bytes.fill(0);
    this.#pos = 0;
    return this;
  }

  /**
   * Writes an unsigned integer in `bits` bits.
   * @throws RangeError when the value is not an integer in [0, 2^bits) or the writer is full
   */
  writeUint(value: number, bits: number): this {
    if (!(value >= 0 && value < (POW2[bits] ?? 0) && Math.floor(value) === value)) {
      throw new RangeError(`Value ${value} does not fit an unsigned ${bits}-bit field.`);
    }
    return this.#write(value >>> 0, bits);
  }

  /**
   * Writes a signed integer in `bits` bits, two's complement.
   * @throws RangeError when the value is not an integer in [-2^(bits-1), 2^(bits-1))
   */
  writeInt(value: number, bits: number): this {
    const half = POW2[bits - 1] ?? 0;
    if (!(value >= -half && value < half && Math.floor(value) === value)) {
      throw new RangeError(`Value ${value} does not fit a signed ${bits}-bit field.`);
    }
    return this.#write(value >>> 0, bits);
  }

  /** Writes one bit. */
  writeBool(value: boolean): this {
    return this.#write(value ? 1 : 0, 1);
  }

  /**
   * Writes `chars` characters of AIS 6-bit text (6 bits each), truncating longer text and
   * padding shorter text with '@'.
   */
  writeText(text: string, chars: number): this {
    const n = Math.min(text.length, chars);
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      this.#write(code < 128 ? (SIXBIT_OF_CHAR[code] as number) : 63, 6);
    }
    for (let i = n; i < chars; i++) this.#write(SIXBIT_PAD, 6);
    return this;
  }

  /** Writes `bits` zero bits (spare fields). */
  skip(bits: number): this {
    if (this.#pos + bits > this.capacityBits) this.#overflow(bits);
    this.#pos += bits;
    return this;
  }

  /** `value` holds the field's bits in its low `bits` bits (any higher bits are ignored). */
  #write(value: number, bits: number): this {
    if (bits < 1 || bits > 32) throw new RangeError(`Field width must be 1..32 bits, got ${bits}.`);
    if (this.#pos + bits > this.capacityBits) this.#overflow(bits);
    const bytes = this.bytes;
    let remaining = bits;
    while (remaining > 0) {
      const offset = this.#pos & 7;
      const take = Math.min(8 - offset, remaining);
      const chunk = (value >>> (remaining - take)) & ((1 << take) - 1);
      bytes[this.#pos >>> 3] = (bytes[this.#pos >>> 3] as number) | (chunk << (8 - offset - take));
      this.#pos += take;
      remaining -= take;
    }
    return this;
  }

  #overflow(bits: number): never {
    throw new RangeError(`BitWriter overflow: ${this.#pos} + ${bits} bits exceeds its capacity of ${this.capacityBits}.`);
  }
}

/**
 * Reads `bits` (1..32) bits at `offset` from an MSB-first bit string; the inverse of
 * {@link BitWriter.writeUint}, for tests and the armour.
 */
export function readUint(bytes: Uint8Array, offset: number, bits: number): number {
  let value = 0;
  for (let i = 0; i < bits; i++) {
    const p = offset + i;
    value = value * 2 + (((bytes[p >>> 3] ?? 0) >>> (7 - (p & 7))) & 1);
  }
  return value;
}

/** An armoured payload and the number of fill bits added to end on a 6-bit boundary. */
export interface ArmouredPayload {
  /** Characters of the NMEA payload field. */
  payload: string;
  /** 0..5 zero bits appended to the last character. */
  fillBits: number;
}

/**
 * Armours a bit string as AIS payload characters, 6 bits per character, padding the last
 * character with zero fill bits.
 * @example armour(encodePositionReportA(report)) // { payload: '143Q6@001i2<hjPJVPt7oVDL0000', fillBits: 0 }
 */
export function armour(bits: AisBits): ArmouredPayload {
  const { bytes, bitLength } = bits;
  const chars = Math.ceil(bitLength / 6);
  let payload = '';
  for (let i = 0; i < chars; i++) {
    const p = i * 6;
    const byte = p >>> 3;
    const pair = ((bytes[byte] as number) << 8) | (bytes[byte + 1] ?? 0);
    payload += ARMOUR[(pair >>> (10 - (p & 7))) & 63] as string;
  }
  // Bits past bitLength may hold garbage only if a caller wrote there directly; mask them.
  const fillBits = chars * 6 - bitLength;
  if (fillBits > 0 && chars > 0) {
    const last = payload.charCodeAt(chars - 1);
    const value = (last - 48 < 40 ? last - 48 : last - 56) & (63 << fillBits) & 63;
    payload = payload.slice(0, -1) + (ARMOUR[value] as string);
  }
  return { payload, fillBits };
}
