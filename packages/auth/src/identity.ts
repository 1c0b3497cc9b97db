// "Is this really the account's owner?" for actions a stolen session must not be able to take
// alone (deleting the account): the password, and the authenticator code when two-factor is on,
// checked against what better-auth stored, the way better-auth checks them at sign-in.
import { createHmac, timingSafeEqual } from "node:crypto";
import { account, and, type Database, eq, twoFactor, user } from "@guild/db";
import { symmetricDecrypt } from "better-auth/crypto";
import type { Auth } from "./index.ts";

export type IdentityCheck = "ok" | "wrong-password" | "code-required" | "wrong-code";

/** RFC 6238 codes (SHA-1, 30 s, 6 digits: better-auth's defaults) for `key`, a step either side. */
function totpMatches(key: Buffer, code: string, at: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const step = Math.floor(at / 1000 / 30);
  return [step - 1, step, step + 1].some((counter) => {
    const counterBytes = Buffer.alloc(8);
    counterBytes.writeBigUInt64BE(BigInt(counter));
    const hmac = createHmac("sha1", key).update(counterBytes).digest();
    const offset = (hmac[hmac.length - 1] ?? 0) & 0x0f;
    const expected = String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
    return timingSafeEqual(Buffer.from(expected), Buffer.from(code));
  });
}

/** Checks the password (and the two-factor code, when the account has it on) of a user. */
export async function confirmIdentity(
  auth: Auth,
  db: Database,
  userId: string,
  proof: { password: string; code?: string | undefined },
): Promise<IdentityCheck> {
  const context = await auth.$context;
  const [credential] = await db
    .select({ hash: account.password })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, "credential")));
  if (!credential?.hash) return "wrong-password";
  const passwordOk = await context.password.verify({
    hash: credential.hash,
    password: proof.password,
  });
  if (!passwordOk) return "wrong-password";
  const [owner] = await db
    .select({ twoFactorEnabled: user.twoFactorEnabled })
    .from(user)
    .where(eq(user.id, userId));
  if (!owner?.twoFactorEnabled) return "ok";
  if (!proof.code) return "code-required";
  const [secret] = await db
    .select({ secret: twoFactor.secret })
    .from(twoFactor)
    .where(eq(twoFactor.userId, userId));
  if (!secret) return "wrong-code";
  const decrypted = await symmetricDecrypt({ key: context.secretConfig, data: secret.secret });
  return totpMatches(Buffer.from(decrypted), proof.code.trim(), Date.now()) ? "ok" : "wrong-code";
}
