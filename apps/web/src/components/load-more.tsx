import { Button } from "./button.tsx";

/** What an infinite query (TanStack Query) says about its next page. */
interface NextPage {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * "Load more" under a keyset-paginated list, while there is a next page, with the failure to
 * load it said above the button (which then tries again).
 */
export function LoadMore({ list, failure }: { list: NextPage; failure: string }) {
  if (!list.hasNextPage) return null;
  return (
    <div className="flex flex-col items-center gap-2 border-t border-border py-4">
      {list.isFetchNextPageError && <p className="text-sm text-danger">{failure}</p>}
      <Button
        variant="secondary"
        pending={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
      >
        {list.isFetchingNextPage ? "Loading…" : "Load more"}
      </Button>
    </div>
  );
}
