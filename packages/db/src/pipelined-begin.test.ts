// Our postgres.js patch (patches/postgres@3.4.9.patch) writes a transaction's BEGIN together with
// its first statements instead of waiting for BEGIN's answer alone: every organization request
// is a short transaction, and that wait was one of its four round trips to PostgreSQL (events
// bench: server CPU per request 1.5 → 1.3 ms). These tests hold the patch to what a transaction
// must still guarantee: its first statement is inside it, nobody else's statement is, and a
// connection lost before BEGIN's answer fails the transaction with that error.
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "./client.ts";
import { sql } from "./index.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  await t.sql`create table pipelined_probe (id int primary key)`;
});
afterAll(() => t.drop());

/**
 * A TCP relay in front of PostgreSQL that counts the client's flights: bursts of data the client
 * sends before PostgreSQL answers anything (a round trip each).
 */
async function countingRelay(target: URL) {
  let flights = 0;
  let awaitingAnswer = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.on("data", (chunk) => {
      if (!awaitingAnswer) flights++;
      awaitingAnswer = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      awaitingAnswer = false;
      client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("relay has no port");
  const url = new URL(target);
  url.port = String(address.port);
  url.hostname = "127.0.0.1";
  return {
    url: url.toString(),
    flightsDuring: async (work: () => Promise<unknown>) => {
      const before = flights;
      await work();
      return flights - before;
    },
    cutEverything: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("a transaction's BEGIN goes out with its first statement", () => {
  it("takes one round trip less: BEGIN + first statement, then COMMIT", async () => {
    const relay = await countingRelay(new URL(t.url));
    const { sql: client } = createDb(relay.url, { max: 1 });
    try {
      await client`select 1`; // connect and authenticate first
      const flights = await relay.flightsDuring(() =>
        client.begin((tx) => tx`select count(*)::int as n from pipelined_probe`),
      );
      expect(flights).toBe(2);
    } finally {
      await client.end();
      await relay.close();
    }
  });

  it("keeps the first statement inside the transaction: a rollback undoes it", async () => {
    const { sql: client } = createDb(t.url, { max: 1 });
    try {
      await expect(
        client.begin(async (tx) => {
          await tx`insert into pipelined_probe (id) values (1)`;
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      const [row] = await client`select count(*)::int as n from pipelined_probe where id = 1`;
      expect(row?.n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it("lets no other caller's statement into the transaction while BEGIN is in flight", async () => {
    const { sql: client, db } = createDb(t.url, { max: 1 });
    try {
      // Both start in the same tick on a pool of one connection: the plain insert must wait for
      // the transaction's end, not ride inside it and be rolled back with it.
      const [transaction, outside] = await Promise.allSettled([
        client.begin(async (tx) => {
          await tx`insert into pipelined_probe (id) values (2)`;
          throw new Error("roll back");
        }),
        db.execute(sql`insert into pipelined_probe (id) values (3)`),
      ]);
      expect(transaction.status).toBe("rejected");
      expect(outside.status).toBe("fulfilled");
      const rows = await client`select id from pipelined_probe where id in (2, 3) order by id`;
      expect(rows.map((r) => r.id)).toEqual([3]);
    } finally {
      await client.end();
    }
  });

  it("fails the whole transaction when the connection is lost before BEGIN's answer", async () => {
    const relay = await countingRelay(new URL(t.url));
    const { sql: client } = createDb(relay.url, { max: 1 });
    try {
      await client`select 1`;
      const attempt = client.begin((tx) => {
        relay.cutEverything();
        return tx`insert into pipelined_probe (id) values (4)`;
      });
      await expect(attempt).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
      const [row] = await t.sql`select count(*)::int as n from pipelined_probe where id = 4`;
      expect(row?.n).toBe(0);
      // The pool reconnects for the next caller.
      await relay.close();
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
