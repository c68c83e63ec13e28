import { readFileSync } from "node:fs";
import path from "node:path";
import { EXAMPLES } from "../../web/src/graphiql/examples";

const README = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
const readmeQueries = [...README.matchAll(/```graphql\n([\s\S]*?)\n```/g)].map((m) => m[1]);

describe("the query editor's preloaded examples", () => {
  it("are the README's example queries, in order, each given a name for its tab", () => {
    const bodies = EXAMPLES.map((e) => e.query.replace(/^query \w+ /, ""));
    expect(EXAMPLES.every((e) => /^query \w+ \{/.test(e.query))).toBe(true);
    expect(bodies).toEqual(readmeQueries.slice(0, EXAMPLES.length));
    expect(EXAMPLES).toHaveLength(5);
  });
});
