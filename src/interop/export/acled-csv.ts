import type { Incident } from '../../cases/incident.js';
import type { StoredReport } from '../../store/ports.js';
import { csvRows } from './csv.js';

/**
 * Verified incidents as ACLED-style event rows: the inverse of the ACLED import's mapping
 * (docs/formats.md "ACLED"), so an export re-imports to the same events — id, date, place,
 * category, party, fatalities.
 */
export const ACLED_COLUMNS = ['event_id_cnty', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'admin1', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities'] as const;

export interface AcledIncident {
  incident: Incident;
  /** Where and when it was first seen (first linked alert or report). */
  lat: number;
  lon: number;
  time: string;
  /** Linked reports, for the category and fatalities. */
  reports: StoredReport[];
}

const EVENT_TYPES: Record<string, { eventType: string; subEventType: string; phrase: string }> = {
  'drone-attack': { eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike', phrase: 'Drone attack' },
  'air-strike': { eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike', phrase: 'Air strike' },
  'missile-attack': { eventType: 'Explosions/Remote violence', subEventType: 'Shelling/artillery/missile attack', phrase: 'Missile attack' },
  shelling: { eventType: 'Explosions/Remote violence', subEventType: 'Shelling/artillery/missile attack', phrase: 'Shelling' },
  mine: { eventType: 'Explosions/Remote violence', subEventType: 'Remote explosive/landmine/IED', phrase: 'Mine or IED' },
  other: { eventType: 'Strategic developments', subEventType: 'Other', phrase: 'Violation of the truce' },
};
const ACTORS: Record<string, string> = { RU: 'Military Forces of Russia (2000-)', UA: 'Military Forces of Ukraine (2019-)' };

/** The ACLED CSV of verified incidents (others are left out: ACLED records events, not suspicions). */
export function acledCsv(incidents: readonly AcledIncident[], sourceName: string): string {
  const rows = incidents.filter((i) => i.incident.verdict === 'verified-violation').map((i) => {
    const report = i.reports[0]?.report;
    const category = report !== undefined && Object.hasOwn(EVENT_TYPES, report.category) ? report.category : 'other';
    const t = EVENT_TYPES[category]!;
    const killed = i.reports.reduce((n, r) => {
      const k = (r.report.casualties as Record<string, unknown> | undefined)?.['killed'];
      return n + (typeof k === 'number' ? k : 0);
    }, 0);
    const confidence = i.incident.confidence === null ? '' : ` Confidence ${i.incident.confidence.level}: ${i.incident.confidence.reason}.`;
    return {
      event_id_cnty: i.incident.id, event_date: i.time.slice(0, 10), time_precision: 1, event_type: t.eventType, sub_event_type: t.subEventType,
      actor1: i.incident.attributedParty === null ? '' : ACTORS[i.incident.attributedParty] ?? i.incident.attributedParty, actor2: '',
      admin1: '', location: '', latitude: i.lat, longitude: i.lon, geo_precision: 1, source: sourceName, source_scale: 'Other',
      // The import reads drone and missile mentions in the notes: the phrase says which, first.
      notes: `${t.phrase}: ${i.incident.title}. Verified violation${i.incident.attributedParty ? ` attributed to ${i.incident.attributedParty}` : ''}.${confidence}`,
      fatalities: killed,
    };
  });
  return csvRows(ACLED_COLUMNS, rows);
}
