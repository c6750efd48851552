/**
 * Splits a byte stream into lines (LF or CRLF), yielding them in batches so that the
 * consumer pays one await per chunk, not per line. Bytes are read as latin1: NMEA, SBS and
 * CSV feeds are ASCII, and binary garbage must become a rejected line, not a decode error.
 * A line longer than `maxLineLength` is cut there (the decoder then rejects it as too long),
 * so memory stays bounded on input without line breaks.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>, maxLineLength = 65536): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
    const batch: string[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      batch.push(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    while (rest.length > maxLineLength) {
      batch.push(rest.slice(0, maxLineLength));
      rest = rest.slice(maxLineLength);
    }
    if (batch.length > 0) yield batch;
  }
  if (rest.length > 0) yield [rest];
}
