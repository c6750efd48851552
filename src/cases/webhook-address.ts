/**
 * Whether a URL host is an IP literal in the unspecified, loopback, private, carrier-grade
 * NAT, link-local or unique-local ranges (IPv4-mapped IPv6 included), or localhost. Webhooks
 * leave the coalition network: the server must not be turned against its own neighbours
 * (SSRF). A name resolving to such an address is not caught here; run deliveries through an
 * egress proxy where that matters.
 * @example isLocalHost('[::ffff:7f00:1]') // true
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isLocalAddress(host);
}

function isLocalAddress(host: string): boolean {
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
