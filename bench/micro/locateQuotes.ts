/**
 * Locating citations in a large document (review finding 9): one scan of the text per citation
 * (locateQuote, as the importer did) against one pass for all of them (locateQuotes).
 * Run: npx tsx bench/micro/locateQuotes.ts [megabytes=5] [citations=1000]
 */
import { locateQuote, locateQuotes, type QuoteRequest } from "../../src/import/locateQuote";

const megabytes = Number(process.argv[2] ?? 5);
const citations = Number(process.argv[3] ?? 1000);

// A deterministic text of numbered sentences, so that every quote is unique but shares its words.
const words = ["Chongqing", "trade", "corridor", "railway", "port", "growth", "logistics", "vehicles"];
const sentences: string[] = [];
let length = 0;
for (let i = 0; length < megabytes * 1024 * 1024; i += 1) {
  const sentence = `Sentence ${i}: ${words[i % 8]} and ${words[(i * 3) % 8]} rose by ${i % 97} percent in ${2000 + (i % 25)}. `;
  sentences.push(sentence);
  length += sentence.length;
}
const text = sentences.join("");
const step = Math.floor(sentences.length / citations);
const requests: QuoteRequest[] = Array.from({ length: citations }, (_, k) => {
  const s = sentences[k * step] ?? "";
  return { quote: s.slice(0, 20 + (k % 60)) };
});

function time<T>(run: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const before: number[] = [];
const after: number[] = [];
for (let round = 0; round < 3; round += 1) {
  const old = time(() => requests.map((r) => locateQuote(text, r.quote, r.occurrence)));
  const now = time(() => locateQuotes(text, requests));
  if (JSON.stringify(old.result) !== JSON.stringify(now.result)) throw new Error("the two disagree");
  before.push(old.ms);
  after.push(now.ms);
}
console.log(
  `${citations} citations over ${(text.length / 1024 / 1024).toFixed(1)} M characters: ` +
    `one scan per citation ${median(before).toFixed(0)} ms, one pass ${median(after).toFixed(0)} ms (median of 3)`,
);
