import { GraphQLError } from "graphql";

/** LIMIT_MAX_RESPONSE_BYTES's default: 32 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * The bytes one response may spend on large strings (document texts, excerpts, quotes), counted as
 * resolvers return them, so that no response grows past LIMIT_MAX_RESPONSE_BYTES: serialising it
 * would block the event loop for seconds, or fail outright past V8's longest string.
 * A string that does not fit is refused with RESPONSE_TOO_LARGE; smaller ones may still fit.
 */
export class ResponseBudget {
  private used = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes spent so far. */
  get spent(): number {
    return this.used;
  }

  /** A subscription's budget applies to each event: spent afresh from zero for the next one. */
  reset(): void {
    this.used = 0;
  }

  /** `value`, counted against the budget; throws RESPONSE_TOO_LARGE when it does not fit. */
  take(value: string): string {
    const bytes = Buffer.byteLength(value, "utf8");
    if (this.used + bytes > this.maxBytes) {
      throw new GraphQLError(
        `The response would carry more than ${this.maxBytes} bytes of text (LIMIT_MAX_RESPONSE_BYTES): ` +
          "ask for fewer document texts (Citation.context gives a short excerpt around each quote)",
        { extensions: { code: "RESPONSE_TOO_LARGE", maxBytes: this.maxBytes } },
      );
    }
    this.used += bytes;
    return value;
  }
}
