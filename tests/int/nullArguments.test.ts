import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isCompositeType,
  isLeafType,
  type GraphQLNamedType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type IntrospectionQuery,
} from "graphql";
import { postGraphQL } from "../support/http";
import { startHttpService, type HttpService } from "../support/httpService";
import { ENTITY_KINDS } from "../../src/graph/entityKinds";

/** Values for the required arguments that a field needs besides the one under test. */
const REQUIRED: Record<string, string> = {
  id: '"place:chongqing"',
  from: '"person:zheng-xiangdong"',
  to: '"place:istanbul"',
  ids: '["person:zheng-xiangdong", "place:istanbul"]',
  text: '"Chongqing"',
};

/** Types without an id of their own, reached through a field that lists them. */
const REACH: Record<string, (call: string) => string> = {
  Citation: (call) => `{ entity(id: "place:chongqing") { citations { ${call} } } }`,
  Document: (call) =>
    `{ node(id: "document:ichongqing-seeing-is-believing") { ... on Document { ${call} } } }`,
  Change: (call) => `{ lastChange { ${call} } }`,
};

interface Case {
  coordinate: string;
  /** The operation with `<ARG>` where the argument under test goes (or nothing). */
  template: string;
}

/**
 * Every field argument of the served schema (read by introspection over HTTP) that has a default:
 * `null` must answer exactly what leaving the argument out answers, with no error.
 */
describe("null for an argument with a default means the default", () => {
  let service: HttpService;
  const cases: Case[] = [];

  beforeAll(async () => {
    service = await startHttpService();
    const introspection = await postGraphQL<IntrospectionQuery>(service.url, getIntrospectionQuery());
    const schema = buildClientSchema(introspection.body.data as IntrospectionQuery);
    // An instance of every object type that has a field with a defaulted argument, found through `node`.
    const samples = await sampleIds(service.url);
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (arg.defaultValue === undefined || arg.defaultValue === null) continue;
          cases.push({
            coordinate: `${type.name}.${field.name}(${arg.name}:)`,
            template: operation(type, field, arg.name, samples),
          });
        }
      }
    }
  });
  afterAll(() => service.stop());

  it("finds the defaulted arguments of the served schema", () => {
    // Entity fields (relationships, statistics, quotes) on every entity type, and the root lists.
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.map((c) => c.coordinate)).toEqual(
      expect.arrayContaining([
        "Query.entities(first:)",
        "Person.relationships(direction:)",
        "Query.paths(maxLength:)",
      ]),
    );
  });

  it("answers null as it answers the argument left out, for every one of them", async () => {
    const differences: string[] = [];
    for (const { coordinate, template } of cases) {
      const argName = coordinate.slice(coordinate.indexOf("(") + 1, -2);
      // Left out: the argument list without it (an empty list is dropped, `f()` does not parse).
      const omitted = await postGraphQL(service.url, template.replace("<ARG>", "").replace(/\(\s*\)/, ""));
      const asNull = await postGraphQL(service.url, template.replace("<ARG>", `${argName}: null`));
      if (
        omitted.body.errors ||
        asNull.body.errors ||
        JSON.stringify(omitted.body) !== JSON.stringify(asNull.body)
      ) {
        differences.push(
          `${coordinate}: ${JSON.stringify(asNull.body.errors ?? asNull.body.data).slice(0, 200)}`,
        );
      }
    }
    expect(differences).toEqual([]);
  });
});

/**
 * One id per entity type, keyed by GraphQL type name: one `entities(kind:)` page per kind, so that
 * other suites' many entities of one kind cannot crowd a kind out of a shared first page.
 */
async function sampleIds(url: string): Promise<Record<string, string>> {
  const selections = ENTITY_KINDS.map(
    (kind) => `${kind}: entities(kind: ${kind}, first: 1) { edges { node { id __typename } } }`,
  );
  const answer = await postGraphQL<
    Record<string, { edges: Array<{ node: { id: string; __typename: string } }> }>
  >(url, `{ ${selections.join(" ")} }`);
  const samples: Record<string, string> = {};
  for (const page of Object.values(answer.body.data ?? {})) {
    for (const { node } of page.edges) samples[node.__typename] ??= node.id;
  }
  return samples;
}

function operation(
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  argName: string,
  samples: Record<string, string>,
): string {
  const args = field.args
    .filter((a) => a.name !== argName && isNonNullType(a.type))
    .map((a) => {
      const value = REQUIRED[a.name];
      if (value === undefined)
        throw new Error(`no sample value for required argument ${a.name} of ${field.name}`);
      return `${a.name}: ${value}`;
    });
  const selection = selectionOf(getNamedType(field.type));
  const call = `${field.name}(<ARG> ${args.join(" ")})${selection}`;
  if (type.name === "Query") return `{ ${call} }`;
  const reach = REACH[type.name];
  if (reach) return reach(call);
  const id = samples[type.name];
  if (id === undefined) throw new Error(`no instance of ${type.name} in the graph to test ${field.name} on`);
  return `{ node(id: "${id}") { ... on ${type.name} { ${call} } } }`;
}

/** Enough of a result to tell two answers apart: its scalar fields, and the cursors of a page. */
function selectionOf(type: GraphQLNamedType): string {
  if (!isCompositeType(type)) return "";
  if (!isObjectType(type)) return " { __typename }";
  const fields = Object.values(type.getFields());
  const scalars = fields
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0)
    .map((f) => f.name);
  const edges = fields.some((f) => f.name === "edges") ? ["edges { cursor }"] : [];
  return ` { __typename ${[...scalars, ...edges].join(" ")} }`;
}
