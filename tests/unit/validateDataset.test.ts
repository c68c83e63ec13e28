import { MAX_ID_LENGTH } from "../../src/graph/limits";
import { DatasetError, validateDataset } from "../../src/import/readDataset";
import { fixtureDataset } from "../support/fixtureDataset";

function problemsOf(yaml: string, loadText: (f: string) => string | undefined): string[] {
  try {
    validateDataset(yaml, loadText, "data/x.yaml");
  } catch (error) {
    if (error instanceof DatasetError) return error.problems;
    throw error;
  }
  return [];
}

describe("validateDataset", () => {
  it("accepts a valid file and computes every citation's offsets", () => {
    const fixture = fixtureDataset();
    const dataset = validateDataset(fixture.yaml, fixture.loadText);
    expect(dataset.entities).toHaveLength(4);
    const cited = [
      ...dataset.entities.flatMap((e) => e.citations),
      ...dataset.relationships.flatMap((r) => r.citations),
      ...dataset.statistics.flatMap((s) => s.citations),
      ...dataset.quotes.map((q) => q.citation),
    ];
    expect(cited.length).toBeGreaterThan(0);
    for (const c of cited) expect(fixture.text.slice(c.start, c.end)).toBe(c.quote);
    expect(dataset.relationships[1]).toMatchObject({
      id: `relationship:person:ada-quill-${fixture.suffix}|HOLDS_ROLE|role:mayor-of-lakeside-${fixture.suffix}`,
      properties: { since: "2023" },
      background: false,
    });
  });

  it("reports every problem at once, each with its line and path", () => {
    const fixture = fixtureDataset({
      entities: `  - id: person:ghost
    kind: PLACE
    name: Ghost
    citations:
      - quote: "words that are not there"
`,
      relationships: `  - from: person:nobody
    type: KNOWS_ABOUT
    to: place:lakeside-x
    citations:
      - quote: "Lakeside"
`,
    });
    const problems = problemsOf(fixture.yaml, fixture.loadText);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^data\/x\.yaml:\d+: entities\[4\]\.id: id must start with 'place:' for kind PLACE$/,
        ),
        expect.stringMatching(/entities\[4\]\.citations\[0\]\.quote: quote is not in the document text/),
        expect.stringMatching(/relationships\[2\]\.from: no entity person:nobody in this file/),
        expect.stringMatching(/relationships\[2\]\.type: unknown relationship type KNOWS_ABOUT; known: /),
        expect.stringMatching(/relationships\[2\]\.citations\[0\]\.quote: quote occurs \d+ times/),
      ]),
    );
    const line = /^data\/x\.yaml:(\d+): entities\[4\]\.id/.exec(
      problems.find((p) => p.includes("entities[4].id")) ?? "",
    );
    expect(fixture.yaml.split("\n")[Number(line?.[1]) - 1]).toContain("id: person:ghost");
  });

  it("reports schema problems with their paths", () => {
    const fixture = fixtureDataset();
    const broken = fixture.yaml
      .replace("comparator: MORE_THAN", "comparator: ROUGHLY")
      .replace("value: 2500000", 'value: "lots"');
    const problems = problemsOf(broken, fixture.loadText);
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).toMatch(/statistics\[0\]\.comparator/);
    expect(problems.join("\n")).toMatch(/statistics\[0\]\.value/);
  });

  it("reports YAML syntax errors with a line", () => {
    expect(problemsOf("document: [unclosed\n", () => "")[0]).toMatch(/^data\/x\.yaml:\d+: YAML: /);
  });

  it("reports a missing document text file", () => {
    const fixture = fixtureDataset();
    expect(problemsOf(fixture.yaml, () => undefined)).toEqual([
      expect.stringMatching(/document\.textFile: file fixture\.txt not found beside the dataset/),
    ]);
  });

  it("requires a quote's speaker to be a person and ids to be unique", () => {
    const fixture = fixtureDataset();
    const broken = fixture.yaml
      .replace(`speaker: person:ada-quill-${fixture.suffix}`, `speaker: place:lakeside-${fixture.suffix}`)
      .replace(`id: place:hill-province-${fixture.suffix}`, `id: place:lakeside-${fixture.suffix}`);
    const problems = problemsOf(broken, fixture.loadText).join("\n");
    expect(problems).toMatch(/quotes\[0\]\.speaker: place:lakeside-\w+ is a PLACE, not a PERSON/);
    expect(problems).toMatch(/entities\[1\]\.id: id place:lakeside-\w+ is used twice/);
  });

  it(`bounds ids at ${MAX_ID_LENGTH} characters (review finding 8: cursors must hold any id)`, () => {
    const fixture = fixtureDataset();
    const id = (length: number) => `place:${"x".repeat(length - "place:".length)}`;
    const renamed = (length: number) =>
      fixture.yaml.replaceAll(`place:lakeside-${fixture.suffix}`, id(length));
    expect(problemsOf(renamed(MAX_ID_LENGTH), fixture.loadText)).toEqual([]);
    const problems = problemsOf(renamed(MAX_ID_LENGTH + 1), fixture.loadText);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/entities\[0\]\.id: must be at most 200 characters long$/),
        expect.stringMatching(/relationships\[0\]\.from: must be at most 200 characters long$/),
        expect.stringMatching(/statistics\[0\]\.subject: must be at most 200 characters long$/),
      ]),
    );
    const longStatistic = fixture.yaml.replace(
      `id: statistic:lakeside-teu-${fixture.suffix}`,
      `id: statistic:${"s".repeat(MAX_ID_LENGTH)}`,
    );
    expect(problemsOf(longStatistic, fixture.loadText)).toEqual([
      expect.stringMatching(/statistics\[0\]\.id: must be at most 200 characters long$/),
    ]);
  });
});
