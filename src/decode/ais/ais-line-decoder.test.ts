import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLines } from '../../../test/helpers/decode-lines.js';
import { toSpecJson } from './to-spec-json.js';

// Expected values are the hand-checked decodings that accompany each sentence in gpsd's
// sample corpus (test/sample.aivdm, checked with the noaadata tools and Maritec decoders).

test('decodes a type 1 position report with every field', () => {
  const { messages } = decodeLines(['!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A']);
  assert.deepEqual(messages, [{ type: 1, mmsi: 371798000, navStatus: 0, sog: 12.3, lon: -123.3953833, lat: 48.3816333, cog: 224, heading: 215 }]);
});

test('leaves heading 511 ("not available") out of a type 1', () => {
  const { messages } = decodeLines(['!AIVDM,1,1,,A,16SteH0P00Jt63hHaa6SagvJ087r,0*42']);
  assert.deepEqual(messages, [{ type: 1, mmsi: 440348000, navStatus: 0, sog: 0, lon: -70.7582, lat: 43.08015, cog: 93.4 }]);
});

test('decodes a type 3 at its moored status', () => {
  const [m] = decodeLines(['!AIVDM,1,1,,A,38Id705000rRVJhE7cl9n;160000,0*40']).messages;
  assert.deepEqual(m, { type: 3, mmsi: 563808000, navStatus: 5, sog: 0, lon: -76.3275333, lat: 36.91, cog: 252, heading: 352 });
});

test('decodes the position of a type 4 base station report', () => {
  const [m] = decodeLines(['!AIVDM,1,1,,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D']).messages;
  assert.deepEqual(m, { type: 4, mmsi: 3669702, lon: -76.3523617, lat: 36.8837667 });
});

test('joins a two-part type 5 and trims its six-bit text', () => {
  const { messages } = decodeLines([
    '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
    '!AIVDM,2,2,1,A,88888888880,2*25',
  ]);
  assert.equal(messages.length, 1);
  assert.equal(messages[0]!.imo, 9134270);
  assert.equal(messages[0]!.name, 'EVER DIADEM');
  assert.equal(messages[0]!.mmsi, 351759000);
  assert.equal(messages[0]!.type, 5);
  assert.equal(messages[0]!.callsign, '3FOF8');
  assert.equal(messages[0]!.destination, 'NEW YORK');
  assert.equal(messages[0]!.shipType, 70);
});

test('decodes the speed of a type 9 SAR aircraft in whole knots', () => {
  const ms = decodeLines(['!AIVDM,1,1,,A,91b77=h3h00nHt0Q3r@@07000<0b,0*69', '!AIVDM,1,1,,B,91b55wi;hbOS@OdQAC062Ch2089h,0*30']).messages;
  assert.deepEqual(ms.map((m) => [m.type, m.sog]), [[9, 0], [9, 42]]);
});

test('decodes a type 11 as a base station report', () => {
  const [m] = decodeLines(['!AIVDM,1,1,,B,;4R33:1uUK2F`q?mOt@@GoQ00000,0*5D,s28089,d-103,T39.44353985,x147521,r08TPHI1,1242958962']).messages;
  assert.equal(m!.mmsi, 304137000);
  assert.equal(m!.lon, -94.4076833);
  assert.equal(m!.lat, 28.4091167);
});

test('decodes a type 18 class B report', () => {
  const [m] = decodeLines(['!AIVDM,1,1,,A,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C']).messages;
  assert.deepEqual(m, { type: 18, mmsi: 338087471, sog: 0.1, lon: -74.0721317, lat: 40.68454, cog: 79.6 });
});

test('decodes a type 19 extended class B report with name, type and size', () => {
  const [m] = decodeLines(['!AIVDM,1,1,,B,C5N3SRgPEnJGEBT>NhWAwwo862PaLELTBJ:V00000000S0D:R220,0*0B']).messages;
  assert.deepEqual(m, { type: 19, mmsi: 367059850, sog: 8.7, lon: -88.8103917, lat: 29.543695, cog: 335.9, name: 'CAPT.J.RIMES', shipType: 70, lengthM: 26, beamM: 8 });
});

test('decodes type 24 parts A and B separately', () => {
  const ms = decodeLines(['!AIVDM,1,1,,A,H42O55i18tMET00000000000000,2*6D', '!AIVDM,1,1,,A,H42O55lti4hhhilD3nink000?050,0*40']).messages;
  assert.deepEqual(ms, [
    { type: 24, mmsi: 271041815, partNo: 0, name: 'PROGUY' },
    { type: 24, mmsi: 271041815, partNo: 1, shipType: 60, callsign: 'TC6163', lengthM: 15, beamM: 5 },
  ]);
});

test('decodes a type 27 long-range report in tenths of a minute', () => {
  const [m] = decodeLines(['!AIVDM,1,1,,B,KC5E2b@U19PFdLbMuc5=ROv62<7m,0*16']).messages;
  // Raw fields as gpsdecode -u prints them: lon 82214, lat 2904 (1/10 min), speed 57 kn, course 167°, status 2.
  assert.deepEqual(m, { type: 27, mmsi: 206914217, navStatus: 2, lon: Math.round((82214 / 600) * 1e7) / 1e7, lat: 4.84, sog: 57, cog: 167 });
});

