import type { CypherExecutor } from "../../graph/executor";
import type { AddQuoteInput } from "../../generated/resolvers-types";
import { locateCitations, checkCitations } from "../citations";
import { CURATION, deriveEntity } from "../elements";
import { readElements } from "../elementStore";
import { shortHash, slugOf } from "../ids";
import { checkCount, checkLength, WRITE_LIMITS } from "../limits";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";

/** The quote's own citation is its words: the part of the cited passage that `text` names. */
export function addQuote(
  executor: CypherExecutor,
  actor: Actor,
  input: AddQuoteInput,
): Promise<MutationOutcome> {
  const about = [...new Set(input.about ?? [])];
  const id = `quote:${slugOf(input.speaker.replace(/^person:/, ""), 60)}-${shortHash(input.speaker, input.text, input.citation)}`;
  return runMutation(executor, actor, "addQuote", input, {
    check: (problems) => {
      checkLength(problems, ["input", "text"], input.text, WRITE_LIMITS.quoteLength);
      checkCount(problems, ["input", "about"], about, 0, WRITE_LIMITS.about);
      checkCitations(problems, ["input", "citation"], [input.citation]);
      // checkCitations names the list's index; the quote has one citation, not a list.
      for (const p of problems.list)
        if (p.field[1] === "citation" && p.field[2] === "0") p.field.splice(2, 1);
      if (!input.citation.quote.includes(input.text)) {
        problems.add(["input", "text"], "INVALID", "the spoken words must lie within the citation's quote");
      }
    },
    work: async (run, problems) => {
      const stored = await readElements(run, { entities: [input.speaker, ...about], quotes: [id] });
      const speaker = stored.entities.get(input.speaker);
      if (speaker === undefined)
        problems.add(["input", "speaker"], "NOT_FOUND", `no entity ${input.speaker}`);
      else if (deriveEntity(speaker).kind !== "PERSON") {
        problems.add(
          ["input", "speaker"],
          "KIND_MISMATCH",
          `the speaker must be a PERSON, not ${deriveEntity(speaker).kind}`,
        );
      }
      about.forEach((aboutId, i) => {
        if (!stored.entities.has(aboutId))
          problems.add(["input", "about", i], "NOT_FOUND", `no entity ${aboutId}`);
      });
      if (stored.quotes.has(id))
        problems.add(["input"], "ALREADY_EXISTS", `the same quote is stored already as ${id}`);
      const [located] = await locateCitations(run, problems, [
        { field: ["input", "citation"], citation: input.citation },
      ]);
      if (located === null || located === undefined) return null;
      const start = located.start + input.citation.quote.indexOf(input.text);
      const citation = {
        documentId: located.documentId,
        quote: input.text,
        start,
        end: start + input.text.length,
      };
      const data = { speaker: input.speaker, text: input.text, about, citation };
      return {
        plan: [
          { before: null, after: { kind: "quote", id, version: 0, sources: [{ key: CURATION, data }] } },
        ],
        resultId: id,
      };
    },
  });
}
