import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/projectRoot";

/**
 * Runs the real `neo4j-admin database import full` (org.neo4j.cli.AdminTool from the
 * neo4j-import-tool and neo4j-command-line jars, which the embedded launcher's Maven build already
 * resolves: tools/neo4j-local/target/classpath.txt) on a CSV export, into `home`'s empty `neo4j`
 * database; the embedded launcher then serves it (`home=` is the same layout).
 */
export function neo4jAdminImport(
  home: string,
  csvDir: string,
  args: string[],
): { status: number | null; output: string } {
  const classpath = readFileSync(
    path.join(PROJECT_ROOT, "tools/neo4j-local/target/classpath.txt"),
    "utf8",
  ).trim();
  const conf = path.join(home, "conf");
  mkdirSync(conf, { recursive: true });
  writeFileSync(path.join(conf, "neo4j.conf"), "");
  const result = spawnSync(
    "java",
    ["-Xmx512m", "-cp", classpath, "org.neo4j.cli.AdminTool", "database", "import", "full", ...args],
    {
      cwd: csvDir,
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: conf },
      encoding: "utf8",
      timeout: 300_000,
    },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
