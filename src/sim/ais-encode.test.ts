/**
 * Round trip against an independent decoder: random messages of every type the simulator
 * sends are encoded, framed, piped through gpsd's `gpsdecode -u` (unscaled: raw integers)
 * and compared field by field.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  encodePositionReportA,
  encodePositionReportB,
  encodeStaticDataBPartA,
  encodeStaticDataBPartB,
  encodeStaticVoyageData,
  type PositionReportA,
  type PositionReportB,
  type StaticDataPartA,
  type StaticDataPartB,
  type StaticVoyageData,
} from './ais-encode.js';
import { readUint } from './bit-writer.js';
import { encodeSentences } from './nmea-encode.js';
import { Prng } from './prng.js';

const GPSDECODE = '/usr/bin/gpsdecode';
const skip = existsSync(GPSDECODE) ? false : 'gpsdecode (Debian package gpsd-clients) is not installed';
const N = 300;

type Decoded = Record<string, unknown>;

function gpsdecode(lines: readonly string[]): Decoded[] {
  const r = spawnSync(GPSDECODE, ['-u'], { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Decoded);
}

const TEXT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.';
/** Random AIS text without trailing or doubled spaces, which decoders strip or keep differently. */
function text(rng: Prng, min: number, max: number): string {
  const n = rng.int(min, max);
  let s = '';
  for (let i = 0; i < n; i++) s += i > 0 && i < n - 1 && s[i - 1] !== ' ' && rng.chance(0.1) ? ' ' : rng.pick([...TEXT]);
  return s;
}
const maybe = <T>(rng: Prng, v: T): T | null => (rng.chance(0.1) ? null : v);
const mmsi = (rng: Prng): number => rng.int(200_000_000, 775_999_999);
/** Expected raw ROT indicator (M.1371-5 Table 45 note: ROT_AIS = 4.733 √ROT_sensor). */
const expectedRot = (r: number | null): number =>
  r === null ? -128 : Math.sign(r) * Math.min(126, Math.round(4.733 * Math.sqrt(Math.abs(r))));

