import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { VesselIdentity } from './actor.js';
import { BitWriter, readUint } from './bit-writer.js';
import type { LonLat } from './black-sea.js';
import { nmeaChecksum } from './nmea-encode.js';
import { reportIntervalMs, simulate, type SimLine, type SimOptions, type SimSummary } from './scenario.js';
import { ScriptedActor } from './scripted-actor.js';
import { atSea } from './sea-fixture.js';

const START = '2026-03-25T00:00:00Z';
const START_MS = Date.parse(START);
const HOUR_MS = 3_600_000;

function run(options: SimOptions): { lines: SimLine[]; summary: SimSummary } {
  const gen = simulate(options);
  const lines: SimLine[] = [];
  for (;;) {
    const r = gen.next();
    if (r.done) return { lines, summary: r.value };
    lines.push(r.value);
  }
}

/** A parsed line: tag block fields and the VDM sentence fields, checksums verified. */
interface Parsed {
  source: string;
  unixSeconds: number;
  count: number;
  index: number;
  seqId: string;
  channel: string;
  payload: string;
  fill: number;
}

const LINE = /^\\s:([A-Za-z0-9-]+),c:(\d+)\*([0-9A-F]{2})\\!(AIVDM,(\d),(\d),(\d?),([AB]),([0-W`-w]+),([0-5]))\*([0-9A-F]{2})$/;

function parse(line: string): Parsed | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const [, source, c, tagSum, body, count, index, seqId, channel, payload, fill, sum] = m as unknown as string[];
  if (nmeaChecksum(`s:${source},c:${c}`) !== tagSum || nmeaChecksum(body as string) !== sum) return null;
  return { source: source as string, unixSeconds: Number(c), count: Number(count), index: Number(index), seqId: seqId as string, channel: channel as string, payload: payload as string, fill: Number(fill) };
}

/** The payload's bits, for reading fields (the test's own minimal de-armouring). */
function bitsOf(payload: string): Uint8Array {
  const w = new BitWriter(payload.length * 6);
  for (const ch of payload) {
    const v = ch.charCodeAt(0) - 48;
    w.writeUint(v > 40 ? v - 8 : v, 6);
  }
  return w.bytes;
}

interface Position {
  type: number;
  mmsi: number;
  status: number;
  sogKn: number;
  lon: number;
  lat: number;
  timeMs: number;
}

function signed(v: number, bits: number): number {
  return v >= 2 ** (bits - 1) ? v - 2 ** bits : v;
}

/** Decodes single-sentence type 1/3/18 position reports. */
function positions(lines: readonly SimLine[]): Position[] {
  const out: Position[] = [];
  for (const { timeMs, line } of lines) {
    const p = parse(line);
    if (!p || p.count !== 1) continue;
    const b = bitsOf(p.payload);
    const type = readUint(b, 0, 6);
    if (type === 1 || type === 2 || type === 3) {
      out.push({ type, mmsi: readUint(b, 8, 30), status: readUint(b, 38, 4), sogKn: readUint(b, 50, 10) / 10, lon: signed(readUint(b, 61, 28), 28) / 600_000, lat: signed(readUint(b, 89, 27), 27) / 600_000, timeMs });
    } else if (type === 18) {
      out.push({ type, mmsi: readUint(b, 8, 30), status: -1, sogKn: readUint(b, 46, 10) / 10, lon: signed(readUint(b, 57, 28), 28) / 600_000, lat: signed(readUint(b, 85, 27), 27) / 600_000, timeMs });
    }
  }
  return out;
}

const identity = (mmsi: number): VesselIdentity => ({
  mmsi, aisClass: 'A', name: 'SCRIPTED ONE', callsign: 'UBXY7', imo: 0, shipType: 35,
  dimensions: { toBowM: 90, toSternM: 20, toPortM: 7, toStarboardM: 7 }, flag: 'RUS',
});

describe('reportIntervalMs', () => {
  it('follows the M.1371-5 reporting-interval table', () => {
    assert.equal(reportIntervalMs('A', 0, 5), 180_000, 'moored');
    assert.equal(reportIntervalMs('A', 0.1, 1), 180_000, 'at anchor');
    assert.equal(reportIntervalMs('A', 5, 1), 10_000, 'at anchor but moving faster than 3 kn');
    assert.equal(reportIntervalMs('A', 0, 0), 10_000, 'under way, stopped');
    assert.equal(reportIntervalMs('A', 14, 0), 10_000);
    assert.equal(reportIntervalMs('A', 14.1, 0), 6_000);
    assert.equal(reportIntervalMs('A', 23, 0), 6_000);
    assert.equal(reportIntervalMs('A', 23.1, 0), 2_000);
    assert.equal(reportIntervalMs('B', 2, 15), 180_000);
    assert.equal(reportIntervalMs('B', 2.1, 15), 30_000);
  });
});

describe('simulate', () => {
  it('gives byte-identical output for the same seed, and different output for another seed', () => {
    const opts: SimOptions = { seed: 42, start: START, durationMs: HOUR_MS / 2, classA: 30, classB: 8, artefacts: { duplicate: 0.05, outOfOrder: 0.02, corrupt: 0.01, truncate: 0.01 } };
    const a = run(opts).lines.map((l) => `${l.timeMs} ${l.line}`).join('\n');
    const b = run(opts).lines.map((l) => `${l.timeMs} ${l.line}`).join('\n');
    const c = run({ ...opts, seed: 43 }).lines.map((l) => `${l.timeMs} ${l.line}`).join('\n');
    assert.ok(a.length > 10_000);
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('emits lines in receiver order, each with a valid tag block and sentence, stamped in the scenario window', () => {
    const { lines, summary } = run({ seed: 1, start: START, durationMs: HOUR_MS, classA: 20, classB: 5 });
    assert.equal(summary.lines, lines.length);
    let prev = -Infinity;
    for (const { timeMs, line } of lines) {
      assert.ok(timeMs >= prev, 'timeMs never decreases');
      prev = timeMs;
      const p = parse(line);
      assert.ok(p, `unparseable line ${line}`);
      assert.equal(p.unixSeconds, Math.floor(timeMs / 1000));
      assert.ok(timeMs >= START_MS && timeMs < START_MS + HOUR_MS);
    }
  });

  it('reports at the M.1371 intervals: class A by speed and status, class B by speed', () => {
    const { lines } = run({ seed: 2, start: START, durationMs: HOUR_MS, classA: 60, classB: 20 });
    const byMmsi = new Map<number, Position[]>();
    for (const p of positions(lines)) byMmsi.set(p.mmsi, [...(byMmsi.get(p.mmsi) ?? []), p]);
    const seen = new Set<number>();
    for (const reports of byMmsi.values()) {
      for (let i = 1; i < reports.length; i++) {
        const a = reports[i - 1] as Position;
        const b = reports[i] as Position;
        const expected = reportIntervalMs(a.type === 18 ? 'B' : 'A', a.sogKn, a.status);
        seen.add(expected);
        assert.ok(Math.abs(b.timeMs - a.timeMs - expected) <= 100, `${a.mmsi}: ${b.timeMs - a.timeMs} ms after a report at ${a.sogKn} kn status ${a.status}, expected ${expected}`);
      }
    }
    assert.ok(seen.has(10_000) && seen.has(30_000) && seen.has(180_000), `intervals seen: ${[...seen].join(', ')}`);
  });

  it('sends static data every 6 minutes: type 5 in two parts for class A, type 24 A and B for class B', () => {
    const { lines } = run({ seed: 3, start: START, durationMs: HOUR_MS, classA: 10, classB: 10 });
    const counts = new Map<string, number>();
    for (const { line } of lines) {
      const p = parse(line);
      assert.ok(p);
      if (p.count === 2) {
        if (p.index === 2) continue;
        const first = bitsOf(p.payload);
        assert.equal(readUint(first, 0, 6), 5, 'only type 5 needs two sentences');
        const key = `5:${readUint(first, 8, 30)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        continue;
      }
      const b = bitsOf(p.payload);
      if (readUint(b, 0, 6) === 24) {
        const key = `24${readUint(b, 38, 2) === 0 ? 'A' : 'B'}:${readUint(b, 8, 30)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const t5 = [...counts].filter(([k]) => k.startsWith('5:'));
    const t24a = [...counts].filter(([k]) => k.startsWith('24A:'));
    const t24b = [...counts].filter(([k]) => k.startsWith('24B:'));
    assert.equal(t5.length, 10);
    assert.equal(t24a.length, 10);
    assert.equal(t24b.length, 10);
    for (const [k, n] of [...t5, ...t24a, ...t24b]) assert.ok(n >= 9 && n <= 11, `${k} sent ${n} times in an hour`);
  });

  it('keeps every reported position of the background fleet at sea', () => {
    const { lines } = run({ seed: 4, start: START, durationMs: HOUR_MS, classA: 80, classB: 20 });
    const ps = positions(lines);
    assert.ok(ps.length > 10_000);
    const onLand = ps.filter((p, i) => i % 5 === 0 && !atSea([p.lon, p.lat]));
    assert.deepEqual(onLand, []);
  });

  it('uses Black Sea and open-registry MIDs, and puts military and law-enforcement ships on patrol', () => {
    const { lines } = run({ seed: 5, start: START, durationMs: 10 * 60_000, classA: 200, classB: 20 });
    const mids = new Set<number>();
    const types = new Set<number>();
    for (const { line } of lines) {
      const p = parse(line);
      if (!p || p.index !== 1) continue;
      const b = bitsOf(p.payload);
      mids.add(Math.floor(readUint(b, 8, 30) / 1_000_000));
      if (readUint(b, 0, 6) === 5) types.add(readUint(b, 232, 8));
    }
    const allowed = new Set([272, 271, 264, 207, 213, 273, 215, 229, 248, 249, 256, 351, 352, 353, 354, 355, 356, 357, 370, 371, 372, 373, 636, 538, 237, 239, 240, 241]);
    for (const mid of mids) assert.ok(allowed.has(mid), `unexpected MID ${mid}`);
    for (const mid of [271, 272, 273]) assert.ok(mids.has(mid), `no vessel with MID ${mid}`);
    assert.ok(types.has(35), 'a military vessel');
    assert.ok(types.has(55), 'a law-enforcement vessel');
    assert.ok([...types].some((t) => t >= 70 && t <= 79) && [...types].some((t) => t >= 80 && t <= 89), 'cargo and tankers');
  });

  it('adds duplicates from a second receiver, late lines, and corrupted or truncated lines that fail their checksum', () => {
    const { lines, summary } = run({ seed: 6, start: START, durationMs: HOUR_MS, classA: 40, classB: 10, artefacts: { duplicate: 0.1, outOfOrder: 0.05, corrupt: 0.01, truncate: 0.01 } });
    const bad = lines.filter((l) => parse(l.line) === null).length;
    assert.equal(bad, summary.artefacts.corrupt + summary.artefacts.truncate);
    assert.ok(summary.artefacts.corrupt > 0 && summary.artefacts.truncate > 0 && summary.artefacts.outOfOrder > 0);
    // A duplicate: the same sentence heard by two receivers.
    const sources = new Map<string, Set<string>>();
    for (const { line } of lines) {
      const p = parse(line);
      if (!p) continue;
      const key = line.slice(line.indexOf('!'));
      sources.set(key, (sources.get(key) ?? new Set()).add(p.source));
    }
    const heardTwice = [...sources.values()].filter((s) => s.size >= 2).length;
    assert.ok(heardTwice >= summary.artefacts.duplicate * 0.8, `${heardTwice} sentences heard by two receivers`);
    // A late line: its tag-block time is behind the line before it.
    let late = 0;
    let prevSeconds = 0;
    for (const { line } of lines) {
      const p = parse(line);
      if (!p) continue;
      if (p.unixSeconds < prevSeconds) late++;
      prevSeconds = Math.max(prevSeconds, p.unixSeconds);
    }
    assert.ok(late > 0, 'some lines arrive out of order');
    assert.ok(lines.every((l, i) => i === 0 || l.timeMs >= (lines[i - 1] as SimLine).timeMs));
  });

  it('runs scripted actors: silent while switched off, at the spoofed position while spoofing, with their ground truth', () => {
    const mmsi = 273999001;
    const from: LonLat = [31.6, 45.6];
    const to: LonLat = [30.95, 46.3];
    const fake: LonLat = [34.1, 44.97]; // Simferopol airport, inland
    const truth = [
      { rule: 'R2', type: 'must-transmit', entity: `mmsi:${mmsi}`, zone: 'corridor', start: '2026-03-25T00:20:00.000Z', end: '2026-03-25T00:35:00.000Z' },
      { rule: 'R5', type: 'position-integrity', entity: `mmsi:${mmsi}`, start: '2026-03-25T00:45:00.000Z', end: '2026-03-25T00:50:00.000Z', note: 'spoofed to Simferopol' },
    ];
    const actor = new ScriptedActor({
      identity: identity(mmsi),
      waypoints: [{ at: START_MS + 10 * 60_000, position: from }, { at: START_MS + 60 * 60_000, position: to }],
      silences: [{ from: '2026-03-25T00:20:00Z', to: '2026-03-25T00:35:00Z' }],
      spoofs: [{ from: '2026-03-25T00:45:00Z', to: '2026-03-25T00:50:00Z', position: fake }],
      truth,
    });
    const { lines, summary } = run({ seed: 7, start: START, durationMs: HOUR_MS, classA: 5, classB: 0, actors: [actor] });
    const mine = positions(lines).filter((p) => p.mmsi === mmsi);
    assert.ok(mine.length > 100);
    const minute = (p: Position): number => (p.timeMs - START_MS) / 60_000;
    assert.ok(mine.every((p) => minute(p) >= 10), 'nothing before the first waypoint');
    assert.deepEqual(mine.filter((p) => minute(p) >= 20 && minute(p) < 35), [], 'silent while switched off');
    const spoofed = mine.filter((p) => minute(p) >= 45 && minute(p) < 50);
    assert.ok(spoofed.length >= 25);
    for (const p of spoofed) assert.deepEqual([p.lon, p.lat].map((v) => Math.round(v * 1e4) / 1e4), fake);
    const honest = mine.filter((p) => minute(p) < 45 || minute(p) >= 50);
    assert.ok(honest.every((p) => Math.abs(p.lon - fake[0]) > 1), 'honest fixes are on the track');
    assert.ok(honest.every((p) => p.sogKn > 3 && p.status === 0));
    assert.deepEqual(summary.groundTruth, truth);
  });

  it('refuses an invalid start time or artefact rate with a message', () => {
    assert.throws(() => simulate({ seed: 1, start: 'yesterday', durationMs: 1 }).next(), /not an ISO 8601 time/);
    assert.throws(() => simulate({ seed: 1, start: START, durationMs: 1, artefacts: { corrupt: 2 } }).next(), /corrupt must be in \[0, 1\]/);
  });
});
