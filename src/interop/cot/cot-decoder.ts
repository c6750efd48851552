/**
 * Cursor on Target input (docs/formats.md "Cursor on Target"): a stream of CoT 2.0 `<event>`
 * documents — from a TAK server's streaming output, an ATAK device, or a file of what Vigil's
 * own CoT output wrote — as engine events.
 *
 * Events may come several to a line, split across lines, with or without an XML declaration
 * each: text is buffered until `</event>` (at most `MAX_EVENT_CHARS`). Each event is parsed by
 * the strict little parser of cot-xml.ts, then:
 * - an atom (`a-…`) of the sea surface (`S`) or subsurface (`U`) becomes a vessel fix, of the
 *   air (`A`) a radar-kind fix (a non-cooperative air track: no ICAO address, no transponder
 *   data), with the entity id `track:cot:<uid>` — a form agreement `entities` can name. A
 *   uid Vigil wrote itself (`vigil.track.<id>`) gives back the original id and kind
 *   (`mmsi:…` vessel, `icao:…` aircraft, `track:…` radar), so a CoT round trip keeps ids;
 * - a spot marker (`b-m-p-s-…`, e.g. ATAK's `b-m-p-s-m`) becomes an incident report
 *   `cot:<uid>` of category `other`, its remarks as description and its callsign as source;
 * - Vigil's own alert markers (`vigil.alert.…`) are accepted and skipped: an alert fed back
 *   in would be derived twice;
 * - everything else is rejected with a reason (`COT_REJECT_REASONS`), never thrown.
 *
 * A new callsign of an atom becomes static info (a vessel's or radar track's name, an
 * aircraft's callsign), and a vessel's 2525 function its AIS ship type (`shipTypeOfCotType`:
 * `a-h-S-C` → 35 military), so the agreement's category rules apply. `<track speed>` is m/s (CoT), `hae` metres; values out of range
 * (negative speeds, CoT's 9999999 "unknown") are left out of the fix rather than rejecting it.
 */
import type { EngineEvent, Fix, StaticInfo } from '../../core/track/observation.js';
import { parseDecimal, parseIsoTimeMs } from '../../decode/field-values.js';
import { LineTally, type DecodeSink } from '../../decode/line-tally.js';
import { isoTime, readIncidentReport, reportEvent } from '../../decode/reports/incident-report-schema.js';
import { ALERT_UID_PREFIX, COT_UNKNOWN, M_PER_FT, MPS_PER_KNOT, TRACK_UID_PREFIX } from './cot-event.js';
import { shipTypeOfCotType } from './cot-type.js';
import { childOf, parseXml, type XmlElement } from './cot-xml.js';

/** Why a CoT event (or text between events) was not used. */
export const COT_REJECT_REASONS = [
  'bad-xml',          // not well-formed XML, text between events, or an <event> still open at the end
  'event-too-long',   // no </event> within MAX_EVENT_CHARS
  'bad-uid',          // uid missing, or not 1–120 characters without white space
  'bad-type',         // type missing or not a CoT type (fields joined by "-")
  'bad-time',         // time missing or not ISO 8601
  'no-point',         // no <point>, or an atom at 0,0 (CoT's placeholder when there is no fix)
  'bad-point',        // lat/lon not decimals or out of range
  'unsupported-type', // not a sea or air atom, nor a spot marker (ground units, chat, pings, drawings…)
  'bad-report',       // a spot marker that does not make a valid incident report
] as const;

/**
 * Longest event accepted, characters. A track or marker is well under 2 KB; ATAK events with
 * a rich `<detail>` (a drawn shape's vertices, attachments) reach tens of KB. 256 KB bounds the
 * buffer on a stream that never closes its `<event>`.
 */
export const MAX_EVENT_CHARS = 262_144;
/**
 * `splitLines` cuts lines at this length (its default): a piece that long was cut from a
 * longer line — a TAK stream often has no line breaks at all — so no newline is put back
 * between it and the next piece.
 */
const CUT_LINE_LENGTH = 65_536;
/** Static info (callsign, ship type) remembered per entity, to emit it only on change; cleared beyond this, as the AIS id cache is. */
const MAX_STATICS = 100_000;

