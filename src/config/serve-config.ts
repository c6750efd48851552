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
  /** Input format (ais, sbs, opensky, radar, reports, acled); detected from content when absent (files only). */
  format: z.string().optional(),
  /** Nation whose sensor this is; records from the feed carry it as originator. */
  originator: nation,
  /** Releasability of what the feed brings: COALITION, REL TO FRA, GBR, or ORIGINATOR ONLY. */
  marking: z.string().default('COALITION').pipe(marking),
};

export const feedSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('tcp'), host: z.string(), port: z.number().int().min(1).max(65535) }),
  z.strictObject({ ...common, kind: z.literal('udp'), port: z.number().int().min(1).max(65535), host: z.string().default('0.0.0.0') }),
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
});

export type ServeConfig = z.output<typeof serveConfigSchema>;
export type FeedConfig = z.output<typeof feedSchema>;

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