test('decodes other types only as far as type and mmsi', () => {
  const [m] = decodeLines(['!AIVDM,1,1,,A,85Mwp`1Kf3aCnsNvBWLi=wQuNhA5t43N`5nCuI=p<IBfVqnMgPGs,0*47']).messages;
  assert.deepEqual(m, { type: 8, mmsi: 366999712 });
});

test('takes the time from a tag block c: field, in seconds or milliseconds', () => {
  const ms = decodeLines([
    '\\s:rEV02,c:1334337317*58\\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj`26B0<02,0*5F',
    '\\c:1420030798123*00\\!ABVDM,1,1,4,B,17P;HV?P008F98Il;EC1mOwL0@KP,0*22',
  ]).messages;
  assert.equal(ms[0]!.timeMs, 1334337317000);
  assert.equal(ms[0]!.source, 'rEV02');
  assert.equal(ms[1]!.timeMs, 1420030798123);
});

test('takes the time from a leading ISO 8601 timestamp or a trailing Unix time', () => {
  const ms = decodeLines([
    '2026-03-25T04:12:00Z !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A',
    '2026-03-25 04:12:01;!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A',
    '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A,1742860800',
    '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A',
  ]).messages;
  assert.deepEqual(ms.map((m) => m.timeMs), [Date.parse('2026-03-25T04:12:00Z'), Date.parse('2026-03-25T04:12:01Z'), 1742860800000, 1742860800000]);
});

test('reads a trailing Unix time in seconds, milliseconds or with a fraction, and ignores one that is not a time', () => {
  const s = '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A';
  const ms = decodeLines([`${s},1742860800`, `${s},1742860800123`, `${s},1742860801.5`, `${s},0`, `${s},soon`, `${s},`, `${s},1742860802`]).messages;
  assert.deepEqual(ms.map((m) => m.timeMs), [1742860800000, 1742860800123, 1742860801500, 1742860801500, 1742860801500, 1742860801500, 1742860802000]);
});

test('takes the time of a Gatehouse $PGHP line for the VDM line after it', () => {
  const ms = decodeLines(['$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B', '!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B']).messages;
  assert.equal(ms[0]!.timeMs, Date.UTC(2010, 5, 11, 11, 46, 11, 390));
});

test('joins parts grouped by tag-block g: fields even when only the first names a source', () => {
  const ms = decodeLines([
    '\\g:1-2-3985,s:rEV02,c:1334337317*2D\\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216`0`cF5BF0RT13H0T,0*70',
    '\\g:2-2-3985*5A\\!AIVDM,2,2,9,B,PFRC88888888880,2*29',
  ]).messages;
  assert.equal(ms.length, 1);
  assert.equal(ms[0]!.type, 5);
  assert.equal(ms[0]!.timeMs, 1334337317000);
});

test('joins interleaved multi-part messages from two channels and accepts the parts out of order', () => {
  const a1 = '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C';
  const a2 = '!AIVDM,2,2,1,A,88888888880,2*25';
  const b1 = '!AIVDM,2,1,7,B,53aDpaT000010;CKKB0h4Q8TpLDr222222222216<P:656rd07Tai0CKk5hD,0*74';
  const b2 = '!AIVDM,2,2,7,B,Q1C`8888880,2*63';
  const { messages, rejects } = decodeLines([b2, a1, b1, a2]);
  assert.deepEqual(rejects, []);
  assert.deepEqual(messages.map((m) => m.mmsi), [244660390, 351759000]);
});

test('rejects an orphan fragment instead of joining it to a stranger', () => {
  const { messages, rejects } = decodeLines([
    '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
    ...Array.from({ length: 150 }, () => '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A'),
    '!AIVDM,2,2,1,A,88888888880,2*25',
  ]);
  assert.equal(messages.filter((m) => m.type === 5).length, 0);
  assert.deepEqual(rejects.map((r) => r.reason), ['orphan-fragment', 'orphan-fragment']);
});

test('rejects a fragment seen twice and still completes the message once', () => {
  const p1 = '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C';
  const { messages, rejects } = decodeLines([p1, p1, '!AIVDM,2,2,1,A,88888888880,2*25']);
  assert.equal(messages.length, 1);
  assert.deepEqual(rejects.map((r) => r.reason), ['duplicate-fragment']);
});

function withChecksum(body: string): string {
  let sum = 0;
  for (let i = 1; i < body.length; i++) sum ^= body.charCodeAt(i);
  return `${body}*${sum.toString(16).toUpperCase().padStart(2, '0')}`;
}

