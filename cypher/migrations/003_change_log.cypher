// The change log (docs/curation.md): every committed write is one (:Change {seq}) with its
// (:ChangeItem)s; seq comes from the single (:ChangeLog) counter, incremented in the same transaction.
CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE;
CREATE CONSTRAINT change_log_id IF NOT EXISTS FOR (l:ChangeLog) REQUIRE l.id IS UNIQUE;
// Idempotency: a caller's clientMutationId finds its earlier change.
CREATE INDEX change_mutation IF NOT EXISTS FOR (c:Change) ON (c.actor, c.clientMutationId);
// Entity.history and changes(ids:): the changes that touched an element.
CREATE INDEX change_item_element IF NOT EXISTS FOR (i:ChangeItem) ON (i.elementId);
// addDocument dedups by the SHA-256 of the text.
CREATE INDEX document_content_hash IF NOT EXISTS FOR (d:Document) ON (d.contentHash);
// The counter itself: created once, never deleted.
MERGE (l:ChangeLog {id: 'changes'}) ON CREATE SET l.seq = 0;
