import { CHUNK_BYTES, ChunkedWriter } from "../../src/export/output";

describe("ChunkedWriter", () => {
  const collect = (): { chunks: Buffer[]; writer: ChunkedWriter } => {
    const chunks: Buffer[] = [];
    const writer = new ChunkedWriter({
      write: (chunk) => {
        chunks.push(chunk);
        return Promise.resolve();
      },
    });
    return { chunks, writer };
  };

  it("writes the UTF-8 of everything written, in order, in chunks of at most CHUNK_BYTES", async () => {
    const { chunks, writer } = collect();
    // Multi-byte text (2, 3 and 4 bytes a character) across many chunk boundaries.
    const texts = Array.from(
      { length: 5_000 },
      (_, i) => `{"n":${i},"s":"重庆 Chongqing é 😀 ${"x".repeat(i % 97)}"}\n`,
    );
    for (const text of texts) await writer.write(text);
    await writer.flush();
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((c) => c.length > 0 && c.length <= CHUNK_BYTES)).toBe(true);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(texts.join(""));
  });

  it("sends a text longer than a chunk on its own, after what came before it", async () => {
    const { chunks, writer } = collect();
    const long = "é".repeat(CHUNK_BYTES);
    await writer.write("before\n");
    await writer.write(long);
    await writer.write("after\n");
    await writer.flush();
    expect(chunks.map((c) => c.length)).toEqual([7, 2 * CHUNK_BYTES, 6]);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(`before\n${long}after\n`);
  });

  it("hands each full chunk over as its own buffer: later writes never change a chunk the sink holds", async () => {
    const held: Array<{ chunk: Buffer; atHandover: Buffer }> = [];
    const writer = new ChunkedWriter({
      write: (chunk) => {
        held.push({ chunk, atHandover: Buffer.from(chunk) });
        return Promise.resolve();
      },
    });
    for (let i = 0; i < 2_000; i += 1) await writer.write(`${String(i).padStart(60, "a")}\n`);
    await writer.flush();
    expect(held.length).toBeGreaterThan(1);
    for (const { chunk, atHandover } of held) expect(chunk.equals(atHandover)).toBe(true);
  });
});
