/**
 * Why a line was not turned into a message. Every rejected line carries exactly one reason;
 * feeds count them per reason and keep the lines in quarantine.
 */
export const REJECT_REASONS = [
  'not-nmea',           // no NMEA sentence start (`!` or `$`) where one is expected
  'not-ais',            // a valid NMEA sentence that is not VDM/VDO (receiver chatter: $GPZDA, $AIVSI…)
  'unknown-talker',     // !xxVDM with a talker id that is not an AIS talker
  'bad-checksum',       // checksum present but does not match
  'truncated',          // sentence ends before the checksum or lacks fields
  'bad-tag-block',      // NMEA 4.0 tag block not closed or malformed
  'bad-timestamp',      // leading timestamp or tag-block time that cannot be read
  'bad-fragment',       // fragment count/number/fill bits out of range
  'bad-payload-char',   // payload character outside the six-bit armour alphabet
  'bad-payload-length', // payload length does not fit the message type
  'unknown-message-type', // message type 0 or above 27 (not defined by ITU-R M.1371-5)
  'orphan-fragment',    // part of a multi-part message whose other parts never came (or conflicted)
  'duplicate-fragment', // the same fragment twice before the message completed
  'line-too-long',      // longer than the line limit (a stuck receiver or binary garbage)
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];