describe('AIS encoder round trip through gpsdecode', { skip }, () => {
  it('encodes class A position reports (types 1, 2, 3) that gpsd decodes to the same fields', () => {
    const rng = new Prng(101);
    const msgs: PositionReportA[] = [];
    for (let i = 0; i < N; i++) {
      const sog = maybe(rng, rng.int(0, 1022));
      const lat = maybe(rng, rng.int(-54_000_000, 54_000_000));
      const lon = maybe(rng, rng.int(-108_000_000, 108_000_000));
      const cog = maybe(rng, rng.int(0, 3599));
      msgs.push({
        type: rng.pick([1, 2, 3] as const),
        repeat: rng.int(0, 3),
        mmsi: mmsi(rng),
        navStatus: rng.int(0, 15),
        rotDegPerMin: maybe(rng, rng.float(-720, 720)),
        sogKn: sog === null ? null : sog / 10,
        accuracy: rng.chance(0.5),
        lon: lon === null ? null : lon / 600_000,
        lat: lat === null ? null : lat / 600_000,
        cogDeg: cog === null ? null : cog / 10,
        headingDeg: maybe(rng, rng.int(0, 359)),
        second: maybe(rng, rng.int(0, 59)),
        maneuver: rng.int(0, 2),
        raim: rng.chance(0.5),
        radio: rng.int(0, 2 ** 19 - 1),
      });
    }
    const lines = msgs.flatMap((m) => encodeSentences(encodePositionReportA(m), { channel: 'A' }));
    assert.equal(lines.length, N);
    const out = gpsdecode(lines);
    assert.equal(out.length, N);
    out.forEach((d, i) => {
      const m = msgs[i] as PositionReportA;
      assert.deepEqual(
        { type: d.type, repeat: d.repeat, mmsi: d.mmsi, status: d.status, turn: d.turn, speed: d.speed, accuracy: d.accuracy, lon: d.lon, lat: d.lat, course: d.course, heading: d.heading, second: d.second, maneuver: d.maneuver, raim: d.raim, radio: d.radio },
        {
          type: m.type,
          repeat: m.repeat,
          mmsi: m.mmsi,
          status: m.navStatus,
          turn: expectedRot(m.rotDegPerMin),
          speed: m.sogKn === null ? 1023 : Math.round(m.sogKn * 10),
          accuracy: m.accuracy,
          lon: m.lon === null ? 108_600_000 : Math.round(m.lon * 600_000),
          lat: m.lat === null ? 54_600_000 : Math.round(m.lat * 600_000),
          course: m.cogDeg === null ? 3600 : Math.round(m.cogDeg * 10),
          heading: m.headingDeg ?? 511,
          second: m.second ?? 60,
          maneuver: m.maneuver,
          raim: m.raim,
          radio: m.radio,
        },
        `message ${i}: ${lines[i]}`,
      );
    });
  });

  it('encodes static and voyage data (type 5) as two sentences that gpsd joins and decodes', () => {
    const rng = new Prng(102);
    const msgs: StaticVoyageData[] = [];
    for (let i = 0; i < N; i++) {
      msgs.push({
        mmsi: mmsi(rng),
        imo: rng.chance(0.2) ? 0 : rng.int(1_000_000, 9_999_999),
        callsign: text(rng, 1, 7),
        name: text(rng, 1, 20),
        shipType: rng.int(0, 99),
        dimensions: { toBowM: rng.int(0, 511), toSternM: rng.int(0, 511), toPortM: rng.int(0, 63), toStarboardM: rng.int(0, 63) },
        eta: rng.chance(0.1) ? null : { month: rng.int(1, 12), day: rng.int(1, 28), hour: rng.int(0, 23), minute: rng.int(0, 59) },
        draughtM: rng.int(0, 255) / 10,
        destination: text(rng, 1, 20),
      });
    }
    const lines = msgs.flatMap((m, i) => encodeSentences(encodeStaticVoyageData(m), { channel: i % 2 ? 'A' : 'B', seqId: i % 10 }));
    assert.equal(lines.length, 2 * N);
    const out = gpsdecode(lines);
    assert.equal(out.length, N);
    const pad = (n: number): string => String(n).padStart(2, '0');
    out.forEach((d, i) => {
      const m = msgs[i] as StaticVoyageData;
      const eta = m.eta ?? { month: 0, day: 0, hour: 24, minute: 60 };
      assert.deepEqual(
        { type: d.type, mmsi: d.mmsi, ais_version: d.ais_version, imo: d.imo, callsign: d.callsign, shipname: d.shipname, shiptype: d.shiptype, to_bow: d.to_bow, to_stern: d.to_stern, to_port: d.to_port, to_starboard: d.to_starboard, epfd: d.epfd, eta: d.eta, draught: d.draught, destination: d.destination, dte: d.dte },
        {
          type: 5,
          mmsi: m.mmsi,
          ais_version: 2,
          imo: m.imo,
          callsign: m.callsign,
          shipname: m.name,
          shiptype: m.shipType,
          to_bow: m.dimensions.toBowM,
          to_stern: m.dimensions.toSternM,
          to_port: m.dimensions.toPortM,
          to_starboard: m.dimensions.toStarboardM,
          epfd: 1,
          eta: `${pad(eta.month)}-${pad(eta.day)}T${pad(eta.hour)}:${pad(eta.minute)}Z`,
          draught: Math.round((m.draughtM ?? 0) * 10),
          destination: m.destination,
          dte: 0,
        },
        `message ${i}`,
      );
    });
  });

  it('encodes class B position reports (type 18) that gpsd decodes to the same fields', () => {
    const rng = new Prng(103);
    const msgs: PositionReportB[] = [];
    for (let i = 0; i < N; i++) {
      const sog = maybe(rng, rng.int(0, 1022));
      const lat = maybe(rng, rng.int(-54_000_000, 54_000_000));
      const lon = maybe(rng, rng.int(-108_000_000, 108_000_000));
      const cog = maybe(rng, rng.int(0, 3599));
      msgs.push({
        mmsi: mmsi(rng),
        sogKn: sog === null ? null : sog / 10,
        accuracy: rng.chance(0.5),
        lon: lon === null ? null : lon / 600_000,
        lat: lat === null ? null : lat / 600_000,
        cogDeg: cog === null ? null : cog / 10,
        headingDeg: maybe(rng, rng.int(0, 359)),
        second: maybe(rng, rng.int(0, 59)),
        csUnit: rng.chance(0.8),
        display: rng.chance(0.5),
        dsc: rng.chance(0.5),
        band: rng.chance(0.5),
        msg22: rng.chance(0.5),
        raim: rng.chance(0.5),
      });
    }
    const lines = msgs.flatMap((m) => encodeSentences(encodePositionReportB(m), { channel: 'B' }));
    const out = gpsdecode(lines);
    assert.equal(out.length, N);
    out.forEach((d, i) => {
      const m = msgs[i] as PositionReportB;
      assert.deepEqual(
        { type: d.type, mmsi: d.mmsi, speed: d.speed, accuracy: d.accuracy, lon: d.lon, lat: d.lat, course: d.course, heading: d.heading, second: d.second, cs: d.cs, display: d.display, dsc: d.dsc, band: d.band, msg22: d.msg22, raim: d.raim },
        {
          type: 18,
          mmsi: m.mmsi,
          speed: m.sogKn === null ? 1023 : Math.round(m.sogKn * 10),
          accuracy: m.accuracy,
          lon: m.lon === null ? 108_600_000 : Math.round(m.lon * 600_000),
          lat: m.lat === null ? 54_600_000 : Math.round(m.lat * 600_000),
          course: m.cogDeg === null ? 3600 : Math.round(m.cogDeg * 10),
          heading: m.headingDeg ?? 511,
          second: m.second ?? 60,
          cs: m.csUnit,
          display: m.display,
          dsc: m.dsc,
          band: m.band,
          msg22: m.msg22,
          raim: m.raim,
        },
        `message ${i}`,
      );
    });
  });

  it('encodes class B static data (type 24 parts A and B) that gpsd pairs and decodes', () => {
    const rng = new Prng(104);
    const pairs: [StaticDataPartA, StaticDataPartB][] = [];
    for (let i = 0; i < N; i++) {
      const id = mmsi(rng);
      pairs.push([
        { mmsi: id, name: text(rng, 1, 20) },
        {
          mmsi: id,
          shipType: rng.int(0, 99),
          vendorId: text(rng, 3, 3).replace(/ /g, 'X'),
          model: rng.int(0, 15),
          serial: rng.int(0, 2 ** 20 - 1),
          callsign: text(rng, 1, 7),
          dimensions: { toBowM: rng.int(0, 511), toSternM: rng.int(0, 511), toPortM: rng.int(0, 63), toStarboardM: rng.int(0, 63) },
        },
      ]);
    }
    const lines = pairs.flatMap(([a, b]) => [
      ...encodeSentences(encodeStaticDataBPartA(a), { channel: 'A' }),
      ...encodeSentences(encodeStaticDataBPartB(b), { channel: 'A' }),
    ]);
    assert.equal(lines.length, 2 * N);
    const out = gpsdecode(lines);
    assert.equal(out.length, N);
    out.forEach((d, i) => {
      const [a, b] = pairs[i] as [StaticDataPartA, StaticDataPartB];
      assert.deepEqual(
        // gpsd 3.22 prints the whole 42-bit vendor field of M.1371-3 as text: the 3-character
        // vendor id of M.1371-5 is its head (model and serial follow as numbers).
        { type: d.type, mmsi: d.mmsi, shipname: d.shipname, shiptype: d.shiptype, vendorid: String(d.vendorid).slice(0, 3), model: d.model, serial: d.serial, callsign: d.callsign, to_bow: d.to_bow, to_stern: d.to_stern, to_port: d.to_port, to_starboard: d.to_starboard },
        {
          type: 24,
          mmsi: a.mmsi,
          shipname: a.name,
          shiptype: b.shipType,
          vendorid: b.vendorId,
          model: b.model,
          serial: b.serial,
          callsign: b.callsign,
          to_bow: b.dimensions.toBowM,
          to_stern: b.dimensions.toSternM,
          to_port: b.dimensions.toPortM,
          to_starboard: b.dimensions.toStarboardM,
        },
        `pair ${i}`,
      );
    });
  });
});

