import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLocalHost } from './webhook-address.js';

test('local, private and mapped addresses are recognised; public names and addresses are not', () => {
  for (const h of ['localhost', 'a.localhost', '127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.1.1', '0.0.0.0', '[::1]', '[::]', '[fd00::1]', '[fe80::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::ffff:a9fe:a9fe]']) {
    assert.equal(isLocalHost(h), true, h);
  }
  for (const h of ['ops.example.org', 'fcc.gov', 'fdic.gov', '8.8.8.8', '172.32.0.1', '[2001:db8::1]']) assert.equal(isLocalHost(h), false, h);
});

test('a lookup refusing local answers: a name resolving to a private or loopback address fails, a public one passes', async () => {
  const { refuseLocalAddresses } = await import('./webhook-address.js');
  type Cb = (err: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void;
  const dns: Record<string, string[]> = { 'inside.example.org': ['93.184.216.34', '10.1.2.3'], 'public.example.org': ['93.184.216.34', '2001:db8::1'], 'v6.example.org': ['::ffff:127.0.0.1'] };
  const base = (host: string, options: { all?: boolean }, cb: Cb): void => {
    const list = dns[host] ?? [];
    if (options.all === true) cb(null, list.map((a) => ({ address: a, family: a.includes(':') ? 6 : 4 })));
    else cb(null, list[0]!, list[0]!.includes(':') ? 6 : 4);
  };
  const guarded = refuseLocalAddresses(base as never);
  const ask = (host: string, all: boolean): Promise<NodeJS.ErrnoException | null> =>
    new Promise((resolve) => guarded(host, { all }, (err) => resolve(err)));
  assert.match(String((await ask('inside.example.org', true))?.message), /resolves to 10\.1\.2\.3, a local or private address/);
  assert.equal((await ask('inside.example.org', true))?.code, 'ELOCALADDRESS');
  assert.equal(await ask('public.example.org', true), null);
  assert.equal(await ask('public.example.org', false), null);
  assert.notEqual(await ask('v6.example.org', false), null);
});
