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

/**
 * A generated hub: one place linked to `spokes` others (spoke i links to the hub), every fact
 * citing its own line of the text. Ids end with the suffix; removeFixtures (removeFixtures.ts) takes it out.
 */
export function hubDataset(spokes: number): { suffix: string; hubId: string; dataset: Dataset } {
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const names = [`Hub ${suffix}`, ...Array.from({ length: spokes }, (_, i) => `Spoke ${i} ${suffix}`)];
  const lines = names.map((name) => `${name} is on the map.`);
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
  const id = (i: number): string => (i === 0 ? `place:hub-${suffix}` : `place:spoke${i - 1}-${suffix}`);
  const type = "PART_OF";
  return {
    suffix,
    hubId: id(0),
    dataset: {
      document: {
        id: `document:hub-${suffix}`,
        title: `Hub ${suffix}`,
        publisher: null,
        url: null,
        publishedAt: null,
        text: lines.join("\n"),
      },
      entities: names.map((name, i) => ({
        id: id(i),
        kind: "PLACE" as const,
        name,
        aliases: [],
        description: null,
        date: null,
        citations: [cite(i)],
      })),
      relationships: names.slice(1).map((_, k) => ({
        id: relationshipId(id(k + 1), type, id(0)),
        from: id(k + 1),
        type,
        to: id(0),
        properties: {},
        background: false,
        citations: [cite(k + 1)],
      })),
      statistics: [],
      quotes: [],
    },
  };
}
