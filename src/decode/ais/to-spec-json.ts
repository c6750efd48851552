import type { AisMessage } from './ais-message.js';

/**
 * Where `writeSpecJson` puts its bytes: `buf[0..pos)` is written, and `reserve(n)` makes room
 * for `n` more bytes from `pos` (a writer hands the full buffer on and starts a new one).
 */
export interface ByteSink {
  buf: Uint8Array;
  pos: number;
  reserve(bytes: number): void;
}

/** Most bytes of a message's JSON besides its text fields: 13 keys and their numbers are under 300. */
const MAX_FIXED_BYTES = 512;

/** ASCII bytes of a key's prefix, e.g. `,"lat":`. */
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const K_TYPE = ascii('{"type":');
const K_MMSI = ascii(',"mmsi":');
const K_TIME = ascii(',"time":"');
const K_LAT = ascii(',"lat":');
const K_LON = ascii(',"lon":');
const K_SOG = ascii(',"sog":');
const K_COG = ascii(',"cog":');
const K_HEADING = ascii(',"heading":');
const K_NAV_STATUS = ascii(',"navStatus":');
const K_SHIP_TYPE = ascii(',"shipType":');
const K_IMO = ascii(',"imo":');
const K_CALLSIGN = ascii(',"callsign":');
const K_NAME = ascii(',"name":');
const K_DESTINATION = ascii(',"destination":');

/**
 * ISO 8601 times (`YYYY-MM-DDTHH:mm:ss.sssZ`, 24 bytes; longer past year 9999) by time, in a
 * small cache indexed by second: lines mostly share a second, but a feed's duplicates and
 * late lines, a second or a few behind, interleave with them (formatting a `Date` costs ~1 µs).
 */
const ISO_SLOTS = 8;
const isoTimes = new Float64Array(ISO_SLOTS).fill(NaN);
const isoBytes: Uint8Array[] = Array.from({ length: ISO_SLOTS }, () => new Uint8Array(32));
const isoLengths = new Uint8Array(ISO_SLOTS);

function putIso(sink: ByteSink, timeMs: number): void {
  const slot = Math.floor(timeMs / 1000) & (ISO_SLOTS - 1);
  let bytes = isoBytes[slot]!;
  if (isoTimes[slot] !== timeMs) {
    const iso = new Date(timeMs).toISOString();
    if (iso.length > bytes.length) isoBytes[slot] = bytes = new Uint8Array(iso.length);
    for (let i = 0; i < iso.length; i++) bytes[i] = iso.charCodeAt(i);
    isoLengths[slot] = iso.length;
    isoTimes[slot] = timeMs;
  }
  const buf = sink.buf;
  let pos = sink.pos;
  const n = isoLengths[slot]!;
  for (let i = 0; i < n; i++) buf[pos++] = bytes[i]!;
  sink.pos = pos;
}

/** Scratch digits of one integer, least significant first. */
const DIGITS = new Uint8Array(24);

/** Copies a few bytes (a loop: `TypedArray#set` costs more than it saves on a dozen bytes, measured). */
function put(sink: ByteSink, bytes: Uint8Array): void {
  const buf = sink.buf;
  let pos = sink.pos;
  for (let i = 0; i < bytes.length; i++) buf[pos++] = bytes[i]!;
  sink.pos = pos;
}

/** A non-negative safe integer's decimal digits (what `String(n)` writes for it). */
function putUint(sink: ByteSink, n: number): void {
  const buf = sink.buf;
  let pos = sink.pos;
  if (n < 10) {
    buf[pos] = 48 + n;
    sink.pos = pos + 1;
    return;
  }
  let k = 0;
  // Integer division while n fits 31 bits (MMSIs, IMO numbers: 30 bits), float division above.
  while (n > 0x7fffffff) {
    const q = Math.floor(n / 10);
    DIGITS[k++] = 48 + n - q * 10;
    n = q;
  }
  while (n > 0) {
    const q = (n / 10) | 0;
    DIGITS[k++] = 48 + n - q * 10;
    n = q;
  }
  while (k > 0) buf[pos++] = DIGITS[--k]!;
  sink.pos = pos;
}

/** An integer field as `String(n)` writes it (the byte-wise path for the usual non-negative safe integer). */
function putInteger(sink: ByteSink, n: number): void {
  if (n >= 0 && Number.isSafeInteger(n)) putUint(sink, n);
  else putAscii(sink, String(n));
}

/** An ASCII string's bytes (room already reserved). */
function putAscii(sink: ByteSink, s: string): void {
  const buf = sink.buf;
  let pos = sink.pos;
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  sink.pos = pos;
}

const encoder = new TextEncoder();

/**
 * A string as `JSON.stringify` writes it, in UTF-8. AIS text is six-bit ASCII, where only
 * `"` and `\` need escaping; anything else (control characters, non-ASCII) goes through
 * `JSON.stringify`.
 */
function putJsonString(sink: ByteSink, s: string): void {
  sink.reserve(s.length * 6 + 2);
  const buf = sink.buf;
  let pos = sink.pos;
  buf[pos++] = 34;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) {
      const quoted = JSON.stringify(s);
      pos = sink.pos + encoder.encodeInto(quoted, buf.subarray(sink.pos)).written;
      sink.pos = pos;
      return;
    }
    if (c === 34 || c === 92) buf[pos++] = 92;
    buf[pos++] = c;
  }
  buf[pos++] = 34;
  sink.pos = pos;
}

