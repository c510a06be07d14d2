import { SKILL_NAME, SKILL_NAME_MESSAGE } from "@/lib/graph/names";
import { MAX_PROJECT_SKILLS_CHARS, MAX_SKILL_CHARS, MAX_SKILLS, type ProjectFiles, type ProjectSkill } from "./types";
import { parseYaml } from "./yaml-source";

/* Pure: the project's skills/<name>/ folders in the open Agent Skills format. */

export const SKILL_FILE = "SKILL.md";

type Err = (file: string, line: number, message: string, column?: number) => void;

/**
 * Reads each `skills/<name>/SKILL.md` (front matter with name and description, then the
 * Markdown body) with the folder's other files. A folder without SKILL.md, a name that is
 * not its folder's, and skills past their size caps are errors at their file and line.
 */
export function readSkills(files: ProjectFiles, err: Err): Record<string, ProjectSkill> {
  const skills = Object.create(null) as Record<string, ProjectSkill>;
  const folders = new Map<string, ProjectFiles>();
  for (const [path, content] of Object.entries(files)) {
    const parts = path.split("/");
    if (parts.length < 3 || !parts[1]) {
      err(path, 1, "Put each skill in its own folder: skills/<name>/SKILL.md");
      continue;
    }
    const folder = folders.get(parts[1]) ?? {};
    folder[path] = content;
    folders.set(parts[1], folder);
  }
  if (folders.size > MAX_SKILLS)
    err(
      `skills/${[...folders.keys()].sort()[MAX_SKILLS]}/${SKILL_FILE}`,
      1,
      `A project has at most ${MAX_SKILLS} skills`,
    );
  let total = 0;
  for (const [dir, folder] of [...folders].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = `skills/${dir}/${SKILL_FILE}`;
    const content = folder[file];
    if (content === undefined) {
      err(
        Object.keys(folder).sort()[0]!,
        1,
        `skills/${dir}/ has no ${SKILL_FILE} (front matter with name and description, then instructions)`,
      );
      continue;
    }
    const size = Object.values(folder).reduce((n, c) => n + c.length, 0);
    total += size;
    if (size > MAX_SKILL_CHARS)
      err(file, 1, `Skill "${dir}" has ${size} characters in its files; a skill has at most ${MAX_SKILL_CHARS}`);
    if (total > MAX_PROJECT_SKILLS_CHARS && total - size <= MAX_PROJECT_SKILLS_CHARS)
      err(file, 1, `The project's skills have more than ${MAX_PROJECT_SKILLS_CHARS} characters in their files`);
    const skill = readSkillFile(file, dir, content, err);
    if (skill) skills[dir] = { ...skill, files: folder };
  }
  return skills;
}

function readSkillFile(
  file: string,
  dir: string,
  content: string,
  err: Err,
): { name: string; description: string; body: string } | null {
  const lines = content.split("\n");
  if (lines[0]?.trimEnd() !== "---") {
    err(file, 1, `${SKILL_FILE} starts with front matter between --- lines: name and description`);
    return null;
  }
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === "---");
  if (close < 0) {
    err(file, 1, "The front matter has no closing --- line");
    return null;
  }
  const yaml = parseYaml(lines.slice(1, close).join("\n"), 2);
  for (const e of yaml.errors) err(file, e.line, e.message, e.column);
  if (yaml.errors.length) return null;
  const front = yaml.value;
  if (typeof front !== "object" || front === null || Array.isArray(front)) {
    err(file, 2, "The front matter is a map with name and description");
    return null;
  }
  const { name, description } = front as Record<string, unknown>;
  let ok = true;
  if (typeof name !== "string" || !SKILL_NAME.test(name)) {
    err(file, yaml.lineOf(["name"]), `name: ${SKILL_NAME_MESSAGE}`);
    ok = false;
  } else if (name !== dir) {
    err(file, yaml.lineOf(["name"]), `name: "${name}" is not its folder's name (skills/${dir}/)`);
    ok = false;
  }
  if (typeof description !== "string" || !description.trim() || description.length > 1024) {
    err(
      file,
      yaml.lineOf(["description"]),
      "description: say in 1 to 1024 characters what the skill does and when to use it",
    );
    ok = false;
  }
  const body = lines
    .slice(close + 1)
    .join("\n")
    .trim();
  if (!body) {
    err(file, close + 2, "The skill has no instructions below its front matter");
    ok = false;
  }
  return ok ? { name: name as string, description: (description as string).trim(), body } : null;
}
