import { DOCUMENT_TEXTS } from "../graph/documentRepository";
import type { CitationRecord } from "../graph/records";
import { locateQuote } from "../import/locateQuote";
import type { Run } from "./elementStore";
import { checkCount, checkLength, WRITE_LIMITS } from "./limits";
import type { Problems } from "./userErrors";

/** A citation as a mutation gives it: the document and its exact words; the service finds the offsets. */
export interface CitationInput {
  documentId: string;
  quote: string;
  occurrence?: number | null;
}

/** Size checks of a citation list (at least `min`), before anything is read. */
export function checkCitations(
  problems: Problems,
  field: ReadonlyArray<string | number>,
  citations: readonly CitationInput[],
  min = 1,
): void {
  checkCount(problems, field, citations, min, WRITE_LIMITS.citations);
  citations.forEach((c, i) => {
    checkLength(problems, [...field, i, "quote"], c.quote, WRITE_LIMITS.quoteLength);
    if (c.occurrence !== null && c.occurrence !== undefined && c.occurrence < 1) {
      problems.add([...field, i, "occurrence"], "INVALID", "must be 1 or more");
    }
  });
}

/**
 * The offsets of each citation in its document's stored text, with the importer's quote locator:
 * QUOTE_NOT_FOUND, QUOTE_AMBIGUOUS (more than one occurrence and none chosen) or NOT_FOUND (no such
 * document), each with the field path. Null in place of a citation that could not be located.
 */
export async function locateCitations(
  run: Run,
  problems: Problems,
  citations: ReadonlyArray<{ field: ReadonlyArray<string | number>; citation: CitationInput }>,
): Promise<Array<CitationRecord | null>> {
  const ids = [...new Set(citations.map((c) => c.citation.documentId))];
  const rows =
    ids.length === 0
      ? []
      : await run<{ id: string; text: string }>({
          name: "write.documentTexts",
          cypher: DOCUMENT_TEXTS,
          params: { ids },
        });
  const texts = new Map(rows.map((r) => [r.id, r.text]));
  return citations.map(({ field, citation }) => {
    const text = texts.get(citation.documentId);
    if (text === undefined) {
      problems.add(
        [...field, "documentId"],
        "NOT_FOUND",
        `no document ${citation.documentId}; store it with addDocument first`,
      );
      return null;
    }
    if (citation.quote.length === 0) return null;
    const found = locateQuote(text, citation.quote, citation.occurrence ?? undefined);
    if ("problem" in found) {
      const code = !text.includes(citation.quote)
        ? "QUOTE_NOT_FOUND"
        : citation.occurrence === null || citation.occurrence === undefined
          ? "QUOTE_AMBIGUOUS"
          : "INVALID";
      problems.add(
        [...field, code === "INVALID" ? "occurrence" : "quote"],
        code,
        `the quote ${found.problem}`,
      );
      return null;
    }
    return { documentId: citation.documentId, quote: citation.quote, ...found };
  });
}
