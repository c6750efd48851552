/**
 * The store: repository interfaces, releasability markings, and the embedded SQLite backend.
 */
export * from './ports.js';
export * from './marking.js';
export { InvalidCursorError, StoreConflictError, StoreError } from './store-error.js';
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { DEFAULT_BATCH_ROWS } from './sqlite/batch-writer.js';
