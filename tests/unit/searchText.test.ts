import { foldText, searchWords } from "../../src/graph/searchText";

/** Every printable ASCII character and a few controls, in names as they come. */
const ASCII_TEXTS = [
  "Hu Henghua",
  "CHONGQING Municipal People's Government",
  "3M Co. (U.S.)",
  "AT&T / T-Mobile_2024",
  "  leading and trailing  ",
  "tab\there\nnewline",
  String.fromCharCode(...Array.from({ length: 95 }, (_, i) => 32 + i)),
  "",
];

describe("searchText's ASCII shortcut", () => {
  it.each(ASCII_TEXTS)("folds %j to the same words as the Unicode path does", (text) => {
    // A non-ASCII word at the end sends the text the Unicode way; its own word ("e") is dropped.
    const unicode = searchWords(`${text} é`);
    expect(unicode.at(-1)).toBe("e");
    expect(searchWords(text)).toEqual(unicode.slice(0, -1));
    expect(foldText(text)).toBe(foldText(`${text} é`).slice(0, -2));
  });

  it("still folds what is not ASCII", () => {
    expect(searchWords("Türkiye Łódź Straße")).toEqual(["turkiye", "lodz", "strasse"]);
    expect(searchWords("重庆 Chongqing")).toEqual(["重", "庆", "chongqing"]);
  });
});
