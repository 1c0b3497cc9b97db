// Test support shared by the server's HTTP tests and the e2e tests: the code an authenticator app
// would show for a two-factor setup link.
import { createHmac } from "node:crypto";

function base32Decode(input: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of input.replace(/=+$/, "").toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 6238 (SHA-1, 30 s, 6 digits by default, as in the otpauth:// URI): what an authenticator app shows. */
export function totpCode(totpURI: string, at = Date.now()): string {
  const uri = new URL(totpURI);
  const secret = uri.searchParams.get("secret");
  if (!secret) throw new Error("totpURI has no secret");
  const digits = Number(uri.searchParams.get("digits") ?? 6);
  const period = Number(uri.searchParams.get("period") ?? 30);
  const counterBytes = Buffer.alloc(8);
  counterBytes.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / period)));
  const hmac = createHmac("sha1", base32Decode(secret)).update(counterBytes).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}
