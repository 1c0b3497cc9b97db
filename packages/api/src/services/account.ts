// The signed-in person's own account, outside any organization.
import type { Auth } from "@guild/auth";
import { confirmIdentity } from "@guild/auth";
import {
  and,
  type Database,
  eq,
  inArray,
  invitation,
  member,
  or,
  organization,
  user,
} from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import type { deleteAccountInput } from "../schemas/account.ts";

/** "Acme", "Acme and Beta", "Acme, Beta and Corp". */
function listed(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Deletes the user's account once they prove it is theirs (password, and code with two-factor
 * on). Refused while they are the last owner of an organization, naming which: it would be left
 * with no one who can manage or delete it. Otherwise their memberships, sessions, sign-in
 * methods and counters go with the user row (foreign keys); what they wrote in organizations
 * stays, shown as by a former member (memberRef); pending invitations they sent are revoked, as
 * when a member leaves.
 */
export async function deleteAccount(
  deps: { db: Database; auth: Auth },
  userId: string,
  input: z.output<typeof deleteAccountInput>,
) {
  const identity = await confirmIdentity(deps.auth, deps.db, userId, input);
  if (identity === "wrong-password")
    throw new AppError("BAD_REQUEST", "Wrong password", { field: "password" });
  if (identity === "code-required")
    throw new AppError("BAD_REQUEST", "Enter the code from your authenticator app", {
      field: "code",
    });
  if (identity === "wrong-code") throw new AppError("BAD_REQUEST", "Wrong code", { field: "code" });

  return deps.db.transaction(async (tx) => {
    const organizations = tx
      .select({ id: member.organizationId })
      .from(member)
      .where(eq(member.userId, userId));
    // The user's memberships and every owner of their organizations, locked in id order as
    // member changes lock them: a co-owner deleting their account or demoting this one at the
    // same moment waits, then sees what this transaction did.
    const rows = await tx
      .select({
        organizationId: member.organizationId,
        userId: member.userId,
        role: member.role,
      })
      .from(member)
      .where(
        and(
          inArray(member.organizationId, organizations),
          or(eq(member.userId, userId), eq(member.role, "owner")),
        ),
      )
      .orderBy(member.id)
      .for("update");
    const lastOwned = rows
      .filter((row) => row.userId === userId && row.role === "owner")
      .filter(
        (mine) =>
          !rows.some(
            (other) =>
              other.organizationId === mine.organizationId &&
              other.role === "owner" &&
              other.userId !== userId,
          ),
      )
      .map((row) => row.organizationId);
    if (lastOwned.length > 0) {
      const names = await tx
        .select({ name: organization.name })
        .from(organization)
        .where(inArray(organization.id, lastOwned))
        .orderBy(organization.name);
      throw new AppError(
        "CONFLICT",
        `You are the last owner of ${listed(names.map((n) => n.name))}. Make someone else an owner, or delete ${lastOwned.length === 1 ? "it" : "them"}, first.`,
      );
    }
    await tx
      .update(invitation)
      .set({ status: "revoked" })
      .where(and(eq(invitation.inviterId, userId), eq(invitation.status, "pending")));
    await tx.delete(user).where(eq(user.id, userId));
    return { id: userId };
  });
}
