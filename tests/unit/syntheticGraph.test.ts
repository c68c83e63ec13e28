import { createHash } from "node:crypto";
import { stringify } from "yaml";
import {
  HUB_INDEX,
  entityId,
  syntheticDocuments,
  syntheticGraphOptions,
  type SyntheticGraphOptions,
} from "../../bench/syntheticGraph";
import { validateDataset, type Dataset, type LocatedCitation } from "../../src/import/readDataset";

const SMALL: SyntheticGraphOptions = { ...syntheticGraphOptions(900), documentSize: 400 };

/** The 1-based occurrence of the quote at `start`, counted as the importer's locateQuote counts. */
function occurrenceOf(text: string, citation: LocatedCitation): number {
  let occurrence = 0;
  for (
    let at = text.indexOf(citation.quote);
    at !== -1 && at <= citation.start;
    at = text.indexOf(citation.quote, at + 1)
  ) {
    occurrence += 1;
  }
  return occurrence;
}

/** The dataset as a reviewed YAML file would state it: quoted words only, no offsets. */
function asDatasetFile(dataset: Dataset): string {
  const text = dataset.document.text;
  const citations = (list: LocatedCitation[]) =>
    list.map((c) => ({ quote: c.quote, occurrence: occurrenceOf(text, c) }));
  const defined = <T extends object>(row: T): Partial<T> =>
    Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) as Partial<T>;
  return stringify({
    document: { ...defined({ ...dataset.document, text: null }), textFile: "document.txt" },
    entities: dataset.entities.map((e) => defined({ ...e, citations: citations(e.citations) })),
    relationships: dataset.relationships.map(({ id: _derived, ...r }) => ({
      ...r,
      citations: citations(r.citations),
    })),
    statistics: dataset.statistics.map((s) => defined({ ...s, citations: citations(s.citations) })),
  });
}

describe("the benchmark's synthetic graph", () => {
  const documents = [...syntheticDocuments(SMALL)];

  it("is cut into documents of the configured size, each introducing its own entities", () => {
    expect(documents).toHaveLength(3);
    const introduced = documents.map(
      (d) => d.entities.filter((e) => e.citations[0]?.quote.includes(" is a ")).length,
    );
    expect(introduced).toEqual([400, 400, 100]);
  });

  it("is what the importer's own validation makes of the same facts stated as a dataset file", () => {
    for (const dataset of documents) {
      const validated = validateDataset(asDatasetFile(dataset), () => dataset.document.text);
      expect(validated).toEqual(dataset);
    }
  });

  it("is the same graph on every run", () => {
    const digest = (list: Dataset[]) => createHash("sha256").update(JSON.stringify(list)).digest("hex");
    expect(digest([...syntheticDocuments(SMALL)])).toBe(digest(documents));
  });

  it("has a hub and power-law degrees, the oldest entities the best connected", () => {
    const degree = new Map<string, number>();
    const hubLinks = new Set<string>();
    for (const r of documents.flatMap((d) => d.relationships)) {
      if (r.to === entityId(HUB_INDEX)) hubLinks.add(r.from);
      else for (const end of [r.from, r.to]) degree.set(end, (degree.get(end) ?? 0) + 1);
    }
    expect(hubLinks.size).toBe(SMALL.hubNeighbours);
    const degrees = [...degree.values()].sort((a, b) => b - a);
    const median = degrees[Math.floor(degrees.length / 2)] ?? 0;
    expect(degrees[0]).toBeGreaterThan(5 * median);
    const oldest = (degree.get(entityId(1)) ?? 0) + (degree.get(entityId(2)) ?? 0);
    const newest = (degree.get(entityId(898)) ?? 0) + (degree.get(entityId(899)) ?? 0);
    expect(oldest).toBeGreaterThan(newest);
  });

  it("links at most hubNeighbours entities to the hub, spread over the whole graph", () => {
    const graph = { ...SMALL, hubNeighbours: 90 };
    const linked = [...syntheticDocuments(graph)]
      .flatMap((d) => d.relationships)
      .filter((r) => r.to === entityId(HUB_INDEX))
      .map((r) => Number(r.from.split(":s")[1]));
    expect(linked).toHaveLength(90);
    expect(Math.max(...linked)).toBeGreaterThan(800);
  });
});
