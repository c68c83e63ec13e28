import type { CypherExecutor } from "../../graph/executor";
import type { AddRelationshipInput } from "../../generated/resolvers-types";
import type { CitationRecord } from "../../graph/records";
import { relationshipId } from "../../graph/relationshipId";
import { endKindProblem, isRelationshipType, RELATIONSHIP_TYPES } from "../../graph/relationshipTypes";
import { checkCitations, locateCitations } from "../citations";
import {
  CURATION,
  deriveEntity,
  deriveRelationship,
  differs,
  withSource,
  type Primitive,
  type RelationshipElement,
} from "../elements";
import { readElements } from "../elementStore";
import { WRITE_LIMITS } from "../limits";
import { runMutation, type Actor, type MutationOutcome } from "../mutation";
import type { Problems } from "../userErrors";

const PROPERTY_KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** A relationship's properties: at most 20 keys (letters, digits, _), each a string, number or boolean. */
function checkProperties(problems: Problems, properties: unknown): Record<string, Primitive> {
  if (properties === null || properties === undefined) return {};
  if (typeof properties !== "object" || Array.isArray(properties)) {
    problems.add(["input", "properties"], "INVALID", "must be an object");
    return {};
  }
  const entries = Object.entries(properties as Record<string, unknown>);
  if (entries.length > WRITE_LIMITS.properties) {
    problems.add(["input", "properties"], "INVALID", `must have at most ${WRITE_LIMITS.properties} keys`);
  }
  const out: Record<string, Primitive> = {};
  for (const [key, value] of entries) {
    const ok =
      (typeof value === "string" && value.length <= WRITE_LIMITS.shortTextLength) ||
      (typeof value === "number" && Number.isFinite(value)) ||
      typeof value === "boolean";
    if (!PROPERTY_KEY.test(key) || !ok) {
      problems.add(
        ["input", "properties", key],
        "INVALID",
        `keys are letters, digits and _; values a string (at most ${WRITE_LIMITS.shortTextLength} characters), a number or a boolean`,
      );
    } else out[key] = value;
  }
  return out;
}

const sameCitation = (a: CitationRecord, b: CitationRecord): boolean =>
  a.documentId === b.documentId && a.start === b.start && a.end === b.end;

/** The link with the curators' contribution extended: the citations it lacks, the properties given (curators' values win). */
function withCuratedAddition(
  before: RelationshipElement,
  properties: Record<string, Primitive>,
  citations: CitationRecord[],
): RelationshipElement {
  const known = deriveRelationship(before).citations;
  const fresh = citations.filter(
    (c, i) => !known.some((k) => sameCitation(k, c)) && citations.findIndex((o) => sameCitation(o, c)) === i,
  );
  const curated = before.sources.find((s) => s.key === CURATION)?.data ?? {
    properties: {},
    background: false,
    citations: [],
  };
  const merged = { ...curated.properties, ...properties };
  const data = {
    properties: JSON.stringify(merged) === JSON.stringify(curated.properties) ? curated.properties : merged,
    background: false,
    citations: [...curated.citations, ...fresh],
  };
  const unchanged =
    fresh.length === 0 &&
    JSON.stringify(
      deriveRelationship({ ...before, sources: withSource(before.sources, CURATION, data) }).properties,
    ) === JSON.stringify(deriveRelationship(before).properties);
  return unchanged ? before : { ...before, sources: withSource(before.sources, CURATION, data) };
}

export function addRelationship(
  executor: CypherExecutor,
  actor: Actor,
  input: AddRelationshipInput,
): Promise<MutationOutcome> {
  const id = relationshipId(input.from, input.type, input.to);
  let properties: Record<string, Primitive> = {};
  return runMutation(executor, actor, "addRelationship", input, {
    check: (problems) => {
      if (!isRelationshipType(input.type)) {
        problems.add(
          ["input", "type"],
          "UNKNOWN_RELATIONSHIP_TYPE",
          `unknown relationship type ${input.type}; known: ${Object.keys(RELATIONSHIP_TYPES).join(", ")}`,
        );
      }
      if (input.from === input.to)
        problems.add(["input", "to"], "INVALID", "a relationship links two different entities");
      properties = checkProperties(problems, input.properties);
      checkCitations(problems, ["input", "citations"], input.citations);
    },
    work: async (run, problems) => {
      const stored = await readElements(run, { entities: [input.from, input.to], relationships: [id] });
      for (const end of ["from", "to"] as const) {
        const entity = stored.entities.get(input[end]);
        if (entity === undefined) problems.add(["input", end], "NOT_FOUND", `no entity ${input[end]}`);
        else if (isRelationshipType(input.type)) {
          const mismatch = endKindProblem(input.type, end, deriveEntity(entity).kind);
          if (mismatch !== null) problems.add(["input", end], "KIND_MISMATCH", mismatch);
        }
      }
      const citations = await locateCitations(
        run,
        problems,
        input.citations.map((citation, i) => ({ field: ["input", "citations", i], citation })),
      );
      const located = citations.filter((c): c is CitationRecord => c !== null);
      const before = stored.relationships.get(id) ?? null;
      if (before === null) {
        const data = { properties, background: false, citations: located };
        return {
          plan: [
            { before, after: { kind: "relationship", id, version: 0, sources: [{ key: CURATION, data }] } },
          ],
          resultId: id,
        };
      }
      // The link exists: what is new in this call (citations it does not have yet, properties that
      // differ) joins the curators' contribution; nothing new is ALREADY_EXISTS.
      const after = withCuratedAddition(before, properties, located);
      if (!differs(before, after) && !problems.any) {
        problems.add(
          ["input"],
          "ALREADY_EXISTS",
          `${id} exists already with these citations and properties; cite other words to add a source`,
        );
      }
      return { plan: [{ before, after }], resultId: id };
    },
  });
}
