import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COALITION, ORIGINATOR_ONLY } from '../store/marking.js';
import { SqlReader } from '../store/sqlite/sql-reader.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { CASE_SOURCES, CaseReader } from './case-reader.js';

describe('CaseReader', () => {
  test('every source of an incident\'s records filters both the record and its incident', () => {
    for (const [name, src] of Object.entries(CASE_SOURCES)) {
      if (name === 'inbox') continue;
      const filtered: readonly string[] = [src.alias, ...src.alsoVisible];
      assert.ok(filtered.includes('i'), `${name} does not filter its incident`);
      assert.match(src.from, /\bJOIN incidents i\b|^incidents i$/, name);
    }
  });

  test('a comment marked wider than its incident is still hidden with the incident', async () => {
    const store = openSqliteStore(':memory:');
    const db = store.db;
    db.prepare(`INSERT INTO incidents (id, title, status, created_by, created_ms, updated_ms, revision, originator, marking)
      VALUES ('x', 't', 'new', '{}', 0, 0, 1, 'FRA', ?)`).run(ORIGINATOR_ONLY.kind);
    db.prepare(`INSERT INTO incident_comments (incident_id, author, text, created_ms, originator, marking)
      VALUES ('x', '{}', 'leak?', 0, 'FRA', ?)`).run(COALITION.kind);
    const reader = new CaseReader(new SqlReader(db));
    const read = (nation: string) => reader.select<{ text: string }>({ nation }, { source: 'comments', columns: 'c.text', where: ['c.incident_id = @id'] }, { id: 'x' });
    assert.deepEqual(read('GBR'), []);
    assert.deepEqual(read('FRA').map((r) => r.text), ['leak?']);
    await store.close();
  });

  test('the SQL of a linked-alert read filters the alert and its incident', () => {
    let sql = '';
    const spy = { select: (_v: unknown, q: Parameters<typeof SqlReader.sql>[0]) => { sql = SqlReader.sql(q); return []; } } as unknown as SqlReader;
    new CaseReader(spy).select({ nation: 'GBR' }, { source: 'linkedAlerts', columns: 'l.record_id', where: ['l.incident_id = @id'] }, { id: 'x' });
    assert.match(sql, /WHERE \(@viewerSystem = 1 OR r\.originator = @viewerNation .*\) AND \(@viewerSystem = 1 OR i\.originator = @viewerNation .*\) AND l\.incident_id = @id$/);
  });
});
