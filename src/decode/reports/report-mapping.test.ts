import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapRow, MappingProblem, parseReportMapping } from './report-mapping.js';

const ok = { mapping: 'm', columns: { id: 'n', time: ['date', 'hour'], place: 'region', category: 'weapon', launched: 'launched', hit: 'hit?' }, values: { category: { '~drone|shahed': 'drone-attack', Iskander: 'missile-attack' } } };

test('a mapping joins columns, maps values in order, leaves optional columns out of the header check', () => {
  const m = parseReportMapping(ok, 'm.yaml');
  assert.deepEqual(mapRow(m, { n: '7', date: '2026-03-25', hour: '18:00', region: 'south', weapon: 'Shahed-136', launched: '12' }), { ok: true, value: { id: '7', time: '2026-03-25 18:00', place: 'south', category: 'drone-attack', launched: '12' } });
  assert.deepEqual(mapRow(m, { n: '8', date: '2026-03-25', hour: '', region: 'x', weapon: 'ISKANDER', launched: '' }), { ok: true, value: { id: '8', time: '2026-03-25', place: 'x', category: 'missile-attack' } });
  const bad = mapRow(m, { n: '9', date: '2026-03-25', hour: '', region: 'x', weapon: 'kite', launched: '' });
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.detail : '', /category: "kite" \(column weapon\) matches none of the mapping's values \(~drone\|shahed, iskander\)/);
  assert.equal((mapRow(m, { n: '', date: '2026-03-25', hour: '', region: 'x', weapon: 'drone', launched: '' }) as { reason: string }).reason, 'bad-id');
});

test('a bad mapping names the key at fault', () => {
  const bad = (doc: unknown, re: RegExp): void => assert.throws(() => parseReportMapping(doc, 'm.yaml'), (e: unknown) => e instanceof MappingProblem && re.test(e.message));
  bad({ ...ok, columns: { ...ok.columns, colour: 'c' } }, /m\.yaml: columns\.colour: "colour" is not a report field/);
  bad({ ...ok, timeZone: 'Europe/Atlantis' }, /m\.yaml: timeZone: "Europe\/Atlantis" is not an IANA time zone/);
  bad({ ...ok, values: { category: { '~[': 'drone-attack' } } }, /values\.category\.~\[: not a regular expression/);
  bad({ ...ok, values: { category: { x: 'riot' } } }, /values\.category\.x: "riot" is not a category/);
  bad({ ...ok, values: { party: { x: 'RU' } } }, /values\.party: no column is mapped to party/);
  bad({ mapping: 'm', columns: { id: 'n', time: 't', category: 'c' } }, /columns: needs `place` or both `lat` and `lon`/);
  bad({ mapping: 'm', columns: { time: 't', category: 'c', place: 'p' } }, /columns\.id: missing/);
  bad([], /a mapping file is a YAML mapping/);
});
