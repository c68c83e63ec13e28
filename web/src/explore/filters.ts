/** The legend, which is also the filter: one checkbox per entity kind and relationship type drawn. */
import { h } from "./dom";
import { colourOf, kindLabel } from "./kinds";
import type { GraphModel } from "./model";
import type { Scene } from "./scene";

export interface FilterActions {
  toggleKind(kind: string, hidden: boolean): void;
  toggleType(type: string, hidden: boolean): void;
}

function count(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

export function renderFilters(
  target: HTMLElement,
  model: GraphModel,
  scene: Scene,
  meaning: Map<string, string>,
  actions: FilterActions,
): void {
  const kinds = count([...model.nodes.values()].map((n) => n.kind));
  const types = count([...model.edges.values()].map((e) => e.type));
  // A hidden kind or type stays listed even when the scene no longer holds it, so it can be shown again.
  for (const kind of scene.hiddenKinds) if (!kinds.has(kind)) kinds.set(kind, 0);
  for (const type of scene.hiddenTypes) if (!types.has(type)) types.set(type, 0);
  const box = (
    label: HTMLElement,
    hidden: boolean,
    onChange: (hidden: boolean) => void,
    name: string,
  ): HTMLElement => {
    const input = h("input", { type: "checkbox", "data-filter": name });
    input.checked = !hidden;
    input.addEventListener("change", () => onChange(!input.checked));
    return h("label", {}, input, label);
  };
  target.replaceChildren(
    h("h3", {}, "Entity kinds"),
    ...[...kinds].map(([kind, n]) =>
      box(
        h(
          "span",
          {},
          h("span", { class: "swatch", style: `background:${colourOf(kind)}` }),
          ` ${kindLabel(kind)} (${n})`,
        ),
        scene.hiddenKinds.includes(kind),
        (hidden) => actions.toggleKind(kind, hidden),
        `kind:${kind}`,
      ),
    ),
    h("h3", {}, "Relationship types"),
    ...[...types].map(([type, n]) =>
      box(
        h("span", { title: meaning.get(type) ?? "" }, `${type} (${n})`),
        scene.hiddenTypes.includes(type),
        (hidden) => actions.toggleType(type, hidden),
        `type:${type}`,
      ),
    ),
  );
}
