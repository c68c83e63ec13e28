import type { FeedChange } from "../graph/feedRepository";

/** Each change is serialised once, however many consumers it is sent to. */
const serialised = new WeakMap<FeedChange, string>();

/** The change as the feed carries it (docs/feeds.md): the GraphQL `Change` with all its items inline. */
export function changeJson(change: FeedChange): string {
  let json = serialised.get(change);
  if (json === undefined) {
    json = JSON.stringify({
      id: change.id,
      seq: change.seq,
      at: change.at,
      actor: change.actor,
      operation: change.operation,
      clientMutationId: change.clientMutationId,
      reason: change.reason,
      items: change.items.map((item) => ({
        id: item.id,
        typename: item.typename,
        action: item.action,
        version: item.version,
        before: item.before,
        after: item.after,
        mergedInto: item.mergedInto,
      })),
    });
    serialised.set(change, json);
  }
  return json;
}
