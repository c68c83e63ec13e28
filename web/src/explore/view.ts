/**
 * The drawing: Cytoscape.js on a canvas, laid out by fcose. A new scene is laid out whole; nodes
 * added to a drawn scene are placed around the node they hang from and only they are laid out
 * (the rest stays where the reader left it). The scene's counts are data attributes of the
 * container, for tests and scripts.
 */
import cytoscape, {
  type Core,
  type ElementDefinition,
  type EventObject,
  type LayoutOptions,
  type NodeSingular,
  type Position,
} from "cytoscape";
import fcose from "cytoscape-fcose";
import { colourOf, shapeOf } from "./kinds";
import { radialLayout } from "./radial";
import { undrawn, type GraphModel } from "./model";
import type { Scene } from "./scene";

cytoscape.use(fcose);

export const MORE_PREFIX = "more:";
/**
 * Up to this many nodes, fcose (force-directed) lays the scene out; past it, a radial layout by hops
 * from the focus (fcose's cost grows too fast: seconds at a few hundred nodes on a loaded 2-core box).
 */
const FORCE_LAYOUT_UP_TO = 120;

export interface ViewEvents {
  select(id: string | null): void;
  more(owner: string): void;
  expand(id: string): void;
}

export interface DrawStats {
  nodes: number;
  relationships: number;
  more: number;
  hiddenNodes: number;
  hiddenRelationships: number;
  layoutMs: number;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)",
      shape: "data(shape)" as never,
      label: "data(name)",
      width: 22,
      height: 22,
      "font-size": 9,
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-wrap": "ellipsis",
      "text-max-width": "120px",
      "min-zoomed-font-size": 7,
      color: "#1d2329",
      "text-outline-color": "#fff",
      "text-outline-width": 2,
      "border-width": 1,
      "border-color": "#fff",
    },
  },
  {
    selector: "node.focus",
    style: { width: 34, height: 34, "border-width": 3, "border-color": "#1d2329", "font-weight": "bold" },
  },
  {
    selector: "node.more",
    style: {
      shape: "round-rectangle",
      "background-color": "#1d2329",
      "border-style": "dashed",
      "border-width": 2,
      "border-color": "#fff",
      color: "#fff",
      "font-weight": "bold",
      "z-index": 100,
      label: "data(name)",
      "text-valign": "center",
      "text-margin-y": 0,
      width: "data(width)",
      height: 22,
      "font-size": 11,
      "text-outline-width": 0,
    } as cytoscape.Css.Node,
  },
  {
    selector: "edge",
    style: {
      width: 1.4,
      "line-color": "#b3bcc5",
      "target-arrow-color": "#b3bcc5",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.8,
      "curve-style": "bezier",
      "font-size": 9,
      color: "#5b6670",
      "text-rotation": "autorotate",
      "text-background-color": "#fff",
      "text-background-opacity": 1,
      "text-background-padding": "1px",
    },
  },
  { selector: "edge.more", style: { "line-style": "dashed", "target-arrow-shape": "none" } },
  { selector: "edge.labelled, edge:selected", style: { label: "data(type)" } },
  { selector: ".hidden", style: { display: "none" } },
  { selector: ".faded", style: { opacity: 0.22 } },
  { selector: "node.on-path", style: { "border-width": 4, "border-color": "#d62728" } },
  {
    selector: "edge.on-path",
    style: { width: 4, "line-color": "#d62728", "target-arrow-color": "#d62728", label: "data(type)" },
  },
  {
    selector: "node:selected",
    style: { "border-width": 4, "border-color": "#1f6feb", "overlay-opacity": 0 },
  },
  {
    selector: "edge:selected",
    style: { width: 3, "line-color": "#1f6feb", "target-arrow-color": "#1f6feb" },
  },
];

export class GraphView {
  readonly cy: Core;

  constructor(
    private readonly container: HTMLElement,
    events: ViewEvents,
  ) {
    this.cy = cytoscape({
      container,
      style: STYLE,
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: "single",
      textureOnViewport: true,
      hideEdgesOnViewport: true,
    });
    this.cy.on("tap", "node", (event: EventObject) => {
      const node = event.target as NodeSingular;
      const owner = node.data("owner") as string | undefined;
      if (owner) events.more(owner);
      else events.select(node.id());
    });
    this.cy.on("tap", "edge", (event: EventObject) => {
      const id = (event.target as NodeSingular).id();
      if (!id.startsWith(MORE_PREFIX)) events.select(id);
    });
    this.cy.on("dbltap", "node", (event: EventObject) => {
      const node = event.target as NodeSingular;
      if (!node.data("owner")) events.expand(node.id());
    });
    this.cy.on("tap", (event: EventObject) => {
      if (event.target === this.cy) events.select(null);
    });
    this.cy.on("mouseover", "edge", (event: EventObject) =>
      (event.target as NodeSingular).addClass("labelled"),
    );
    this.cy.on("mouseout", "edge", (event: EventObject) =>
      (event.target as NodeSingular).removeClass("labelled"),
    );
  }

