import type { Comparator, EntityKind } from "./records";

/**
 * The graph model as writers hand it over: what one source (a document's dataset) says, with every
 * citation located. Owned by the graph layer; the importer parses into these types, and the write
 * layer (src/write/) writes them.
 */

/** A citation with its offsets computed: text.slice(start, end) === quote. */
export interface LocatedCitation {
  quote: string;
  start: number;
  end: number;
}

/** A dataset file that passed every check, with its document text and citation offsets. */
export interface Dataset {
  document: {
    id: string;
    title: string;
    publisher: string | null;
    url: string | null;
    publishedAt: string | null;
    text: string;
  };
  entities: Array<{
    id: string;
    kind: EntityKind;
    name: string;
    aliases: string[];
    description: string | null;
    date: string | null;
    citations: LocatedCitation[];
  }>;
  relationships: Array<{
    id: string;
    from: string;
    type: string;
    to: string;
    properties: Record<string, string | number | boolean>;
    background: boolean;
    citations: LocatedCitation[];
  }>;
  statistics: Array<{
    id: string;
    subject: string;
    metric: string;
    value: number;
    unit: string;
    comparator: Comparator;
    period: string | null;
    description: string | null;
    citations: LocatedCitation[];
  }>;
  quotes: Array<{ id: string; speaker: string; text: string; about: string[]; citation: LocatedCitation }>;
}
