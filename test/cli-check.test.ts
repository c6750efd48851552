import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vigil } from './helpers/cli.js';
import { DEMO_AGREEMENT, runScenario } from './helpers/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-check-'));

test('vigil check writes alerts as JSON Lines ordered by start, and a summary on stderr', async () => {
  const sc = await runScenario({ durationMs: 3 * 3600_000, classA: 20, classB: 5 }, {});
  const input = join(dir, 'sim.nmea');
  writeFileSync(input, sc.lines.join('\n') + '\n');
  const r = vigil(['check', '--agreement', DEMO_AGREEMENT, input]);
  assert.equal(r.status, 0, r.stderr);
  const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { start: string; rule: string });
  assert.ok(alerts.length >= 6);
  assert.deepEqual(alerts.map((a) => a.start), [...alerts.map((a) => a.start)].sort());
  assert.match(r.stderr, /sim\.nmea \(ais\): \d+ lines read, \d+ rejected/);
  assert.match(r.stderr, /alerts: \d+ \(R1 no-entry: 1/);
});

test('an invalid agreement exits 2 naming file, line and field, and writes nothing on stdout', () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'agreement: t\ntitle: T\nversion: 1\neffective: { from: 2026-03-25T00:00:00Z }\nparties: { UA: { name: Ukraine, flags: [UKR] } }\nzones: []\nrules:\n  - { id: R1, type: no-entry, zones: [nowhere] }\n  - { id: R2, type: must-transmit, params: { maxGap: 30x } }\n');
  const r = vigil(['check', '--agreement', bad, bad]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`${bad}:8:\\d+: rules\\[0\\]\\.zones`));
  assert.match(r.stderr, new RegExp(`${bad}:9:\\d+: rules\\[1\\]\\.params\\.maxGap`));
});

test('an unreadable input exits 2 naming it, before any alert is written', () => {
  const good = join(dir, 'one.nmea');
  writeFileSync(good, '\\s:r,c:1774396800*00\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n');
  const r = vigil(['check', '--agreement', DEMO_AGREEMENT, good, join(dir, 'missing.nmea')]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /missing\.nmea: no such file/);
});

test('an input of no known format exits 2 and says so', () => {
  const junk = join(dir, 'junk.txt');
  writeFileSync(junk, 'hello\nworld\n');
  const r = vigil(['check', '--agreement', DEMO_AGREEMENT, junk]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /junk\.txt: format not recognised/);
});

test('vigil decode prints SPEC keys on stdout and counts on stderr', () => {
  const r = vigil(['decode', '-'], '\\s:r,c:1774396800*00\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\nfoo\n');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '{"type":1,"mmsi":371798000,"time":"2026-03-25T00:00:00.000Z","lat":48.3816333,"lon":-123.3953833,"sog":12.3,"cog":224,"heading":215,"navStatus":0}\n');
  assert.match(r.stderr, /lines 2, messages 1 .*rejected 1 \(not-nmea 1\)/);
});
