// The key an invitation link carries besides the invitation's id. The id alone is no secret:
// every admin of the organization sees it in the invitation list. The key is an HMAC of the id
// under the app's secret, so only the mail holds it; with it, the link proves the address it
// was mailed to (a sign-up from it is verified) and shows who invites whom to whoever holds it.
import { createHmac, timingSafeEqual } from "node:crypto";

export function invitationKey(secret: string, invitationId: string): string {
  return createHmac("sha256", secret)
    .update(`guild:invitation-link:${invitationId}`)
    .digest("base64url");
}

/** Whether `key` is the invitation's (in constant time). */
export function isInvitationKey(secret: string, invitationId: string, key: string): boolean {
  const expected = Buffer.from(invitationKey(secret, invitationId));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
