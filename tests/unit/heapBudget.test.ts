import { readFileSync } from "node:fs";
import path from "node:path";
import { NO_MEMORY_REDUCER, SERVICE_HEAP_MB, SERVICE_NODE_ARGS } from "../../src/heapBudget";

const root = path.join(__dirname, "../..");
// As the start scripts write them: SERVICE_HEAP_MB from the environment, else the budget; no memory reducer.
const flags = `--max-old-space-size=\${SERVICE_HEAP_MB:-${SERVICE_HEAP_MB}} ${NO_MEMORY_REDUCER}`;

describe("the service's heap budget and V8 flags are the same wherever the service starts", () => {
  it("are SERVICE_HEAP_MB or the budget, and the memory reducer off", () => {
    expect(SERVICE_NODE_ARGS).toEqual([
      `--max-old-space-size=${process.env.SERVICE_HEAP_MB ?? SERVICE_HEAP_MB}`,
      "--no-memory-reducer",
    ]);
  });

  it.each(["start", "start:prod"])("npm run %s passes them to node", (script) => {
    const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const command = scripts[script] ?? "";
    expect(command).toMatch(/\bexec node /);
    expect(command).toContain(`exec node ${flags} `);
  });

  it("the Docker image's command passes them to node", () => {
    const cmd = readFileSync(path.join(root, "Dockerfile"), "utf8")
      .split("\n")
      .find((line) => line.startsWith("CMD "));
    expect(JSON.parse(cmd?.slice(4) ?? "[]")).toEqual(["sh", "-c", `exec node ${flags} dist/src/main.js`]);
  });
});
