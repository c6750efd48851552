import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import type { EngineEvent, ReportEvent } from '../../core/track/observation.js';
import { REPO_ROOT } from '../../../test/helpers/shared-data.js';
import type { LineCounters } from '../line-tally.js';
import { acledCategory, acledDateMs, acledParty, AcledDecoder, looksLikeAcled } from './acled.js';

function decode(lines: readonly string[]) {
  const events: EngineEvent[] = [];
  const rejects: { reason: string; detail: string; line: string }[] = [];
  const d = new AcledDecoder({ event: (e) => events.push(e), reject: (reason, detail, line) => rejects.push({ reason, detail, line }) });
  for (const l of lines) d.push(l);
  d.flush();
  return { events: events as ReportEvent[], rejects, counters: d.counters };
}

function accounted(c: LineCounters): number {
  return c.blank + c.comments + c.metadata + c.eventLines + c.rejectedLines + c.heldLines;
}

const HEADER = 'event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,admin1,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities';

test('maps an air/drone strike to drone-attack when the notes name a drone, air-strike otherwise', () => {
  assert.equal(acledCategory('Air/drone strike', 'Russian forces attacked the port of Izmail with UAVs.'), 'drone-attack');
  assert.equal(acledCategory('Air/drone strike', 'Shahed-136 hit Odesa'), 'drone-attack');
  assert.equal(acledCategory('Air/drone strike', 'Russian forces launched drones at Reni.'), 'drone-attack');
  assert.equal(acledCategory('Air/drone strike', 'Guided aerial bombs dropped on Ochakiv.'), 'air-strike');
});

test('maps shelling to missile-attack when the notes name a missile, shelling otherwise, even at a port or a ship', () => {
  assert.equal(acledCategory('Shelling/artillery/missile attack', 'Iskander-M ballistic missile struck Odesa.'), 'missile-attack');
  assert.equal(acledCategory('Shelling/artillery/missile attack', 'Artillery shelled Mykolaiv.'), 'shelling');
  assert.equal(acledCategory('Shelling/artillery/missile attack', 'Shelling hit the river port of Kherson and a moored vessel; a ship burned.'), 'shelling');
});

test('maps remote explosives to mine and every other sub-event to other', () => {
  assert.equal(acledCategory('Remote explosive/landmine/IED', 'A ship struck a sea mine.'), 'mine');
  assert.equal(acledCategory('Armed clash', 'Clashes near Kherson, drones used.'), 'other');
  assert.equal(acledCategory('Attack', ''), 'other');
  assert.equal(acledCategory('Peaceful protest', 'missile'), 'other');
});

test('takes the party from Russian and Ukrainian military actors only', () => {
  assert.equal(acledParty('Military Forces of Russia (2000-)'), 'RU');
  assert.equal(acledParty('Military Forces of Russia (2000-) Air Force'), 'RU');
  assert.equal(acledParty('Military Forces of Ukraine (2019-)'), 'UA');
  assert.equal(acledParty('Unidentified Armed Group (Ukraine)'), undefined);
  assert.equal(acledParty('Military Forces of Russiaa'), undefined);
});

test('reads event dates at noon UTC in both ACLED date styles', () => {
  const noon = Date.UTC(2024, 2, 25, 12);
  assert.equal(acledDateMs('2024-03-25'), noon);
  assert.equal(acledDateMs('25 March 2024'), noon);
  assert.equal(acledDateMs('25-Mar-2024'), noon);
  assert.equal(acledDateMs('2024-02-30'), undefined);
  assert.equal(acledDateMs('25 Marc 2024'), undefined);
});

