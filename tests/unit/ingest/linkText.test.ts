import type { EntityKind } from "../../../src/graph/records";
import { buildLinkDictionary, type DictionaryEntity } from "../../../src/ingest/linkDictionary";
import { linkText, rejectionKey } from "../../../src/ingest/linkText";
import { matchAliases } from "../../../src/ingest/matchAliases";

const entity = (
  id: string,
  kind: EntityKind,
  name: string,
  aliases: string[] = [],
  neighbours: string[] = [],
): DictionaryEntity => ({ id, kind, name, aliases, neighbours });

const world = buildLinkDictionary([
  entity("place:chongqing", "PLACE", "Chongqing", ["重庆", "Mountain City"], ["person:hu-henghua"]),
  entity("organization:cpc-chongqing", "ORGANIZATION", "CPC Chongqing Municipal Committee", ["中共重庆市委"]),
  entity("organization:cpc", "ORGANIZATION", "Communist Party of China", ["CPC", "中国共产党"]),
  entity("place:china", "PLACE", "China", ["中国"]),
  entity("person:hu-henghua", "PERSON", "Hu Henghua", ["Hu"], ["place:chongqing", "role:mayor"]),
  entity("person:jiang-duntao", "PERSON", "Jiang Duntao", ["Jiang"]),
  entity("place:jiangbei-district", "PLACE", "Jiangbei District"),
  entity("initiative:circle", "INITIATIVE", "Chengdu-Chongqing economic circle"),
  entity("sector:laptops", "SECTOR", "Laptop manufacturing", ["laptops"]),
  // Two entities sharing the words "Liangjiang": a district and a company (context decides).
  entity("place:liangjiang", "PLACE", "Liangjiang New Area", ["Liangjiang"], ["place:chongqing"]),
  entity(
    "organization:liangjiang-group",
    "ORGANIZATION",
    "Liangjiang Investment Group",
    ["Liangjiang"],
    ["organization:bank"],
  ),
  entity("organization:bank", "ORGANIZATION", "Bank of Liangjiang"),
  entity("role:mayor", "ROLE", "Mayor of Chongqing"),
]);

const quotes = (text: string): string[] => matchAliases(text, world).map((m) => m.quote);
const links = (text: string): string[] =>
  linkText(text, world).mentions.map((m) => `${m.quote}=${m.entityId}`);

describe("matchAliases", () => {
  it("matches whole words only, never inside a word", () => {
    expect(quotes("Chongqingese food and the Jiangbeiers; Hubei and Huang")).toEqual([]);
    expect(quotes("Jiangbei District, Jiang and Hu.")).toEqual(["Jiangbei District", "Jiang", "Hu"]);
  });

  it("is leftmost-longest", () => {
    expect(quotes("the CPC Chongqing Municipal Committee met")).toEqual([
      "CPC Chongqing Municipal Committee",
    ]);
    expect(quotes("the Mayor of Chongqing")).toEqual(["Mayor of Chongqing"]);
  });

  it("folds case, accents and hyphen, dash and space variants", () => {
    expect(quotes("CHENGDU–CHONGQING Economic Circle; chengdu chongqing economic circle")).toEqual([
      "CHENGDU–CHONGQING Economic Circle",
      "chengdu chongqing economic circle",
    ]);
  });

  it("matches Chinese names without spaces, longest first", () => {
    expect(quotes("中共重庆市委和重庆市政府，中国共产党")).toEqual(["中共重庆市委", "重庆", "中国共产党"]);
  });

  it("matches short and all-capital forms only with their case", () => {
    expect(quotes("the cpc and hu; the CPC and Hu")).toEqual(["CPC", "Hu"]);
  });

  it("cites the words as written", () => {
    const text = "Visit the Mountain  City!";
    const [match] = matchAliases(text, world);
    expect(match && text.slice(match.start, match.end)).toBe("Mountain  City");
  });
});

