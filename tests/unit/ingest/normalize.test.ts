import { normalizeKey, normalizeText, originalSpan } from "../../../src/ingest/normalize";

describe("normalizeText", () => {
  it.each([
    ["Chengdu-Chongqing", "chengdu chongqing"],
    ["Chengdu–Chongqing", "chengdu chongqing"],
    ["Chengdu — Chongqing", "chengdu chongqing"],
    ["Chengdu  \n Chongqing", "chengdu chongqing"],
    ["CHENGDU\u2011CHONGQING", "chengdu chongqing"],
    ["Türkiye", "turkiye"],
    ["Ｃｈｏｎｇｑｉｎｇ", "chongqing"],
    ["China’s western region", "china's western region"],
    ["“33618”", '"33618"'],
    ["重庆", "重庆"],
  ])("folds %j to %j", (input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it("maps every normalised span back to the words as written", () => {
    const original = "In  Türkiye—Istanbul’s port, Ｃｈｅｎｇｄｕ.";
    const norm = normalizeText(original);
    const at = (needle: string): string => {
      const from = norm.text.indexOf(needle);
      const { start, end } = originalSpan(norm, from, from + needle.length);
      return original.slice(start, end);
    };
    expect(at("turkiye istanbul's")).toBe("Türkiye—Istanbul’s");
    expect(at("chengdu")).toBe("Ｃｈｅｎｇｄｕ");
    expect(at("in turkiye")).toBe("In  Türkiye");
  });

  it("keeps a combining accent with its letter in the citation", () => {
    const original = "Tu\u0308rkiye is here";
    const norm = normalizeText(original);
    expect(norm.text).toBe("turkiye is here");
    const { start, end } = originalSpan(norm, 0, 2);
    expect(original.slice(start, end)).toBe("Tu\u0308");
  });

  it("folds keys exactly as it folds text", () => {
    const samples = [
      "  Chengdu–Chongqing  economic circle ",
      "Türkiye\u0301 — Istanbul’s «port»",
      "Ｃｈｏｎｇｑｉｎｇ\t重庆\u00A0市",
      "-leading and trailing-",
      "ﬁnance ① \u{1F600} 𠀀",
    ];
    for (const sample of samples) expect(normalizeKey(sample)).toBe(normalizeText(sample).text.trim());
  });

  it("trims keys", () => {
    expect(normalizeKey("  Chengdu-Chongqing economic circle ")).toBe("chengdu chongqing economic circle");
  });
});
