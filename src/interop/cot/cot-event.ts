/**
 * Vigil records as Cursor on Target 2.0 events (MITRE CoT base schema, Event.xsd — our copy is
 * `cot-xsd/cot-event.xsd`): one `<event>` per track or alert, for TAK servers and ATAK/WinTAK.
 *
 * ```xml
 * <event version="2.0" uid="vigil.track.mmsi:273456780" type="a-n-S-X-M-O" time="…Z" start="…Z" stale="…Z" how="m-g">
 *   <point lat="44.61" lon="33.52" hae="9999999" ce="9999999" le="9999999"/>
 *   <detail><contact callsign="…"/><track course="…" speed="…"/><remarks>…</remarks><__vigil …/></detail>
 * </event>
 * ```
 *
 * Pure and deterministic: times come from the record (a track's last fix, an alert's start or
 * end), never from a clock, and attributes are always written in the same order, so the same
 * record gives the same bytes. Speeds are m/s as CoT's `<track>` wants them; 9999999 is CoT's
 * "unknown" for `hae`, `ce` and `le`.
 */
import type { Alert } from '../../core/alert/alert.js';
import { formatMarking, type Marking } from '../../store/marking.js';
import type { AlertStatus, Releasability, TrackRecord } from '../../store/ports.js';
import { cotTypeOf, DEFAULT_ALERT_TYPE, HOW_OF_KIND } from './cot-type.js';
import { escapeXml } from './cot-xml.js';

/** CoT's value for an unknown height, circular or linear error (MITRE Event.xsd practice, ATAK `COT_*_UNKNOWN`). */
export const COT_UNKNOWN = 9999999;
/** 1 kn = 1852 m / 3600 s. */
export const MPS_PER_KNOT = 1852 / 3600;
/** 1 ft = 0.3048 m (international foot). */
export const M_PER_FT = 0.3048;

/** Prefixes of the uids Vigil writes: stable across runs, so a TAK client updates one marker per track or alert. */
export const TRACK_UID_PREFIX = 'vigil.track.';
export const ALERT_UID_PREFIX = 'vigil.alert.';

export interface CotEventOptions {
  /** `stale` = `time` + this many seconds (TAK clients fade and drop stale markers). */
  staleSeconds: number;
  /** The output's own stamp (e.g. `REL TO GBR`), written first in the remarks. */
  marking?: Marking | undefined;
  /** Flags of the coalition's own assets: their non-civil craft are friendly `f` (see cot-type.ts). */
  ownFlags?: readonly string[];
}

export interface AlertCotOptions extends CotEventOptions {
  /** `stale` of an open alert = its start + this many seconds (an open alert stays on the map that long unless closed). */
  alertStaleSeconds: number;
  /** CoT type of alert events; `b-m-p-s-m` (spot map) by default, see `DEFAULT_ALERT_TYPE`. */
  alertType?: string;
}

/**
 * A decimal without exponent (xs:decimal forbids one), at most `digits` fraction digits,
 * trailing zeros dropped. 7 digits of a degree are 1 cm.
 *
 * @example decimal(33.5200001, 7) // '33.52'
 */
export function decimal(x: number, digits: number): string {
  // toFixed switches to exponent notation from 1e21 on: far beyond any coordinate, speed or height.
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) throw new Error(`decimal(${x}): CoT numbers must be finite and below 1e21`);
  let s = x.toFixed(digits);
  if (s.indexOf('.') >= 0) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** ISO 8601 UTC with milliseconds and `Z`, as CoT times are written. */
function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function attrs(pairs: readonly (readonly [string, string | number | undefined])[]): string {
  let out = '';
  for (const [k, v] of pairs) if (v !== undefined) out += ` ${k}="${typeof v === 'number' ? String(v) : escapeXml(v)}"`;
  return out;
}

function point(lat: number, lon: number, haeM: number | undefined): string {
  return `<point lat="${decimal(lat, 7)}" lon="${decimal(lon, 7)}" hae="${haeM === undefined ? COT_UNKNOWN : decimal(haeM, 1)}" ce="${COT_UNKNOWN}" le="${COT_UNKNOWN}"/>`;
}

function stampOf(o: CotEventOptions): string {
  return o.marking === undefined ? '' : `[${formatMarking(o.marking)}] `;
}

function releasabilityText(r: Releasability): string {
  return `Releasability ${formatMarking(r.marking)}, originator ${r.originator}.`;
}

const KIND_WORD = { vessel: 'vessel', aircraft: 'aircraft', radar: 'radar track', report: 'report' } as const;

/** The `uid` of a track's events. */
export function trackUid(trackId: string): string {
  return TRACK_UID_PREFIX + trackId;
}

/** The `uid` of an alert's events. */
export function alertUid(alertId: string): string {
  return ALERT_UID_PREFIX + alertId;
}

/**
 * A track's state as one CoT event: time = start = the last fix, stale = time + `staleSeconds`;
 * type from kind, category, flag and ship type (cot-type.ts); callsign = name, else callsign,
 * else id; releasability in the remarks and in `<__vigil marking originator>`.
 *
 * @example
 * trackToCot({ id: 'mmsi:273456780', kind: 'vessel', category: 'civil', shipType: 80, lastMs: 1774404600000, lon: 33.52, lat: 44.61, fixes: 3, originator: 'FRA', marking: { kind: 'COALITION' } }, { staleSeconds: 300 })
 * // '<event version="2.0" uid="vigil.track.mmsi:273456780" type="a-n-S-X-M-O" time="2026-03-25T02:10:00.000Z" … how="m-g"><point lat="44.61" lon="33.52" …/>…</event>'
 */
