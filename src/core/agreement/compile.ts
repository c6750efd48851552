import { polygonAreaKm2 } from '../geo/area.js';
import { destinationPoint, haversineM, METRES_PER_NM } from '../geo/distance.js';
import { polygonsOf, type ZoneGeometry } from '../geo/polygon-geometry.js';
import { ZoneIndex } from '../geo/zone-index.js';
import { formatField, type AgreementError, type AgreementResult, type DocPath } from './agreement-error.js';
import type { CompiledAgreement, CompiledRule, CompiledZone, Party, RegistryEntry, RuleApplies } from './compiled-agreement.js';
import { geometrySchema, STRIKE_CATEGORIES, type AgreementDoc, type Domain, type RuleDoc, type RuleType, type Severity, type ZoneKind } from './schema.js';
import type { Locate } from './source-map.js';

/**
 * Reads a file named by a `file:` zone, relative to the agreement file. I/O lives with the
 * caller (src/config/agreement-file.ts); the compiler stays pure.
 */
export type FileResolver = (path: string) => { ok: true; value: string } | { ok: false; error: string };

/** Where the document came from, for error positions. */
export interface CompileSource {
  file: string;
  locate?: Locate;
}

/** Vertices of the polygon that stands for a `circle:` zone (64 ≈ 0.16 % area error). */
export const CIRCLE_VERTICES = 64;

/** Severity of a rule that does not set one. */
export const DEFAULT_SEVERITY: Record<RuleType, Severity> = {
  'no-entry': 'high',
  'must-transmit': 'medium',
  'no-loiter': 'medium',
  'no-rendezvous': 'medium',
  'position-integrity': 'medium',
  'transit': 'high',
  'no-fly': 'high',
  'no-strike': 'high',
  'air-integrity': 'medium',
};

/**
 * The domains each rule type can observe. A rule's `applies.domain` narrows this set; when
 * absent the rule applies to all of it (SPEC: "a missing filter matches all").
 */
export const RULE_DOMAINS: Record<RuleType, readonly Domain[]> = {
  'no-entry': ['sea', 'air'],
  'must-transmit': ['sea', 'air'],
  'no-loiter': ['sea'],
  'no-rendezvous': ['sea'],
  'position-integrity': ['sea'],
  'transit': ['sea'],
  'no-fly': ['air'],
  'no-strike': ['report'],
  'air-integrity': ['air'],
};

/**
 * A circle as a closed, counter-clockwise polygon of {@link CIRCLE_VERTICES} vertices on
 * the sphere.
 *
 * @param center `[lon, lat]`, degrees
 * @param radiusNm radius in nautical miles
 * @example
 * circlePolygon([33.52, 44.62], 12).coordinates[0].length; // 65
 */
export function circlePolygon(center: readonly number[], radiusNm: number): { type: 'Polygon'; coordinates: number[][][] } {
  const ring: number[][] = [];
  for (let i = 0; i < CIRCLE_VERTICES; i++) {
    // Bearings run clockwise; walking them backwards gives the RFC 7946 CCW outer ring.
    const bearing = 360 - (i * 360) / CIRCLE_VERTICES;
    const [lon, lat] = destinationPoint(center[0] as number, center[1] as number, bearing % 360, radiusNm * METRES_PER_NM);
    ring.push([Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]);
  }
  ring.push([...(ring[0] as number[])]);
  return { type: 'Polygon', coordinates: [ring] };
}

function bboxOf(g: ZoneGeometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (p: readonly number[]): void => {
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  };
  if (g.type === 'LineString') g.coordinates.forEach(add);
  else for (const poly of polygonsOf(g)) for (const ring of poly) ring.forEach(add);
  return b;
}

function lineLengthKm(coords: readonly (readonly number[])[]): number {
  let m = 0;
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1] as readonly number[];
    const b = coords[i] as readonly number[];
    m += haversineM(a[0] as number, a[1] as number, b[0] as number, b[1] as number);
  }
  return m / 1000;
}

