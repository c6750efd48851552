import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChartSvg, dailyStackedChartSvg, EMPTY_TEXT } from './charts-svg.js';
import { wellFormedXmlError } from './xml-well-formed.js';

const byRule = { title: 'Violations by rule', width: 500, bars: [{ label: 'R1 no-entry', value: 12 }, { label: 'R3 no-loiter', value: 3, colour: '#2b8a3e' }, { label: 'R5', value: 0 }] };

test('bar chart: standalone SVG with a bar, a label and a value per row', () => {
  const svg = barChartSvg(byRule);
  assert.equal(wellFormedXmlError(svg), null);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="500" height="\d+" viewBox="0 0 500 \d+"/);
  for (const t of ['>R1 no-entry<', '>12<', '>3<', '>0<', 'fill="#2b8a3e"']) assert.ok(svg.includes(t), t);
  // The longest bar is the largest value; a zero value has no bar.
  const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="14"/g)].map((m) => Number(m[1]));
  assert.equal(widths.length, 2);
  assert.ok(widths[0]! > widths[1]! * 3.5 && widths[0]! < widths[1]! * 4.5, widths.join(' '));
  assert.equal(barChartSvg(byRule), barChartSvg(structuredClone(byRule)));
});

test('bar chart: units after values, long labels cut, an empty list says so', () => {
  const svg = barChartSvg({ title: 'Hours dark', width: 300, unit: 'h', bars: [{ label: 'x'.repeat(200), value: 2.25 }] });
  assert.match(svg, />2.3 h</);
  assert.match(svg, /x…</);
  const empty = barChartSvg({ title: 'By zone', width: 300, bars: [] });
  assert.equal(wellFormedXmlError(empty), null);
  assert.ok(empty.includes(EMPTY_TEXT));
  assert.ok(!empty.includes('<rect x='));
});

test('charts escape titles, labels, series names and colours', () => {
  const nasty = 'A <b> & "c"';
  const bars = barChartSvg({ title: nasty, width: 400, bars: [{ label: nasty, value: 1, colour: '"><x' }] });
  const days = dailyStackedChartSvg({ title: nasty, days: ['2026-04-01'], series: [{ name: nasty, values: [1], colour: '&' }], width: 400, height: 200 });
  for (const svg of [bars, days]) {
    assert.equal(wellFormedXmlError(svg), null);
    assert.ok(!svg.includes(nasty));
    assert.ok(svg.includes('A &lt;b&gt; &amp; &quot;c&quot;'));
  }
});

test('daily chart: stacked bars per day, integer ticks, legend, thinned day labels', () => {
  const days = Array.from({ length: 30 }, (_, i) => `2026-04-${String(i + 1).padStart(2, '0')}`);
  const input = {
    title: 'Violations by day',
    days,
    series: [
      { name: 'Ukraine', colour: '#d9480f', values: days.map((_, i) => i % 3) },
      { name: 'Russian Federation', colour: '#1971c2', values: days.map((_, i) => (i % 5 === 0 ? 4 : 1)) },
    ],
    width: 700,
    height: 300,
  };
  const svg = dailyStackedChartSvg(input);
  assert.equal(wellFormedXmlError(svg), null);
  assert.equal(svg, dailyStackedChartSvg(structuredClone(input)));
  assert.ok(svg.includes('>Ukraine<') && svg.includes('>Russian Federation<'));
  const ticks = [...svg.matchAll(/text-anchor="end" fill="#616e7c">(\d+)</g)].map((m) => Number(m[1]));
  assert.equal(ticks[0], 0);
  assert.ok(ticks[ticks.length - 1]! >= 6, 'the highest day (2 + 4) is under the top tick');
  assert.ok(ticks.every((t) => Number.isInteger(t)));
  const labels = [...svg.matchAll(/text-anchor="middle" fill="#616e7c">([\d-]+)</g)].map((m) => m[1]);
  assert.ok(labels.length > 3 && labels.length < 30, `${labels.length} day labels`);
  assert.equal(labels[0], '04-01');
  // A rect per non-zero value (day 1, 0 + 4, has one; day 2, 1 + 1, two) and a legend swatch per series.
  const rects = svg.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#(d9480f|1971c2)"/g) ?? [];
  const expected = input.series.reduce((n, s) => n + s.values.filter((v) => v > 0).length, 0);
  assert.equal(rects.length, expected + input.series.length);
});

test('daily chart: no days or all zero says so; mismatched lengths and negative values are errors', () => {
  const none = dailyStackedChartSvg({ title: 'By day', days: [], series: [], width: 400, height: 200 });
  assert.equal(wellFormedXmlError(none), null);
  assert.ok(none.includes(EMPTY_TEXT));
  const zero = dailyStackedChartSvg({ title: 'By day', days: ['2026-04-01', '2026-04-02'], series: [{ name: 'UA', values: [0, 0] }], width: 400, height: 200 });
  assert.ok(zero.includes(EMPTY_TEXT) && zero.includes('>2026-04-01<'));
  assert.throws(() => dailyStackedChartSvg({ title: 't', days: ['2026-04-01'], series: [{ name: 'UA', values: [1, 2] }], width: 400, height: 200 }), /"UA" has 2 values for 1 days/);
  assert.throws(() => barChartSvg({ title: 't', width: 400, bars: [{ label: 'x', value: -1 }] }), /"x" has value -1/);
});