const UID = /^\S{1,120}$/;
const TYPE = /^\w+(-\w+)*(;[^;]*)?$/;
/** Entity ids Vigil writes (src/core/agreement/schema.ts `entitySchema`). */
const VIGIL_ENTITY = /^(mmsi:\d{9}|icao:[0-9a-f]{6}|track:[^:\s]+:\S+)$/;
const EVENT_START = /<event[\s/>]/g;
/** 30,000 kt (a missile's re-entry; radar-track.ts's bound) in m/s. */
const MAX_SPEED_MPS = 30_000 * MPS_PER_KNOT;
/** Longest remarks kept as a report description. */
const MAX_DESCRIPTION = 4000;

/**
 * Decodes a CoT stream into fixes, static info and reports; see the module comment.
 *
 * @example
 * const d = new CotDecoder(sink);
 * d.push('<event version="2.0" uid="ANDROID-1" type="a-u-S" time="2026-03-25T02:10:00Z" start="2026-03-25T02:10:00Z" stale="2026-03-25T02:15:00Z" how="m-g"><point lat="44.6" lon="33.5" hae="0" ce="10" le="10"/></event>');
 * // → fix { entityId: 'track:cot:ANDROID-1', entityKind: 'vessel', lat: 44.6, lon: 33.5, … }
 */
export class CotDecoder {
  private readonly tally: LineTally;
  private buf = '';
  /** After an over-long event: the rest of it is dropped (it was rejected once) up to the next event, declaration or comment. */
  private skipping = false;
  private readonly statics = new Map<string, string>();

  constructor(sink: DecodeSink) {
    this.tally = new LineTally(sink);
  }

  get counters(): LineTally['counters'] {
    return this.tally.counters;
  }

  /** One input line (events may span lines, or share one). */
  push(raw: string): void {
    this.tally.line();
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' && this.buf.trim() === '') this.tally.counters.blank++;
    else this.tally.counters.heldLines++;
    this.buf += line.length >= CUT_LINE_LENGTH ? line : line + '\n';
    this.drain(false);
  }

  /** End of input: an event still open is rejected. */
  flush(): void {
    if (!this.skipping) this.drain(true);
    this.buf = '';
    this.skipping = false;
  }

  private drain(final: boolean): void {
    const b = this.buf;
    let i = 0;
    if (this.skipping) {
      i = nextMarker(b, 0);
      // Keep a tail that may be the start of a marker cut by a line limit.
      if (i >= b.length) i = Math.max(0, b.length - 6);
      else this.skipping = false;
    }
    while (i < b.length && !this.skipping) {
      while (i < b.length && (b[i] === ' ' || b[i] === '\n' || b[i] === '\t' || b[i] === '\r')) i++;
      if (i >= b.length) break;
      if (b.startsWith('<event', i) && i + 6 < b.length && /[\s/>]/.test(b[i + 6]!)) {
        const end = eventEnd(b, i);
        if (end < 0) {
          if (final) {
            this.tally.rejectRecord('bad-xml', '<event> not closed at the end of the input', b.slice(i));
            i = b.length;
          } else if (b.length - i > MAX_EVENT_CHARS) {
            this.tally.rejectRecord('event-too-long', `no </event> within ${MAX_EVENT_CHARS} characters`, b.slice(i, i + 200));
            i = nextMarker(b, i + 1);
            if (i >= b.length) {
              this.skipping = true;
              i = b.length;
            }
            continue;
          }
          break;
        }
        this.event(b.slice(i, end));
        i = end;
        continue;
      }
      const closer = b.startsWith('<?', i) ? '?>' : b.startsWith('<!--', i) ? '-->' : undefined;
      if (closer !== undefined) {
        const k = b.indexOf(closer, i);
        if (k >= 0) {
          i = k + closer.length;
          continue;
        }
        if (!final && b.length - i <= MAX_EVENT_CHARS) break;
      } else if (!final && isMarkerPrefix(b, i)) {
        break;
      }
      const stop = nextMarker(b, i + 1);
      const text = b.slice(i, stop).trim();
      if (text !== '') this.tally.rejectRecord('bad-xml', 'text outside an <event> element', text);
      i = stop;
    }
    this.buf = i >= b.length ? '' : b.slice(i);
  }

