import { int, type CypherQuery } from "../../src/graph/executor";
import { DOCUMENTS_BY_IDS } from "../../src/graph/documentRepository";
import {
  DOCUMENT_STATE,
  IDS_OWNED_ELSEWHERE,
  REMOVE_STALE,
  UPSERT_DOCUMENT,
  UPSERT_QUOTES,
  UPSERT_STATISTICS,
  upsertEntitiesQuery,
  upsertRelationshipsQuery,
} from "../../src/graph/documentWriter";
import {
  countEntitiesQuery,
  ENTITIES_BY_IDS,
  ENTITY_CITATIONS_BY_IDS,
  listEntitiesQuery,
  listEntitiesWithRelationshipsQuery,
  PARENT_PLACES,
  SEARCH_ENTITIES,
} from "../../src/graph/entityRepository";
import {
  connectionsQuery,
  neighborhoodQuery,
  pathsQuery,
  relationshipTypeCountsQuery,
} from "../../src/graph/exploration";
import {
  COUNT_QUOTES_OF_SPEAKERS,
  countQuotesQuery,
  listQuotesQuery,
  QUOTES_BY_IDS,
  QUOTES_OF_SPEAKERS,
} from "../../src/graph/quoteRepository";
import {
  countRelationshipsOfEntitiesQuery,
  RELATIONSHIP_CITATIONS_BY_IDS,
  RELATIONSHIPS_BY_IDS,
  relationshipsOfEntitiesQuery,
} from "../../src/graph/relationshipRepository";
import { RELATIONSHIP_TYPES } from "../../src/graph/relationshipTypes";
import {
  COUNT_STATISTICS_OF_SUBJECTS,
  countStatisticsQuery,
  listStatisticsQuery,
  STATISTICS_BY_IDS,
  STATISTICS_OF_SUBJECTS,
} from "../../src/graph/statisticRepository";

const ids = ["place:chongqing", "person:hu-henghua"];
const type = Object.keys(RELATIONSHIP_TYPES)[0] ?? "";
const q = (name: string, cypher: string, params: Record<string, unknown>): CypherQuery => ({
  name,
  cypher,
  params,
});

/**
 * Every query the data layer can produce, in each of its shapes, with representative parameters:
 * pinned by snapshots (tests/unit/cypher.test.ts) and planned by the real Neo4j (tests/int/explain.test.ts).
 */
export function queryCatalogue(): CypherQuery[] {
  return [
    q("entities.byIds", ENTITIES_BY_IDS, { ids }),
    q("entities.citations", ENTITY_CITATIONS_BY_IDS, { ids }),
    listEntitiesQuery(null, null, 21),
    listEntitiesQuery("PLACE", "place:a", 21),
    countEntitiesQuery(null),
    countEntitiesQuery("PERSON"),
    q("entities.search", SEARCH_ENTITIES, {
      names: "+(name:(+chon*)^2 aliases:(+chon*)) name:(chon)^4",
      fuzzy: "+(name:(+(chon* chon~1))^2 aliases:(+(chon* chon~1)))",
      described: "+description:(+chon*)",
      first: int(10),
      candidates: int(100),
    }),
    q("entities.parentPlaces", PARENT_PLACES, { ids }),
    q("relationships.byIds", RELATIONSHIPS_BY_IDS, {
      refs: [{ id: "relationship:a|T|b", from: "a", to: "b" }],
    }),
    q("relationships.citations", RELATIONSHIP_CITATIONS_BY_IDS, {
      refs: [{ id: "relationship:a|T|b", from: "a", to: "b" }],
    }),
    relationshipsOfEntitiesQuery(ids, null, "BOTH", null, 51),
    listEntitiesWithRelationshipsQuery("ORGANIZATION", null, 51, {
      types: [type],
      direction: "BOTH",
      first: 20,
      after: null,
      withEnds: true,
    }),
    listEntitiesWithRelationshipsQuery(null, "person:a", 11, {
      types: null,
      direction: "OUT",
      first: 5,
      after: "relationship:a",
      withEnds: false,
    }),
    relationshipsOfEntitiesQuery(ids, null, "BOTH", null, 51, true),
    relationshipsOfEntitiesQuery(ids, [type], "OUT", "relationship:a", 51),
    relationshipsOfEntitiesQuery(ids, [type], "IN", null, 51),
    countRelationshipsOfEntitiesQuery(ids, null, "BOTH"),
    countRelationshipsOfEntitiesQuery(ids, [type], "OUT"),
    listStatisticsQuery({ subject: null, metric: null }, null, 51),
    listStatisticsQuery({ subject: "place:chongqing", metric: "GDP" }, "statistic:a", 51),
    countStatisticsQuery({ subject: "place:chongqing", metric: null }),
    countStatisticsQuery({ subject: null, metric: "GDP" }),
    q("statistics.byIds", STATISTICS_BY_IDS, { ids }),
    q("statistics.ofSubjects", STATISTICS_OF_SUBJECTS, { ids, after: "", limit: int(51) }),
    q("statistics.countOfSubjects", COUNT_STATISTICS_OF_SUBJECTS, { ids }),
    listQuotesQuery({ speaker: null, about: null }, null, 21),
    listQuotesQuery({ speaker: "person:hu-henghua", about: "place:chongqing" }, "quote:a", 21),
    countQuotesQuery({ speaker: "person:hu-henghua", about: null }),
    q("quotes.byIds", QUOTES_BY_IDS, { ids }),
    q("quotes.ofSpeakers", QUOTES_OF_SPEAKERS, { ids, after: "", limit: int(21) }),
    q("quotes.countOfSpeakers", COUNT_QUOTES_OF_SPEAKERS, { ids }),
    q("documents.byIds", DOCUMENTS_BY_IDS, { ids: ["document:a"] }),
    neighborhoodQuery("place:chongqing", 1, [type], 200),
    neighborhoodQuery("place:chongqing", 2, [type], 200),
    neighborhoodQuery("place:chongqing", 3, [type], 200),
    pathsQuery("person:hu-henghua", "place:chongqing", 4, 5),
    relationshipTypeCountsQuery(),
    connectionsQuery(ids, 4),
    q("import.documentState", DOCUMENT_STATE, { documentId: "document:a" }),
    q("import.idsOwnedElsewhere", IDS_OWNED_ELSEWHERE, { ids: ["statistic:a"], documentId: "document:a" }),
    q("import.document", UPSERT_DOCUMENT, {
      document: { id: "document:a", title: "t", publisher: null, url: null, publishedAt: null, text: "x" },
      elementIds: [],
      contentHash: "h",
    }),
    upsertEntitiesQuery("PERSON", [], "document:a"),
    upsertRelationshipsQuery(type, [], "document:a"),
    q("import.statistics", UPSERT_STATISTICS, { rows: [], documentId: "document:a" }),
    q("import.quotes", UPSERT_QUOTES, { rows: [], documentId: "document:a" }),
    q("import.removeStale", REMOVE_STALE, {
      stale: { relationships: [], owned: [], entities: [] },
      documentId: "document:a",
    }),
  ];
}
