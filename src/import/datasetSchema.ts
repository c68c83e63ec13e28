import { z } from "zod";
import { ENTITY_KINDS } from "../graph/entityKinds";
import { MAX_ID_LENGTH, MAX_RELATIONSHIP_TYPE_LENGTH } from "../graph/limits";

/**
 * The reviewed, human-editable file of one document's facts (data/<name>.yaml). Citations are the
 * quoted words only; offsets are computed by the importer. docs/graph-model.md explains the fields.
 */
const slug = "[a-z0-9]+(?:-[a-z0-9]+)*";
const idLength = `must be at most ${MAX_ID_LENGTH} characters long`;
const entityId = z
  .string()
  .max(MAX_ID_LENGTH, idLength)
  .regex(
    new RegExp(`^(${ENTITY_KINDS.map((k) => k.toLowerCase()).join("|")}):${slug}$`),
    "must be '<kind>:<kebab-case-slug>', e.g. person:hu-henghua",
  );
const prefixedId = (prefix: string) =>
  z
    .string()
    .max(MAX_ID_LENGTH, idLength)
    .regex(new RegExp(`^${prefix}:${slug}$`), `must be '${prefix}:<kebab-case-slug>'`);

const citation = z.strictObject({
  quote: z.string().min(1),
  occurrence: z.number().int().min(1).optional(),
});
const citations = z.array(citation).min(1, "needs at least one citation");
/** Names and aliases are stored in NFC, so that search finds a decomposed spelling like a composed one. */
const nfcName = z
  .string()
  .min(1)
  .transform((s) => s.normalize("NFC"));
const primitive = z.union([z.string(), z.number(), z.boolean()]);

export const DatasetSchema = z.strictObject({
  document: z.strictObject({
    id: prefixedId("document"),
    title: z.string().min(1),
    publisher: z.string().min(1).optional(),
    url: z.url().optional(),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
    textFile: z.string().regex(/^[\w.-]+\.txt$/, "must be a .txt file name beside the dataset file"),
  }),
  entities: z
    .array(
      z.strictObject({
        id: entityId,
        kind: z.enum(ENTITY_KINDS),
        name: nfcName,
        aliases: z.array(nfcName).default([]),
        description: z.string().min(1).optional(),
        date: z
          .string()
          .regex(/^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$/, "must be YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD")
          .optional(),
        citations,
      }),
    )
    .min(1),
  relationships: z
    .array(
      z.strictObject({
        from: entityId,
        type: z
          .string()
          .max(
            MAX_RELATIONSHIP_TYPE_LENGTH,
            `must be at most ${MAX_RELATIONSHIP_TYPE_LENGTH} characters long`,
          )
          .regex(/^[A-Z][A-Z0-9_]*$/, "must be UPPER_SNAKE_CASE"),
        to: entityId,
        properties: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), primitive).default({}),
        background: z.boolean().default(false),
        citations,
      }),
    )
    .default([]),
  statistics: z
    .array(
      z.strictObject({
        id: prefixedId("statistic"),
        subject: entityId,
        metric: z.string().min(1),
        value: z.number().finite(),
        unit: z.string().min(1),
        comparator: z.enum(["EXACT", "APPROXIMATELY", "MORE_THAN", "AT_LEAST", "LESS_THAN", "AT_MOST"]),
        period: z
          .string()
          .regex(
            /^\d{4}(-(Q[1-4]|\d{2}))?(\/\d{4}(-(Q[1-4]|\d{2}))?)?$/,
            "must be like 2023, 2024-Q1, 2024-03 or 2020/2023",
          )
          .optional(),
        description: z.string().min(1).optional(),
        citations,
      }),
    )
    .default([]),
  quotes: z
    .array(
      z.strictObject({
        id: prefixedId("quote"),
        speaker: entityId,
        text: z.string().min(1),
        occurrence: z.number().int().min(1).optional(),
        about: z.array(entityId).min(1, "needs at least one entity the quote is about"),
      }),
    )
    .default([]),
});

export type DatasetFile = z.infer<typeof DatasetSchema>;