  /** One complete `<event …>…</event>` (or self-closed) document. */
  private event(raw: string): void {
    const t = this.tally;
    const doc = utf8Text(raw);
    const parsed = parseXml(doc);
    if (!parsed.ok) return t.rejectRecord('bad-xml', parsed.error, doc);
    const ev = parsed.value;
    const uid = ev.attrs.get('uid');
    if (uid === undefined || !UID.test(uid)) return t.rejectRecord('bad-uid', `uid ${show(uid)} must be 1–120 characters without white space`, doc);
    const typeAttr = ev.attrs.get('type');
    if (typeAttr === undefined || !TYPE.test(typeAttr)) return t.rejectRecord('bad-type', `type ${show(typeAttr)} is not a CoT type such as a-n-S`, doc);
    const type = typeAttr.split(';')[0]!;
    const timeText = ev.attrs.get('time');
    const timeMs = timeText === undefined ? undefined : parseIsoTimeMs(timeText);
    if (timeMs === undefined) return t.rejectRecord('bad-time', `time ${show(timeText)} is not ISO 8601`, doc);
    if (uid.startsWith(ALERT_UID_PREFIX)) return this.accepted(0);
    const parts = type.split('-');
    const atom = parts[0] === 'a' && parts.length >= 3;
    const spot = type === 'b-m-p-s' || type.startsWith('b-m-p-s-');
    if (!atom && !spot) return t.rejectRecord('unsupported-type', `type ${type}: only sea and air atoms (a-*-S, a-*-U, a-*-A) and spot markers (b-m-p-s-*) are read`, doc);
    const p = childOf(ev, 'point');
    if (p === undefined) return t.rejectRecord('no-point', 'the event has no <point>', doc);
    const lat = parseDecimal(p.attrs.get('lat') ?? '');
    const lon = parseDecimal(p.attrs.get('lon') ?? '');
    if (lat === undefined || lon === undefined || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      return t.rejectRecord('bad-point', `lat ${show(p.attrs.get('lat'))}, lon ${show(p.attrs.get('lon'))} is not a position`, doc);
    }
    const detail = childOf(ev, 'detail');
    const callsign = detail === undefined ? undefined : nonEmpty(childOf(detail, 'contact')?.attrs.get('callsign'));
    if (spot) return this.report(uid, timeMs, lat, lon, callsign, detail, doc);
    const dim = parts[2]!;
    let entityId: string;
    let entityKind: Fix['entityKind'];
    const own = uid.startsWith(TRACK_UID_PREFIX) ? uid.slice(TRACK_UID_PREFIX.length) : undefined;
    const fromVigil = own !== undefined && VIGIL_ENTITY.test(own);
    // Vigil writes the fixes it took as they were; others put a no-fix atom at 0,0.
    if (lat === 0 && lon === 0 && !fromVigil) return t.rejectRecord('no-point', 'an atom at 0,0: CoT\'s placeholder for "no fix"', doc);
    if (fromVigil) {
      entityId = own!;
      entityKind = own!.startsWith('mmsi:') ? 'vessel' : own.startsWith('icao:') ? 'aircraft' : 'radar';
    } else if (dim === 'S' || dim === 'U' || dim === 'A') {
      entityId = `track:cot:${uid}`;
      entityKind = dim === 'A' ? 'radar' : 'vessel';
    } else {
      return t.rejectRecord('unsupported-type', `type ${type}: battle dimension ${dim} is neither sea (S, U) nor air (A)`, doc);
    }
    const fix: Fix = { kind: 'fix', timeMs, entityId, entityKind, lon, lat };
    const track = detail === undefined ? undefined : childOf(detail, 'track');
    const speedMps = inRange(track?.attrs.get('speed'), 0, MAX_SPEED_MPS);
    if (speedMps !== undefined) fix.speedKn = speedMps / MPS_PER_KNOT;
    const course = inRange(track?.attrs.get('course'), 0, 360);
    if (course !== undefined) fix.courseDeg = course;
    const hae = inRange(p.attrs.get('hae'), -COT_UNKNOWN + 1, COT_UNKNOWN - 1);
    if (hae !== undefined && entityKind !== 'vessel') fix.altitudeFt = hae / M_PER_FT;
    if (entityKind === 'radar') fix.classification = airClassification(parts);
    let events = 1;
    const name = callsign !== undefined && callsign !== entityId ? callsign : undefined;
    const shipType = entityKind === 'vessel' ? shipTypeOfCotType(type) : undefined;
    const key = `${name ?? ''}\u001f${shipType ?? ''}`;
    if ((name !== undefined || shipType !== undefined) && this.statics.get(entityId) !== key) {
      if (this.statics.size >= MAX_STATICS) this.statics.clear();
      this.statics.set(entityId, key);
      const s: StaticInfo = { kind: 'static', timeMs, entityId, entityKind, name: undefined, shipType, callsign: undefined, imo: undefined };
      if (entityKind === 'aircraft') s.callsign = name;
      else s.name = name;
      this.emit(s);
      events++;
    }
    this.emit(fix);
    this.accepted(events);
  }

