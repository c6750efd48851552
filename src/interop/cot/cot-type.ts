/**
 * CoT `type` codes for what Vigil sends, as data (house style A.3). An atom's type is
 * `a-<affiliation>-<battle dimension>[-<function>…]`, the function path taken from the
 * MIL-STD-2525 symbol hierarchy as MITRE's type catalogue spells it: CoTtypes.xml
 * ("Type mapping for CoT schemas", Copyright (C) 2003 MITRE Corporation, rev. 1.80, 2009;
 * public copy: https://github.com/dB-SPL/cot-types/blob/main/CoTtypes.xml). The entries
 * used here, from that file:
 *
 * | path | CoTtypes.xml `desc` |
 * |---|---|
 * | `S` | SEA SURFACE TRACK |
 * | `S-C` | COMBATANT |
 * | `S-N` | NONCOMBATANT (naval: fleet support, hospital ship, rescue, …) |
 * | `S-N-M` | HOSPITAL SHIP |
 * | `S-N-N-R` | RESCUE |
 * | `S-X` | NON MILITARY |
 * | `S-X-F` | FISHING |
 * | `S-X-L` | LAW ENFORCEMENT VESSEL |
 * | `S-X-M` | MERCHANT |
 * | `S-X-M-C` / `-O` / `-P` | CARGO / OILER/TANKER / PASSENGER |
 * | `S-X-M-T-O` / `S-X-M-T-U` | TOWING VESSEL / TUG |
 * | `S-X-R` | LEISURE CRAFT |
 * | `A` | Air Track |
 * | `A-C` | Air/Civ (CIVIL AIRCRAFT) |
 * | `A-C-F` | Air/Civ/fixed (FIXED WING) |
 * | `A-M` | Air/Mil (2525 MILITARY air; the catalogue lists its children `A-M-F`, `A-M-H`) |
 * | `A-M-F` | Air/Mil/Fixed (FIXED WING) |
 * | `G` | GROUND TRACK |
 *
 * Affiliation (MIL-STD-2525 standard identity, CoTtypes.xml predicates `a-f-` friendly,
 * `a-n-` neutral, `a-u-` unknown):
 * - `f` only for the coalition's own assets: military, government and law-enforcement craft
 *   of the nations an output lists in `ownFlags`;
 * - `u` for what the mission has not identified (category `unknown`: no static data, no
 *   registry entry);
 * - `n` for everything identified, **including the parties to the truce**. A monitoring
 *   mission is impartial: it "cannot become an adjudicator" (the OSCE Special Monitoring Mission's stance), so it
 *   marks no party hostile (`h`); 2525's neutral is a track "neither supporting nor opposing
 *   friendly forces", which is what a party is to the monitors. Keeping `u` for unidentified
 *   tracks lets a TAK map tell "identified, a party's warship" (`a-n-S-C`) from "not yet
 *   identified" (`a-u-S`). The party itself is in the remarks and `<__vigil party>`.
 */
import type { Category } from '../../core/agreement/schema.js';
import type { EntityKind } from '../../core/track/observation.js';

export type Affiliation = 'f' | 'n' | 'u';

/** Battle dimension of each entity kind: sea surface, air, and ground for incident reports. */
export const DIMENSION_OF_KIND: Readonly<Record<EntityKind, 'S' | 'A' | 'G'>> = { vessel: 'S', aircraft: 'A', radar: 'A', report: 'G' };

/** Vessel function by category; civil vessels are refined by AIS ship type below. */
const VESSEL_FUNCTION: Readonly<Record<Category, string>> = {
  military: 'C',
  'law-enforcement': 'X-L',
  government: 'N',
  civil: 'X-M',
  unknown: '',
};

/**
 * Refinements by AIS ship type (ITU-R M.1371 Table 53, src/core/track/ship-types.ts): the
 * first digit for 6x/7x/8x, the whole code otherwise. Other civil codes stay `X-M`.
 */
const SHIP_TYPE_FUNCTION: Readonly<Record<number, string>> = {
  30: 'X-F', 31: 'X-M-T-O', 32: 'X-M-T-O', 36: 'X-R', 37: 'X-R', 51: 'N-N-R', 52: 'X-M-T-U', 58: 'N-M',
};
const SHIP_TYPE_DECADE_FUNCTION: Readonly<Record<number, string>> = { 6: 'X-M-P', 7: 'X-M-C', 8: 'X-M-O' };

/** Air function by category: MIL-STD-2525 air has only civil and military branches; state aircraft that are not military get the bare dimension. */
const AIR_FUNCTION: Readonly<Record<Category, string>> = {
  military: 'M-F',
  'law-enforcement': '',
  government: '',
  civil: 'C-F',
  unknown: '',
};

/** What the type of a track depends on. */
export interface TypedEntity {
  kind: EntityKind;
  category: Category;
  flag?: string | undefined;
  shipType?: number | undefined;
}

