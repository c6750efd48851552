/**
 * The fuzz targets: each parser, how one input is fed to it, what is checked afterwards
 * (see `oracles.ts`), its seed corpus directory and the tokens of its format. An input is
 * one text: for line-oriented parsers its lines are pushed one by one and the decoder is
 * flushed, as a file or a TCP feed would be read.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/helpers/shared-data.js';

/** Runs one input; throws on a finding. */
export type RunInput = (input: string) => void | Promise<void>;

export interface FuzzTarget {
  name: string;
  summary: string;
  /** Tokens of the format, inserted whole by the mutator. */
  dictionary: readonly string[];
  /** Share of mutants whose NMEA checksums are recomputed (AIS only). */
  fixChecksums?: number;
  /** Sets the parser up (once per worker) and returns the function that runs one input. */
  open(): Promise<{ run: RunInput; close(): Promise<void> }>;
}

/** The seed corpus of the targets, one input per file: `bench/fuzz/corpus/<target>/`. */
export const CORPUS_DIR = join(REPO_ROOT, 'bench/fuzz/corpus');

const AIS_DICTIONARY = [
  '!AIVDM,', '!AIVDO,', '$AIVDM,', '!BSVDM,', '!ABVDM,', '!EVVDM,', '!XXVDM,', '$PGHP,1,', '1,1,,A,', '2,1,3,B,', '2,2,3,B,', '3,1,9,A,', ',0*', ',2*', ',5*', ',6*',
  '*00', '*5C', '*hh', '\\s:', '\\c:', 'c:1742860800', 'c:1742860800123', 'g:1-2-42', 'g:2-2-42', 'g:1-1-0', 's:rcv1', 'n:12', '*5A\\', '\\', ',A,', ',B,', ',1,', ',2,',
  '13u?etPv2;0n:dDPwUM1U1Cb069D', '55?MbV02>H97ac<H0', 'wwwwwwwwwwwwwwwwwwwwwwww', '000000', '@@@@@@', '2026-03-25T02:10:00Z ', ',1742860800', '\r',
];

const SBS_DICTIONARY = ['MSG,', 'MSG,3,', 'MSG,4,', 'MSG,1,', 'MSG,8,', 'SEL,', 'ID,', 'AIR,', 'STA,', 'CLK,', '2026/03/25', '02:10:00.000', '23:59:59.999', ',,', '4CA2D6', '~4CA2D6', '7700', '-1', ',0,0,0,0', '46.5', '-180.0000', '90.0001'];
const OPENSKY_DICTIONARY = ['{"time":', '"states":', '"icao24":', '"callsign":', '"latitude":', '"longitude":', '"timestamp":', '"altitude":', '"on_ground":', '"squawk":', 'null', 'true', 'false', '[[', ']]', '{"0":', '"4ca2d6"', '"2018-08-01T10:00:00Z"',
  'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact', 'icao24', 'timestamp', '"', '""', ',,'];
const RADAR_DICTIONARY = ['sensor,track,time,lat,lon,altitude_ft,speed_kt,heading,classification,confidence', '{"sensor":', '"track":', '"time":', '"lat":', '"lon":', '"classification":', '"altitudeFt":', '"speedKn":', '"headingDeg":', '"confidence":',
  'uav', 'missile', 'fixed-wing', 'rotary', 'unknown', '2026-03-25T02:10:00Z', '1774404600', '"__proto__"', '"constructor"', 'null', '"', ','];
