// Baseline: the cheapest possible node:http response, to see what the machine itself allows.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { announceReady } from "./ready.ts";

const body = Buffer.from(JSON.stringify({ hello: "world" }));
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  announceReady((server.address() as AddressInfo).port, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