/**
 * A number that has at most `digits` decimals (positions are rounded to 1e-7°, speeds and
 * courses are tenths) written from its scaled integer: the same text as Number#toString for
 * those numbers (except that a tiny one stays in plain notation: −0.0000001, not −1e-7),
 * without the cost of the shortest-round-trip float algorithm, and straight into bytes.
 */
function putDecimal(sink: ByteSink, x: number, scale: number, digits: number): void {
  const n = Math.round(x * scale);
  const neg = n < 0;
  const a = neg ? -n : n;
  const int = Math.floor(a / scale);
  let frac = a - int * scale;
  if (frac === 0) {
    if (neg && int !== 0) sink.buf[sink.pos++] = 45;
    putUint(sink, int);
    return;
  }
  if (neg) sink.buf[sink.pos++] = 45;
  putUint(sink, int);
  let width = digits;
  // frac < scale ≤ 1e7: small integers from here on.
  frac |= 0;
  while (frac % 10 === 0) {
    frac = (frac / 10) | 0;
    width--;
  }
  const buf = sink.buf;
  let pos = sink.pos;
  buf[pos++] = 46;
  // `frac` has `width` digits with its leading zeros: written from the end.
  for (let i = width - 1; i >= 0; i--) {
    const q = (frac / 10) | 0;
    buf[pos + i] = 48 + frac - q * 10;
    frac = q;
  }
  sink.pos = pos + width;
}

/**
 * Writes the JSON object of one decoded message as `vigil decode` prints it, and a newline,
 * into `sink`: SPEC keys only, in SPEC order, absent when unknown; strings escaped as
 * `JSON.stringify` escapes them. Written as bytes — this is the hot path of `vigil decode`,
 * and building a string per message, then encoding it, was a third of its time.
 *
 * @example
 * writeSpecJson(msg, timeMs, sink) // sink.buf now ends with {"type":1,"mmsi":…}\n
 */
export function writeSpecJson(msg: AisMessage, timeMs: number | undefined, sink: ByteSink): void {
  sink.reserve(MAX_FIXED_BYTES);
  put(sink, K_TYPE);
  putInteger(sink, msg.type);
  put(sink, K_MMSI);
  putInteger(sink, msg.mmsi);
  if (timeMs !== undefined) {
    put(sink, K_TIME);
    putIso(sink, timeMs);
    sink.buf[sink.pos++] = 34;
  }
  if (msg.lat !== undefined) {
    put(sink, K_LAT);
    putDecimal(sink, msg.lat, 1e7, 7);
  }
  if (msg.lon !== undefined) {
    put(sink, K_LON);
    putDecimal(sink, msg.lon, 1e7, 7);
  }
  if (msg.sog !== undefined) {
    put(sink, K_SOG);
    putDecimal(sink, msg.sog, 10, 1);
  }
  if (msg.cog !== undefined) {
    put(sink, K_COG);
    putDecimal(sink, msg.cog, 10, 1);
  }
  if (msg.heading !== undefined) {
    put(sink, K_HEADING);
    putInteger(sink, msg.heading);
  }
  if (msg.navStatus !== undefined) {
    put(sink, K_NAV_STATUS);
    putInteger(sink, msg.navStatus);
  }
  if (msg.shipType !== undefined) {
    put(sink, K_SHIP_TYPE);
    putInteger(sink, msg.shipType);
  }
  if (msg.imo !== undefined) {
    put(sink, K_IMO);
    putInteger(sink, msg.imo);
  }
  if (msg.callsign !== undefined) {
    sink.reserve(K_CALLSIGN.length);
    put(sink, K_CALLSIGN);
    putJsonString(sink, msg.callsign);
  }
  if (msg.name !== undefined) {
    sink.reserve(K_NAME.length);
    put(sink, K_NAME);
    putJsonString(sink, msg.name);
  }
  if (msg.destination !== undefined) {
    sink.reserve(K_DESTINATION.length);
    put(sink, K_DESTINATION);
    putJsonString(sink, msg.destination);
  }
  sink.reserve(2);
  sink.buf[sink.pos++] = 125;
  sink.buf[sink.pos++] = 10;
}

/** A growable scratch sink for `toSpecJson`. */
const scratch: ByteSink = {
  buf: new Uint8Array(1024),
  pos: 0,
  reserve(bytes) {
    if (this.pos + bytes <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + bytes));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  },
};
const decoder = new TextDecoder();

/**
 * The JSON object of one decoded message as `vigil decode` prints it (`writeSpecJson`'s
 * bytes as a string, without the newline).
 *
 * @example
 * toSpecJson({ type: 1, mmsi: 1, lat: 46, lon: 30 }, undefined) // '{"type":1,"mmsi":1,"lat":46,"lon":30}'
 */
export function toSpecJson(msg: AisMessage, timeMs: number | undefined): string {
  scratch.pos = 0;
  writeSpecJson(msg, timeMs, scratch);
  return decoder.decode(scratch.buf.subarray(0, scratch.pos - 1));
}
