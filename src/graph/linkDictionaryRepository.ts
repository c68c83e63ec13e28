import type { DictionaryEntity } from "../ingest/linkDictionary";
import { pagesById } from "./batchReads";
import { int, type CypherExecutor } from "./executor";
import { readGraphVersion } from "./graphVersion";
import type { EntityKind } from "./records";

/**
 * One page of what the alias automaton needs: entities in id order (index-ordered, from `after`),
 * each with its name, aliases and at most `maxNeighbours` ids of related entities.
 */
export const LINK_DICTIONARY_PAGE = `
MATCH (n:Entity)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n.kind AS kind, n.name AS name, coalesce(n.aliases, []) AS aliases,
       [(n)--(m:Entity) | m.id][..$maxNeighbours] AS neighbours`;

/** Change items of these types leave the dictionary as it is (entities and relationships change it). */
export const DICTIONARY_NEUTRAL_TYPENAMES = ["Document", "Mention", "Statistic", "Quote"];

/**
 * Whether the changes after `from` up to `to` may have changed the dictionary: a seq without its
 * Change (a write outside the write layer) counts as a change, so does any item of an entity or a
 * relationship. Reads only the changes in the range (the change_seq index).
 */
export const DICTIONARY_CHANGED = `
OPTIONAL MATCH (c:Change) WHERE c.seq > $from AND c.seq <= $to
WITH count(c) AS changes
RETURN changes < $to - $from OR EXISTS {
  MATCH (c:Change)-[:HAS_ITEM]->(i:ChangeItem)
  WHERE c.seq > $from AND c.seq <= $to AND NOT i.typename IN $neutral
} AS changed`;

/** Bounds of a dictionary read; see docs/ingest.md. */
export interface LinkDictionaryLimits {
  /** Entities per query (default 5000). */
  pageSize: number;
  /** Neighbour ids kept per entity, for context (default 50). */
  maxNeighbours: number;
  /** Entities read at most; more is an error rather than a silently partial dictionary (default 2,000,000). */
  maxEntities: number;
}

export const DEFAULT_LINK_DICTIONARY_LIMITS: LinkDictionaryLimits = {
  pageSize: 5000,
  maxNeighbours: 50,
  maxEntities: 2_000_000,
};

interface Row {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  neighbours: string[];
}

export class LinkDictionaryRepository {
  constructor(
    private readonly executor: CypherExecutor,
    private readonly limits: LinkDictionaryLimits = DEFAULT_LINK_DICTIONARY_LIMITS,
  ) {}

  /** The graph's position in the change log: caches built from the graph key on it. */
  graphVersion(): Promise<number> {
    return readGraphVersion(this.executor);
  }

  async dictionaryChanged(from: number, to: number): Promise<boolean> {
    const [row] = await this.executor.read<{ changed: boolean }>({
      name: "ingest.dictionaryChanged",
      cypher: DICTIONARY_CHANGED,
      params: { from: int(from), to: int(to), neutral: DICTIONARY_NEUTRAL_TYPENAMES },
    });
    return row?.changed ?? true;
  }

  /** Every entity, page by page (one short read each, so no transaction holds the whole graph). */
  async readAll(): Promise<DictionaryEntity[]> {
    const entities: DictionaryEntity[] = [];
    const pages = pagesById(this.limits.pageSize, (after) =>
      this.executor.read<Row>({
        name: "ingest.dictionaryPage",
        cypher: LINK_DICTIONARY_PAGE,
        params: { after, limit: int(this.limits.pageSize), maxNeighbours: int(this.limits.maxNeighbours) },
      }),
    );
    for await (const rows of pages) {
      for (const row of rows) {
        entities.push({
          id: row.id,
          kind: row.kind,
          name: row.name,
          aliases: row.aliases,
          neighbours: [...new Set(row.neighbours)],
        });
      }
      if (entities.length > this.limits.maxEntities) {
        throw new Error(
          `The graph holds more than ${this.limits.maxEntities} entities: the linking dictionary's limit`,
        );
      }
    }
    return entities;
  }
}
