// How a domain declares a notification kind (one file per domain in this folder, one line in
// index.ts): what members can choose for it, and how a notification of it reads. Notifications
// store ids only (who, what kind, which record); the sentence and link are made when read, by the
// reader's own rights, so a renamed record reads with its new name and one the reader can no
// longer see is not named.
import type { TenantScope } from "@guild/db";

/** A target as the reader may see it. */
export interface NotificationTarget {
  /** e.g. the lead's name. */
  name: string;
  /** Where it lives in the organization's part of the app, e.g. `/leads/<id>`. */
  path: string;
}

export interface NotificationKind<K extends string = string> {
  kind: K;
  /** For the preferences screen, e.g. "A lead is assigned to you". */
  label: string;
  /** What a member gets without having chosen. */
  defaults: { inApp: boolean; mail: boolean };
  /**
   * The targets the reader may see (missing from the map: gone, or out of their reach), read in
   * the reader's tenant scope.
   */
  describe(scope: TenantScope, targetIds: string[]): Promise<Map<string, NotificationTarget>>;
  /**
   * The notification as one sentence (also the mail's subject). `count` is notify's number,
   * which the kind's sentence reads its own way: how many records a summary is about (CRM
   * summaries), how many hours ahead a reminder is (event reminders); null when not given.
   */
  text(parts: {
    actorName: string | null;
    target: NotificationTarget | null;
    count: number | null;
  }): string;
}

export function notificationKind<const K extends string>(
  kind: NotificationKind<K>,
): NotificationKind<K> {
  return kind;
}
