/**
 * `npm run bench:linking`: links the gold set (tests/fixtures/linking) against the bundled
 * article's entities and prints precision, recall and F1 overall and by method, the candidates'
 * figures, and every wrong link. Exits 1 when a target of issue #16 is missed.
 * Options: --accept 0.85 (the ACCEPTED threshold), --margin 0.2 (the CONTEXT margin).
 */
import { parseArgs } from "node:util";
import {
  evaluateGoldSet,
  goldDictionary,
  readGoldSet,
  type Counts,
  type WrongLink,
} from "../../tests/support/linkingGold";

const { values } = parseArgs({
  options: { accept: { type: "string", default: "0.85" }, margin: { type: "string", default: "0.2" } },
});
const options = { acceptThreshold: Number(values.accept), contextMargin: Number(values.margin) };
const report = evaluateGoldSet(readGoldSet(), goldDictionary(), options);
const homonyms = evaluateGoldSet(
  readGoldSet({ homonyms: true }),
  goldDictionary({ homonyms: true }),
  options,
);

const pct = (n: number): string => n.toFixed(3);
function describeWrong(w: WrongLink): string {
  const linked =
    w.linked === null
      ? "not linked"
      : `linked to ${w.linked.entity} (${w.linked.method}, ${w.linked.score}, ${w.linked.status})`;
  return `- ${w.article} [${w.start}, ${w.end}) "${w.quote}": ${linked}; gold: ${w.gold ?? "no link"}`;
}
const row = (label: string, c: Counts, recall = true): string =>
  `| ${label} | ${c.truePositives} | ${c.falsePositives} | ${recall ? c.falseNegatives : "–"} | ${pct(c.precision)} | ${recall ? pct(c.recall) : "–"} | ${recall ? pct(c.f1) : "–"} |`;

const lines = [
  `# Linking quality on the gold set (${report.articles} articles, ${report.goldMentions} labelled mentions)`,
  "",
  `Thresholds: accept ${options.acceptThreshold}, context margin ${options.contextMargin}. A link is right when its span and entity are the gold ones.`,
  "",
  "| links | right | wrong | missed | precision | recall | F1 |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  row("all", report.overall),
  ...Object.entries(report.byMethod).map(([method, c]) => row(`method ${method}`, c, false)),
  row("ACCEPTED without review", report.accepted, false),
  row("candidates (unknown names, exact span)", report.candidates),
  "",
  `Candidates' kind guessed right: ${report.candidates.kindRight} of ${report.candidates.kindRight + report.candidates.kindWrong}.`,
  `Matches inside a word: ${report.inWord.length}. Misquoted mentions: ${report.misquoted}.`,
  "",
  `## Wrong links (${report.wrong.length})`,
  "",
  ...(report.wrong.length === 0 ? ["none"] : report.wrong.map(describeWrong)),
];
lines.push(
  "",
  `# With homonyms (${homonyms.articles} articles, ${homonyms.goldMentions} labelled mentions; tests/fixtures/linking/homonyms)`,
  "",
  "The same articles plus five more, against the bundled entities plus five that share their words",
  '(a second "Jiangbei District" in Ningbo, "Volvo" the truck maker, "Zheng" the admiral Zheng He): linking must choose by context.',
  "",
  "| links | right | wrong | missed | precision | recall | F1 |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  row("all", homonyms.overall),
  ...Object.entries(homonyms.byMethod).map(([method, c]) => row(`method ${method}`, c, false)),
  row("ACCEPTED without review", homonyms.accepted, false),
  "",
  `## Wrong links with homonyms (${homonyms.wrong.length})`,
  "",
  ...(homonyms.wrong.length === 0 ? ["none"] : homonyms.wrong.map(describeWrong)),
);
console.log(lines.join("\n"));

const missed = [
  report.overall.precision < 0.95 && "precision < 0.95",
  report.overall.recall < 0.9 && "recall < 0.90",
  report.inWord.length > 0 && "matches inside words",
].filter(Boolean);
if (missed.length > 0) {
  console.error(`\nTargets missed: ${missed.join(", ")}`);
  process.exitCode = 1;
}
