import DataLoader from "dataloader";
import type { Direction } from "../generated/resolvers-types";
import { ChangeRepository } from "./changeRepository";
import { DocumentRepository, excerptKey, type ExcerptKey } from "./documentRepository";
import { EntityRepository } from "./entityRepository";
import type { CypherExecutor } from "./executor";
import { ExplorationRepository } from "./exploration";
import { MentionRepository } from "./mentionRepository";
import { MAX_PAGE_SIZE, toPage } from "./page";
import { QuoteRepository } from "./quoteRepository";
import type {
  ChangeItemPage,
  ChangePage,
  ChangeRecord,
  CitationRecord,
  DocumentRecord,
  EntityRecord,
  MentionRecord,
  QuotePage,
  QuoteRecord,
  RelationshipPage,
  RelationshipRecord,
  StatisticPage,
  StatisticRecord,
} from "./records";
import { RelationshipRepository, type RelationshipArgs } from "./relationshipRepository";
import { StatisticRepository } from "./statisticRepository";

/**
 * Everything a request reads the graph through: the repositories, and DataLoaders that batch the
 * lookups of one request into one query per kind of lookup (and per argument set, for nested
 * pages). Built per request: nothing is cached across requests.
 */
export interface GraphAccess {
  entities: EntityRepository;
  relationships: RelationshipRepository;
  statistics: StatisticRepository;
  quotes: QuoteRepository;
  exploration: ExplorationRepository;
  documents: DocumentRepository;
  changes: ChangeRepository;
  mentions: MentionRepository;
  /** Mentions by id (ingestDocument). */
  mention: DataLoader<string, MentionRecord | null>;
  /** Changes by seq. */
  change: DataLoader<number, ChangeRecord | null>;
  /** A page of each change's items, by seq (`after`: the position the page continues from, -1 from the start). */
  changeItemsOf(args: { first: number; after: number }): DataLoader<number, ChangeItemPage>;
  /** Each element's history, newest first (`before`: the seq the page starts below). */
  historyOf(args: { first: number; before: number | null }): DataLoader<string, ChangePage>;
  entity: DataLoader<string, EntityRecord | null>;
  /**
   * Entities this request has read so far, by id: a resolver that finds its entity here answers
   * at once, where a DataLoader promise per field costs a tick (thousands in a nested list).
   */
  known: Map<string, EntityRecord>;
  /** The place a place lies in (Place.partOf). */
  parentPlace: DataLoader<string, EntityRecord | null>;
  relationship: DataLoader<string, RelationshipRecord | null>;
  /** Citations are read only when asked for (see projections.ts). */
  entityCitations: DataLoader<string, CitationRecord[]>;
  relationshipCitations: DataLoader<string, CitationRecord[]>;
  statistic: DataLoader<string, StatisticRecord | null>;
  quote: DataLoader<string, QuoteRecord | null>;
  document: DataLoader<string, DocumentRecord | null>;
  /** A document's whole text (Document.text alone reads it). */
  documentText: DataLoader<string, string | null>;
  /** Pieces of a document's text (Citation.context), without reading the whole text. */
  documentExcerpt: DataLoader<ExcerptKey, string | null, string>;
  relationshipsOf(args: RelationshipArgs): DataLoader<string, RelationshipPage>;
  /**
   * The page of relationships `args` of entity `id`, when a list read it ahead
   * (primeRelationshipPages): returned as it is, where a DataLoader would answer with a promise.
   */
  readAhead(args: RelationshipArgs, id: string): RelationshipPage | undefined;
  /**
   * Relationship pages read ahead (rows fetched with LIMIT first + 1, by entity id), so that the
   * `relationships` fields with these arguments find them without a query.
   */
  primeRelationshipPages(
    args: RelationshipArgs,
    rows: ReadonlyMap<string, RelationshipRecord[]>,
    ends: Iterable<EntityRecord>,
  ): void;
  statisticsOf(args: PageArgs): DataLoader<string, StatisticPage>;
  quotesOf(args: PageArgs): DataLoader<string, QuotePage>;
}

export interface PageArgs {
  first: number;
  /** The decoded sort key of `after`. */
  after: string | null;
}

/** One loader per distinct argument set, created on first use. */
function keyedLoaders<Args, V, K = string>(
  create: (args: Args) => DataLoader<K, V>,
): (args: Args) => DataLoader<K, V> {
  const loaders = new Map<string, DataLoader<K, V>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (loader === undefined) {
      loader = create(args);
      loaders.set(key, loader);
    }
    return loader;
  };
}

