import type { EntityRecord } from "../../src/graph/records";
import { nameTier, rankHits, SearchPass, SearchTier } from "../../src/graph/searchRanking";
import { searchWords } from "../../src/graph/searchText";

const entity = (id: string, name: string, aliases: string[] = []): EntityRecord =>
  ({ id, kind: "PLACE", name, aliases, description: null, date: null }) as unknown as EntityRecord;

describe("nameTier", () => {
  it.each([
    ["chongqing", "Chongqing", [], SearchTier.equal],
    ["mountain city", "Chongqing", ["重庆", "Mountain City"], SearchTier.equal],
    ["重庆", "Chongqing", ["重庆"], SearchTier.equal],
    ["turkiye", "Türkiye", [], SearchTier.equal],
    ["chon", "Chongqing", [], SearchTier.nameStarts],
    ["hu hen", "Hu Henghua", ["Hu"], SearchTier.nameStarts],
    ["hen", "Hu Henghua", [], SearchTier.nameWordStarts],
    ["chongqing mayor", "Mayor of Chongqing", [], SearchTier.nameWords],
    ["associat", "ASEAN", ["Association of Southeast Asian Nations"], SearchTier.aliasStarts],
    ["southeast", "ASEAN", ["Association of Southeast Asian Nations"], SearchTier.aliasWordStarts],
    ["重庆", "CPC Chongqing Municipal Committee", ["中共重庆市委"], SearchTier.aliasWordStarts],
    ["nations asian", "ASEAN", ["Association of Southeast Asian Nations"], SearchTier.aliasWords],
    ["asean nations", "ASEAN", ["Association of Southeast Asian Nations"], SearchTier.named],
  ] as const)("%p in %p (aliases %p) is tier %d", (typed, name, aliases, tier) => {
    expect(nameTier(searchWords(typed), entity("x", name, [...aliases]))).toBe(tier);
  });

  it("does not take characters out of order for an alias's start", () => {
    expect(nameTier(searchWords("庆重"), entity("x", "Chongqing", ["重庆"]))).toBe(SearchTier.named);
  });
});

describe("rankHits", () => {
  const words = searchWords("chon");
  const candidates = [
    { entity: entity("role:a", "Mayor of Chongqing"), pass: SearchPass.names, degree: 50 },
    { entity: entity("place:b", "Chongqing Trail"), pass: SearchPass.names, degree: 2 },
    { entity: entity("place:a", "Chongqing"), pass: SearchPass.names, degree: 40 },
    { entity: entity("place:c", "Chongqing Harbour"), pass: SearchPass.names, degree: 2 },
    { entity: entity("sector:x", "Electronics"), pass: SearchPass.described, degree: 90 },
    { entity: entity("place:d", "Chonqging"), pass: SearchPass.fuzzy, degree: 1 },
  ];

  it("orders by tier, then degree, then id; fuzzy and description hits last", () => {
    expect(rankHits(words, candidates, 10).map((h) => h.entity.id)).toEqual([
      "place:a",
      "place:b",
      "place:c",
      "role:a",
      "place:d",
      "sector:x",
    ]);
  });

  it("gives scores that fall with the rank, and a smaller page is a prefix of a larger one", () => {
    const all = rankHits(words, candidates, 10);
    const scores = all.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (let first = 0; first <= all.length; first += 1) {
      expect(rankHits(words, [...candidates].reverse(), first)).toEqual(all.slice(0, first));
    }
  });
});
