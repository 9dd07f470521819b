import { afterAll, beforeAll } from "vitest";

// Something a test file (or describe) starts once and stops at the end: a database, a
// server, a sink. Started in a beforeAll and stopped in an afterAll declared where this is
// called, so it runs before the hooks declared after it and stops after theirs. The handle
// stands for it from then on; reading or setting it before it has started is an error.
export function useBeforeAll<T extends object>(start: () => Promise<T>, stop: (started: T) => Promise<void>): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    if (started) await stop(started);
  });
  const current = (): T => {
    if (!started) throw new Error("Not started yet: it is started in a beforeAll, so use it in hooks and tests.");
    return started;
  };
  return new Proxy({} as T, {
    get: (_, property) => Reflect.get(current(), property),
    set: (_, property, value) => Reflect.set(current(), property, value),
  });
}