test('maps a whole ACLED row to a report with every field', () => {
  const { events, rejects } = decode([
    HEADER,
    'UKR123,2024-03-25,2,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),Civilians (Ukraine),Odeska,Izmail,45.3503,28.8375,1,Suspilne; Reuters,National-International,"On 25 March 2024, Russian forces attacked the port of Izmail with Shahed drones, ""massive"" damage.",2',
  ]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(events, [{
    kind: 'report', timeMs: Date.UTC(2024, 2, 25, 12), entityId: 'report:UKR123',
    report: {
      id: 'UKR123', time: '2024-03-25T12:00:00Z', lat: 45.3503, lon: 28.8375, category: 'drone-attack', timePrecision: 'week', geoPrecision: 'town', party: 'RU',
      source: 'Suspilne; Reuters', sourceType: 'open-source', description: 'On 25 March 2024, Russian forces attacked the port of Izmail with Shahed drones, "massive" damage.',
      casualties: { killed: 2 }, eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike', actor1: 'Military Forces of Russia (2000-)', actor2: 'Civilians (Ukraine)',
      admin1: 'Odeska', location: 'Izmail', sourceScale: 'National-International',
    },
  }]);
});

test('rejects rows without coordinates, with a bad date, id, precision or fatalities', () => {
  const row = (over: Partial<Record<string, string>>) => {
    const v: Record<string, string> = { event_id_cnty: 'UKR1', event_date: '2024-03-25', time_precision: '1', event_type: 'Battles', sub_event_type: 'Armed clash', actor1: '', actor2: '', admin1: '', location: '', latitude: '46.1', longitude: '30.2', geo_precision: '1', source: '', source_scale: '', notes: '', fatalities: '0', ...over };
    return HEADER.split(',').map((c) => v[c]).join(',');
  };
  const { rejects, events } = decode([HEADER, row({ latitude: '' }), row({ event_date: '2024/13/01' }), row({ event_id_cnty: '' }), row({ time_precision: '4' }), row({ fatalities: 'many' }), row({ longitude: '200' }), row({})]);
  assert.equal(events.length, 1);
  assert.deepEqual(rejects.map((r) => r.reason), ['missing-coordinates', 'bad-date', 'bad-id', 'bad-field', 'bad-field', 'bad-position']);
});

test('detects an ACLED header', () => {
  assert.ok(looksLikeAcled([HEADER]));
  assert.ok(looksLikeAcled(['"event_id_cnty","event_date","year"']));
  assert.equal(looksLikeAcled(['id,time,lat,lon,category']), false);
});

test('imports every row of the ACLED sample as a report or a rejection with a reason', () => {
  const lines = readFileSync(resolve(REPO_ROOT, 'test/fixtures/in/acled-sample.csv'), 'utf8').split('\n');
  // Counted independently of the CSV reader: every row starts with its event id.
  const rows = lines.filter((l) => /^UKRSYN\d{4},/.test(l)).length;
  const { events, rejects, counters } = decode(lines);
  assert.equal(rows, 30);
  assert.equal(events.length + rejects.length, rows);
  assert.deepEqual(rejects.map((r) => [r.line.slice(0, 10), r.reason]), [['UKRSYN0028', 'missing-coordinates'], ['UKRSYN0029', 'bad-date'], ['UKRSYN0030', 'bad-field']]);
  const byId = new Map(events.map((e) => [e.report.id, e.report]));
  assert.equal(byId.get('UKRSYN0001')!.category, 'drone-attack');
  assert.equal(byId.get('UKRSYN0003')!.category, 'missile-attack');
  assert.equal(byId.get('UKRSYN0005')!.category, 'shelling');
  assert.equal(byId.get('UKRSYN0006')!.category, 'air-strike');
  assert.equal(byId.get('UKRSYN0007')!.category, 'mine');
  assert.equal(byId.get('UKRSYN0008')!.category, 'shelling');
  assert.equal(byId.get('UKRSYN0009')!.category, 'other');
  assert.equal(byId.get('UKRSYN0010')!.party, 'UA');
  assert.equal(byId.get('UKRSYN0016')!.party, undefined);
  assert.equal(byId.get('UKRSYN0024')!.timePrecision, 'week');
  assert.match(byId.get('UKRSYN0020')!.description!, /overnight\.\nDebris/);
  // The same strike from two sources stays two reports.
  assert.equal(byId.get('UKRSYN0001')!.description, byId.get('UKRSYN0002')!.description);
  assert.notEqual(byId.get('UKRSYN0001')!.source, byId.get('UKRSYN0002')!.source);
  assert.equal(accounted(counters), counters.lines);
});

test('arbitrary rows never throw and every row is a report or a rejection with a reason', () => {
  const cell = fc.oneof(fc.constantFrom('UKR1', '2024-03-25', '25 March 2024', '1', 'Air/drone strike', 'Military Forces of Russia (2000-)', '46.4', '30.7', '', '"a, ""b"""', '"multi\nline"'), fc.string({ maxLength: 10 }));
  const rows = fc.array(fc.array(cell, { minLength: 15, maxLength: 17 }).map((a) => a.join(',')), { maxLength: 25 });
  fc.assert(fc.property(rows, fc.boolean(), (rs, withHeader) => {
    const lines = (withHeader ? [HEADER, ...rs] : rs).flatMap((r) => r.split('\n'));
    const { counters, rejects } = decode(lines);
    assert.equal(accounted(counters), lines.length);
    assert.equal(rejects.length, Object.values(counters.rejected).reduce((a, b) => a + b, 0));
    assert.ok(rejects.every((r) => r.reason !== '' && r.detail !== ''));
  }), { numRuns: 500 });
});
