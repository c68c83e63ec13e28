// mergeEntities: the id of a merged entity keeps resolving, to the entity it was merged into.
CREATE CONSTRAINT merged_id IF NOT EXISTS FOR (m:MergedId) REQUIRE m.id IS UNIQUE;
CREATE INDEX merged_into IF NOT EXISTS FOR (m:MergedId) ON (m.into);
