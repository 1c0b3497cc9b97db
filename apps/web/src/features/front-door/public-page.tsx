import type { RouterOutputs } from "@guild/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useId } from "react";
import { Button, ButtonLink } from "../../components/button.tsx";
import { FormAlert } from "../../components/states.tsx";
import { accentVariables } from "../../lib/accent.ts";
import { errorMessage } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useSession } from "../auth/session.ts";
import {
  accentButton,
  courseAccessWords,
  FrontDoorShell,
  FrontDoorWaiting,
  type Interval,
  intervals,
  isFree,
  priceLabel,
} from "./front-door-parts.tsx";

type Page = RouterOutputs["publicPage"]["get"];
type Tier = Page["tiers"][number];

/** A way in the visitor picked: free (no tier, or a free tier), or a paid tier by an interval. */
type Choice =
  | { kind: "free"; tierId: string | null }
  | { kind: "paid"; tierId: string; interval: Interval };

interface Search {
  join?: string | undefined;
  interval?: Interval | undefined;
  checkout?: "success" | "canceled" | undefined;
}

/** The choice a ?join=…&interval=… names (kept across sign-up), if it is still on offer. */
function choiceFrom(page: Page, search: Search): Choice | null {
  if (!search.join) return null;
  if (search.join === "free") return { kind: "free", tierId: null };
  const tier = page.tiers.find((t) => t.id === search.join);
  if (!tier) return null;
  if (isFree(tier)) return { kind: "free", tierId: tier.id };
  const interval = search.interval ?? "month";
  return priceLabel(tier, interval) ? { kind: "paid", tierId: tier.id, interval } : null;
}

function describeChoice(page: Page, choice: Choice): string {
  const tier = page.tiers.find((t) => t.id === choice.tierId);
  if (!tier) return `Join ${page.name}`;
  if (choice.kind === "free") return `Join ${page.name} with ${tier.name} (free)`;
  return `Join ${page.name} with ${tier.name}, ${priceLabel(tier, choice.interval)}`;
}

/**
 * An organization's front door (/c/:slug), for anyone: who they are, their public spaces and
 * recent posts, their tiers with prices, and the way in their join policy allows. Signed out, a
 * choice leads through sign-up and comes back here with it (?join=), to be confirmed; a paid
 * tier goes through Stripe's checkout and comes back here until the membership is made.
 */