  /** Brings the drawing to the model: removes what left, adds what came, lays out what is new. */
  draw(model: GraphModel, scene: Scene, fresh: boolean): DrawStats {
    const wanted = elementsOf(model, scene);
    const wantedIds = new Set(wanted.map((e) => e.data.id as string));
    const cy = this.cy;
    const started = performance.now();
    let added: cytoscape.CollectionReturnValue = cy.collection();
    cy.batch(() => {
      if (fresh) cy.elements().remove();
      cy.elements()
        .filter((e) => !wantedIds.has(e.id()))
        .remove();
      const toAdd: ElementDefinition[] = [];
      for (const element of wanted) {
        const existing = cy.getElementById(element.data.id as string);
        if (existing.nonempty()) {
          // Touch only what changes (a "+N more" count, the focus mark): restyling 2,000 elements costs.
          if (existing.hasClass("more") && existing.data("name") !== element.data.name)
            existing.data(element.data);
          const focus = element.data.id === scene.focus;
          if (existing.hasClass("focus") !== focus) existing.toggleClass("focus", focus);
        } else toAdd.push(element);
      }
      added = cy.add(toAdd);
    });
    this.applyFilters(model, scene);
    const addedNodes = added.nodes().not(".more");
    if (fresh || cy.nodes().not(".more").length === addedNodes.length) this.layoutAll(scene.focus);
    else if (addedNodes.nonempty()) this.layoutAround(addedNodes);
    this.placeMoreNodes();
    const layoutMs = Math.round(performance.now() - started);
    const visibleNodes = cy.nodes().not(".hidden");
    const visibleEdges = cy.edges().not(".hidden");
    const stats: DrawStats = {
      nodes: visibleNodes.not(".more").length,
      relationships: visibleEdges.not(".more").length,
      more: visibleNodes.filter(".more").length,
      hiddenNodes: cy.nodes(".hidden").not(".more").length,
      hiddenRelationships: cy.edges(".hidden").not(".more").length,
      layoutMs,
    };
    const data = this.container.dataset;
    data.nodes = String(stats.nodes);
    data.relationships = String(stats.relationships);
    data.more = String(stats.more);
    data.hiddenNodes = String(stats.hiddenNodes);
    data.hiddenRelationships = String(stats.hiddenRelationships);
    data.pathNodes = String(cy.nodes(".on-path").length);
    data.pathRelationships = String(cy.edges(".on-path").length);
    data.layoutMs = String(layoutMs);
    return stats;
  }

  /** After the container changed size (the panel opened or closed): keeps the same centre in view. */
  resize(): void {
    const before = { width: this.cy.width(), height: this.cy.height() };
    this.cy.resize();
    const dx = (this.cy.width() - before.width) / 2;
    const dy = (this.cy.height() - before.height) / 2;
    if (dx !== 0 || dy !== 0) this.cy.panBy({ x: dx, y: dy });
  }

  select(id: string | null): void {
    this.cy.elements(":selected").unselect();
    if (!id) return;
    const element = this.cy.getElementById(id);
    if (element.nonempty()) {
      element.select();
      if (element.isNode() && !element.visible()) return;
      if (element.isNode()) {
        const extent = this.cy.extent();
        const p = element.position();
        if (p.x < extent.x1 || p.x > extent.x2 || p.y < extent.y1 || p.y > extent.y2) this.cy.center(element);
      }
    }
  }

  /** Ids of the visible entity nodes, ordered by name (keyboard traversal). */
  visibleNodeIds(): string[] {
    return this.cy
      .nodes()
      .not(".hidden")
      .not(".more")
      .sort((a, b) => String(a.data("name")).localeCompare(String(b.data("name"))))
      .map((n) => n.id());
  }

