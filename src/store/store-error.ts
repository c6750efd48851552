/**
 * Errors a store raises on a caller's mistake. The API maps `InvalidCursorError` and
 * `StoreConflictError` to 400 and 409; anything else from a store is a 5xx.
 */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** A pagination cursor that this store did not issue (or that was altered). */
export class InvalidCursorError extends StoreError {
  override name = 'InvalidCursorError';
}

/** A write that contradicts what is stored (e.g. an agreement version with a different text). */
export class StoreConflictError extends StoreError {
  override name = 'StoreConflictError';
}
