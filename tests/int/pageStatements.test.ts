import type { Viewer } from "../../src/auth/viewer";
import { writeDocument } from "../../src/write/importDocument";
import { validateDataset } from "../../src/import/readDataset";
import { fixtureDataset } from "../support/fixtureDataset";
import { mutator, type Payload } from "../support/mutate";
import { removeFixtures } from "../support/removeFixtures";
import { startTestApi, type TestApi, type TestResult } from "../support/testApi";

const admin: Viewer = { subject: "admin-page-statements", role: "ADMIN" };

/**
 * statistics(subject) and quotes(speaker, about) check that the entities they name exist: the page's
 * own statement looks them up, so a page of a known entity costs one Cypher statement; only a name
 * the page did not find is looked up again, to build the same error as every other unknown id.
 */
describe("statistics and quotes of a named entity: one statement (real Neo4j)", () => {
  let api: TestApi;
  const fixture = fixtureDataset({
    entities: `
  - id: place:old-harbour-PLACEHOLDER
    kind: PLACE
    name: Old Harbour PLACEHOLDER
    citations:
      - quote: "Lakeside Harbour"
  - id: place:gone-town-PLACEHOLDER
    kind: PLACE
    name: Gone Town PLACEHOLDER
    citations:
      - quote: "Hill Province"
`,
  });
  const s = fixture.suffix;
  const yaml = fixture.yaml.replaceAll("PLACEHOLDER", s);
  const lakeside = `place:lakeside-${s}`;
  const ada = `person:ada-quill-${s}`;
  const merged = `place:old-harbour-${s}`;
  const retracted = `place:gone-town-${s}`;
  const nowhere = `place:nowhere-${s}`;
  const nobody = `person:nobody-${s}`;
  const statisticIds = [`statistic:lakeside-teu-${s}`];

  const STATISTICS = `query ($subject: ID) { statistics(subject: $subject, first: 50) {
    edges { node { id metric value unit period } } } }`;
  const STATISTICS_COUNT = `query ($subject: ID) { statistics(subject: $subject) { totalCount } }`;
  const QUOTES = `query ($speaker: ID, $about: ID) { quotes(speaker: $speaker, about: $about, first: 20) {
    edges { node { id text } } } }`;
  const QUOTES_COUNT = `query ($speaker: ID, $about: ID) { quotes(speaker: $speaker, about: $about) { totalCount } }`;

  beforeAll(async () => {
    api = await startTestApi();
    await writeDocument(api.graph.executor, validateDataset(yaml, fixture.loadText));
    const mutate = mutator(() => api, admin);
    const merge = await mutate<Payload>(
      "mergeEntities",
      { keepId: lakeside, mergeId: merged, reason: "the same place" },
      "entity { id }",
    );
    expect(merge.payload.userErrors).toEqual([]);
    for (const metric of ["Rainfall", "Ferry passengers"]) {
      const added = await mutate<Payload & { statistic: { id: string } | null }>(
        "addStatistic",
        {
          subject: lakeside,
          metric,
          value: 1,
          unit: "count",
          citations: [{ documentId: fixture.documentId, quote: "Lakeside lies in Hill Province" }],
        },
        "statistic { id }",
      );
      expect(added.payload.userErrors).toEqual([]);
      statisticIds.push(added.payload.statistic?.id ?? "");
    }
    const retract = await mutate<Payload>("retract", { id: retracted, reason: "test" }, "retractedId");
    expect(retract.payload.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await removeFixtures(api.graph.executor, { suffixes: [s] });
    await api.stop();
  });

  const errorsOf = (result: TestResult<unknown>): unknown =>
    result.errors?.map(({ message, extensions, path }) => ({ message, extensions, path }));

  it("a subject's statistics page is one statement", async () => {
    const out = await api.execute<{ statistics: { edges: Array<{ node: { id: string } }> } }>(STATISTICS, {
      subject: lakeside,
    });
    expect(out.errors).toBeUndefined();
    expect(out.data?.statistics.edges.map((e) => e.node.id)).toEqual([...statisticIds].sort());
    expect(out.queryCount).toBe(1);
  });

  it.each([
    ["speaker", { speaker: ada, about: null }],
    ["about", { speaker: null, about: lakeside }],
    ["speaker and about", { speaker: ada, about: lakeside }],
  ])("a quotes page by %s is one statement", async (_name, variables) => {
    const out = await api.execute<{ quotes: { edges: Array<{ node: { id: string } }> } }>(QUOTES, variables);
    expect(out.errors).toBeUndefined();
    expect(out.data?.quotes.edges.map((e) => e.node.id)).toEqual([`quote:ada-quill-heart-${s}`]);
    expect(out.queryCount).toBe(1);
  });

  it("a statistic's subject, asked for inside the page, comes from the page's statement", async () => {
    const NESTED = `query ($subject: ID) { statistics(subject: $subject, first: 50) {
      edges { node { id subject { id name } } } } }`;
    const out = await api.execute<{
      statistics: { edges: Array<{ node: { id: string; subject: { id: string; name: string } } }> };
    }>(NESTED, { subject: lakeside });
    expect(out.errors).toBeUndefined();
    const subjects = out.data?.statistics.edges.map((e) => e.node.subject) ?? [];
    expect(subjects).toHaveLength(statisticIds.length);
    expect(new Set(subjects.map((subject) => `${subject.id} ${subject.name}`))).toEqual(
      new Set([`${lakeside} Lakeside ${s}`]),
    );
    expect(out.queryCount).toBe(1);
  });

  it("a quote's speaker and about entities, asked for inside the page, come from the page's statement", async () => {
    const NESTED = `query ($speaker: ID, $about: ID) { quotes(speaker: $speaker, about: $about, first: 20) {
      edges { node { id speaker { id name } about { id name } } } } }`;
    const out = await api.execute<{
      quotes: { edges: Array<{ node: { speaker: { id: string }; about: Array<{ id: string }> } }> };
    }>(NESTED, { speaker: ada, about: lakeside });
    expect(out.errors).toBeUndefined();
    expect(out.data?.quotes.edges.map((e) => e.node.speaker.id)).toEqual([ada]);
    expect(out.data?.quotes.edges.map((e) => e.node.about.map((a) => a.id))).toEqual([[lakeside]]);
    expect(out.queryCount).toBe(1);
  });

  it("a speaker that is an entity but no person has no quotes, and is no error", async () => {
    const out = await api.execute<{ quotes: { edges: unknown[] } }>(QUOTES, { speaker: lakeside });
    expect(out.errors).toBeUndefined();
    expect(out.data?.quotes.edges).toEqual([]);
  });

  it.each([
    ["an unknown", nowhere],
    ["a retracted", retracted],
  ])(
    "%s subject is the same BAD_USER_INPUT with rows asked for as with totalCount alone",
    async (_name, id) => {
      const rows = await api.execute(STATISTICS, { subject: id });
      const count = await api.execute(STATISTICS_COUNT, { subject: id });
      expect(rows.data).toBeNull();
      expect(errorsOf(rows)).toEqual([
        {
          message: `no entity with id ${id}`,
          extensions: { code: "BAD_USER_INPUT", argument: "subject", unknownIds: [id], requestId: "test" },
          path: ["statistics"],
        },
      ]);
      expect(errorsOf(count)).toEqual(errorsOf(rows));
    },
  );

  it.each([
    ["an unknown speaker", { speaker: nobody, about: lakeside }, "speaker", [nobody]],
    ["an unknown about", { speaker: ada, about: nowhere }, "about", [nowhere]],
    ["both unknown", { speaker: nobody, about: nowhere }, "speaker, about", [nobody, nowhere]],
    ["a retracted about", { speaker: null, about: retracted }, "about", [retracted]],
  ])("quotes with %s: the same BAD_USER_INPUT as before", async (_name, variables, argument, ids) => {
    const rows = await api.execute(QUOTES, variables);
    const count = await api.execute(QUOTES_COUNT, variables);
    expect(rows.data).toBeNull();
    expect(errorsOf(rows)).toEqual([
      {
        message: `no entity with id ${ids.join(", ")}`,
        extensions: { code: "BAD_USER_INPUT", argument, unknownIds: ids, requestId: "test" },
        path: ["quotes"],
      },
    ]);
    expect(errorsOf(count)).toEqual(errorsOf(rows));
  });

  it("a merged id is no error (it names the entity it went into); its own page is empty, as before", async () => {
    const statistics = await api.execute<{ statistics: { edges: unknown[] } }>(STATISTICS, {
      subject: merged,
    });
    const quotes = await api.execute<{ quotes: { edges: unknown[] } }>(QUOTES, { about: merged });
    expect(statistics.errors).toBeUndefined();
    expect(statistics.data?.statistics.edges).toEqual([]);
    expect(quotes.errors).toBeUndefined();
    expect(quotes.data?.quotes.edges).toEqual([]);
  });

  it("a totalCount alone reads no rows: the id lookup and the count", async () => {
    const out = await api.execute<{ statistics: { totalCount: number } }>(STATISTICS_COUNT, {
      subject: lakeside,
    });
    expect(out.data?.statistics.totalCount).toBe(statisticIds.length);
    expect(out.queryCount).toBe(2);
  });

  it("pages a subject's statistics in id order, the cursor continuing where a page ended", async () => {
    const PAGE = `query ($subject: ID, $after: String) { statistics(subject: $subject, first: 2, after: $after) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage } } }`;
    interface Read {
      statistics: {
        edges: Array<{ cursor: string; node: { id: string } }>;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
      };
    }
    const first = await api.execute<Read>(PAGE, { subject: lakeside });
    const after = first.data?.statistics.edges.at(-1)?.cursor;
    const second = await api.execute<Read>(PAGE, { subject: lakeside, after });
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(first.data?.statistics.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    expect(second.data?.statistics.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const ids = [...(first.data?.statistics.edges ?? []), ...(second.data?.statistics.edges ?? [])].map(
      (e) => e.node.id,
    );
    expect(ids).toEqual([...statisticIds].sort());
    expect(second.queryCount).toBe(1);
  });
});
