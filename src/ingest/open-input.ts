import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';

/** An input that cannot be opened; the message names the path and the cause. */
export class InputError extends Error {}

/**
 * Opens a recorded input: `-` is stdin, a `.gz` name (or gzip magic bytes) is gunzipped.
 * Fails with an `InputError` naming the path before any byte is read, so a command can
 * refuse a bad argument list before writing anything.
 */
export async function openInput(path: string): Promise<Readable> {
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
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!gz) return file;
  const gunzip = createGunzip();
  return pipeline(file, gunzip, (err) => {
    if (err) gunzip.destroy(new InputError(`cannot read ${path}: ${err.message}`));
  });
}
