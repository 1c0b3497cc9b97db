// Events, under an organization: an event's page, the new-event and edit forms (in their events
// space), and the organization's calendar across every events space the member sees.
import { calendarRoute } from "./calendar.tsx";
import { eventRoute } from "./event.tsx";
import { eventEditRoute } from "./event-edit.tsx";
import { eventNewRoute } from "./event-new.tsx";

export const eventRoutes = [eventNewRoute, eventRoute, eventEditRoute, calendarRoute];
