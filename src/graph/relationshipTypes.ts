import type { EntityKind } from "./records";

/**
 * The relationship types the graph may hold between entities: the allow-list that every
 * relationship type in Cypher is checked against, with the meaning a client sees.
 * A property `prospective: true` marks a link the source expects, plans or pushes for rather than
 * reports as already so.
 */
export const RELATIONSHIP_TYPES = {
  HOLDS_ROLE: "(Person)-[:HOLDS_ROLE]->(Role): the person holds the role.",
  ROLE_IN: "(Role)-[:ROLE_IN]->(Organization|Place): the role is a position in that organization or place.",
  PART_OF:
    "(X)-[:PART_OF]->(Y): X lies in or is part of Y (a place in a larger place, a body in its organization, a sector in a broader sector, an event in an initiative).",
  ORGANIZED: "(Organization|Place|Person)-[:ORGANIZED]->(Event): held, organized or initiated the event.",
  SPOKE_AT: "(Person)-[:SPOKE_AT]->(Event): the person spoke at the event.",
  SPOKE_ABOUT: "(Person)-[:SPOKE_ABOUT]->(Entity): the person spoke about it (quoted or reported speech).",
  FOCUSES_ON:
    "(Event|Initiative|Organization)-[:FOCUSES_ON]->(Entity): its topic or focus is that place, sector or initiative.",
  CONNECTS:
    "(Initiative|Event|Place)-[:CONNECTS]->(Place|Organization): the route, line, corridor or trail links that place (market: true: that place's or bloc's market).",
  PIONEERED:
    "(Place|Organization|Person)-[:PIONEERED]->(Initiative): was the first to launch or run the initiative.",
  OPERATES: "(Place|Organization)-[:OPERATES]->(Initiative): runs the service or initiative.",
  DEVELOPS:
    "(Place|Organization)-[:DEVELOPS]->(Initiative|Place): builds, develops or establishes it (jointly: true: together with others).",
  CONTRIBUTES_TO: "(X)-[:CONTRIBUTES_TO]->(Y): X contributes to or boosts Y (area: in what).",
  INTEGRATES_WITH:
    "(Initiative)-[:INTEGRATES_WITH]->(Initiative): the platform is integrated with the other one.",
  COOPERATES_WITH:
    "(Place|Organization)-[:COOPERATES_WITH]->(Place|Organization): the two cooperate (area: in what).",
  INVOLVES:
    "(Initiative|Event)-[:INVOLVES]->(Entity): the initiative or event involves that place, organization or person.",
  SUPPLIES:
    "(Place|Organization)-[:SUPPLIES]->(Organization|Place): provides goods to it (goods: what is supplied).",
  MANUFACTURES_IN: "(Organization)-[:MANUFACTURES_IN]->(Place): the organization makes its products there.",
  PRODUCES:
    "(Place|Organization)-[:PRODUCES]->(Sector): makes goods of that sector (comparativeAdvantage: true: a strength).",
  PHOTOGRAPHED:
    "(Person|Organization)-[:PHOTOGRAPHED]->(Entity): credited with a photograph in the source that shows it.",
} as const;

export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;

export function isRelationshipType(value: string): value is RelationshipType {
  return Object.prototype.hasOwnProperty.call(RELATIONSHIP_TYPES, value);
}

/** Kinds a relationship may start or end at; "ANY" for every kind. */
type Ends = { from: readonly EntityKind[] | "ANY"; to: readonly EntityKind[] | "ANY" };

/** The end kinds of each type, as its description states them: checked by the importer and the mutations alike. */
export const RELATIONSHIP_ENDS: Readonly<Record<RelationshipType, Ends>> = {
  HOLDS_ROLE: { from: ["PERSON"], to: ["ROLE"] },
  ROLE_IN: { from: ["ROLE"], to: ["ORGANIZATION", "PLACE"] },
  PART_OF: { from: "ANY", to: "ANY" },
  ORGANIZED: { from: ["ORGANIZATION", "PLACE", "PERSON"], to: ["EVENT"] },
  SPOKE_AT: { from: ["PERSON"], to: ["EVENT"] },
  SPOKE_ABOUT: { from: ["PERSON"], to: "ANY" },
  FOCUSES_ON: { from: ["EVENT", "INITIATIVE", "ORGANIZATION"], to: "ANY" },
  CONNECTS: { from: ["INITIATIVE", "EVENT", "PLACE"], to: ["PLACE", "ORGANIZATION"] },
  PIONEERED: { from: ["PLACE", "ORGANIZATION", "PERSON"], to: ["INITIATIVE"] },
  OPERATES: { from: ["PLACE", "ORGANIZATION"], to: ["INITIATIVE"] },
  DEVELOPS: { from: ["PLACE", "ORGANIZATION"], to: ["INITIATIVE", "PLACE"] },
  CONTRIBUTES_TO: { from: "ANY", to: "ANY" },
  INTEGRATES_WITH: { from: ["INITIATIVE"], to: ["INITIATIVE"] },
  COOPERATES_WITH: { from: ["PLACE", "ORGANIZATION"], to: ["PLACE", "ORGANIZATION"] },
  INVOLVES: { from: ["INITIATIVE", "EVENT"], to: "ANY" },
  SUPPLIES: { from: ["PLACE", "ORGANIZATION"], to: ["ORGANIZATION", "PLACE"] },
  MANUFACTURES_IN: { from: ["ORGANIZATION"], to: ["PLACE"] },
  PRODUCES: { from: ["PLACE", "ORGANIZATION"], to: ["SECTOR"] },
  PHOTOGRAPHED: { from: ["PERSON", "ORGANIZATION"], to: "ANY" },
};

/** Why these ends do not fit the type, or null when they do. */
export function endKindProblem(type: RelationshipType, end: "from" | "to", kind: EntityKind): string | null {
  const allowed = RELATIONSHIP_ENDS[type][end];
  if (allowed === "ANY" || allowed.includes(kind)) return null;
  return `${type} ${end === "from" ? "starts at" : "ends at"} ${allowed.join(" or ")}, not ${kind}`;
}
