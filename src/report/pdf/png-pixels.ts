import { crc32, inflateSync } from 'node:zlib';

/**
 * A minimal PNG decoder for pixel tests: the images Chromium's screenshots and pdftoppm
 * write are non-interlaced, 8 bits per sample, truecolour or truecolour with alpha (grey
 * is accepted too, it costs nothing). Anything else is refused with the reason, never
 * decoded wrongly. Spec: https://www.w3.org/TR/png-3/ (chunks §5, filters §7.3 and §9).
 */
export interface DecodedPng {
  width: number;
  height: number;
  /** Samples per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: 1 | 2 | 3 | 4;
  /** Unfiltered samples, row after row, `width * channels` bytes a row, no filter bytes. */
  data: Uint8Array;
}

export class PngDecodeError extends Error {
  constructor(message: string) {
    super(`PNG: ${message}`);
    this.name = 'PngDecodeError';
  }
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Colour type (IHDR byte 9) → samples per pixel, for the types decoded here. */
const CHANNELS: Record<number, DecodedPng['channels']> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Bounds a hostile or broken header: 2^28 pixels is a 16k × 16k image, far past any test image. */
const MAX_PIXELS = 1 << 28;

/** Decodes a PNG; throws PngDecodeError for anything corrupt or outside the subset above. */
export function decodePng(buf: Uint8Array): DecodedPng {
  const png = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (png.length < SIGNATURE.length || !png.subarray(0, 8).equals(SIGNATURE)) throw new PngDecodeError('not a PNG (bad signature)');
  let offset = 8;
  let header: { width: number; height: number; channels: DecodedPng['channels'] } | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (!ended) {
    if (offset + 12 > png.length) throw new PngDecodeError(`truncated at byte ${offset} (no IEND)`);
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > png.length) throw new PngDecodeError(`chunk ${type} at byte ${offset} runs past the end`);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== png.readUInt32BE(offset + 8 + length)) throw new PngDecodeError(`chunk ${type} at byte ${offset}: CRC mismatch`);
    if (header === undefined && type !== 'IHDR') throw new PngDecodeError(`first chunk is ${type}, not IHDR`);
    if (type === 'IHDR') header = readHeader(body);
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') ended = true;
    else if (type === 'PLTE' || type === 'tRNS') throw new PngDecodeError(`${type} chunk: palettes and transparency keys are not supported`);
    // Other ancillary chunks (sRGB, gAMA, pHYs, tEXt, …) do not change the samples.
    offset = end;
  }
  if (header === undefined) throw new PngDecodeError('no IHDR');
  if (idat.length === 0) throw new PngDecodeError('no IDAT');
  const { width, height, channels } = header;
  const stride = width * channels;
  const expected = height * (stride + 1);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch (e) {
    throw new PngDecodeError(`image data does not inflate: ${(e as Error).message}`);
  }
  if (raw.length !== expected) throw new PngDecodeError(`image data is ${raw.length} bytes, ${width}×${height}×${channels} needs ${expected}`);
  return { width, height, channels, data: unfilter(raw, height, stride, channels) };
}

function readHeader(body: Buffer): { width: number; height: number; channels: DecodedPng['channels'] } {
  if (body.length !== 13) throw new PngDecodeError(`IHDR is ${body.length} bytes, not 13`);
  const width = body.readUInt32BE(0);
  const height = body.readUInt32BE(4);
  const [bitDepth, colourType, compression, filter, interlace] = [body[8], body[9], body[10], body[11], body[12]];
  if (width === 0 || height === 0) throw new PngDecodeError(`empty image ${width}×${height}`);
  if (width * height > MAX_PIXELS) throw new PngDecodeError(`${width}×${height} is more than ${MAX_PIXELS} pixels`);
  if (bitDepth !== 8) throw new PngDecodeError(`bit depth ${bitDepth}: only 8 is supported`);
  const channels = CHANNELS[colourType ?? -1];
  if (channels === undefined) throw new PngDecodeError(`colour type ${colourType}: only 0, 2, 4, 6 (grey, RGB, grey+alpha, RGBA) are supported`);
  if (compression !== 0 || filter !== 0) throw new PngDecodeError(`compression ${compression} / filter method ${filter}: only 0 / 0 exist`);
  if (interlace !== 0) throw new PngDecodeError('interlaced (Adam7) images are not supported');
  return { width, height, channels };
}

/** Paeth predictor (PNG §9.4): whichever of left, up, upper-left is nearest to left + up − upper-left. */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Undoes the per-row filters 0–4; `bpp` (bytes per pixel) is the distance to the "left" byte. */
function unfilter(raw: Buffer, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * stride);
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    const up = y === 0 ? zero : out.subarray((y - 1) * stride, y * stride);
    switch (filter) {
      case 0:
        row.set(src);
        break;
      case 1:
        for (let i = 0; i < stride; i++) row[i] = (src[i]! + (i >= bpp ? row[i - bpp]! : 0)) & 0xff;
        break;
      case 2:
        for (let i = 0; i < stride; i++) row[i] = (src[i]! + up[i]!) & 0xff;
        break;
      case 3:
        for (let i = 0; i < stride; i++) row[i] = (src[i]! + (((i >= bpp ? row[i - bpp]! : 0) + up[i]!) >> 1)) & 0xff;
        break;
      case 4:
        for (let i = 0; i < stride; i++) {
          const a = i >= bpp ? row[i - bpp]! : 0;
          const c = i >= bpp ? up[i - bpp]! : 0;
          row[i] = (src[i]! + paeth(a, up[i]!, c)) & 0xff;
        }
        break;
      default:
        throw new PngDecodeError(`row ${y}: filter type ${filter}, only 0–4 exist`);
    }
  }
  return out;
}

/** The samples of pixel (x, y), e.g. `[r, g, b, a]` for RGBA. */
export function pixelAt(image: DecodedPng, x: number, y: number): number[] {
  if (!(Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < image.width && y < image.height)) {
    throw new RangeError(`pixelAt(${x}, ${y}) is outside the ${image.width}×${image.height} image`);
  }
  const start = (y * image.width + x) * image.channels;
  return Array.from(image.data.subarray(start, start + image.channels));
}
