import { locateQuote, locateQuotes, type QuoteRequest } from "../../src/import/locateQuote";

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

describe("locateQuotes (one pass for all quotes)", () => {
  it("answers as locateQuote does, for every request", () => {
    const requests: QuoteRequest[] = [
      { quote: "Istanbul, Türkiye" },
      { quote: "Feb 26,  Chongqing" },
      { quote: "Feb 26, Chongqing" },
      { quote: "Chongqing" },
      { quote: "Chongqing", occurrence: 2 },
      { quote: "Chongqing", occurrence: 4 },
      { quote: "" },
      { quote: "g" },
      { quote: "Chongqing grew. Chongqing" },
    ];
    expect(locateQuotes(text, requests)).toEqual(
      requests.map((r) => locateQuote(text, r.quote, r.occurrence)),
    );
  });

  it("agrees with locateQuote on random texts, overlapping and nested quotes included", () => {
    // A tiny alphabet makes overlaps (aa in aaa), quotes inside quotes and failure links common.
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (length: number): string => Array.from({ length }, () => "ab€\u{1F600}"[random(4)]).join("");
    for (let round = 0; round < 200; round += 1) {
      const sample = word(1 + random(60));
      const requests = Array.from({ length: 1 + random(12) }, () => {
        const quote =
          random(3) === 0
            ? word(1 + random(4))
            : sample.slice(random(sample.length), random(sample.length) + 1 + random(6));
        return random(2) === 0 ? { quote } : { quote, occurrence: 1 + random(5) };
      });
      expect(locateQuotes(sample, requests)).toEqual(
        requests.map((r) => locateQuote(sample, r.quote, r.occurrence)),
      );
    }
  });
});
