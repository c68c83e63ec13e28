/**
 * Bounds on what the graph stores, shared by imports (src/import/), writes and cursors: one place,
 * so that every id the graph accepts fits in every cursor the API issues.
 */

/** The longest id of a stored node (entity, statistic, quote, document), prefix included. */
export const MAX_ID_LENGTH = 200;

/** The longest relationship type (UPPER_SNAKE_CASE; the allow-list's are far shorter). */
export const MAX_RELATIONSHIP_TYPE_LENGTH = 64;

/** The longest relationship id: 'relationship:<from id>|<TYPE>|<to id>' (relationshipId.ts). */
export const MAX_RELATIONSHIP_ID_LENGTH =
  "relationship:".length + 2 * MAX_ID_LENGTH + 2 + MAX_RELATIONSHIP_TYPE_LENGTH;

/** The longest sort key a cursor carries: any id, relationship ids included. */
export const MAX_CURSOR_KEY_LENGTH = MAX_RELATIONSHIP_ID_LENGTH;
