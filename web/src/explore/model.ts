/**
 * What a scene contains, read through the public API: the focus's neighbourhood, each expansion
 * step replayed in order, and the path. Which nodes are left out is always counted ("+N more"),
 * never dropped in silence.
 */
import { read } from "./api";
import {
  EXPANSION_MAX_PAGES,
  EXPANSION_PAGE,
  EXPANSION_SIZE,
  NEIGHBORHOOD,
  PATHS,
  RELATIONSHIP_PAGE,
  type EntityRef,
  type NeighborhoodAnswer,
  type PathsAnswer,
  type RelationshipPageAnswer,
  type RelationshipRef,
} from "./queries";
import type { Scene } from "./scene";

export interface ModelEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

export interface ScenePath {
  nodes: string[];
  edges: string[];
  steps: Array<{ from: EntityRef; edge: ModelEdge; to: EntityRef }>;
  length: number;
  /** Shortest paths of this length the API found (up to its limit); one is drawn. */
  alternatives: number;
}

export interface GraphModel {
  nodes: Map<string, EntityRef>;
  edges: Map<string, ModelEdge>;
  /** Relationship totals of the nodes whose neighbours are listed (the focus and expanded nodes). */
  totals: Map<string, number>;
  /** Nodes that were expanded; the order of first expansion. */
  expanded: string[];
  /** The neighbourhood query hit its node limit. */
  truncated: boolean;
  path: ScenePath | null;
  /** Said on the page, e.g. an unknown id or a path that does not exist. */
  notices: string[];
}

interface Cursor {
  after: string | null;
  exhausted: boolean;
}

export function edgeOf(r: RelationshipRef): ModelEdge {
  return { id: r.id, type: r.type, source: r.from.id, target: r.to.id };
}

export function emptyModel(): GraphModel {
  return {
    nodes: new Map(),
    edges: new Map(),
    totals: new Map(),
    expanded: [],
    truncated: false,
    path: null,
    notices: [],
  };
}

export async function loadModel(scene: Scene): Promise<GraphModel> {
  const model = emptyModel();
  if (scene.focus) await addNeighbourhood(model, scene.focus, scene.depth, scene.limit);
  const cursors = new Map<string, Cursor>();
  for (const id of scene.expansions) await expandOnce(model, id, cursors);
  if (scene.path) await addPath(model, scene.path.from, scene.path.to);
  return model;
}

async function addNeighbourhood(model: GraphModel, id: string, depth: number, limit: number): Promise<void> {
  const answer = await read<NeighborhoodAnswer>(NEIGHBORHOOD, { id, depth, limit });
  if (!answer.entity) {
    model.notices.push(`No entity has the id “${id}”.`);
    return;
  }
  for (const node of answer.neighborhood.nodes) model.nodes.set(node.id, node);
  for (const r of answer.neighborhood.relationships) model.edges.set(r.id, edgeOf(r));
  model.totals.set(id, answer.entity.relationships.totalCount);
  model.truncated = answer.neighborhood.truncated;
}

/**
 * One expansion step of `id`: its relationships in the API's order, from where the previous step
 * stopped, until EXPANSION_SIZE new neighbours are drawn (a bounded number of pages at most).
 */
async function expandOnce(model: GraphModel, id: string, cursors: Map<string, Cursor>): Promise<void> {
  const cursor = cursors.get(id) ?? { after: null, exhausted: false };
  cursors.set(id, cursor);
  if (!model.expanded.includes(id)) model.expanded.push(id);
  let added = 0;
  for (let page = 0; page < EXPANSION_MAX_PAGES && !cursor.exhausted; page++) {
    const answer = await read<RelationshipPageAnswer>(RELATIONSHIP_PAGE, {
      id,
      first: EXPANSION_PAGE,
      after: cursor.after,
    });
    const entity = answer.entity;
    if (!entity) {
      model.notices.push(`No entity has the id “${id}”; it cannot be expanded.`);
      cursor.exhausted = true;
      return;
    }
    model.totals.set(id, entity.relationships.totalCount);
    if (!model.nodes.has(id)) {
      const self = entity.relationships.edges[0]?.node;
      const ref = self ? (self.from.id === id ? self.from : self.to) : null;
      if (ref) model.nodes.set(id, ref);
    }
    for (const { cursor: edgeCursor, node } of entity.relationships.edges) {
      const other = node.from.id === id ? node.to : node.from;
      const isNew = !model.nodes.has(other.id);
      if (isNew && added === EXPANSION_SIZE) return;
      if (isNew) {
        model.nodes.set(other.id, other);
        added += 1;
      }
      if (!model.nodes.has(node.from.id)) model.nodes.set(node.from.id, node.from);
      if (!model.nodes.has(node.to.id)) model.nodes.set(node.to.id, node.to);
      model.edges.set(node.id, { id: node.id, type: node.type, source: node.from.id, target: node.to.id });
      cursor.after = edgeCursor;
    }
    if (!entity.relationships.pageInfo.hasNextPage) cursor.exhausted = true;
  }
}

async function addPath(model: GraphModel, from: string, to: string): Promise<void> {
  const answer = await read<PathsAnswer>(PATHS, { from, to });
  const first = answer.paths[0];
  if (!first) {
    model.notices.push("No path of at most 6 relationships links these two entities.");
    return;
  }
  for (const node of first.nodes) model.nodes.set(node.id, node);
  const edges = first.relationships.map(edgeOf);
  for (const edge of edges) model.edges.set(edge.id, edge);
  model.path = {
    nodes: first.nodes.map((n) => n.id),
    edges: edges.map((e) => e.id),
    steps: edges.map((edge, i) => ({
      from: first.nodes[i] as EntityRef,
      edge,
      to: first.nodes[i + 1] as EntityRef,
    })),
    length: first.length,
    alternatives: answer.paths.length,
  };
}

/** Relationships of `id` not drawn: its total less the drawn ones that touch it. */
export function undrawn(model: GraphModel, id: string): number {
  const total = model.totals.get(id);
  if (total === undefined) return 0;
  let drawn = 0;
  for (const edge of model.edges.values()) if (edge.source === id || edge.target === id) drawn += 1;
  return Math.max(0, total - drawn);
}
