import { organizationSlug } from "@guild/api/schemas/organization";
import { TextField } from "../../components/field.tsx";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";
import { slugAddress } from "./slug-preview.ts";
import { useSlugAvailability } from "./use-organizations.ts";

/** The slug input with a live "is it free?" line under it (organization.slugAvailable). */
export function SlugField({
  value,
  onChange,
  error,
  currentSlug,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string[] | undefined;
  /** When renaming: the organization's own slug counts as available. */
  currentSlug?: string;
}) {
  const slug = value.trim().toLowerCase();
  const settled = useDebouncedValue(slug, 300);
  const formatOk = organizationSlug.safeParse(slug).success;
  const address = slugAddress(window.location.origin, slug);
  const unchanged = currentSlug !== undefined && slug === currentSlug;
  const availability = useSlugAvailability(settled, formatOk && !unchanged);
  const checking = slug !== settled || availability.isFetching;

  let status: { tone: "ok" | "bad" | "muted"; text: string } | null = null;
  if (!slug || unchanged) status = null;
  else if (!formatOk)
    status = {
      tone: "bad",
      text: organizationSlug.safeParse(slug).error?.issues[0]?.message ?? "Invalid slug",
    };
  else if (checking) status = { tone: "muted", text: "Checking availability…" };
  else if (availability.data?.available) status = { tone: "ok", text: `${slug} is available.` };
  else if (availability.data)
    status = { tone: "bad", text: availability.data.reason ?? "This slug is not available." };

  return (
    <div>
      <TextField
        label="Slug"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
        hint={
          address
            ? `The address of your organization: ${address}`
            : "Lowercase letters, digits and dashes: it becomes your organization's address."
        }
      />
      <p
        aria-live="polite"
        className={`mt-1 min-h-5 text-sm ${status?.tone === "ok" ? "text-success" : status?.tone === "bad" ? "text-warning" : "text-muted-foreground"}`}
      >
        {error ? "" : status?.text}
      </p>
    </div>
  );
}
