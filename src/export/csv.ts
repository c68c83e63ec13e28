import { elementData, type CitationData } from "./elementData";
import type { ExportFormat, Snapshot } from "./snapshot";
import type { ExportOutput } from "./output";

/**
 * Lists (aliases) are `string[]` columns whose items are split on this character (U+001F, the
 * ASCII unit separator, which no name carries): `--array-delimiter=U+001F` on import.
 */
export const ARRAY_DELIMITER = "\u001f";

type Cell = string | number | boolean | null | string[];

/** RFC 4180: every text quoted (quotes doubled, newlines kept: `--multiline-fields=true`); null is an empty, unquoted field (no property). */
function cell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = Array.isArray(value)
    ? value.map((v) => v.replaceAll(ARRAY_DELIMITER, " ")).join(ARRAY_DELIMITER)
    : value;
  return `"${text.replace(/"/g, '""')}"`;
}

const row = (cells: Cell[]): string => `${cells.map(cell).join(",")}\n`;

const citationsJson = (citations: CitationData[]): string => JSON.stringify(citations);

/** The files, in the order they are written, with their typed `neo4j-admin database import` headers. */
export const CSV_FILES = {
  documents: {
    file: "documents.csv",
    header: "id:ID,:LABEL,version:int,title,publisher,url,publishedAt:datetime,contentHash",
  },
  entities: {
    file: "entities.csv",
    header: "id:ID,:LABEL,version:int,kind,name,aliases:string[],description,date,citations",
  },
  statistics: {
    file: "statistics.csv",
    header: "id:ID,:LABEL,version:int,metric,value:double,unit,comparator,period,description,citations",
  },
  quotes: { file: "quotes.csv", header: "id:ID,:LABEL,version:int,text,citations" },
  relationships: {
    file: "relationships.csv",
    header: ":START_ID,:END_ID,:TYPE,id,version:int,properties,background:boolean,citations",
  },
} as const;

/** The command that loads the files into an empty database (also written as `import.sh`). */
export function importCommand(database = "neo4j"): string {
  return [
    // The database first: --nodes and --relationships take several files and would swallow it.
    `neo4j-admin database import full ${database}`,
    "--array-delimiter=U+001F",
    "--multiline-fields=true",
    `--nodes=${CSV_FILES.documents.file}`,
    `--nodes=${CSV_FILES.entities.file}`,
    `--nodes=${CSV_FILES.statistics.file}`,
    `--nodes=${CSV_FILES.quotes.file}`,
    `--relationships=${CSV_FILES.relationships.file}`,
  ].join(" \\\n  ");
}

async function nodeFiles(snapshot: Snapshot, out: ExportOutput): Promise<number> {
  let count = 0;
  for (const [kind, spec] of [
    ["document", CSV_FILES.documents],
    ["entity", CSV_FILES.entities],
    ["statistic", CSV_FILES.statistics],
    ["quote", CSV_FILES.quotes],
  ] as const) {
    await out.open(spec.file);
    await out.write(`${spec.header}\n`);
    for await (const element of snapshot.elements([kind])) {
      const data = elementData(element);
      const head = [element.id, element.typename, element.version];
      switch (data.kind) {
        case "document":
          await out.write(
            row([...head, data.title, data.publisher, data.url, data.publishedAt, data.contentHash]),
          );
          break;
        case "entity":
          await out.write(
            row([
              element.id,
              ["Entity", element.typename],
              element.version,
              data.entityKind,
              data.name,
              data.aliases,
              data.description,
              data.date,
              citationsJson(data.citations),
            ]),
          );
          break;
        case "statistic":
          await out.write(
            row([
              ...head,
              data.metric,
              data.value,
              data.unit,
              data.comparator,
              data.period,
              data.description,
              citationsJson(data.citations),
            ]),
          );
          break;
        case "quote":
          await out.write(row([...head, data.text, citationsJson(data.citations)]));
          break;
        case "relationship":
          break;
      }
      count += 1;
    }
  }
  return count;
}

async function relationshipFile(snapshot: Snapshot, out: ExportOutput): Promise<number> {
  let count = 0;
  await out.open(CSV_FILES.relationships.file);
  await out.write(`${CSV_FILES.relationships.header}\n`);
  // A second pass at the same seq: statistics and quotes again, for their links.
  for await (const element of snapshot.elements(["relationship", "statistic", "quote"])) {
    const data = elementData(element);
    if (data.kind === "relationship") {
      await out.write(
        row([
          data.from,
          data.to,
          data.type,
          element.id,
          element.version,
          JSON.stringify(data.properties),
          data.background,
          citationsJson(data.citations),
        ]),
      );
      count += 1;
    } else if (data.kind === "statistic") {
      await out.write(row([element.id, data.subject, "STATISTIC_OF", null, null, null, null, null]));
    } else if (data.kind === "quote") {
      await out.write(row([element.id, data.speaker, "SAID_BY", null, null, null, null, null]));
      for (const about of new Set(data.about))
        await out.write(row([element.id, about, "QUOTE_ABOUT", null, null, null, null, null]));
    }
  }
  return count;
}

/**
 * CSV in `neo4j-admin database import` layout: one node file per kind (documents, entities,
 * statistics, quotes) and one relationship file, with typed headers; `import.sh` holds the command.
 * Lists are `string[]` split on U+001F; citations and a relationship's properties are JSON text.
 */
export const csvFormat: ExportFormat = {
  name: "csv",
  contentType: "application/zip",
  extension: "zip",
  multiFile: true,
  async write(snapshot, out) {
    const nodes = await nodeFiles(snapshot, out);
    const relationships = await relationshipFile(snapshot, out);
    await out.open("import.sh");
    await out.write(
      `#!/bin/sh\n# kg-graphql export at seq ${snapshot.seq} (${snapshot.exportedAt}): load into an empty database.\n` +
        `${importCommand()}\n`,
    );
    return nodes + relationships;
  },
};
