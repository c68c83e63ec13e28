import { textAfter, textBefore } from "../../src/graph/citationContext";

describe("a citation's context", () => {
  const text = "Alpha beta gamma delta epsilon.";
  const start = text.indexOf("gamma");
  const end = start + "gamma".length;

  it("takes up to chars characters on either side of the quote", () => {
    expect(textBefore(text, start, 5)).toBe("beta ");
    expect(textAfter(text, end, 6)).toBe(" delta");
    expect(textBefore(text, start, 0)).toBe("");
  });

  it("stops at the text's edges", () => {
    expect(textBefore(text, start, 500)).toBe("Alpha beta ");
    expect(textAfter(text, end, 500)).toBe(" delta epsilon.");
  });

  it("never cuts a surrogate pair in half", () => {
    const emoji = "x😀y😀z"; // each 😀 is two UTF-16 units
    const at = emoji.indexOf("z");
    expect(textBefore(emoji, at, 2)).toBe("😀");
    expect(textBefore(emoji, at, 1)).toBe("");
    expect(textAfter(emoji, 1, 1)).toBe("");
    expect(textAfter(emoji, 1, 3)).toBe("😀y");
  });
});
