import type { PlaceResolvers } from "../generated/resolvers-types";
import { entityFields } from "./entityFields";

export const Place: PlaceResolvers = {
  ...entityFields,
  partOf: (parent, _args, { graph }) => graph.parentPlace.load(parent.id),
};
