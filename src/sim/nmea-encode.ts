/**
 * NMEA 0183 framing for encoded AIS payloads: `!AIVDM` sentences (IEC 61162-1 §8.3.99, VDM),
 * split into fragments of at most 60 payload characters, and NMEA 4.0 tag blocks
 * (`\s:source,c:unixSeconds*HH\`) that carry the receiver and its reception time.
 *
 * @module
 */
import { armour, type AisBits } from './bit-writer.js';

/**
 * Most payload characters per fragment. 60 keeps a VDM sentence, with its framing and
 * checksum, well inside the 82-character NMEA limit (61 is the usual maximum).
 */
export const MAX_PAYLOAD_CHARS_PER_SENTENCE = 60;

const HEX = '0123456789ABCDEF';

/**
 * NMEA checksum: XOR of the character codes of `body` (the text between `!`/`$` and `*`, or
 * between a tag block's `\` and `*`), as two upper-case hex digits.
 * @example nmeaChecksum('AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0') // '26'
 */
export function nmeaChecksum(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return (HEX[x >>> 4] as string) + (HEX[x & 15] as string);
}

/** How to frame a payload. */
export interface SentenceOptions {
  /** Talker and formatter: `AIVDM` for other ships, `AIVDO` for own ship. Default `AIVDM`. */
  talker?: string;
  /** VHF channel: `A` (161.975 MHz), `B` (162.025 MHz), or '' when unknown. */
  channel: 'A' | 'B' | '';
  /** Sequential message id 0..9, required when the payload needs more than one sentence. */
  seqId?: number;
}

/**
 * Frames an AIS bit string as one or more VDM sentences.
 * @throws RangeError when a multi-sentence payload has no `seqId` in 0..9
 * @example
 * encodeSentences(encodeStaticVoyageData(m), { channel: 'A', seqId: 3 })
 * // ['!AIVDM,2,1,3,A,55…,0*HH', '!AIVDM,2,2,3,A,…,2*HH']
 */
export function encodeSentences(bits: AisBits, options: SentenceOptions): string[] {
  const { payload, fillBits } = armour(bits);
  const talker = options.talker ?? 'AIVDM';
  const count = Math.max(1, Math.ceil(payload.length / MAX_PAYLOAD_CHARS_PER_SENTENCE));
  let seq = '';
  if (count > 1) {
    const id = options.seqId;
    if (id === undefined || !Number.isInteger(id) || id < 0 || id > 9) {
      throw new RangeError(`A ${count}-sentence AIS message needs a seqId in 0..9, got ${String(id)}.`);
    }
    seq = String(id);
  }
  const sentences: string[] = [];
  for (let i = 0; i < count; i++) {
    const part = payload.slice(i * MAX_PAYLOAD_CHARS_PER_SENTENCE, (i + 1) * MAX_PAYLOAD_CHARS_PER_SENTENCE);
    const fill = i === count - 1 ? fillBits : 0;
    const body = `${talker},${count},${i + 1},${seq},${options.channel},${part},${fill}`;
    sentences.push(`!${body}*${nmeaChecksum(body)}`);
  }
  return sentences;
}

/** Fields of an NMEA 4.0 tag block, written in this order. */
export interface TagBlockFields {
  /** `s:` source (receiver) identifier. */
  source?: string;
  /** `c:` UNIX time in whole seconds. */
  unixSeconds?: number;
  /** `n:` line count. */
  lineCount?: number;
  /** `g:` sentence group: part `index` of `count`, group `id` (NMEA 4.10). */
  group?: { index: number; count: number; id: number };
}

/**
 * Builds an NMEA 4.0 tag block to prefix a sentence; the checksum covers the text between
 * the opening `\` and the `*`.
 * @example encodeTagBlock({ source: 'rcv1', unixSeconds: 1742860800 }) // '\\s:rcv1,c:1742860800*6C\\'
 */
export function encodeTagBlock(fields: TagBlockFields): string {
  const parts: string[] = [];
  if (fields.group !== undefined) parts.push(`g:${fields.group.index}-${fields.group.count}-${fields.group.id}`);
  if (fields.source !== undefined) parts.push(`s:${fields.source}`);
  if (fields.unixSeconds !== undefined) parts.push(`c:${fields.unixSeconds}`);
  if (fields.lineCount !== undefined) parts.push(`n:${fields.lineCount}`);
  const body = parts.join(',');
  return `\\${body}*${nmeaChecksum(body)}\\`;
}
