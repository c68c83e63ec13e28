import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import type { Resolvers } from "../generated/resolvers-types";
import {
  ChangeConnection,
  ChangeItemConnection,
  DocumentConnection,
  EntityConnection,
  MentionConnection,
  QuoteConnection,
  RelationshipConnection,
  StatisticConnection,
} from "./connections";
import { entityFields, Person } from "./entityFields";
import { Citation, Document as DocumentText, Quote, Relationship, Statistic } from "./linkedTypes";
import { Change, ChangeItem, Document as DocumentEntities, Subscription } from "./history";
import { DocumentMentions, ingestMutations, Mention } from "./ingest";
import { Mutation } from "./Mutation";
import { Path } from "./Path";
import { Place } from "./Place";
import { Query } from "./Query";

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  Query,
  Mutation: { ...Mutation, ...ingestMutations },
  Subscription,
  Change,
  ChangeItem,
  Document: { ...DocumentText, ...DocumentEntities, ...DocumentMentions },
  Mention,
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
  MentionConnection,
};
