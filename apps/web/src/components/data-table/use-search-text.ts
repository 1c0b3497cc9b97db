import { useEffect, useRef, useState } from "react";
import { useDebouncedValue } from "../../lib/use-debounced-value.ts";

/**
 * A list's search box kept in the URL's ?q: typing updates the URL (and so the query) once the
 * person pauses, and a URL changed from elsewhere (a saved view, back/forward, the palette) shows
 * its search in the box. Returns the box's text and its setter.
 */
export function useSearchText<S extends { q?: string | undefined }>(
  search: S,
  onChange: (next: S) => void,
) {
  const [text, setText] = useState(search.q ?? "");
  const debounced = useDebouncedValue(text.trim(), 300);
  const latest = useRef({ search, onChange });
  latest.current = { search, onChange };

  useEffect(() => {
    const { search: current, onChange: change } = latest.current;
    if ((current.q ?? "") !== debounced) change({ ...current, q: debounced || undefined });
  }, [debounced]);

  useEffect(() => {
    const q = search.q ?? "";
    setText((typed) => (typed.trim() === q ? typed : q));
  }, [search.q]);

  return [text, setText] as const;
}
