import type { CypherQuery } from "../graph/executor";
import type { RecordShape } from "neo4j-driver";
import {
  deriveEntity,
  differs,
  entityFromStored,
  publicState,
  quoteFromStored,
  relationshipFromStored,
  statisticFromStored,
  storedProps,
  typenameOf,
  type Element,
  type EntityElement,
  type QuoteElement,
  type RelationshipElement,
  type StatisticElement,
  type StoredRow,
} from "./elements";
import {
  chunks,
  createEntitiesQuery,
  createRelationshipsQuery,
  DELETE_ENTITIES,
  DELETE_OWNED,
  DELETE_RELATIONSHIPS,
  ENTITY_STATE,
  QUOTE_STATE,
  relationshipRefs,
  RELATIONSHIP_STATE,
  STATISTIC_STATE,
  WRITE_QUOTES,
  WRITE_STATISTICS,
  writeEntitiesQuery,
  writeRelationshipsQuery,
} from "./statements";
import { parseRelationshipId } from "../graph/relationshipId";
import type { ChangeItemDraft } from "./changeLog";

/** Runs one statement inside the write transaction. */
export type Run = <Row extends RecordShape>(query: CypherQuery) => Promise<Row[]>;

async function readRows(
  run: Run,
  name: string,
  cypher: string,
  key: "ids" | "refs",
  values: unknown[],
): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for (const batch of chunks(values))
    rows.push(...(await run<StoredRow & RecordShape>({ name, cypher, params: { [key]: batch } })));
  return rows;
}

/** The stored elements with these ids, by kind (missing ids are absent from the maps). */
export interface StoredElements {
  entities: Map<string, EntityElement>;
  relationships: Map<string, RelationshipElement>;
  statistics: Map<string, StatisticElement>;
  quotes: Map<string, QuoteElement>;
}

export async function readElements(
  run: Run,
  ids: { entities?: string[]; relationships?: string[]; statistics?: string[]; quotes?: string[] },
): Promise<StoredElements> {
  const byId = <E extends { id: string }>(list: E[]): Map<string, E> => new Map(list.map((e) => [e.id, e]));
  // Sent together: one round trip for all kinds (the driver pipelines a transaction's statements).
  const [entities, relationships, statistics, quotes] = await Promise.all([
    readRows(run, "write.entityState", ENTITY_STATE, "ids", ids.entities ?? []),
    readRows(
      run,
      "write.relationshipState",
      RELATIONSHIP_STATE,
      "refs",
      relationshipRefs(ids.relationships ?? []),
    ),
    readRows(run, "write.statisticState", STATISTIC_STATE, "ids", ids.statistics ?? []),
    readRows(run, "write.quoteState", QUOTE_STATE, "ids", ids.quotes ?? []),
  ]);
  return {
    entities: byId(entities.map(entityFromStored)),
    relationships: byId(relationships.map(relationshipFromStored)),
    statistics: byId(statistics.map(statisticFromStored)),
    quotes: byId(quotes.map(quoteFromStored)),
  };
}

/**
 * The stored versions a write read (readElements), so that the change-log lock can be taken at the
 * end (src/write/changeLog.ts): under the lock, the write checks that each is still what it read
 * (an absent element still absent) before anything is committed. Versions: {@link ABSENT} for an
 * element that did not exist, {@link UNVERSIONED} for one stored without a version.
 */
export interface ReadSet {
  entities: Map<string, number>;
  relationships: Map<string, { id: string; from: string; to: string; version: number }>;
  statistics: Map<string, number>;
  quotes: Map<string, number>;
}

export const ABSENT = -2;
export const UNVERSIONED = -1;

export function emptyReadSet(): ReadSet {
  return { entities: new Map(), relationships: new Map(), statistics: new Map(), quotes: new Map() };
}

/** Reads of things that never change once stored (document texts), or that the read set covers (see {@link trackReads}). */
const UNTRACKED_SAFE = new Set(["write.documentTexts", "write.mergedIdTarget"]);

/** A statement {@link trackReads} cannot vouch for: the write must take the lock first instead. */
export class UntrackedStatement extends Error {
  override name = "UntrackedStatement";
  constructor(readonly statement: string) {
    super(`${statement} is not a tracked read`);
  }
}

/**
 * `run` for the reads a write makes before it takes the lock: each element-state read is recorded in
 * `reads`; document texts pass (a document's text never changes, and documents are never removed);
 * a merged id's target passes (an id is merged only while its entity exists, and the read set holds
 * that entity's absence); any other statement throws {@link UntrackedStatement}.
 */
export function trackReads(run: Run, reads: ReadSet): Run {
  const versionOf = (row: StoredRow | undefined): number => {
    if (row === undefined) return ABSENT;
    const version = row.props.version;
    return typeof version === "number" ? version : UNVERSIONED;
  };
  return async <Row extends RecordShape>(query: CypherQuery): Promise<Row[]> => {
    const kind = TRACKED.get(query.name);
    if (kind === undefined) {
      if (UNTRACKED_SAFE.has(query.name)) return run<Row>(query);
      throw new UntrackedStatement(query.name);
    }
    const rows = await run<Row>(query);
    const byId = new Map((rows as unknown as StoredRow[]).map((r) => [r.id, r]));
    if (kind === "relationships") {
      for (const ref of query.params.refs as Array<{ id: string; from: string; to: string }>) {
        reads.relationships.set(ref.id, { ...ref, version: versionOf(byId.get(ref.id)) });
      }
    } else {
      for (const id of query.params.ids as string[]) reads[kind].set(id, versionOf(byId.get(id)));
    }
    return rows;
  };
}

const TRACKED = new Map<string, "entities" | "relationships" | "statistics" | "quotes">([
  ["write.entityState", "entities"],
  ["write.relationshipState", "relationships"],
  ["write.statisticState", "statistics"],
  ["write.quoteState", "quotes"],
]);

