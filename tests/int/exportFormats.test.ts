import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MultiDirectedGraph } from "graphology";
import { parse as parseGraphml } from "graphology-graphml";
import jsonld from "jsonld";
import { createDriver } from "../../src/neo4j/driver";
import { startLocalNeo4j } from "../../src/neo4j/localNeo4j";
import { importCommand } from "../../src/export/csv";
import { parseNdjson, type NdjsonExport } from "../support/exportReplay";
import { neo4jAdminImport } from "../support/neo4jAdminImport";
import { startHttpService, type HttpService } from "../support/httpService";

const NODE_TYPES = ["Document", "Statistic", "Quote"];
const isEntity = (typename: string): boolean =>
  !["Document", "Relationship", "Statistic", "Quote"].includes(typename);

/** The export formats against the real Neo4j, each checked by the tool its users would read it with. */
describe("export formats (real Neo4j)", () => {
  let service: HttpService;
  let reference: NdjsonExport;
  let seq: number;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "kg-export-"));
  beforeAll(async () => {
    service = await startHttpService({ NODE_ENV: "production", EXPORT_PAGE_SIZE: "25" });
    const response = await fetch(`${service.base}/export?format=ndjson`);
    seq = Number(response.headers.get("x-graph-seq"));
    // The graph formats carry the graph: NDJSON's mentions (ingest's review queue) are not in them.
    const ndjson = parseNdjson(await response.text());
    for (const [id, element] of ndjson.elements)
      if (element.typename === "Mention") ndjson.elements.delete(id);
    reference = ndjson;
  });
  afterAll(async () => {
    await service.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const get = async (format: string): Promise<Response> => {
    const response = await fetch(`${service.base}/export?format=${format}`);
    expect(response.status).toBe(200);
    // The suite writes nothing: every export is at the same seq.
    expect(Number(response.headers.get("x-graph-seq"))).toBe(seq);
    return response;
  };
  const of = (predicate: (typename: string) => boolean) =>
    [...reference.elements.entries()].filter(([, e]) => predicate(e.typename));

  it("JSON-LD passes jsonld.expand with schema.org types, one node per element and a triple per relationship", async () => {
    const response = await get("jsonld");
    expect(response.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const document = (await response.json()) as Record<string, unknown>;
    const expanded = (await jsonld.expand(document)) as Array<Record<string, unknown>>;
    // The relationship triples are node objects of their own: one per element and relationship.
    expect(expanded.length).toBe(1 + reference.elements.size + of((t) => t === "Relationship").length);
    // Flattened, the node objects of one @id are merged into one node.
    const flat = (await jsonld.flatten(document)) as unknown as Array<Record<string, unknown>>;
    const byId = new Map(flat.map((n) => [n["@id"] as string, n]));
    for (const id of reference.elements.keys()) expect(byId.has(`urn:kg-graphql:${id}`)).toBe(true);
    const [personId] = of((t) => t === "Person")[0] ?? [];
    if (personId === undefined) throw new Error("no Person in the test graph");
    const person = byId.get(`urn:kg-graphql:${personId}`) ?? {};
    expect(person["@type"]).toEqual(["https://schema.org/Person"]);
    expect(person["https://schema.org/name"]).toEqual([
      { "@value": reference.elements.get(personId)?.data.name },
    ]);
    const [relationshipId, relationship] = of((t) => t === "Relationship")[0] ?? [];
    if (relationshipId === undefined || relationship === undefined) throw new Error("no relationship");
    const { from, to, type } = relationship.data as { from: string; to: string; type: string };
    expect(byId.get(`urn:kg-graphql:${from}`)?.[`urn:kg-graphql:relationship:${type}`]).toContainEqual({
      "@id": `urn:kg-graphql:${to}`,
    });
    const reified = byId.get(`urn:kg-graphql:${relationshipId}`) ?? {};
    expect(reified["urn:kg-graphql:vocab:source"]).toEqual([{ "@id": `urn:kg-graphql:${from}` }]);
    expect(byId.get(`urn:kg-graphql:export:${seq}`)?.["urn:kg-graphql:vocab:seq"]).toEqual([
      { "@value": seq },
    ]);
  });

  it("GraphML round-trips through graphology-graphml: every node and edge, with typed attributes", async () => {
    const response = await get("graphml");
    const graph = parseGraphml(MultiDirectedGraph, await response.text());
    const nodes = of((t) => isEntity(t) || NODE_TYPES.includes(t));
    const relationships = of((t) => t === "Relationship");
    const links = of((t) => t === "Statistic" || t === "Quote").reduce((sum, [, e]) => {
      const data = e.data as { about?: string[] };
      return sum + 1 + (data.about === undefined ? 0 : new Set(data.about).size);
    }, 0);
    expect(graph.order).toBe(nodes.length);
    expect(graph.size).toBe(relationships.length + links);
    for (const [id, element] of nodes.slice(0, 200)) {
      const attributes = graph.getNodeAttributes(id);
      expect(attributes.typename).toBe(element.typename);
      expect(attributes.version).toBe(element.version);
      if (isEntity(element.typename)) {
        expect(attributes.name).toBe(element.data.name);
        expect(JSON.parse(attributes.citations as string)).toEqual(element.data.citations);
      }
    }
    for (const [id, element] of relationships.slice(0, 200)) {
      const attributes = graph.getEdgeAttributes(id);
      expect(attributes.type).toBe(element.data.type);
      expect(attributes.background).toBe(element.data.background);
      expect(graph.source(id)).toBe(element.data.from);
      expect(graph.target(id)).toBe(element.data.to);
    }
    const [statisticId, statistic] = of((t) => t === "Statistic")[0] ?? [];
    if (statisticId !== undefined)
      expect(graph.getNodeAttribute(statisticId, "value")).toBe(statistic?.data.value);
  });

  it("CSV: the zip over HTTP holds the same files as `npm run export` writes to a directory", async () => {
    const response = await get("csv");
    expect(response.headers.get("content-type")).toBe("application/zip");
    const zip = path.join(tmp, "export.zip");
    writeFileSync(zip, Buffer.from(await response.arrayBuffer()));
    // unzip checks every file's CRC and sizes.
    execFileSync("unzip", ["-tq", zip]);
    execFileSync("unzip", ["-q", zip, "-d", path.join(tmp, "zip")]);
    const cli = spawnSync(
      "npx",
      ["tsx", "src/export/cli.ts", "--format", "csv", "--out", path.join(tmp, "cli")],
      {
        encoding: "utf8",
        env: { ...process.env, EXPORT_PAGE_SIZE: "11" },
        timeout: 120_000,
      },
    );
    expect(cli.stderr).toContain(`at seq ${seq}`);
    expect(cli.status).toBe(0);
    const files = readdirSync(path.join(tmp, "cli")).sort();
    expect(readdirSync(path.join(tmp, "zip")).sort()).toEqual(files);
    for (const file of files.filter((f) => f.endsWith(".csv"))) {
      expect(readFileSync(path.join(tmp, "zip", file), "utf8")).toBe(
        readFileSync(path.join(tmp, "cli", file), "utf8"),
      );
    }
  });

  it("CSV loads into an empty Neo4j with the real neo4j-admin import: counts and a checksum match", async () => {
    const home = path.join(tmp, "imported");
    const [command = "", ...options] = importCommand().split(/\s*\\\n\s*/);
    const args = [command.split(" ").at(-1) ?? "neo4j", ...options];
    const imported = neo4jAdminImport(home, path.join(tmp, "cli"), args);
    if (imported.status !== 0) throw new Error(`neo4j-admin import failed:\n${imported.output}`);
    const local = await startLocalNeo4j({ dataDir: home, port: 0, heap: "256m", pageCache: "16m" });
    const driver = createDriver({ uri: local.uri, user: "neo4j", password: undefined });
    try {
      const session = driver.session();
      const labels = await session.run(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label",
      );
      const counts = Object.fromEntries(
        labels.records.map((r) => [r.get("label") as string, r.get("count") as number]),
      );
      const typenames = [...reference.elements.values()].map((e) => e.typename);
      const expected: Record<string, number> = {};
      for (const t of typenames.filter((t) => t !== "Relationship")) expected[t] = (expected[t] ?? 0) + 1;
      expected.Entity = typenames.filter(isEntity).length;
      expect(counts).toEqual(expected);

      const relationships = await session.run(
        "MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN r.id AS id, r.version AS version, type(r) AS type",
      );
      expect(relationships.records.length).toBe(of((t) => t === "Relationship").length);

      // The checksum: every element's id, version and data as the graph now holds them.
      const nodes = await session.run(
        "MATCH (n) RETURN n.id AS id, n.version AS version, coalesce(n.name, n.title, n.text, n.metric) AS label, " +
          "n.aliases AS aliases, n.citations AS citations",
      );
      const lines = [
        ...nodes.records.map((r) =>
          JSON.stringify([
            r.get("id"),
            r.get("version"),
            r.get("label"),
            r.get("aliases") ?? null,
            r.get("citations") ?? null,
          ]),
        ),
        ...relationships.records.map((r) => JSON.stringify([r.get("id"), r.get("version"), r.get("type")])),
      ].sort();
      const expectedLines = [...reference.elements.entries()]
        .map(([id, e]) => {
          const d = e.data;
          if (e.typename === "Relationship") return JSON.stringify([id, e.version, d.type]);
          const label = d.name ?? d.title ?? d.text ?? d.metric;
          // An empty list is no property at all after neo4j-admin import (docs/feeds.md).
          const aliases = isEntity(e.typename) && (d.aliases as string[]).length > 0 ? d.aliases : null;
          const citations =
            e.typename === "Document"
              ? null
              : JSON.stringify(e.typename === "Quote" ? [d.citation] : d.citations);
          return JSON.stringify([id, e.version, label, aliases, citations]);
        })
        .sort();
      const sha = (l: string[]): string => createHash("sha256").update(l.join("\n")).digest("hex");
      expect(lines.length).toBe(expectedLines.length);
      expect(sha(lines)).toBe(sha(expectedLines));
      const links = await session.run(
        "MATCH ()-[r:STATISTIC_OF|SAID_BY|QUOTE_ABOUT]->() RETURN type(r) AS type, count(*) AS count ORDER BY type",
      );
      expect(links.records.find((r) => r.get("type") === "STATISTIC_OF")?.get("count") ?? 0).toBe(
        of((t) => t === "Statistic").length,
      );
      await session.close();
    } finally {
      await driver.close();
      await local.stop();
    }
    // Two JVMs start (the import tool, then Neo4j): minutes on a loaded machine.
  }, 300_000);
});
