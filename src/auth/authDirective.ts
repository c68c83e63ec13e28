import { getDirective, MapperKind, mapSchema, type DirectableGraphQLObject } from "@graphql-tools/utils";
import { defaultFieldResolver, type GraphQLFieldConfig, type GraphQLSchema } from "graphql";
import type { AuthConfig } from "../config";
import { ANONYMOUS, type Authentication } from "./authentication";
import { refusal } from "./authErrors";
import { hasRole, isAccessRole, type AccessRole } from "./viewer";

/** What the auth check reads from a request's context (RequestContext has it). */
export interface AuthContext {
  authentication: Authentication;
}

export interface AuthRules {
  /** `token`: every Query and Subscription field needs at least READER (AUTH_READS). */
  reads: AuthConfig["reads"];
}

/** The role a field (definition or config) declares with `@auth(requires: …)` in the SDL, if any. */
export function declaredRole(schema: GraphQLSchema, field: DirectableGraphQLObject): AccessRole | undefined {
  const requires: unknown = getDirective(schema, field, "auth")?.[0]?.requires;
  if (requires === undefined) return undefined;
  if (!isAccessRole(requires))
    throw new Error(`@auth(requires: ${JSON.stringify(requires)}) names no AccessRole`);
  return requires;
}

/**
 * Wraps every field that needs a role so that its resolver (and, on Subscription, its subscribe)
 * first checks the request's authentication: the role comes from the field's `@auth` directive,
 * or is READER for Query and Subscription fields when reads need a token. Refuses to build a
 * schema with a Mutation field that declares no role: a write is never public by omission.
 */
export function applyAuthDirective(schema: GraphQLSchema, rules: AuthRules): GraphQLSchema {
  const mutation = schema.getMutationType()?.name;
  const readRoots = new Set([schema.getQueryType()?.name, schema.getSubscriptionType()?.name]);
  const undeclared: string[] = [];
  const guarded = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const declared = declaredRole(schema, field);
      if (declared === undefined && typeName === mutation) undeclared.push(`${typeName}.${fieldName}`);
      const required =
        rules.reads === "token" && readRoots.has(typeName) ? stronger(declared, "READER") : declared;
      return required === undefined ? field : guard(field, required, `${typeName}.${fieldName}`);
    },
  });
  if (undeclared.length > 0) {
    throw new Error(
      `Every Mutation field must declare @auth(requires: …); missing on ${undeclared.join(", ")}`,
    );
  }
  return guarded;
}

function stronger(declared: AccessRole | undefined, floor: AccessRole): AccessRole {
  return declared !== undefined && hasRole(declared, floor) ? declared : floor;
}

function guard(
  field: GraphQLFieldConfig<unknown, unknown>,
  required: AccessRole,
  coordinate: string,
): GraphQLFieldConfig<unknown, unknown> {
  const check = (context: unknown): void => {
    const error = refusal(authenticationOf(context), required, coordinate);
    if (error !== null) throw error;
  };
  const resolve = field.resolve ?? defaultFieldResolver;
  const { subscribe } = field;
  return {
    ...field,
    resolve: (source, args, context, info) => {
      check(context);
      return resolve(source, args, context, info);
    },
    ...(subscribe === undefined
      ? {}
      : {
          subscribe: (source, args, context, info) => {
            check(context);
            return subscribe(source, args, context, info);
          },
        }),
  };
}

/** A context without authentication (a test's, a tool's) is anonymous: never more than that. */
function authenticationOf(context: unknown): Authentication {
  if (typeof context === "object" && context !== null && "authentication" in context) {
    return (context as AuthContext).authentication;
  }
  return ANONYMOUS;
}
