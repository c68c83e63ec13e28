/** The side panel: an entity's or a relationship's details, with its citations in context. */
import { read } from "./api";
import { citationList } from "./citations";
import { add, button, h } from "./dom";
import { colourOf, kindLabel } from "./kinds";
import type { GraphModel } from "./model";
import {
  ENTITY_DETAILS,
  RELATIONSHIP_DETAILS,
  type EntityDetailsAnswer,
  type EntityRef,
  type RelationshipDetailsAnswer,
} from "./queries";
import { attachSearch } from "./search";

export interface PanelActions {
  select(id: string): void;
  focus(id: string): void;
  expand(id: string): void;
  path(from: string, to: string): void;
  clearPath(): void;
}

export function kindTag(kind: string): HTMLElement {
  return h("span", { class: "kind-tag", style: `background:${colourOf(kind)}` }, kindLabel(kind));
}

function entityLink(entity: EntityRef, actions: PanelActions): HTMLElement {
  return button(entity.name, () => actions.select(entity.id), { class: "linkish", "data-id": entity.id });
}

export async function entityPanel(
  id: string,
  model: GraphModel,
  relationshipMeaning: Map<string, string>,
  actions: PanelActions,
): Promise<HTMLElement> {
  const { entity } = await read<EntityDetailsAnswer>(ENTITY_DETAILS, { id });
  if (!entity) return h("p", {}, `No entity has the id “${id}”.`);
  const drawn = [...model.edges.values()].filter((e) => e.source === id || e.target === id);
  const total = entity.relationships.totalCount;
  const root = h(
    "div",
    { "data-entity": entity.id },
    kindTag(entity.kind),
    h("h2", {}, entity.name),
    entity.aliases.length > 0 ? h("p", { class: "muted" }, `Also: ${entity.aliases.join(", ")}`) : null,
    entity.description ? h("p", {}, entity.description) : null,
    entity.date ? h("p", {}, `Date: ${entity.date}`) : null,
    entity.partOf ? h("p", {}, "Part of ", entityLink({ ...entity.partOf, kind: "PLACE" }, actions)) : null,
    h(
      "p",
      { class: "muted", "data-relationship-total": String(total) },
      `${total} relationships, ${drawn.length} drawn.`,
    ),
  );
  const pathInput = h("input", {
    type: "search",
    placeholder: "Path to… (search)",
    "aria-label": "Find a path from this entity to another",
    autocomplete: "off",
  });
  const pathResults = h("ul", { class: "path-results", role: "listbox" });
  attachSearch(pathInput, pathResults, (hit) => actions.path(entity.id, hit.id));
  root.append(
    h(
      "div",
      { class: "actions" },
      button("Focus here", () => actions.focus(entity.id), { "data-action": "focus" }),
      button(
        drawn.length < total ? `Expand (${total - drawn.length} not drawn)` : "Expand",
        () => actions.expand(entity.id),
        {
          "data-action": "expand",
        },
      ),
    ),
    h("div", { class: "search path-search" }, pathInput, pathResults),
  );

  const neighbours = drawn
    .map((e) => ({ edge: e, other: model.nodes.get(e.source === id ? e.target : e.source) }))
    .filter((x): x is { edge: (typeof drawn)[number]; other: EntityRef } => x.other !== undefined);
  if (neighbours.length > 0) {
    add(
      root,
      h("h3", {}, `Drawn relationships (${neighbours.length})`),
      h(
        "ul",
        {},
        ...neighbours.slice(0, 30).map(({ edge, other }) =>
          h(
            "li",
            {},
            button(edge.type, () => actions.select(edge.id), {
              class: "linkish",
              title: relationshipMeaning.get(edge.type) ?? "",
            }),
            edge.source === id ? " → " : " ← ",
            entityLink(other, actions),
          ),
        ),
      ),
      neighbours.length > 30
        ? h("p", { class: "muted" }, `and ${neighbours.length - 30} more on the graph`)
        : null,
    );
  }

  const stats = entity.statistics;
  if (stats.totalCount > 0) {
    add(
      root,
      h("h3", {}, `Statistics (${stats.totalCount})`),
      h(
        "ul",
        {},
        ...stats.edges.map(({ node }) =>
          h(
            "li",
            {},
            `${node.metric}: ${comparatorWord(node.comparator)}${formatValue(node.value)} ${node.unit}${node.period ? ` (${node.period})` : ""}`,
            node.citations[0] ? citationList(node.citations, 1) : null,
          ),
        ),
      ),
      stats.totalCount > stats.edges.length
        ? h(
            "p",
            { class: "muted" },
            `${stats.edges.length} of ${stats.totalCount} shown; the query editor lists all.`,
          )
        : null,
    );
  }
  const quotes = entity.quotes;
  if (quotes && quotes.totalCount > 0) {
    add(
      root,
      h("h3", {}, `Quotes (${quotes.totalCount})`),
      ...quotes.edges.map(({ node }) => citationList([node.citation], 1)),
      quotes.totalCount > quotes.edges.length
        ? h("p", { class: "muted" }, `${quotes.edges.length} of ${quotes.totalCount} shown.`)
        : null,
    );
  }
  root.append(
    h("h3", {}, `Citations (${entity.citations.length})`),
    h("div", { "data-section": "citations" }, citationList(entity.citations)),
  );
  return root;
}

