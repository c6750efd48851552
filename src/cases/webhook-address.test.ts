import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocalHost } from './webhook-address.js';

test('local, private and mapped addresses are recognised; public names and addresses are not', () => {
  for (const h of ['localhost', 'a.localhost', '127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.1.1', '0.0.0.0', '[::1]', '[::]', '[fd00::1]', '[fe80::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::ffff:a9fe:a9fe]']) {
    assert.equal(isLocalHost(h), true, h);
  }
  for (const h of ['ops.example.org', 'fcc.gov', 'fdic.gov', '8.8.8.8', '172.32.0.1', '[2001:db8::1]']) assert.equal(isLocalHost(h), false, h);
});
