import { Input } from "@/components/ui/input";
import { MAX_TONE_CHARS, TONE_PRESETS } from "@/lib/graph/tone";

export const TONE_LIST_ID = "response-tone-presets";

/** The presets offered while typing a tone (free text is allowed too); rendered once per editor. */
export function TonePresets() {
  return (
    <datalist id={TONE_LIST_ID}>
      {TONE_PRESETS.map((t) => (
        <option key={t} value={t} />
      ))}
    </datalist>
  );
}

/** A response tone: a preset from the list or free text; blank for none. */
export function ToneInput({
  id,
  value,
  placeholder,
  onChange,
  className,
}: {
  id: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  return (
    <Input
      id={id}
      value={value}
      list={TONE_LIST_ID}
      maxLength={MAX_TONE_CHARS}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      className={className}
    />
  );
}
