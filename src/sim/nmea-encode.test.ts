import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeStaticVoyageData, encodePositionReportA } from './ais-encode.js';
import { BitWriter } from './bit-writer.js';
import { encodeSentences, encodeTagBlock, MAX_PAYLOAD_CHARS_PER_SENTENCE, nmeaChecksum } from './nmea-encode.js';

const dims = { toBowM: 150, toSternM: 30, toPortM: 14, toStarboardM: 14 };
const type5 = encodeStaticVoyageData({
  mmsi: 636012345, imo: 9074729, callsign: 'D5AB7', name: 'EUXINE PIONEER', shipType: 80, dimensions: dims,
  eta: { month: 3, day: 26, hour: 6, minute: 0 }, draughtM: 11.2, destination: 'UAODS',
});

describe('nmeaChecksum', () => {
  it('matches the checksum of a real recorded sentence', () => {
    // !AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26 from gpsd's sample feed
    assert.equal(nmeaChecksum('AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0'), '26');
  });
});

describe('encodeSentences', () => {
  it('frames a 168-bit report as one sentence with no sequence id and a valid checksum', () => {
    const [s, ...rest] = encodeSentences(
      encodePositionReportA({ type: 1, mmsi: 272123456, navStatus: 0, rotDegPerMin: 0, sogKn: 11.3, accuracy: false, lon: 30.75, lat: 46.49, cogDeg: 201.4, headingDeg: 202, second: 14 }),
      { channel: 'B' },
    );
    assert.equal(rest.length, 0);
    assert.match(s ?? '', /^!AIVDM,1,1,,B,[0-W`-w]{28},0\*[0-9A-F]{2}$/);
    const body = (s ?? '').slice(1, -3);
    assert.equal((s ?? '').slice(-2), nmeaChecksum(body));
  });

  it('splits a type 5 message at 60 payload characters, with the fill bits on the last part', () => {
    const sentences = encodeSentences(type5, { talker: 'AIVDM', channel: 'A', seqId: 7 });
    assert.equal(sentences.length, 2);
    const fields = sentences.map((s) => s.split('*')[0]?.split(',') ?? []);
    assert.deepEqual(fields.map((f) => [f[0], f[1], f[2], f[3], f[4], f[6]]), [
      ['!AIVDM', '2', '1', '7', 'A', '0'],
      ['!AIVDM', '2', '2', '7', 'A', '2'],
    ]);
    assert.equal(fields[0]?.[5]?.length, MAX_PAYLOAD_CHARS_PER_SENTENCE);
    assert.equal(fields[1]?.[5]?.length, 11); // 424 bits = 71 characters, 2 fill bits
    for (const s of sentences) assert.ok(s.length <= 82, `${s.length} characters`);
  });

  it('uses the given talker, e.g. own-ship AIVDO', () => {
    const [s] = encodeSentences(new BitWriter(6).writeUint(1, 6), { talker: 'AIVDO', channel: '' });
    assert.equal(s, `!AIVDO,1,1,,,1,0*${nmeaChecksum('AIVDO,1,1,,,1,0')}`);
  });

  it('refuses a multi-sentence message without a sequence id in 0..9', () => {
    assert.throws(() => encodeSentences(type5, { channel: 'A' }), /needs a seqId in 0\.\.9/);
    assert.throws(() => encodeSentences(type5, { channel: 'A', seqId: 10 }), /needs a seqId/);
  });
});

describe('encodeTagBlock', () => {
  it('reproduces a real recorded tag block, checksum over the text between the backslashes', () => {
    // \s:rEV02,c:1334337317*58\ from exactEarth's tag-block feed
    assert.equal(encodeTagBlock({ source: 'rEV02', unixSeconds: 1334337317 }), '\\s:rEV02,c:1334337317*58\\');
  });

  it('writes source, time and line count in that order', () => {
    const t = encodeTagBlock({ lineCount: 4, unixSeconds: 1742860800, source: 'rcv1' });
    assert.equal(t, `\\s:rcv1,c:1742860800,n:4*${nmeaChecksum('s:rcv1,c:1742860800,n:4')}\\`);
  });
});
