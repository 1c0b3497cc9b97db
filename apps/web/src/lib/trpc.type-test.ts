// Checked by `pnpm typecheck`, never run or bundled: each tRPC client names only its half of the
// API (AccountRouter or OrganizationRouter). An organization procedure called without an
// organization would fail at run time for want of the x-guild-org header; here it does not compile.
import { organizationTRPC, trpc, trpcClient } from "./trpc.ts";

export function clientsNameOnlyTheirOwnProcedures() {
  // @ts-expect-error lead.list is an organization's: not on the client without one.
  trpc.lead.list.queryOptions({});
  // @ts-expect-error nor through the plain client.
  void trpcClient.member.list.query();
  // @ts-expect-error me.session is the account's: not on an organization's client.
  organizationTRPC("acme").me.session.queryOptions();

  // Each on its own client.
  trpc.me.session.queryOptions();
  trpc.me.invitations.list.queryOptions();
  organizationTRPC("acme").lead.list.queryOptions({});
}