describe('AIS encoder without gpsd', () => {
  it('writes the not-available sentinels for missing values', () => {
    const bits = encodePositionReportA({ type: 1, mmsi: 272000001, navStatus: 15, rotDegPerMin: null, sogKn: null, accuracy: false, lon: null, lat: null, cogDeg: null, headingDeg: null, second: null });
    assert.equal(bits.bitLength, 168);
    const at = (offset: number, width: number): number => readUint(bits.bytes, offset, width);
    assert.deepEqual(
      { turn: at(42, 8), speed: at(50, 10), lon: at(61, 28), lat: at(89, 27), course: at(116, 12), heading: at(128, 9), second: at(137, 6) },
      { turn: 0x80, speed: 1023, lon: 181 * 600_000, lat: 91 * 600_000, course: 3600, heading: 511, second: 60 },
    );
  });

  it('sizes each message as M.1371-5 specifies', () => {
    const dims = { toBowM: 1, toSternM: 1, toPortM: 1, toStarboardM: 1 };
    assert.equal(encodeStaticVoyageData({ mmsi: 1, imo: 0, callsign: '', name: '', shipType: 0, dimensions: dims, eta: null, draughtM: null, destination: '' }).bitLength, 424);
    assert.equal(encodePositionReportB({ mmsi: 1, sogKn: 0, accuracy: false, lon: 0, lat: 0, cogDeg: 0, headingDeg: 0, second: 0 }).bitLength, 168);
    assert.equal(encodeStaticDataBPartA({ mmsi: 1, name: 'X' }).bitLength, 160);
    assert.equal(encodeStaticDataBPartB({ mmsi: 1, shipType: 37, vendorId: 'ABC', callsign: 'X', dimensions: dims }).bitLength, 168);
  });
});
