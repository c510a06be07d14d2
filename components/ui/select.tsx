import type { SelectHTMLAttributes } from "react";
import { controlClasses } from "./control-classes";

export function Select({ className, children, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={controlClasses(`h-10 pr-8 ${className ?? ""}`)} {...rest}>
      {children}
    </select>
  );
}
