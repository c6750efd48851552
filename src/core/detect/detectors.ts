import type { CompiledRule } from '../agreement/compiled-agreement.js';
import type { RuleType } from '../agreement/schema.js';
import type { DetectContext, Detector } from './detector.js';
import { createAirIntegrity } from './air-integrity.js';
import { createMustTransmit } from './must-transmit.js';
import { createNoEntry } from './no-entry.js';
import { createNoLoiter } from './no-loiter.js';
import { createNoRendezvous } from './no-rendezvous.js';
import { createPositionIntegrity } from './position-integrity.js';
import { createNoStrike } from './no-strike.js';
import { createTransit } from './transit.js';

type Factory = (rule: CompiledRule, ctx: DetectContext) => Detector;

/** Rule type → detector: one per rule type of SPEC (a new rule type fails to compile until it has one). */
export const DETECTORS: Record<RuleType, Factory> = {
  'no-entry': createNoEntry,
  'no-fly': createNoEntry,
  'must-transmit': createMustTransmit as Factory,
  'no-loiter': createNoLoiter as Factory,
  'no-rendezvous': createNoRendezvous as Factory,
  'position-integrity': createPositionIntegrity as Factory,
  'transit': createTransit as Factory,
  'no-strike': createNoStrike as Factory,
  'air-integrity': createAirIntegrity as Factory,
};
