import type { DictionaryEntity } from "../../../src/ingest/linkDictionary";
import { LinkDictionaryCache, type DictionarySource } from "../../../src/ingest/linkDictionaryCache";
import { matchAliases } from "../../../src/ingest/matchAliases";

/** A graph in memory: its version moves when `write` is called. */
function fakeGraph(
  entities: DictionaryEntity[],
): DictionarySource & { write(e: DictionaryEntity): void; reads: number } {
  let version = 0;
  return {
    reads: 0,
    graphVersion: () => Promise.resolve(version),
    readAll() {
      this.reads += 1;
      return Promise.resolve([...entities]);
    },
    write(e) {
      entities.push(e);
      version += 1;
    },
  };
}

const chongqing: DictionaryEntity = {
  id: "place:chongqing",
  kind: "PLACE",
  name: "Chongqing",
  aliases: [],
  neighbours: [],
};
const chengdu: DictionaryEntity = {
  id: "place:chengdu",
  kind: "PLACE",
  name: "Chengdu",
  aliases: [],
  neighbours: [],
};

describe("LinkDictionaryCache", () => {
  it("builds once and rebuilds only when the graph's version moved", async () => {
    const graph = fakeGraph([chongqing]);
    const cache = new LinkDictionaryCache(graph);
    const first = await cache.get();
    expect(matchAliases("Chongqing and Chengdu", first.dictionary).map((m) => m.quote)).toEqual([
      "Chongqing",
    ]);
    await cache.get();
    expect(graph.reads).toBe(1);

    graph.write(chengdu);
    const second = await cache.get();
    expect(second.version).toBe(1);
    expect(matchAliases("Chongqing and Chengdu", second.dictionary).map((m) => m.quote)).toEqual([
      "Chongqing",
      "Chengdu",
    ]);
    expect(graph.reads).toBe(2);
  });

  it("shares one rebuild between concurrent callers", async () => {
    const graph = fakeGraph([chongqing]);
    const cache = new LinkDictionaryCache(graph);
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(graph.reads).toBe(1);
  });

  it("does not ask the graph again within the check interval", async () => {
    const graph = fakeGraph([chongqing]);
    let now = 1000;
    const cache = new LinkDictionaryCache(graph, { checkIntervalMs: 500, now: () => now });
    await cache.get();
    graph.write(chengdu);
    expect((await cache.get()).version).toBe(0);
    now += 500;
    expect((await cache.get()).version).toBe(1);
  });
});

describe("LinkDictionaryCache with a source that says what changed", () => {
  it("keeps the dictionary when only documents or mentions changed, and rebuilds when an entity did", async () => {
    const graph = fakeGraph([chongqing]);
    const touched: boolean[] = [];
    const source: DictionarySource = {
      graphVersion: () => graph.graphVersion(),
      readAll: () => graph.readAll(),
      dictionaryChanged: (from, to) => {
        expect(to).toBeGreaterThan(from);
        return Promise.resolve(touched.slice(from, to).some(Boolean));
      },
    };
    const cache = new LinkDictionaryCache(source);
    const first = await cache.get();
    expect(graph.reads).toBe(1);

    // An ingest: the version moves, nothing the dictionary holds changed.
    graph.write({ ...chongqing });
    graph.write({ ...chongqing });
    touched.push(false, false);
    const kept = await cache.get();
    expect(kept.version).toBe(2);
    expect(kept.dictionary).toBe(first.dictionary);
    expect(graph.reads).toBe(1);
    expect(cache.skipped).toBe(1);

    graph.write(chengdu);
    touched.push(true);
    const rebuilt = await cache.get();
    expect(rebuilt.version).toBe(3);
    expect(graph.reads).toBe(2);
    expect(matchAliases("Chengdu", rebuilt.dictionary).map((m) => m.quote)).toEqual(["Chengdu"]);
  });
});
