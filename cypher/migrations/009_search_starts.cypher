// search (docs/api.md#search): a typed word of one or two letters is a term of `nameStarts` or
// `aliasStarts` (the first one and two characters of each word, followed by `_`), not a prefix
// query, which Lucene expands over every matching term of a large graph. New writes store them
// (wordStarts in src/graph/searchText.ts); this fills them for entities written before, with the
// same rule: a word is a run of letters and digits other than Han and hiragana. The index is
// replaced only after the backfill, so searches keep working while it runs. Stop every instance
// of an earlier version first: its writes would store entities without these properties.
MATCH (n:Entity) WHERE n.nameStarts IS NULL OR n.aliasStarts IS NULL
CALL (n) {
  WITH n, [coalesce(n.name, ''), reduce(all = '', alias IN coalesce(n.aliases, []) | all + ' ' + alias)] AS texts
  // Per text, whether each character belongs to a word; the last entry, false, stands for the
  // character after the end (index i + 1) and before the start (index -1).
  WITH n, [t IN texts | [i IN range(0, size(t) - 1) |
    substring(t, i, 1) =~ '[\\p{L}\\p{N}&&[^\\p{IsHan}\\p{IsHiragana}]]'] + [false]] AS isWord, texts
  WITH n, [k IN range(0, 1) | trim(reduce(out = '', i IN range(0, size(texts[k]) - 1) |
    CASE
      WHEN isWord[k][i] AND NOT isWord[k][i - 1]
      THEN out + ' ' + substring(texts[k], i, 1) + '_' +
        CASE WHEN isWord[k][i + 1] THEN ' ' + substring(texts[k], i, 2) + '_' ELSE '' END
      ELSE out
    END))] AS starts
  SET n.nameStarts = starts[0], n.aliasStarts = starts[1]
} IN TRANSACTIONS OF 10000 ROWS;
DROP INDEX entity_search IF EXISTS;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases, n.description, n.kind, n.nameStarts, n.aliasStarts]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
