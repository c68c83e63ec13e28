/**
 * A radial layout for large scenes, linear in the scene's size: the focus in the middle, each
 * further hop on rings further out, a ring holding only as many nodes as fit at `spacing` apart.
 * Nodes of the next hop are ordered by the angle of the node they hang from, so links stay short.
 * Force-directed layouts (fcose) take seconds past a few hundred nodes; this takes milliseconds.
 */
export interface Placement {
  id: string;
  x: number;
  y: number;
}

export function radialLayout(
  nodeIds: string[],
  edges: Array<{ source: string; target: string }>,
  centre: string | null,
  spacing = 46,
  ringGap = 70,
): Placement[] {
  const neighbours = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const e of edges) {
    neighbours.get(e.source)?.push(e.target);
    neighbours.get(e.target)?.push(e.source);
  }
  const start = centre !== null && neighbours.has(centre) ? centre : (nodeIds[0] ?? null);
  if (start === null) return [];
  // Breadth-first hops; nodes not connected to the centre go on the outermost level.
  const hop = new Map<string, number>([[start, 0]]);
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    for (const next of neighbours.get(id) ?? []) {
      if (hop.has(next)) continue;
      hop.set(next, (hop.get(id) ?? 0) + 1);
      parent.set(next, id);
      queue.push(next);
    }
  }
  const order = new Map(queue.map((id, i) => [id, i]));
  const deepest = Math.max(0, ...hop.values());
  const levels: string[][] = Array.from({ length: deepest + 2 }, () => []);
  for (const id of nodeIds) levels[hop.get(id) ?? deepest + 1]?.push(id);

  const angle = new Map<string, number>([[start, 0]]);
  const placed: Placement[] = [{ id: start, x: 0, y: 0 }];
  let radius = 0;
  for (const level of levels.slice(1)) {
    if (level.length === 0) continue;
    level.sort(
      (a, b) =>
        (angle.get(parent.get(a) ?? "") ?? 0) - (angle.get(parent.get(b) ?? "") ?? 0) ||
        (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) ||
        a.localeCompare(b),
    );
    let index = 0;
    while (index < level.length) {
      radius += ringGap;
      const capacity = Math.max(6, Math.floor((2 * Math.PI * radius) / spacing));
      const ring = level.slice(index, index + capacity);
      ring.forEach((id, k) => {
        const a = (2 * Math.PI * k) / ring.length;
        angle.set(id, a);
        placed.push({ id, x: radius * Math.cos(a), y: radius * Math.sin(a) });
      });
      index += ring.length;
    }
  }
  return placed;
}
