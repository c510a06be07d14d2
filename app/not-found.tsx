import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="max-w-sm text-center">
        <p className="text-sm font-semibold text-accent">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="mt-2 text-sm text-zinc-500">It does not exist, or you do not have access to it.</p>
        <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
          Go home
        </Link>
      </div>
    </main>
  );
}
