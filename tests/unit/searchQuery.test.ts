import { GraphQLError } from "graphql";
import { buildSearchQuery, MAX_SEARCH_TEXT } from "../../src/graph/searchQuery";
import { foldText, searchWords } from "../../src/graph/searchText";

describe("buildSearchQuery", () => {
  it("asks names and aliases for every word, the last as a prefix; fuzzy and descriptions apart", () => {
    expect(buildSearchQuery("Hu Hen")).toEqual({
      words: ["hu", "hen"],
      names: "+((+nameStarts:hu_ +name:hen*)^2 (+aliasStarts:hu_ +aliases:hen*)) name:(hu hen)^4",
      fuzzy: null,
      described: "+(+description:hu +description:hen*)",
    });
    expect(buildSearchQuery("Chongquing")?.fuzzy).toBe(
      "+((+(name:chongquing* name:chongquing~2))^2 (+(aliases:chongquing* aliases:chongquing~2)))",
    );
    expect(buildSearchQuery("land sea")?.fuzzy).toBe(
      "+((+(name:land* name:land~1) +name:sea*)^2 (+(aliases:land* aliases:land~1) +aliases:sea*))",
    );
  });

  it("counts a word's length in characters: two astral letters are a starts term, with no typo tier", () => {
    const word = searchWords("𐐀𐐁")[0] ?? "";
    expect([...word]).toHaveLength(2);
    expect(word).toHaveLength(4);
    expect(buildSearchQuery("𐐀𐐁 land")?.fuzzy).toBe(
      `+((+nameStarts:${word}_ +(name:land* name:land~1))^2 (+aliasStarts:${word}_ +(aliases:land* aliases:land~1)))`,
    );
    expect(buildSearchQuery("𐐀𐐁")?.fuzzy).toBeNull();
  });

  it("makes kinds a clause of every query", () => {
    const query = buildSearchQuery("chon", ["SECTOR", "PLACE"]);
    expect(query?.names).toMatch(/^\+kind:\(sector place\) \+\(/);
    expect(query?.fuzzy).toMatch(/^\+kind:\(sector place\) \+\(/);
    expect(query?.described).toBe("+kind:(sector place) +(+description:chon*)");
  });

  it("asks a word of one or two letters as a term of the starts fields, never as a prefix query", () => {
    const query = buildSearchQuery("r");
    expect(query?.names).toBe("+((+nameStarts:r_)^2 (+aliasStarts:r_)) name:(r)^4");
    expect(query?.described).toBe("+(+description:r)");
    expect(buildSearchQuery("Ra")?.names).toContain("+nameStarts:ra_");
    expect(buildSearchQuery("ram")?.names).toContain("+name:ram*");
    expect(buildSearchQuery("Ærø")?.names).toContain("+name:aero*");
    for (const lucene of [query?.names, buildSearchQuery("vizaniva ra")?.fuzzy])
      expect(lucene).not.toMatch(/\b\w{1,2}\*/);
  });

  it("asks descriptions nothing for a one- or two-letter stop word: Lucene would drop the clause", () => {
    expect(buildSearchQuery("of", ["PLACE"])?.described).toBeNull();
    expect(buildSearchQuery("in chon")?.described).toBe("+(+description:chon*)");
    expect(buildSearchQuery("the")?.described).toBe("+(description:the*)");
  });

  it("does not require words the index drops (stop words, and a last word that may become one)", () => {
    expect(buildSearchQuery("mayor of chon")?.names).toBe(
      "+((+name:mayor* nameStarts:of_ +name:chon*)^2 (+aliases:mayor* aliasStarts:of_ +aliases:chon*)) name:(mayor chon)^4",
    );
    expect(buildSearchQuery("mayor o")?.names).toBe(
      "+((+name:mayor* nameStarts:o_)^2 (+aliases:mayor* aliasStarts:o_)) name:(mayor o)^4",
    );
  });

  it("matches Chinese characters as a phrase, in the order typed, with no prefix or fuzzy term", () => {
    const query = buildSearchQuery("重庆");
    expect(query?.words).toEqual(["重", "庆"]);
    expect(query?.names).toBe('+((+name:"重庆")^2 (+aliases:"重庆"))');
    expect(query?.fuzzy).toBeNull();
    expect(buildSearchQuery("庆重")?.names).toBe('+((+name:"庆重")^2 (+aliases:"庆重"))');
    expect(buildSearchQuery("重庆 city")?.names).toContain('+name:"重庆" +name:city*');
  });

  it.each(["AND (", "*", "~", '"', "\\", "name:x) OR (y", "' OR 1=1 //", "}{][^!&&||", "kind:person"])(
    "leaves no Lucene syntax from %p",
    (input) => {
      const query = buildSearchQuery(input);
      for (const lucene of [query?.names, query?.fuzzy, query?.described]) {
        const stripped = (lucene ?? "").replace(
          /\b(name|aliases|description|nameStarts|aliasStarts):|_\b|\^\d|~\d|[*+()]/g,
          " ",
        );
        expect(stripped).toMatch(/^[\p{L}\p{N} ]*$/u);
      }
    },
  );

  it("returns null when there is no word to search for", () => {
    expect(buildSearchQuery("  *** ~~ ")).toBeNull();
  });

  it("refuses text over the documented limit", () => {
    expect(() => buildSearchQuery("a".repeat(MAX_SEARCH_TEXT + 1))).toThrow(GraphQLError);
  });
});

describe("search text folding", () => {
  it.each([
    ["Türkiye", "turkiye"],
    ["Tu\u0308rkiye", "turkiye"],
    ["Łódź", "lodz"],
    ["Straße", "strasse"],
    ["İstanbul", "istanbul"],
    ["重庆", "重庆"],
  ])("folds %p like the index's analyzer: %p", (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it("splits Chinese into characters and everything else at non-letters", () => {
    expect(searchWords("中共重庆市委")).toEqual(["中", "共", "重", "庆", "市", "委"]);
    expect(searchWords("China-Europe Railway Express")).toEqual(["china", "europe", "railway", "express"]);
    expect(searchWords("33618 clusters")).toEqual(["33618", "clusters"]);
  });
});
