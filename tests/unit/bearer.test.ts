import { MAX_AUTHORIZATION_LENGTH, readBearer } from "../../src/auth/bearer";

describe("readBearer", () => {
  it("reads nothing from a missing or blank header", () => {
    expect(readBearer(undefined)).toEqual({ kind: "none" });
    expect(readBearer("   ")).toEqual({ kind: "none" });
  });

  it.each([
    ["Bearer abc.def.ghi", "abc.def.ghi"],
    ["bearer abc.def.ghi", "abc.def.ghi"],
    ["BEARER   a-b_c.d~e+f/g==  ", "a-b_c.d~e+f/g=="],
  ])("reads the token of %j", (header, token) => {
    expect(readBearer(header)).toEqual({ kind: "token", token });
  });

  it.each([
    ["another scheme", "Basic YWxpY2U6c2VjcmV0"],
    ["no token", "Bearer"],
    ["two tokens", "Bearer abc def"],
    ["a token with characters b64token does not allow", 'Bearer abc"def'],
    ["a bare token", "abc.def.ghi"],
  ])("calls %s malformed, not anonymous", (_what, header) => {
    expect(readBearer(header)).toMatchObject({ kind: "malformed" });
  });

  it("refuses an oversized header before reading it", () => {
    expect(readBearer(`Bearer ${"a".repeat(MAX_AUTHORIZATION_LENGTH)}`)).toEqual({
      kind: "malformed",
      problem: `the Authorization header is longer than ${MAX_AUTHORIZATION_LENGTH} characters`,
    });
  });
});
