import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { haversineM } from '../../src/core/geo/distance.js';
import { shareInside } from '../../src/core/geo/area-samples.js';
import { UKRAINE_REGIONS } from '../../src/core/geo/black-sea-places.js';
import { Gazetteer } from '../../src/core/geo/place-gazetteer.js';
import { CsvRecordAssembler } from '../../src/decode/csv/csv-record.js';
import { loadGazetteer } from '../../src/geo-data/load-gazetteer.js';
import { sharedDataPath } from '../helpers/shared-data.js';

/** The NGA World Port Index (public domain), by main port name: [lon, lat]. */
function worldPortIndex(): Map<string, [number, number]> {
  const lines = readFileSync(sharedDataPath('reference/UpdatedPub150.csv'), 'utf8').split('\n');
  const csv = new CsvRecordAssembler();
  let header: string[] | undefined;
  const out = new Map<string, [number, number]>();
  for (const line of lines) {
    const r = csv.push(line.replace(/\r$/, ''));
    if (r.kind !== 'record') continue;
    if (header === undefined) {
      header = r.fields;
      continue;
    }
    const [name, lat, lon] = [r.fields[header.indexOf('Main Port Name')]!, Number(r.fields[header.indexOf('Latitude')]), Number(r.fields[header.indexOf('Longitude')])];
    if (Number.isFinite(lat) && Number.isFinite(lon)) out.set(name, [lon, lat]);
  }
  return out;
}

const g = new Gazetteer();

test('resolves every Ukrainian oblast, Crimea, Kyiv and Sevastopol by name, ACLED admin1 spelling and Cyrillic', () => {
  assert.equal(UKRAINE_REGIONS.length, 27);
  const acledAdmin1: Record<string, string> = {
    'UA-05': 'Vinnytska', 'UA-07': 'Volynska', 'UA-09': 'Luhanska', 'UA-12': 'Dnipropetrovska', 'UA-14': 'Donetska', 'UA-18': 'Zhytomyrska',
    'UA-21': 'Zakarpatska', 'UA-23': 'Zaporizka', 'UA-26': 'Ivano-Frankivska', 'UA-30': 'Kyiv City', 'UA-32': 'Kyivska', 'UA-35': 'Kirovohradska',
    'UA-40': 'Sevastopol City', 'UA-43': 'Crimea', 'UA-46': 'Lvivska', 'UA-48': 'Mykolaivska', 'UA-51': 'Odeska', 'UA-53': 'Poltavska', 'UA-56': 'Rivnenska',
    'UA-59': 'Sumska', 'UA-61': 'Ternopilska', 'UA-63': 'Kharkivska', 'UA-65': 'Khersonska', 'UA-68': 'Khmelnytska', 'UA-71': 'Cherkaska',
    'UA-74': 'Chernihivska', 'UA-77': 'Chernivetska',
  };
  for (const r of UKRAINE_REGIONS) {
    assert.equal(g.resolve(r.name)?.id, r.id, r.name);
    assert.equal(g.resolve(acledAdmin1[r.id]!)?.id, r.id, acledAdmin1[r.id]);
  }
  assert.equal(g.resolve("Mykolaïvs'ka oblast'")?.id, 'UA-48');
  assert.equal(g.resolve('Одеська область')?.id, 'UA-51');
  assert.equal(g.resolve('Kharkiv Oblast')?.kind, 'region');
  assert.equal(g.resolve('Kharkiv')?.kind, 'town');
  assert.equal(g.resolve('Izmail, Odeska')?.name, 'Izmail');
  assert.equal(g.resolve('south')?.id, 'UA-south');
  assert.equal(g.resolve('Ukraine')?.id, 'UA');
  assert.equal(g.resolve('Atlantis'), undefined);
});

