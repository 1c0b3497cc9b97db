-- Files follow their rows, whatever changes them: a service, a cascade from a purged lead or a
-- departed member, or the organization itself being deleted. Statement-level triggers with
-- transition tables, so a bulk change costs one pass.

-- Storage used per organization (storage_usage): the bytes and number of READY files, changed in
-- the transaction that changes the rows. The upsert's row lock makes concurrent confirmations
-- queue on it, so the figure stays exact. Decrements only UPDATE: when the organization itself
-- is being deleted its usage row may be gone already, and inserting one would point at nothing.
-- Runs as the caller (guild_tenant in tenant transactions): RLS applies as for any tenant write.
CREATE OR REPLACE FUNCTION public.guild_file_usage() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes refcursor;
  d record;
BEGIN
  -- Per organization: ready bytes and files added minus those removed by this statement.
  IF TG_OP = 'INSERT' THEN
    OPEN changes FOR SELECT organization_id, sum(size)::bigint AS bytes, count(*)::int AS files
      FROM new_rows WHERE status = 'ready' GROUP BY 1;
  ELSIF TG_OP = 'DELETE' THEN
    OPEN changes FOR SELECT organization_id, -sum(size)::bigint AS bytes, -count(*)::int AS files
      FROM old_rows WHERE status = 'ready' GROUP BY 1;
  ELSE
    OPEN changes FOR SELECT organization_id, sum(bytes)::bigint AS bytes, sum(files)::int AS files
      FROM (SELECT organization_id, size AS bytes, 1 AS files FROM new_rows WHERE status = 'ready'
            UNION ALL
            SELECT organization_id, -size, -1 FROM old_rows WHERE status = 'ready') x
      GROUP BY 1;
  END IF;
  LOOP
    FETCH changes INTO d;
    EXIT WHEN NOT FOUND;
    IF d.files > 0 OR (d.files = 0 AND d.bytes > 0) THEN
      INSERT INTO public.storage_usage AS u (organization_id, bytes, files)
        VALUES (d.organization_id, d.bytes, d.files)
      ON CONFLICT (organization_id) DO UPDATE
        SET bytes = u.bytes + excluded.bytes, files = u.files + excluded.files, updated_at = now();
    ELSIF d.files < 0 OR d.bytes < 0 THEN
      UPDATE public.storage_usage AS u
        SET bytes = u.bytes + d.bytes, files = u.files + d.files, updated_at = now()
        WHERE u.organization_id = d.organization_id;
    END IF;
  END LOOP;
  CLOSE changes;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER file_usage_insert AFTER INSERT ON public.file
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.guild_file_usage();
--> statement-breakpoint
CREATE TRIGGER file_usage_update AFTER UPDATE ON public.file
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.guild_file_usage();
--> statement-breakpoint
CREATE TRIGGER file_usage_delete AFTER DELETE ON public.file
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.guild_file_usage();
--> statement-breakpoint

-- Deleted rows take their objects with them: one `storage.delete` job (a system task of
-- @guild/api) per 1,000 keys, queued in the deleting transaction, so the job exists if and only if
-- the rows are gone, and an organization's deletion (which cascades to its files) leaves no object
-- behind. A presigned PUT URL can be replayed until it expires (5 minutes), also after its row
-- was deleted or its upload refused: keys of rows younger than 15 minutes are deleted once more
-- 15 minutes later. SECURITY DEFINER because guild_tenant has no rights on graphile_worker; a
-- trigger function cannot be called by anything but its trigger, and the keys come from rows the
-- deleting transaction could see.
CREATE OR REPLACE FUNCTION public.guild_file_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_jobs(array(
    SELECT row('storage.delete', json_build_object('keys', json_agg(k.storage_key)),
               null, k.run_at, 10, null, 0, null)::graphile_worker.job_spec
    FROM (
      SELECT o.storage_key, null::timestamptz AS run_at,
             (row_number() OVER () - 1) / 1000 AS batch
      FROM old_rows o
      UNION ALL
      SELECT o.storage_key, now() + interval '15 minutes',
             (row_number() OVER () - 1) / 1000
      FROM old_rows o WHERE o.created_at > now() - interval '15 minutes'
    ) k
    GROUP BY k.run_at, k.batch));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER file_deleted AFTER DELETE ON public.file
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.guild_file_deleted();