  private report(uid: string, timeMs: number, lat: number, lon: number, callsign: string | undefined, detail: XmlElement | undefined, doc: string): void {
    const remarks = detail === undefined ? undefined : nonEmpty(childOf(detail, 'remarks')?.text.trim());
    const r = readIncidentReport({
      id: `cot:${uid}`, time: isoTime(timeMs), lat, lon, category: 'other', source: callsign ?? uid,
      ...(remarks !== undefined ? { description: remarks.slice(0, MAX_DESCRIPTION) } : {}),
    });
    if (!r.ok) return this.tally.rejectRecord('bad-report', `${r.reason}: ${r.detail}`, doc);
    this.emit(reportEvent(r.report, r.timeMs));
    this.accepted(1);
  }

  private emit(e: EngineEvent): void {
    this.tally.event(e);
  }

  private accepted(events: number): void {
    const c = this.tally.counters;
    c.records++;
    if (events > 0) c.recordsWithEvents++;
    else c.recordsWithoutEvent++;
  }
}

/**
 * Index just after the event that starts at `i`: after `</event>`, or after `/>` of a
 * self-closed `<event …/>`; -1 while it is incomplete. Quoted attribute values may hold `>`.
 */
function eventEnd(b: string, i: number): number {
  let q: string | undefined;
  let j = i + 6;
  for (; j < b.length; j++) {
    const c = b[j];
    if (q !== undefined) {
      if (c === q) q = undefined;
    } else if (c === '"' || c === "'") {
      q = c;
    } else if (c === '>') {
      break;
    }
  }
  if (j >= b.length) return -1;
  if (b[j - 1] === '/') return j + 1;
  for (let k = b.indexOf('</event', j); k >= 0; k = b.indexOf('</event', k + 7)) {
    let m = k + 7;
    while (m < b.length && (b[m] === ' ' || b[m] === '\n' || b[m] === '\t' || b[m] === '\r')) m++;
    if (m >= b.length) return -1;
    if (b[m] === '>') return m + 1;
  }
  return -1;
}

/** Start of the next event, declaration or comment at or after `from` (the buffer's end when none). */
function nextMarker(b: string, from: number): number {
  let best = b.length;
  EVENT_START.lastIndex = from;
  const e = EVENT_START.exec(b);
  if (e !== null) best = e.index;
  const d = b.indexOf('<?', from);
  if (d >= 0 && d < best) best = d;
  const c = b.indexOf('<!--', from);
  if (c >= 0 && c < best) best = c;
  return best;
}

/** True when the buffer's rest from `i` could still become `<event `, `<?` or `<!--`. */
function isMarkerPrefix(b: string, i: number): boolean {
  const rest = b.slice(i);
  return rest.length < 7 && ('<event '.startsWith(rest) || '<!--'.startsWith(rest));
}

/**
 * CoT is UTF-8, but lines arrive read as latin1 (ingest reads bytes one to a character, see
 * split-lines.ts): text made only of such characters with some ≥ 0x80 is re-read as UTF-8,
 * unless it is not valid UTF-8 (then latin1 it stays).
 */
function utf8Text(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  const u = Buffer.from(s, 'latin1').toString('utf8');
  return u.includes('\uFFFD') ? s : u;
}

/** The radar classification an air atom's function implies (MIL-STD-2525 via CoTtypes.xml: `W-M` missile, `Q`/`q` drone, `H` rotary, `F` fixed wing). */
function airClassification(parts: readonly string[]): string {
  const fn = parts.slice(3);
  if (fn[0] === 'W' && fn[1] === 'M') return 'missile';
  if (fn.includes('Q') || fn.includes('q')) return 'uav';
  if (fn[1] === 'H') return 'rotary';
  if (fn[1] === 'F') return 'fixed-wing';
  return 'unknown';
}

function inRange(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = parseDecimal(text);
  return n !== undefined && n >= min && n <= max ? n : undefined;
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t === undefined || t === '' ? undefined : t;
}

function show(v: string | undefined): string {
  if (v === undefined) return '(missing)';
  return v.length > 60 ? `"${v.slice(0, 60)}…"` : `"${v}"`;
}
