import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { pdfPageToPng } from './poppler.js';
import { type DecodedPng, PngDecodeError, decodePng, pixelAt } from './png-pixels.js';

/** A test-only PNG encoder: every row written with the filter `filterOf(y)`, so each of 0–4 is exercised. */
function encodePng(width: number, height: number, colourType: number, data: Uint8Array, filterOf: (y: number) => number): Buffer {
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colourType]!;
  const stride = width * channels;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const f = filterOf(y);
    raw[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const x = data[y * stride + i]!;
      const a = i >= channels ? data[y * stride + i - channels]! : 0;
      const b = y > 0 ? data[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= channels ? data[(y - 1) * stride + i - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][f]!;
      raw[y * (stride + 1) + 1 + i] = (x - predicted) & 0xff;
    }
  }
  const chunk = (type: string, body: Buffer): Buffer => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const out = Buffer.alloc(typed.length + 8);
    out.writeUInt32BE(body.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc32(typed), typed.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colourType;
  const z = deflateSync(raw);
  // Two IDAT chunks and an ancillary chunk between, as encoders are allowed to write.
  const half = z.length >> 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('pHYs', Buffer.alloc(9)),
    chunk('IDAT', z.subarray(0, half)),
    chunk('IDAT', z.subarray(half)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Deterministic samples (a xorshift), so filters see every byte value and wrap-around. */
function samples(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    out[i] = s & 0xff;
  }
  return out;
}

/** A one-page PDF of 200 × 100 pt drawing `content`, written by hand (font F1 is Helvetica). */
function onePagePdf(content: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Red left half, blue right half: exact colours, no edges inside either half. */
const TWO_COLOURS = '1 0 0 rg 0 0 100 100 re f 0 0 1 rg 100 0 100 100 re f';
/** Anti-aliased text, a slanted line and a soft colour: rows that libpng filters in every way. */
const DRAWING = '0.9 0.95 1 rg 0 0 200 100 re f BT /F1 18 Tf 0.1 0.2 0.5 rg 10 60 Td (Vigil 0123) Tj ET 1 0.5 0 RG 2 w 5 5 m 195 95 l S';

/** The filter type of each row of an 8-bit PNG, to show a test exercised them. */
function rowFilters(png: Buffer, height: number, stride: number): Set<number> {
  const idat: Buffer[] = [];
  for (let o = 8; o < png.length; o += 12 + png.readUInt32BE(o)) {
    if (png.toString('latin1', o + 4, o + 8) === 'IDAT') idat.push(png.subarray(o + 8, o + 8 + png.readUInt32BE(o)));
  }
  const raw = inflateSync(Buffer.concat(idat));
  return new Set(Array.from({ length: height }, (_, y) => raw[y * (stride + 1)]!));
}

/** The same page through pdftoppm's PPM writer (binary P6: a header, then RGB bytes), a decoder-free reference. */
async function pageAsPpm(pdf: Buffer, dpi: number): Promise<{ width: number; height: number; rgb: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-png-test-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await promisify(execFile)('pdftoppm', ['-r', String(dpi), '-singlefile', join(dir, 'in.pdf'), join(dir, 'out')]);
    const ppm = await readFile(join(dir, 'out.ppm'));
    const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 64));
    assert.ok(m, 'a binary 8-bit PPM');
    return { width: Number(m[1]), height: Number(m[2]), rgb: ppm.subarray(m[0].length) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('decodePng', () => {
  for (const [colourType, channels] of [[0, 1], [2, 3], [4, 2], [6, 4]] as const) {
    test(`colour type ${colourType}: every filter type 0–4 round-trips`, () => {
      const width = 7;
      const height = 15;
      const data = samples(width * height * channels, 1234 + colourType);
      const png = encodePng(width, height, colourType, data, (y) => y % 5);
      const image = decodePng(png);
      assert.deepEqual({ width: image.width, height: image.height, channels: image.channels }, { width, height, channels });
      assert.deepEqual(image.data, data);
    });
  }

  test('pixelAt reads samples and refuses coordinates outside the image', () => {
    const image: DecodedPng = { width: 2, height: 1, channels: 3, data: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    assert.deepEqual(pixelAt(image, 1, 0), [4, 5, 6]);
    assert.throws(() => pixelAt(image, 2, 0), /outside the 2×1 image/);
  });

  test('refuses what it does not decode, with the reason', () => {
    const good = encodePng(3, 2, 2, samples(18, 7), () => 0);
    assert.throws(() => decodePng(Buffer.from('GIF89a')), /bad signature/);
    const badCrc = Buffer.from(good);
    badCrc[18] = badCrc[18]! ^ 0xff; // a byte of the IHDR body
    assert.throws(() => decodePng(badCrc), /IHDR.*CRC mismatch/);
    assert.throws(() => decodePng(good.subarray(0, good.length - 12)), /no IEND/);
    const sixteenBit = encodePng(3, 2, 2, samples(18, 7), () => 0);
    sixteenBit[8 + 8 + 8] = 16;
    sixteenBit.writeUInt32BE(crc32(sixteenBit.subarray(12, 12 + 17)), 12 + 17);
    assert.throws(() => decodePng(sixteenBit), (e) => e instanceof PngDecodeError && /bit depth 16/.test(e.message));
    const badFilter = encodePng(3, 2, 2, samples(18, 7), (y) => (y === 1 ? 9 : 0));
    assert.throws(() => decodePng(badFilter), /row 1: filter type 9/);
  });

  test('decodes what pdftoppm writes: a hand-made PDF page, red left and blue right', async () => {
    const image = decodePng(await pdfPageToPng(onePagePdf(TWO_COLOURS), 1, 72));
    assert.equal(image.width, 200);
    assert.equal(image.height, 100);
    assert.equal(image.channels, 3);
    for (const [x, y] of [[0, 0], [50, 50], [99, 99]] as const) assert.deepEqual(pixelAt(image, x, y), [255, 0, 0], `(${x}, ${y})`);
    for (const [x, y] of [[100, 0], [150, 50], [199, 99]] as const) assert.deepEqual(pixelAt(image, x, y), [0, 0, 255], `(${x}, ${y})`);
  });

  test('decodes a pdftoppm PNG of text and lines to exactly the pixels of pdftoppm\'s PPM of the same page', async () => {
    const pdf = onePagePdf(DRAWING);
    const png = await pdfPageToPng(pdf, 1, 150);
    const image = decodePng(png);
    const ppm = await pageAsPpm(pdf, 150);
    assert.deepEqual([image.width, image.height, image.channels], [ppm.width, ppm.height, 3]);
    assert.ok(Buffer.from(image.data).equals(ppm.rgb), 'same RGB bytes as the PPM');
    assert.ok(rowFilters(png, image.height, image.width * 3).size >= 3, 'the PNG used several filter types');
  });
});
