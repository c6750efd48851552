import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_AGREEMENT } from '../helpers/attack-reports.js';
import { vigil } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-report-lines-'));
const agreement = join(dir, 'agreement.yaml');
writeFileSync(agreement, TEST_AGREEMENT);

interface AlertJson { id: string; zone: string; start: string; end: string; entity: { id: string }; evidence: Record<string, unknown> }
const base = { time: '2026-03-25T02:10:00Z', category: 'drone-attack', party: 'RU' };
const line = (o: Record<string, unknown>): string => JSON.stringify({ ...base, ...o });

function check(files: readonly string[], extra: readonly string[] = []) {
  const rejects = join(dir, 'rejects.jsonl');
  const r = vigil(['check', '--no-land', '--agreement', agreement, '--rejects', rejects, ...extra, ...files]);
  assert.equal(r.status, 0, r.stderr);
  return {
    stderr: r.stderr,
    alerts: r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as AlertJson),
    rejects: readFileSync(rejects, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { line: number; reason: string; detail: string }),
  };
}

test('report lines: precise position reasons, empty ids and dates, duplicates, an overnight span across the clock change in Kyiv time', () => {
  const input = join(dir, 'reports.jsonl');
  const lines = [
    line({ id: 'ok-1', lat: 46.48, lon: 30.73 }),
    line({ id: 'ok-1', lat: 46.48, lon: 30.73 }), // sent twice: merged
    line({ id: 'ok-1', lat: 46.49, lon: 30.73 }), // same id, other content: rejected
    line({ id: '', lat: 46, lon: 30 }),
    line({ id: 'no-date', time: '', lat: 46, lon: 30 }),
    line({ id: 'no-pos' }),
    line({ id: 'half', lat: 46 }),
    line({ id: 'far', lat: 95, lon: 30 }),
    line({ id: 'text', lat: 'north', lon: 30 }),
    line({ id: 'night', place: 'Odesa', time: '2026-03-28T18:00', timeEnd: '08:30', timeZone: 'Europe/Kyiv', launched: 40, destroyed: 35, hit: 2, weaponType: 'drone', weaponModel: 'Shahed-136', launchArea: 'Primorsko-Akhtarsk' }),
    line({ id: 'bad-zone', place: 'Odesa', time: '2026-03-28T18:00', timeZone: 'Europe/Kiev-ish' }),
    line({ id: 'backwards', lat: 46.48, lon: 30.73, timeEnd: '2026-03-24T00:00:00Z' }),
  ];
  writeFileSync(input, lines.join('\n') + '\n');
  const r = check([input]);
  assert.deepEqual(r.rejects.map((x) => [x.line, x.reason, x.detail]), [
    [3, 'conflicting-id', 'id "ok-1" was read on line 1 with different content (lat 46.48 vs 46.49); the first is kept'],
    [4, 'bad-id', 'id "" must be 1–128 characters without white space'],
    [5, 'bad-time', 'time is missing'],
    [6, 'missing-position', 'no lat/lon and no place'],
    [7, 'missing-position', 'lon is missing (lat is 46)'],
    [8, 'bad-position', 'lat 95 is out of range (−90 to 90)'],
    [9, 'bad-position', 'lat "north" is not a number'],
    [11, 'bad-time', 'timeZone "Europe/Kiev-ish" is not an IANA time zone (e.g. Europe/Kyiv)'],
    [12, 'bad-time', 'timeEnd "2026-03-24T00:00:00Z" (2026-03-24T00:00:00Z) is before time "2026-03-25T02:10:00Z" (2026-03-25T02:10:00Z)'],
  ]);
  assert.match(r.stderr, /reports\.jsonl \(reports\): 12 lines read, 9 rejected \(.*\), 1 duplicate reports merged/);
  assert.match(r.stderr, /, 2 reports imported/);
  const night = r.alerts.filter((a) => a.entity.id === 'report:night');
  assert.deepEqual(night.map((a) => a.zone).sort(), ['odesa-approach', 'west-box']);
  // 18:00 EET (UTC+2) on the 28th; 08:30 EEST (UTC+3) on the 29th, after the clocks went forward.
  assert.ok(night.every((a) => a.start === '2026-03-28T16:00:00.000Z' && a.end === '2026-03-29T05:30:00.000Z'));
  assert.deepEqual(night[0]!.evidence, {
    category: 'drone-attack', source: null, sourceType: null, timePrecision: null, geoPrecision: 'town', place: 'Odesa', placeId: 'town:Odesa', placeKind: 'town',
    certainty: 'certain', overlapShare: null, timeEnd: '2026-03-29T05:30:00Z', timeZone: 'Europe/Kyiv', launched: 40, destroyed: 35, hit: 2,
    weaponType: 'drone', weaponModel: 'Shahed-136', launchArea: 'Primorsko-Akhtarsk',
  });
  const ok = r.alerts.filter((a) => a.entity.id === 'report:ok-1');
  assert.equal(ok.length, 2, 'one report, one alert per zone');
  assert.deepEqual(Object.keys(ok[0]!.evidence), ['category', 'source', 'sourceType', 'timePrecision', 'geoPrecision'], 'a report with coordinates keeps the evidence it always had');
  assert.equal(new Set(r.alerts.map((a) => a.id)).size, r.alerts.length);
});

