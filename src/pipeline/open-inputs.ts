import { openInput } from '../ingest/open-input.js';
import { splitLines } from '../ingest/split-lines.js';
import type { InputFormat } from './event-decoder.js';
import { detectFormat, formatByName, FORMATS } from './formats.js';
import type { CheckInput } from './run-check.js';

/** An input that cannot be used (unreadable, or of no known format). */
export class InputProblem extends Error {}

/**
 * Opens every input before any is processed, detecting each one's format from its first
 * lines (or using `formatName`, or `format` itself), so a bad argument fails the command before it writes anything.
 */
export async function openInputs(paths: readonly string[], formatName?: string, format?: InputFormat): Promise<CheckInput[]> {
  let forced: InputFormat | undefined = format;
  if (formatName !== undefined && forced === undefined) {
    forced = formatByName(formatName);
    if (forced === undefined) throw new InputProblem(`unknown --format "${formatName}" (known: ${FORMATS.map((f) => f.name).join(', ')})`);
  }
  const out: CheckInput[] = [];
  for (const path of paths) {
    let stream;
    try {
      stream = await openInput(path);
    } catch (e) {
      throw new InputProblem((e as Error).message);
    }
    const it = splitLines(stream)[Symbol.asyncIterator]();
    const head: string[] = [];
    let done = false;
    try {
      while (head.length < 50 && !done) {
        const r = await it.next();
        if (r.done) done = true;
        else head.push(...r.value);
      }
    } catch (e) {
      throw new InputProblem(`cannot read ${path}: ${(e as Error).message}`);
    }
    const empty = head.every((l) => l.trim() === '');
    // An empty input is valid (a quiet period): it yields nothing whatever its format.
    const format = forced ?? (empty ? FORMATS[0] : detectFormat(head.slice(0, 200)));
    if (format === undefined) throw new InputProblem(`${path}: format not recognised from its first lines (use --format; known: ${FORMATS.map((f) => f.name).join(', ')})`);
    async function* lines(): AsyncGenerator<string[]> {
      yield head;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    }
    const input: CheckInput = { name: path, format, lines: lines() };
    // A file can be read again, to be sorted if it turns out not to be in time order; stdin cannot.
    if (path !== '-') input.reopen = async () => splitLines(await openInput(path));
    out.push(input);
  }
  return out;
}
