import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

/**
 * Whether a URL host is an IP literal in the unspecified, loopback, private, carrier-grade
 * NAT, link-local or unique-local ranges (IPv4-mapped IPv6 included), or localhost. Webhooks
 * leave the coalition network: the server must not be turned against its own neighbours
 * (SSRF). A name that resolves to such an address is refused when delivering (see
 * `refuseLocalAddresses`).
 * @example isLocalHost('[::ffff:7f00:1]') // true
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isLocalAddress(host);
}

/** Whether an IP address (as DNS gives it) is unspecified, loopback, private, CGNAT, link-local or unique-local. */
export function isLocalAddress(host: string): boolean {
  host = host.toLowerCase();
  if (host.includes(':')) {
    if (host === '::' || host === '::1' || /^(fc|fd|fe[89ab])/.test(host)) return true;
    const mapped = /^::ffff:(.+)$/.exec(host);
    if (mapped === null) return false;
    const rest = mapped[1]!;
    if (rest.includes('.')) return isLocalAddress(rest);
    const [hi, lo] = rest.split(':').map((h) => parseInt(h, 16));
    if (hi === undefined || lo === undefined || Number.isNaN(hi) || Number.isNaN(lo)) return true;
    return isLocalAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (m === null) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * A DNS lookup for outgoing connections that fails when a name resolves to a local or private
 * address. Given to the HTTP client as its `lookup`, the check applies to the very addresses
 * it connects to, so a name cannot pass the check and then rebind to a neighbour.
 */
export function refuseLocalAddresses(base: LookupFunction = dnsLookup as unknown as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, options, (err, address, family) => {
      if (err !== null) return callback(err, address, family);
      const addresses = Array.isArray(address) ? address.map((a: LookupAddress) => a.address) : [address];
      const local = addresses.find(isLocalAddress);
      if (local === undefined) return callback(null, address, family);
      const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${local}, a local or private address`);
      refused.code = 'ELOCALADDRESS';
      callback(refused, address, family);
    });
  };
}
