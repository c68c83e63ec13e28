import type { DocumentResolvers, MentionResolvers, MutationResolvers } from "../generated/resolvers-types";
import type { MentionRecord } from "../graph/records";
import type { RequestContext } from "../server/context";
import { INGEST_LIMITS } from "../write/mentions";
import { ingestDocument } from "../write/mutations/ingestDocument";
import { reviewMention } from "../write/mutations/reviewMention";
import { pageArgs } from "./arguments";
import { common, requireActor, unchangedId } from "./Mutation";

export const Mention: MentionResolvers = {
  entity: async (parent, _args, { graph }) => {
    const entity = graph.known.get(parent.entityId) ?? (await graph.entity.load(parent.entityId));
    if (entity === null) throw new Error(`entity ${parent.entityId} of ${parent.id} does not exist`);
    return entity;
  },
};

export const DocumentMentions: Pick<DocumentResolvers, "mentions"> = {
  mentions: (parent, args, { graph }) => {
    const { first, after } = pageArgs(args.first, args.after);
    return graph.mentions.ofDocument(parent.id, { first, after, status: args.status ?? null });
  },
};

/** The stored mentions of a document not REJECTED, in text order, at most the payload's limit. */
async function storedMentions(ctx: RequestContext, documentId: string): Promise<MentionRecord[]> {
  const page = await ctx.graph.mentions.ofDocument(documentId, {
    first: INGEST_LIMITS.payloadMentions,
    after: null,
    status: null,
  });
  return page.edges.map((e) => e.node).filter((m) => m.status !== "REJECTED");
}

export const ingestMutations: Pick<MutationResolvers, "ingestDocument" | "reviewMention"> = {
  ingestDocument: async (_parent, { input }, ctx) => {
    const result = await ingestDocument(ctx.executor, requireActor(ctx), input, ctx.linker);
    const { fields, existing } = await common(ctx, input, result.outcome);
    const documentId = result.documentId;
    const mentions =
      documentId === null
        ? []
        : result.outcome.kind === "written"
          ? result.written.slice(0, INGEST_LIMITS.payloadMentions)
          : await storedMentions(ctx, documentId);
    return {
      ...fields,
      existing,
      document: documentId === null ? null : await ctx.graph.document.load(documentId),
      mentions,
      candidates: result.candidates,
    };
  },
  reviewMention: async (_parent, { input }, ctx) => {
    const outcome = await reviewMention(ctx.executor, requireActor(ctx), input);
    const { fields, resultId } = await common(ctx, input, outcome);
    const id = resultId ?? unchangedId(outcome, input.id);
    return { ...fields, mention: id === null ? null : await ctx.graph.mention.load(id) };
  },
};