export function createGraphAccess(executor: CypherExecutor): GraphAccess {
  const entities = new EntityRepository(executor);
  const relationships = new RelationshipRepository(executor);
  const statistics = new StatisticRepository(executor);
  const quotes = new QuoteRepository(executor);
  const documents = new DocumentRepository(executor);
  const changes = new ChangeRepository(executor);
  const mentions = new MentionRepository(executor);
  const historyCounts = new DataLoader<string, number>((ids) => changes.historyCounts(ids));

  const relationshipCounts = keyedLoaders(
    ({ types, direction }: { types: string[] | null; direction: Direction }) =>
      new DataLoader<string, number>((ids) => relationships.countsOf(ids, types, direction)),
  );
  const statisticCounts = new DataLoader<string, number>((ids) => statistics.countsOf(ids));
  const quoteCounts = new DataLoader<string, number>((ids) => quotes.countsOf(ids));
  const known = new Map<string, EntityRecord>();
  const readAhead = new Map<string, Map<string, RelationshipPage>>();
  const remember = (rows: Array<EntityRecord | null>): Array<EntityRecord | null> => {
    for (const row of rows) if (row) known.set(row.id, row);
    return rows;
  };

  const access: GraphAccess = {
    entities,
    relationships,
    statistics,
    quotes,
    exploration: new ExplorationRepository(executor),
    documents,
    changes,
    mentions,
    mention: new DataLoader((ids) => mentions.byIds(ids)),
    change: new DataLoader((seqs) => changes.bySeqs(seqs)),
    // One statement for the items of a whole page of changes (at most MAX_PAGE_SIZE a batch).
    changeItemsOf: keyedLoaders(
      (args: { first: number; after: number }) =>
        new DataLoader<number, ChangeItemPage>((seqs) => changes.itemPagesOf(seqs, args.first, args.after), {
          maxBatchSize: MAX_PAGE_SIZE,
        }),
    ),
    historyOf: keyedLoaders(
      (args: { first: number; before: number | null }) =>
        new DataLoader((ids) => changes.historiesOf(ids, args, (id) => historyCounts.load(id))),
    ),
    entity: new DataLoader((ids) => entities.byIds(ids).then(remember)),
    known,
    parentPlace: new DataLoader((ids) => entities.parentPlaces(ids)),
    relationship: new DataLoader((ids) => relationships.byIds(ids)),
    entityCitations: new DataLoader((ids) => entities.citationsOf(ids)),
    relationshipCitations: new DataLoader((ids) => relationships.citationsOf(ids)),
    statistic: new DataLoader((ids) => statistics.byIds(ids)),
    quote: new DataLoader((ids) => quotes.byIds(ids)),
    document: new DataLoader((ids) => documents.byIds(ids)),
    documentText: new DataLoader((ids) => documents.textsOf(ids)),
    documentExcerpt: new DataLoader((keys) => documents.excerpts(keys), { cacheKeyFn: excerptKey }),
    relationshipsOf: keyedLoaders(
      (args: RelationshipArgs) =>
        new DataLoader((ids) =>
          relationships.pagesOf(
            ids,
            args,
            (id) => relationshipCounts({ types: args.types, direction: args.direction }).load(id),
            (ends) => primeEntities(access, ends),
          ),
        ),
    ),
    readAhead: (args, id) => readAhead.get(JSON.stringify(args))?.get(id),
    primeRelationshipPages(args, rows, ends) {
      primeEntities(access, ends);
      const key = JSON.stringify(args);
      const pages = readAhead.get(key) ?? new Map<string, RelationshipPage>();
      readAhead.set(key, pages);
      const count = relationshipCounts({ types: args.types, direction: args.direction });
      for (const [id, records] of rows) {
        pages.set(
          id,
          toPage(records, args.first, args.after !== null, () => count.load(id)),
        );
      }
    },
    statisticsOf: keyedLoaders(
      ({ first, after }: PageArgs) =>
        new DataLoader((ids) => statistics.pagesOf(ids, { first, after }, (id) => statisticCounts.load(id))),
    ),
    quotesOf: keyedLoaders(
      ({ first, after }: PageArgs) =>
        new DataLoader((ids) => quotes.pagesOf(ids, { first, after }, (id) => quoteCounts.load(id))),
    ),
  };
  return access;
}

/** Entities a list query already returned need no second trip when a nested field asks for them. */
export function primeEntities(graph: GraphAccess, entities: Iterable<EntityRecord>): void {
  for (const entity of entities) {
    graph.known.set(entity.id, entity);
    graph.entity.prime(entity.id, entity);
  }
}
