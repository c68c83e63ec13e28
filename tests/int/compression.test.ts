import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { startHttpService, type HttpService } from "../support/httpService";

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire. */
  wire: Buffer;
}

/** A POST over plain node:http, so that nothing decompresses behind the test's back. */
function rawPost(url: string, query: string, acceptEncoding: string | undefined): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json",
          ...(acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, wire: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ query }));
  });
}

const decode = (raw: Raw): string => {
  const encoding = raw.headers["content-encoding"];
  if (encoding === "gzip") return gunzipSync(raw.wire).toString("utf8");
  if (encoding === "br") return brotliDecompressSync(raw.wire).toString("utf8");
  return raw.wire.toString("utf8");
};

// The article's text: several kilobytes. An entity's id: well under the 1 KiB threshold.
const LARGE = '{ node(id: "document:ichongqing-seeing-is-believing") { ... on Document { text } } }';
const SMALL = '{ entity(id: "place:chongqing") { id } }';

describe("response compression (real HTTP)", () => {
  let service: HttpService;
  beforeAll(async () => {
    service = await startHttpService({ NODE_ENV: "production" });
  });
  afterAll(() => service.stop());

  it.each([
    ["br", "gzip, deflate, br"],
    ["gzip", "gzip"],
  ])("compresses a large answer with %s", async (encoding, accept) => {
    const identity = await rawPost(service.url, LARGE, "identity");
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.wire.length).toBeGreaterThan(4_000);

    const compressed = await rawPost(service.url, LARGE, accept);
    expect(compressed.status).toBe(200);
    expect(compressed.headers["content-encoding"]).toBe(encoding);
    expect(compressed.headers.vary).toMatch(/Accept-Encoding/i);
    expect(compressed.wire.length).toBeLessThan(identity.wire.length / 2);
    expect(decode(compressed)).toBe(identity.wire.toString("utf8"));
  });

  it("answers a client that sends no Accept-Encoding uncompressed, the same bytes", async () => {
    const identity = await rawPost(service.url, LARGE, "identity");
    const none = await rawPost(service.url, LARGE, undefined);
    expect(none.status).toBe(200);
    expect(none.headers["content-encoding"]).toBeUndefined();
    expect(none.wire.toString("utf8")).toBe(identity.wire.toString("utf8"));
  });

  it("leaves an answer below the threshold alone", async () => {
    const small = await rawPost(service.url, SMALL, "gzip, deflate, br");
    expect(small.status).toBe(200);
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.wire.length).toBeLessThan(1024);
    expect(JSON.parse(small.wire.toString("utf8"))).toMatchObject({
      data: { entity: { id: "place:chongqing" } },
    });
  });

  it("follows COMPRESSION_THRESHOLD_BYTES", async () => {
    const always = await startHttpService({ NODE_ENV: "production", COMPRESSION_THRESHOLD_BYTES: "0" });
    const never = await startHttpService({
      NODE_ENV: "production",
      COMPRESSION_THRESHOLD_BYTES: "104857600",
    });
    try {
      expect((await rawPost(always.url, SMALL, "gzip")).headers["content-encoding"]).toBe("gzip");
      expect((await rawPost(never.url, LARGE, "gzip")).headers["content-encoding"]).toBeUndefined();
    } finally {
      await Promise.all([always.stop(), never.stop()]);
    }
  });
});