/** One element's planned change: null before (it is created) or null after (it goes). */
export interface Planned {
  before: Element | null;
  after: Element | null;
  /** With `after` null: the element went into this one (mergeEntities), recorded as MERGED. */
  mergedInto?: string;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** A plan turned into change items, and the writes that carry it out (run them under the lock). */
export interface PlannedChanges {
  items: ChangeItemDraft[];
  write: (run: Run) => Promise<void>;
}

/**
 * The change items of the planned elements whose stored state changes (with their new versions),
 * and the writes that store them. Order of the writes: entities, relationships, statistics, quotes
 * are written before anything is deleted (quotes, statistics, relationships, then entities).
 */
export function planChanges(plan: readonly Planned[]): PlannedChanges {
  const items: ChangeItemDraft[] = [];
  const writes: Element[] = [];
  const creates: Element[] = [];
  const deletes: Element[] = [];
  for (const { before, after, mergedInto } of plan) {
    if (after !== null) {
      if (before !== null && !differs(before, after)) continue;
      const written = { ...after, version: before === null ? 1 : before.version + 1 };
      (before === null ? creates : writes).push(written);
      items.push({
        id: written.id,
        typename: typenameOf(written),
        action: before === null ? "CREATED" : "UPDATED",
        version: written.version,
        before: before === null ? null : publicState(before),
        after: publicState(written),
        mergedInto: null,
      });
    } else if (before !== null) {
      deletes.push(before);
      items.push({
        id: before.id,
        typename: typenameOf(before),
        action: mergedInto === undefined ? "RETRACTED" : "MERGED",
        version: null,
        before: publicState(before),
        after: null,
        mergedInto: mergedInto ?? null,
      });
    }
  }
  return {
    items,
    write: async (run) => {
      await createElements(run, creates);
      await writeElements(run, writes);
      await deleteElements(run, deletes);
    },
  };
}

/** {@link planChanges}, written at once: returns the change items. */
export async function applyPlan(run: Run, plan: readonly Planned[]): Promise<ChangeItemDraft[]> {
  const { items, write } = planChanges(plan);
  await write(run);
  return items;
}

/**
 * Elements that were absent when read (under the lock, or checked under it): entities and
 * relationships are CREATEd; statistics and quotes take the same path as updates.
 */
async function createElements(run: Run, elements: Element[]): Promise<void> {
  const entities = elements.filter((e): e is EntityElement => e.kind === "entity");
  for (const [kind, group] of groupBy(entities, (e) => deriveEntity(e).kind)) {
    for (const rows of chunks(group.map((e) => ({ props: storedProps(e) })))) {
      await run(createEntitiesQuery(kind as EntityElement["sources"][number]["data"]["kind"], rows));
    }
  }
  const relationships = elements.filter((e): e is RelationshipElement => e.kind === "relationship");
  for (const [type, group] of groupBy(relationships, (e) => parseRelationshipId(e.id)?.type ?? "")) {
    const rows = group.map((e) => {
      const ends = parseRelationshipId(e.id);
      return { from: ends?.from, to: ends?.to, props: storedProps(e) };
    });
    for (const batch of chunks(rows)) await run(createRelationshipsQuery(type, batch));
  }
  await writeElements(
    run,
    elements.filter((e) => e.kind !== "entity" && e.kind !== "relationship"),
  );
}

async function writeElements(run: Run, elements: Element[]): Promise<void> {
  const of = <K extends Element["kind"]>(kind: K) =>
    elements.filter((e): e is Extract<Element, { kind: K }> => e.kind === kind);
  for (const [kind, group] of groupBy(of("entity"), (e) => deriveEntity(e).kind)) {
    for (const rows of chunks(group.map((e) => ({ id: e.id, props: storedProps(e) })))) {
      await run(writeEntitiesQuery(kind as EntityElement["sources"][number]["data"]["kind"], rows));
    }
  }
  for (const [type, group] of groupBy(of("relationship"), (e) => parseRelationshipId(e.id)?.type ?? "")) {
    const rows = group.map((e) => {
      const ends = parseRelationshipId(e.id);
      return { from: ends?.from, to: ends?.to, props: storedProps(e) };
    });
    for (const batch of chunks(rows)) await run(writeRelationshipsQuery(type, batch));
  }
  const statistics = of("statistic").map((e) => ({
    id: e.id,
    subject: e.sources.at(-1)?.data.subject,
    props: storedProps(e),
  }));
  for (const rows of chunks(statistics))
    await run({ name: "write.statistics", cypher: WRITE_STATISTICS, params: { rows } });
  const quotes = of("quote").map((e) => {
    const data = e.sources.at(-1)?.data;
    return { id: e.id, speaker: data?.speaker, about: data?.about ?? [], props: storedProps(e) };
  });
  for (const rows of chunks(quotes))
    await run({ name: "write.quotes", cypher: WRITE_QUOTES, params: { rows } });
}

async function deleteElements(run: Run, elements: Element[]): Promise<void> {
  const ids = (kind: Element["kind"]) => elements.filter((e) => e.kind === kind).map((e) => e.id);
  for (const batch of chunks([...ids("quote"), ...ids("statistic")])) {
    await run({ name: "write.deleteOwned", cypher: DELETE_OWNED, params: { ids: batch } });
  }
  for (const batch of chunks(relationshipRefs(ids("relationship")))) {
    await run({ name: "write.deleteRelationships", cypher: DELETE_RELATIONSHIPS, params: { refs: batch } });
  }
  for (const batch of chunks(ids("entity"))) {
    await run({ name: "write.deleteEntities", cypher: DELETE_ENTITIES, params: { ids: batch } });
  }
}
