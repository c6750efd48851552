import type { MessageDecoder } from './fields.js';
import { decodeAidToNavigation } from './aid-to-navigation.js';
import { decodeBaseStationReport } from './base-station-report.js';
import { decodeLongRangeBroadcast } from './long-range-broadcast.js';
import { decodePositionReportClassA } from './position-report-class-a.js';
import { decodeExtendedClassB, decodePositionReportClassB } from './position-report-class-b.js';
import { decodeSarAircraftPosition } from './sar-aircraft-position.js';
import { decodeStaticDataReport } from './static-data-report.js';
import { decodeStaticVoyageData } from './static-voyage-data.js';

/**
 * Message type → decoder. Types not listed (6, 7, 8, 10, 12–17, 20, 22, 23, 25, 26) are
 * decoded as far as the common header (type, mmsi).
 */
export const MESSAGE_DECODERS: Readonly<Record<number, MessageDecoder>> = {
  1: decodePositionReportClassA,
  2: decodePositionReportClassA,
  3: decodePositionReportClassA,
  4: decodeBaseStationReport,
  5: decodeStaticVoyageData,
  9: decodeSarAircraftPosition,
  11: decodeBaseStationReport,
  18: decodePositionReportClassB,
  19: decodeExtendedClassB,
  21: decodeAidToNavigation,
  24: decodeStaticDataReport,
  27: decodeLongRangeBroadcast,
};

/**
 * Payload length bounds, bits, of the types decoded only as far as the header (ITU-R
 * M.1371-5 message tables; the same bounds gpsd applies). A payload outside them is line
 * noise — common on satellite feeds — and is rejected rather than reported under a random MMSI.
 */
export const HEADER_ONLY_BITS: Readonly<Record<number, readonly [number, number]>> = {
  6: [88, 1008], 7: [72, 168], 8: [56, 1008], 10: [72, 72 + 6], 12: [72, 1008], 13: [72, 168],
  14: [40, 1008], 15: [88, 168], 16: [96, 168], 17: [80, 816], 20: [72, 160], 22: [168, 174],
  23: [160, 166], 25: [40, 168], 26: [60, 1064],
};
