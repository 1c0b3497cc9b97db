// `node bench/community-fanout.ts` (issue 11 §4, community part): a chat message's fan-out. The
// demo member's --streams (200) event streams follow the demo organization; the owner posts
// --messages (50) chat messages in General chat, and each is timed from chat.post until the last
// stream has its event; with the server's and PostgreSQL's CPU per message, against a bare
// node:http SSE broadcaster in the same run (bench/fanout.ts). Whether each stream may hear of a
// chat message is its space's visibility, decided for all the organization's streams at once
// (packages/api/src/realtime/space-gate.ts), so this prices that too. Target: p99 <= 250 ms.
import { runFanoutBench, trpc } from "./fanout.ts";

await runFanoutBench({
  title: "chat fan-out (chat.post in the demo's General chat)",
  targetP99Ms: { ms: 250, source: "issue 11" },
  async prepare(url, owner) {
    const chat = await trpc<{ id: string }>(
      url,
      owner,
      "space.get",
      { slug: "general-chat" },
      "query",
    );
    return async (i) => {
      await trpc(
        url,
        owner,
        "chat.post",
        { spaceId: chat.id, body: `Bench message ${i}` },
        "mutation",
      );
    };
  },
});
