import { radialLayout } from "../../web/src/explore/radial";

describe("the radial layout of large scenes", () => {
  const star = (n: number): { ids: string[]; edges: Array<{ source: string; target: string }> } => {
    const ids = ["hub", ...Array.from({ length: n }, (_, i) => `s${i}`)];
    return { ids, edges: ids.slice(1).map((id) => ({ source: id, target: "hub" })) };
  };
  const distance = (a: { x: number; y: number }, b: { x: number; y: number }): number =>
    Math.hypot(a.x - b.x, a.y - b.y);

  it("puts the focus in the middle and every node somewhere, no two closer than the spacing", () => {
    const { ids, edges } = star(499);
    const placed = radialLayout(ids, edges, "hub", 46);
    expect(placed).toHaveLength(500);
    expect(placed[0]).toEqual({ id: "hub", x: 0, y: 0 });
    expect(new Set(placed.map((p) => p.id)).size).toBe(500);
    let closest = Infinity;
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++)
        closest = Math.min(closest, distance(placed[i] ?? placed[0]!, placed[j] ?? placed[0]!));
    expect(closest).toBeGreaterThanOrEqual(40);
  });

  it("puts farther hops on outer rings, and nodes not linked to the focus outermost", () => {
    const ids = ["a", "b", "c", "lonely"];
    const edges = [
      { source: "a", target: "b" },
      { source: "b", target: "c" },
    ];
    const placed = new Map(radialLayout(ids, edges, "a").map((p) => [p.id, Math.hypot(p.x, p.y)]));
    expect(placed.get("a")).toBe(0);
    expect(placed.get("b")).toBeLessThan(placed.get("c") ?? 0);
    expect(placed.get("c")).toBeLessThan(placed.get("lonely") ?? 0);
  });
});
