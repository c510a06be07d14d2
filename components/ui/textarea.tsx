import type { TextareaHTMLAttributes } from "react";
import { controlClasses } from "./control-classes";

export function Textarea({ className, rows = 4, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea rows={rows} className={controlClasses(`py-2 ${className ?? ""}`)} {...rest} />;
}