/**
 * The affiliation letter (see the module comment for why parties are `n`).
 *
 * @example affiliationOf({ kind: 'vessel', category: 'military', flag: 'FRA' }, ['FRA']) // 'f'
 */
export function affiliationOf(e: TypedEntity, ownFlags: readonly string[]): Affiliation {
  if (e.category === 'unknown') return 'u';
  if (e.category !== 'civil' && e.flag !== undefined && ownFlags.includes(e.flag)) return 'f';
  return 'n';
}

/**
 * The CoT type of a track.
 *
 * @example cotTypeOf({ kind: 'vessel', category: 'civil', shipType: 70 }, []) // 'a-n-S-X-M-C'
 * @example cotTypeOf({ kind: 'vessel', category: 'unknown' }, []) // 'a-u-S'
 * @example cotTypeOf({ kind: 'aircraft', category: 'military' }, []) // 'a-n-A-M-F'
 */
export function cotTypeOf(e: TypedEntity, ownFlags: readonly string[]): string {
  const dim = DIMENSION_OF_KIND[e.kind];
  let fn = '';
  if (e.kind === 'vessel') {
    fn = VESSEL_FUNCTION[e.category];
    if ((e.category === 'civil' || e.category === 'government') && e.shipType !== undefined) {
      fn = SHIP_TYPE_FUNCTION[e.shipType] ?? (e.category === 'civil' ? SHIP_TYPE_DECADE_FUNCTION[Math.floor(e.shipType / 10)] : undefined) ?? fn;
    }
  } else if (e.kind === 'aircraft') {
    fn = AIR_FUNCTION[e.category];
  } else if (e.kind === 'radar') {
    // A radar track says nothing of the airframe unless classified: military (missile, UAV) tracks get `A-M`.
    fn = e.category === 'military' ? 'M' : e.category === 'civil' ? 'C' : '';
  }
  return `a-${affiliationOf(e, ownFlags)}-${dim}${fn === '' ? '' : `-${fn}`}`;
}

/**
 * The AIS ship type a sea-surface function stands for: the inverse of the tables above (the
 * longest listed prefix of the function wins, so `S-C-L-D-D` destroyer reads as `C`
 * combatant → 35 military), letting a vessel's category survive a CoT round trip and a CoT
 * producer's classification (an ATAK operator's `a-h-S-C`) reach the rules. `X-M`/`X`
 * (merchant, non-military without more) read as 90 "other type" (civil). Undefined for
 * other dimensions and for a bare `S`.
 *
 * @example shipTypeOfCotType('a-h-S-C-L-D-D') // 35
 * @example shipTypeOfCotType('a-n-S-X-M-O') // 80
 */
export function shipTypeOfCotType(type: string): number | undefined {
  const parts = type.split('-');
  if (parts[0] !== 'a' || parts[2] !== 'S') return undefined;
  for (let n = parts.length - 3; n > 0; n--) {
    const code = SHIP_TYPE_OF_FUNCTION[parts.slice(3, 3 + n).join('-')];
    if (code !== undefined) return code;
  }
  return undefined;
}

const SHIP_TYPE_OF_FUNCTION: Readonly<Record<string, number>> = {
  C: 35, 'X-L': 55, N: 59, 'N-N-R': 51, 'N-M': 58,
  X: 90, 'X-M': 90, 'X-F': 30, 'X-M-T-O': 31, 'X-M-T-U': 52, 'X-R': 37, 'X-M-P': 60, 'X-M-C': 70, 'X-M-O': 80,
};

/**
 * How the position was obtained (CoT `how`, Event.xsd): AIS and ADS-B positions are the
 * craft's own GNSS fix (`m-g`); radar tracks are sensor tracks, often fused (`m-f`);
 * incident reports are transcribed by people (`h-t`).
 */
export const HOW_OF_KIND: Readonly<Record<EntityKind, string>> = { vessel: 'm-g', aircraft: 'm-g', radar: 'm-f', report: 'h-t' };

/**
 * Default type of an alert event: `b-m-p-s-m`, the "spot map" marker (MITRE's `b-m-p` "map
 * point" branch; TAK clients draw it as a coloured spot, e.g. ATAK's COT_MAPPING_SPOTMAP
 * icons). Not one of ATAK's alarm types: `b-a-o-tbl` (911 Alert), `b-a-o-opn` (In Contact),
 * `b-a-o-pan` (Ring The Bell), `b-a-g` (Geo-fence Breached) and `b-a-o-can` (Cancel) are the
 * sending user's own emergency (ATAK-CIV
 * `atak/ATAK/app/src/main/java/com/atakmap/android/emergency/tool/EmergencyType.java`):
 * a receiving ATAK raises its emergency alarm and ties it to the sender, which a
 * ceasefire-violation alert from a monitoring node is not. MITRE's `b-l` branch ("Alarm")
 * is a catalogue of security-system alarms (burglary, fire, tamper). An output may choose
 * another type (`alertType`), e.g. `b-a-g` for a team that wants TAK's alarm.
 */
export const DEFAULT_ALERT_TYPE = 'b-m-p-s-m';