const REPORT_DICTIONARY = ['id,time,lat,lon,category,party,source,description,links,attachments,killed,injured', '{"id":', '"time":', '"lat":', '"lon":', '"category":', '"party":', '"links":', '"attachments":', '"casualties":', '{"killed":', '"sha256":', '"timePrecision":', '"geoPrecision":',
  'drone-attack', 'shelling', 'air-strike', 'other', '2026-03-25T02:10:00Z', '"__proto__"', '__proto__', 'constructor', '|', '"', '""', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'];
const ACLED_DICTIONARY = ['event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp',
  'UKR1', '2024-03-25', '25 March 2024', 'Air/drone strike', 'Shelling/artillery/missile attack', 'Military Forces of Russia (2000-)', 'Military Forces of Ukraine (2019-)', 'Explosions/Remote violence', '"', '""', ',,', '1', '2', '3'];
const AGREEMENT_DICTIONARY = ['agreement:', 'title:', 'version:', 'effective:', 'from:', 'to:', 'parties:', 'flags:', 'zones:', '- id:', 'geometry:', 'type:', 'Polygon', 'MultiPolygon', 'LineString', 'coordinates:', 'circle:', 'center:', 'radiusNm:', 'file:',
  'kind:', 'rules:', 'no-entry', 'must-transmit', 'no-loiter', 'no-rendezvous', 'position-integrity', 'transit', 'no-fly', 'no-strike', 'air-integrity', 'params:', 'maxGap:', 'excludeZones:', 'applies:', 'severity:', '30m', '2h', '1e999s',
  '&a', '*a', '<<: *a', '!!binary', '!!set', '? ', '{ ', ' }', '[', ']', '\n  ', '\n- ', '~', 'null', '"\\u0000"', '|\n', '>-\n', '%YAML 1.2\n---\n', '---\n', '...\n', 'zones/western-corridor.geojson'];

const API_DICTIONARY = ['GET ', 'POST ', 'PATCH ', 'DELETE ', 'PUT ', '/api/', '/api/reports', '/api/reports/import', '/api/incidents', '/api/alerts', '/api/tracks', '/api/observations', '/api/ogc/collections/tracks/items', '/api/audit', '/api/users', '/api/tokens', '/api/export/',
  '?', '&', '=', '%', '%00', '%ZZ', '%F0%9F', 'bbox=', 'from=', 'to=', 'limit=', 'cursor=', 'since=', 'kind=', 'status=', 'format=', 'marking=', 'application/json', 'text/plain', 'text/csv', 'application/x-ndjson', 'verifier', 'admin', 'viewer',
  '"id":', '"time":', '"lat":', '"lon":', '"category":', '"marking":', '"alertIds":', '"reportIds":', '"to":', '"verdict":', '"assignee":', '"text":', '"severity":', '"scopes":', '"ttlMs":', '"password":', '"username":', '"nation":', '"roles":',
  'COALITION', 'REL TO GBR', 'ORIGINATOR ONLY', '2026-03-25T02:10:00Z', 'null', 'true', '[]', '{}', '"\\u0000"', '"\\u202e"', '1e999', '-1', '9007199254740993'];

type Opened = { run: RunInput; close(): Promise<void> };

/**
 * Each target's code is imported only when it is fuzzed: V8's coverage take serialises every
 * loaded script, so a worker that loaded the API to fuzz AIS lines would pay for it per batch.
 */
const lines = (name: Parameters<typeof import('./line-targets.js')['openLineTarget']>[0]) => async (): Promise<Opened> => (await import('./line-targets.js')).openLineTarget(name);
const openAgreement = async (): Promise<Opened> => (await import('./agreement-target.js')).openAgreementTarget();
const openApi = async (): Promise<Opened> => (await import('./api-target.js')).openApiTarget();

export const TARGETS: readonly FuzzTarget[] = [
  { name: 'ais', summary: 'AIS NMEA lines (one- and multi-part, $PGHP and trailing times)', dictionary: AIS_DICTIONARY, fixChecksums: 0.5, open: lines('ais') },
  { name: 'tag-block', summary: 'NMEA 4.10 tag blocks before AIS sentences', dictionary: AIS_DICTIONARY, fixChecksums: 0.5, open: lines('tag-block') },
  { name: 'sbs', summary: 'SBS-1/BaseStation lines', dictionary: SBS_DICTIONARY, open: lines('sbs') },
  { name: 'opensky-json', summary: 'OpenSky state vectors as JSON (REST, records, JSON Lines, column-oriented)', dictionary: OPENSKY_DICTIONARY, open: lines('opensky') },
  { name: 'opensky-csv', summary: 'OpenSky state vectors as CSV', dictionary: OPENSKY_DICTIONARY, open: lines('opensky') },
  { name: 'radar-csv', summary: 'radar tracks as CSV', dictionary: RADAR_DICTIONARY, open: lines('radar') },
  { name: 'radar-jsonl', summary: 'radar tracks as JSON Lines', dictionary: RADAR_DICTIONARY, open: lines('radar') },
  { name: 'reports-jsonl', summary: 'incident reports as JSON Lines', dictionary: REPORT_DICTIONARY, open: lines('reports') },
  { name: 'reports-csv', summary: 'incident reports as CSV', dictionary: REPORT_DICTIONARY, open: lines('reports') },
  { name: 'acled', summary: 'ACLED event CSV', dictionary: ACLED_DICTIONARY, open: lines('acled') },
  { name: 'agreement', summary: 'agreement YAML', dictionary: AGREEMENT_DICTIONARY, open: openAgreement },
  { name: 'api', summary: 'API bodies and query strings through Fastify inject (a 5xx is a finding)', dictionary: API_DICTIONARY, open: openApi },
];

export function targetByName(name: string): FuzzTarget | undefined {
  return TARGETS.find((t) => t.name === name);
}

