import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textProblem } from './text-problem.js';

test('plain ids and display strings, any script, emoji included, pass', () => {
  for (const s of ['ua-af-1', 'Shelling near Mykolaiv', 'Обстріл порту', 'قصف الميناء', '港口 🚢', 'a b\u00a0c', '']) assert.equal(textProblem(s), undefined, s);
});

test('every C0 and C1 control, DEL and NUL is refused, naming the code point and its position', () => {
  for (let c = 0; c <= 0x9f; c++) {
    if (c >= 0x20 && c < 0x7f) continue;
    const p = textProblem(`ab${String.fromCharCode(c)}`);
    assert.ok(p !== undefined, `U+${c.toString(16)}`);
    assert.match(p, new RegExp(`^must not contain control characters \\(U\\+${c.toString(16).toUpperCase().padStart(4, '0')}${c === 0 ? ' NUL' : ''} at character 3\\)$`));
  }
});

test('bidirectional embeddings, overrides and isolates are refused; the marks LRM/RLM are not', () => {
  for (const c of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
    assert.match(textProblem(`x${String.fromCharCode(c)}`) ?? '', /^must not contain bidirectional control characters \(U\+20[26][0-9A-E] at character 2\)$/);
  }
  assert.equal(textProblem('a\u200eb\u200f'), undefined);
});

test('unpaired surrogates are refused, pairs are not', () => {
  assert.match(textProblem('a\ud800') ?? '', /unpaired surrogate \(U\+D800 at character 2\)/);
  assert.match(textProblem('\udc00a') ?? '', /unpaired surrogate \(U\+DC00 at character 1\)/);
  assert.equal(textProblem('\ud83d\udea2'), undefined);
});

test('multi-line text keeps line feeds and carriage returns, nothing else', () => {
  assert.equal(textProblem('line 1\r\nline 2\n', { multiline: true }), undefined);
  assert.match(textProblem('line 1\nline 2') ?? '', /U\+000A at character 7/);
  assert.match(textProblem('a\tb', { multiline: true }) ?? '', /U\+0009 at character 2; only line breaks are allowed/);
  assert.match(textProblem('a\n\u202eb', { multiline: true }) ?? '', /bidirectional/);
});
