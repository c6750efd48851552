import { AcledDecoder, looksLikeAcled } from '../decode/reports/acled.js';
import { lineDecoderFormat } from './line-decoder-format.js';

/** ACLED event CSV mapped to incident reports: entities `report:EVENT_ID`. */
export const ACLED_FORMAT = lineDecoderFormat(
  'acled',
  'ACLED event CSV (event_id_cnty, event_date, sub_event_type, …) as incident reports',
  looksLikeAcled,
  (sink) => new AcledDecoder(sink),
);
