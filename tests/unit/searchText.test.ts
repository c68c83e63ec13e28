import { foldText, searchWords, wordStarts } from "../../src/graph/searchText";

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

describe("wordStarts", () => {
  it.each([
    ["Hu Henghua", "H_ Hu_ H_ He_"],
    ["China-Europe Railway", "C_ Ch_ E_ Eu_ R_ Ra_"],
    ["33618 clusters", "3_ 33_ c_ cl_"],
    ["O'Brien", "O_ B_ Br_"],
    ["x", "x_"],
    ["重庆市 Yuzhong区", "Y_ Yu_"],
    ["Türkiye", "T_ Tü_"],
    ["  ", ""],
  ])("holds the first one and two characters of each word of %j: %j", (text, starts) => {
    expect(wordStarts(text)).toBe(starts);
  });
});
