/**
 * The scene: everything needed to draw the page again, kept in the URL's query string so that a
 * reload restores it, a link shares it and Back undoes the last step. Pure (no DOM): the URL in,
 * a scene out, and back.
 */

export type Depth = 1 | 2;

export interface Scene {
  /** The entity whose neighbourhood is drawn; null draws nothing. */
  focus: string | null;
  depth: Depth;
  /** Nodes of the neighbourhood at most (the API allows 1 to 1000). */
  limit: number;
  /** Expansions in the order they were made (one id per "+N more" step; an id may repeat). */
  expansions: string[];
  hiddenKinds: string[];
  hiddenTypes: string[];
  path: { from: string; to: string } | null;
  /** The node or relationship whose details are open. */
  selected: string | null;
}

export const DEFAULT_LIMIT = 150;
export const MAX_LIMIT = 1000;
/** Expansion steps a URL may carry: a scene is rebuilt by replaying them, each a bounded read. */
export const MAX_EXPANSIONS = 40;

export const EMPTY_SCENE: Scene = {
  focus: null,
  depth: 1,
  limit: DEFAULT_LIMIT,
  expansions: [],
  hiddenKinds: [],
  hiddenTypes: [],
  path: null,
  selected: null,
};

const list = (params: URLSearchParams, name: string): string[] =>
  params
    .getAll(name)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

export function sceneFromSearch(search: string): Scene {
  const params = new URLSearchParams(search);
  const focus = params.get("focus")?.trim() || null;
  const limit = Number(params.get("limit") ?? DEFAULT_LIMIT);
  const from = params.get("from")?.trim();
  const to = params.get("to")?.trim();
  return {
    focus,
    depth: params.get("depth") === "2" ? 2 : 1,
    limit: Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT ? limit : DEFAULT_LIMIT,
    expansions: list(params, "expand").slice(0, MAX_EXPANSIONS),
    hiddenKinds: list(params, "hideKind"),
    hiddenTypes: list(params, "hideType"),
    path: from && to ? { from, to } : null,
    selected: params.get("select")?.trim() || null,
  };
}

export function searchOfScene(scene: Scene): string {
  const params = new URLSearchParams();
  if (scene.focus) params.set("focus", scene.focus);
  if (scene.depth !== 1) params.set("depth", String(scene.depth));
  if (scene.limit !== DEFAULT_LIMIT) params.set("limit", String(scene.limit));
  for (const id of scene.expansions) params.append("expand", id);
  for (const kind of scene.hiddenKinds) params.append("hideKind", kind);
  for (const type of scene.hiddenTypes) params.append("hideType", type);
  if (scene.path) {
    params.set("from", scene.path.from);
    params.set("to", scene.path.to);
  }
  if (scene.selected) params.set("select", scene.selected);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Two scenes that draw the same graph (the selection only opens a panel). */
export function sameGraph(a: Scene, b: Scene): boolean {
  return searchOfScene({ ...a, selected: null }) === searchOfScene({ ...b, selected: null });
}
