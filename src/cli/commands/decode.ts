import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { AisLineDecoder, type AisCounters } from '../../decode/ais/ais-line-decoder.js';
import { writeSpecJson } from '../../decode/ais/to-spec-json.js';
import { openInput, InputError } from '../../ingest/open-input.js';
import { splitLines } from '../../ingest/split-lines.js';
import { writeBufferedBytes } from '../write-buffered.js';

/** `vigil decode FILE|-`: AIS NMEA log → JSON Lines on stdout, counts on stderr (SPEC "CLI"). */
export const decodeCommand: CliCommand = {
  name: 'decode',
  args: '<input>',
  summary: 'decode an AIS NMEA log (file, .gz or - for stdin) to JSON Lines',
  configure(cmd) {
    cmd.option('--rejects', 'also print each rejected line with its reason on stderr')
      .action(async (input: string, opts: { rejects?: boolean }) => {
        let stream;
        try {
          stream = await openInput(input);
        } catch (err) {
          if (err instanceof InputError) throw new CliError(err.message, 2);
          throw err;
        }
        const out = writeBufferedBytes(process.stdout);
        const decoder = new AisLineDecoder({
          message: (msg, timeMs) => writeSpecJson(msg, timeMs, out),
          reject: (reason, detail, line) => {
            if (opts.rejects) process.stderr.write(`rejected ${reason}: ${detail}: ${line}\n`);
          },
        });
        try {
          for await (const batch of splitLines(stream)) {
            for (const line of batch) decoder.push(line);
            await out.drained();
          }
        } catch (err) {
          throw new CliError(`cannot read ${input}: ${(err as Error).message}`, 2);
        }
        decoder.flush();
        await out.end();
        process.stderr.write(formatCounts(decoder.counters) + '\n');
      });
  },
};

/** One-line summary: lines, messages, and rejections per reason. */
export function formatCounts(c: AisCounters): string {
  const reasons = Object.entries(c.rejected).sort(([a], [b]) => a.localeCompare(b)).map(([r, n]) => `${r} ${n}`).join(', ');
  return `lines ${c.lines}, messages ${c.messages} (from ${c.messageLines} lines), metadata ${c.metadata}, blank ${c.blank}, comments ${c.comments}, rejected ${c.rejectedLines}${reasons ? ` (${reasons})` : ''}`;
}
