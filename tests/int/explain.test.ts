import type { ResultSummary } from "neo4j-driver";
import type { CypherQuery } from "../../src/graph/executor";
import { queryCatalogue } from "../support/queryCatalogue";
import { connectTestGraph, type TestGraph } from "../support/testGraph";

/** Every operator of a plan, depth first. */
function operatorsOf(plan: { operatorType: string; children: unknown[] } | false): string[] {
  if (plan === false) return [];
  return [
    plan.operatorType,
    ...plan.children.flatMap((c) => operatorsOf(c as { operatorType: string; children: unknown[] })),
  ];
}

type Plan = ResultSummary["plan"];

/** The operators of a plan without their runtime suffix ("NodeIndexSeek@neo4j" → "NodeIndexSeek"). */
function operatorNames(plan: Plan): string[] {
  return operatorsOf(plan).map((o) => o.replace(/@.*$/, ""));
}

// Every query the data layer produces is valid Cypher that the real Neo4j can plan.
describe("EXPLAIN of every data-layer query (real Neo4j)", () => {
  let graph: TestGraph;
  beforeAll(() => {
    graph = connectTestGraph();
  });
  afterAll(() => graph.close());

  /** The data-layer query of that name (tests/support/queryCatalogue.ts). */
  const catalogued = (name: string): CypherQuery => {
    const query = queryCatalogue().find((q) => q.name === name);
    if (!query) throw new Error(`${name} is not in the catalogue`);
    return query;
  };
  /** The plan Neo4j makes for a query (EXPLAIN: planned, not run). */
  const explain = async (query: CypherQuery): Promise<Plan> => {
    const session = graph.driver.session();
    try {
      return (await session.run(`EXPLAIN ${query.cypher}`, query.params)).summary.plan;
    } finally {
      await session.close();
    }
  };

  it.each(queryCatalogue().map((query, i) => [`${i} ${query.name}`, query] as const))(
    "%s",
    async (_name, query) => {
      const plan = await explain(query);
      expect(plan === false ? "" : plan.operatorType).toMatch(/^ProduceResults/);
    },
  );

  it("looks entities up through the id index, not a label scan", async () => {
    const [byIds] = queryCatalogue();
    if (!byIds) throw new Error("empty catalogue");
    const plan = await explain(byIds);
    const operators = operatorsOf(plan);
    expect(operators.some((o) => o.startsWith("NodeUniqueIndexSeek"))).toBe(true);
    expect(operators.some((o) => o.startsWith("NodeByLabelScan"))).toBe(false);
  });

  it("counts statistics per metric from the (metricKey, metric) index alone: no label scan, no property reads", async () => {
    const plan = await explain(catalogued("statistics.metricCounts"));
    const operators = operatorsOf(plan);
    expect(operators.some((o) => o.startsWith("NodeIndexScan"))).toBe(true);
    expect(operators.some((o) => /NodeByLabelScan|CacheProperties|Projection/.test(o))).toBe(false);
  });

  it.each(["ingest.dictionaryPage", "migration.searchKeys.page"])(
    "%s pages entities through the id index, in index order (no sort of every entity)",
    async (name) => {
      const plan = await explain(catalogued(name));
      const operators = operatorsOf(plan);
      expect(operators.some((o) => o.startsWith("NodeUniqueIndexSeekByRange"))).toBe(true);
      expect(operators.some((o) => /Sort|NodeByLabelScan/.test(o))).toBe(false);
    },
  );

  it.each(["graph.version", "changes.itemPages"])(
    "%s (the feed's poll; the items of a page of changes) reads through an index, never a scan",
    async (name) => {
      const plan = await explain(catalogued(name));
      const operators = operatorsOf(plan).join(" ");
      expect(operators).toMatch(/Node(Unique)?IndexSeek/);
      expect(operators).not.toMatch(/NodeByLabelScan|AllNodesScan/);
    },
  );

  it("finds retracted ids from each id's last item only: the top of its (elementId, seq) index range", async () => {
    const plan = await explain(catalogued("import.retractedIds"));
    const names = operatorNames(plan);
    // PartialTop over the index's order: it stops after the newest seq, where a Top or Sort
    // would read every item the element ever had.
    expect(names).toContain("PartialTop");
    expect(names.filter((o) => /^(Sort|Top|NodeByLabelScan|AllNodesScan)$/.test(o))).toEqual([]);
    expect(JSON.stringify(plan)).toMatch(/ChangeItem\(elementId, seq\)/);
  });

  it.each(["changes.touching", "changes.histories", "feed.touching"])(
    "%s pages through each element's (elementId, seq) index range in its order, and stops at the limit",
    async (name) => {
      const plan = await explain(catalogued(name));
      const names = operatorNames(plan);
      // Per element: Limit over OrderedDistinct over the index seek (no sort of its whole log).
      const seek = names.lastIndexOf("NodeIndexSeek");
      expect(names.slice(seek - 2, seek + 1)).toEqual(["Limit", "OrderedDistinct", "NodeIndexSeek"]);
      // The index range is read in order and left at the limit; the page's rows (at most $limit)
      // are then sorted once more by seq, after reading their Changes: only an ORDER BY there
      // guarantees the order of what comes out (the feed also reads their items first).
      const sorts = ["feed.touching", "changes.touching", "changes.histories"].includes(name) ? ["Sort"] : [];
      expect(names.filter((o) => /^(Sort|PartialSort|NodeByLabelScan|AllNodesScan)$/.test(o))).toEqual(sorts);
      expect(JSON.stringify(plan)).toMatch(/ChangeItem\(elementId, seq\)/);
    },
  );

  it.each(["changes.countTouching", "changes.countHistories"])(
    "%s counts from the (elementId, seq) index alone (no Change read)",
    async (name) => {
      const plan = await explain(catalogued(name));
      const names = operatorNames(plan);
      expect(names.at(-1)).toBe("NodeIndexSeek");
      expect(names.filter((o) => /^(Expand|NodeByLabelScan|AllNodesScan)/.test(o))).toEqual([]);
      expect(JSON.stringify(plan)).toMatch(/ChangeItem\(elementId, seq\)/);
    },
  );

  it.each([
    "mentions.ofDocument",
    "mentions.countOfDocument",
    "mentions.byIds",
    "ingest.dictionaryChanged",
    "write.ingestLookup",
    "write.mentionState",
  ])("%s reads through an index, never a scan of the label", async (name) => {
    const plan = await explain(catalogued(name));
    const operators = operatorsOf(plan);
    expect(operators.some((o) => /IndexSeek/.test(o))).toBe(true);
    expect(operators.filter((o) => /NodeByLabelScan|AllNodesScan/.test(o))).toEqual([]);
  });

  it("pages the export's snapshot through one range of the ChangeItem (elementId, seq) index, in its order", async () => {
    const plan = await explain(catalogued("export.page"));
    const names = operatorNames(plan);
    // Limit over an aggregation that streams in index order over one index seek: no full Sort, no
    // expand to each item's Change (the seq is on the item), nothing scanned.
    const limit = names.indexOf("Limit");
    expect(names[limit + 1]).toBe("OrderedAggregation");
    expect(names.at(-1)).toBe("NodeIndexSeek");
    expect(
      names.filter((o) => /^(Sort|Expand|CartesianProduct|Apply|NodeByLabelScan|AllNodesScan)/.test(o)),
    ).toEqual([]);
    const details = JSON.stringify(plan === false ? {} : plan);
    expect(details).toMatch(/ChangeItem\(elementId, seq\)/);
  });

  // A page of a named entity's statistics or quotes also says whether the entity exists (one
  // statement, no separate lookup): the entity must come from the Entity id index whether it is
  // there or not, never from a scan of the label.
  it.each(
    queryCatalogue()
      .filter((q) => q.name === "statistics.listOfSubject" || q.name === "quotes.listOfEntities")
      .flatMap((q, i) => [
        [`${i} ${q.name}, the entities present`, q] as const,
        [
          `${i} ${q.name}, the entities absent`,
          {
            ...q,
            params: Object.fromEntries(
              Object.entries(q.params ?? {}).map(([k, v]) => [
                k,
                k === "subject" || k === "speaker" || k === "about"
                  ? v === null
                    ? null
                    : "place:nowhere-at-all"
                  : v,
              ]),
            ),
          },
        ] as const,
      ]),
  )("%s: anchored on the Entity id index (PROFILE)", async (_name, query) => {
    const session = graph.driver.session();
    try {
      const result = await session.run(`PROFILE ${query.cypher}`, query.params);
      const operators = operatorsOf(result.summary.profile);
      const anchors = [query.params?.subject, query.params?.speaker, query.params?.about].filter(
        (id) => typeof id === "string",
      );
      expect(operators.filter((o) => o.startsWith("NodeUniqueIndexSeek"))).toHaveLength(anchors.length);
      // The page starts from the entities: no scan, and no range of the Statistic or Quote id index.
      expect(operators.filter((o) => /NodeByLabelScan|AllNodesScan|NodeIndexScan|ByRange/.test(o))).toEqual(
        [],
      );
      const [row] = result.records.map(
        (r) => r.toObject() as { found: Array<{ id: string; name: unknown }>; rows: unknown[] },
      );
      if (anchors.includes("place:nowhere-at-all")) expect(row).toEqual({ found: [], rows: [] });
      else {
        expect(row?.found.map((entity) => entity.id)).toEqual(anchors);
        // Whole entities: the resolver primes its loader with them.
        for (const entity of row?.found ?? []) expect(typeof entity.name).toBe("string");
      }
    } finally {
      await session.close();
    }
  });
});
