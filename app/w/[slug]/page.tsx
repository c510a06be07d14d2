import { redirect } from "next/navigation";
import { navHref, navItems } from "@/components/dashboard/nav-items";

/** A workspace opens on the first page of its navigation. */
export default async function WorkspaceHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const first = navItems[0];
  redirect(first ? navHref(slug, first) : "/");
}
