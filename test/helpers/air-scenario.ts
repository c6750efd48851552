import type { CompiledAgreement } from '../../src/core/agreement/compiled-agreement.js';
import type { RuleType } from '../../src/core/agreement/schema.js';
import type { Alert } from '../../src/core/alert/alert.js';
import type { InputFormat } from '../../src/pipeline/event-decoder.js';
import { RADAR_FORMAT } from '../../src/pipeline/radar-format.js';
import { REPORTS_FORMAT } from '../../src/pipeline/reports-format.js';
import { runCheck, type CheckInput, type CheckResult } from '../../src/pipeline/run-check.js';
import { SBS_FORMAT } from '../../src/pipeline/sbs-format.js';
import type { GroundTruth } from '../../src/sim/actor.js';
import type { AirActor } from '../../src/sim/air/air-actor.js';
import { simulateAir } from '../../src/sim/air/air-scenario.js';
import { injectAirViolations, INJECTABLE_AIR_TYPES } from '../../src/sim/air/air-violations.js';
import { reportLine, simulateReports } from '../../src/sim/reports/incident-reports.js';
import { injectStrikeReports } from '../../src/sim/reports/strike-violations.js';
import { demoAgreement, START, START_MS } from './scenario.js';

/** Rule types an air scenario can inject: aircraft and radar tracks, or strike reports. */
export const AIR_SCENARIO_TYPES: readonly RuleType[] = [...INJECTABLE_AIR_TYPES, 'no-strike'];

export interface AirScenarioOptions {
  seed?: number;
  /** Default 3 h. */
  durationMs?: number;
  /** Background air traffic and background reports. Default true. */
  background?: boolean;
  /** Rule types to inject; empty for none. */
  types: readonly RuleType[];
}

/** The three feeds of an air scenario, as file lines, and the ground truth. */
export interface AirFeeds {
  sbs: string[];
  /** Radar CSV, header first. */
  radar: string[];
  /** Incident reports, JSON Lines in time order. */
  reports: string[];
  truth: GroundTruth[];
  /** Scripted aircraft and radar tracks (for checks on the near-misses). */
  actors: AirActor[];
}

/** Simulates the air feeds and reports of a scenario (no detection). */
export function buildAirFeeds(options: AirScenarioOptions, agreement: CompiledAgreement = demoAgreement()): AirFeeds {
  const durationMs = options.durationMs ?? 3 * 3600_000;
  const background = options.background ?? true;
  const seed = options.seed ?? 21;
  const airTypes = options.types.filter((t) => INJECTABLE_AIR_TYPES.includes(t));
  const actors: AirActor[] = airTypes.length > 0 ? injectAirViolations(agreement, START_MS, { types: airTypes }) : [];
  const sbs: string[] = [];
  const radar: string[] = [];
  for (const l of simulateAir({ seed, start: START, durationMs, background, actors })) (l.feed === 'sbs' ? sbs : radar).push(l.line);
  const strikes = options.types.includes('no-strike') ? injectStrikeReports(agreement, START_MS) : { reports: [], truth: [] };
  const reports = [...(background ? simulateReports({ seed, startMs: START_MS, durationMs }) : []), ...strikes.reports]
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1))
    .map(reportLine);
  const truth = [...actors.flatMap((a) => a.groundTruth?.() ?? []), ...strikes.truth];
  return { sbs, radar, reports, truth, actors };
}

/** One in-memory input for `runCheck`. */
export function linesInput(name: string, format: InputFormat, lines: readonly string[]): CheckInput {
  return { name, format, lines: (async function* () { yield [...lines]; })() };
}

export interface AirScenario extends AirFeeds {
  result: CheckResult;
}

/** Simulates an air scenario and runs `vigil check`'s pipeline on its three feeds. */
export async function runAirScenario(options: AirScenarioOptions, agreement: CompiledAgreement = demoAgreement()): Promise<AirScenario> {
  const feeds = buildAirFeeds(options, agreement);
  const result = await runCheck(agreement, [
    linesInput('air.sbs', SBS_FORMAT, feeds.sbs), linesInput('radar.csv', RADAR_FORMAT, feeds.radar), linesInput('reports.jsonl', REPORTS_FORMAT, feeds.reports),
  ]);
  return { ...feeds, result };
}

/**
 * How far an alert's start and end may be from the truth: one reporting interval of the
 * entity's feed (ADS-B 5 s as simulated, radar 10 s); a report's time is exact.
 */
export function toleranceMs(entity: string): number {
  return entity.startsWith('icao:') ? 5_000 : entity.startsWith('track:') ? 10_000 : 0;
}

/** Pairs truths with alerts (same rule, entity, zone; start and end within tolerance). */
export function matchAirTruth(alerts: readonly Alert[], truth: readonly GroundTruth[]): { missed: GroundTruth[]; unexpected: Alert[] } {
  const left = [...alerts];
  const missed: GroundTruth[] = [];
  for (const t of truth) {
    const tol = toleranceMs(t.entity);
    const close = (a: string | null, b: string | null): boolean => (a === null || b === null ? a === b : Math.abs(Date.parse(a) - Date.parse(b)) <= tol);
    const i = left.findIndex((a) => a.rule === t.rule && a.entity.id === t.entity && (a.zone ?? undefined) === t.zone && close(a.start, t.start) && close(a.end, t.end));
    if (i < 0) missed.push(t);
    else left.splice(i, 1);
  }
  return { missed, unexpected: left };
}
