import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { Resolvers } from "../generated/resolvers-types";
import {
  ChangeConnection,
  ChangeItemConnection,
  DocumentConnection,
  EntityConnection,
  QuoteConnection,
  RelationshipConnection,
  StatisticConnection,
} from "./connections";
import { entityFields, Person } from "./entityFields";
import { Citation, Document as DocumentText, Quote, Relationship, Statistic } from "./linkedTypes";
import { Change, Document as DocumentEntities, Subscription } from "./history";
import { Mutation } from "./Mutation";
import { Path } from "./Path";
import { Place } from "./Place";
import { Query } from "./Query";

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  Query,
  Mutation,
  Subscription,
  Change,
  Document: { ...DocumentText, ...DocumentEntities },
  Person,
  Place,
  Organization: entityFields,
  Initiative: entityFields,
  Event: entityFields,
  Role: entityFields,
  Sector: entityFields,
  Relationship,
  Statistic,
  Quote,
  Citation,
  Path,
  EntityConnection,
  RelationshipConnection,
  StatisticConnection,
  QuoteConnection,
  DocumentConnection,
  ChangeConnection,
  ChangeItemConnection,
};
