import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LANES, PORTS, portById, RECEIVER_SITES, type LonLat } from './black-sea.js';
import { distanceM } from './lane-path.js';
import { atSea } from './sea-fixture.js';

/** Spacing of the interpolated check points, metres (the brief asks for ~5 km; finer is stricter). */
const STEP_M = 1_000;

/** Points every STEP_M along the straight (lon/lat-linear) legs that vessels sail. */
function* alongLane(waypoints: readonly LonLat[], closed: boolean): Generator<[LonLat, number]> {
  const pts = closed ? [...waypoints, waypoints[0] as LonLat] : waypoints;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1] as LonLat;
    const b = pts[i] as LonLat;
    const n = Math.max(1, Math.ceil(distanceM(a, b) / STEP_M));
    for (let k = 0; k <= n; k++) yield [[a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n], i - 1];
  }
}

describe('Black Sea geography', () => {
  it('places every lane waypoint at sea', () => {
    const onLand = LANES.flatMap((l) => l.waypoints.filter((p) => !atSea(p)).map((p) => `${l.id} ${p.join(',')}`));
    assert.deepEqual(onLand, []);
  });

  it('keeps every lane at sea between its waypoints, checked every kilometre', () => {
    const onLand: string[] = [];
    let checked = 0;
    for (const lane of LANES) {
      for (const [p, leg] of alongLane(lane.waypoints, lane.kind === 'circuit')) {
        checked++;
        if (!atSea(p)) onLand.push(`${lane.id} leg ${leg}: ${p[0].toFixed(4)},${p[1].toFixed(4)}`);
      }
    }
    assert.ok(checked > 8_000, `only ${checked} points checked`);
    assert.deepEqual(onLand, []);
  });

  it('knows land when it sees it: Crimea, Anatolia and the Danube delta are not sea', () => {
    assert.equal(atSea([34.1, 45.0]), false); // Simferopol
    assert.equal(atSea([35.0, 40.0]), false); // central Anatolia
    assert.equal(atSea([29.3, 45.2]), false); // Danube delta
    assert.equal(atSea([34.0, 43.5]), true); // open sea south of Crimea
  });

  it('starts and ends every route at a port approach, and the approaches are at sea', () => {
    for (const port of PORTS) assert.ok(atSea(port.approach), `${port.id} approach on land`);
    for (const lane of LANES.filter((l) => l.kind === 'route')) {
      assert.ok(lane.from, `${lane.id} has no origin port`);
      assert.deepEqual(lane.waypoints[0], portById(lane.from).approach, `${lane.id} starts off its port`);
      if (lane.to) assert.deepEqual(lane.waypoints.at(-1), portById(lane.to).approach, `${lane.id} ends off its port`);
    }
  });

  it('puts the named ports where they are', () => {
    const near = (id: string, p: LonLat, km: number): void => {
      const d = distanceM(portById(id).position, p) / 1000;
      assert.ok(d < km, `${id} is ${d.toFixed(1)} km off`);
    };
    near('odesa', [30.75, 46.49], 2);
    near('bosphorus', [29.13, 41.23], 2);
    near('sevastopol', [33.52, 44.62], 3);
    near('novorossiysk', [37.79, 44.72], 3);
    assert.equal(RECEIVER_SITES.length >= 4, true);
  });

  it('routes Novorossiysk traffic well south of Crimea (south of 44.1°N west of 36.5°E)', () => {
    const lane = LANES.find((l) => l.id === 'novorossiysk-bosphorus');
    assert.ok(lane);
    for (const [[lon, lat]] of alongLane(lane.waypoints, false)) if (lon < 36.5) assert.ok(lat < 44.1, `${lon},${lat}`);
  });
});
