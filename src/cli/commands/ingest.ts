import type { CliCommand } from '../command.js';
import { CliError } from '../command.js';
import { formatAgreementError } from '../../core/agreement/agreement-error.js';
import { loadAgreementFile } from '../../config/agreement-file.js';
import { loadServeConfig } from '../../config/serve-config.js';
import { landMaskFor } from '../../geo-data/land-for-agreement.js';
import { connectNats } from '../../stream/jetstream-setup.js';
import { IngestPublisher } from '../../stream/ingest-publisher.js';
import { DEFAULT_PARTITIONS } from '../../stream/partition.js';
import { ingestMetrics } from '../../ops/ingest-metrics.js';
import { metricsPortOptions, parseMetricsPort, startMetricsPort, type MetricsPortOptions } from './metrics-port.js';

/** `vigil ingest --config FILE --nats URL`: the config's feeds, decoded, onto JetStream (docs/scale-out.md). */
export const ingestCommand: CliCommand = {
  name: 'ingest',
  args: '',
  summary: 'decode the configured feeds and publish their events to NATS JetStream, partitioned by entity',
  configure(cmd) {
    metricsPortOptions(cmd).requiredOption('--config <file>', 'serve config (YAML): its feeds, agreement and allowance')
      .requiredOption('--nats <url>', 'NATS server(s), e.g. nats://127.0.0.1:4222')
      .option('--partitions <n>', 'number of partitions (the same for every ingest and worker)', String(DEFAULT_PARTITIONS))
      .option('--id <name>', 'ingest id: the subject of its watermark (default: ingest-HOSTPID)')
      .option('--state <file>', 'state file: file feeds go on from where they were after a restart (written every second)')
      .action(async (opts: { config: string; nats: string; partitions: string; id?: string; state?: string } & MetricsPortOptions) => {
        const metricsPort = parseMetricsPort(opts);
        const r = loadServeConfig(opts.config);
        if (!r.ok) throw new CliError(r.error, 2);
        const partitions = Number(opts.partitions);
        if (!(Number.isInteger(partitions) && partitions >= 1)) throw new CliError(`--partitions "${opts.partitions}" is not a whole number of at least 1`, 2);
        const ingestId = opts.id ?? `ingest-${process.pid}`;
        if (!/^[a-z0-9][a-z0-9-]*$/.test(ingestId)) throw new CliError(`--id "${ingestId}": lower-case letters, digits and hyphens`, 2);
        const loaded = loadAgreementFile(r.value.agreement);
        if (!loaded.ok) throw new CliError(`invalid agreement:\n${loaded.errors.map(formatAgreementError).join('\n')}`, 2);
        const nc = await connectNats(opts.nats, ingestId).catch((e: Error) => { throw new CliError(`cannot connect to ${opts.nats}: ${e.message}`, 2); });
        const abort = new AbortController();
        const stop = (): void => abort.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const publisher = new IngestPublisher({
          nc, agreement: loaded.value, landMask: landMaskFor(loaded.value), feeds: r.value.feeds, ingestId, partitions,
          allowanceMs: r.value.allowanceSeconds * 1000, signal: abort.signal, ...(opts.state !== undefined ? { statePath: opts.state } : {}),
        });
        const metrics = await startMetricsPort(metricsPort, {
          registry: ingestMetrics(publisher),
          health: () => ({ ok: !nc.isClosed(), body: { nats: nc.isClosed() ? 'closed' : 'connected', feeds: publisher.feeds.length, ended: publisher.feeds.filter((f) => f.ended).length } }),
        }).catch(async (e: Error) => { await nc.close(); throw e; });
        try {
          await publisher.run();
        } finally {
          await nc.drain();
          await metrics?.close();
        }
        const { publishRetries, watermarksMissed, unsent } = publisher.counters;
        if (publishRetries + watermarksMissed > 0) process.stderr.write(`ingest ${ingestId}: ${publishRetries} publishes sent again after a timeout or lost connection, ${watermarksMissed} watermark ticks skipped\n`);
        if (unsent > 0) process.stderr.write(`ingest ${ingestId}: stopped with ${unsent} event(s) not acknowledged by JetStream (given up)\n`);
        for (const f of publisher.feeds) {
          const rej = Object.entries(f.rejected).sort(([a], [b]) => a.localeCompare(b));
          const total = rej.reduce((s, [, n]) => s + n, 0);
          process.stderr.write(`${f.name} (${f.format ?? 'unknown'}): ${f.resumedAtLine !== undefined ? `resumed at line ${f.resumedAtLine}, ` : ''}${f.lines} lines read, ${total} rejected${total ? ` (${rej.map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}, ${f.published} events published${f.late ? `, ${f.late} late` : ''}${f.error ? `, failed: ${f.error}` : ''}\n`);
        }
      });
  },
};
