// ingestDocument (docs/ingest.md): a document's mentions of entities, read by document in text order.
CREATE CONSTRAINT mention_id IF NOT EXISTS FOR (m:Mention) REQUIRE m.id IS UNIQUE;
CREATE INDEX mention_document IF NOT EXISTS FOR (m:Mention) ON (m.documentId, m.start);
