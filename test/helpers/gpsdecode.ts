import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Message types whose fields Vigil decodes (the rest: type and mmsi only). */
export const DECODED_TYPES = new Set([1, 2, 3, 4, 5, 9, 11, 18, 19, 21, 24, 27]);

/** True when gpsd's gpsdecode is installed (Debian package gpsd-clients). */
export const HAVE_GPSDECODE = existsSync('/usr/bin/gpsdecode');

/** Messages as gpsdecode decodes them (JSON, scaled), one object per message. */
export function gpsdecode(input: string): Record<string, unknown>[] {
  const scaled = runGpsdecode(input, ['--split24']);
  // gpsd 3.22 prints type 27 positions rounded to 0.1° when scaled; take those raw (1/10 min) and scale them here.
  const raw = runGpsdecode(input, ['--split24', '--unscaled']);
  if (raw.length !== scaled.length) throw new Error('gpsdecode scaled and unscaled runs disagree in length');
  return scaled.map((g, i) => {
    if (g.type !== 27) return g;
    const u = raw[i]!;
    return { ...g, lat: (u.lat as number) / 600, lon: (u.lon as number) / 600, status: u.status };
  });
}

function runGpsdecode(input: string, args: string[]): Record<string, unknown>[] {
  const r = spawnSync('/usr/bin/gpsdecode', args, { input, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gpsdecode failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.startsWith('{"class":"AIS"')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * gpsd's fields mapped to Vigil's SPEC keys, with gpsd's "not available" sentinels removed
 * (gpsd prints them as numbers; Vigil leaves the key out).
 */
export function gpsdAsSpec(g: Record<string, unknown>): Record<string, number | string> {
  const out: Record<string, number | string> = { type: g.type as number, mmsi: g.mmsi as number };
  // Vigil decodes only the header of the other types (binary messages, DGNSS…), gpsd decodes more.
  if (!DECODED_TYPES.has(out.type as number)) return out;
  const num = (k: string): number | undefined => (typeof g[k] === 'number' ? (g[k] as number) : undefined);
  const lat = num('lat');
  const lon = num('lon');
  if (lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    out.lat = lat;
    out.lon = lon;
  }
  const type = out.type as number;
  const speed = g.speed === 'fast' ? 102.2 : num('speed'); // gpsd prints 1022 ("102.2 kn or more") as "fast"
  const speedNa = type === 27 ? 63 : type === 9 ? 1023 : 102.3;
  if (speed !== undefined && speed !== speedNa) out.sog = speed;
  const course = num('course');
  if (course !== undefined && course < 360) out.cog = course;
  const heading = num('heading');
  if (heading !== undefined && heading < 360) out.heading = heading;
  const status = num('status');
  if (status !== undefined && status !== 15) out.navStatus = status;
  const shiptype = num('shiptype');
  if (shiptype !== undefined && shiptype > 0 && shiptype < 100) out.shipType = shiptype;
  const imo = num('imo');
  if (imo !== undefined && imo !== 0) out.imo = imo;
  // Type 24 part B: gpsd copies the name of an earlier part A into it even with --split24; Vigil reports each part as sent.
  if (type === 24 && 'shiptype' in g) delete g.shipname;
  // Type 21 name extension (bits 272+): gpsd 3.22 reads it a few bits off (e.g. "Y&" where the
  // ITU-R M.1371-5 Table 71 layout gives "A&X"); compare the 20-character name field only.
  if (type === 21 && typeof g.name === 'string') g.name = g.name.slice(0, 20).trimEnd();
  for (const [from, to] of [['callsign', 'callsign'], ['shipname', 'name'], ['name', 'name'], ['destination', 'destination']] as const) {
    const v = g[from];
    if (typeof v === 'string' && v !== '') out[to] = v;
  }
  return out;
}
