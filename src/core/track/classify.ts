import type { CompiledAgreement } from '../agreement/compiled-agreement.js';
import type { Category } from '../agreement/schema.js';
import { flagFromIcao, isMilitaryIcao } from './icao-blocks.js';
import { flagFromMmsi } from './mid-flags.js';
import type { EntityKind } from './observation.js';
import { shipTypeInfo } from './ship-types.js';

/** Who an entity is, as far as the agreement is concerned. */
export interface Identity {
  /** ISO 3166-1 alpha-3 flag state (MMSI MID, ICAO address block, or registry). */
  flag: string | undefined;
  category: Category;
  /** Party code from the agreement (via the flag, or registry). */
  party: string | undefined;
  /** Registry name, when the analysts gave one. */
  registryName: string | undefined;
}

/**
 * Classifies an entity (SPEC "Category"): flag from the MMSI's MID or the ICAO address
 * block; category from the AIS ship type (35 military, 55 law enforcement, 51/53/58/59
 * government, other types civil; no static data yet → unknown), from the documented military
 * ICAO sub-ranges for aircraft, or from a radar classification (missile and UAV tracks are
 * military); party from the agreement's flag lists; the `entities` registry overrides all.
 */
export function classify(
  agreement: CompiledAgreement, entityId: string, kind: EntityKind, shipType: number | undefined, radarClass: string | undefined,
): Identity {
  let flag: string | undefined;
  let category: Category = 'unknown';
  if (kind === 'vessel') {
    flag = flagFromMmsi(Number(entityId.slice(5)));
    const info = shipType === undefined ? undefined : shipTypeInfo(shipType);
    if (info !== undefined) category = info.category;
  } else if (kind === 'aircraft') {
    const address = parseInt(entityId.slice(5), 16);
    flag = flagFromIcao(address);
    category = isMilitaryIcao(address) ? 'military' : 'unknown';
  } else if (kind === 'radar') {
    if (radarClass === 'missile' || radarClass === 'uav') category = 'military';
  }
  const entry = agreement.entities.get(entityId);
  if (entry?.flag !== undefined) flag = entry.flag;
  if (entry?.category !== undefined) category = entry.category;
  let party = flag === undefined ? undefined : agreement.partyOfFlag(flag);
  if (entry?.party !== undefined) party = entry.party;
  return { flag, category, party, registryName: entry?.name };
}
