import { GraphQLError } from "graphql";
import type { MutationResolvers } from "../generated/resolvers-types";
import type { ChangeRecord } from "../graph/records";
import type { RequestContext } from "../server/context";
import type { Actor, MutationOutcome } from "../write/mutation";
import { addDocument } from "../write/mutations/addDocument";
import { addQuote } from "../write/mutations/addQuote";
import { addRelationship } from "../write/mutations/addRelationship";
import { addStatistic } from "../write/mutations/addStatistic";
import { createEntity } from "../write/mutations/createEntity";
import { mergeEntities } from "../write/mutations/mergeEntities";
import { retract } from "../write/mutations/retract";
import { updateEntity } from "../write/mutations/updateEntity";
import type { UserError } from "../write/userErrors";

/**
 * The caller writing. The @auth directive refuses anonymous callers before a resolver runs; this is
 * the second line of defence, so that no write is ever recorded without an actor.
 */
export function requireActor(ctx: RequestContext): Actor {
  if (ctx.viewer === null) {
    throw new GraphQLError("Writing needs a bearer token (see docs/curation.md)", {
      extensions: { code: "UNAUTHENTICATED" },
    });
  }
  return { subject: ctx.viewer.subject };
}

interface Common {
  clientMutationId: string | null;
  userErrors: UserError[];
  change: ChangeRecord | null;
}

/**
 * The payload fields every mutation shares, and the id of the element it returns: the one written,
 * the one the earlier change with the same clientMutationId wrote (replay), or none when refused.
 */
export async function common(
  ctx: RequestContext,
  input: { clientMutationId?: string | null },
  outcome: MutationOutcome,
): Promise<{ fields: Common; resultId: string | null; existing: boolean }> {
  const clientMutationId = input.clientMutationId ?? null;
  switch (outcome.kind) {
    case "written":
      return {
        fields: { clientMutationId, userErrors: [], change: outcome.change },
        resultId: outcome.resultId,
        existing: false,
      };
    case "replayed":
      return {
        fields: { clientMutationId, userErrors: [], change: await ctx.graph.change.load(outcome.seq) },
        resultId: outcome.resultId,
        existing: false,
      };
    case "nothing":
      return {
        fields: { clientMutationId, userErrors: [], change: null },
        resultId: outcome.result.existingId,
        existing: outcome.result.existingId !== null,
      };
    case "refused":
      return {
        fields: { clientMutationId, userErrors: outcome.userErrors, change: null },
        resultId: null,
        existing: false,
      };
  }
}

/** The result id when nothing was written because nothing changed (e.g. an update to the same values). */
export const unchangedId = (outcome: MutationOutcome, id: string): string | null =>
  outcome.kind === "nothing" && outcome.result.existingId === null ? id : null;

export const Mutation: MutationResolvers = {
  addDocument: async (_parent, { input }, ctx) => {
    const outcome = await addDocument(ctx.executor, requireActor(ctx), input);
    const { fields, resultId, existing } = await common(ctx, input, outcome);
    return {
      ...fields,
      existing,
      document: resultId === null ? null : await ctx.graph.document.load(resultId),
    };
  },
  createEntity: async (_parent, { input }, ctx) => {
    const outcome = await createEntity(ctx.executor, requireActor(ctx), input);
    const { fields, resultId } = await common(ctx, input, outcome);
    return { ...fields, entity: resultId === null ? null : await ctx.graph.entity.load(resultId) };
  },
  updateEntity: async (_parent, { input }, ctx) => {
    const outcome = await updateEntity(ctx.executor, requireActor(ctx), input);
    const { fields, resultId } = await common(ctx, input, outcome);
    const id = resultId ?? unchangedId(outcome, input.id);
    return { ...fields, entity: id === null ? null : await ctx.graph.entity.load(id) };
  },
  addRelationship: async (_parent, { input }, ctx) => {
    const outcome = await addRelationship(ctx.executor, requireActor(ctx), input);
    const { fields, resultId } = await common(ctx, input, outcome);
    return {
      ...fields,
      relationship: resultId === null ? null : await ctx.graph.relationship.load(resultId),
    };
  },
  addStatistic: async (_parent, { input }, ctx) => {
    const outcome = await addStatistic(ctx.executor, requireActor(ctx), input);
    const { fields, resultId } = await common(ctx, input, outcome);
    return { ...fields, statistic: resultId === null ? null : await ctx.graph.statistic.load(resultId) };
  },
  addQuote: async (_parent, { input }, ctx) => {
    const outcome = await addQuote(ctx.executor, requireActor(ctx), input);
    const { fields, resultId } = await common(ctx, input, outcome);
    return { ...fields, quote: resultId === null ? null : await ctx.graph.quote.load(resultId) };
  },
  retract: async (_parent, { input }, ctx) => {
    const outcome = await retract(ctx.executor, requireActor(ctx), input);
    const { fields, resultId } = await common(ctx, input, outcome);
    return { ...fields, retractedId: resultId };
  },
  mergeEntities: async (_parent, { input }, ctx) => {
    const outcome = await mergeEntities(ctx.executor, requireActor(ctx), input);
    const { fields, resultId } = await common(ctx, input, outcome);
    return { ...fields, entity: resultId === null ? null : await ctx.graph.entity.load(resultId) };
  },
};
