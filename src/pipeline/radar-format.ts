import { looksLikeRadarTracks, RadarTrackDecoder } from '../decode/radar/radar-track.js';
import { lineDecoderFormat } from './line-decoder-format.js';

/** Coalition radar tracks (docs/formats.md "Radar tracks"): entities `track:SENSOR:ID`. */
export const RADAR_FORMAT = lineDecoderFormat(
  'radar',
  'coalition radar tracks (CSV sensor,track,… or JSON Lines)',
  looksLikeRadarTracks,
  (sink) => new RadarTrackDecoder(sink),
);
