import "server-only";
import { isDeepStrictEqual } from "node:util";
import type { TenantDb } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import { nextPollAfter } from "@/lib/events/poll-due-sensors";
import type { CompiledProject } from "./types";

/**
 * The workspace's skills and sensors become the project's: the ones it has are
 * written (unchanged rows left alone), the ones it no longer has are deleted.
 * Runs read skills from their workflow version, so a deleted skill does not
 * change a version that pinned it. Inside the import's transaction.
 */
export async function replaceSkillsAndSensors(
  tx: Parameters<Parameters<TenantDb["$transaction"]>[0]>[0],
  workspaceId: string,
  project: Pick<CompiledProject, "skills" | "sensors">,
): Promise<void> {
  const skillNames = project.skills.map((s) => s.name);
  await tx.skill.deleteMany({ where: { workspaceId, name: { notIn: skillNames } } });
  const skills = new Map(
    (
      await tx.skill.findMany({
        where: { workspaceId },
        select: { name: true, files: true, description: true, body: true },
      })
    ).map((s) => [s.name, s]),
  );
  for (const skill of project.skills) {
    const row = skills.get(skill.name);
    const data = { description: skill.description, body: skill.body, files: skill.files };
    if (!row) await tx.skill.create({ data: { workspaceId, name: skill.name, ...data } });
    else if (!isDeepStrictEqual({ description: row.description, body: row.body, files: row.files }, data))
      await tx.skill.update({ where: { workspaceId_name: { workspaceId, name: skill.name } }, data });
  }
  const sensorNames = project.sensors.map((s) => s.name);
  await tx.sensor.deleteMany({ where: { workspaceId, name: { notIn: sensorNames } } });
  const current = new Map(
    (await tx.sensor.findMany({ where: { workspaceId }, select: { name: true, definition: true } })).map((s) => [
      s.name,
      s.definition,
    ]),
  );
  for (const sensor of project.sensors) {
    const { name, file, emits, kind } = sensor;
    const definition = JSON.parse(JSON.stringify(sensor)) as Prisma.InputJsonObject;
    const data = { kind, emits, file, content: sensor.content, definition };
    // A poll sensor is armed for its schedule's next slot; a changed one starts again from a new first answer.
    const unchanged = isDeepStrictEqual(current.get(name), definition);
    const poll =
      sensor.kind === "poll"
        ? { nextPollAt: nextPollAfter(sensor.schedule, new Date()) }
        : { nextPollAt: null, lastPolledAt: null, lastChangedAt: null };
    await tx.sensor.upsert({
      where: { workspaceId_name: { workspaceId, name } },
      create: { workspaceId, name, ...data, ...poll },
      update: unchanged ? {} : { ...data, ...poll, lastHash: null, lastError: null },
    });
  }
}
