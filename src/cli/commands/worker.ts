import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { formatAgreementError } from '../../core/agreement/agreement-error.js';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { landMaskFor } from '../../geo-data/land-for-agreement.js';
import { openSqliteStore, type Store } from '../../store/index.js';
import { connectNats } from '../../stream/jetstream-setup.js';
import { parsePartition } from '../../stream/partition.js';
import { pairRuleShare, PartitionWorker, replayWindowMs, withoutPairRules } from '../../stream/partition-worker.js';
import { workerMetrics } from '../../ops/worker-metrics.js';
import { metricsPortOptions, parseMetricsPort, startMetricsPort, type MetricsPortOptions } from './metrics-port.js';

/** Opens the store a worker writes to: `sqlite:PATH`, or the shared PostgreSQL store `postgres://…` (docs/scale-out-store.md). */
async function openStoreUrl(url: string): Promise<Store> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new CliError('--store sqlite:PATH needs a path', 2);
    return openSqliteStore(path);
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    // Loaded only when asked: SQLite workers never load the PostgreSQL driver.
    const { openPostgresStore } = await import('../../store/postgres/postgres-store.js');
    return openPostgresStore(url).catch((e: Error) => { throw new CliError(`--store ${url.split('@').pop() ?? ''}: ${e.message}`, 2); });
  }
  throw new CliError(`--store "${url}": give sqlite:PATH or postgres://USER@HOST/DB`, 2);
}

/** `vigil worker --nats URL --partition K/N | --pairs K/N --agreement FILE --store URL` (docs/scale-out.md). */
export const workerCommand: CliCommand = {
  name: 'worker',
  args: '',
  summary: 'run the agreement\'s detectors over one partition of the JetStream event stream (or its pair rules over all of it) into a store',
  configure(cmd) {
    metricsPortOptions(cmd).requiredOption('--nats <url>', 'NATS server(s), e.g. nats://127.0.0.1:4222')
      .option('--partition <k/n>', 'this worker\'s partition K of N (e.g. 0/8): every rule but the pair rules')
      .option('--pairs <k/n>', 'pair worker K of N instead: every Nth pair rule (no-rendezvous) over all partitions, from the Kth')
      .requiredOption('--agreement <file>', 'agreement YAML file')
      .requiredOption('--store <url>', 'store: sqlite:PATH or postgres://USER@HOST/DB')
      .option('--nation <code>', 'nation operating this node (originator of what it derives without a feed)', 'FRA')
      .option('--batch <n>', 'messages per pull', '2000')
      .option('--exit-on-final', 'exit once every ingest has ended and its events are processed (replays, tests)')
      .option('--no-land', 'do not load the land mask (no "fix on land" checks)')
      .action(async (opts: { nats: string; partition?: string; pairs?: string; agreement: string; store: string; nation: string; batch: string; exitOnFinal?: boolean; land: boolean } & MetricsPortOptions) => {
        const metricsPort = parseMetricsPort(opts);
        if ((opts.partition === undefined) === (opts.pairs === undefined)) throw new CliError('give one of --partition K/N and --pairs K/N', 2);
        const role = opts.pairs !== undefined ? 'pairs' : 'partition';
        const p = parsePartition(opts.pairs ?? opts.partition!);
        if (!p.ok) throw new CliError(role === 'pairs' ? p.error.replace('--partition', '--pairs') : p.error, 2);
        const batch = Number(opts.batch);
        if (!(Number.isInteger(batch) && batch >= 1)) throw new CliError(`--batch "${opts.batch}" is not a whole number of at least 1`, 2);
        const loaded = loadAgreementFile(opts.agreement);
        if (!loaded.ok) throw new CliError(`invalid agreement:\n${loaded.errors.map(formatAgreementError).join('\n')}`, 2);
        const store = await openStoreUrl(opts.store);
        const name = `${role === 'pairs' ? 'pairs' : 'worker'}-${p.value.k}-of-${p.value.n}`;
        const nc = await connectNats(opts.nats, name).catch((e: Error) => { throw new CliError(`cannot connect to ${opts.nats}: ${e.message}`, 2); });
        const abort = new AbortController();
        const stop = (): void => abort.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const agreement = role === 'pairs' ? pairRuleShare(loaded.value, p.value.k, p.value.n) : withoutPairRules(loaded.value);
        const worker = new PartitionWorker({
          nc, agreement, agreementVersion: loaded.value.version, ...(opts.land ? { landMask: landMaskFor(loaded.value) } : {}), store, role,
          partition: p.value.k, partitions: p.value.n, nation: opts.nation, replayWindowMs: replayWindowMs(loaded.value), batch,
          exitOnFinal: opts.exitOnFinal === true, signal: abort.signal,
        });
        const metrics = await startMetricsPort(metricsPort, {
          registry: workerMetrics({ worker, nc, store, partition: p.value.k, partitions: p.value.n }),
          health: () => ({ ok: !nc.isClosed(), body: { nats: nc.isClosed() ? 'closed' : 'connected', partition: `${p.value.k}/${p.value.n}` } }),
        }).catch(async (e: Error) => { await nc.close(); await store.close(); throw e; });
        try {
          await worker.run();
        } finally {
          await metrics?.close();
          await nc.drain().catch(() => undefined);
          await store.close();
        }
        const c = worker.counters;
        process.stderr.write(`${name}: ${c.messages} messages, ${c.events} events (${c.replayed} replayed, ${c.skipped} before the replay point), ${c.late} late, ${c.badMessages} unreadable, ${c.alerts} alert writes, ${c.lostFetches} fetches lost and resumed\n`);
      });
  },
};
