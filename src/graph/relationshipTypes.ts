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
