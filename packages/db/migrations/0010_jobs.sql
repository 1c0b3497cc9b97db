-- Jobs (graphile-worker, in its own schema graphile_worker, installed by migrate()). Tenant
-- transactions enqueue through this one SECURITY DEFINER door, never through graphile_worker
-- itself (guild_tenant has no rights there: its functions would let a tenant read, remove or
-- reschedule every organization's jobs). The door takes the organization from the transaction
-- (app.organization_id), stamps it into the payload over anything the caller put there, and
-- prefixes the job key with it, so one organization can neither queue work for another nor
-- replace another's pending job. The runner refuses a system task that arrives with an
-- organization (packages/api/src/jobs). plpgsql resolves graphile_worker at call time, so this
-- can be created before graphile-worker's own migrations run.
CREATE OR REPLACE FUNCTION public.guild_enqueue(
  task text, payload json, run_at timestamptz, job_key text, job_key_mode text,
  max_attempts integer, priority integer
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  org uuid := nullif(current_setting('app.organization_id', true), '')::uuid;
BEGIN
  IF org IS NULL THEN
    RAISE EXCEPTION 'guild_enqueue: no tenant scope (app.organization_id is not set)'
      USING ERRCODE = '42501';
  END IF;
  -- unsafe_dedupe would let a job that is already running swallow new work.
  IF job_key_mode NOT IN ('replace', 'preserve_run_at') THEN
    RAISE EXCEPTION 'guild_enqueue: job_key_mode % is not allowed', job_key_mode USING ERRCODE = '22023';
  END IF;
  PERFORM graphile_worker.add_job(
    identifier => task,
    payload => (coalesce(payload::jsonb, '{}'::jsonb)
                || jsonb_build_object('organizationId', org))::json,
    run_at => run_at,
    max_attempts => coalesce(max_attempts, 10),
    job_key => CASE WHEN job_key IS NULL THEN NULL ELSE org::text || ':' || task || ':' || job_key END,
    job_key_mode => job_key_mode,
    priority => coalesce(priority, 0));
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.guild_enqueue(text, json, timestamptz, text, text, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.guild_enqueue(text, json, timestamptz, text, text, integer, integer) TO guild_tenant;
