import { randomUUID } from "node:crypto";
import { relationshipId } from "../../src/graph/relationshipId";
import { RELATIONSHIP_TYPES } from "../../src/graph/relationshipTypes";
import type { Dataset, LocatedCitation } from "../../src/graph/model";

/**
 * A generated document: `entities` places in a ring, each linked to its next `degree` neighbours
 * and with one statistic, every fact citing its own line of the text. Ids end with the suffix.
 */
export function syntheticDataset(
  entities: number,
  degree: number,
): { suffix: string; type: string; dataset: Dataset } {
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const lines = Array.from({ length: entities }, (_, i) => `Place ${i} ${suffix} links onward.`);
  const text = lines.join("\n");
  // Each line starts where the previous one ended, plus its newline.
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const cite = (i: number): LocatedCitation => {
    const quote = lines[i] ?? "";
    const start = starts[i] ?? 0;
    return { quote, start, end: start + quote.length };
  };
  const id = (i: number): string => `place:p${i}-${suffix}`;
  const type = Object.keys(RELATIONSHIP_TYPES)[0] ?? "";
  return {
    suffix,
    type,
    dataset: {
      document: {
        id: `document:synthetic-${suffix}`,
        title: `Synthetic ${suffix}`,
        publisher: null,
        url: null,
        publishedAt: null,
        text,
      },
      entities: lines.map((_, i) => ({
        id: id(i),
        kind: "PLACE" as const,
        name: `Place ${i} ${suffix}`,
        aliases: [],
        description: null,
        date: null,
        citations: [cite(i)],
      })),
      relationships: lines.flatMap((_, i) =>
        Array.from({ length: degree }, (_unused, k) => {
          const to = (i + k + 1) % entities;
          return {
            id: relationshipId(id(i), type, id(to)),
            from: id(i),
            type,
            to: id(to),
            properties: {},
            background: false,
            citations: [cite(i)],
          };
        }),
      ),
      statistics: lines.map((_, i) => ({
        id: `statistic:p${i}-${suffix}`,
        subject: id(i),
        metric: "Synthetic figure",
        value: i,
        unit: "share",
        comparator: "EXACT" as const,
        period: null,
        description: null,
        citations: [cite(i)],
      })),
      quotes: [],
    },
  };
}

/** Removes everything whose id ends with one of the suffixes. */
export const CLEANUP_BY_SUFFIX = `
UNWIND $suffixes AS suffix
MATCH (n) WHERE n.id ENDS WITH suffix AND NOT n:Migration
DETACH DELETE n`;
