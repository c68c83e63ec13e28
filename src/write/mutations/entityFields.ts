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

/**
 * The input with its name and aliases in Unicode NFC, as the importer stores them
 * (src/import/datasetSchema.ts): a decomposed "Türkiye" is the same name as a composed one, for
 * search, for the link dictionary and for made ids (aliases that become the same are given once). Only names: descriptions are free text, and
 * citation quotes must stay exactly as the document's words. A field left out stays left out.
 */
export function withNfcNames<Input extends { name?: string | null; aliases?: readonly string[] | null }>(
  input: Input,
): Input {
  const out = { ...input };
  if (typeof input.name === "string") out.name = input.name.normalize("NFC");
  const aliases: readonly string[] | null | undefined = input.aliases;
  if (aliases) out.aliases = [...new Set(aliases.map((a) => a.normalize("NFC")))];
  return out;
}
