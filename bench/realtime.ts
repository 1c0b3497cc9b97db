// `node bench/realtime.ts`: how long one event takes to reach every open event stream of an
// organization. The demo member's --streams (200) streams are open; the owner changes a lead
// --messages (50) times, and each change is timed from lead.update until the last stream has its
// event; with the server's and PostgreSQL's CPU per change, against a bare node:http SSE
// broadcaster in the same run (bench/fanout.ts). Lead events need no record rights beyond the
// member's role, so this is the stream machinery alone: one shared read of the log per wake-up,
// no transaction per stream (bench/community-fanout.ts adds the chat space's visibility).
import { runFanoutBench, trpc } from "./fanout.ts";

await runFanoutBench({
  title: "lead fan-out (lead.update)",
  async prepare(url, owner) {
    const leads = await trpc<{ items: Array<{ id: string }> }>(
      url,
      owner,
      "lead.list",
      { limit: 1 },
      "query",
    );
    const leadId = leads.items[0]?.id;
    if (!leadId) throw new Error("no demo lead");
    return async (i) => {
      await trpc(url, owner, "lead.update", { id: leadId, company: `Bench ${i}` }, "mutation");
    };
  },
});
