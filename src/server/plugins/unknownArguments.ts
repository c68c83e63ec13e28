import type { ApolloServerPlugin } from "@apollo/server";
import {
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { badUserInput } from "../../errors";
import { isRelationshipType, RELATIONSHIP_TYPES } from "../../graph/relationshipTypes";

/**
 * Whether a document selects any field that takes a `types` argument, per parsed document: Apollo's
 * document store hands the same DocumentNode to every request with the same text, so an operation
 * without one (most: by id, search, statistics) is walked once, not on every request.
 */
const selectsTypes = new WeakMap<DocumentNode, boolean>();

function selectsTypesArgument(schema: GraphQLSchema, document: DocumentNode): boolean {
  const known = selectsTypes.get(document);
  if (known !== undefined) return known;
  let found = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (typeInfo.getFieldDef()?.args.some((arg) => arg.name === "types")) found = true;
      },
    }),
  );
  selectsTypes.set(document, found);
  return found;
}

/** The relationship types that the operation's `types` arguments name and the allow-list lacks. */
export function unknownRelationshipTypes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): string[] {
  if (!selectsTypesArgument(schema, document)) return [];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  // Invalid variables: Apollo reports them itself (400 BAD_USER_INPUT) after this hook.
  if (coerced.errors) return [];
  const unknown = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field?.args.some((arg) => arg.name === "types")) return;
        const { types } = getArgumentValues(field, node, coerced.coerced);
        if (!Array.isArray(types)) return;
        for (const type of types)
          if (typeof type === "string" && !isRelationshipType(type)) unknown.add(type);
      },
    }),
  );
  return [...unknown];
}

/**
 * A relationship type outside the allow-list refuses the whole request before anything runs
 * (400, BAD_USER_INPUT, the valid types listed). Checked in a resolver it would null the entity
 * whose `relationships(types:)` asked, since the connection is non-null.
 */
export function unknownArgumentsPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return Promise.resolve();
          const unknown = unknownRelationshipTypes(schema, document, operation, request.variables ?? {});
          if (unknown.length === 0) return Promise.resolve();
          const valid = Object.keys(RELATIONSHIP_TYPES);
          const error = badUserInput(
            `unknown relationship type(s) ${unknown.join(", ")} in \`types\`; valid types: ${valid.join(", ")}`,
            "types",
            { validTypes: valid },
          );
          return Promise.reject(
            new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } }),
          );
        },
      });
    },
  };
}
