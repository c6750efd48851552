/** The paging helpers of every SQL backend, also used by the SQLite-backed services outside the store. */
export { setIfPresent, toPage } from '../sql/paging-rules.js';
