import type { EntityKind } from "../src/graph/records";
import { relationshipId } from "../src/graph/relationshipId";
import type { Dataset, LocatedCitation } from "../src/graph/model";

/**
 * A deterministic synthetic knowledge graph in the shape of the real data, cut into documents the
 * real importer writes one at a time:
 * - entities of several kinds, linked by preferential attachment (each new entity links to
 *   {@link SyntheticGraphOptions.attachments} earlier ones, picked in proportion to their degree), so
 *   degrees follow a power law and the oldest entities are the best connected;
 * - one hub place that up to 100k entities are PART_OF;
 * - statistics on every third entity (five on every 21st);
 * - every fact cited by the exact words of its document, with offsets, as the importer stores them.
 *   An entity that a document mentions but another document introduced is cited again by the
 *   words that name it, as a real second article would.
 */
export interface SyntheticGraphOptions {
  entities: number;
  /** New entities per document (one import transaction each). */
  documentSize: number;
  /** Links from each new entity to earlier ones. */
  attachments: number;
  /** Entities linked to the hub (at most entities - 1). */
  hubNeighbours: number;
  seed: number;
}

export function syntheticGraphOptions(entities: number): SyntheticGraphOptions {
  return {
    entities,
    documentSize: 2_000,
    attachments: 3,
    hubNeighbours: Math.min(100_000, entities - 1),
    seed: 20261129,
  };
}

/** The kind of each entity by its index, in roughly the proportions of a business news corpus. */
const KIND_CYCLE: EntityKind[] = [
  "ORGANIZATION",
  "PERSON",
  "ORGANIZATION",
  "PLACE",
  "ORGANIZATION",
  "INITIATIVE",
  "PERSON",
  "ORGANIZATION",
  "EVENT",
  "SECTOR",
];

const KIND_NOUN: Record<EntityKind, string> = {
  PERSON: "",
  ORGANIZATION: "Group",
  PLACE: "District",
  INITIATIVE: "Programme",
  EVENT: "Forum",
  ROLE: "Office",
  SECTOR: "Industry",
};

/** Link types of the attachments, with their weights out of 10, and the words that state each. */
const LINK_TYPES: Array<{ type: string; weight: number; verb: string }> = [
  { type: "COOPERATES_WITH", weight: 7, verb: "cooperates with" },
  { type: "CONTRIBUTES_TO", weight: 1, verb: "contributes to" },
  { type: "SUPPLIES", weight: 1, verb: "supplies" },
  { type: "INVOLVES", weight: 1, verb: "involves" },
];
const HUB_LINK = { type: "PART_OF", verb: "is part of" };

const METRICS = [
  { metric: "Output value", unit: "CNY", scale: 1e9 },
  { metric: "Export volume", unit: "TEU", scale: 1e4 },
  { metric: "Employees", unit: "person", scale: 1e3 },
  { metric: "Growth rate", unit: "percent", scale: 10 },
  { metric: "Market share", unit: "share", scale: 0.1 },
];

/** The hub is entity 0, so that it exists before anything links to it. */
export const HUB_INDEX = 0;

const SYLLABLES =
  "ka lo vi re mu sa te no ba di fe go hu ji ki la me ni po qu ra si tu va we xi yo za be co da fi".split(
    " ",
  );

