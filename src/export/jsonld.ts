import { RELATIONSHIP_TYPES } from "../graph/relationshipTypes";
import { elementData, type CitationData } from "./elementData";
import type { ExportFormat } from "./snapshot";

/** Element ids become IRIs under this prefix (`kg:person:hu-henghua`). */
export const ID_IRI = "urn:kg-graphql:";
/** The graph's own terms (what schema.org has no word for). */
export const VOCAB_IRI = "urn:kg-graphql:vocab:";
/** One property per relationship type: `kg:a PART_OF kg:b` as a plain triple. */
export const RELATIONSHIP_IRI = "urn:kg-graphql:relationship:";

const iriTerm = (id: string): { "@id": string; "@type": "@id" } => ({ "@id": id, "@type": "@id" });

/**
 * The inline @context (nothing is fetched to read the export): schema.org for what it has a word
 * for, `kgv:` for the rest. Entity kinds map to schema.org types (Initiative: Project; Sector has
 * none, so kgv:Sector).
 */
export const JSONLD_CONTEXT = {
  "@version": 1.1,
  schema: "https://schema.org/",
  kg: ID_IRI,
  kgv: VOCAB_IRI,
  kgr: RELATIONSHIP_IRI,
  Person: "schema:Person",
  Organization: "schema:Organization",
  Place: "schema:Place",
  Event: "schema:Event",
  Initiative: "schema:Project",
  Role: "schema:Role",
  Sector: "kgv:Sector",
  Document: "schema:CreativeWork",
  Statistic: "schema:Observation",
  Quote: "schema:Quotation",
  Relationship: "kgv:Relationship",
  Citation: "kgv:Citation",
  Export: "kgv:Export",
  name: "schema:name",
  alternateName: "schema:alternateName",
  description: "schema:description",
  url: "schema:url",
  publisher: "schema:publisher",
  datePublished: { "@id": "schema:datePublished", "@type": "schema:DateTime" },
  text: "schema:text",
  creator: iriTerm("schema:creator"),
  about: iriTerm("schema:about"),
  observationAbout: iriTerm("schema:observationAbout"),
  value: "schema:value",
  unitText: "schema:unitText",
  measuredProperty: "schema:measuredProperty",
  version: "kgv:version",
  seq: "kgv:seq",
  exportedAt: { "@id": "kgv:exportedAt", "@type": "schema:DateTime" },
  date: "kgv:date",
  contentHash: "kgv:contentHash",
  comparator: "kgv:comparator",
  period: "kgv:period",
  citation: "kgv:citation",
  document: iriTerm("kgv:document"),
  start: "kgv:start",
  end: "kgv:end",
  quote: "kgv:quote",
  relationshipType: "kgv:relationshipType",
  source: iriTerm("kgv:source"),
  target: iriTerm("kgv:target"),
  properties: { "@id": "kgv:properties", "@type": "@json" },
  background: "kgv:background",
  ...Object.fromEntries(Object.keys(RELATIONSHIP_TYPES).map((type) => [type, iriTerm(`kgr:${type}`)])),
} as const;

const iri = (id: string): string => `kg:${id}`;

function citationNodes(citations: CitationData[]): Array<Record<string, unknown>> {
  return citations.map((c) => ({
    "@type": "Citation",
    document: iri(c.documentId),
    start: c.start,
    end: c.end,
    quote: c.quote,
  }));
}

/** Drops null fields: JSON-LD has no null values worth carrying. */
function compact(node: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * JSON-LD 1.1: one document, `{"@context": …, "@graph": [...]}`, streamed node by node. The first
 * node describes the export (its seq); relationships are nodes of their own (with their
 * properties and citations) and also plain triples on their source entity.
 */
export const jsonldFormat: ExportFormat = {
  name: "jsonld",
  contentType: "application/ld+json; charset=utf-8",
  extension: "jsonld",
  multiFile: false,
  async write(snapshot, out) {
    await out.open("export.jsonld");
    await out.write(`{"@context":${JSON.stringify(JSONLD_CONTEXT)},\n"@graph":[\n`);
    await out.write(
      JSON.stringify({
        "@id": iri(`export:${snapshot.seq}`),
        "@type": "Export",
        seq: snapshot.seq,
        exportedAt: snapshot.exportedAt,
      }),
    );
    let count = 0;
    for await (const element of snapshot.elements()) {
      const data = elementData(element);
      const base = { "@id": iri(element.id), "@type": element.typename, version: element.version };
      const nodes: Array<Record<string, unknown>> = [];
      switch (data.kind) {
        case "document":
          nodes.push({
            ...base,
            name: data.title,
            publisher: data.publisher,
            url: data.url,
            datePublished: data.publishedAt,
            contentHash: data.contentHash,
          });
          break;
        case "entity":
          nodes.push({
            ...base,
            name: data.name,
            alternateName: data.aliases,
            description: data.description,
            date: data.date,
            citation: citationNodes(data.citations),
          });
          break;
        case "relationship":
          nodes.push({
            ...base,
            relationshipType: data.type,
            source: iri(data.from),
            target: iri(data.to),
            properties: data.properties,
            background: data.background,
            citation: citationNodes(data.citations),
          });
          nodes.push({ "@id": iri(data.from), [data.type]: iri(data.to) });
          break;
        case "statistic":
          nodes.push({
            ...base,
            observationAbout: iri(data.subject),
            measuredProperty: data.metric,
            value: data.value,
            unitText: data.unit,
            comparator: data.comparator,
            period: data.period,
            description: data.description,
            citation: citationNodes(data.citations),
          });
          break;
        case "quote":
          nodes.push({
            ...base,
            text: data.text,
            creator: iri(data.speaker),
            about: data.about.map(iri),
            citation: citationNodes(data.citations),
          });
          break;
      }
      for (const node of nodes) await out.write(`,\n${JSON.stringify(compact(node))}`);
      count += 1;
    }
    await out.write("\n]}\n");
    return count;
  },
};
