import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ARGON2_PARAMS, PasswordHasher } from './password-hasher.js';

test('hashes with argon2id m=64 MiB, t=3, p=1 by default, and the hash verifies', async () => {
  const h = new PasswordHasher();
  assert.deepEqual({ ...DEFAULT_ARGON2_PARAMS }, { memoryCost: 65536, timeCost: 3, parallelism: 1 });
  const stored = await h.hash('correct horse battery');
  assert.match(stored, /^\$argon2id\$v=19\$m=65536,p=1,t=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  assert.equal(await h.verify(stored, 'correct horse battery'), true);
  assert.equal(h.needsRehash(stored), false);
});

test('a wrong password, a near miss and an empty one fail', async () => {
  const h = new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const stored = await h.hash('correct horse battery');
  assert.equal(await h.verify(stored, 'correct horse batterY'), false);
  assert.equal(await h.verify(stored, 'correct horse battery '), false);
  assert.equal(await h.verify(stored, ''), false);
});

test('two hashes of one password differ (random salt) and both verify', async () => {
  const h = new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const a = await h.hash('correct horse battery');
  const b = await h.hash('correct horse battery');
  assert.notEqual(a, b);
  assert.equal(await h.verify(a, 'correct horse battery'), true);
  assert.equal(await h.verify(b, 'correct horse battery'), true);
});

test('a malformed stored hash verifies as false instead of throwing', async () => {
  const h = new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
  assert.equal(await h.verify('not a hash', 'whatever password'), false);
  assert.equal(await h.verifyNothing('whatever password'), false);
});

test('a hash made with weaker parameters needs a rehash', async () => {
  const weak = await new PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }).hash('correct horse battery');
  assert.equal(new PasswordHasher().needsRehash(weak), true);
});
