import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { AuditCheckpointSchema } from '../access/audit-checkpoint.js';

/**
 * The JSON form of a compliance report (`vigil report --format json`), published as
 * docs/report.schema.json (generated from this file; a test keeps it current). The HTML,
 * PDF and Markdown forms are renderings of exactly this object, so every number a reader
 * sees in them is one of these.
 */
const Iso = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });
const Keyed = Type.Object({ key: Type.String(), label: Type.String(), count: Count });
const Gap = Type.Object({ from: Iso, to: Iso, hours: Type.Number({ minimum: 0 }) });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const CoverageLine = Type.Object({
  key: Type.String({ description: 'feed name or zone id' }),
  label: Type.String(),
  hoursWithData: Count,
  hoursTotal: Count,
  gaps: Type.Array(Gap, { description: 'maximal runs of whole hours without a single observation' }),
  feeds: Type.Optional(Type.Array(Type.String(), { description: 'for a zone: the feeds that delivered observations in it' })),
});

export const ReportIncident = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String(),
  verdict: Nullable(Type.String()),
  attributedParty: Nullable(Type.String()),
  confidence: Nullable(Type.Object({ level: Type.String(), reason: Type.String() })),
  grading: Nullable(Type.String({ description: 'Admiralty code, e.g. B2' })),
  rules: Type.Array(Type.String()),
  zones: Type.Array(Type.String()),
  entities: Type.Array(Type.String()),
  firstSeen: Nullable(Iso),
  position: Nullable(Type.Object({ lat: Type.Number(), lon: Type.Number() })),
  alertIds: Type.Array(Type.String()),
  reportIds: Type.Array(Type.String()),
  evidence: Type.Array(Type.Object({ name: Type.String(), mediaType: Type.String(), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), sizeBytes: Count })),
  comments: Count,
  marking: Type.String(),
  map: Nullable(Type.String({ description: 'file name of the incident map (HTML/PDF inline it, Markdown links it)' })),
});

export const ReportSchema = Type.Object({
  schema: Type.Literal('vigil-report/1'),
  id: Type.String(),
  series: Type.String(),
  title: Type.String(),
  generatedAt: Iso,
  generator: Type.Object({ name: Type.Literal('vigil'), version: Type.String() }),
  agreement: Type.Object({ id: Type.String(), title: Type.String(), version: Type.Integer() }),
  period: Type.Object({ kind: Type.Union([Type.Literal('daily'), Type.Literal('weekly'), Type.Literal('custom')]), from: Iso, to: Iso }),
  preparedFor: Type.String({ pattern: '^[A-Z]{3}$' }),
  marking: Type.String({ description: 'the most restrictive marking of the contents' }),
  originator: Type.String({ pattern: '^[A-Z]{3}$' }),
  summary: Type.Array(Type.String(), { description: 'the executive summary, in sentences' }),
  counting: Type.Array(Type.String(), { description: 'counting units and de-duplication rules used by every figure' }),
  totals: Type.Object({
    alerts: Count, openAlerts: Count, incidents: Count,
    verifiedViolations: Count, notViolations: Count, inconclusive: Count, undecided: Count,
  }),
  alertsByRule: Type.Array(Keyed),
  alertsByParty: Type.Array(Keyed),
  alertsByZone: Type.Array(Keyed),
  alertsByDay: Type.Array(Type.Object({ day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), total: Count, byParty: Type.Record(Type.String(), Count) })),
  violationsByParty: Type.Array(Keyed, { description: 'verified violations by attributed party' }),
  strikes: Type.Object({
    reports: Type.Integer({ minimum: 0, description: 'incident reports with a no-strike alert in the period (unit: report; a report in two zones counts once)' }),
    launched: Type.Integer({ minimum: 0, description: 'weapons launched, summed over those reports (unit: weapon)' }),
    destroyed: Type.Integer({ minimum: 0, description: 'weapons destroyed or intercepted (unit: weapon)' }),
    hit: Type.Integer({ minimum: 0, description: 'weapons that reached a target (unit: weapon)' }),
    withCounts: Type.Integer({ minimum: 0, description: 'of the reports, those giving any weapon count (unit: report)' }),
  }, { description: 'strike reports and the weapons they count' }),
  incidents: Type.Array(ReportIncident),
  coverage: Type.Object({ bucket: Type.Literal('hour'), feeds: Type.Array(CoverageLine), zones: Type.Array(CoverageLine) }),
  changes: Type.Object({
    previous: Nullable(Type.Object({ id: Type.String(), generatedAt: Iso, period: Type.Object({ from: Iso, to: Iso }) })),
    newIncidents: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), status: Type.String() })),
    changedVerdicts: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), from: Type.String(), to: Type.String() })),
  }),
  maps: Type.Object({ overview: Type.String({ description: 'file name of the overview map' }) }),
  auditCheckpoint: Type.Union([AuditCheckpointSchema, Type.Null()], { description: 'the audit log of the node when the report was made, signed (vigil audit verify --checkpoint REPORT.json); null for a report over recorded inputs, which has no audit log' }),
}, { $id: 'https://vigil.invalid/schemas/report-v1.json', title: 'Vigil compliance report' });

export type ReportData = Static<typeof ReportSchema>;
export type ReportIncidentData = Static<typeof ReportIncident>;
export type CoverageLineData = Static<typeof CoverageLine>;
