import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { promisify } from "node:util";
import path from "node:path";
import { loadDevMessages, loadErrorMessages } from "@apollo/client/dev";
import {
  buildClientSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from "graphql";
import { createApolloClient, execute, pageAllEntities, pageAllRelationships } from "../client/client";
import { NodesLookup } from "../client/operations";
import { postGraphQL } from "../support/http";
import { startHttpService, type HttpService } from "../support/httpService";

const CLIENT_DIR = path.resolve(__dirname, "../client");
const ROOT = path.resolve(__dirname, "../..");

/**
 * A downstream client as a consumer builds it (tests/client/: graphql-codegen's client preset and
 * possibleTypes from the served schema, compiled by `npm run typecheck` under strict TypeScript),
 * run against the real service.
 */
describe("a downstream client built from the served schema (real HTTP)", () => {
  let service: HttpService;
  const warnings: unknown[][] = [];
  beforeAll(async () => {
    loadDevMessages();
    loadErrorMessages();
    service = await startHttpService();
  });
  afterAll(() => service.stop());
  beforeEach(() => {
    warnings.length = 0;
    jest.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args));
    jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => void warnings.push(args));
  });
  afterEach(() => jest.restoreAllMocks());

  it("has its generated code current with the schema the service serves (npm run codegen:client)", async () => {
    const introspection = await postGraphQL<IntrospectionQuery>(
      service.url,
      getIntrospectionQuery({ specifiedByUrl: true }),
    );
    const served = `${printSchema(lexicographicSortSchema(buildClientSchema(introspection.body.data as IntrospectionQuery)))}\n`;
    // Introspection carries no directive uses but @deprecated and @specifiedBy: @auth uses aside, the copy is what is served.
    const copy = readFileSync(path.join(CLIENT_DIR, "schema.graphql"), "utf8").replace(
      / @auth\(requires: \w+\)/g,
      "",
    );
    expect(served).toBe(copy);

    const tmp = mkdtempSync(path.join(os.tmpdir(), "kg-client-codegen-"));
    try {
      writeFileSync(path.join(tmp, "served.graphql"), served);
      // Asynchronously: the service runs in this process and must keep serving meanwhile.
      await promisify(execFile)(
        process.execPath,
        [
          path.join(ROOT, "node_modules/.bin/graphql-codegen"),
          "--config",
          "tests/client/codegen.ts",
          "--silent",
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            CLIENT_CODEGEN_SCHEMA: path.join(tmp, "served.graphql"),
            CLIENT_CODEGEN_OUT: path.join(tmp, "out"),
          },
        },
      );
      const generated = readdirSync(path.join(tmp, "out")).sort();
      expect(generated).toEqual(readdirSync(path.join(CLIENT_DIR, "generated")).sort());
      for (const file of generated) {
        expect(readFileSync(path.join(tmp, "out", file), "utf8")).toBe(
          readFileSync(path.join(CLIENT_DIR, "generated", file), "utf8"),
        );
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("pages every entity into an Apollo InMemoryCache, merging every page, without a warning", async () => {
    const client = createApolloClient(service.url);
    const { pages, cached } = await pageAllEntities(client, 10);
    const totalCount = cached?.entities.totalCount ?? 0;
    expect(totalCount).toBeGreaterThan(40);
    expect(pages).toBe(Math.ceil(totalCount / 10));
    const ids = cached?.entities.edges.map((e) => e.node.id) ?? [];
    expect(ids).toHaveLength(totalCount);
    expect(new Set(ids).size).toBe(totalCount);
    expect(ids).toEqual([...ids].sort());
    expect(cached?.entities.pageInfo.hasNextPage).toBe(false);
    expect(warnings).toEqual([]);
  });

  it("pages an entity's relationships (an interface field) the same way", async () => {
    const client = createApolloClient(service.url);
    const { pages, cached } = await pageAllRelationships(client, "place:chongqing", 5);
    const connection = cached?.entity?.relationships;
    const totalCount = connection?.totalCount ?? 0;
    expect(totalCount).toBeGreaterThan(10);
    expect(pages).toBe(Math.ceil(totalCount / 5));
    expect(new Set(connection?.edges.map((e) => e.node.id)).size).toBe(totalCount);
    expect(warnings).toEqual([]);
  });

  it("reads nodes of several kinds through a typed document", async () => {
    const ids = ["document:ichongqing-seeing-is-believing", "place:chongqing", "place:nowhere"];
    const { data, errors } = await execute(service.url, NodesLookup, { ids });
    expect(errors).toBeUndefined();
    const [document, place, missing] = data?.nodes ?? [];
    expect(document?.__typename === "Document" ? document.title : undefined).toMatch(/Seeing/i);
    expect(place?.__typename === "Place" ? place.name : undefined).toBe("Chongqing");
    expect(missing).toBeNull();
  });
});
