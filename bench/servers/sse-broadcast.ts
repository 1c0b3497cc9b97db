// Baseline for the fan-out benches (bench/fanout.ts): the least a server can do to push one event
// to N open streams on this machine: node:http and Server-Sent Events by hand, no framework, no
// database, no rights. GET /events opens a stream and sends `id: 0` at once (as Guild's stream
// sends `ready`); POST /send writes one event, of the shape and size Guild sends, to every open
// stream with the next id, then answers 204.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { announceReady } from "./ready.ts";

const streams = new Set<ServerResponse>();
let lastId = 0;

/** One SSE message, shaped like a tRPC tracked() event of realtime.events. */
const message = (id: number) =>
  `id: ${id}\ndata: ${JSON.stringify({
    id: String(id),
    data: {
      json: {
        kind: "chat.message.posted",
        target: { type: "chat_message", id: "00000000-0000-4000-8000-000000000000" },
        actorMemberId: "00000000-0000-4000-8000-000000000001",
        at: new Date().toISOString(),
      },
      meta: { values: { at: ["Date"] } },
    },
  })}\n\n`;

const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/events") {
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    res.write(`id: ${lastId}\ndata: {"kind":"ready"}\n\n`);
    streams.add(res);
    req.on("close", () => streams.delete(res));
    return;
  }
  if (req.method === "POST" && req.url === "/send") {
    req.resume();
    req.on("end", () => {
      lastId += 1;
      const text = message(lastId);
      for (const stream of streams) stream.write(text);
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => {
  announceReady((server.address() as AddressInfo).port, async () => {
    for (const stream of streams) stream.end();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
