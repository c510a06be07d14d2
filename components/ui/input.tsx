import type { InputHTMLAttributes } from "react";
import { controlClasses } from "./control-classes";

export function Input({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={controlClasses(`h-10 ${className ?? ""}`)} {...rest} />;
}