test('rejects each kind of bad line with its reason', () => {
  const cases: [string, string][] = [
    ['!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B', 'bad-checksum'],
    ['!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g20', 'truncated'],
    [withChecksum('!AIVDM,1,1,,A'), 'truncated'],
    ['$GPZDA,114702.51,27,01,2012,,*66', 'not-ais'],
    ['foobar', 'not-nmea'],
    [withChecksum('!ZZVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0'), 'unknown-talker'],
    ['\\s:rcv1,c:123!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A', 'bad-tag-block'],
    ['\\c:abc*00\\!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A', 'bad-tag-block'],
    ['yesterday !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A', 'not-nmea'],
    ['2026-13-45T99:00:00Z !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A', 'bad-timestamp'],
    [withChecksum('!AIVDM,3,4,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0'), 'bad-fragment'],
    [withChecksum('!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208C~,0'), 'bad-payload-char'],
    [withChecksum('!AIVDM,1,1,,A,15RTgt0PAso,0'), 'bad-payload-length'],
    [withChecksum('!AIVDM,1,1,,A,0000000000000000000000000000,0'), 'unknown-message-type'],
    ['!AIVDM,1,1,,A,' + '1'.repeat(2000) + ',0*00', 'line-too-long'],
  ];
  for (const [line, reason] of cases) {
    const { messages, rejects } = decodeLines([line]);
    assert.deepEqual(messages, [], line);
    assert.equal(rejects.length, 1, line);
    assert.equal(rejects[0]!.reason, reason, `${line}: ${rejects[0]!.detail}`);
  }
});

test('ignores blank lines, comments and CRLF endings but counts them', () => {
  const d = decodeLines(['', '# comment', '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\r', '  ']);
  assert.equal(d.messages.length, 1);
  assert.equal(d.decoder.counters.blank, 2);
  assert.equal(d.decoder.counters.comments, 1);
});

test('bounds the incomplete messages it holds', () => {
  const lines = Array.from({ length: 50 }, (_, i) => `\\s:r${i}*00\\!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C`);
  const d = decodeLines(lines, { maxPendingMessages: 10 }, false);
  assert.equal(d.decoder.pendingLines, 10);
  assert.equal(d.rejects.length, 40);
});

test('reads a one-part line as the general path does, whatever is wrong with it', () => {
  // The common `!AIVDM,1,1,…` line takes a one-pass path; written with its count as `01` the
  // same line takes the general one. Both must agree on every mutation of real lines.
  const valid = [
    '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A',
    '\\s:rx-odesa,c:1774396800*66\\!AIVDM,1,1,,A,143kGLG00J2<<LRJ41GVE5:01wVN,0*2B',
    '!AIVDM,1,1,,B,B52K>;h00Fc>jpUlNV@ikwpUoP06,0*4C,1774396800',
    '!AIVDM,1,1,3,A,403OviQuMGCqWrRO9>E6fE700@GO,0*4D',
    '!AIVDM,1,1,,A,H52KMeDU653hhhi0000000000000,0*1A',
  ];
  const variants: string[] = [];
  for (const line of valid) {
    for (let cut = 1; cut < line.length; cut++) variants.push(line.slice(0, cut));
    // Every printable character at every position; also with the checksum made right again, so that the change itself is judged.
    for (let at = 0; at < line.length; at++) {
      for (let c = 32; c < 127; c++) {
        const changed = line.slice(0, at) + String.fromCharCode(c) + line.slice(at + 1);
        variants.push(changed, changed.replace(/([!$])([^*]*)\*[0-9A-F]{2}/, (_, lead: string, body: string) => withChecksum(lead + body)));
      }
    }
  }
  let compared = 0;
  for (const line of variants) {
    const m = /^((?:\\[^\\]*\\)?[!$]AIVD[MO],)1,([^*]*)\*([0-9A-F]{2})([^*]*)$/.exec(line);
    if (m === null) continue;
    // '0' (0x30) joins the checksummed characters.
    const sum = (parseInt(m[3]!, 16) ^ 0x30).toString(16).toUpperCase().padStart(2, '0');
    const general = `${m[1]}01,${m[2]}*${sum}${m[4]}`;
    const a = decodeLines([line]);
    const b = decodeLines([general]);
    assert.deepEqual(a.messages, b.messages, line);
    assert.deepEqual(a.rejects.map((r) => r.reason), b.rejects.map((r) => r.reason), line);
    compared++;
  }
  assert.ok(compared > 20_000, `only ${compared} variants compared`);
});

test('issue 15 (fuzzing): a trailing receiver time beyond what a Date holds is no time, and the message still prints as JSON', () => {
  // An 18-digit trailing field read as 1.3e17 ms: toSpecJson threw "Invalid time value" on it (`vigil decode` crashed).
  const { messages, rejects } = decodeLines(['!AIVDM,1,1,,B,>=on9A>W8NbdA@3HkLWJ9rlB<@Wjf@,4*00,132799211992119173']);
  assert.deepEqual(rejects, []);
  assert.equal(messages.length, 1);
  assert.equal(messages[0]!.timeMs, undefined);
  assert.equal(toSpecJson(messages[0]!, messages[0]!.timeMs), '{"type":14,"mmsi":930974020}');
  // A plausible trailing time is still read.
  assert.equal(decodeLines(['!AIVDM,1,1,,B,>=on9A>W8NbdA@3HkLWJ9rlB<@Wjf@,4*00,1327992119205']).messages[0]!.timeMs, 1_327_992_119_205);
});
