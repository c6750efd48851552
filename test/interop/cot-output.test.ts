/**
 * The CoT output against a TAK-style listener (a `net.Server` collecting events), over TCP
 * and UDP; releasability through the real live pipeline; and the round trip through the
 * `cot` input format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Alert } from '../../src/core/alert/alert.js';
import type { EngineEvent, Fix } from '../../src/core/track/observation.js';
import { loadAgreementFile } from '../../src/config/agreement-file.js';
import { feedSchema, loadServeConfig, parseServeConfig, type OutputConfig } from '../../src/config/serve-config.js';
import { CotOutput } from '../../src/interop/cot/cot-output.js';
import { parseXml } from '../../src/interop/cot/cot-xml.js';
import { openInputs } from '../../src/pipeline/open-inputs.js';
import { LivePipeline, type PipelineEvents } from '../../src/pipeline/live-pipeline.js';
import { parseMarking, releasableTo, type Marking } from '../../src/store/marking.js';
import { openSqliteStore } from '../../src/store/index.js';
import type { TrackRecord } from '../../src/store/ports.js';
import { SKIP_WITHOUT_XMLLINT, xmllintValidate } from '../helpers/cot-xmllint.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

const T0 = Date.UTC(2026, 2, 25, 2, 10);
const COALITION: Marking = { kind: 'COALITION' };

function outputConfig(over: Record<string, unknown>): OutputConfig {
  const r = parseServeConfig({ agreement: 'a.yaml', outputs: [{ name: 'tak', kind: 'cot-tcp', host: '127.0.0.1', port: 1, nation: 'GBR', ...over }] });
  if (!r.ok) throw new Error(r.error);
  return r.value.outputs[0]!;
}

function track(id: string, over: Partial<TrackRecord> = {}): TrackRecord {
  return { id, kind: 'vessel', category: 'civil', lastMs: T0, lon: 31.2, lat: 45.1, fixes: 1, originator: 'FRA', marking: COALITION, ...over };
}

/** A TAK-style listener: accepts CoT over TCP and collects each `<event>…</event>`. */
class TakListener {
  readonly events: string[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  async listen(port = 0): Promise<number> {
    const server = createServer((socket) => {
      this.sockets.add(socket);
      let buf = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buf += chunk;
        for (let k = buf.indexOf('</event>'); k >= 0; k = buf.indexOf('</event>')) {
          this.events.push(buf.slice(0, k + 8).trim());
          buf = buf.slice(k + 8);
        }
      });
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every connection, as a TAK server going down does. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  uids(): string[] {
    return this.events.map((e) => /uid="([^"]*)"/.exec(e)?.[1] ?? '?');
  }
}

async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('outputs parse with their defaults; bad ones name the field', () => {
  const o = outputConfig({ port: 8087, marking: 'rel to gbr' });
  assert.deepEqual({ ...o }, {
    name: 'tak', kind: 'cot-tcp', host: '127.0.0.1', port: 8087, nation: 'GBR', marking: { kind: 'REL_TO', nations: ['GBR'] },
    filter: { alerts: true, tracks: true }, staleSeconds: 300, alertStaleSeconds: 86_400, alertType: 'b-m-p-s-m', ownFlags: [], queue: 10_000,
  });
  const r = parseServeConfig({ agreement: 'a.yaml', outputs: [{ name: 'x', kind: 'cot-http', host: 'h', port: 1, nation: 'GBR' }, { name: 'y', kind: 'cot-udp', host: 'h', port: 0, nation: 'gb', filter: { kinds: ['ship'] } }] }, 'serve.yaml');
  assert.ok(!r.ok);
  assert.match(r.error, /serve\.yaml: outputs\.0\.kind/);
  assert.match(r.error, /outputs\.1\.port/);
  assert.match(r.error, /outputs\.1\.nation: a nation is an ISO 3166-1 alpha-3 code/);
  assert.match(r.error, /outputs\.1\.filter\.kinds\.0/);
  const none = parseServeConfig({ agreement: 'a.yaml' });
  assert.ok(none.ok && none.value.outputs.length === 0);
});

test('a TAK listener receives one <event> per track and alert over TCP, filtered by kind and party', async () => {
  const tak = new TakListener();
  const port = await tak.listen();
  const out = new CotOutput(outputConfig({ port, filter: { kinds: ['vessel'], parties: ['RU'] } }), { initialBackoffMs: 20 });
  const pipeline = new EventEmitter<PipelineEvents>();
  out.start();
  out.attach(pipeline);
  pipeline.emit('tracks', [track('mmsi:273000001', { party: 'RU' }), track('mmsi:272000001', { party: 'UA' }), track('icao:155001', { kind: 'aircraft', party: 'RU' }), track('mmsi:273000002', { party: 'RU' })]);
  const alert: Alert = {
    id: 'a1', rule: 'no-entry-sevastopol', type: 'no-entry', domain: 'sea', severity: 'high', entity: { kind: 'vessel', id: 'mmsi:273000001', party: 'RU' },
    zone: 'sevastopol', start: new Date(T0).toISOString(), end: null, position: { lat: 44.6, lon: 33.5 }, evidence: {},
  };
  pipeline.emit('alert', { alert, status: 'open', originator: 'FRA', marking: COALITION });
  await until('3 events', () => tak.events.length >= 3);
  assert.deepEqual(tak.uids(), ['vigil.track.mmsi:273000001', 'vigil.track.mmsi:273000002', 'vigil.alert.a1']);
  assert.equal(out.stats().filtered, 2);
  await out.stop();
  await tak.close();
});

test('the TAK server goes away and comes back on the same port: queued events within the bound arrive, overflow is counted', async () => {
  const tak = new TakListener();
  const port = await tak.listen();
  const states: string[] = [];
  const out = new CotOutput(outputConfig({ port, queue: 5 }), { initialBackoffMs: 20, maxBackoffMs: 100, onStatus: (s) => states.push(s.state) });
  out.start();
  await until('connected', () => out.stats().state === 'connected');
  out.offerTracks([1, 2, 3].map((n) => track(`mmsi:27300000${n}`)));
  await until('first events', () => tak.events.length === 3);
  await tak.close();
  await until('disconnected', () => out.stats().state === 'disconnected');
  out.offerTracks([1, 2, 3, 4, 5, 6, 7, 8].map((n) => track(`mmsi:27310000${n}`)));
  assert.equal(out.stats().queued, 5);
  assert.equal(out.stats().overflow, 3);
  const again = new TakListener();
  assert.equal(await again.listen(port), port);
  await until('queued events after reconnect', () => again.events.length === 5);
  assert.deepEqual(again.uids(), [4, 5, 6, 7, 8].map((n) => `vigil.track.mmsi:27310000${n}`));
  const s = out.stats();
  assert.equal(s.state, 'connected');
  assert.equal(s.overflow, 3);
  assert.equal(s.queued, 0);
  assert.ok(states.filter((x) => x === 'connected').length >= 2);
  await out.stop();
  await again.close();
});

test('a GBR output never receives what its marking does not release to GBR (through the live pipeline)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-cot-'));
  const csv = (sensor: string, track: string, lat: number) => [
    'sensor,track,time,lat,lon,altitude_ft,speed_kt,heading,classification',
    ...[0, 1, 2, 3].map((k) => `${sensor},${track},2026-03-25T01:4${k}:00Z,${lat + k * 0.01},31.4,1500,90,315,uav`),
  ].join('\n') + '\n';
  const feeds = [
    { name: 'fra-secret', sensor: 'FR-SECRET', track: '1', originator: 'FRA', marking: 'ORIGINATOR ONLY', lat: 45.9 },
    { name: 'fra-open', sensor: 'FR-OPEN', track: '2', originator: 'FRA', marking: 'COALITION', lat: 45.5 },
    { name: 'pol-rel', sensor: 'PL-1', track: '3', originator: 'POL', marking: 'REL TO GBR', lat: 45.7 },
    { name: 'pol-fra', sensor: 'PL-2', track: '4', originator: 'POL', marking: 'REL TO FRA', lat: 45.3 },
  ];
  const loaded = loadAgreementFile(join(REPO_ROOT, 'examples/black-sea/agreement.yaml'));
  assert.ok(loaded.ok);
  const store = openSqliteStore(join(dir, 'vigil.sqlite'));
  const tak = new TakListener();
  const port = await tak.listen();
  const out = new CotOutput(outputConfig({ port }), { initialBackoffMs: 20 });
  out.start();
  await until('connected', () => out.stats().state === 'connected');
  const pipeline = new LivePipeline({ agreement: loaded.value, agreementVersion: loaded.value.version, store, allowanceMs: 1000, nation: 'FRA' });
  out.attach(pipeline);
  const published: { id: string; marking: Marking; originator: string }[] = [];
  pipeline.on('tracks', (t) => published.push(...t));
  pipeline.on('alert', (a) => published.push({ id: `alert:${a.alert.id}`, marking: a.marking, originator: a.originator }));
  const rts = feeds.map((f) => {
    const path = join(dir, `${f.name}.csv`);
    writeFileSync(path, csv(f.sensor, f.track, f.lat));
    return pipeline.addFeed(feedSchema.parse({ name: f.name, kind: 'file', path, speed: 1e7, originator: f.originator, marking: f.marking }));
  });
  await until('feeds ended', () => rts.every((r) => r.state === 'ended' || r.state === 'failed'), 20_000);
  await pipeline.stop();
  await out.stop();
  await tak.close();
  await store.close();
  const sentIds = new Set(tak.uids().map((u) => u.replace(/^vigil\.track\./, '')));
  assert.ok(sentIds.has('track:FR-OPEN:2') && sentIds.has('track:PL-1:3'), [...sentIds].join(' '));
  assert.ok(!sentIds.has('track:FR-SECRET:1') && !sentIds.has('track:PL-2:4'), [...sentIds].join(' '));
  // Every record the pipeline published reached the listener exactly when GBR may see it.
  const withheld = published.filter((p) => !releasableTo(p.marking, p.originator, 'GBR'));
  assert.ok(withheld.some((p) => p.id === 'track:FR-SECRET:1'));
  assert.equal(out.stats().withheld, withheld.length);
  for (const e of tak.events) {
    const v = /<__vigil [^>]*marking="([^"]*)" originator="([A-Z]{3})"/.exec(e);
    assert.ok(v !== null, e);
    const m = parseMarking(v[1]!);
    assert.ok(m.ok && releasableTo(m.value, v[2]!, 'GBR'), e);
  }
});

