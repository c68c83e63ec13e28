// search (docs/api.md#search) ranks its candidates in Cypher, comparing the typed words with each
// entity's folded name and aliases: `nameKey` and `aliasKeys` (searchKey in src/graph/searchText.ts,
// stored by every write). Folding is not something Cypher can do, so this migration's backfill for
// entities written before is TypeScript: backfillSearchKeys in src/graph/migrationSteps.ts, run
// before this file's statements (there are none). Stop every instance of an earlier version first:
// its writes would store entities without the keys, and search would rank them as spread over
// name and aliases.
