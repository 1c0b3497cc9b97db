// A request to a user-chosen address (the studio's webhook) reaches no private or local network
// address in production — by IP literal or by a name that resolves to one — and nothing is
// sent there; where allowed (development, tests) it goes through like any POST.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress, PrivateAddressError, postToUserAddress } from "./outgoing-http.ts";

let server: Server;
let port = 0;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      received.push(body);
      if (request.url === "/slow") setTimeout(() => response.writeHead(200).end(), 2_000);
      else response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  port = address.port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (url: string, allowPrivateAddresses: boolean, timeoutMs = 5_000) =>
  postToUserAddress({
    url,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ hello: url }),
    timeoutMs,
    allowPrivateAddresses,
  });

describe("private and local addresses", () => {
  it.each([
    "127.0.0.1",
    "127.9.9.9",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "fe80::1",
    "fd00::1",
  ])("%s is private", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe("postToUserAddress", () => {
  it("refuses an IP literal and a name resolving to loopback, sending nothing", async () => {
    const before = received.length;
    await expect(post(`http://127.0.0.1:${port}/hook`, false)).rejects.toBeInstanceOf(
      PrivateAddressError,
    );
    await expect(post(`http://[::1]:${port}/hook`, false)).rejects.toBeInstanceOf(
      PrivateAddressError,
    );
    await expect(post(`http://localhost:${port}/hook`, false)).rejects.toBeInstanceOf(
      PrivateAddressError,
    );
    expect(received.length).toBe(before);
  });

  it("posts where private addresses are allowed, and answers the status", async () => {
    const url = `http://localhost:${port}/hook`;
    expect(await post(url, true)).toBe(204);
    expect(received.at(-1)).toBe(JSON.stringify({ hello: url }));
  });

  it("gives up after its timeout with a TimeoutError", async () => {
    await expect(post(`http://127.0.0.1:${port}/slow`, true, 300)).rejects.toMatchObject({
      name: "TimeoutError",
    });
  });
});
