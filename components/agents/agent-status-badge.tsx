import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AgentStatus, Verdict } from "@/lib/queries/agent-types";

const STATUS: Record<AgentStatus, { tone: BadgeTone; label: string }> = {
  idle: { tone: "neutral", label: "Idle" },
  running: { tone: "accent", label: "Running" },
  failed: { tone: "danger", label: "Failed" },
  paused: { tone: "warning", label: "Paused" },
};

export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  const s = STATUS[status];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

const VERDICT: Record<Verdict, { tone: BadgeTone; label: string }> = {
  ok: { tone: "success", label: "ok" },
  modify: { tone: "accent", label: "modify" },
  fail: { tone: "danger", label: "fail" },
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const v = VERDICT[verdict];
  return <Badge tone={v.tone}>{v.label}</Badge>;
}
