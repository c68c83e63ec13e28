import { readFileSync } from "node:fs";
import path from "node:path";
import { SERVICE_HEAP_MB, SERVICE_NODE_ARGS } from "../../src/heapBudget";

const root = path.join(__dirname, "../..");
// As the start scripts write it: SERVICE_HEAP_MB from the environment, else the budget.
const flag = `--max-old-space-size=\${SERVICE_HEAP_MB:-${SERVICE_HEAP_MB}}`;

describe("the service's heap budget is the same wherever the service starts", () => {
  it("is one flag, SERVICE_HEAP_MB or the budget", () => {
    expect(SERVICE_NODE_ARGS).toEqual([
      `--max-old-space-size=${process.env.SERVICE_HEAP_MB ?? SERVICE_HEAP_MB}`,
    ]);
  });

  it.each(["start", "start:prod"])("npm run %s passes it to node", (script) => {
    const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const command = scripts[script] ?? "";
    expect(command).toMatch(/\bexec node /);
    expect(command.split(" ")).toContain(flag);
  });

  it("the Docker image's command passes it to node", () => {
    const cmd = readFileSync(path.join(root, "Dockerfile"), "utf8")
      .split("\n")
      .find((line) => line.startsWith("CMD "));
    expect(JSON.parse(cmd?.slice(4) ?? "[]")).toEqual(["sh", "-c", `exec node ${flag} dist/src/main.js`]);
  });
});
