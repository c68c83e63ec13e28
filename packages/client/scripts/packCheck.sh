#!/usr/bin/env bash
# The published package works from its tarball: `npm pack` (which builds it), then a consumer in a
# fresh folder imports the ES module and compiles strict TypeScript against the packed .d.ts.
set -euo pipefail
cd "$(dirname "$0")/../../.."
root="$PWD"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

npm pack --workspace=@kg-graphql/client --pack-destination "$tmp" --silent >/dev/null
tarball="$(ls "$tmp"/kg-graphql-client-*.tgz)"
mkdir -p "$tmp/consumer/node_modules/@kg-graphql/client"
tar -xzf "$tarball" -C "$tmp/consumer/node_modules/@kg-graphql/client" --strip-components=1
for file in package.json dist/index.js dist/index.d.ts dist/persisted-documents.json; do
  [ -f "$tmp/consumer/node_modules/@kg-graphql/client/$file" ] || { echo "the tarball lacks $file" >&2; exit 1; }
done
# Its one dependency (types only) and that one's peer (graphql), as npm would install them.
cp -r "$root/node_modules/@graphql-typed-document-node" "$root/node_modules/graphql" "$tmp/consumer/node_modules/"

cd "$tmp/consumer"
echo '{ "name": "consumer", "private": true, "type": "module" }' >package.json
cat >consumer.ts <<'TS'
import { createClient, SearchDocument, type SearchQuery } from "@kg-graphql/client";

const client = createClient({ url: "http://127.0.0.1:1/graphql", retry: { attempts: 1 } });
export async function names(): Promise<string[]> {
  const hits: SearchQuery["search"] = await client.search({ text: "Chongqing" });
  const viaRequest = await client.request(SearchDocument, { text: "x", first: 1 });
  const kinds: string[] = [];
  for await (const entity of client.entities({ kind: "PERSON" })) kinds.push(entity.kind);
  return [...hits.map((hit) => hit.entity.name), ...viaRequest.search.map((hit) => hit.entity.id), ...kinds];
}
TS
cat >tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "strict": true, "noEmit": true, "module": "nodenext", "moduleResolution": "nodenext",
    "target": "es2022", "lib": ["es2022", "dom", "dom.iterable"], "types": [], "skipLibCheck": false
  },
  "files": ["consumer.ts"]
}
JSON
"$root/node_modules/.bin/tsc" -p tsconfig.json
node --input-type=module -e '
  const client = await import("@kg-graphql/client");
  const manifest = (await import("@kg-graphql/client/persisted-documents.json", { with: { type: "json" } })).default;
  if (typeof client.createClient !== "function") throw new Error("no createClient");
  if (!Object.keys(manifest).includes(client.SearchDocument.__meta__.hash)) throw new Error("the manifest lacks SearchDocument");
'
echo "packed $(basename "$tarball"): imports, and a strict consumer compiles against its types"
