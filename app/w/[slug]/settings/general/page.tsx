import type { Metadata } from "next";
import { GeneralSettingsPage } from "@/components/settings/general-settings-page";

export const metadata: Metadata = { title: "Workspace settings" };

export default function Page() {
  return <GeneralSettingsPage />;
}
