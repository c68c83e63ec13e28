import type { AddressInfo } from "node:net";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { chain } from "../../src/server/chain";

/** An app with `handlers` chained on /x, a fallback after it and an error handler, as app.ts has. */
async function serve(
  ...handlers: RequestHandler[]
): Promise<{ get(path: string): Promise<string>; close(): Promise<void> }> {
  const app = express();
  app.use("/x", chain(...handlers));
  app.use((_req, res) => {
    res.send(`fallthrough ${String(res.locals.seen ?? "")}`);
  });
  const onError: ErrorRequestHandler = (error: Error, _req, res, _next) => {
    res.status(500).send(`error ${error.message} ${String(res.locals.seen ?? "")}`);
  };
  app.use(onError);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    get: async (path) => (await fetch(`http://127.0.0.1:${port}${path}`)).text(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const mark =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.locals.seen = `${String(res.locals.seen ?? "")}${name}`;
    next();
  };

describe("chain: several middlewares as one Express layer", () => {
  it("runs them in order and goes on to the next layer when the last calls next()", async () => {
    const server = await serve(mark("a"), mark("b"), mark("c"));
    try {
      expect(await server.get("/x")).toBe("fallthrough abc");
      // Not mounted there: the chain does not run at all.
      expect(await server.get("/y")).toBe("fallthrough ");
    } finally {
      await server.close();
    }
  });

  it("stops at a middleware that answers", async () => {
    const server = await serve(
      mark("a"),
      (_req, res) => {
        res.send(`answered ${String(res.locals.seen)}`);
      },
      mark("never"),
    );
    try {
      expect(await server.get("/x")).toBe("answered a");
    } finally {
      await server.close();
    }
  });

  it("skips the rest and goes to the error handlers on next(error), a throw or a rejection", async () => {
    const failWith =
      (how: "next" | "throw" | "reject"): RequestHandler =>
      async (_req, _res, next) => {
        const error = new Error(how);
        if (how === "next") next(error);
        else if (how === "throw") throw error;
        else await Promise.reject(error);
      };
    const thrower: RequestHandler = () => {
      throw new Error("sync");
    };
    for (const [handler, message] of [
      [failWith("next"), "next"],
      [failWith("throw"), "throw"],
      [failWith("reject"), "reject"],
      [thrower, "sync"],
    ] as const) {
      const server = await serve(mark("a"), handler, mark("never"));
      try {
        expect(await server.get("/x")).toBe(`error ${message} a`);
      } finally {
        await server.close();
      }
    }
  });
});
