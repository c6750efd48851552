import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { navStatusName } from './nav-status.js';

describe('navStatusName', () => {
  it('names the statuses a ship reports in normal operation', () => {
    assert.equal(navStatusName(0), 'Under way using engine');
    assert.equal(navStatusName(1), 'At anchor');
    assert.equal(navStatusName(2), 'Not under command');
    assert.equal(navStatusName(3), 'Restricted manoeuverability');
    assert.equal(navStatusName(4), 'Constrained by her draught');
    assert.equal(navStatusName(5), 'Moored');
    assert.equal(navStatusName(6), 'Aground');
    assert.equal(navStatusName(7), 'Engaged in fishing');
    assert.equal(navStatusName(8), 'Under way sailing');
  });

  it('names the regional towing statuses 11 and 12', () => {
    assert.equal(navStatusName(11), 'Power-driven vessel towing astern (regional use)');
    assert.equal(navStatusName(12), 'Power-driven vessel pushing ahead or towing alongside (regional use)');
  });

  it('marks 9, 10 and 13 reserved, 14 as a distress device and 15 as not defined', () => {
    assert.match(navStatusName(9) ?? '', /^Reserved/);
    assert.match(navStatusName(10) ?? '', /^Reserved/);
    assert.match(navStatusName(13) ?? '', /^Reserved/);
    assert.equal(navStatusName(14), 'AIS-SART, MOB-AIS or EPIRB-AIS active');
    assert.equal(navStatusName(15), 'Not defined');
  });

  it('returns undefined outside 0–15', () => {
    for (const code of [-1, 16, 255, 1.5, Number.NaN]) {
      assert.equal(navStatusName(code), undefined, String(code));
    }
  });
});
