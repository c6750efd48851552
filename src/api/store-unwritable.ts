/** SQLite and system error codes that mean the disk under the store takes no writes now (full, read-only, failing). */
const UNWRITABLE = new Set(['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_SHORT_READ', 'SQLITE_CANTOPEN', 'ENOSPC', 'EROFS', 'EDQUOT', '53100' /* PostgreSQL disk_full */, '25006' /* read_only_sql_transaction */]);

/** Whether an error is the store refusing writes for want of disk (the API answers 503, not 500). */
export function storeUnwritable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (UNWRITABLE.has(code) || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY'));
}
