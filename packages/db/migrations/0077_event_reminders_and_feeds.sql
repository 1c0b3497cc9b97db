CREATE TABLE "event_reminder_sent" (
	"organization_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"reminder" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_reminder_sent_pk" PRIMARY KEY("organization_id","event_id","reminder","starts_at"),
	CONSTRAINT "event_reminder_sent_reminder_check" CHECK ("event_reminder_sent"."reminder" in ('24h', '1h'))
);
--> statement-breakpoint
ALTER TABLE "event_reminder_sent" ADD CONSTRAINT "event_reminder_sent_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reminder_sent" ADD CONSTRAINT "event_reminder_sent_event_fk" FOREIGN KEY ("organization_id","event_id") REFERENCES "public"."event"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A private calendar feed (GET /api/calendar/<token>.ics) is fetched by calendar programs with no
-- session, and its URL names no organization: this maps a token's hash to its organization and
-- member and nothing else, past row-level security (SECURITY DEFINER), like
-- guild_certificate_organization. The caller then reads the feed in that organization's tenant
-- transaction as that member (services/calendar-feed.ts). A revoked feed maps to nothing, as an
-- unknown token.
CREATE OR REPLACE FUNCTION public.guild_calendar_feed_owner(p_token_hash text)
RETURNS TABLE (organization_id uuid, member_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT f.organization_id, f.member_id FROM calendar_feed f
  WHERE f.token_hash = p_token_hash AND f.revoked_at IS NULL
  LIMIT 1
$$;
