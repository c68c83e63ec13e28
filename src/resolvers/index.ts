import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { Resolvers } from "../generated/resolvers-types";
import {
  EntityConnection,
  QuoteConnection,
  RelationshipConnection,
  StatisticConnection,
} from "./connections";
import { entityFields, Person } from "./entityFields";
import { Citation, Document, Quote, Relationship, Statistic } from "./linkedTypes";
import { Path } from "./Path";
import { Place } from "./Place";
import { Query } from "./Query";

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  Query,
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
  Document,
  Path,
  EntityConnection,
  RelationshipConnection,
  StatisticConnection,
  QuoteConnection,
};
