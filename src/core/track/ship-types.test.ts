import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { shipTypeInfo } from './ship-types.js';

describe('shipTypeInfo', () => {
  it('classes ship type 35 as military', () => {
    assert.deepEqual(shipTypeInfo(35), { description: 'Military ops', category: 'military' });
  });

  it('classes ship type 55 as law enforcement', () => {
    assert.deepEqual(shipTypeInfo(55), { description: 'Law Enforcement', category: 'law-enforcement' });
  });

  it('classes SAR, port tender, medical transport and RR Resolution 18 ships as government', () => {
    for (const code of [51, 53, 58, 59]) {
      assert.equal(shipTypeInfo(code)?.category, 'government', `type ${code}`);
    }
    assert.equal(shipTypeInfo(51)?.description, 'Search and Rescue vessel');
    assert.equal(shipTypeInfo(58)?.description, 'Medical Transport');
  });

  it('classes every other defined code as civil', () => {
    const nonCivil = new Set([35, 51, 53, 55, 58, 59]);
    for (let code = 1; code <= 99; code++) {
      if (nonCivil.has(code)) continue;
      assert.equal(shipTypeInfo(code)?.category, 'civil', `type ${code}`);
    }
  });

  it('describes the families by their first digit and cargo by their second', () => {
    assert.equal(shipTypeInfo(30)?.description, 'Fishing');
    assert.equal(shipTypeInfo(31)?.description, 'Towing');
    assert.equal(shipTypeInfo(50)?.description, 'Pilot Vessel');
    assert.equal(shipTypeInfo(52)?.description, 'Tug');
    assert.equal(shipTypeInfo(60)?.description, 'Passenger');
    assert.equal(shipTypeInfo(70)?.description, 'Cargo');
    assert.equal(shipTypeInfo(71)?.description, 'Cargo - Hazardous category A');
    assert.equal(shipTypeInfo(79)?.description, 'Cargo - No additional information');
    assert.equal(shipTypeInfo(80)?.description, 'Tanker');
    assert.equal(shipTypeInfo(84)?.description, 'Tanker - Hazardous category D');
    assert.equal(shipTypeInfo(90)?.description, 'Other Type');
    assert.equal(shipTypeInfo(10)?.description, 'Reserved for future use');
  });

  it('returns undefined for 0 (not available) and codes outside 1–99', () => {
    for (const code of [0, -1, 100, 255, 35.5, Number.NaN]) {
      assert.equal(shipTypeInfo(code), undefined, String(code));
    }
  });

  it('returns the same frozen row on each call', () => {
    const row = shipTypeInfo(70);
    assert.equal(shipTypeInfo(70), row);
    assert.ok(Object.isFrozen(row));
  });
});