test('the Black Sea coast towns resolve within 10 km of the World Port Index, by their names and the Index\'s spellings', () => {
  const wpi = worldPortIndex();
  const towns: [ours: string, wpiName: string][] = [
    ['Odesa', 'Odesa'], ['Mykolaiv', 'Mykolayiv'], ['Kherson', 'Kherson'], ['Izmail', 'Izmayil'], ['Chornomorsk', 'Illichivsk'], ['Pivdennyi', 'Yuzhnyy'],
    ['Sevastopol', 'Sevastopol'], ['Novorossiysk', 'Novorossiysk'], ['Constanța', 'Constanta'], ['Varna', 'Varna'],
    ['Reni', 'Reni'], ['Berdiansk', 'Berdyansk'], ['Mariupol', 'Mariupol'], ['Burgas', 'Burgas'], ['Batumi', 'Batumi'], ['Kerch', 'Kerch'],
  ];
  for (const [ours, wpiName] of towns) {
    const port = wpi.get(wpiName);
    assert.ok(port !== undefined, `${wpiName} in the World Port Index`);
    for (const name of [ours, wpiName]) {
      const p = g.resolve(name);
      assert.equal(p?.kind, 'town', name);
      const km = haversineM(p.lon, p.lat, port[0], port[1]) / 1000;
      assert.ok(km < 10, `${name}: ${km.toFixed(1)} km from the World Port Index position`);
    }
  }
});

test('countries have their Natural Earth areas: the WPI ports of Ukraine lie in Ukraine, Constanța in Romania', () => {
  const full = loadGazetteer();
  const wpi = worldPortIndex();
  const near = (p: [number, number]) => (lon: number, lat: number): boolean => haversineM(lon, lat, p[0], p[1]) < 15_000;
  for (const port of ['Odesa', 'Mykolayiv', 'Izmayil']) assert.ok(shareInside(full.area('UA')!, near(wpi.get(port)!)) > 0, port);
  assert.ok(shareInside(full.area('RO')!, near(wpi.get('Constanta')!)) > 0);
  assert.equal(shareInside(full.area('RO')!, near(wpi.get('Odesa')!)), 0);
  assert.equal(full.area('UA-51'), undefined, 'no oblast outlines are shipped');
  assert.equal(full.area('UA-south'), undefined);
});

test('a places file adds areas by ISO code or name, new places, and towns; a bad one says which feature', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { addPlacesFile, PlacesFileProblem } = await import('../../src/geo-data/load-gazetteer.js');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-places-'));
  const sq = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
  const file = join(dir, 'places.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { iso_3166_2: 'UA-51', name: 'Odessa' }, geometry: sq(29, 45) },
    { type: 'Feature', properties: { name: "Mykolayivs'ka" }, geometry: sq(31, 46.5) },
    { type: 'Feature', properties: { name: 'Budjak', name_alt: 'Bessarabia|Budzhak' }, geometry: sq(28.5, 45.5) },
    { type: 'Feature', properties: { name: 'Zatoka' }, geometry: { type: 'Point', coordinates: [30.46, 46.07] } },
  ] }));
  const gz = new Gazetteer();
  assert.equal(addPlacesFile(gz, file), 4);
  assert.ok(gz.hasArea('UA-51') && gz.hasArea('UA-48'));
  assert.equal(gz.resolve('Budzhak')?.kind, 'region');
  assert.ok(gz.area(gz.resolve('Budjak')!.id)!.totalWeight > 0);
  assert.equal(gz.resolve('Zatoka')?.kind, 'town');
  const bad = join(dir, 'bad.geojson');
  writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Line' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }] }));
  assert.throws(() => addPlacesFile(gz, bad), (e: unknown) => e instanceof PlacesFileProblem && /bad\.geojson: feature 0 \(Line\): geometry is not a Point, Polygon or MultiPolygon/.test(e.message));
  writeFileSync(bad, '{"type":"Feature"}');
  assert.throws(() => addPlacesFile(gz, bad), /not a GeoJSON FeatureCollection/);
});
