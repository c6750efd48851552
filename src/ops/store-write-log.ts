import type { Logger } from 'pino';
import type { LivePipeline } from '../pipeline/live-pipeline.js';

/** While the store keeps failing, the same error is logged again at most this often. */
const REPEAT_MS = 60_000;
const CHECK_MS = 1000;

/**
 * Logs the pipeline's failing store writes so an operator can act: the first failure at once,
 * naming the database (a full or read-only disk says so in SQLite's own words), then at most
 * once a minute while it lasts, and "resumed" once every periodic write succeeds again.
 * Returns a function that stops watching.
 */
export function logStoreWrites(pipeline: LivePipeline, log: Logger, database: string): () => void {
  let failingSince: number | undefined;
  let lastLogMs = -Infinity;
  let errors = 0;
  const onError = (err: Error): void => {
    errors++;
    const now = Date.now();
    failingSince ??= now;
    if (now - lastLogMs < REPEAT_MS) return;
    lastLogMs = now;
    log.error({ database, err: { message: err.message, code: (err as { code?: unknown }).code }, errorsSoFar: errors },
      `store write failed on ${database}: ${err.message} — reads go on; the rows stay queued and are retried every second (GET /api/health/ready reports not-ready)`);
  };
  const timer = setInterval(() => {
    if (failingSince === undefined || pipeline.opsState().storeFailures.length > 0) return;
    log.info({ database, failedForSeconds: Math.round((Date.now() - failingSince) / 1000), errors }, `store writes on ${database} resumed`);
    failingSince = undefined;
    lastLogMs = -Infinity;
    errors = 0;
  }, CHECK_MS);
  timer.unref();
  pipeline.on('error', onError);
  return () => {
    clearInterval(timer);
    pipeline.off('error', onError);
  };
}