test('a UDP output sends one datagram per event, each a whole CoT event', { skip: SKIP_WITHOUT_XMLLINT }, async () => {
  const rx = createSocket('udp4');
  const got: string[] = [];
  rx.on('message', (m) => got.push(m.toString('utf8')));
  await new Promise<void>((resolve) => rx.bind(0, '127.0.0.1', () => resolve()));
  const out = new CotOutput(outputConfig({ kind: 'cot-udp', port: rx.address().port, marking: 'REL TO GBR' }));
  out.start();
  out.offerTracks([track('mmsi:273000001', { name: 'A & B' }), track('icao:4b1805', { kind: 'aircraft', altitudeFt: 30000 }), track('mmsi:273000009', { marking: { kind: 'ORIGINATOR_ONLY' } })]);
  await until('2 datagrams', () => got.length === 2);
  await out.stop();
  rx.close();
  for (const d of got) {
    const p = parseXml(d);
    assert.ok(p.ok && p.value.name === 'event', d);
    assert.match(d, /\[REL TO GBR\]/);
  }
  xmllintValidate(got);
  assert.deepEqual({ sent: out.stats().sent, withheld: out.stats().withheld }, { sent: 2, withheld: 1 });
});

test('round trip: what the output writes, read back as a cot input file, gives the same ids and positions', async () => {
  const kinds = [['vessel', 'mmsi:2'], ['aircraft', 'icao:4'], ['radar', 'track:S-1:']] as const;
  const recs = fc.sample(fc.record({
    k: fc.nat({ max: 2 }), n: fc.integer({ min: 10_000_000, max: 99_999_999 }),
    lat: fc.double({ min: -89.9, max: 89.9, noNaN: true }), lon: fc.double({ min: -179.9, max: 179.9, noNaN: true }),
    speedKn: fc.double({ min: 0, max: 600, noNaN: true }), courseDeg: fc.double({ min: 0, max: 359.9, noNaN: true }),
    category: fc.constantFrom('military', 'civil', 'unknown', 'government') as fc.Arbitrary<TrackRecord['category']>,
  }), { numRuns: 200, seed: 2 }).map((r, i): TrackRecord => {
    const [kind, prefix] = kinds[r.k]!;
    const id = kind === 'vessel' ? `${prefix}${String(r.n).slice(0, 8)}` : kind === 'aircraft' ? `${prefix}${(r.n % 0xfffff).toString(16).padStart(5, '0')}` : `${prefix}${r.n}`;
    return track(id, { kind, lat: r.lat, lon: r.lon, speedKn: r.speedKn, courseDeg: r.courseDeg, category: r.category, lastMs: T0 + i * 1000, name: `N${i}` });
  });
  const tak = new TakListener();
  const port = await tak.listen();
  const out = new CotOutput(outputConfig({ port }), { initialBackoffMs: 20 });
  out.start();
  out.offerTracks(recs);
  await until('all events', () => tak.events.length === recs.length);
  await out.stop();
  await tak.close();
  // As a file, read the way `vigil check` reads its inputs: detected, then the format's create/push.
  const file = join(mkdtempSync(join(tmpdir(), 'vigil-cot-')), 'tak.cot');
  writeFileSync(file, tak.events.join('\n') + '\n');
  const [input] = await openInputs([file]);
  assert.equal(input!.format.name, 'cot');
  const events: EngineEvent[] = [];
  const d = input!.format.create({ event: (e) => events.push(e), reject: (reason, detail) => assert.fail(`${reason}: ${detail}`) });
  for await (const batch of input!.lines) for (const l of batch) d.push(l);
  d.flush();
  const fixes = events.filter((e): e is Fix => e.kind === 'fix');
  assert.equal(fixes.length, recs.length);
  recs.forEach((r, i) => {
    const f = fixes[i]!;
    assert.equal(f.entityId, r.id);
    assert.equal(f.entityKind, r.kind);
    assert.equal(f.timeMs, r.lastMs);
    assert.ok(Math.abs(f.lat - r.lat) <= 1e-6 && Math.abs(f.lon - r.lon) <= 1e-6, `${r.id}: ${f.lat},${f.lon} vs ${r.lat},${r.lon}`);
    assert.ok(Math.abs(f.speedKn! - r.speedKn!) < 0.02 && Math.abs(f.courseDeg! - r.courseDeg!) <= 0.05, r.id);
  });
  assert.deepEqual(d.stats(), { lines: recs.length, rejected: {} });
});

test('the docs\' Cursor on Target example event validates and its outputs: example is a valid config', { skip: SKIP_WITHOUT_XMLLINT }, () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/formats.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Cursor on Target'));
  assert.ok(section.length > 100, 'docs/formats.md has a "Cursor on Target" section');
  const xml = /```xml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(xml !== undefined, 'the section has an xml example');
  xmllintValidate([xml]);
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(yaml !== undefined, 'the section has a yaml example');
  const file = join(mkdtempSync(join(tmpdir(), 'vigil-cot-')), 'serve.yaml');
  writeFileSync(file, `agreement: a.yaml\n${yaml}`);
  const r = loadServeConfig(file);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.deepEqual(r.value.outputs.map((o) => o.kind), ['cot-tcp', 'cot-udp']);
});
