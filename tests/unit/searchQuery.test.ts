import { GraphQLError } from "graphql";
import { buildSearchQuery, MAX_SEARCH_TEXT } from "../../src/graph/searchQuery";

describe("buildSearchQuery", () => {
  const inFields = (terms: string): string =>
    `name:(${terms})^4 OR aliases:(${terms})^3 OR description:(${terms})`;

  it("matches each word exactly, fuzzily, and the last one as a prefix, name first", () => {
    expect(buildSearchQuery("Chongqing")).toBe(inFields("(chongqing^4 OR chongqing~2 OR chongqing*^2)"));
    expect(buildSearchQuery("Land Sea")).toBe(inFields("(land^4 OR land~1) OR (sea^4 OR sea*^2)"));
  });

  it("folds accents in the fuzzy and prefix terms", () => {
    expect(buildSearchQuery("Türkiye")).toBe(inFields("(türkiye^4 OR turkiye~1 OR turkiye*^2)"));
  });

  it.each(["AND (", "*", "~", '"', "\\", "name:x) OR (y", "' OR 1=1 //", "}{][^!&&||"])(
    "leaves no Lucene syntax from %p",
    (input) => {
      const query = buildSearchQuery(input);
      const stripped = (query ?? "").replace(/\b(name|aliases|description):|\^\d|~\d|\*\^2| OR |[()]/g, " ");
      expect(stripped).toMatch(/^[\p{L}\p{N} ]*$/u);
    },
  );

  it("returns null when there is no word to search for", () => {
    expect(buildSearchQuery("  *** ~~ ")).toBeNull();
  });

  it("keeps Chinese names as words", () => {
    expect(buildSearchQuery("重庆")).toBe(inFields("(重庆^4 OR 重庆*^2)"));
  });

  it("refuses text over the documented limit", () => {
    expect(() => buildSearchQuery("a".repeat(MAX_SEARCH_TEXT + 1))).toThrow(GraphQLError);
  });
});
