import { MAX_ID_LENGTH } from "../graph/limits";
import type { Problems } from "./userErrors";

/**
 * Size limits of every mutation input (docs/curation.md lists them): a longer value is an INVALID
 * user error that states the limit, never truncated.
 */
export const WRITE_LIMITS = {
  /** Ids ('person:...'), given or made. */
  idLength: MAX_ID_LENGTH,
  nameLength: 300,
  aliasLength: 300,
  aliases: 50,
  descriptionLength: 2_000,
  /** Citations in one mutation. */
  citations: 20,
  quoteLength: 2_000,
  titleLength: 500,
  /** A document's text, in UTF-16 code units (the HTTP body limit applies too). */
  textLength: 1_000_000,
  /** metric, unit, period, publisher, url, reason, clientMutationId and property values. */
  shortTextLength: 500,
  /** Keys of a relationship's properties. */
  properties: 20,
  /** Entities a quote is about. */
  about: 20,
} as const;

/** The id shape of each element, as the importer's datasets use it: '<prefix>:<kebab-case-slug>'. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkLength(
  problems: Problems,
  field: ReadonlyArray<string | number>,
  value: string | null | undefined,
  max: number,
  options: { allowEmpty?: boolean } = {},
): void {
  if (value === null || value === undefined) return;
  if (value.length > max) {
    problems.add(field, "INVALID", `must be at most ${max} characters (got ${value.length})`);
  } else if (!options.allowEmpty && value.trim().length === 0) {
    problems.add(field, "INVALID", "must not be empty");
  }
}

export function checkCount(
  problems: Problems,
  field: ReadonlyArray<string | number>,
  list: readonly unknown[] | null | undefined,
  min: number,
  max: number,
): void {
  const n = list?.length ?? 0;
  if (list !== null && list !== undefined && (n < min || n > max)) {
    problems.add(field, "INVALID", `must hold ${min} to ${max} items (got ${n})`);
  }
}

/** An id of the form '<prefix>:<kebab-case-slug>' within the length limit. */
export function checkId(
  problems: Problems,
  field: ReadonlyArray<string | number>,
  id: string,
  prefix: string,
): boolean {
  if (id.length > WRITE_LIMITS.idLength) {
    problems.add(field, "INVALID", `must be at most ${WRITE_LIMITS.idLength} characters (got ${id.length})`);
    return false;
  }
  if (!id.startsWith(`${prefix}:`) || !SLUG_PATTERN.test(id.slice(prefix.length + 1))) {
    problems.add(field, "INVALID", `must be '${prefix}:<kebab-case-slug>', e.g. ${prefix}:example-name`);
    return false;
  }
  return true;
}