/** Extracts a geometry from GeoJSON text: a Feature, a one-feature FeatureCollection or a bare geometry. */
function geometryFromGeoJson(text: string): { ok: true; geometry: ZoneGeometry; name?: string } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
  let name: string | undefined;
  let g: unknown = json;
  const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const root = obj(json);
  if (root?.['type'] === 'FeatureCollection') {
    const feats = Array.isArray(root['features']) ? root['features'] : [];
    if (feats.length !== 1) return { ok: false, error: `a FeatureCollection zone must hold exactly one feature (has ${feats.length})` };
    g = feats[0];
  }
  const feat = obj(g);
  if (feat?.['type'] === 'Feature') {
    const props = obj(feat['properties']);
    if (typeof props?.['name'] === 'string') name = props['name'];
    g = feat['geometry'];
  }
  const parsed = geometrySchema.safeParse(g);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${formatField(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)))}: ` : '';
    return { ok: false, error: `${where}${issue?.message ?? 'invalid geometry'}` };
  }
  return name === undefined ? { ok: true, geometry: parsed.data } : { ok: true, geometry: parsed.data, name };
}

/**
 * Compiles a validated agreement document: resolves `file:` and `circle:` zones to
 * geometries, builds the zone index, and cross-checks ids, zone use, parties and the
 * effective period. Never throws for bad input.
 *
 * @param doc output of `agreementSchema` (see {@link parseAgreement} for text input)
 * @param resolveFile reads `file:` zones; without it such zones are errors
 * @param source file name and locator used to position errors
 * @example
 * const r = compileAgreement(doc, undefined, { file: 'agreement.yaml' });
 * if (r.ok) r.value.zoneIndex.zonesAt(30.9, 46.4, out);
 */
export function compileAgreement(doc: AgreementDoc, resolveFile?: FileResolver, source: CompileSource = { file: '<agreement>' }): AgreementResult<CompiledAgreement> {
  const errors: AgreementError[] = [];
  const fail = (path: DocPath, message: string): void => {
    const pos = source.locate ? source.locate(path) : { line: 1, column: 1 };
    errors.push({ file: source.file, line: pos.line, column: pos.column, field: formatField(path), message });
  };

  if (doc.effective.until !== undefined && doc.effective.until <= doc.effective.from) {
    fail(['effective', 'until'], 'effective.until must be after effective.from');
  }

  const parties = new Map<string, Party>();
  const flagOwner = new Map<string, string>();
  for (const [code, p] of Object.entries(doc.parties)) {
    parties.set(code, { code, name: p.name, flags: [...p.flags] });
    p.flags.forEach((flag, k) => {
      const owner = flagOwner.get(flag);
      if (owner !== undefined) fail(['parties', code, 'flags', k], `flag ${flag} already belongs to party ${owner}`);
      else flagOwner.set(flag, code);
    });
  }

  const zones: CompiledZone[] = [];
  const zoneById = new Map<string, number>();
  /** Zones already reported as broken: rules naming them get no second error. */
  const brokenZones = new Set<string>();
  doc.zones.forEach((z, i) => {
    if (zoneById.has(z.id) || brokenZones.has(z.id)) {
      fail(['zones', i, 'id'], `duplicate zone id "${z.id}"`);
      return;
    }
    let geometry: ZoneGeometry | undefined;
    let fileName: string | undefined;
    if (z.geometry) geometry = z.geometry;
    else if (z.circle) geometry = circlePolygon(z.circle.center, z.circle.radiusNm);
    else if (z.file !== undefined) {
      brokenZones.add(z.id);
      if (!resolveFile) {
        fail(['zones', i, 'file'], `cannot read ${z.file}: file zones need the agreement to be loaded from a file`);
        return;
      }
      const text = resolveFile(z.file);
      if (!text.ok) {
        fail(['zones', i, 'file'], text.error);
        return;
      }
      const g = geometryFromGeoJson(text.value);
      if (!g.ok) {
        fail(['zones', i, 'file'], `${z.file}: ${g.error}`);
        return;
      }
      geometry = g.geometry;
      fileName = g.name;
      brokenZones.delete(z.id);
    }
    if (!geometry) return;
    const isLine = geometry.type === 'LineString';
    const kind: ZoneKind = z.kind ?? (isLine ? 'transit-line' : 'other');
    if (isLine && kind !== 'transit-line') fail(['zones', i, 'kind'], `a LineString zone must be of kind transit-line, not ${kind}`);
    if (!isLine && kind === 'transit-line') fail(['zones', i, 'kind'], 'a transit-line zone needs a LineString geometry');
    const index = zones.length;
    let areaKm2 = 0;
    for (const rings of polygonsOf(geometry)) areaKm2 += polygonAreaKm2(rings);
    const zone: CompiledZone = {
      id: z.id,
      name: z.name ?? fileName ?? z.id,
      kind,
      index,
      geometry,
      bbox: bboxOf(geometry),
      areaKm2,
      lengthKm: geometry.type === 'LineString' ? lineLengthKm(geometry.coordinates) : 0,
      contains: () => false,
    };
    if (z.circle) zone.circle = { center: [z.circle.center[0] as number, z.circle.center[1] as number], radiusNm: z.circle.radiusNm };
    if (z.file !== undefined) zone.file = z.file;
    zoneById.set(z.id, index);
    zones.push(zone);
  });
  const zoneIndex = new ZoneIndex(zones.map((z) => z.geometry));
  for (const z of zones) {
    const index = z.index;
    z.contains = (lon, lat) => zoneIndex.contains(index, lon, lat);
  }

  const entities = new Map<string, RegistryEntry>();
  doc.entities.forEach((e, i) => {
    if (entities.has(e.id)) fail(['entities', i, 'id'], `duplicate entity id "${e.id}"`);
    if (e.party !== undefined && !parties.has(e.party)) fail(['entities', i, 'party'], `unknown party "${e.party}" (parties: ${[...parties.keys()].join(', ')})`);
    const entry: RegistryEntry = { id: e.id };
    if (e.category !== undefined) entry.category = e.category;
    if (e.party !== undefined) entry.party = e.party;
    if (e.name !== undefined) entry.name = e.name;
    if (e.flag !== undefined) entry.flag = e.flag;
    entities.set(e.id, entry);
  });

  const rules: CompiledRule[] = [];
  const ruleIds = new Set<string>();
  doc.rules.forEach((r, i) => {
    if (ruleIds.has(r.id)) fail(['rules', i, 'id'], `duplicate rule id "${r.id}"`);
    ruleIds.add(r.id);
    const zoneIdx: number[] = [];
    (r.zones ?? []).forEach((zid, k) => {
      const zi = zoneById.get(zid);
      if (zi === undefined) {
        if (brokenZones.has(zid)) return;
        fail(['rules', i, 'zones', k], `unknown zone "${zid}" (${zoneById.size === 0 ? 'no zones defined' : `zones: ${[...zoneById.keys()].join(', ')}`})`);
        return;
      }
      const zone = zones[zi] as CompiledZone;
      const isLine = zone.geometry.type === 'LineString';
      if (isLine && r.type !== 'transit') fail(['rules', i, 'zones', k], `zone "${zid}" is a transit line; only transit rules can use it`);
      if (!isLine && r.type === 'transit') fail(['rules', i, 'zones', k], `transit rules need transit-line (LineString) zones; "${zid}" is a polygon`);
      zoneIdx.push(zi);
    });
    if (r.type === 'transit' && (r.zones ?? []).length === 0) fail(['rules', i, 'zones'], 'a transit rule needs at least one transit-line zone');
    if (r.type === 'no-loiter' || r.type === 'no-rendezvous') {
      // Exclude zones are checked like `zones:` references, at `rules[i].params.excludeZones[k]`.
      (r.params.excludeZones ?? []).forEach((zid, k) => {
        const at = ['rules', i, 'params', 'excludeZones', k];
        const zi = zoneById.get(zid);
        if (zi === undefined) {
          if (!brokenZones.has(zid)) fail(at, `unknown zone "${zid}" (${zoneById.size === 0 ? 'no zones defined' : `zones: ${[...zoneById.keys()].join(', ')}`})`);
          return;
        }
        if ((zones[zi] as CompiledZone).geometry.type === 'LineString') fail(at, `zone "${zid}" is a transit line; only polygonal zones can be excluded`);
        else if (zoneIdx.includes(zi)) fail(at, `zone "${zid}" is one of the rule's zones; excluding it would switch the rule off there`);
      });
    }

    const allowed = RULE_DOMAINS[r.type];
    let domains: Set<Domain> = new Set(allowed);
    if (r.applies?.domain) {
      domains = new Set(r.applies.domain);
      for (const d of domains) {
        if (!allowed.includes(d)) fail(['rules', i, 'applies', 'domain'], `a ${r.type} rule cannot apply to the ${d} domain (it observes ${allowed.join(', ')})`);
      }
    }
    for (const p of r.applies?.parties ?? []) {
      if (!parties.has(p)) fail(['rules', i, 'applies', 'parties'], `unknown party "${p}" (parties: ${[...parties.keys()].join(', ')})`);
    }
    const applies: RuleApplies = {
      domains,
      categories: r.applies?.category ? new Set(r.applies.category) : null,
      parties: r.applies?.parties ? new Set(r.applies.parties) : null,
    };
    const base = {
      id: r.id,
      zones: zoneIdx,
      zoneIds: [...(r.zones ?? [])],
      applies,
      severity: r.severity ?? DEFAULT_SEVERITY[r.type],
      ...(r.description !== undefined ? { description: r.description } : {}),
    };
    rules.push(compileRule(r, base));
  });

  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      id: doc.agreement,
      title: doc.title,
      version: doc.version,
      effectiveFromMs: doc.effective.from,
      effectiveUntilMs: doc.effective.until ?? null,
      parties,
      partyOfFlag: (flag) => flagOwner.get(flag),
      zones,
      zoneIndex,
      zoneById,
      lines: zones.filter((z) => z.geometry.type === 'LineString'),
      entities,
      rules,
    },
  };
}