describe("linkText", () => {
  it("links by name with score 1 and accepts it", () => {
    const [mention] = linkText("Hu Henghua spoke.", world).mentions;
    expect(mention).toMatchObject({
      entityId: "person:hu-henghua",
      method: "NAME",
      score: 1,
      status: "ACCEPTED",
    });
  });

  it("keeps a lone surname for review, and accepts it when the full name is in the document", () => {
    expect(linkText("Hu spoke.", world).mentions[0]).toMatchObject({ method: "ALIAS", status: "PROPOSED" });
    const later = linkText("Hu Henghua came. Later, Hu spoke.", world).mentions[1];
    expect(later).toMatchObject({ quote: "Hu", method: "ALIAS", status: "ACCEPTED" });
  });

  it("does not link a surname that is part of another person's name", () => {
    expect(links("Jiang Zemin visited.")).toEqual([]);
    expect(linkText("Jiang Zemin visited.", world).candidates.map((c) => c.quote)).toEqual(["Jiang Zemin"]);
  });

  it("picks among entities sharing the words by context (CONTEXT), with the alternatives", () => {
    const place = linkText("In Chongqing, firms moved to Liangjiang last year.", world).mentions[1];
    expect(place).toMatchObject({ entityId: "place:liangjiang", method: "CONTEXT" });
    expect(place?.alternatives.map((a) => a.entityId)).toEqual(["organization:liangjiang-group"]);
    const company = linkText("Bank of Liangjiang lent money; Liangjiang bought shares.", world).mentions[1];
    expect(company).toMatchObject({ entityId: "organization:liangjiang-group", method: "CONTEXT" });
  });

  it("prefers the sense whose neighbour is nearby when a document has both", () => {
    const text =
      "Liangjiang grew fast, the mayor said, as firms moved in from across Chongqing. " +
      "x".repeat(200) +
      " Bank of Liangjiang lent money, and Liangjiang bought shares.";
    const [first, second] = linkText(text, world).mentions.filter((m) => m.quote === "Liangjiang");
    expect(first?.entityId).toBe("place:liangjiang");
    expect(second?.entityId).toBe("organization:liangjiang-group");
  });

  it("proposes the best without picking when the context does not decide", () => {
    const [mention] = linkText("Liangjiang grew.", world).mentions;
    expect(mention).toMatchObject({ method: "ALIAS", status: "PROPOSED" });
    expect(mention?.score).toBeLessThan(0.6);
  });

  it("accepts by the configured threshold", () => {
    const text = "Hu Henghua came. Later, Hu spoke.";
    expect(linkText(text, world, { acceptThreshold: 1 }).mentions[1]?.status).toBe("PROPOSED");
    expect(linkText("Hu spoke.", world, { acceptThreshold: 0.5 }).mentions[0]?.status).toBe("ACCEPTED");
  });

  it("does not propose again a link the curator rejected", () => {
    const text = "Hu Henghua and laptops.";
    const rejected = new Set([rejectionKey(15, 22, "sector:laptops")]);
    expect(links(text)).toEqual(["Hu Henghua=person:hu-henghua", "laptops=sector:laptops"]);
    expect(linkText(text, world, { rejected }).mentions.map((m) => m.entityId)).toEqual([
      "person:hu-henghua",
    ]);
  });
});

describe("candidates", () => {
  const candidates = (text: string): string[] =>
    linkText(text, world).candidates.map((c) => `${c.quote}:${c.kind ?? "?"}`);

  it("guesses kinds from cue words", () => {
    expect(candidates("Vice Mayor Li Ming opened the Yangtze River Corridor.")).toEqual([
      "Li Ming:PERSON",
      "Yangtze River Corridor:INITIATIVE",
    ]);
    expect(candidates("Banan District and Chongqing Changan Automobile Company signed.")).toEqual([
      "Banan District:PLACE",
      "Chongqing Changan Automobile Company:ORGANIZATION",
    ]);
    expect(candidates("Wang Hong, Vice Mayor of Chongqing, and the Sino Steel Group.")).toEqual([
      "Wang Hong:PERSON",
      "Sino Steel Group:ORGANIZATION",
    ]);
  });

  it("ignores sentence-initial words, single words and known names", () => {
    expect(candidates("The Chongqing economy grew. Mayor Hu Henghua spoke. Yesterday Sichuan grew.")).toEqual(
      [],
    );
  });

  it("gives a Chinese name in brackets the kind of the name before it", () => {
    expect(candidates("Vice Mayor Li Ming (李明) and Banan District （巴南）.")).toEqual([
      "Li Ming:PERSON",
      "李明:PERSON",
      "Banan District:PLACE",
      "巴南:PLACE",
    ]);
  });

  it("finds Chinese-script runs the dictionary does not know", () => {
    expect(candidates("李明 said 重庆市 and 两江新区 grew; 长安汽车集团.")).toEqual([
      "李明:?",
      "两江新区:PLACE",
      "长安汽车集团:ORGANIZATION",
    ]);
  });
});
