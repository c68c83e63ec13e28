import { int, type CypherQuery } from "../../src/graph/executor";
import { BATCHED_TRANSACTIONS, TERMINATE_TRANSACTION } from "../../src/graph/batchWatchdog";
import { AWAIT_INDEXES } from "../../src/graph/migrations";
import { ENTITY_NAMES_PAGE, SET_SEARCH_KEYS } from "../../src/graph/migrationSteps";
import {
  COUNT_DOCUMENTS,
  COUNT_ENTITIES_OF_DOCUMENT,
  DOCUMENT_EXCERPTS,
  DOCUMENT_TEXTS,
  DOCUMENTS_BY_IDS,
  ENTITIES_OF_DOCUMENT,
  LIST_DOCUMENTS,
} from "../../src/graph/documentRepository";
import {
  CHANGE_ITEMS,
  CHANGES_AFTER,
  CHANGES_BY_SEQS,
  CHANGES_TOUCHING,
  CHANGE_ITEM_PAGES,
  COUNT_CHANGES_TOUCHING,
  COUNT_HISTORIES,
  HISTORIES,
  LAST_CHANGE,
} from "../../src/graph/changeRepository";
import { FEED_CHANGES_AFTER, FEED_CHANGES_TOUCHING } from "../../src/graph/feedRepository";
import { CREATE_DOCUMENT, DOCUMENT_BY_HASH_OR_ID } from "../../src/write/mutations/addDocument";
import {
  CREATE_MENTIONS,
  ENTITY_TARGET,
  EXISTING_ENTITIES,
  INGEST_DOCUMENT_LOOKUP,
  MENTION_STATE,
  UPDATE_MENTION,
} from "../../src/write/mentions";
import {
  COUNT_MENTIONS_OF_DOCUMENT,
  MENTIONS_BY_IDS,
  MENTIONS_OF_DOCUMENT,
} from "../../src/graph/mentionRepository";
import { MERGED_ID_TARGET } from "../../src/write/mutations/createEntity";
import { RECORD_MERGED_ID } from "../../src/write/mutations/mergeEntities";
import { ENTITY_DEPENDENTS } from "../../src/write/entityDependents";
import {
  DOCUMENT_STATE,
  MERGED_TARGETS,
  RETRACTED_IDS,
  UPSERT_DOCUMENT,
} from "../../src/write/importDocument";
import {
  APPEND_CHANGE,
  APPEND_ITEMS,
  CHANGE_BY_MUTATION_ID,
  LOCK_APPEND_CHECK,
  NEXT_SEQ,
} from "../../src/write/changeLog";
import {
  DELETE_ENTITIES,
  DELETE_OWNED,
  DELETE_RELATIONSHIPS,
  ENTITY_STATE,
  QUOTE_STATE,
  RELATIONSHIP_STATE,
  STATISTIC_STATE,
  WRITE_QUOTES,
  WRITE_STATISTICS,
  writeEntitiesQuery,
  writeRelationshipsQuery,
  createEntitiesQuery,
  createRelationshipsQuery,
} from "../../src/write/statements";
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
  listQuotesOfEntitiesQuery,
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
import { GRAPH_VERSION } from "../../src/graph/graphVersion";
import { SNAPSHOT_SEQ, snapshotPageQuery } from "../../src/graph/snapshotRepository";
import { metricCountsQuery } from "../../src/graph/metricCounts";
import { RELATIONSHIP_TYPES } from "../../src/graph/relationshipTypes";
import {
  DICTIONARY_CHANGED,
  DICTIONARY_NEUTRAL_TYPENAMES,
  LINK_DICTIONARY_PAGE,
} from "../../src/graph/linkDictionaryRepository";
import {
  COUNT_STATISTICS_OF_SUBJECTS,
  countStatisticsQuery,
  listStatisticsOfSubjectQuery,
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
      text: "chon",
      words: ["chon"],
      characters: false,
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
    listStatisticsOfSubjectQuery("place:chongqing", null, null, 51),
    listStatisticsOfSubjectQuery("place:chongqing", "GDP", "statistic:a", 51),
    countStatisticsQuery({ subject: "place:chongqing", metric: null }),
    countStatisticsQuery({ subject: null, metric: "GDP" }),
    q("statistics.byIds", STATISTICS_BY_IDS, { ids }),
    q("statistics.ofSubjects", STATISTICS_OF_SUBJECTS, { ids, after: "", limit: int(51) }),
    q("statistics.countOfSubjects", COUNT_STATISTICS_OF_SUBJECTS, { ids }),
    listQuotesQuery({ speaker: null, about: null }, null, 21),
    listQuotesQuery({ speaker: "person:hu-henghua", about: "place:chongqing" }, "quote:a", 21),
    listQuotesOfEntitiesQuery({ speaker: "person:hu-henghua", about: null }, null, 21),
    listQuotesOfEntitiesQuery({ speaker: null, about: "place:chongqing" }, null, 21),
    listQuotesOfEntitiesQuery({ speaker: "person:hu-henghua", about: "place:chongqing" }, "quote:a", 21),
    countQuotesQuery({ speaker: "person:hu-henghua", about: null }),
    q("quotes.byIds", QUOTES_BY_IDS, { ids }),
    q("quotes.ofSpeakers", QUOTES_OF_SPEAKERS, { ids, after: "", limit: int(21) }),
    q("quotes.countOfSpeakers", COUNT_QUOTES_OF_SPEAKERS, { ids }),
    q("documents.byIds", DOCUMENTS_BY_IDS, { ids: ["document:a"] }),
    q("documents.texts", DOCUMENT_TEXTS, { ids: ["document:a"] }),
    q("documents.excerpts", DOCUMENT_EXCERPTS, {
      items: [{ key: "0:10:document:a", documentId: "document:a", from: int(0), length: int(10) }],
    }),
    neighborhoodQuery("place:chongqing", 1, [type], 200),
    neighborhoodQuery("place:chongqing", 2, [type], 200),
    neighborhoodQuery("place:chongqing", 3, [type], 200),
    pathsQuery("person:hu-henghua", "place:chongqing", 4, 5),
    relationshipTypeCountsQuery(),
    connectionsQuery(ids, 4),
    GRAPH_VERSION,
    metricCountsQuery(100),
    q("import.documentState", DOCUMENT_STATE, { documentId: "document:a" }),
    q("import.mergedTargets", MERGED_TARGETS, { ids }),
    q("import.retractedIds", RETRACTED_IDS, { ids }),
    q("import.document", UPSERT_DOCUMENT, {
      document: { id: "document:a", title: "t", publisher: null, url: null, publishedAt: null, text: "x" },
      elementIds: [],
      contentHash: "h",
      datasetHash: "h",
      version: int(1),
    }),
    q("ingest.dictionaryPage", LINK_DICTIONARY_PAGE, { after: "", limit: int(5000), maxNeighbours: int(50) }),
    q("ingest.dictionaryChanged", DICTIONARY_CHANGED, {
      from: int(1),
      to: int(5),
      neutral: DICTIONARY_NEUTRAL_TYPENAMES,
    }),
    q("mentions.byIds", MENTIONS_BY_IDS, { ids: ["mention:a:0-9"] }),
    q("mentions.ofDocument", MENTIONS_OF_DOCUMENT, {
      documentId: "document:a",
      after: int(-1),
      status: null,
      limit: int(101),
    }),
    q("mentions.countOfDocument", COUNT_MENTIONS_OF_DOCUMENT, {
      documentId: "document:a",
      status: "PROPOSED",
    }),
    q("write.ingestLookup", INGEST_DOCUMENT_LOOKUP, {
      contentHash: "h",
      id: "document:a",
      altId: "document:a-1",
    }),
    q("write.existingEntities", EXISTING_ENTITIES, { ids }),
    q("write.createMentions", CREATE_MENTIONS, { mentions: [] }),
    q("write.mentionState", MENTION_STATE, { id: "mention:a:0-9" }),
    q("write.entityTarget", ENTITY_TARGET, { id: "place:chongqing" }),
    q("write.updateMention", UPDATE_MENTION, {
      id: "mention:a:0-9",
      state: { entityId: "place:chongqing", method: "CURATED", score: 1, status: "ACCEPTED" },
      version: int(2),
    }),
    q("change.nextSeq", NEXT_SEQ, {}),
    q("change.byMutationId", CHANGE_BY_MUTATION_ID, { actor: "alice", clientMutationId: "m1" }),
    q("change.append", APPEND_CHANGE, {
      seq: int(1),
      actor: "alice",
      operation: "createEntity",
      clientMutationId: null,
      reason: null,
      inputHash: "h",
      resultId: null,
      itemCount: int(0),
      items: [],
    }),
    q("change.lockAppendCheck", LOCK_APPEND_CHECK, {
      actor: "alice",
      operation: "createEntity",
      clientMutationId: null,
      reason: null,
      inputHash: "h",
      resultId: null,
      itemCount: int(0),
      items: [],
      entities: [{ id: "place:a", version: int(-2) }],
      relationships: [{ id: "relationship:a|T|b", from: "a", to: "b", version: int(1) }],
      statistics: [],
      quotes: [],
    }),
    q("change.appendItems", APPEND_ITEMS, { seq: int(1), items: [] }),
    q("write.entityState", ENTITY_STATE, { ids }),
    q("write.relationshipState", RELATIONSHIP_STATE, {
      refs: [{ id: "relationship:a|T|b", from: "a", to: "b" }],
    }),
    q("write.statisticState", STATISTIC_STATE, { ids }),
    q("write.quoteState", QUOTE_STATE, { ids }),
    writeEntitiesQuery("PERSON", []),
    writeRelationshipsQuery(type, []),
    createEntitiesQuery("PERSON", []),
    createRelationshipsQuery(type, []),
    q("write.statistics", WRITE_STATISTICS, { rows: [] }),
    q("write.quotes", WRITE_QUOTES, { rows: [] }),
    q("write.deleteOwned", DELETE_OWNED, { ids }),
    q("write.deleteRelationships", DELETE_RELATIONSHIPS, { refs: [] }),
    q("write.deleteEntities", DELETE_ENTITIES, { ids }),
    q("write.documentByHashOrId", DOCUMENT_BY_HASH_OR_ID, { contentHash: "h", id: "document:a" }),
    q("write.createDocument", CREATE_DOCUMENT, {
      document: { id: "document:a", title: "t", publisher: null, url: null, publishedAt: null, text: "x" },
      contentHash: "h",
      version: int(1),
    }),
    q("write.entityDependents", ENTITY_DEPENDENTS, { id: "place:chongqing" }),
    q("write.recordMergedId", RECORD_MERGED_ID, { keepId: "place:a", mergeId: "place:b" }),
    q("write.mergedIdTarget", MERGED_ID_TARGET, { id: "place:b" }),
    q("documents.list", LIST_DOCUMENTS, { after: "", limit: int(21) }),
    q("documents.count", COUNT_DOCUMENTS, {}),
    q("documents.entities", ENTITIES_OF_DOCUMENT, { id: "document:a", after: "", limit: int(51) }),
    q("documents.countEntities", COUNT_ENTITIES_OF_DOCUMENT, { id: "document:a" }),
    q("changes.last", LAST_CHANGE, {}),
    q("changes.bySeqs", CHANGES_BY_SEQS, { seqs: [int(1)] }),
    q("changes.after", CHANGES_AFTER, { after: int(0), limit: int(101) }),
    q("changes.touching", CHANGES_TOUCHING, { ids, after: int(0), limit: int(101) }),
    q("changes.countTouching", COUNT_CHANGES_TOUCHING, { ids, after: int(0) }),
    q("changes.histories", HISTORIES, { ids, before: int(100), limit: int(21) }),
    q("changes.countHistories", COUNT_HISTORIES, { ids }),
    q("changes.items", CHANGE_ITEMS, { seq: int(1), after: int(-1), limit: int(101) }),
    q("changes.itemPages", CHANGE_ITEM_PAGES, { seqs: [int(1), int(2)], after: int(-1), limit: int(101) }),
    SNAPSHOT_SEQ,
    snapshotPageQuery(42, "person:", "person;", 1000),
    q("feed.after", FEED_CHANGES_AFTER, { after: int(0), limit: int(100), inlineItems: int(200), ids: null }),
    q("feed.touching", FEED_CHANGES_TOUCHING, { after: int(0), limit: int(100), inlineItems: int(200), ids }),
    q("migrations.awaitIndexes", AWAIT_INDEXES, { seconds: int(3600) }),
    q("migrations.batchedTransactions", BATCHED_TRANSACTIONS, {
      tag: "00000000-0000-0000-0000-000000000000",
    }),
    q("migrations.terminateBatch", TERMINATE_TRANSACTION, { id: "neo4j-transaction-1" }),
    q("migration.searchKeys.page", ENTITY_NAMES_PAGE, { after: "", batch: int(5000) }),
    q("migration.searchKeys.set", SET_SEARCH_KEYS, {
      rows: [{ id: "place:a", nameKey: "a", aliasKeys: [] }],
    }),
  ];
}
