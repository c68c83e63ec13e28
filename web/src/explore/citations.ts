/** A citation shown as the quoted words, highlighted, inside the words around them. */
import { splitContext } from "./context";
import { h } from "./dom";
import type { Citation } from "./queries";

/** Cuts the context at a word boundary so that it does not start or end mid-word. */
function trimStart(text: string): string {
  const space = text.search(/\s/);
  return space >= 0 && space < 40 ? `…${text.slice(space + 1)}` : `…${text}`;
}

function trimEnd(text: string): string {
  const space = text.search(/\s\S*$/);
  return space >= 0 && space > text.length - 40 ? `${text.slice(0, space)}…` : `${text}…`;
}

export function citationView(citation: Citation): HTMLElement {
  const around = splitContext(citation);
  const before = around.atStart ? around.before : trimStart(around.before);
  const after = around.atEnd ? around.after : trimEnd(around.after);
  const source = citation.document.url
    ? h(
        "a",
        { href: citation.document.url, rel: "noopener noreferrer", target: "_blank" },
        citation.document.title,
      )
    : h("span", {}, citation.document.title);
  return h(
    "blockquote",
    { class: "citation", "data-document": citation.document.id },
    before,
    h("mark", {}, citation.quote),
    after,
    h(
      "span",
      { class: "source" },
      source,
      citation.document.publisher ? ` · ${citation.document.publisher}` : "",
    ),
  );
}

/** The first `shown` citations, and a button for the rest: a long list never arrives all at once. */
export function citationList(citations: Citation[], shown = 3): HTMLElement {
  const list = h("div", { class: "citations" });
  const render = (count: number): void => {
    list.replaceChildren(...citations.slice(0, count).map(citationView));
    if (citations.length > count) {
      const more = h(
        "button",
        { type: "button", class: "linkish" },
        `Show all ${citations.length} citations`,
      );
      more.addEventListener("click", () => render(citations.length));
      list.append(more);
    }
  };
  render(shown);
  if (citations.length === 0) list.append(h("p", { class: "muted" }, "No citations."));
  return list;
}
