-- search_target_ids (migration 0016) again, with a new step 2: when every word of a search is
-- common, a sample of one word's targets decides between the walk (the words often meet) and
-- intersecting the words' ranges (they rarely or never do), instead of walking whenever one word's
-- range was over 20 * p_max rows. Steps 1 and the function's contract are unchanged.
-- The ids of the current organization's rows of the given kinds matching every word (a word
-- matches when it is a prefix of one of the row's words), or NULL when more than p_max rows may
-- match: then the caller walks its own list index and probes search_term per row, which finds a
-- page after few rows precisely because matches are common (../src/search.ts, searchedRows).
-- SECURITY INVOKER: every read is a tenant read under RLS, through index-only btree ranges. The
-- organization condition is the policy's own expression.
CREATE OR REPLACE FUNCTION search_target_ids(p_kinds text[], p_words text[], p_max int DEFAULT 1000)
RETURNS uuid[]
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  org constant uuid := nullif(current_setting('app.organization_id', true), '')::uuid;
  w text;
  n int;
  rarest text;
  rarest_n int;
  ids uuid[];
BEGIN
  IF coalesce(cardinality(p_words), 0) = 0 THEN
    RETURN NULL;
  END IF;
  -- 1. Each word's term rows, counted up to 2 * p_max: the rarest word drives.
  FOREACH w IN ARRAY p_words LOOP
    SELECT count(*) INTO n FROM (
      SELECT FROM search_term t
      WHERE t.organization_id = org AND t.kind = ANY (p_kinds)
        AND t.term >= w AND t.term < w || chr(1114111)
      LIMIT 2 * p_max + 1) AS s;
    IF n = 0 THEN
      RETURN '{}';
    END IF;
    IF rarest_n IS NULL OR n < rarest_n THEN
      rarest_n := n;
      rarest := w;
    END IF;
  END LOOP;
  IF rarest_n <= 2 * p_max THEN
    -- Its targets, each checked against the other words by a probe of the primary key.
    SELECT coalesce(array_agg(DISTINCT t.target_id), '{}') INTO ids
    FROM search_term t
    WHERE t.organization_id = org AND t.kind = ANY (p_kinds)
      AND t.term >= rarest AND t.term < rarest || chr(1114111)
      AND NOT EXISTS (
        SELECT FROM unnest(p_words) AS o(word)
        WHERE o.word <> rarest AND NOT EXISTS (
          SELECT FROM search_term u
          WHERE u.organization_id = org AND u.kind = ANY (p_kinds) AND u.target_id = t.target_id
            AND u.term >= o.word AND u.term < o.word || chr(1114111)));
  ELSIF cardinality(p_words) > 1 THEN
    -- 2. Every word is common, yet together they may be rare ("james smith") or match nothing
    --    ("inc ltd"). A sample says which: p_max targets of one word, probed for the others. If
    --    at least one in 50 matches, the walk fills a page within a few thousand rows. Otherwise
    --    it could read the whole list, one probe per row (two common words that never meet took
    --    4 to 9 s at 100k leads), so intersect the words' index ranges instead: index-only, about
    --    ten times cheaper per row than the walk, whatever the words. Dynamic SQL only for the
    --    number of words; the words travel as parameters.
    SELECT count(*) INTO n FROM (
      SELECT t.target_id FROM search_term t
      WHERE t.organization_id = org AND t.kind = ANY (p_kinds)
        AND t.term >= rarest AND t.term < rarest || chr(1114111)
      LIMIT p_max) AS s
    WHERE NOT EXISTS (
      SELECT FROM unnest(p_words) AS o(word)
      WHERE o.word <> rarest AND NOT EXISTS (
        SELECT FROM search_term u
        WHERE u.organization_id = org AND u.kind = ANY (p_kinds) AND u.target_id = s.target_id
          AND u.term >= o.word AND u.term < o.word || chr(1114111)));
    IF n * 50 >= p_max THEN
      RETURN NULL;
    END IF;
    EXECUTE format('SELECT array(%s LIMIT $4 + 1)',
      (SELECT string_agg(format(
         '(SELECT target_id FROM search_term WHERE organization_id = $1 AND kind = ANY ($2) '
         'AND term >= $3[%1$s] AND term < $3[%1$s] || chr(1114111))', i), ' INTERSECT ')
       FROM generate_subscripts(p_words, 1) AS i))
    INTO ids USING org, p_kinds, p_words, p_max;
  END IF;
  IF ids IS NULL OR cardinality(ids) > p_max THEN
    RETURN NULL;
  END IF;
  RETURN ids;
END
$$;
