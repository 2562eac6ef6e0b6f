/**
 * The store's modules (kysely, SQLite, search, privacy) load only once a command touches the store:
 * `--help` and `transcribe` (until it stores its session) never pay for them.
 */
export const loadStore = () => import('../db/index.js');