test('the same report id in two inputs: the same content is merged, other content ignored, so alert ids stay unique', () => {
  const a = join(dir, 'a.jsonl'), b = join(dir, 'b.jsonl');
  writeFileSync(a, line({ id: 'x1', lat: 46.48, lon: 30.73 }) + '\n' + line({ id: 'x2', lat: 46.48, lon: 30.73 }) + '\n');
  writeFileSync(b, line({ id: 'x1', lat: 46.48, lon: 30.73 }) + '\n' + line({ id: 'x2', lat: 46.3, lon: 30.7, category: 'shelling' }) + '\n');
  const r = check([a, b]);
  assert.match(r.stderr, /, 2 reports imported, 1 duplicate reports merged across inputs, 1 reports ignored: their id came first with other content in another input/);
  assert.equal(r.alerts.length, 4);
  assert.equal(new Set(r.alerts.map((x) => x.id)).size, 4);
});

test('reports before the effective period: a warning with how many, not silence', () => {
  const input = join(dir, 'early.jsonl');
  writeFileSync(input, [line({ id: 'e1', time: '2025-12-30T10:00:00Z', lat: 46.48, lon: 30.73 }), line({ id: 'e2', time: '2025-12-31T10:00:00Z', place: 'south' }), line({ id: 'e3', lat: 46.48, lon: 30.73 })].join('\n') + '\n');
  const r = check([input]);
  assert.match(r.stderr, /warning: 2 events outside the agreement's effective period \(from 2026-01-01T00:00:00\.000Z\) were not checked \(0 fixes, 2 reports\)/);
  assert.deepEqual([...new Set(r.alerts.map((a) => a.entity.id))], ['report:e3']);
});

test('ACLED rows without coordinates are located by location, then admin1; the ACLED mapping file reads the same export', () => {
  const header = 'event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,admin1,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities';
  const input = join(dir, 'acled.csv');
  writeFileSync(input, [header,
    'UKR1,2026-03-25,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,Odeska,Izmail,,,1,Suspilne,National,Shahed drones hit the port.,0',
    'UKR2,2026-03-25,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,Odeska,,,,3,Suspilne,National,Guided bombs in the oblast.,0',
    'UKR3,2026-03-25,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,Atlantiska,Nowhere,,,3,Suspilne,National,Drones.,0',
    'UKR4,2026-03-25,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,,,,,3,Suspilne,National,Drones.,0',
  ].join('\n') + '\n');
  for (const extra of [[], ['--mapping', join(REPO_ROOT, 'mappings/acled.yaml')]]) {
    const r = check([input], extra);
    assert.deepEqual(r.rejects.map((x) => [x.line, x.reason]), [[4, 'unknown-place'], [5, 'missing-coordinates']].map(([l, reason]) => [l, extra.length > 0 && reason === 'missing-coordinates' ? 'missing-position' : reason]), String(extra));
    const izmail = r.alerts.find((a) => a.entity.id === 'report:UKR1');
    assert.equal(izmail?.zone, 'west-box');
    assert.equal(izmail?.evidence['category'], 'drone-attack');
    assert.equal(izmail?.evidence['certainty'], 'certain');
    assert.match(r.stderr, /warning: 1 reports name a region the gazetteer has no area for/);
  }
});
