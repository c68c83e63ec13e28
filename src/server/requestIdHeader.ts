import { randomUUID } from "node:crypto";

/** A client's X-Request-Id when it is a plain token (it ends up in logs), otherwise a fresh one. */
export function requestIdOf(header: unknown): string {
  return typeof header === "string" && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}
