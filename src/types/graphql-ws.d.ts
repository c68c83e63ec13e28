// graphql-ws publishes its ws adapter only under package.json "exports", which moduleResolution
// "node" does not read: its types, for the import Node resolves at run time.
declare module "graphql-ws/use/ws" {
  export * from "graphql-ws/dist/use/ws";
}
