-- Search under forced row-level security (schema/search.ts, research/search.md): the words of
-- searchable rows in search_term (migration 0015), written by triggers, read through btree ranges
-- that are LEAKPROOF and so become index conditions for guild_tenant. Lowercasing and letter classes
-- use PostgreSQL 17's builtin pg_c_utf8 collation (Unicode rules without ICU, the same on every
-- machine). PostgreSQL 15 and 16 (Debian 12's is 15) have none: there the operating system's C.UTF-8
-- does it (glibc's Unicode tables), else the database's default collation.

-- The words of a text, normalized the same way for rows and for what a user types: Unicode
-- lowercase, split on anything that is not a letter or a digit (so "zoe.mueller@acme-corp.com" is
-- zoe, mueller, acme, corp, com), at most 64 characters each (a longer query word is cut the same
-- way, so it still matches as a prefix), distinct and sorted. Accents are kept ("muller" does not
-- find "Müller"); folding them later means changing this function, then search_rebuild.
DO $$
DECLARE
  words_collation text := coalesce(
    (SELECT collname FROM pg_collation
     WHERE collname IN ('pg_c_utf8', 'C.utf8', 'C.UTF-8')
       AND collencoding IN (-1, pg_char_to_encoding('UTF8'))
     ORDER BY collname = 'pg_c_utf8' DESC, collname
     LIMIT 1),
    'default');
BEGIN
  EXECUTE format($f$
    CREATE OR REPLACE FUNCTION search_words(input text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN array(
      SELECT DISTINCT left(w, 64) COLLATE "C"
      FROM regexp_split_to_table(lower(input COLLATE %I), '[^[:alnum:]]+') AS w
      WHERE w <> ''
      ORDER BY 1
    )$f$, words_collation);
END
$$;
--> statement-breakpoint
-- The words of some columns of a row given as jsonb (one trigger function serves every table).
CREATE OR REPLACE FUNCTION search_row_words(doc jsonb, cols text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN search_words(concat_ws(' ', VARIADIC array(SELECT doc ->> c FROM unnest(cols) AS c)));
--> statement-breakpoint
-- Term writes are tenant writes, checked by RLS. In a tenant transaction (role guild_tenant) only
-- its own organization's terms can be written: anything else is refused. Outside one (the app's
-- own role: better-auth renaming a user, an organization being created, a migration) no
-- organization is set, so the writes that follow are made in the row's: search_scope sets it and
-- answers what search_unscope puts back (NULL: nothing to put back).
CREATE OR REPLACE FUNCTION search_scope(p_org uuid) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  current_org constant text := coalesce(current_setting('app.organization_id', true), '');
BEGIN
  IF current_org = p_org::text THEN
    RETURN NULL;
  END IF;
  IF current_user = 'guild_tenant' THEN
    RAISE EXCEPTION 'search terms of organization % written from a tenant transaction of %',
      p_org, coalesce(nullif(current_org, ''), 'no organization');
  END IF;
  PERFORM set_config('app.organization_id', p_org::text, true);
  RETURN current_org;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_unscope(previous text) RETURNS void
LANGUAGE sql AS $$
  SELECT set_config('app.organization_id', previous, true) WHERE previous IS NOT NULL;
$$;
--> statement-breakpoint
-- Makes one target's terms exactly `words`: what the triggers below and those of custom
-- migrations call. `fresh`: a new row, nothing to delete first.
CREATE OR REPLACE FUNCTION search_set_terms(
  p_kind text, p_org uuid, p_target uuid, p_words text[], p_fresh boolean DEFAULT false
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  previous constant text := search_scope(p_org);
BEGIN
  IF NOT p_fresh THEN
    DELETE FROM search_term t
    WHERE t.organization_id = p_org AND t.kind = p_kind AND t.target_id = p_target
      AND t.term <> ALL (coalesce(p_words, '{}'));
  END IF;
  INSERT INTO search_term (organization_id, kind, target_id, term)
  SELECT p_org, p_kind, p_target, w FROM unnest(p_words) AS w
  ON CONFLICT DO NOTHING;
  PERFORM search_unscope(previous);
END
$$;
--> statement-breakpoint
-- The triggers guild_secure_search puts on a searchable() table (organization_id, id and the
-- columns; TG_ARGV[0] is the kind, the rest the columns). SECURITY INVOKER: a tenant's write
-- writes its own terms, under RLS. Inserts and deletes are statement triggers over the
-- statement's rows at once (a bulk import or the purge job: one insert of every term instead of a
-- function call per row, about twice as fast); an update is a row trigger, which compares the
-- row's words before and after and writes only when they differ (a status change writes nothing).
CREATE OR REPLACE FUNCTION search_term_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  k constant text := TG_ARGV[0];
  cols constant text[] := TG_ARGV[1:];
  o uuid;
  previous text;
BEGIN
  FOR o IN SELECT DISTINCT organization_id FROM search_new_rows LOOP
    previous := search_scope(o);
    INSERT INTO search_term (organization_id, kind, target_id, term)
    SELECT r.organization_id, k, r.id, w
    FROM search_new_rows AS r, unnest(search_row_words(to_jsonb(r), cols)) AS w
    WHERE r.organization_id = o
    ON CONFLICT DO NOTHING;
    PERFORM search_unscope(previous);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_term_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  k constant text := TG_ARGV[0];
  o uuid;
  previous text;
BEGIN
  FOR o IN SELECT DISTINCT organization_id FROM search_old_rows LOOP
    previous := search_scope(o);
    DELETE FROM search_term t
    USING search_old_rows AS r
    WHERE r.organization_id = o AND t.organization_id = o AND t.kind = k AND t.target_id = r.id;
    PERFORM search_unscope(previous);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_term_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  k constant text := TG_ARGV[0];
  cols constant text[] := TG_ARGV[1:];
  new_words constant text[] := search_row_words(to_jsonb(NEW), cols);
BEGIN
  IF (OLD.organization_id, OLD.id) IS DISTINCT FROM (NEW.organization_id, NEW.id) THEN
    PERFORM search_set_terms(k, OLD.organization_id, OLD.id, '{}');
    PERFORM search_set_terms(k, NEW.organization_id, NEW.id, new_words);
  ELSIF search_row_words(to_jsonb(OLD), cols) IS DISTINCT FROM new_words THEN
    PERFORM search_set_terms(k, NEW.organization_id, NEW.id, new_words);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Refills one kind's terms in every organization from its table (a new searchable(), changed
-- columns, a changed search_words), or with p_table null only removes them. Organization by
-- organization, since RLS is forced on search_term for its owner too.
CREATE OR REPLACE FUNCTION search_rebuild(p_kind text, p_table text, p_cols text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  o uuid;
  previous constant text := coalesce(current_setting('app.organization_id', true), '');
BEGIN
  FOR o IN SELECT id FROM organization ORDER BY id LOOP
    PERFORM set_config('app.organization_id', o::text, true);
    DELETE FROM search_term WHERE organization_id = o AND kind = p_kind;
    IF p_table IS NOT NULL THEN
      EXECUTE format(
        'INSERT INTO search_term (organization_id, kind, target_id, term)
         SELECT r.organization_id, $1, r.id, w
         FROM public.%I AS r, unnest(search_row_words(to_jsonb(r), $2)) AS w
         WHERE r.organization_id = $3
         ON CONFLICT DO NOTHING', p_table)
      USING p_kind, p_cols, o;
    END IF;
  END LOOP;
  PERFORM set_config('app.organization_id', previous, true);
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION search_rebuild(text, text, text[]) FROM PUBLIC;
--> statement-breakpoint
-- Keeps the triggers of each searchable() declaration (schema/search.ts), like
-- guild_secure_tables keeps policies: migrate() passes {kind: {table, columns}}. Each trigger it
-- makes carries the comment 'guild:search <kind> <columns>'. A declaration whose three triggers
-- are missing or different gets them (re)made and its kind's terms rebuilt; a trigger whose kind
-- is no longer declared for its table is dropped (and, if the kind is gone, its terms). Triggers
-- of custom migrations (no such comment) are left alone. An up-to-date database takes no lock.
CREATE OR REPLACE FUNCTION guild_secure_search(declared jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  tr record;
  d record;
  tag text;
  missing text;
  gone text[] := '{}';
  changed integer := 0;
BEGIN
  FOR tr IN
    SELECT t.tgname, c.relname, obj_description(t.oid, 'pg_trigger') AS tag,
      split_part(obj_description(t.oid, 'pg_trigger'), ' ', 2) AS kind
    FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND NOT t.tgisinternal
      AND obj_description(t.oid, 'pg_trigger') LIKE 'guild:search %'
  LOOP
    CONTINUE WHEN declared -> tr.kind ->> 'table' IS NOT DISTINCT FROM tr.relname;
    EXECUTE format('DROP TRIGGER %I ON public.%I', tr.tgname, tr.relname);
    IF NOT declared ? tr.kind AND NOT tr.kind = ANY (gone) THEN
      gone := gone || tr.kind;
      PERFORM search_rebuild(tr.kind, NULL, NULL);
    END IF;
    changed := changed + 1;
  END LOOP;

  FOR d IN
    SELECT e.key AS kind, e.value ->> 'table' AS tbl,
      array(SELECT jsonb_array_elements_text(e.value -> 'columns')) AS cols
    FROM jsonb_each(declared) AS e
    ORDER BY e.key
  LOOP
    tag := 'guild:search ' || d.kind || ' ' || array_to_string(d.cols, ',');
    CONTINUE WHEN (
      SELECT count(*) FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = d.tbl
        AND t.tgname IN ('search_' || d.kind || '_insert', 'search_' || d.kind || '_update',
                         'search_' || d.kind || '_delete')
        AND obj_description(t.oid, 'pg_trigger') = tag) = 3;
    SELECT string_agg(c, ', ') INTO missing
    FROM unnest(d.cols || ARRAY['organization_id', 'id']) AS c
    WHERE NOT EXISTS (
      SELECT FROM pg_attribute a
      WHERE a.attrelid = format('public.%I', d.tbl)::regclass AND a.attname = c
        AND NOT a.attisdropped);
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'searchable table % has no column %', d.tbl, missing;
    END IF;
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON public.%I', 'search_' || d.kind || '_insert', d.tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON public.%I', 'search_' || d.kind || '_update', d.tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON public.%I', 'search_' || d.kind || '_delete', d.tbl);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT ON public.%I REFERENCING NEW TABLE AS search_new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION search_term_inserted(%s)',
      'search_' || d.kind || '_insert', d.tbl,
      (SELECT string_agg(quote_literal(x), ', ') FROM unnest(d.kind || d.cols) AS x));
    EXECUTE format(
      'CREATE TRIGGER %I AFTER UPDATE OF %s ON public.%I
       FOR EACH ROW EXECUTE FUNCTION search_term_updated(%s)',
      'search_' || d.kind || '_update',
      (SELECT string_agg(quote_ident(c), ', ') FROM unnest(d.cols || ARRAY['organization_id', 'id']) AS c),
      d.tbl,
      (SELECT string_agg(quote_literal(x), ', ') FROM unnest(d.kind || d.cols) AS x));
    EXECUTE format(
      'CREATE TRIGGER %I AFTER DELETE ON public.%I REFERENCING OLD TABLE AS search_old_rows
       FOR EACH STATEMENT EXECUTE FUNCTION search_term_deleted(%L)',
      'search_' || d.kind || '_delete', d.tbl, d.kind);
    EXECUTE format('COMMENT ON TRIGGER %I ON public.%I IS %L', 'search_' || d.kind || '_insert', d.tbl, tag);
    EXECUTE format('COMMENT ON TRIGGER %I ON public.%I IS %L', 'search_' || d.kind || '_update', d.tbl, tag);
    EXECUTE format('COMMENT ON TRIGGER %I ON public.%I IS %L', 'search_' || d.kind || '_delete', d.tbl, tag);
    PERFORM search_rebuild(d.kind, d.tbl, d.cols);
    changed := changed + 1;
  END LOOP;
  RETURN changed;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION guild_secure_search(jsonb) FROM PUBLIC;
--> statement-breakpoint
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
  -- The longest word range intersected in step 2.
  big constant int := 20 * p_max;
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
    -- 2. Every word is common, yet together they may be rare ("james smith"). If each word's
    --    range holds at most `big` rows (counted index-only, shortest word first: the likeliest
    --    to be too common), intersect their targets. Dynamic SQL only for the number of words;
    --    the words travel as parameters.
    FOREACH w IN ARRAY array(SELECT x FROM unnest(p_words) AS x ORDER BY length(x)) LOOP
      SELECT count(*) INTO n FROM (
        SELECT FROM search_term t
        WHERE t.organization_id = org AND t.kind = ANY (p_kinds)
          AND t.term >= w AND t.term < w || chr(1114111)
        LIMIT big + 1) AS s;
      IF n > big THEN
        RETURN NULL;
      END IF;
    END LOOP;
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
