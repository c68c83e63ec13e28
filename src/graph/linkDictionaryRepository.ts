import type { DictionaryEntity } from "../ingest/linkDictionary";
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

  /** Every entity, page by page (one short read each, so no transaction holds the whole graph). */
  async readAll(): Promise<DictionaryEntity[]> {
    const entities: DictionaryEntity[] = [];
    let after = "";
    for (;;) {
      const rows = await this.executor.read<Row>({
        name: "ingest.dictionaryPage",
        cypher: LINK_DICTIONARY_PAGE,
        params: { after, limit: int(this.limits.pageSize), maxNeighbours: int(this.limits.maxNeighbours) },
      });
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
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < this.limits.pageSize) return entities;
      after = last.id;
    }
  }
}
