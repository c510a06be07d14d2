import type { VersionRef } from "@/lib/queries/agent-types";
import { modelDisplay, modelText } from "@/lib/queries/workflow-graph";
import type { Agent as CrewMember } from "@/lib/queries/workflow-types";

/** A version's members: its crew, or a graph's nodes (each labelled with its id). */
function membersOf(version: VersionRef | null): CrewMember[] {
  if (!version) return [];
  if (version.crew) return version.crew;
  return (version.graph?.nodes ?? []).map((node) => ({
    role: `${node.role} (${node.id})`,
    systemPrompt: node.systemPrompt,
    model: node.model,
  }));
}

const key = (m: CrewMember) => `${m.role}\u0000${m.systemPrompt}\u0000${m.model ? modelText(m.model) : ""}`;

function Member({ member, mark }: { member: CrewMember; mark: "same" | "added" | "removed" }) {
  const tone =
    mark === "added"
      ? "border-emerald-200 bg-emerald-50 text-emerald-900"
      : mark === "removed"
        ? "border-red-200 bg-red-50 text-red-900 line-through decoration-red-300"
        : "border-zinc-200 bg-white text-zinc-700";
  const sign = mark === "added" ? "+" : mark === "removed" ? "−" : " ";
  return (
    <li className={`min-w-0 rounded border px-2 py-1 font-mono text-xs ${tone}`}>
      <span aria-hidden="true">{sign} </span>
      <span className="sr-only">{mark === "same" ? "" : `${mark}: `}</span>
      <span className="font-semibold">{member.role}</span>
      {member.model ? <span className="text-zinc-500"> ({modelDisplay(member.model)})</span> : null}
      <span className="block truncate pl-3 text-[11px] opacity-80">{member.systemPrompt.split("\n")[0]}</span>
    </li>
  );
}

/** The crew (or a graph's nodes) before and after a reflection's change, members added or removed highlighted. */
export function CrewDiff({ from, to }: { from: VersionRef; to: VersionRef | null }) {
  const before = membersOf(from);
  const after = membersOf(to);
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return (
    <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="crew-diff">
      <div className="min-w-0">
        <p className="mb-1 text-xs font-medium text-zinc-500">Before (version {from.version})</p>
        <ol className="space-y-1">
          {before.map((m, i) => (
            <Member key={i} member={m} mark={afterKeys.has(key(m)) || !to ? "same" : "removed"} />
          ))}
        </ol>
      </div>
      <div className="min-w-0">
        <p className="mb-1 text-xs font-medium text-zinc-500">
          {to ? `After (version ${to.version})` : "After (not saved)"}
        </p>
        <ol className="space-y-1">
          {after.map((m, i) => (
            <Member key={i} member={m} mark={beforeKeys.has(key(m)) ? "same" : "added"} />
          ))}
        </ol>
      </div>
    </div>
  );
}
