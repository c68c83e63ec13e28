import { spawn } from "node:child_process";
import path from "node:path";
import { LOG_FLUSH_MS } from "../../src/logger";

const ROOT = path.join(__dirname, "../..");

/** Runs `body` in a Node process with `createLogger` in scope; resolves with each stdout chunk's arrival. */
function run(body: string): Promise<{ chunks: Array<{ at: number; text: string }>; code: number | null }> {
  const script = `const { createLogger } = require(${JSON.stringify(path.join(ROOT, "src/logger.ts"))});\n${body}`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT });
  const started = Date.now();
  const chunks: Array<{ at: number; text: string }> = [];
  child.stdout.on("data", (chunk: Buffer) =>
    chunks.push({ at: Date.now() - started, text: chunk.toString() }),
  );
  return new Promise((resolve) => child.on("close", (code) => resolve({ chunks, code })));
}

describe("createLogger (batched stdout)", () => {
  it("writes a lone line within the flush interval, while the process keeps running", async () => {
    const { chunks } = await run(`
      const logger = createLogger("info");
      setTimeout(() => logger.info({ n: 1 }, "lone line"), 200);
      setTimeout(() => { logger.info("last"); process.exit(0); }, 200 + ${LOG_FLUSH_MS} * 3);`);
    const lone = chunks.find((c) => c.text.includes("lone line"));
    expect(lone).toBeDefined();
    // Written by the periodic flush, well before the exit wrote the rest.
    expect(lone?.text).not.toContain('"last"');
  });

  it("writes every batched line when the process exits", async () => {
    const { chunks, code } = await run(`
      const logger = createLogger("info");
      for (let i = 0; i < 50; i += 1) logger.info({ i }, "line");
      process.exit(3);`);
    const lines = chunks
      .map((c) => c.text)
      .join("")
      .split("\n")
      .filter((line) => line !== "");
    expect(code).toBe(3);
    expect(lines).toHaveLength(50);
    expect(lines.map((line) => (JSON.parse(line) as { i: number }).i)).toEqual([...Array(50).keys()]);
  });
});
