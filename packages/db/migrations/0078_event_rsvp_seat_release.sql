-- A going answer deleted by a cascade (an account deleted: user → member → event_rsvp) gives its
-- seat back: going_count stays the number of going answers whatever deletes one. The services
-- release a leaving member's seats first (services/event-rsvp.ts releaseSeatsOf: the answer
-- becomes not_going and the waitlist moves, so this trigger has nothing to do then); an account
-- deletion runs outside any tenant scope and cannot. The freed seat goes to the waitlist's first
-- at the event's next answer or capacity change (fillSeats). An event being deleted has no row
-- left to update. SECURITY DEFINER: the cascade's role need not see the event under RLS.
CREATE OR REPLACE FUNCTION public.guild_event_rsvp_release_seat() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE event SET going_count = going_count - 1
  WHERE organization_id = OLD.organization_id AND id = OLD.event_id AND going_count > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER event_rsvp_release_seat AFTER DELETE ON event_rsvp
FOR EACH ROW WHEN (OLD.status = 'going')
EXECUTE FUNCTION public.guild_event_rsvp_release_seat();
