import type { SVGProps } from "react";

/** A handful of 20px outline icons (decorative: aria-hidden). */
const paths = {
  key: "M13.5 3.5a3.5 3.5 0 1 1-3.2 4.9L4 14.7V17h2.3v-1.5h1.5V14h1.5l1.4-1.4A3.5 3.5 0 1 1 13.5 3.5Zm.5 2.5h.01",
  lock: "M6.5 9V6.5a3.5 3.5 0 0 1 7 0V9M5 9h10a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1Zm5 3.5v1.5",
  users: "M7.5 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-5 8a5 5 0 0 1 10 0M13 3.2a3 3 0 0 1 0 5.6M14.5 12a5 5 0 0 1 3 5",
  settings:
    "M10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Zm6.2-1.3.1-1.2-.1-1.2 1.6-1.3-1.6-2.8-2 .7a6 6 0 0 0-2-1.2L11.6 2H8.4l-.4 2.2a6 6 0 0 0-2 1.2l-2-.7-1.6 2.8 1.6 1.3-.1 1.2.1 1.2-1.6 1.3 1.6 2.8 2-.7a6 6 0 0 0 2 1.2l.4 2.2h3.2l.4-2.2a6 6 0 0 0 2-1.2l2 .7 1.6-2.8-1.6-1.3Z",
  workflow: "M4 3h4v4H4zM12 13h4v4h-4zM6 7v3a2 2 0 0 0 2 2h4M12 15h-1",
  play: "M6 4l10 6-10 6V4Z",
  bot: "M6 7h8a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2Zm4-4v4M8 11h.01M12 11h.01",
  card: "M3 5h14a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm-1 4h16",
  chart: "M3 17h14M6 14V9m4 5V5m4 9v-3",
  bolt: "M11 2 4 11.5h5L8 18l7-9.5h-5L11 2Z",
  memory:
    "M4 5c0-1.1 2.7-2 6-2s6 .9 6 2-2.7 2-6 2-6-.9-6-2Zm0 0v10c0 1.1 2.7 2 6 2s6-.9 6-2V5M4 10c0 1.1 2.7 2 6 2s6-.9 6-2",
  chat: "M4 4h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z",
  menu: "M3 5h14M3 10h14M3 15h14",
  close: "M5 5l10 10M15 5 5 15",
  chevronUpDown: "M7 8l3-3 3 3M7 12l3 3 3-3",
  check: "M4 10.5l4 4 8-9",
  plus: "M10 4v12M4 10h12",
  logout: "M8 4H4v12h4M12 6l4 4-4 4M16 10H8",
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, className = "size-5", ...rest }: { name: IconName } & SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={className}
      {...rest}
    >
      <path d={paths[name]} />
    </svg>
  );
}
