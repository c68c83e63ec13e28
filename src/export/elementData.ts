import type { SnapshotElement } from "../graph/snapshotRepository";

/**
 * The fields of an exported element's `data` (ChangeItem.after, written by src/write/elements.ts
 * publicState and importDocument's document fields), read defensively: the graph formats map them
 * to their own vocabularies.
 */
/** In the write layer's key order (CitationRecord), so that its JSON text is the log's. */
export interface CitationData {
  documentId: string;
  quote: string;
  start: number;
  end: number;
}

export type ElementData =
  | {
      kind: "document";
      title: string | null;
      publisher: string | null;
      url: string | null;
      publishedAt: string | null;
      contentHash: string | null;
    }
  | {
      kind: "entity";
      entityKind: string;
      name: string;
      aliases: string[];
      description: string | null;
      date: string | null;
      citations: CitationData[];
    }
  | {
      kind: "relationship";
      type: string;
      from: string;
      to: string;
      properties: Record<string, string | number | boolean>;
      background: boolean;
      citations: CitationData[];
    }
  | {
      kind: "statistic";
      subject: string;
      metric: string;
      value: number;
      unit: string;
      comparator: string;
      period: string | null;
      description: string | null;
      citations: CitationData[];
    }
  | { kind: "quote"; speaker: string; text: string; about: string[]; citations: CitationData[] };

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

function citation(v: unknown): CitationData | null {
  if (typeof v !== "object" || v === null) return null;
  const c = v as Json;
  return {
    documentId: str(c.documentId) ?? "",
    quote: str(c.quote) ?? "",
    start: typeof c.start === "number" ? c.start : 0,
    end: typeof c.end === "number" ? c.end : 0,
  };
}

const citations = (v: unknown): CitationData[] =>
  Array.isArray(v) ? v.map(citation).filter((c): c is CitationData => c !== null) : [];

function primitives(v: unknown): Record<string, string | number | boolean> {
  if (typeof v !== "object" || v === null) return {};
  return Object.fromEntries(
    Object.entries(v as Json).filter(
      (entry): entry is [string, string | number | boolean] =>
        typeof entry[1] === "string" || typeof entry[1] === "number" || typeof entry[1] === "boolean",
    ),
  );
}

export function elementData(element: SnapshotElement): ElementData {
  const d = JSON.parse(element.data) as Json;
  switch (element.kind) {
    case "document":
      return {
        kind: "document",
        title: str(d.title),
        publisher: str(d.publisher),
        url: str(d.url),
        publishedAt: str(d.publishedAt),
        contentHash: str(d.contentHash),
      };
    case "entity":
      return {
        kind: "entity",
        entityKind: str(d.kind) ?? "",
        name: str(d.name) ?? "",
        aliases: strings(d.aliases),
        description: str(d.description),
        date: str(d.date),
        citations: citations(d.citations),
      };
    case "relationship":
      return {
        kind: "relationship",
        type: str(d.type) ?? "",
        from: str(d.from) ?? "",
        to: str(d.to) ?? "",
        properties: primitives(d.properties),
        background: d.background === true,
        citations: citations(d.citations),
      };
    case "statistic":
      return {
        kind: "statistic",
        subject: str(d.subject) ?? "",
        metric: str(d.metric) ?? "",
        value: typeof d.value === "number" ? d.value : Number(d.value),
        unit: str(d.unit) ?? "",
        comparator: str(d.comparator) ?? "EXACT",
        period: str(d.period),
        description: str(d.description),
        citations: citations(d.citations),
      };
    case "quote": {
      const c = citation(d.citation);
      return {
        kind: "quote",
        speaker: str(d.speaker) ?? "",
        text: str(d.text) ?? "",
        about: strings(d.about),
        citations: c === null ? [] : [c],
      };
    }
    case "mention":
      // The graph formats read SNAPSHOT_KINDS only; mentions go to NDJSON as the log holds them.
      throw new Error(`${element.id}: mentions are not part of the graph formats`);
  }
}
