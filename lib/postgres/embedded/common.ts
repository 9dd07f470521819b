/** Names every part of the embedded server agrees on. */

/** The database superuser, and also the OS user PostgreSQL runs as when we are root. */
export const SUPERUSER = "postgres";
export const HOST = "127.0.0.1";

export type Log = (line: string) => void;
