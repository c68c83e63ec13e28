// search (docs/api.md#search): a typed word of one or two letters is a term of `nameStarts` or
// `aliasStarts` (the first one and two characters of each word, followed by `_`), not a prefix
// query, which Lucene expands over every matching term of a large graph. New writes store them
// (wordStarts in src/graph/searchText.ts); this fills them for entities written before, with the
// same rule: a word is a run of letters and digits other than Han and hiragana.
DROP INDEX entity_search IF EXISTS;
MATCH (n:Entity) WHERE n.nameStarts IS NULL OR n.aliasStarts IS NULL
CALL (n) {
  WITH n, [coalesce(n.name, ''), reduce(all = '', alias IN coalesce(n.aliases, []) | all + ' ' + alias)] AS texts
  WITH n, [t IN texts | trim(reduce(out = '', i IN range(0, size(t) - 1) |
    CASE
      WHEN substring(t, i, 1) =~ '[\\p{L}\\p{N}&&[^\\p{IsHan}\\p{IsHiragana}]]'
        AND (i = 0 OR NOT substring(t, i - 1, 1) =~ '[\\p{L}\\p{N}&&[^\\p{IsHan}\\p{IsHiragana}]]')
      THEN out + ' ' + substring(t, i, 1) + '_' +
        CASE WHEN substring(t, i + 1, 1) =~ '[\\p{L}\\p{N}&&[^\\p{IsHan}\\p{IsHiragana}]]'
          THEN ' ' + substring(t, i, 2) + '_' ELSE '' END
      ELSE out
    END))] AS starts
  SET n.nameStarts = starts[0], n.aliasStarts = starts[1]
} IN TRANSACTIONS OF 10000 ROWS;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases, n.description, n.kind, n.nameStarts, n.aliasStarts]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
