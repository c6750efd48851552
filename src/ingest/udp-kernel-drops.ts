import { readFileSync } from 'node:fs';

/**
 * Datagrams the kernel dropped for the UDP socket bound to `port` (its receive buffer was full:
 * the process did not read fast enough), from the `drops` column of /proc/net/udp; undefined
 * where there is no such file (not Linux) or no such socket. Sockets sharing the port
 * (`reuseAddr`) are summed.
 */
export function kernelUdpDrops(port: number, table = '/proc/net/udp'): number | undefined {
  let text: string;
  try {
    text = readFileSync(table, 'latin1');
  } catch {
    return undefined;
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let drops: number | undefined;
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 13 || f[1]!.split(':')[1] !== hexPort) continue;
    drops = (drops ?? 0) + Number(f[f.length - 1]);
  }
  return drops;
}
