import { SbsDecoder } from '../decode/adsb/sbs.js';
import { lineDecoderFormat } from './line-decoder-format.js';

/** SBS-1/BaseStation lines start with `MSG,1`…`MSG,8` or a status line type. */
const SBS_LINE = /^\s*(MSG,[1-8],|(SEL|ID|AIR|STA|CLK),)/;

/** ADS-B SBS-1/BaseStation text (dump1090/readsb port 30003): aircraft fixes and callsigns. */
export const SBS_FORMAT = lineDecoderFormat(
  'sbs',
  'ADS-B SBS-1/BaseStation lines (MSG,1-8 as dump1090/readsb emit on TCP 30003)',
  (sample) => sample.some((l) => SBS_LINE.test(l)),
  (sink) => new SbsDecoder(sink),
);
