import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseMarking } from '../store/marking.js';

const nation = z.string().regex(/^[A-Z]{3}$/, 'a nation is an ISO 3166-1 alpha-3 code such as FRA');
const marking = z.string().transform((text, ctx) => {
  const m = parseMarking(text);
  if (!m.ok) {
    ctx.addIssue({ code: 'custom', message: m.error });
    return z.NEVER;
  }
  return m.value;
});

const common = {
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'feed names are lower-case words joined by hyphens'),
  /** Input format (ais, sbs, opensky, radar, reports, acled, cot); detected from content when absent (files only). */
  format: z.string().optional(),
  /** Nation whose sensor this is; records from the feed carry it as originator. */
  originator: nation,
  /** Releasability of what the feed brings: COALITION, REL TO FRA, GBR, or ORIGINATOR ONLY. */
  marking: z.string().default('COALITION').pipe(marking),
};

export const feedSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('tcp'), host: z.string(), port: z.number().int().min(1).max(65535) }),
  z.strictObject({
    ...common, kind: z.literal('udp'), port: z.number().int().min(1).max(65535), host: z.string().default('0.0.0.0'),
    /** Datagrams held while the pipeline is busy; beyond it the oldest are dropped and counted (`dropped` on the feed status). */
    queue: z.number().int().min(1).max(10_000_000).default(100_000),
  }),
  z.strictObject({ ...common, kind: z.literal('file'), path: z.string(), speed: z.number().positive().default(1), loop: z.boolean().default(false) }),
  z.strictObject({
    ...common, kind: z.literal('simulator'), seed: z.number().int().default(1), vessels: z.number().int().min(0).default(120),
    /** What the simulated sensor emits: AIS (NMEA), ADS-B (SBS-1), coalition radar tracks (CSV) or incident reports (JSON Lines). */
    stream: z.enum(['ais', 'sbs', 'radar', 'reports']).default('ais'),
    /** Hours of history generated at start (replayed at once), then real time. */
    historyHours: z.number().min(0).default(2),
    violations: z.boolean().default(true),
  }),
]);

/**
 * A Cursor on Target output (docs/formats.md "Cursor on Target"): tracks and alerts as CoT
 * events to a TAK server or ATAK over TCP, or as UDP datagrams. Only records releasable to
 * `nation` leave (`releasableTo`); `marking` is the stamp the stream carries in its remarks.
 */
const outputCommon = {
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'output names are lower-case words joined by hyphens'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** Whose eyes: only records releasable to this nation are sent. */
  nation,
  /** Stamped in the remarks of every event (e.g. REL TO GBR). */
  marking: z.string().pipe(marking).optional(),
  filter: z.strictObject({
    /** Entity kinds to send (tracks by kind, alerts by their entity's kind); all when absent. */
    kinds: z.array(z.enum(['vessel', 'aircraft', 'radar', 'report'])).min(1).optional(),
    /** Party codes to send (a track's party, an alert's entity or other party); all when absent. */
    parties: z.array(z.string()).min(1).optional(),
    alerts: z.boolean().default(true),
    tracks: z.boolean().default(true),
  }).prefault({}),
  /** Track events go stale this long after their fix (Class A AIS at anchor reports every 3 min; 5 min keeps it on the map between reports). */
  staleSeconds: z.number().positive().default(300),
  /** Open alerts stay on the map this long unless closed first. */
  alertStaleSeconds: z.number().positive().default(86_400),
  /** CoT type of alert markers (default b-m-p-s-m, the spot map marker). */
  alertType: z.string().regex(/^\w+(-\w+)*$/, 'a CoT type is letters or digits in fields joined by "-", e.g. b-m-p-s-m').default('b-m-p-s-m'),
  /** Flags of the coalition's own assets: their military, government and law-enforcement craft are shown friendly. */
  ownFlags: z.array(nation).default([]),
  /** Events held while the TCP connection is down; beyond it the oldest are dropped and counted. */
  queue: z.number().int().min(1).max(1_000_000).default(10_000),
};

export const outputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...outputCommon, kind: z.literal('cot-tcp') }),
  z.strictObject({ ...outputCommon, kind: z.literal('cot-udp') }),
]);

export const serveConfigSchema = z.strictObject({
  /** Where the SQLite database and evidence files live. */
  dataDir: z.string().default('./data'),
  host: z.string().default('127.0.0.1'),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits are per client address). */
  trustProxy: z.boolean().default(false),
  /** Mark the session cookie Secure (serve behind TLS, as any real deployment does). */
  secureCookies: z.boolean().default(false),
  port: z.number().int().min(0).max(65535).default(8080),
  agreement: z.string(),
  /** Nation operating this node (used for records it derives itself). */
  nation: nation.default('FRA'),
  /** Out-of-order allowance for live feeds, seconds. */
  allowanceSeconds: z.number().min(0).default(30),
  feeds: z.array(feedSchema).default([]),
  /** Where tracks and alerts are streamed to (Cursor on Target to TAK). */
  outputs: z.array(outputSchema).default([]),
});

export type ServeConfig = z.output<typeof serveConfigSchema>;
export type FeedConfig = z.output<typeof feedSchema>;
export type OutputConfig = z.output<typeof outputSchema>;

/** Validates a config object; errors name the field. */
export function parseServeConfig(raw: unknown, file = '<config>'): { ok: true; value: ServeConfig } | { ok: false; error: string } {
  const r = serveConfigSchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: r.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n') };
}

/** Reads and validates a YAML or JSON config file. */
export function loadServeConfig(path: string): { ok: true; value: ServeConfig } | { ok: false; error: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, error: `cannot read config ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    return { ok: false, error: `${path}: not valid YAML: ${(e as Error).message}` };
  }
  return parseServeConfig(raw, path);
}