/** A pronounceable word unique to the index: its base-32 digits spelled as syllables. */
function wordOf(index: number): string {
  let word = "";
  let rest = index;
  do {
    word = (SYLLABLES[rest % 32] ?? "") + word;
    rest = Math.floor(rest / 32);
  } while (rest > 0);
  if (word.length < 4) word = `ze${word}`;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function kindOf(index: number): EntityKind {
  return index === HUB_INDEX ? "PLACE" : (KIND_CYCLE[index % KIND_CYCLE.length] ?? "ORGANIZATION");
}

export function entityId(index: number): string {
  const kind = kindOf(index);
  return `${kind.toLowerCase()}:${index === HUB_INDEX ? "hub" : `s${String(index).padStart(7, "0")}`}`;
}

export function nameOf(index: number): string {
  if (index === HUB_INDEX) return "Hub City";
  const noun = KIND_NOUN[kindOf(index)];
  return noun === "" ? `${wordOf(index)} ${wordOf(index * 7 + 3)}` : `${wordOf(index)} ${noun}`;
}

/**
 * What someone types into a search box on the way to the entity's name, keystroke `step` of eight:
 * its first 1, 2, 3 and 4 letters, the first word but its last letter, the first word, the first
 * word and two letters of the second, the whole name ("K", "Ka", "Kal", "Kalo", "Kalov",
 * "Kalovi", "Kalovi Gr", "Kalovi Group"). Short prefixes match many names (the page fills from
 * the name tiers); longer ones few, as typing narrows the search.
 */
export function typedTextOf(index: number, step: number): string {
  const name = nameOf(index);
  const space = name.indexOf(" ");
  const first = space < 0 ? name : name.slice(0, space);
  const cuts = [1, 2, 3, 4, first.length - 1, first.length, first.length + 3, name.length];
  const cut = cuts[((step % cuts.length) + cuts.length) % cuts.length] ?? name.length;
  return name.slice(0, Math.min(Math.max(cut, 1), name.length));
}

/** Statistic count of an entity: one on every third, five on every 21st. */
export function statisticCountOf(index: number): number {
  if (index % 21 === 0) return 5;
  return index % 3 === 0 ? 1 : 0;
}

/** mulberry32: a small seeded PRNG, so that every run generates the same graph. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A document text built line by line, handing out the offsets of the words facts cite. */
class TextBuilder {
  private readonly lines: string[] = [];
  private length = 0;

  /** Adds a line; returns where it starts. */
  add(line: string): number {
    const start = this.length;
    this.lines.push(line);
    this.length += line.length + 1;
    return start;
  }

  text(): string {
    return this.lines.join("\n");
  }
}

function cite(quote: string, start: number): LocatedCitation {
  return { quote, start, end: start + quote.length };
}

/**
 * The documents of the graph, generated one at a time (a 1M-entity graph never sits in memory as
 * one dataset). Document k introduces entities [k·size, (k+1)·size) and states their links.
 */
export function* syntheticDocuments(options: SyntheticGraphOptions): Generator<Dataset> {
  const next = random(options.seed);
  const m = options.attachments;
  // Every link adds both ends here, so a uniform pick from it is a pick in proportion to degree.
  const ends = new Int32Array(2 * m * options.entities);
  let endCount = 0;
  const hubStride = Math.max(1, Math.floor((options.entities - 1) / Math.max(1, options.hubNeighbours)));
  const documents = Math.ceil(options.entities / options.documentSize);

  for (let doc = 0; doc < documents; doc += 1) {
    const first = doc * options.documentSize;
    const last = Math.min(options.entities, first + options.documentSize);
    const documentId = `document:synthetic-${options.entities}-${doc}`;
    const text = new TextBuilder();
    const entities = new Map<number, Dataset["entities"][number]>();
    const relationships: Dataset["relationships"] = [];
    const statistics: Dataset["statistics"] = [];

    const mention = (index: number, citation: LocatedCitation): void => {
      const known = entities.get(index);
      if (known) return;
      entities.set(index, {
        id: entityId(index),
        kind: kindOf(index),
        name: nameOf(index),
        aliases: [],
        description: null,
        date: null,
        citations: [citation],
      });
    };
    const link = (from: number, to: number, type: string, verb: string): void => {
      const fromName = nameOf(from);
      const toName = nameOf(to);
      const line = `${fromName} ${verb} ${toName}.`;
      const start = text.add(line);
      mention(to, cite(toName, start + line.length - toName.length - 1));
      relationships.push({
        id: relationshipId(entityId(from), type, entityId(to)),
        from: entityId(from),
        type,
        to: entityId(to),
        properties: {},
        background: false,
        citations: [cite(line, start)],
      });
    };

    for (let i = first; i < last; i += 1) {
      const kind = kindOf(i);
      const intro = `${nameOf(i)} is a ${kind.toLowerCase()} of the synthetic corpus.`;
      const introStart = text.add(intro);
      entities.set(i, {
        id: entityId(i),
        kind,
        name: nameOf(i),
        aliases: [],
        description: i % 5 === 0 ? `A ${kind.toLowerCase()} numbered ${i}.` : null,
        date: kind === "EVENT" ? "2024" : null,
        citations: [cite(intro, introStart)],
      });

      if (i !== HUB_INDEX && (i - 1) % hubStride === 0 && (i - 1) / hubStride < options.hubNeighbours) {
        link(i, HUB_INDEX, HUB_LINK.type, HUB_LINK.verb);
      }

      // Attach to up to m distinct earlier entities (fewer while the graph is tiny).
      const targets = new Set<number>();
      for (let tries = 0; targets.size < Math.min(m, i - 1) && tries < 4 * m; tries += 1) {
        const target =
          endCount === 0 ? 1 + Math.floor(next() * (i - 1)) : (ends[Math.floor(next() * endCount)] ?? 1);
        if (target !== i && target !== HUB_INDEX) targets.add(target);
      }
      for (const target of targets) {
        let pick = next() * 10;
        const chosen = LINK_TYPES.find((t) => (pick -= t.weight) < 0) ?? LINK_TYPES[0];
        if (chosen) link(i, target, chosen.type, chosen.verb);
        ends[endCount++] = i;
        ends[endCount++] = target;
      }

      for (let s = 0; s < statisticCountOf(i); s += 1) {
        const metric = METRICS[(i + s) % METRICS.length] ?? METRICS[0];
        if (!metric) continue;
        const value = Math.round(next() * 1000) / 10;
        const year = 2020 + s;
        const line = `${nameOf(i)} reported ${metric.metric.toLowerCase()} of ${value} in ${year}.`;
        statistics.push({
          id: `statistic:s${String(i).padStart(7, "0")}-${s}`,
          subject: entityId(i),
          metric: metric.metric,
          value: value * metric.scale,
          unit: metric.unit,
          comparator: "EXACT",
          period: String(year),
          description: null,
          citations: [cite(line, text.add(line))],
        });
      }
    }

    yield {
      document: {
        id: documentId,
        title: `Synthetic corpus, ${options.entities} entities, part ${doc + 1} of ${documents}`,
        publisher: "kg-graphql bench",
        url: null,
        publishedAt: null,
        text: text.text(),
      },
      entities: [...entities.values()],
      relationships,
      statistics,
      quotes: [],
    };
  }
}
