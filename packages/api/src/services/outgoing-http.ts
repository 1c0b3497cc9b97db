// Requests Guild makes to addresses its users chose (the studio's outgoing webhook). Anyone can
// create an organization and be its admin, so such an address is attacker-chosen: in production
// it must not reach the machine's own services or its private network (SSRF: the database's
// port, a cloud metadata endpoint, an internal admin page; the answer's status code alone tells a
// port scanner enough). The check is made on the address actually connected to (the socket's
// DNS lookup), so a name that resolves to a public address when saved and a private one when
// called (DNS rebinding) is refused too. Development and tests allow private addresses: their
// webhook receivers run on 127.0.0.1.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP } from "node:net";

/**
 * Addresses no user-chosen request may reach in production (IANA special-purpose ranges). Two
 * lists: a BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too.
 */
const privateV4 = new BlockList();
const privateV6 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  privateV4.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["::ffff:0:0", 96], // IPv4-mapped in hex form; the dotted form is judged as IPv4 below
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  privateV6.addSubnet(network, prefix, "ipv6");

/** Whether an IP address is loopback, private, link-local or otherwise not on the internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateV4.check(address, "ipv4");
  if (family !== 6) return true; // not an address at all: refuse
  // IPv4-mapped (::ffff:a.b.c.d) reaches the IPv4 address: judged as that.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return privateV4.check(mapped, "ipv4");
  return privateV6.check(address, "ipv6");
}

export class PrivateAddressError extends Error {
  constructor(host: string) {
    super(`${host} is a private or local network address, which Guild does not call`);
    this.name = "PrivateAddressError";
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup for the socket, refusing a name that resolves to any private address. */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address)))
      return callback(new PrivateAddressError(hostname), []);
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    if (!first) return callback(new PrivateAddressError(hostname), []);
    callback(null, first.address, first.family);
  });
}

export interface OutgoingPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Development and tests: 127.0.0.1 and private networks may be called. */
  allowPrivateAddresses: boolean;
}

/**
 * POSTs a body and answers the response's status (its body is read and dropped). Redirects are
 * not followed. Fails with PrivateAddressError for a refused address, with an Error named
 * TimeoutError after timeoutMs.
 */
export function postToUserAddress(post: OutgoingPost): Promise<number> {
  const url = new URL(post.url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!post.allowPrivateAddresses && isIP(host) && isPrivateAddress(host))
    return Promise.reject(new PrivateAddressError(host));
  const options: RequestOptions = {
    method: "POST",
    headers: { ...post.headers, "content-length": String(Buffer.byteLength(post.body)) },
    ...(post.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup }),
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, options, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    const timer = setTimeout(() => {
      const timeout = new Error(`No answer within ${post.timeoutMs} ms`);
      timeout.name = "TimeoutError";
      request.destroy(timeout);
    }, post.timeoutMs);
    request.on("close", () => clearTimeout(timer));
    request.on("error", reject);
    request.end(post.body);
  });
}
