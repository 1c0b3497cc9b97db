import { TIME_REPORT_MAX_SECONDS } from "@guild/api/schemas/learning";
import { useEffect, useRef } from "react";
import { useOrgTRPCClient } from "../../lib/trpc.ts";

// Time spent in a lesson, measured by the browser (issue 12 §2, "with sane caps"):
// - only while the tab is visible: a lesson left open in a background tab counts nothing;
// - only while the member is around: after IDLE_MS with no key, pointer or scroll the clock
//   stops until they come back (long enough for a video, which takes no input);
// - reported in batches, every REPORT_EVERY_MS and when the tab hides or the lesson closes,
//   each report at most TIME_REPORT_MAX_SECONDS (the API refuses more, and also caps a report by
//   the time since the previous one, so a client cannot bank hours).

const TICK_MS = 1000;
const REPORT_EVERY_MS = 60_000;
const IDLE_MS = 30 * 60_000;

/** Counts the seconds a member spends in a lesson and reports them with lesson.reportTime. */
export function useLessonTime(lessonId: string, enabled: boolean) {
  const client = useOrgTRPCClient();
  const pending = useRef(0);
  const lastActivity = useRef(Date.now());

  useEffect(() => {
    if (!enabled) return;
    pending.current = 0;
    lastActivity.current = Date.now();
    const flush = () => {
      const seconds = Math.min(Math.floor(pending.current), TIME_REPORT_MAX_SECONDS);
      if (seconds < 1) return;
      pending.current -= seconds;
      // Lost reports are lost time, not an error the member needs to see.
      client.lesson.reportTime.mutate({ id: lessonId, seconds }).catch(() => undefined);
    };
    const tick = window.setInterval(() => {
      const active = Date.now() - lastActivity.current < IDLE_MS;
      if (document.visibilityState === "visible" && active) {
        pending.current += TICK_MS / 1000;
        if (pending.current >= TIME_REPORT_MAX_SECONDS) flush();
      }
    }, TICK_MS);
    const report = window.setInterval(flush, REPORT_EVERY_MS);
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
      else onActivity();
    };
    const activityEvents = ["keydown", "pointerdown", "pointermove", "scroll", "wheel"] as const;
    for (const name of activityEvents)
      window.addEventListener(name, onActivity, { passive: true, capture: true });
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flush);
    return () => {
      window.clearInterval(tick);
      window.clearInterval(report);
      for (const name of activityEvents)
        window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [client, lessonId, enabled]);
}
