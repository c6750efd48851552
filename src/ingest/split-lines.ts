/**
 * Splits a byte stream into lines (LF or CRLF), yielding them in batches so that the
 * consumer pays one await per chunk, not per line. Bytes are read as latin1: NMEA, SBS and
 * CSV feeds are ASCII, and binary garbage must become a rejected line, not a decode error.
 * A line longer than `maxLineLength` is cut there (the decoder then rejects it as too long),
 * so memory stays bounded on input without line breaks.
 *
 * Each line is its own flat string cut from the chunk's bytes, not a slice of one chunk-wide
 * string: a slice reads through its parent on every character access, and the decoders read
 * every character (decoding measured 17% faster; see docs/benchmarks.md). Only a line split
 * across two chunks is copied.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>, maxLineLength = 65536): AsyncGenerator<string[]> {
  let rest: Buffer = EMPTY;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    const batch: string[] = [];
    let start = 0;
    let nl = bytes.indexOf(10);
    if (rest.length > 0 && nl >= 0) {
      batch.push(Buffer.concat([rest, bytes.subarray(0, nl)]).toString('latin1'));
      rest = EMPTY;
      start = nl + 1;
      nl = bytes.indexOf(10, start);
    }
    for (; nl >= 0; nl = bytes.indexOf(10, start)) {
      batch.push(bytes.toString('latin1', start, nl));
      start = nl + 1;
    }
    if (start < bytes.length) rest = rest.length > 0 ? Buffer.concat([rest, bytes]) : Buffer.from(bytes.subarray(start));
    while (rest.length > maxLineLength) {
      batch.push(rest.toString('latin1', 0, maxLineLength));
      rest = rest.subarray(maxLineLength);
    }
    if (batch.length > 0) yield batch;
  }
  if (rest.length > 0) yield [rest.toString('latin1')];
}

const EMPTY = Buffer.alloc(0);

/**
 * `splitLines` that also says where each line ends: the byte position just after it (its
 * newline included) in the stream, counted from `startOffset`. For a feed that must resume
 * where it stopped (a file read from a persisted offset).
 */
export async function* splitLinesAt(
  chunks: AsyncIterable<Buffer | string>, startOffset = 0, maxLineLength = 65536,
): AsyncGenerator<{ lines: string[]; ends: number[] }> {
  let rest: Buffer = EMPTY;
  /** Position of the first byte of `rest`. */
  let pos = startOffset;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    const lines: string[] = [];
    const ends: number[] = [];
    const base = pos + rest.length;
    let start = 0;
    let nl = bytes.indexOf(10);
    if (rest.length > 0 && nl >= 0) {
      lines.push(Buffer.concat([rest, bytes.subarray(0, nl)]).toString('latin1'));
      ends.push(base + nl + 1);
      rest = EMPTY;
      start = nl + 1;
      nl = bytes.indexOf(10, start);
    }
    for (; nl >= 0; nl = bytes.indexOf(10, start)) {
      lines.push(bytes.toString('latin1', start, nl));
      ends.push(base + nl + 1);
      start = nl + 1;
    }
    if (rest.length === 0) pos = base + start;
    if (start < bytes.length) rest = rest.length > 0 ? Buffer.concat([rest, bytes]) : Buffer.from(bytes.subarray(start));
    while (rest.length > maxLineLength) {
      lines.push(rest.toString('latin1', 0, maxLineLength));
      pos += maxLineLength;
      ends.push(pos);
      rest = rest.subarray(maxLineLength);
    }
    if (lines.length > 0) yield { lines, ends };
  }
  if (rest.length > 0) yield { lines: [rest.toString('latin1')], ends: [pos + rest.length] };
}
