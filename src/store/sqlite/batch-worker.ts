/**
 * The writer thread of `ThreadedBatchWriter`: its own connection to the store's database
 * file, writing each batch it is sent in one transaction, in the order sent, and handing the
 * buffers back. After a failed write it hands every batch back unwritten until told to
 * resume, so that the main thread can send them again in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { openConnection } from './connection.js';
import { WriteBatchApplier } from './write-batch-applier.js';
import type { FromWriterThread, ToWriterThread, WriteBatch } from './write-batch.js';

/** What the thread is started with. */
export interface BatchWorkerData {
  /** Absolute path of the database file (already migrated by the store). */
  path: string;
  outboxLimit: number;
}

const port = parentPort;
if (port !== null) {
  const data = workerData as BatchWorkerData;
  let db: Database.Database | undefined;
  let applier: WriteBatchApplier | undefined;
  let failure: { name: string; message: string } | undefined;

  const handBack = (batch: WriteBatch, error: { name: string; message: string }, skipped: boolean): void => {
    const m: FromWriterThread = { type: 'failed', batch, error, skipped };
    port.postMessage(m, [batch.nums.buffer, batch.keys.buffer]);
  };

  port.on('message', (m: ToWriterThread) => {
    switch (m.type) {
      case 'batch': {
        const b = m.batch;
        if (failure !== undefined) {
          handBack(b, failure, true);
          return;
        }
        try {
          // Opened on first use, so that a failure to open is a failed write like any other.
          db ??= openConnection(data.path);
          applier ??= new WriteBatchApplier(db, data.outboxLimit);
          applier.apply(b);
        } catch (err) {
          const e = err instanceof Error ? err : new Error(String(err));
          failure = { name: e.name, message: e.message };
          handBack(b, failure, false);
          return;
        }
        const done: FromWriterThread = { type: 'done', seq: b.seq, nums: b.nums, keys: b.keys };
        port.postMessage(done, [b.nums.buffer, b.keys.buffer]);
        return;
      }
      case 'resume':
        failure = undefined;
        return;
      case 'close':
        db?.close();
        port.close();
        return;
    }
  });
}
