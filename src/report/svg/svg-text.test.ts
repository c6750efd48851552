import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, fitText, fmt, svgOpen } from './svg-text.js';

test('escapeXml escapes markup characters and drops XML-illegal control characters', () => {
  assert.equal(escapeXml(`A&B <"x"> 'y'`), 'A&amp;B &lt;&quot;x&quot;&gt; &#39;y&#39;');
  assert.equal(escapeXml('a\u0000b\u001bc\td'), 'abc\td');
});

test('fmt writes at most one decimal, no trailing .0 and never -0', () => {
  assert.deepEqual([12.34, 12.35, 3, -0.04, -1.25, 0.96, 1e-12].map(fmt), ['12.3', '12.4', '3', '0', '-1.2', '1', '0']);
  assert.throws(() => fmt(NaN), /not a finite number/);
});

test('fitText cuts long text with an ellipsis', () => {
  assert.equal(fitText('short', 100, 10), 'short');
  assert.equal(fitText('Sevastopol naval base', 60, 10), 'Sevastopo…');
});

test('svgOpen makes a standalone root with namespace, size and viewBox', () => {
  assert.equal(svgOpen(10, 20, 'a<b'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20" viewBox="0 0 10 20" font-family="sans-serif" role="img" aria-label="a&lt;b">');
});
