import { getRouteApi } from "@tanstack/react-router";
import { useCallback, useMemo, useState } from "react";
import { PageHeader } from "../../components/card.tsx";
import { DataTable } from "../../components/data-table/data-table.tsx";
import { useSearchText } from "../../components/data-table/use-search-text.ts";
import { inputClass, selectClass } from "../../components/field.tsx";
import { LoadOnScroll } from "../../components/load-on-scroll.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import type { AdminUserSearch } from "./admin-search.ts";
import { useAdminUsers } from "./use-admin.ts";
import { type AdminUser, type UserAction, UserCard, userColumns } from "./user-columns.tsx";
import { UserActionDialog } from "./user-dialogs.tsx";

const route = getRouteApi("/authed/admin/");
const noneHidden: readonly string[] = [];
const newestFirst = { column: "createdAt", desc: true };

export function AdminUsersScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const onSearchChange = useCallback(
    (next: AdminUserSearch) => void navigate({ search: next, replace: true }),
    [navigate],
  );
  const [text, setText] = useSearchText(search, onSearchChange);
  const users = useAdminUsers(search);
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];
  const [action, setAction] = useState<UserAction | null>(null);
  const columns = useMemo(() => userColumns(setAction), []);
  const renderCard = useCallback(
    (user: AdminUser) => <UserCard user={user} onAction={setAction} />,
    [],
  );

  return (
    <>
      <PageHeader title="Users" description="Everyone with a Guild account, newest first." />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-[12rem] flex-1 sm:max-w-sm">
          <label htmlFor="admin-user-search" className="block text-sm font-medium text-foreground">
            Search
          </label>
          <input
            id="admin-user-search"
            type="search"
            className={`${inputClass} mt-1`}
            placeholder="Name or email"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor="admin-user-filter" className="block text-sm font-medium text-foreground">
            Show
          </label>
          <select
            id="admin-user-filter"
            className={`${selectClass} mt-1`}
            value={search.filter ?? "all"}
            onChange={(event) => {
              const filter = event.target.value;
              onSearchChange({
                ...search,
                filter: filter === "banned" || filter === "admins" ? filter : undefined,
              });
            }}
          >
            <option value="all">All users</option>
            <option value="banned">Banned</option>
            <option value="admins">Platform admins</option>
          </select>
        </div>
      </div>
      {users.isPending ? (
        <LoadingState label="Loading users…" />
      ) : users.error ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No users found">Try another name or email.</EmptyState>
      ) : (
        <section aria-label="Users" className="@container">
          <DataTable
            label="Users, newest first"
            rows={rows}
            columns={columns}
            rowId={(user) => user.id}
            rowName={(user) => user.name}
            hiddenColumns={noneHidden}
            sort={newestFirst}
            onSortChange={() => {}}
            renderCard={renderCard}
            updating={users.isPlaceholderData}
          />
          {users.hasNextPage && !users.isPlaceholderData && (
            <LoadOnScroll
              loading={users.isFetchingNextPage}
              error={users.isFetchNextPageError}
              noun="users"
              onLoadMore={() => void users.fetchNextPage()}
            />
          )}
        </section>
      )}
      <UserActionDialog action={action} onClose={() => setAction(null)} />
    </>
  );
}
