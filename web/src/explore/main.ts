/**
 * The explorer page (/explore): wires the search, the drawing, the panel, the filters and the URL.
 * Every step that changes the graph is a new scene pushed onto the history; selecting only
 * replaces the current entry, so Back undoes the last change to the graph.
 */
import { read } from "./api";
import { byId, h } from "./dom";
import { renderFilters } from "./filters";
import { toGraphml } from "./graphml";
import { emptyModel, loadModel, type GraphModel } from "./model";
import { entityPanel, pathPanel, relationshipPanel, type PanelActions } from "./panel";
import { EXPANSION_SIZE, NEIGHBORHOOD, RELATIONSHIP_TYPES, type RelationshipTypesAnswer } from "./queries";
import { EMPTY_SCENE, MAX_EXPANSIONS, sameGraph, sceneFromSearch, searchOfScene, type Scene } from "./scene";
import { attachSearch } from "./search";
import { GraphView, MORE_PREFIX } from "./view";

const graphEl = byId<HTMLDivElement>("graph");
const panelEl = byId<HTMLElement>("panel");
const panelBody = byId<HTMLDivElement>("panel-body");
const noticeEl = byId<HTMLParagraphElement>("notice");
const filtersEl = byId<HTMLElement>("filters");
const emptyEl = byId<HTMLParagraphElement>("empty");
const searchInput = byId<HTMLInputElement>("search-input");
const depthSelect = byId<HTMLSelectElement>("depth");
const graphiqlLink = byId<HTMLAnchorElement>("open-graphiql");

const meaning = new Map<string, string>();
let scene: Scene = EMPTY_SCENE;
let model: GraphModel = emptyModel();
let generation = 0;
/** The scene whose graph is on screen: a load overtaken by a newer step never gets there. */
let drawn: Scene | null = null;

type How = "initial" | "push" | "replace" | "pop";

function setStatus(status: "empty" | "loading" | "ready" | "error"): void {
  graphEl.dataset.status = status;
  // When the page last became ready, in ms since navigation (the benchmark reads it).
  if (status === "ready") graphEl.dataset.readyAt = String(Math.round(performance.now()));
}

function urlOf(next: Scene): string {
  return `${location.pathname}${searchOfScene(next)}`;
}

async function show(next: Scene, how: How): Promise<void> {
  scene = next;
  if (how === "push") history.pushState(null, "", urlOf(next));
  if (how === "replace") history.replaceState(null, "", urlOf(next));
  const mine = ++generation;
  depthSelect.value = String(next.depth);
  emptyEl.hidden = next.focus !== null || next.path !== null;
  if (how === "initial" || drawn === null || !sameGraph(drawn, next)) {
    setStatus("loading");
    noticeEl.className = "";
    noticeEl.textContent = "Loading…";
    let loaded: GraphModel;
    try {
      loaded = await loadModel(next);
    } catch (error) {
      if (mine !== generation) return;
      noticeEl.className = "error";
      noticeEl.textContent = `Could not load the scene: ${(error as Error).message}`;
      setStatus("error");
      return;
    }
    if (mine !== generation) return;
    const fresh =
      drawn === null ||
      drawn.focus !== next.focus ||
      drawn.depth !== next.depth ||
      drawn.limit !== next.limit;
    model = loaded;
    // The panel takes room from the graph: size the canvas before laying out and fitting.
    panelEl.hidden = !next.selected && !loaded.path;
    view.resize();
    const stats = view.draw(model, next, fresh);
    drawn = next;
    noticeEl.textContent = describe(stats);
    renderFilters(filtersEl, model, next, meaning, filterActions);
    updateGraphiqlLink(next);
  }
  view.select(next.selected);
  await showPanel(next, mine);
  if (mine === generation) setStatus(next.focus || next.path ? "ready" : "empty");
}

function describe(stats: ReturnType<GraphView["draw"]>): string {
  if (!scene.focus && !scene.path) return model.notices.join(" ");
  const parts = [`${stats.nodes} entities and ${stats.relationships} relationships drawn.`];
  if (model.truncated)
    parts.push(
      `The neighbourhood was cut at ${scene.limit} entities (nearest first): expand a node to draw more.`,
    );
  if (stats.more > 0)
    parts.push(
      `“+N more” nodes count relationships not drawn yet: click one to draw the next ${EXPANSION_SIZE}.`,
    );
  if (stats.hiddenNodes + stats.hiddenRelationships > 0)
    parts.push(
      `${stats.hiddenNodes} entities and ${stats.hiddenRelationships} relationships hidden by filters.`,
    );
  parts.push(...model.notices);
  return parts.join(" ");
}

async function showPanel(next: Scene, mine: number): Promise<void> {
  const pathSection = pathPanel(model, panelActions);
  const id = next.selected;
  if (!id && !pathSection) {
    panelEl.hidden = true;
    panelBody.replaceChildren();
    view.resize();
    return;
  }
  panelEl.hidden = false;
  view.resize();
  panelEl.dataset.status = "loading";
  let details: HTMLElement | null = null;
  try {
    if (id && id.startsWith("relationship:")) details = await relationshipPanel(id, meaning, panelActions);
    else if (id) details = await entityPanel(id, model, meaning, panelActions);
  } catch (error) {
    details = h("p", { class: "error" }, `Could not load the details: ${(error as Error).message}`);
  }
  if (mine !== generation) return;
  panelBody.replaceChildren(
    ...(pathSection ? [pathSection] : []),
    ...(details ? [details] : []),
    h("p", {}, h("a", { href: graphiqlLink.href, "data-action": "graphiql" }, "Open this in a query editor")),
  );
  panelEl.dataset.status = "ready";
}

