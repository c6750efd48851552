/**
 * The agreement file schema (SPEC "Agreement file (YAML)"), as zod schemas. Objects are
 * strict: a misspelt key (`parmas`, `radiusNM`) is an error, not a silently ignored field.
 */
import { z } from 'zod';
import { DURATION_PATTERN, parseDurationMs } from './duration.js';

/** Zone kinds; they only inform the console and reports, rules say what is forbidden. */
export const ZONE_KINDS = ['port-approach', 'corridor', 'naval-base', 'strait', 'exclusion', 'no-fly', 'transit-line', 'other'] as const;
/** Observation domains a rule can apply to. */
export const DOMAINS = ['sea', 'air', 'report'] as const;
/** Entity categories (SPEC "Tracks and identities"). */
export const CATEGORIES = ['military', 'law-enforcement', 'government', 'civil', 'unknown'] as const;
/** Incident report categories (SPEC "Incident report"). */
export const REPORT_CATEGORIES = ['air-strike', 'missile-attack', 'drone-attack', 'shelling', 'naval-attack', 'mine', 'other'] as const;
/** The report categories that are strikes or attacks: the default of a `no-strike` rule. */
export const STRIKE_CATEGORIES = ['air-strike', 'missile-attack', 'drone-attack', 'shelling', 'naval-attack'] as const;
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export const RULE_TYPES = [
  'no-entry', 'must-transmit', 'no-loiter', 'no-rendezvous', 'position-integrity',
  'transit', 'no-fly', 'no-strike', 'air-integrity',
] as const;

export type ZoneKind = (typeof ZONE_KINDS)[number];
export type Domain = (typeof DOMAINS)[number];
export type Category = (typeof CATEGORIES)[number];
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type RuleType = (typeof RULE_TYPES)[number];

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'ids are letters, digits, ".", "_", ":" and "-", starting with a letter or digit');

/** A duration `Ns|Nm|Nh`, parsed to milliseconds. */
export const durationSchema = z
  .string({ error: 'expected a duration such as 30s, 30m or 2h' })
  .regex(DURATION_PATTERN, 'expected a duration such as 30s, 30m or 2h (a number then s, m or h)')
  .transform((s) => parseDurationMs(s) as number);

/** A timestamp: ISO 8601 with a time zone (YAML may hand it over as a Date). */
const instantSchema = z
  .union([z.string(), z.date()], { error: 'expected an ISO 8601 time such as 2026-03-25T00:00:00Z' })
  .transform((v, ctx) => {
    const ms = v instanceof Date ? v.getTime() : /(Z|[+-]\d\d:?\d\d)$/.test(v) ? Date.parse(v) : Number.NaN;
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time with a zone, such as 2026-03-25T00:00:00Z' });
      return z.NEVER;
    }
    return ms;
  });

const position = z
  .array(z.number(), { error: 'expected a position [lon, lat]' })
  .min(2, 'expected a position [lon, lat]')
  .max(3, 'expected a position [lon, lat] (or [lon, lat, alt])')
  .superRefine((p, ctx) => {
    const [lon, lat] = p as [number, number];
    if (lon < -180 || lon > 180) ctx.addIssue({ code: 'custom', message: `longitude ${lon} is outside [-180, 180] (positions are [lon, lat])` });
    if (lat < -90 || lat > 90) ctx.addIssue({ code: 'custom', message: `latitude ${lat} is outside [-90, 90] (positions are [lon, lat])` });
  });

const linearRing = z
  .array(position)
  .min(4, 'a polygon ring needs at least 4 positions (the last repeating the first)')
  .superRefine((ring, ctx) => {
    const a = ring[0];
    const b = ring[ring.length - 1];
    if (a && b && (a[0] !== b[0] || a[1] !== b[1])) {
      ctx.addIssue({ code: 'custom', message: `polygon ring is not closed: last position [${b.join(', ')}] must repeat the first [${a.join(', ')}]` });
    }
  });

export const polygonSchema = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(linearRing).min(1, 'a polygon needs an outer ring') });
export const multiPolygonSchema = z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(linearRing).min(1)).min(1) });
export const lineStringSchema = z.strictObject({ type: z.literal('LineString'), coordinates: z.array(position).min(2, 'a line needs at least 2 positions') });
/** Zone geometry: GeoJSON Polygon, MultiPolygon or (transit lines only) LineString. */
export const geometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema, lineStringSchema]);

const circleSchema = z.strictObject({
  center: position,
  radiusNm: z.number().positive('radiusNm must be > 0').max(500, 'radiusNm above 500 nm is surely a mistake'),
});

export const zoneSchema = z
  .strictObject({
    id,
    name: z.string().optional(),
    kind: z.enum(ZONE_KINDS).optional(),
    description: z.string().optional(),
    geometry: geometrySchema.optional(),
    circle: circleSchema.optional(),
    file: z.string().min(1).optional(),
  })
  .superRefine((zone, ctx) => {
    const n = Number(zone.geometry !== undefined) + Number(zone.circle !== undefined) + Number(zone.file !== undefined);
    if (n !== 1) ctx.addIssue({ code: 'custom', message: `a zone needs exactly one of geometry, circle or file (has ${n})` });
  });

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const appliesSchema = z.strictObject({
  domain: oneOrMany(z.enum(DOMAINS)).optional(),
  category: oneOrMany(z.enum(CATEGORIES)).optional(),
  parties: oneOrMany(z.string()).optional(),
});

