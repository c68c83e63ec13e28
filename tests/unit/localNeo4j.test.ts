import { parseReadyLine } from "../../src/neo4j/localNeo4j";

describe("parseReadyLine", () => {
  it("reads the port from the launcher's ready line", () => {
    expect(parseReadyLine('{"event":"ready","host":"127.0.0.1","port":41953}')).toBe(41953);
  });

  it.each([
    ["a log line", "2026-11-28 INFO Started."],
    ["another event", '{"event":"starting","port":7687}'],
    ["a port that is not a number", '{"event":"ready","port":"7687"}'],
    ["truncated JSON", '{"event":"ready","port":'],
  ])("ignores %s", (_what, line) => {
    expect(parseReadyLine(line)).toBeUndefined();
  });
});
