import { AliasAutomaton } from "../../../src/ingest/aliasAutomaton";

function allMatches(keys: string[], text: string): string[] {
  const automaton = AliasAutomaton.build(keys);
  const out: string[] = [];
  automaton.scan(text, (key, start, end) => out.push(`${automaton.keys[key]}@${start}-${end}`));
  return out.sort();
}

/** Every occurrence of every key, found the slow way. */
function naive(keys: string[], text: string): string[] {
  const out: string[] = [];
  for (const key of new Set(keys)) {
    if (key.length === 0) continue;
    for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1))
      out.push(`${key}@${i}-${i + key.length}`);
  }
  return out.sort();
}

describe("AliasAutomaton", () => {
  it("finds overlapping and nested keys (the classic he/she/his/hers)", () => {
    expect(allMatches(["he", "she", "his", "hers"], "ushers")).toEqual(["he@2-4", "hers@2-6", "she@1-4"]);
  });

  it("finds keys in Chinese script and keys sharing prefixes", () => {
    expect(allMatches(["重庆", "重庆市委", "中国", "中国共产党"], "中国共产党重庆市委")).toEqual([
      "中国@0-2",
      "中国共产党@0-5",
      "重庆@5-7",
      "重庆市委@5-9",
    ]);
  });

  it("ignores empty and duplicate keys", () => {
    expect(allMatches(["", "a", "a"], "aa")).toEqual(["a@0-1", "a@1-2"]);
  });

  it("agrees with a naive search on random keys and text", () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (length: number): string => Array.from({ length }, () => "abc d"[random(5)] ?? "a").join("");
    for (let round = 0; round < 30; round += 1) {
      const keys = Array.from({ length: 20 }, () => word(1 + random(5)));
      const text = word(300);
      expect(allMatches(keys, text)).toEqual(naive(keys, text));
    }
  });
});