export function PublicPage({ slug, search }: { slug: string; search: Search }) {
  const trpc = useTRPC();
  const session = useSession();
  const waitingForCheckout = search.checkout === "success";
  const page = useQuery({
    ...trpc.publicPage.get.queryOptions({ slug }),
    // Back from Stripe: the webhook makes the membership; ask again until it has.
    refetchInterval: (query) =>
      waitingForCheckout && query.state.data?.viewer?.standing !== "member" ? 1500 : false,
  });

  if (!page.data) return <FrontDoorWaiting query={page} notFound="Community not found" />;
  const data = page.data;
  const signedIn = Boolean(session.data);
  return (
    <FrontDoorShell style={accentVariables(data.accentColor)}>
      <header className="flex flex-col gap-4 rounded-lg bg-[var(--org-accent,var(--color-muted))] p-6 text-[var(--org-accent-foreground,var(--color-foreground))]">
        <div className="flex items-center gap-4">
          {data.logoUrl ? (
            <img src={data.logoUrl} alt="" className="size-16 rounded-lg bg-surface object-cover" />
          ) : (
            <span
              aria-hidden="true"
              className="flex size-16 items-center justify-center rounded-lg bg-surface text-2xl font-semibold text-foreground"
            >
              {data.name.slice(0, 1).toUpperCase()}
            </span>
          )}
          <h1 className="text-2xl font-semibold wrap-anywhere">{data.name}</h1>
        </div>
        {data.description && <p className="whitespace-pre-line text-sm">{data.description}</p>}
      </header>
      <JoinSection page={data} signedIn={signedIn} search={search} />
      {data.spaces.length > 0 && (
        <section aria-labelledby="spaces-heading" className="flex flex-col gap-3">
          <h2 id="spaces-heading" className="text-lg font-semibold text-foreground">
            Spaces
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {data.spaces.map((space) => (
              <li key={space.id} className="rounded-lg border border-border bg-surface p-4">
                <p className="font-medium text-foreground wrap-anywhere">
                  {space.icon && <span aria-hidden="true">{space.icon} </span>}
                  {space.name}
                </p>
                {space.description && (
                  <p className="mt-1 text-sm text-muted-foreground">{space.description}</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.courses.length > 0 && (
        <section aria-labelledby="courses-heading" className="flex flex-col gap-3">
          <h2 id="courses-heading" className="text-lg font-semibold text-foreground">
            Courses
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {data.courses.map((course) => (
              <li key={course.id} className="rounded-lg border border-border bg-surface p-4">
                <Link
                  to="/c/$slug/courses/$courseId"
                  params={{ slug: data.slug, courseId: course.id }}
                  search={{ lesson: undefined }}
                  className="font-medium text-foreground underline-offset-4 wrap-anywhere hover:underline"
                >
                  {course.title}
                </Link>
                {course.description && (
                  <p className="mt-1 line-clamp-3 text-sm text-muted-foreground">
                    {course.description}
                  </p>
                )}
                <p className="mt-2 text-xs text-muted-foreground">
                  {course.spaceName} · {courseAccessWords[course.access]}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.posts.length > 0 && (
        <section aria-labelledby="posts-heading" className="flex flex-col gap-3">
          <h2 id="posts-heading" className="text-lg font-semibold text-foreground">
            Recent posts
          </h2>
          <ul className="flex flex-col gap-3">
            {data.posts.map((post) => (
              <li key={post.id} className="rounded-lg border border-border bg-surface p-4">
                {post.title && (
                  <p className="font-medium text-foreground wrap-anywhere">{post.title}</p>
                )}
                <p className="mt-1 text-sm text-foreground wrap-anywhere">{post.excerpt}</p>
                <p className="mt-2 text-xs text-muted-foreground">
                  In {post.spaceName}
                  {post.publishedAt ? ` · ${formatDate(post.publishedAt)}` : ""}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </FrontDoorShell>
  );
}

function JoinSection({
  page,
  signedIn,
  search,
}: {
  page: Page;
  signedIn: boolean;
  search: Search;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const headingId = useId();
  const refresh = () => queryClient.invalidateQueries(trpc.publicPage.get.pathFilter());
  const join = useMutation(
    trpc.join.join.mutationOptions({
      onSuccess: async (answer) => {
        await refresh();
        if (answer.status === "member")
          void navigate({ to: "/o/$slug", params: { slug: answer.slug } });
      },
    }),
  );
  const checkout = useMutation(
    trpc.join.checkout.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
    }),
  );
  const standing = page.viewer?.standing ?? null;
  const error = join.error ?? checkout.error;
  const pending = join.isPending || checkout.isPending;

  const choose = (choice: Choice) => {
    if (!signedIn) {
      const params = new URLSearchParams({ join: choice.tierId ?? "free" });
      if (choice.kind === "paid") params.set("interval", choice.interval);
      const back = `/c/${encodeURIComponent(page.slug)}?${params.toString()}`;
      void navigate({ to: "/sign-up", search: { redirect: back } });
      return;
    }
    if (choice.kind === "free") join.mutate({ slug: page.slug, tierId: choice.tierId });
    else checkout.mutate({ slug: page.slug, tierId: choice.tierId, interval: choice.interval });
  };

  let body: React.ReactNode;
  if (standing === "member")
    body = (
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-foreground">You are a member of {page.name}.</p>
        <ButtonLink to="/o/$slug" params={{ slug: page.slug }}>
          Open
        </ButtonLink>
      </div>
    );
  else if (search.checkout === "success")
    body = (
      <p role="status" className="text-sm text-foreground">
        Payment received. Setting up your membership…
      </p>
    );
  else if (standing === "banned")
    body = (
      <p role="status" className="text-sm text-foreground">
        You were banned from {page.name} and cannot join it again.
      </p>
    );
  else if (standing === "pending")
    body = (
      <p role="status" className="text-sm text-foreground">
        Your request to join is waiting for an admin of {page.name}. You will be told once it is
        answered.
      </p>
    );
  else if (page.joinPolicy === "invitation")
    body = (
      <p className="text-sm text-foreground">
        {page.name} takes new members by invitation only. Ask someone in it to invite you.
      </p>
    );
  else if (page.joinPolicy === "approval")
    body = (
      <div className="flex flex-col items-start gap-3">
        <p className="text-sm text-muted-foreground">
          An admin approves new members. Once you are in, choose a tier from the community.
        </p>
        <button
          type="button"
          className={accentButton}
          disabled={pending}
          onClick={() => choose({ kind: "free", tierId: null })}
        >
          Ask to join
        </button>
      </div>
    );
  else {
    const pendingChoice = signedIn ? choiceFrom(page, search) : null;
    body = (
      <div className="flex flex-col gap-4">
        {pendingChoice && (
          <div className="flex flex-col items-start gap-2 rounded-lg border border-border bg-surface p-4">
            <p className="text-sm text-foreground">
              You chose: {describeChoice(page, pendingChoice)}.
            </p>
            <button
              type="button"
              className={accentButton}
              disabled={pending}
              onClick={() => choose(pendingChoice)}
            >
              {pendingChoice.kind === "paid" ? "Continue to payment" : "Confirm and join"}
            </button>
          </div>
        )}
        {search.checkout === "canceled" && (
          <p className="text-sm text-muted-foreground">Checkout canceled: nothing was charged.</p>
        )}
        {page.tiers.length === 0 ? (
          <button
            type="button"
            className={`${accentButton} self-start`}
            disabled={pending}
            onClick={() => choose({ kind: "free", tierId: null })}
          >
            Join {page.name}
          </button>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {page.tiers.map((tier) => (
              <TierCard key={tier.id} tier={tier} pending={pending} onChoose={choose} />
            ))}
          </ul>
        )}
        {!signedIn && (
          <p className="text-sm text-muted-foreground">
            Already have an account?{" "}
            <Link
              to="/sign-in"
              search={{ redirect: `/c/${encodeURIComponent(page.slug)}` }}
              className="font-medium text-accent-foreground underline-offset-4 hover:underline"
            >
              Sign in
            </Link>
          </p>
        )}
      </div>
    );
  }
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-lg font-semibold text-foreground">
        {standing === "member" ? "Welcome back" : "Join"}
      </h2>
      {body}
      {error && <FormAlert>{errorMessage(error)}</FormAlert>}
    </section>
  );
}

function TierCard({
  tier,
  pending,
  onChoose,
}: {
  tier: Tier;
  pending: boolean;
  onChoose: (choice: Choice) => void;
}) {
  const headingId = useId();
  return (
    <li
      aria-labelledby={headingId}
      className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-4"
    >
      <h3 id={headingId} className="font-semibold text-foreground wrap-anywhere">
        {tier.name}
      </h3>
      {tier.description && <p className="text-sm text-muted-foreground">{tier.description}</p>}
      {tier.trialDays > 0 && (
        <p className="text-sm text-muted-foreground">{tier.trialDays}-day free trial</p>
      )}
      <div className="mt-auto flex flex-wrap gap-2">
        {isFree(tier) ? (
          <button
            type="button"
            className={accentButton}
            disabled={pending}
            onClick={() => onChoose({ kind: "free", tierId: tier.id })}
          >
            Join free
          </button>
        ) : (
          intervals.map((interval) => {
            const label = priceLabel(tier, interval);
            return label ? (
              <Button
                key={interval}
                variant="secondary"
                disabled={pending}
                onClick={() => onChoose({ kind: "paid", tierId: tier.id, interval })}
              >
                Join for {label}
              </Button>
            ) : null;
          })
        )}
      </div>
    </li>
  );
}
