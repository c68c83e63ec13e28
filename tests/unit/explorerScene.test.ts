import { toGraphml } from "../../web/src/explore/graphml";
import {
  DEFAULT_LIMIT,
  EMPTY_SCENE,
  MAX_EXPANSIONS,
  sameGraph,
  sceneFromSearch,
  searchOfScene,
  type Scene,
} from "../../web/src/explore/scene";

describe("the explorer's scene in the URL", () => {
  const scene: Scene = {
    focus: "place:chongqing",
    depth: 2,
    limit: 300,
    expansions: ["person:hu-henghua", "place:chongqing", "person:hu-henghua"],
    hiddenKinds: ["ROLE"],
    hiddenTypes: ["PART_OF", "HOLDS_ROLE"],
    path: { from: "place:chongqing", to: "place:istanbul" },
    selected: "relationship:person:hu-henghua|HOLDS_ROLE|role:mayor-of-chongqing",
  };

  it("survives the round trip, expansions in order and repeated", () => {
    expect(sceneFromSearch(searchOfScene(scene))).toEqual(scene);
    expect(searchOfScene(EMPTY_SCENE)).toBe("");
    expect(sceneFromSearch("")).toEqual(EMPTY_SCENE);
  });

  it("falls back to defaults on values out of range and caps the expansions a URL can ask for", () => {
    const odd = sceneFromSearch(
      `?focus=x&depth=7&limit=5000${"&expand=y".repeat(MAX_EXPANSIONS + 5)}&from=a`,
    );
    expect(odd.depth).toBe(1);
    expect(odd.limit).toBe(DEFAULT_LIMIT);
    expect(odd.expansions).toHaveLength(MAX_EXPANSIONS);
    // A path needs both ends.
    expect(odd.path).toBeNull();
  });

  it("tells a change of graph from a change of selection", () => {
    expect(sameGraph(scene, { ...scene, selected: null })).toBe(true);
    expect(sameGraph(scene, { ...scene, hiddenKinds: [] })).toBe(false);
    expect(sameGraph(scene, { ...scene, expansions: scene.expansions.slice(0, 2) })).toBe(false);
  });
});

describe("GraphML export", () => {
  it("writes the nodes and edges given, with names escaped", () => {
    const xml = toGraphml(
      [
        { id: "a", name: 'A & "B" <C>', kind: "PLACE" },
        { id: "b", name: "B", kind: "PERSON" },
      ],
      [{ id: "relationship:b|HOLDS_ROLE|a", type: "HOLDS_ROLE", source: "b", target: "a" }],
    );
    expect(xml).toContain('<data key="name">A &amp; &quot;B&quot; &lt;C&gt;</data>');
    expect(xml.match(/<node /g)).toHaveLength(2);
    expect(xml).toContain('<edge id="relationship:b|HOLDS_ROLE|a" source="b" target="a">');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });
});
