import { AIS_FORMAT } from './ais-format.js';
import { ACLED_FORMAT } from './acled-format.js';
import { COT_FORMAT } from '../interop/cot/cot-format.js';
import { OPENSKY_FORMAT } from './opensky-format.js';
import { RADAR_FORMAT } from './radar-format.js';
import { REPORTS_FORMAT } from './reports-format.js';
import { SBS_FORMAT } from './sbs-format.js';
import type { InputFormat } from './event-decoder.js';

/** Input formats in detection order (the first whose `detect` accepts the sample wins). */
export const FORMATS: readonly InputFormat[] = [AIS_FORMAT, SBS_FORMAT, RADAR_FORMAT, ACLED_FORMAT, REPORTS_FORMAT, COT_FORMAT, OPENSKY_FORMAT];

/** Picks the format of an input from its first non-blank, non-comment lines. */
export function detectFormat(sample: readonly string[]): InputFormat | undefined {
  const lines = sample.filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return FORMATS.find((f) => f.detect(lines));
}

export function formatByName(name: string): InputFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}
