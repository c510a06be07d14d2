import type { Metadata } from "next";
import { Suspense } from "react";
import { EventsPage } from "@/components/events/events-page";

export const metadata: Metadata = { title: "Events" };

export default function Page() {
  // The type filter and the selected event live in the URL's search params.
  return (
    <Suspense>
      <EventsPage />
    </Suspense>
  );
}
