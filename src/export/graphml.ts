import { elementData, type ElementData } from "./elementData";
import type { ExportFormat } from "./snapshot";

type KeyType = "string" | "int" | "long" | "double" | "boolean";

/** Every attribute a node or edge may carry, declared up front with its type (GraphML keys). */
export const GRAPHML_KEYS: ReadonlyArray<{ id: string; for: "node" | "edge"; name: string; type: KeyType }> =
  [
    { id: "n_label", for: "node", name: "label", type: "string" },
    { id: "n_typename", for: "node", name: "typename", type: "string" },
    { id: "n_version", for: "node", name: "version", type: "int" },
    { id: "n_kind", for: "node", name: "kind", type: "string" },
    { id: "n_name", for: "node", name: "name", type: "string" },
    { id: "n_aliases", for: "node", name: "aliases", type: "string" },
    { id: "n_description", for: "node", name: "description", type: "string" },
    { id: "n_date", for: "node", name: "date", type: "string" },
    { id: "n_title", for: "node", name: "title", type: "string" },
    { id: "n_publisher", for: "node", name: "publisher", type: "string" },
    { id: "n_url", for: "node", name: "url", type: "string" },
    { id: "n_publishedAt", for: "node", name: "publishedAt", type: "string" },
    { id: "n_contentHash", for: "node", name: "contentHash", type: "string" },
    { id: "n_metric", for: "node", name: "metric", type: "string" },
    { id: "n_value", for: "node", name: "value", type: "double" },
    { id: "n_unit", for: "node", name: "unit", type: "string" },
    { id: "n_comparator", for: "node", name: "comparator", type: "string" },
    { id: "n_period", for: "node", name: "period", type: "string" },
    { id: "n_text", for: "node", name: "text", type: "string" },
    { id: "n_citations", for: "node", name: "citations", type: "string" },
    { id: "e_type", for: "edge", name: "type", type: "string" },
    { id: "e_version", for: "edge", name: "version", type: "int" },
    { id: "e_properties", for: "edge", name: "properties", type: "string" },
    { id: "e_background", for: "edge", name: "background", type: "boolean" },
    { id: "e_citations", for: "edge", name: "citations", type: "string" },
  ];

/** XML 1.0 cannot carry most control characters at all, even escaped: they are dropped. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

type Value = string | number | boolean | null;

function attributes(prefix: "n" | "e", values: Record<string, Value>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== null)
    .map(([name, value]) => `<data key="${prefix}_${name}">${xmlEscape(String(value))}</data>`)
    .join("");
}

const node = (id: string, values: Record<string, Value>): string =>
  `<node id="${xmlEscape(id)}">${attributes("n", values)}</node>\n`;

const edge = (id: string, source: string, target: string, values: Record<string, Value>): string =>
  `<edge id="${xmlEscape(id)}" source="${xmlEscape(source)}" target="${xmlEscape(target)}">${attributes("e", values)}</edge>\n`;

/** The lines one element becomes: a node, an edge, or a node with the edges to what it is about. */
function lines(id: string, typename: string, version: number, data: ElementData): string {
  const head = { typename, version };
  switch (data.kind) {
    case "document":
      return node(id, {
        label: data.title ?? id,
        ...head,
        title: data.title,
        publisher: data.publisher,
        url: data.url,
        publishedAt: data.publishedAt,
        contentHash: data.contentHash,
      });
    case "entity":
      return node(id, {
        label: data.name,
        ...head,
        kind: data.entityKind,
        name: data.name,
        aliases: JSON.stringify(data.aliases),
        description: data.description,
        date: data.date,
        citations: JSON.stringify(data.citations),
      });
    case "relationship":
      return edge(id, data.from, data.to, {
        type: data.type,
        version,
        properties: JSON.stringify(data.properties),
        background: data.background,
        citations: JSON.stringify(data.citations),
      });
    case "statistic":
      return (
        node(id, {
          label: `${data.metric}: ${data.value} ${data.unit}`.trim(),
          ...head,
          metric: data.metric,
          value: data.value,
          unit: data.unit,
          comparator: data.comparator,
          period: data.period,
          description: data.description,
          citations: JSON.stringify(data.citations),
        }) + edge(`${id}|STATISTIC_OF`, id, data.subject, { type: "STATISTIC_OF" })
      );
    case "quote":
      return (
        node(id, {
          label: data.text.slice(0, 80),
          ...head,
          text: data.text,
          citations: JSON.stringify(data.citations),
        }) +
        edge(`${id}|SAID_BY`, id, data.speaker, { type: "SAID_BY" }) +
        [...new Set(data.about)]
          .map((about) => edge(`${id}|QUOTE_ABOUT|${about}`, id, about, { type: "QUOTE_ABOUT" }))
          .join("")
      );
  }
}

/**
 * GraphML (for Gephi, yEd, Cytoscape, graphology): documents, entities, statistics and quotes are
 * nodes; relationships are edges, and so are a statistic's subject and a quote's speaker and
 * topics. Lists and citations are JSON text in string attributes. Every edge comes after both its
 * ends (the kinds' order sees to it).
 */
export const graphmlFormat: ExportFormat = {
  name: "graphml",
  contentType: "application/graphml+xml; charset=utf-8",
  extension: "graphml",
  multiFile: false,
  async write(snapshot, out) {
    await out.open("export.graphml");
    await out.write(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
        `<!-- kg-graphql export at seq ${snapshot.seq}, ${snapshot.exportedAt} -->\n` +
        GRAPHML_KEYS.map(
          (k) => `<key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>\n`,
        ).join("") +
        `<graph id="kg-graphql-${snapshot.seq}" edgedefault="directed">\n`,
    );
    let count = 0;
    for await (const element of snapshot.elements()) {
      await out.write(lines(element.id, element.typename, element.version, elementData(element)));
      count += 1;
    }
    await out.write("</graph>\n</graphml>\n");
    return count;
  },
};
