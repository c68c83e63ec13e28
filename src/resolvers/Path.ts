import type { PathResolvers } from "../generated/resolvers-types";

export const Path: PathResolvers = {
  length: (parent) => parent.relationships.length,
};
