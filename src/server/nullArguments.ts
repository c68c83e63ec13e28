import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { defaultFieldResolver, type GraphQLArgument, type GraphQLSchema } from "graphql";

/**
 * `null` for an argument that has a default means the default, on every field (`first: null` is
 * `first: 20`). GraphQL itself applies a default only to an argument left out; clients that send
 * every declared variable (Relay, generated hooks typed `number | null`) pass `null` instead.
 * Fields without a defaulted argument keep their resolver untouched (no per-field wrapping cost).
 */
export function nullMeansDefault(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field) => {
      const defaulted = Object.entries(field.args ?? {}).filter(
        ([, arg]) => arg.defaultValue !== undefined && arg.defaultValue !== null,
      );
      if (defaulted.length === 0) return field;
      const defaults = Object.fromEntries(defaulted.map(([name, arg]) => [name, arg.defaultValue]));
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: (source, args: Record<string, unknown>, context, info) =>
          resolve(source, withDefaults(args, defaults), context, info),
      };
    },
  });
}

function withDefaults(
  args: Record<string, unknown>,
  defaults: Record<string, GraphQLArgument["defaultValue"]>,
): Record<string, unknown> {
  let replaced: Record<string, unknown> | undefined;
  for (const name in defaults) {
    if (args[name] === null) {
      replaced ??= { ...args };
      replaced[name] = defaults[name];
    }
  }
  return replaced ?? args;
}
