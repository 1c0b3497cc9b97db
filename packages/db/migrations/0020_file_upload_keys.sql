-- Uploads land on a key nobody serves, org/<organization>/uploads/<file>: a presigned PUT can be
-- replayed until it expires, also after confirmation, and must never reach what is served
-- (org/<organization>/<file>, the row's storage_key, written only by a server-side copy of
-- inspected bytes). A deleted row now takes both keys: the upload key is derived here as in
-- services/file.ts (uploadKeyOf). Otherwise as in 0013: one `storage.delete` job per 1,000 keys,
-- queued in the deleting transaction, and the keys of rows younger than 15 minutes once more
-- 15 minutes later (a replayed URL can recreate the upload object after the first deletion).
CREATE OR REPLACE FUNCTION public.guild_file_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_jobs(array(
    SELECT row('storage.delete', json_build_object('keys', json_agg(b.key)),
               null, b.run_at, 10, null, 0, null)::graphile_worker.job_spec
    FROM (
      SELECT k.key, k.run_at,
             (row_number() OVER (PARTITION BY k.run_at) - 1) / 1000 AS batch
      FROM (
        SELECT v.key, null::timestamptz AS run_at
        FROM old_rows o,
             LATERAL (VALUES (o.storage_key),
                             ('org/' || o.organization_id || '/uploads/' || o.id)) v(key)
        UNION ALL
        SELECT v.key, now() + interval '15 minutes'
        FROM old_rows o,
             LATERAL (VALUES (o.storage_key),
                             ('org/' || o.organization_id || '/uploads/' || o.id)) v(key)
        WHERE o.created_at > now() - interval '15 minutes'
      ) k
    ) b
    GROUP BY b.run_at, b.batch));
  RETURN NULL;
END
$$;
