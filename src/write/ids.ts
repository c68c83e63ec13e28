import { createHash } from "node:crypto";
import { WRITE_LIMITS } from "./limits";

/** A kebab-case slug of a name ('Hu Henghua' → 'hu-henghua'); accents folded, other scripts dropped. */
export function slugOf(name: string, maxLength = 80): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, "");
}

export function shortHash(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 10);
}

/** '<prefix>:<slug of name>', or '<prefix>:<hash>' when the name has no Latin letters or digits. */
export function readableId(prefix: string, name: string): string {
  const slug = slugOf(name, WRITE_LIMITS.idLength - prefix.length - 12);
  return `${prefix}:${slug.length > 0 ? slug : `x${shortHash(name)}`}`;
}
