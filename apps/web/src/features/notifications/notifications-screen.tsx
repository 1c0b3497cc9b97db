import type { RouterOutputs } from "@guild/api";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { EmptyState, ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { NotificationDigestChoice } from "./notification-digest-choice.tsx";
import { NotificationPreferences } from "./notification-preferences.tsx";
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotificationList,
  useUnreadNotifications,
} from "./use-notifications.ts";

type Notification = RouterOutputs["notification"]["list"]["items"][number];

/**
 * A notification's link as the router takes it: the path, and its query (e.g. a summary's
 * `?owner=…`) as search params, which the router does not read out of `to`.
 */
function routeOf(href: string) {
  const url = new URL(href, window.location.origin);
  return { to: url.pathname, search: Object.fromEntries(url.searchParams) };
}

export function NotificationsScreen() {
  const list = useNotificationList();
  const unread = useUnreadNotifications();
  const markAll = useMarkAllNotificationsRead();
  const [status, setStatus] = useState("");
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unreadCount = unread.data?.count ?? 0;

  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          unreadCount === 0
            ? "You are all caught up."
            : `${unread.data?.capped ? "More than 99" : unreadCount} unread.`
        }
        actions={
          <Button
            variant="secondary"
            disabled={unreadCount === 0}
            pending={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, {
                onSuccess: ({ ids }) =>
                  setStatus(
                    `Marked ${ids.length} ${ids.length === 1 ? "notification" : "notifications"} as read.`,
                  ),
              })
            }
          >
            Mark all as read
          </Button>
        }
      />
      <p role="status" className="sr-only">
        {status}
      </p>
      {markAll.error && (
        <div className="mb-4">
          <FormAlert>Could not mark them as read: {errorMessage(markAll.error)}</FormAlert>
        </div>
      )}
      <div className="flex flex-col gap-6">
        {list.isPending ? (
          <LoadingState label="Loading notifications…" />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="No notifications yet">
            You will hear here when a colleague assigns you a lead.
          </EmptyState>
        ) : (
          <section
            aria-label="Notifications"
            className="rounded-lg border border-border bg-surface shadow-sm"
          >
            <ul className="divide-y divide-border">
              {items.map((notification) => (
                <NotificationRow
                  key={notification.id}
                  notification={notification}
                  onStatus={setStatus}
                />
              ))}
            </ul>
            <LoadMore list={list} failure="Could not load more notifications." />
          </section>
        )}
        <Card
          title="Notification settings"
          description="What you hear about in the app and by mail, for this organization."
        >
          <NotificationPreferences />
          <NotificationDigestChoice />
        </Card>
      </div>
    </>
  );
}

function NotificationRow({
  notification,
  onStatus,
}: {
  notification: Notification;
  onStatus: (message: string) => void;
}) {
  const markRead = useMarkNotificationRead();
  const unread = notification.readAt === null;
  const read = () => {
    if (unread) markRead.mutate({ id: notification.id });
  };
  return (
    <li
      className={`flex flex-wrap items-start gap-x-3 gap-y-1 px-4 py-3 sm:px-6 ${unread ? "bg-accent/60" : ""}`}
    >
      <span
        aria-hidden="true"
        className={`mt-1.5 size-2 shrink-0 rounded-full ${unread ? "bg-primary" : "bg-transparent"}`}
      />
      <div className="min-w-0 flex-1">
        <p
          className={`text-sm wrap-anywhere ${unread ? "font-semibold text-foreground" : "text-foreground"}`}
        >
          {unread && <span className="sr-only">Unread: </span>}
          {notification.href ? (
            // Opening it reads it.
            <Link
              {...routeOf(notification.href)}
              onClick={read}
              className="hover:text-accent-foreground hover:underline"
            >
              {notification.text}
            </Link>
          ) : (
            notification.text
          )}
        </p>
        <p className="text-xs text-muted-foreground">
          <time dateTime={notification.createdAt.toISOString()}>
            {formatDateTime(notification.createdAt)}
          </time>
        </p>
        {markRead.error && (
          <p role="alert" className="text-xs text-danger">
            Could not mark it as read: {errorMessage(markRead.error)}
          </p>
        )}
      </div>
      {unread && (
        <Button
          variant="ghost"
          size="sm"
          pending={markRead.isPending}
          onClick={() =>
            markRead.mutate(
              { id: notification.id },
              { onSuccess: () => onStatus("Marked as read.") },
            )
          }
        >
          Mark as read
          <span className="sr-only">: {notification.text}</span>
        </Button>
      )}
    </li>
  );
}
