/**
 * Reads every ring or line of positions out of GeoJSON bytes without building the JSON
 * object tree. The territorial-sea file is 38 MB of coordinates: `JSON.parse` takes ~1 s
 * and a couple of hundred MB of short-lived arrays for it; this scan reads the bytes once
 * and keeps only flat number arrays. It knows just enough JSON for that: strings are
 * skipped, a number inside a `[…]` of numbers is a coordinate, and an array of such
 * positions is a ring (or line). Properties holding arrays of number arrays would be read
 * as rings too, so use it only on files of plain geometry, as the one it was written for.
 */

/**
 * Calls `onRing` with each array of positions as flat `[lon0, lat0, lon1, lat1, …]`
 * (a third coordinate, altitude, is dropped).
 * @example scanRings(Buffer.from('{"coordinates":[[[1,2],[3,4.5]]]}'), (r) => console.log(r)) // [1, 2, 3, 4.5]
 */
export function scanRings(bytes: Uint8Array, onRing: (flat: number[]) => void): void {
  let depth = 0;
  let inPosition = false;
  let positionCount = 0;
  let ringDepth = -1;
  let ring: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (c === 0x5b /* [ */) {
      depth++;
      i++;
    } else if (c === 0x5d /* ] */) {
      if (inPosition) inPosition = false;
      else if (depth === ringDepth) {
        onRing(ring);
        ring = [];
        ringDepth = -1;
      }
      depth--;
      i++;
    } else if (c === 0x22 /* " */) {
      i++;
      while (i < n && bytes[i] !== 0x22) i += bytes[i] === 0x5c /* \ */ ? 2 : 1;
      i++;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const end = numberEnd(bytes, i);
      if (!inPosition) {
        inPosition = true;
        positionCount = 0;
        ringDepth = depth - 1;
      }
      if (positionCount < 2) ring.push(parseNumber(bytes, i, end));
      positionCount++;
      i = end;
    } else {
      i++;
    }
  }
}

function numberEnd(bytes: Uint8Array, start: number): number {
  let i = start + 1;
  for (; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d)) break;
  }
  return i;
}

/**
 * A JSON number. Plain decimals (all of Natural Earth's) are one integer division by a power
 * of ten, which rounds correctly as parseFloat does; anything else goes to parseFloat.
 */
function parseNumber(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 0x2d;
  if (negative) i++;
  let mantissa = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c === 0x2e && decimals < 0) decimals = 0;
    else if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      if (decimals >= 0) decimals++;
    } else break;
  }
  if (i < end || mantissa > Number.MAX_SAFE_INTEGER || decimals > 22) {
    return Number.parseFloat(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1'));
  }
  const v = decimals > 0 ? mantissa / 10 ** decimals : mantissa;
  return negative ? -v : v;
}
