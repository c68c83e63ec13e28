import type { UserErrorCode } from "../generated/resolvers-types";

/** A problem the caller can fix; when a mutation returns any, it wrote nothing. */
export interface UserError {
  /** Path to the input field at fault, e.g. ["input", "citations", "0", "quote"]. */
  field: string[];
  message: string;
  code: UserErrorCode;
}

/** Collects every problem of an input, so that all of them come back at once. */
export class Problems {
  readonly list: UserError[] = [];

  add(field: ReadonlyArray<string | number>, code: UserErrorCode, message: string): void {
    this.list.push({ field: field.map(String), code, message });
  }

  get any(): boolean {
    return this.list.length > 0;
  }
}
