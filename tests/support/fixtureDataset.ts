import { randomUUID } from "node:crypto";

/** A small document whose ids carry a unique suffix, so that suites writing it never collide. */
export interface Fixture {
  suffix: string;
  documentId: string;
  text: string;
  yaml: string;
  loadText: (file: string) => string | undefined;
}

export function fixtureDataset(extra: { entities?: string; relationships?: string } = {}): Fixture {
  const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
  const text =
    "Ada Quill, Mayor of Lakeside, said the Lakeside Harbour moved over 2.5 million TEUs in 2023. " +
    '"The harbour is the heart of Lakeside," said Ada Quill. Lakeside lies in Hill Province.';
  const yaml = `
document:
  id: document:fixture-${suffix}
  title: Fixture ${suffix}
  publisher: Test Press
  textFile: fixture.txt
entities:
  - id: place:lakeside-${suffix}
    kind: PLACE
    name: Lakeside ${suffix}
    aliases: [LKS-${suffix}]
    citations:
      - quote: "Lakeside lies in Hill Province"
  - id: place:hill-province-${suffix}
    kind: PLACE
    name: Hill Province ${suffix}
    citations:
      - quote: "Hill Province"
  - id: person:ada-quill-${suffix}
    kind: PERSON
    name: Ada Quill ${suffix}
    description: Mayor of Lakeside.
    citations:
      - quote: "Ada Quill, Mayor of Lakeside"
  - id: role:mayor-of-lakeside-${suffix}
    kind: ROLE
    name: Mayor of Lakeside ${suffix}
    citations:
      - quote: "Mayor of Lakeside"
${extra.entities ?? ""}
relationships:
  - from: place:lakeside-${suffix}
    type: PART_OF
    to: place:hill-province-${suffix}
    citations:
      - quote: "Lakeside lies in Hill Province"
  - from: person:ada-quill-${suffix}
    type: HOLDS_ROLE
    to: role:mayor-of-lakeside-${suffix}
    properties: { since: "2023" }
    citations:
      - quote: "Ada Quill, Mayor of Lakeside"
${extra.relationships ?? ""}
statistics:
  - id: statistic:lakeside-teu-${suffix}
    subject: place:lakeside-${suffix}
    metric: Container throughput
    value: 2500000
    unit: TEU
    comparator: MORE_THAN
    period: "2023"
    citations:
      - quote: "over 2.5 million TEUs in 2023"
quotes:
  - id: quote:ada-quill-heart-${suffix}
    speaker: person:ada-quill-${suffix}
    text: "The harbour is the heart of Lakeside,"
    about: [place:lakeside-${suffix}]
`;
  return {
    suffix,
    documentId: `document:fixture-${suffix}`,
    text,
    yaml,
    loadText: (file) => (file === "fixture.txt" ? text : undefined),
  };
}
