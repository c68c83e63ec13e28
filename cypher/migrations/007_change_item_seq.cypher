// The bulk export (docs/feeds.md "Bulk export") reads each element's last ChangeItem at or below a
// seq. With the seq on the item itself (written by src/write/changeLog.ts since this migration), that
// is one range of one index, in (elementId, seq) order: no expand from every item to its Change.
// Items written before it get their Change's seq here, 10,000 to a transaction (the runner sends
// IN TRANSACTIONS statements as implicit transactions); `IS NULL` makes a cut-short run resumable.
MATCH (c:Change)-[:HAS_ITEM]->(i:ChangeItem)
WHERE i.seq IS NULL
CALL (c, i) {
  SET i.seq = c.seq
} IN TRANSACTIONS OF 10000 ROWS;
CREATE INDEX change_item_element_seq IF NOT EXISTS FOR (i:ChangeItem) ON (i.elementId, i.seq);
