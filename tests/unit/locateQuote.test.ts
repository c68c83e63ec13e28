import { locateQuote } from "../../src/import/locateQuote";

const text = "Chongqing grew. Chongqing built trains to Istanbul, Türkiye. On Feb 26,  Chongqing acted.";

describe("locateQuote", () => {
  it("finds words that occur once, with offsets that slice back to them", () => {
    const found = locateQuote(text, "Istanbul, Türkiye");
    expect(found).toEqual({ start: 42, end: 59 });
    if ("start" in found) expect(text.slice(found.start, found.end)).toBe("Istanbul, Türkiye");
  });

  it("keeps whitespace exact (the double space is part of the words)", () => {
    expect(locateQuote(text, "Feb 26,  Chongqing")).toMatchObject({ start: 64 });
    expect(locateQuote(text, "Feb 26, Chongqing")).toEqual({
      problem: 'is not in the document text: "Feb 26, Chongqing"',
    });
  });

  it("asks for an occurrence when the words are ambiguous, and honours it", () => {
    expect(locateQuote(text, "Chongqing")).toEqual({
      problem: "occurs 3 times in the document text; add occurrence: 1 to 3 to say which",
    });
    expect(locateQuote(text, "Chongqing", 2)).toEqual({ start: 16, end: 25 });
    expect(locateQuote(text, "Chongqing", 4)).toEqual({
      problem: "occurrence 4 asked for, but the words occur 3 time(s)",
    });
  });

  it("rejects empty words", () => {
    expect(locateQuote(text, "")).toEqual({ problem: "is empty" });
  });
});
