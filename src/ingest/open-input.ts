import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { pipeline, Readable } from 'node:stream';

/** An input that cannot be opened; the message names the path and the cause. */
export class InputError extends Error {}

/**
 * Opens a recorded input: `-` is stdin, a `.gz` name (or gzip magic bytes) is gunzipped.
 * Fails with an `InputError` naming the path before any byte is read, so a command can
 * refuse a bad argument list before writing anything. `start`: the byte to begin at, in the
 * input as read (after gunzip: a gzip stream is decompressed from its start and the bytes
 * before it skipped); not for stdin.
 */
export async function openInput(path: string, opts: { start?: number } = {}): Promise<Readable> {
  const start = opts.start ?? 0;
  if (!(Number.isInteger(start) && start >= 0)) throw new RangeError(`openInput ${path}: start must be a byte offset, got ${start}`);
  if (path === '-' && start > 0) throw new InputError('cannot resume stdin at an offset');
  if (path === '-') return process.stdin;
  let gz = path.endsWith('.gz');
  try {
    const fh = await open(path, 'r');
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    await fh.close();
    if (head[0] === 0x1f && head[1] === 0x8b) gz = true;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InputError(`cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message}`);
  }
  if (!gz) return createReadStream(path, { highWaterMark: 1 << 20, start });
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const gunzip = createGunzip();
  const out = pipeline(file, gunzip, (err) => {
    if (err) gunzip.destroy(new InputError(`cannot read ${path}: ${err.message}`));
  });
  return start === 0 ? out : Readable.from(skipBytes(out, start));
}

async function* skipBytes(chunks: AsyncIterable<Buffer>, n: number): AsyncGenerator<Buffer> {
  let left = n;
  for await (const chunk of chunks) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}
