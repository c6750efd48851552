import { lineDecoderFormat } from '../../pipeline/line-decoder-format.js';
import { CotDecoder } from './cot-decoder.js';

const EVENT_LINE = /^\s*<event[\s/>]/;
const DECLARATION_LINE = /^\s*<\?xml[\s?]/;

/**
 * Detection: a line that starts with `<event`, or one that starts with an XML declaration
 * when the sample holds an `<event` somewhere (a declaration alone could open any XML).
 *
 * @example looksLikeCot(['<?xml version="1.0" encoding="UTF-8"?><event version="2.0" …>']) // true
 */
export function looksLikeCot(sample: readonly string[]): boolean {
  if (sample.some((l) => EVENT_LINE.test(l))) return true;
  return sample.some((l) => DECLARATION_LINE.test(l)) && sample.some((l) => l.includes('<event'));
}

/** Cursor on Target 2.0 events (TAK servers, ATAK, Vigil's own CoT output): sea and air atoms, spot markers. */
export const COT_FORMAT = lineDecoderFormat(
  'cot',
  'Cursor on Target 2.0 XML events (TAK server streams, ATAK, Vigil CoT outputs)',
  looksLikeCot,
  (sink) => new CotDecoder(sink),
);
