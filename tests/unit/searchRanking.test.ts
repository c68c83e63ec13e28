import { searchScore, SearchTier, searchTierParams } from "../../src/graph/searchRanking";
import { searchKey, searchWords } from "../../src/graph/searchText";

describe("searchScore", () => {
  it("falls as the rank does: by tier, then by degree within a tier", () => {
    const ranked = [
      [SearchTier.equal, 0],
      [SearchTier.nameStarts, 500],
      [SearchTier.nameStarts, 3],
      [SearchTier.nameStarts, 0],
      [SearchTier.named, 10_000],
      [SearchTier.described, 1],
      [SearchTier.described, 0],
    ] as const;
    const scores = ranked.map(([tier, degree]) => searchScore(tier, degree));
    for (let i = 1; i < scores.length; i += 1) expect(scores[i]).toBeLessThan(scores[i - 1] ?? 0);
    expect(searchScore(SearchTier.equal, 0)).toBe(10);
    expect(searchScore(SearchTier.described, 0)).toBe(1);
  });
});

describe("searchTierParams and searchKey", () => {
  it("join the folded words with single spaces, as the ranking's string tests need", () => {
    expect(searchTierParams(searchWords("  Hu,  HENGHUA "))).toEqual({
      text: "hu henghua",
      words: ["hu", "henghua"],
      characters: false,
    });
    expect(searchKey("Hu Henghua")).toBe("hu henghua");
    expect(searchKey("Türkiye Cumhuriyeti")).toBe("turkiye cumhuriyeti");
    expect(searchKey("中共重庆市委")).toBe("中 共 重 庆 市 委");
    expect(searchKey("O'Brien & Sons")).toBe("o brien sons");
    expect(searchKey("")).toBe("");
    expect(searchTierParams(searchWords("重庆 city")).characters).toBe(true);
  });
});