function updateGraphiqlLink(next: Scene): void {
  const params = new URLSearchParams();
  if (next.focus) {
    params.set("query", NEIGHBORHOOD);
    params.set(
      "variables",
      JSON.stringify({ id: next.focus, depth: next.depth, limit: next.limit }, null, 2),
    );
  }
  graphiqlLink.href = `/graphiql${params.size > 0 ? `?${params.toString()}` : ""}`;
}

function change(update: Partial<Scene>): void {
  void show({ ...scene, ...update }, "push");
}

function expand(id: string): void {
  if (scene.expansions.length >= MAX_EXPANSIONS) {
    noticeEl.textContent = `A scene holds at most ${MAX_EXPANSIONS} expansions: focus on a node to start a new one.`;
    return;
  }
  change({ expansions: [...scene.expansions, id] });
}

const panelActions: PanelActions = {
  select: (id) => void show({ ...scene, selected: id }, "replace"),
  focus: (id) => change({ focus: id, expansions: [], path: null, selected: id }),
  expand,
  path: (from, to) => change({ path: { from, to }, selected: null }),
  clearPath: () => change({ path: null }),
};

const filterActions = {
  toggleKind: (kind: string, hidden: boolean): void =>
    change({
      hiddenKinds: hidden ? [...scene.hiddenKinds, kind] : scene.hiddenKinds.filter((k) => k !== kind),
    }),
  toggleType: (type: string, hidden: boolean): void =>
    change({
      hiddenTypes: hidden ? [...scene.hiddenTypes, type] : scene.hiddenTypes.filter((t) => t !== type),
    }),
};

const view = new GraphView(graphEl, {
  select: (id) => {
    if (id !== scene.selected) void show({ ...scene, selected: id }, "replace");
  },
  more: (owner) => expand(owner),
  expand,
});

attachSearch(searchInput, byId("search-results"), (hit) =>
  change({ ...EMPTY_SCENE, depth: scene.depth, focus: hit.id, selected: hit.id }),
);

depthSelect.addEventListener("change", () =>
  change({ depth: depthSelect.value === "2" ? 2 : 1, expansions: [] }),
);

const filtersToggle = byId<HTMLButtonElement>("toggle-filters");
filtersToggle.addEventListener("click", () => {
  filtersEl.hidden = !filtersEl.hidden;
  filtersToggle.setAttribute("aria-expanded", String(!filtersEl.hidden));
});
byId("panel-close").addEventListener("click", () => panelActions.select(""));

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fileStem(): string {
  return (scene.focus ?? "scene").replace(/[^\w-]+/g, "_");
}

byId("export-png").addEventListener("click", () => {
  const blob = view.cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
  download(`${fileStem()}.png`, blob);
});
byId("export-graphml").addEventListener("click", () => {
  const shown = (e: { hasClass(name: string): boolean }): boolean =>
    !e.hasClass("hidden") && !e.hasClass("more");
  const nodes = view.cy
    .nodes()
    .filter(shown)
    .map((n) => ({ id: n.id(), name: String(n.data("name")), kind: String(n.data("kind")) }));
  const edges = view.cy
    .edges()
    .filter(shown)
    .map((e) => ({
      id: e.id(),
      type: String(e.data("type")),
      source: String(e.data("source")),
      target: String(e.data("target")),
    }));
  download(`${fileStem()}.graphml`, new Blob([toGraphml(nodes, edges)], { type: "application/graphml+xml" }));
});

function moveSelection(step: 1 | -1): void {
  const ids = view.visibleNodeIds();
  if (ids.length === 0) return;
  const at = scene.selected ? ids.indexOf(scene.selected) : -1;
  const next = ids[(at + step + ids.length) % ids.length];
  if (next) panelActions.select(next);
}

document.addEventListener("keydown", (event) => {
  const target = event.target instanceof HTMLElement ? event.target : document.body;
  const typing = target.matches("input, select, textarea") || target.isContentEditable;
  if (event.key === "Escape") {
    if (typing) (target as HTMLInputElement).blur();
    else if (scene.selected) panelActions.select("");
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const selectedNode = scene.selected && !scene.selected.startsWith("relationship:") ? scene.selected : null;
  if (event.key === "/") {
    event.preventDefault();
    searchInput.focus();
    searchInput.select();
  } else if (event.key === "n") moveSelection(1);
  else if (event.key === "p") moveSelection(-1);
  else if (event.key === "e" && selectedNode) expand(selectedNode);
  else if (event.key === "f" && selectedNode) panelActions.focus(selectedNode);
  else if (event.key === "Enter" && selectedNode && panelEl.hidden) panelActions.select(selectedNode);
});

window.addEventListener("popstate", () => void show(sceneFromSearch(location.search), "pop"));

void read<RelationshipTypesAnswer>(RELATIONSHIP_TYPES, {})
  .then((answer) => {
    for (const t of answer.relationshipTypes) meaning.set(t.type, t.description);
  })
  .catch(() => undefined);

void show(sceneFromSearch(location.search), "initial");
// Tests and scripts read these; nothing else depends on them.
Object.assign(window, { __explorer: { view, moreId: (owner: string) => `${MORE_PREFIX}${owner}` } });
