// search (docs/api.md#search): the index also holds each entity's `kind`, so a `kinds` filter is a
// clause of the Lucene query itself and the index's candidate limit never crowds out a rare kind.
DROP INDEX entity_search IF EXISTS;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases, n.description, n.kind]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};

