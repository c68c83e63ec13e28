import { evaluateGoldSet, goldDictionary, readGoldSet } from "../../support/linkingGold";

// The linking quality targets of issue #16 on the hand-labelled gold set (tests/fixtures/linking).
// Quality, not speed: `npm run bench:linking` prints the same figures with every wrong link.
describe("linking gold set", () => {
  const articles = readGoldSet();
  const report = evaluateGoldSet(articles, goldDictionary());

  it("has at least 20 articles whose labels quote their text", () => {
    expect(articles.length).toBeGreaterThanOrEqual(20);
    for (const article of articles) {
      for (const span of [...article.mentions, ...article.candidates]) {
        expect(article.text.slice(span.start, span.end)).toBe(span.quote);
      }
    }
  });

  it("reaches precision 0.95 and recall 0.90", () => {
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.9);
  });

  it("never matches inside a word, and quotes every mention verbatim", () => {
    expect(report.inWord).toEqual([]);
    expect(report.misquoted).toBe(0);
  });

  it("links nothing in the negative control", () => {
    const control = articles.filter((a) => a.id.includes("negative-control"));
    expect(control).toHaveLength(1);
    expect(evaluateGoldSet(control, goldDictionary()).overall.falsePositives).toBe(0);
  });

  it("chooses among homonyms by context (tests/fixtures/linking/homonyms)", () => {
    const homonyms = evaluateGoldSet(readGoldSet({ homonyms: true }), goldDictionary({ homonyms: true }));
    expect(homonyms.articles).toBeGreaterThan(articles.length);
    expect(homonyms.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(homonyms.overall.recall).toBeGreaterThanOrEqual(0.9);
    expect(homonyms.byMethod.CONTEXT?.truePositives).toBeGreaterThanOrEqual(5);
    expect(homonyms.byMethod.CONTEXT?.falsePositives).toBe(0);
    expect(homonyms.inWord).toEqual([]);
  });
});
