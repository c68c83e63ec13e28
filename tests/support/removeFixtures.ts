import type { CypherExecutor } from "../../src/graph/executor";
import { recordedWrite, type ChangeItemDraft } from "../../src/write/changeLog";
import { relationshipRefs } from "../../src/write/statements";
import type { Run } from "../../src/write/elementStore";

/**
 * Taking a suite's fixtures out of the shared test database without leaving the graph and the
 * change log disagreeing (README "Tests"). Int suites share one Neo4j, one at a time, in an order
 * that differs between runs; the export, the mirror and the feed read the change log, so a fixture
 * deleted behind the log's back would still be exported, and a later suite comparing the graph
 * with the log would fail. The removal is therefore one recorded write (`recordedWrite`, lock
 * first): it deletes what the selector names (with what hangs on it) and appends one Change
 * (operation {@link REMOVE_FIXTURES}) with a RETRACTED item for every removed element the log holds
 * as live. The seq moves on like any other write's, so the feed's gap-free order and every
 * follower's position stay valid (wiping the log instead would reuse seqs a tailer has passed).
 * A removal of nothing the log knows (nodes a suite created by hand) records no Change.
 */

/** Change.operation (and actor) of a fixture removal. */
export const REMOVE_FIXTURES = "test.removeFixtures";

export interface Fixtures {
  /** Elements by id: documents, entities, relationships, statistics, quotes, mentions. */
  ids?: readonly string[];
  /**
   * Every node whose id ends with one of these (documents, entities, statistics, quotes, mentions,
   * merged ids, and what a suite created by hand), but never the log's own nodes or a migration.
   */
  suffixes?: readonly string[];
}

/**
 * The nodes named (not the log's own), and what hangs on them: an entity's statistics, the quotes it said and its
 * relationships (either way); a document's mentions, and the statistics and quotes citing it.
 */
const FIXTURE_GRAPH = `
MATCH (n)
WHERE (n.id IN $ids OR any(suffix IN $suffixes WHERE n.id ENDS WITH suffix))
  AND NOT (n:Change OR n:ChangeLog OR n:Migration)
WITH collect(n) AS picked
WITH picked, [n IN picked WHERE n:Document | n.id] AS documents
CALL (picked) {
  UNWIND picked AS n
  MATCH (n:Entity)<-[:STATISTIC_OF|SAID_BY]-(owned)
  RETURN collect(owned) AS owned
}
CALL (documents) {
  UNWIND documents AS document
  MATCH (m:Mention {documentId: document})
  RETURN collect(m) AS mentions
}
CALL (documents) {
  MATCH (cited)
  WHERE size(documents) > 0 AND (cited:Statistic OR cited:Quote) AND any(d IN cited.citeDoc WHERE d IN documents)
  RETURN collect(cited) AS cited
}
UNWIND picked + owned + mentions + cited AS n
WITH DISTINCT n
WITH collect(n) AS nodes
CALL (nodes) {
  UNWIND nodes AS n
  MATCH (n:Entity)-[r]-(:Entity)
  RETURN collect(DISTINCT r) AS relationships
}
RETURN [n IN nodes | {element: elementId(n), id: n.id}] AS nodes,
       [r IN relationships | {element: elementId(r), id: r.id}] AS relationships`;

/** Relationships named by id (between entities that stay). */
const NAMED_RELATIONSHIPS = `
UNWIND $refs AS ref
MATCH (:Entity {id: ref.from})-[r]->(:Entity {id: ref.to})
WHERE r.id = ref.id
RETURN elementId(r) AS element, r.id AS id`;

/** Each id's last item in the log, when it leaves the element in the graph (after not null). */
const LIVE_IN_LOG = `
UNWIND $ids AS id
CALL (id) {
  MATCH (c:Change)-[:HAS_ITEM]->(item:ChangeItem {elementId: id})
  WITH item
  ORDER BY c.seq DESC, item.position DESC
  LIMIT 1
  RETURN item
}
WITH id, item
WHERE item.after IS NOT NULL
RETURN id, item.typename AS typename, item.after AS after`;

const DELETE_RELATIONSHIPS = `
UNWIND $elements AS element
MATCH ()-[r]->()
WHERE elementId(r) = element
DELETE r`;

const DELETE_NODES = `
UNWIND $elements AS element
MATCH (n)
WHERE elementId(n) = element
DETACH DELETE n`;

interface Found {
  element: string;
  id: string;
}

/** Deletes the fixtures; returns a RETRACTED item for each one the log holds as live. */
async function removeAndDescribe(run: Run, fixtures: Fixtures): Promise<ChangeItemDraft[]> {
  const ids = [...(fixtures.ids ?? [])];
  const [graph] = await run<{ nodes: Found[]; relationships: Found[] }>({
    name: "test.fixtureGraph",
    cypher: FIXTURE_GRAPH,
    params: { ids, suffixes: [...(fixtures.suffixes ?? [])] },
  });
  const named = await run<{ element: string; id: string }>({
    name: "test.namedRelationships",
    cypher: NAMED_RELATIONSHIPS,
    params: { refs: relationshipRefs(ids.filter((id) => id.startsWith("relationship:"))) },
  });
  const nodes = graph?.nodes ?? [];
  const relationships = new Map([...(graph?.relationships ?? []), ...named].map((r) => [r.element, r.id]));
  const removedIds = [...new Set([...nodes.map((n) => n.id), ...relationships.values()])];
  const live = await run<{ id: string; typename: string; after: string }>({
    name: "test.liveInLog",
    cypher: LIVE_IN_LOG,
    params: { ids: removedIds },
  });
  await run({
    name: "test.deleteRelationships",
    cypher: DELETE_RELATIONSHIPS,
    params: { elements: [...relationships.keys()] },
  });
  await run({
    name: "test.deleteNodes",
    cypher: DELETE_NODES,
    params: { elements: nodes.map((n) => n.element) },
  });
  return live.map(({ id, typename, after }) => ({
    id,
    typename,
    action: "RETRACTED",
    version: null,
    before: JSON.parse(after) as Record<string, unknown>,
    after: null,
    mergedInto: null,
  }));
}

/**
 * Removes a suite's fixtures (see the top of this file): everything `fixtures` names, recorded in
 * the change log as one Change when the log knows any of it. Returns that Change's seq, or null
 * when nothing the log holds was removed.
 */
export async function removeFixtures(executor: CypherExecutor, fixtures: Fixtures): Promise<number | null> {
  const outcome = await recordedWrite(
    executor,
    {
      actor: REMOVE_FIXTURES,
      operation: REMOVE_FIXTURES,
      clientMutationId: null,
      reason: null,
      input: fixtures,
    },
    async (run) => {
      const items = await removeAndDescribe(run, fixtures);
      return items.length === 0
        ? { kind: "nothing", result: null }
        : { kind: "write", items, result: null, resultId: null };
    },
  );
  if (outcome.kind === "written") return outcome.change.seq;
  if (outcome.kind !== "nothing") throw new Error(`removing fixtures: ${JSON.stringify(outcome)}`);
  // Nothing the log knows: the graph-only deletion (rolled back with the empty change) stands alone.
  await executor.transaction(REMOVE_FIXTURES, async (run) => {
    await removeAndDescribe(run, fixtures);
  });
  return null;
}