  private applyFilters(model: GraphModel, scene: Scene): void {
    const hiddenKinds = new Set(scene.hiddenKinds);
    const hiddenTypes = new Set(scene.hiddenTypes);
    const path = model.path;
    const onPath = new Set([...(path?.nodes ?? []), ...(path?.edges ?? [])]);
    // The common case (no filter, no path, nothing marked yet) touches no element.
    if (
      hiddenKinds.size === 0 &&
      hiddenTypes.size === 0 &&
      !path &&
      this.cy.$(".hidden, .faded, .on-path").empty()
    )
      return;
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const owner = n.data("owner") as string | undefined;
        const kind = owner ? (model.nodes.get(owner)?.kind ?? "") : (n.data("kind") as string);
        n.toggleClass("hidden", hiddenKinds.has(kind));
      });
      this.cy.edges().forEach((e) => {
        const hidden =
          hiddenTypes.has(e.data("type") as string) ||
          e.source().hasClass("hidden") ||
          e.target().hasClass("hidden");
        e.toggleClass("hidden", hidden);
      });
      this.cy.elements().forEach((e) => {
        e.toggleClass("on-path", onPath.has(e.id()));
        e.toggleClass("faded", path !== null && !onPath.has(e.id()));
      });
    });
  }

  /** "+N more" sits just above the node it belongs to, drawn over the others so it is easy to click. */
  private placeMoreNodes(): void {
    this.cy.nodes(".more").forEach((more) => {
      const owner = this.cy.getElementById(String(more.data("owner")));
      if (owner.nonempty()) more.position({ x: owner.position().x, y: owner.position().y - 34 });
    });
  }

  private layoutAll(focus: string | null): void {
    const visible = this.cy.elements().not(".hidden").not(".more");
    const n = visible.nodes().length;
    if (n === 0) return;
    if (n === 1) {
      visible.nodes().first().position({ x: 0, y: 0 });
    } else if (n <= FORCE_LAYOUT_UP_TO) {
      visible.layout(fcoseOptions({ randomize: true, quality: "default" })).run();
    } else {
      const placements = radialLayout(
        visible.nodes().map((node) => node.id()),
        visible
          .edges()
          .map((edge) => ({ source: String(edge.data("source")), target: String(edge.data("target")) })),
        focus,
      );
      this.cy.batch(() => {
        for (const p of placements) this.cy.getElementById(p.id).position({ x: p.x, y: p.y });
      });
    }
    this.fitTo(this.cy.nodes().not(".hidden"), 30);
  }

  /**
   * Fits the nodes' centres and sizes into view. Cytoscape's own fit measures every label and edge
   * curve (1.5 s for 500 nodes on a loaded box); the nodes' bounding box without labels is enough.
   */
  private fitTo(nodes: cytoscape.NodeCollection, padding: number): void {
    if (nodes.empty()) return;
    const box = nodes.boundingBox({ includeLabels: false, includeOverlays: false, includeEdges: false });
    const width = this.cy.width();
    const height = this.cy.height();
    const zoom = Math.min(
      1.6,
      Math.max(
        0.05,
        Math.min((width - 2 * padding) / Math.max(box.w, 1), (height - 2 * padding) / Math.max(box.h, 1)),
      ),
    );
    this.cy.viewport({
      zoom,
      pan: { x: width / 2 - zoom * (box.x1 + box.w / 2), y: height / 2 - zoom * (box.y1 + box.h / 2) },
    });
  }

  /** New nodes go on a ring around the drawn node they hang from; then only they are laid out. */
  private layoutAround(added: cytoscape.NodeCollection): void {
    const anchors = new Map<string, NodeSingular[]>();
    added.forEach((node) => {
      const anchor = node
        .neighborhood("node")
        .filter((m) => !added.contains(m))
        .first();
      const key = anchor.nonempty() ? anchor.id() : "";
      anchors.set(key, [...(anchors.get(key) ?? []), node]);
    });
    const centre = this.cy.extent();
    for (const [anchorId, nodes] of anchors) {
      const anchor = anchorId ? this.cy.getElementById(anchorId) : null;
      const origin: Position = anchor?.nonempty()
        ? anchor.position()
        : { x: (centre.x1 + centre.x2) / 2, y: (centre.y1 + centre.y2) / 2 };
      const radius = 80 + nodes.length * 4;
      nodes.forEach((node, i) => {
        const angle = (2 * Math.PI * i) / nodes.length;
        node.position({ x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) });
      });
    }
    const visible = this.cy.elements().not(".hidden").not(".more");
    if (visible.nodes().length <= FORCE_LAYOUT_UP_TO) {
      // Small scenes: everything moves a little from where it was, so nothing overlaps.
      visible.layout(fcoseOptions({ randomize: false, quality: "default" })).run();
      return;
    }
    // Large scenes keep every drawn node where it is: the new ones stay on their rings.
  }
}

interface FcoseOptions {
  randomize: boolean;
  quality: "draft" | "default";
}

function fcoseOptions(options: FcoseOptions): LayoutOptions {
  return {
    name: "fcose",
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    packComponents: true,
    nodeRepulsion: () => 6500,
    idealEdgeLength: () => 70,
    numIter: 1500,
    ...options,
  } as unknown as LayoutOptions;
}

function elementsOf(model: GraphModel, scene: Scene): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (const node of model.nodes.values()) {
    elements.push({
      group: "nodes",
      data: {
        id: node.id,
        name: node.name,
        kind: node.kind,
        colour: colourOf(node.kind),
        shape: shapeOf(node.kind),
      },
      classes: node.id === scene.focus ? "focus" : "",
    });
  }
  for (const edge of model.edges.values()) {
    elements.push({ group: "edges", data: { ...edge } });
  }
  for (const owner of model.totals.keys()) {
    const count = undrawn(model, owner);
    if (count === 0 || !model.nodes.has(owner)) continue;
    const id = `${MORE_PREFIX}${owner}`;
    elements.push({
      group: "nodes",
      data: { id, owner, name: `+${count} more`, width: 16 + 7 * `+${count} more`.length },
      classes: "more",
    });
    elements.push({
      group: "edges",
      data: { id: `${id}|edge`, source: owner, target: id, type: "" },
      classes: "more",
    });
  }
  return elements;
}
