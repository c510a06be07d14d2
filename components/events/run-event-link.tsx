"use client";

import Link from "next/link";
import { Icon } from "@/components/ui/icons";
import { useEvent } from "@/lib/queries/use-events";

/** "Started by event <name>" on a run an event started, linking to the event on the Events page. */
export function RunEventLink({ slug, eventId }: { slug: string; eventId: string | null | undefined }) {
  const event = useEvent(slug, eventId);
  if (!eventId) return null;
  return (
    <p className="flex items-center gap-1.5 text-sm text-zinc-600" data-testid="run-event">
      <Icon name="bolt" className="size-4 text-zinc-500" />
      Started by event{" "}
      <Link
        href={`/w/${encodeURIComponent(slug)}/events?event=${encodeURIComponent(eventId)}`}
        className="font-mono font-medium text-accent hover:underline"
      >
        {event.data?.name ?? "…"}
      </Link>
    </p>
  );
}
