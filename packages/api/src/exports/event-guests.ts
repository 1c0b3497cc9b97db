// GET /api/events/<id>/guests.csv?org=<slug>: an event's guest list (going, then the waitlist
// in order, then maybe) as CSV for its hosts. It drives eventRsvp.guests (download.ts), so it is
// checked exactly as the guest list on the event page: the space's visibility, hosts and
// moderators only. Names are written through csv.ts, which disarms cells a spreadsheet would run
// as formulas (a member named "=HYPERLINK(…)").
import type { ApiDeps } from "../context.ts";
import { idSchema } from "../schemas/common.ts";
import type { Guest } from "../services/event-rsvp.ts";
import { downloadCaller, refusal, streamedCsv } from "./download.ts";

const answerWords: Record<Guest["status"], string> = {
  going: "Going",
  waitlisted: "Waitlisted",
  maybe: "Maybe",
  not_going: "Not going",
};

export async function eventGuestsCsv(
  deps: ApiDeps,
  req: Request,
  eventId: string,
  options: { clientAddress?: string | null } = {},
): Promise<Response> {
  const url = new URL(req.url);
  const slug = url.searchParams.get("org")?.trim().toLowerCase();
  if (!slug) return refusal(400, "Name the organization: ?org=<slug>");
  const id = idSchema.safeParse(eventId);
  if (!id.success) return refusal(404, "Event not found");
  const caller = await downloadCaller(deps, req, slug, options.clientAddress ?? null);
  return streamedCsv({
    page: async () => {
      const list = await caller.eventRsvp.guests({ eventId: id.data });
      return { items: [...list.going, ...list.waitlisted, ...list.maybe], nextCursor: null };
    },
    header: ["Name", "Username", "Answer", "Waitlist position", "Answered at"],
    row: (guest) => [
      guest.name,
      guest.username,
      answerWords[guest.status],
      guest.position,
      guest.respondedAt,
    ],
    filename: `guests-${id.data}.csv`,
  });
}
