import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * Several middlewares as one Express layer, run in order as Express would run them: each calls
 * `next()` to go on, `next(error)` (or throws, or rejects) to go to the error handlers; one that
 * answers and calls neither ends the chain. Express dispatches every layer it holds for every
 * request (path matching, URL trimming for mounted paths, parameter handling), so a request to
 * /graphql went through about a dozen layers before Apollo; chained, it goes through three.
 */
export function chain(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      const handler = handlers[index];
      index += 1;
      if (handler === undefined) {
        next();
        return;
      }
      try {
        const returned: unknown = handler(req, res, step);
        if (returned instanceof Promise) {
          returned.catch((rejection: unknown) => next(rejection ?? new Error("Rejected promise")));
        }
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
