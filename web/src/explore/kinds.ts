/** One colour and one shape per entity kind (the shape keeps kinds apart without colour vision). */
export const KINDS = ["PERSON", "ORGANIZATION", "PLACE", "INITIATIVE", "EVENT", "ROLE", "SECTOR"] as const;

const COLOURS: Record<string, string> = {
  PERSON: "#4e79a7",
  ORGANIZATION: "#f28e2b",
  PLACE: "#59a14f",
  INITIATIVE: "#e15759",
  EVENT: "#b07aa1",
  ROLE: "#9c755f",
  SECTOR: "#17becf",
};

const SHAPES: Record<string, string> = {
  PERSON: "ellipse",
  ORGANIZATION: "round-rectangle",
  PLACE: "diamond",
  INITIATIVE: "hexagon",
  EVENT: "star",
  ROLE: "triangle",
  SECTOR: "barrel",
};

export const colourOf = (kind: string): string => COLOURS[kind] ?? "#7f7f7f";
export const shapeOf = (kind: string): string => SHAPES[kind] ?? "ellipse";

/** "ORGANIZATION" → "Organization". */
export const kindLabel = (kind: string): string => kind.charAt(0) + kind.slice(1).toLowerCase();
