import { looksLikeOpenSky, OpenSkyDecoder } from '../decode/adsb/opensky.js';
import { lineDecoderFormat } from './line-decoder-format.js';

/** OpenSky state vectors: REST `states` JSON, historical CSV, traffic-style JSON records (array, lines or column-oriented). */
export const OPENSKY_FORMAT = lineDecoderFormat(
  'opensky',
  'OpenSky state vectors (REST states JSON, history CSV, JSON records with icao24)',
  looksLikeOpenSky,
  (sink) => new OpenSkyDecoder(sink),
);
