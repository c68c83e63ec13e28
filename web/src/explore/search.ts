/** Type-ahead over the `search` query: a combobox with a listbox, arrows to move, Enter to pick. */
import { read } from "./api";
import { h } from "./dom";
import { kindLabel, colourOf } from "./kinds";
import { SEARCH, type EntityRef, type SearchAnswer } from "./queries";

const DEBOUNCE_MS = 150;

export function attachSearch(
  input: HTMLInputElement,
  results: HTMLElement,
  choose: (hit: EntityRef) => void,
): void {
  let hits: EntityRef[] = [];
  let active = -1;
  let timer: number | undefined;
  let asked = 0;
  results.hidden = true;

  const close = (): void => {
    results.hidden = true;
    input.setAttribute("aria-expanded", "false");
    active = -1;
  };
  const pick = (hit: EntityRef | undefined): void => {
    if (!hit) return;
    close();
    input.value = hit.name;
    choose(hit);
  };
  const render = (): void => {
    results.replaceChildren(
      ...hits.map((hit, i) => {
        const item = h(
          "li",
          {
            role: "option",
            id: `${results.id || "r"}-${i}`,
            "aria-selected": String(i === active),
            "data-id": hit.id,
          },
          h("span", { class: "kind", style: `background:${colourOf(hit.kind)}` }, kindLabel(hit.kind)),
          h("span", {}, hit.name),
        );
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          pick(hit);
        });
        return item;
      }),
    );
    if (hits.length === 0 && input.value.trim()) results.append(h("li", { class: "muted" }, "No match."));
    results.hidden = input.value.trim() === "";
    input.setAttribute("aria-expanded", String(!results.hidden));
  };
  const ask = async (): Promise<void> => {
    const text = input.value.trim();
    const mine = ++asked;
    if (!text) {
      hits = [];
      close();
      return;
    }
    try {
      const answer = await read<SearchAnswer>(SEARCH, { text: text.slice(0, 200) });
      if (mine !== asked) return;
      hits = answer.search.map((hit) => hit.entity);
      active = hits.length > 0 ? 0 : -1;
      render();
    } catch (error) {
      if (mine !== asked) return;
      results.replaceChildren(h("li", { class: "muted" }, `Search failed: ${(error as Error).message}`));
      results.hidden = false;
    }
  };
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void ask(), DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (hits.length === 0) return;
      active = (active + (event.key === "ArrowDown" ? 1 : -1) + hits.length) % hits.length;
      render();
      input.setAttribute("aria-activedescendant", `${results.id || "r"}-${active}`);
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(hits[Math.max(active, 0)]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => window.setTimeout(close, 100));
}
