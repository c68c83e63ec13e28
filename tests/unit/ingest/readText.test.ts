import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NotUtf8Error, readUtf8Text } from "../../../src/ingest/readText";

describe("readUtf8Text (npm run ingest's file)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ingest-text-"));
  const file = (name: string, bytes: Buffer): string => {
    const at = path.join(dir, name);
    writeFileSync(at, bytes);
    return at;
  };

  it("reads UTF-8, Chinese included, and drops a leading byte-order mark", () => {
    expect(readUtf8Text(file("plain.txt", Buffer.from("重庆 Chongqing", "utf8")))).toBe("重庆 Chongqing");
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Chongqing", "utf8")]);
    expect(readUtf8Text(file("bom.txt", bom))).toBe("Chongqing");
  });

  it("refuses bytes that are not UTF-8 (Latin-1, a cut sequence) instead of decoding them to U+FFFD", () => {
    expect(() => readUtf8Text(file("latin1.txt", Buffer.from("Caf\xe9", "latin1")))).toThrow(NotUtf8Error);
    const cut = Buffer.from("重庆", "utf8").subarray(0, 4);
    expect(() => readUtf8Text(file("cut.txt", cut))).toThrow(/not valid UTF-8/);
  });
});