const ruleBase = {
  id,
  zones: z.array(z.string()).optional(),
  applies: appliesSchema.optional(),
  severity: z.enum(SEVERITIES).optional(),
  description: z.string().optional(),
};

const noParams = z.strictObject({}).optional();
const positiveNumber = (what: string) => z.number({ error: `${what} must be a number` }).positive(`${what} must be > 0`);
/**
 * Zone ids whose fixes do not count as inside the rule's zones (ports, anchorages); checked
 * against the agreement's zones at compile time.
 */
/** Rendezvous and loitering in a harbour (within 5 km of a gazetteer port) count only with `includeBerths: true`. */
const includeBerths = z.boolean({ error: 'includeBerths is true or false' }).optional();
const excludeZones = z.array(z.string({ error: 'excludeZones lists zone ids' }), { error: 'excludeZones is a list of zone ids, e.g. [odesa-anchorage]' }).optional();

/** Rules, discriminated on `type`; parameters default as the SPEC and brief say. */
export const ruleSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...ruleBase, type: z.literal('no-entry'), params: noParams }),
  z.strictObject({ ...ruleBase, type: z.literal('must-transmit'), params: z.strictObject({ maxGap: durationSchema.prefault('30m') }).prefault({}) }),
  z.strictObject({ ...ruleBase, type: z.literal('no-loiter'), params: z.strictObject({ maxSpeedKn: positiveNumber('maxSpeedKn').default(2), minDuration: durationSchema.prefault('45m'), excludeZones, includeBerths }).prefault({}) }),
  z.strictObject({
    ...ruleBase, type: z.literal('no-rendezvous'),
    params: z.strictObject({ distanceM: positiveNumber('distanceM').default(500), minDuration: durationSchema.prefault('30m'), maxSpeedKn: positiveNumber('maxSpeedKn').optional(), excludeZones, includeBerths }).prefault({}),
  }),
  z.strictObject({ ...ruleBase, type: z.literal('position-integrity'), params: z.strictObject({ maxSpeedKn: positiveNumber('maxSpeedKn').default(60), landMarginM: z.number().nonnegative().default(1000) }).prefault({}) }),
  z.strictObject({ ...ruleBase, type: z.literal('transit'), params: z.strictObject({ direction: z.enum(['any', 'left-to-right', 'right-to-left']).default('any') }).prefault({}) }),
  z.strictObject({ ...ruleBase, type: z.literal('no-fly'), params: noParams }),
  z.strictObject({ ...ruleBase, type: z.literal('no-strike'), params: z.strictObject({ categories: z.array(z.enum(REPORT_CATEGORIES)).min(1).optional() }).optional() }),
  z.strictObject({ ...ruleBase, type: z.literal('air-integrity'), params: z.strictObject({ maxSpeedKt: positiveNumber('maxSpeedKt').default(1200), maxClimbFpm: positiveNumber('maxClimbFpm').default(20000) }).prefault({}) }),
]);

const partySchema = z.strictObject({
  name: z.string().min(1),
  flags: z.array(z.string().regex(/^[A-Z]{3}$/, 'flags are ISO 3166-1 alpha-3 codes: three capital letters, e.g. UKR')).default([]),
});

const entitySchema = z.strictObject({
  id: z.string().regex(/^(mmsi:\d{9}|icao:[0-9a-f]{6}|track:[^:\s]+:[^\s]+|report:\S+)$/, 'entity ids are mmsi:NNNNNNNNN, icao:xxxxxx (lower-case hex), track:SENSOR:ID or report:ID'),
  category: z.enum(CATEGORIES).optional(),
  party: z.string().optional(),
  name: z.string().optional(),
  flag: z.string().regex(/^[A-Z]{3}$/, 'flag must be an ISO 3166-1 alpha-3 code such as UKR').optional(),
});

/** The whole agreement file. */
export const agreementSchema = z.strictObject({
  agreement: id,
  title: z.string().min(1),
  version: z.number().int('version must be a whole number').min(1, 'version starts at 1'),
  effective: z.strictObject({ from: instantSchema, until: instantSchema.optional() }),
  parties: z.record(z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/, 'party codes are 2–8 capital letters or digits, e.g. UA'), partySchema),
  zones: z.array(zoneSchema).default([]),
  entities: z.array(entitySchema).default([]),
  rules: z.array(ruleSchema).min(1, 'an agreement needs at least one rule'),
});

/** A validated agreement document (durations in ms, defaults applied). */
export type AgreementDoc = z.output<typeof agreementSchema>;
export type ZoneDoc = z.output<typeof zoneSchema>;
export type RuleDoc = z.output<typeof ruleSchema>;
export type EntityDoc = z.output<typeof entitySchema>;
