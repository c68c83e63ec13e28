import { checkCount, checkLength, WRITE_LIMITS } from "../limits";
import type { Problems } from "../userErrors";

/** Size limits of an entity's name, aliases and description, as createEntity and updateEntity take them. */
export function checkEntityFields(
  problems: Problems,
  input: { name?: string | null; aliases?: readonly string[] | null; description?: string | null },
): void {
  checkLength(problems, ["input", "name"], input.name, WRITE_LIMITS.nameLength);
  checkCount(problems, ["input", "aliases"], input.aliases, 0, WRITE_LIMITS.aliases);
  input.aliases?.forEach((alias, i) =>
    checkLength(problems, ["input", "aliases", i], alias, WRITE_LIMITS.aliasLength),
  );
  checkLength(problems, ["input", "description"], input.description, WRITE_LIMITS.descriptionLength);
}
