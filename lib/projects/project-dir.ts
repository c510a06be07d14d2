import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { ProjectFiles } from "./types";

/* The project's files on disk, for the command line and tests. No server imports. */

/** Every file under `root` (hidden entries and node_modules skipped), path → content, / separated. */
export async function readProjectDir(root: string): Promise<ProjectFiles> {
  const files: ProjectFiles = {};
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files[relative(root, path).split(sep).join("/")] = await readFile(path, "utf8");
    }
  };
  await walk(root);
  return files;
}

/** Whether `root` exists and holds anything. */
export async function isNonEmptyDir(root: string): Promise<boolean> {
  try {
    if (!(await stat(root)).isDirectory()) return true;
    return (await readdir(root)).length > 0;
  } catch {
    return false;
  }
}

/** Writes each file under `root`, creating directories. */
export async function writeProjectDir(root: string, files: ProjectFiles): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    if (path.split("/").includes("..") || path.startsWith("/")) throw new Error(`Refusing to write ${path}`);
    const target = join(root, ...path.split("/"));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