type RuleBase = Omit<CompiledRule, 'type' | 'params'>;

/** Per-type parameters, durations to `…Ms`. */
function compileRule(r: RuleDoc, base: RuleBase): CompiledRule {
  switch (r.type) {
    case 'no-entry':
    case 'no-fly':
      return { ...base, type: r.type, params: {} };
    case 'must-transmit':
      return { ...base, type: r.type, params: { maxGapMs: r.params.maxGap } };
    case 'no-loiter':
      return {
        ...base, type: r.type,
        params: { maxSpeedKn: r.params.maxSpeedKn, minDurationMs: r.params.minDuration, ...(r.params.excludeZones !== undefined ? { excludeZones: [...r.params.excludeZones] } : {}), includeBerths: r.params.includeBerths ?? false },
      };
    case 'no-rendezvous':
      return {
        ...base, type: r.type,
        params: {
          distanceM: r.params.distanceM, minDurationMs: r.params.minDuration,
          ...(r.params.maxSpeedKn !== undefined ? { maxSpeedKn: r.params.maxSpeedKn } : {}),
          ...(r.params.excludeZones !== undefined ? { excludeZones: [...r.params.excludeZones] } : {}),
          includeBerths: r.params.includeBerths ?? false,
        },
      };
    case 'position-integrity':
      return { ...base, type: r.type, params: { maxSpeedKn: r.params.maxSpeedKn, landMarginM: r.params.landMarginM } };
    case 'transit':
      return { ...base, type: r.type, params: { direction: r.params.direction } };
    case 'no-strike':
      return { ...base, type: r.type, params: { categories: new Set(r.params?.categories ?? STRIKE_CATEGORIES) } };
    case 'air-integrity':
      return { ...base, type: r.type, params: { maxSpeedKt: r.params.maxSpeedKt, maxClimbFpm: r.params.maxClimbFpm } };
  }
}