export async function relationshipPanel(
  id: string,
  relationshipMeaning: Map<string, string>,
  actions: PanelActions,
): Promise<HTMLElement> {
  const { node } = await read<RelationshipDetailsAnswer>(RELATIONSHIP_DETAILS, { id });
  if (!node) return h("p", {}, `No relationship has the id “${id}”.`);
  const properties = Object.entries(node.properties);
  return h(
    "div",
    { "data-relationship": node.id },
    h("span", { class: "kind-tag", style: "background:#5b6670" }, "Relationship"),
    h("h2", {}, node.type),
    h("p", {}, entityLink(node.from, actions), ` —${node.type}→ `, entityLink(node.to, actions)),
    h("p", { class: "muted" }, relationshipMeaning.get(node.type) ?? ""),
    node.background
      ? h("p", { class: "muted" }, "Background knowledge: the sources take it for granted.")
      : null,
    h("h3", {}, "Properties"),
    properties.length > 0
      ? h(
          "ul",
          {},
          ...properties.map(([k, v]) =>
            h("li", {}, `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`),
          ),
        )
      : h("p", { class: "muted" }, "None."),
    h("h3", {}, `Citations (${node.citations.length})`),
    citationList(node.citations),
  );
}

export function pathPanel(model: GraphModel, actions: PanelActions): HTMLElement | null {
  const path = model.path;
  if (!path) return null;
  return h(
    "section",
    { class: "path", "data-path-length": String(path.length) },
    h("h3", {}, `Path: ${path.length} step${path.length === 1 ? "" : "s"}`),
    path.alternatives > 1
      ? h("p", { class: "muted" }, `One of ${path.alternatives} shortest paths of this length.`)
      : null,
    h(
      "ol",
      { class: "path-steps" },
      ...path.steps.map((step) =>
        h(
          "li",
          {},
          entityLink(step.from, actions),
          " ",
          button(
            step.edge.source === step.from.id ? `—${step.edge.type}→` : `←${step.edge.type}—`,
            () => actions.select(step.edge.id),
            {
              class: "linkish",
            },
          ),
          " ",
          entityLink(step.to, actions),
        ),
      ),
    ),
    button("Clear path", () => actions.clearPath(), { "data-action": "clear-path" }),
  );
}

function comparatorWord(comparator: string): string {
  const words: Record<string, string> = {
    APPROXIMATELY: "about ",
    MORE_THAN: "more than ",
    AT_LEAST: "at least ",
    LESS_THAN: "less than ",
    AT_MOST: "at most ",
  };
  return words[comparator] ?? "";
}

function formatValue(value: number): string {
  return new Intl.NumberFormat("en", { maximumFractionDigits: 3 }).format(value);
}
