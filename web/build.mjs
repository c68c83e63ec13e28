// Bundles the browser pages (web/src) into web/dist with esbuild: the explorer (/explore) and the
// query editor (/graphiql). `--if-stale` builds only when a source is newer than the last build,
// so `npm start` (prestart) costs nothing when the bundle is current.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const WEB = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(WEB, "dist");
const STAMP = path.join(OUT, ".built");
const INPUTS = [path.join(WEB, "src"), path.join(WEB, "static"), fileURLToPath(import.meta.url)];

function newestInput(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestInput(path.join(entry, name))));
}

function isStale() {
  if (!existsSync(STAMP)) return true;
  return Math.max(...INPUTS.map(newestInput)) > statSync(STAMP).mtimeMs;
}

export async function buildWeb() {
  const started = Date.now();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: {
      explore: path.join(WEB, "src/explore/main.ts"),
      graphiql: path.join(WEB, "src/graphiql/main.tsx"),
    },
    outdir: OUT,
    bundle: true,
    minify: true,
    sourcemap: false,
    format: "esm",
    target: ["es2022"],
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".svg": "dataurl" },
    logLevel: "warning",
  });
  cpSync(path.join(WEB, "static"), OUT, { recursive: true });
  writeFileSync(STAMP, new Date().toISOString());
  return Date.now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--if-stale") && !isStale()) process.exit(0);
  const ms = await buildWeb();
  console.log(`web/dist built in ${ms} ms`);
}
