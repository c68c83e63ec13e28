import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, type MirrorElement } from "@kg-graphql/client";
import { bearer, postAs } from "../support/authHttp";
import { startHttpService, type HttpService } from "../support/httpService";
import { startTcpProxy, type TcpProxy } from "../support/tcpProxy";
import { signedToken, TEST_SECRET } from "../support/tokens";

const ROOT = path.resolve(__dirname, "../..");
const ENTITY_TYPES = new Set(["Person", "Organization", "Place", "Initiative", "Event", "Role", "Sector"]);
const CITATION = { documentId: "document:ichongqing-seeing-is-believing", quote: "Chongqing", occurrence: 1 };

interface MirrorFile {
  seq: number;
  elements: Record<string, MirrorElement>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 90_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * examples/mirror.ts as a user runs it (a separate Node process, real HTTP through a TCP proxy the
 * test cuts and restores, real Neo4j), while a writer keeps committing changes: the JSON file it
 * keeps must end equal to a fresh export.
 */
describe("examples/mirror.ts keeps a JSON copy in sync (real service, real HTTP)", () => {
  let service: HttpService;
  let proxy: TcpProxy;
  let token: string;
  const children: ChildProcess[] = [];
  const stderr: string[] = [];

  beforeAll(async () => {
    service = await startHttpService({ NODE_ENV: "production", AUTH_JWT_SECRET: TEST_SECRET });
    proxy = await startTcpProxy(Number(new URL(service.base).port));
    token = await signedToken({ claims: { roles: ["admin"] } });
  });
  afterAll(async () => {
    if (process.env.MIRROR_TEST_LOG) process.stderr.write(stderr.join(""));
    for (const child of children) child.kill("SIGKILL");
    await proxy.close();
    await service.stop();
  });

  const write = async (query: string, input: Record<string, unknown>) => {
    const answer = await postAs(service.url, query, { input }, bearer(token));
    if (answer.body.errors) throw new Error(JSON.stringify(answer.body.errors));
    return answer.body.data ?? {};
  };

  /** Creates, updates and retracts entities until stopped; answers how many writes it made. */
  function startWriter(): { writes: () => number; stop: () => Promise<number> } {
    let running = true;
    let writes = 0;
    const run = (async () => {
      const run = randomUUID().slice(0, 8);
      for (let i = 0; running; i += 1) {
        const created = (await write(
          "mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id version } userErrors { message } } }",
          { kind: "PLACE", name: `Mirror place ${run} ${i}`, citations: [CITATION] },
        )) as { createEntity: { entity: { id: string; version: number } | null; userErrors: unknown[] } };
        if (created.createEntity.entity === null)
          throw new Error(JSON.stringify(created.createEntity.userErrors));
        const { id, version } = created.createEntity.entity;
        writes += 1;
        if (i % 3 === 1) {
          await write(
            "mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id } } }",
            { id, expectedVersion: version, description: `Described at write ${i}` },
          );
          writes += 1;
        }
        if (i % 5 === 4) {
          await write("mutation($input: RetractInput!) { retract(input: $input) { change { seq } } }", {
            id,
            reason: "mirror test",
          });
          writes += 1;
        }
        await sleep(20);
      }
    })();
    return {
      writes: () => writes,
      stop: async () => {
        running = false;
        await run;
        return writes;
      },
    };
  }

  function startMirror(out: string): ChildProcess {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "examples/mirror.ts",
        "--url",
        `http://127.0.0.1:${proxy.port}/graphql`,
        "--out",
        out,
        "--flush-ms",
        "50",
      ],
      { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
    );
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    children.push(child);
    return child;
  }

  const readMirror = (file: string): MirrorFile | undefined =>
    existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as MirrorFile) : undefined;

  async function lastSeq(): Promise<number> {
    const answer = await postAs(service.url, "{ lastChange { seq } }", {});
    return (answer.body.data as { lastChange: { seq: number } | null }).lastChange?.seq ?? 0;
  }

  /** GET /export?format=ndjson straight from the service: the elements by id, and the seq. */
  async function freshExport(): Promise<MirrorFile> {
    const response = await fetch(`${service.base}/export?format=ndjson`);
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown> & { type: string });
    const elements: Record<string, MirrorElement> = {};
    for (const line of lines.filter((l) => l.type === "element")) {
      elements[line.id as string] = {
        typename: line.typename as string,
        version: line.version as number,
        data: line.data as Record<string, unknown>,
      };
    }
    expect(lines.at(-1)).toMatchObject({ type: "end", elements: Object.keys(elements).length });
    return { seq: lines[0]?.seq as number, elements };
  }

  /** Waits until the mirror's file reflects at least `seq`. */
  const reach = (out: string, seq: number, what: string) =>
    until(`the mirror to reach seq ${seq} (${what})`, () => {
      const file = readMirror(out);
      return file !== undefined && file.seq >= seq ? file : undefined;
    });

  it("through writes, a cut connection and a restart, ends equal to a fresh export", async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), "kg-mirror-")), "mirror.json");
    const writer = startWriter();
    let child = startMirror(out);
    await reach(out, await lastSeq(), "the snapshot and the writes since");

    // Cut every connection and refuse new ones for a while; the writer goes on meanwhile.
    const writesBeforeCut = writer.writes();
    await proxy.cut();
    await sleep(2_000);
    await proxy.restore();
    await until("the writer to write while the mirror was cut off", () =>
      writer.writes() > writesBeforeCut ? true : undefined,
    );
    await until("the mirror to report the cut", () =>
      stderr.join("").includes("disconnected") ? true : undefined,
    );
    await reach(out, await lastSeq(), "after the cut");

    // Stop the process; changes pile up while it is down; it resumes from its file.
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    const stoppedAt = readMirror(out)?.seq ?? 0;
    const writesWhileDown = writer.writes();
    await until("the writer to write while the mirror was down", () =>
      writer.writes() > writesWhileDown ? true : undefined,
    );
    child = startMirror(out);
    await until("the resume", () =>
      stderr.join("").includes(`resuming from ${out} at seq ${stoppedAt}`) ? true : undefined,
    );
    await reach(out, stoppedAt + 1, "after the restart");

    await writer.stop();
    const target = await lastSeq();
    expect(target).toBeGreaterThan(stoppedAt);
    const mirrored = await reach(out, target, "after the writes stopped");
    expect(mirrored.seq).toBe(target);
    // One snapshot only: the restart resumed from the file.
    expect(stderr.join("").match(/snapshot \(/g)).toHaveLength(1);

    // The writer's live entities (by id and version) are the mirror's. Only the writer's: in the
    // shared test database other suites remove their fixtures with direct Cypher, outside the log.
    const ours = (id: string): boolean => id.startsWith("place:mirror-place-");
    const client = createClient({ url: service.url });
    const live = new Map<string, number>();
    for await (const entity of client.entities()) if (ours(entity.id)) live.set(entity.id, entity.version);
    expect(live.size).toBeGreaterThan(0);
    const mirroredEntities = new Map(
      Object.entries(mirrored.elements)
        .filter(([id, element]) => ENTITY_TYPES.has(element.typename) && ours(id))
        .map(([id, element]) => [id, element.version]),
    );
    expect(mirroredEntities).toEqual(live);

    const exported = await freshExport();
    expect(exported.seq).toBe(target);
    expect(mirrored.elements).toEqual(exported.elements);

    child.kill("SIGTERM");
  });
});
