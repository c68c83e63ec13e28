import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The folder holding package.json: schema/, cypher/, data/ and tools/ live there. Found by walking
 * up, because this file runs from src/ under tsx and from dist/src/ once compiled.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
