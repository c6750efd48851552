import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MID_FLAGS, flagFromMmsi, midFromMmsi } from './mid-flags.js';
import { sharedDataPath } from '../../../test/helpers/shared-data.js';

/** The ITU MID list kept in shared/ (never copied into the repo). */
const MID_CSV = sharedDataPath('reference/MaritimeIdentificationDigits.csv');

function allocatedMids(): number[] {
  const rows = readFileSync(MID_CSV, 'utf8').split(/\r?\n/).slice(1).filter((row) => row.trim() !== '');
  return [...new Set(rows.map((row) => Number(row.split(',')[0])))];
}

describe('MID_FLAGS', () => {
  it('maps every MID in the ITU list to a three-letter code', () => {
    const mids = allocatedMids();
    assert.ok(mids.length > 280, `expected the full ITU list, read ${mids.length} MIDs`);
    for (const mid of mids) {
      assert.match(MID_FLAGS[mid] ?? '', /^[A-Z]{3}$/, `MID ${mid}`);
    }
  });

  it('holds no MID that the ITU list does not allocate', () => {
    const mids = new Set(allocatedMids());
    for (const key of Object.keys(MID_FLAGS)) {
      assert.ok(mids.has(Number(key)), `MID ${key} is not in the ITU list`);
    }
  });

  it('gives the Black Sea and coalition states their own codes', () => {
    const expected: Record<number, string> = {
      273: 'RUS', 272: 'UKR', 271: 'TUR', 264: 'ROU', 207: 'BGR', 213: 'GEO', 214: 'MDA',
      228: 'FRA', 226: 'FRA', 232: 'GBR', 233: 'GBR', 234: 'GBR', 235: 'GBR',
      211: 'DEU', 218: 'DEU', 247: 'ITA', 261: 'POL', 538: 'MHL', 636: 'LBR', 351: 'PAN',
    };
    for (const [mid, flag] of Object.entries(expected)) {
      assert.equal(MID_FLAGS[Number(mid)], flag, `MID ${mid}`);
    }
  });

  it('uses the territory code where ISO has one and the state code where it has not', () => {
    assert.equal(MID_FLAGS[204], 'PRT'); // Azores
    assert.equal(MID_FLAGS[255], 'PRT'); // Madeira
    assert.equal(MID_FLAGS[303], 'USA'); // Alaska
    assert.equal(MID_FLAGS[329], 'GLP');
    assert.equal(MID_FLAGS[358], 'PRI');
    assert.equal(MID_FLAGS[231], 'FRO');
    assert.equal(MID_FLAGS[331], 'GRL');
    assert.equal(MID_FLAGS[477], 'HKG');
    assert.equal(MID_FLAGS[453], 'MAC');
    assert.equal(MID_FLAGS[236], 'GIB');
  });
});

describe('flagFromMmsi', () => {
  it('reads the MID of a ship station MMSI', () => {
    assert.equal(flagFromMmsi(273123456), 'RUS');
    assert.equal(flagFromMmsi(272000001), 'UKR');
    assert.equal(flagFromMmsi(538001234), 'MHL');
  });

  it('reads the MID of a SAR aircraft (111MIDxxx)', () => {
    assert.equal(flagFromMmsi(111273123), 'RUS');
    assert.equal(midFromMmsi(111273123), 273);
  });

  it('reads the MID of an aid to navigation (99MIDxxxx)', () => {
    assert.equal(flagFromMmsi(992721234), 'UKR');
  });

  it('reads the MID of a craft associated with a parent ship (98MIDxxxx)', () => {
    assert.equal(flagFromMmsi(982281234), 'FRA');
  });

  it('reads the MID of a handheld VHF (8MIDxxxxx)', () => {
    assert.equal(flagFromMmsi(826412345), 'ROU');
  });

  it('reads the MID of a group call (0MIDxxxxx) and a coast station (00MIDxxxx) given as numbers', () => {
    assert.equal(flagFromMmsi(27212345), 'UKR'); // 027212345
    assert.equal(flagFromMmsi(2711234), 'TUR'); // 002711234
    assert.equal(midFromMmsi(2711234), 271);
  });

  it('returns undefined for SART, MOB and EPIRB devices', () => {
    assert.equal(flagFromMmsi(970123456), undefined);
    assert.equal(flagFromMmsi(972123456), undefined);
    assert.equal(flagFromMmsi(974123456), undefined);
  });

  it('returns undefined for an unallocated MID', () => {
    assert.equal(midFromMmsi(217123456), 217);
    assert.equal(flagFromMmsi(217123456), undefined);
    assert.equal(flagFromMmsi(799123456), undefined);
  });

  it('returns undefined outside the MMSI formats', () => {
    for (const mmsi of [0, 1, 123456, 1_999_999, 8_000_000, 100_000_000, 111_100_000, 999_999_999, 1_000_000_000, -273123456, 273123456.5, Number.NaN]) {
      assert.equal(flagFromMmsi(mmsi), undefined, String(mmsi));
    }
  });
});