export function trackToCot(rec: TrackRecord, o: CotEventOptions): string {
  const type = cotTypeOf(rec, o.ownFlags ?? []);
  const time = isoTime(rec.lastMs);
  const callsign = rec.name ?? rec.callsign ?? rec.id;
  const haeM = rec.altitudeFt === undefined ? undefined : rec.altitudeFt * M_PER_FT;
  let track = '';
  if (rec.courseDeg !== undefined || rec.speedKn !== undefined) {
    track = `<track${attrs([
      ['course', rec.courseDeg === undefined ? undefined : decimal(rec.courseDeg, 1)],
      ['speed', rec.speedKn === undefined ? undefined : decimal(rec.speedKn * MPS_PER_KNOT, 2)],
    ])}/>`;
  }
  const who = [rec.category, rec.flag === undefined ? undefined : `flag ${rec.flag}`, rec.party === undefined ? undefined : `party ${rec.party}`].filter((x) => x !== undefined).join(', ');
  const remarks = `${stampOf(o)}Vigil ${KIND_WORD[rec.kind]} ${rec.id}${rec.name === undefined ? '' : ` "${rec.name}"`}: ${who}. ${releasabilityText(rec)}`;
  return `<event version="2.0"${attrs([['uid', trackUid(rec.id)], ['type', type], ['time', time], ['start', time], ['stale', isoTime(rec.lastMs + o.staleSeconds * 1000)], ['how', HOW_OF_KIND[rec.kind]]])}>`
    + point(rec.lat, rec.lon, haeM)
    + `<detail><contact${attrs([['callsign', callsign]])}/>${track}<remarks>${escapeXml(remarks)}</remarks>`
    + `<__vigil${attrs([
      ['id', rec.id], ['kind', rec.kind], ['category', rec.category], ['flag', rec.flag], ['party', rec.party],
      ['marking', formatMarking(rec.marking)], ['originator', rec.originator], ['outputMarking', o.marking === undefined ? undefined : formatMarking(o.marking)],
    ])}/></detail></event>`;
}

/**
 * An alert as one CoT marker at the alert's position. Open: time = start = the alert's start,
 * stale = start + `alertStaleSeconds`. Closed: time = start = its end, stale = end +
 * `staleSeconds`, remarks say "closed" — the marker is updated and fades out, never deleted
 * (Vigil closes alerts, it does not delete them). Remarks give rule, type, severity, status,
 * entity and zone.
 *
 * @example
 * alertToCot(alert, 'open', { originator: 'GBR', marking: { kind: 'REL_TO', nations: ['FRA'] } }, { staleSeconds: 300, alertStaleSeconds: 86400 })
 * // '<event version="2.0" uid="vigil.alert.3f…" type="b-m-p-s-m" … how="m-g">…<remarks>Vigil alert no-entry-sevastopol (no-entry, high) open: …</remarks>…</event>'
 */
export function alertToCot(a: Alert, status: AlertStatus, rel: Releasability, o: AlertCotOptions): string {
  const closed = status === 'closed' && a.end !== null;
  const startMs = Date.parse(closed ? a.end! : a.start);
  if (Number.isNaN(startMs)) throw new Error(`alert ${a.id}: start/end "${closed ? a.end : a.start}" is not an ISO 8601 time`);
  const time = isoTime(startMs);
  const staleMs = startMs + (closed ? o.staleSeconds : o.alertStaleSeconds) * 1000;
  const entity = `${a.entity.kind} ${a.entity.id}${a.entity.name === undefined ? '' : ` "${a.entity.name}"`}${a.entity.party === undefined ? '' : ` (party ${a.entity.party})`}`;
  const other = a.other === undefined ? '' : ` with ${a.other.id}${a.other.name === undefined ? '' : ` "${a.other.name}"`}`;
  const when = closed ? `from ${a.start} to ${a.end}` : `since ${a.start}`;
  const remarks = `${stampOf(o)}Vigil alert ${a.rule} (${a.type}, ${a.severity}) ${closed ? 'closed' : 'open'}: ${entity}${other}${a.zone === null ? '' : ` in zone ${a.zone}`}, ${when}. ${releasabilityText(rel)}`;
  return `<event version="2.0"${attrs([['uid', alertUid(a.id)], ['type', o.alertType ?? DEFAULT_ALERT_TYPE], ['time', time], ['start', time], ['stale', isoTime(staleMs)], ['how', HOW_OF_KIND[a.entity.kind]]])}>`
    + point(a.position.lat, a.position.lon, undefined)
    + `<detail><contact${attrs([['callsign', `${a.rule}: ${a.entity.name ?? a.entity.id}`]])}/><remarks>${escapeXml(remarks)}</remarks>`
    + `<__vigil${attrs([
      ['alert', a.id], ['rule', a.rule], ['ruleType', a.type], ['severity', a.severity], ['status', closed ? 'closed' : 'open'], ['zone', a.zone ?? undefined],
      ['entity', a.entity.id], ['marking', formatMarking(rel.marking)], ['originator', rel.originator],
      ['outputMarking', o.marking === undefined ? undefined : formatMarking(o.marking)],
    ])}/></detail></event>`;
}
