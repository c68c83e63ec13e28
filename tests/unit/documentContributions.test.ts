import { validateDataset } from "../../src/import/readDataset";
import { documentContributions } from "../../src/write/documentContributions";
import { fixtureDataset } from "../support/fixtureDataset";

describe("documentContributions: a document's words after curators' merges and retractions", () => {
  const f = fixtureDataset();
  const dataset = validateDataset(f.yaml, f.loadText);
  const lakeside = `place:lakeside-${f.suffix}`;
  const hill = `place:hill-province-${f.suffix}`;
  const ada = `person:ada-quill-${f.suffix}`;
  const role = `role:mayor-of-lakeside-${f.suffix}`;
  const none = { mergedInto: new Map<string, string>(), retracted: new Set<string>() };

  it("keys everything by the dataset's own ids when curators did nothing", () => {
    const out = documentContributions(dataset, none);
    expect([...out.entities.keys()].sort()).toEqual([ada, hill, lakeside, role].sort());
    expect(out.relationships.size).toBe(2);
    expect(out.setAside).toEqual([]);
    expect(out.entities.get(lakeside)?.citations[0]?.documentId).toBe(f.documentId);
  });

  it("writes a merged id's words to the kept entity as aliases and citations, and leaves the loop out", () => {
    const out = documentContributions(dataset, { ...none, mergedInto: new Map([[hill, lakeside]]) });
    expect(out.entities.has(hill)).toBe(false);
    const kept = out.entities.get(lakeside);
    expect(kept?.name).toBe(`Lakeside ${f.suffix}`);
    expect(kept?.aliases).toEqual([`LKS-${f.suffix}`, `Hill Province ${f.suffix}`]);
    expect(kept?.citations.map((c) => c.quote)).toEqual(["Lakeside lies in Hill Province", "Hill Province"]);
    expect(out.setAside).toEqual([
      { id: `relationship:${lakeside}|PART_OF|${hill}`, reason: `its ends were merged into ${lakeside}` },
    ]);
  });

  it("gives a merged entity stated alone no name of its own (the kept entity's stays)", () => {
    const out = documentContributions(dataset, { ...none, mergedInto: new Map([[ada, "person:someone"]]) });
    expect(out.entities.get("person:someone")).toMatchObject({
      name: null,
      aliases: [`Ada Quill ${f.suffix}`],
    });
    expect(out.relationships.has(`relationship:person:someone|HOLDS_ROLE|${role}`)).toBe(true);
    expect([...out.quotes.values()][0]?.speaker).toBe("person:someone");
  });

  it("leaves out what a curator retracted and what hangs on a retracted entity; quotes about it lose it", () => {
    const out = documentContributions(dataset, { ...none, retracted: new Set([lakeside]) });
    expect(out.entities.has(lakeside)).toBe(false);
    expect(out.statistics.size).toBe(0);
    expect([...out.quotes.values()][0]?.about).toEqual([]);
    expect(out.setAside.map((x) => x.id).sort()).toEqual(
      [lakeside, `relationship:${lakeside}|PART_OF|${hill}`, `statistic:lakeside-teu-${f.suffix}`].sort(),
    );
  });
});
