import type { ReactNode } from "react";
import { Icon, type IconName } from "./icons";

export function EmptyState({
  title,
  description,
  action,
  icon,
}: {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  /** The icon of what would be listed here, e.g. the page's nav icon. */
  icon?: IconName;
}) {
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <div
        aria-hidden="true"
        className="mb-3 grid size-10 place-items-center rounded-full bg-zinc-100 text-zinc-500 ring-8 ring-zinc-50"
      >
        {icon ? <Icon name={icon} /> : null}
      </div>
      <p className="text-sm font-semibold text-zinc-900">{title}</p>
      {description ? <p className="mt-1 max-w-sm text-sm text-zinc-500">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
