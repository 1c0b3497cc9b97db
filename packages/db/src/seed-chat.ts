// The demo's chat history and direct messages (issue 11): a morning in General chat and in the
// Patrons' lounge, and conversations between the demo's people (one-to-one and a group of
// three), Mia with one message still unread. The chat history comes with the spaces
// (seedDemoSpaces); the conversations once, when the demo has none.
import { eq } from "drizzle-orm";
import { chatMessage, conversation, conversationMember, directMessage } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";

/** Who says what, by index into the demo's members (0 Olivia, 1 Adam, 2 Mia), oldest first. */
type Line = [who: number, body: string];

const generalChat: Line[] = [
  [0, "Good morning everyone! ☀️ Coffee's on."],
  [2, "Morning! Just finished the first lesson of *Getting started*."],
  [1, "Nice. What did you think of the exercises?"],
  [2, "The second one took me a while, but it clicked in the end."],
  [0, "That's the one most people get stuck on. We'll add a hint."],
  [1, "Reminder: office hours are **Thursday at 5 pm**. Bring questions!"],
  [2, "Will there be a recording?"],
  [1, "Yes, it goes to Resources the day after."],
  [0, "Welcome to everyone who joined this week 👋"],
  [2, "Is anyone going to the meetup in Lisbon?"],
  [0, "I'll be there! Let's grab lunch."],
  [1, "Same. I'll post the details in Events."],
  [2, "Perfect, thanks both."],
  [0, "Quick poll: should chat have threads? React with 👍 or 👎"],
  [1, "👍 — long discussions get lost otherwise."],
  [2, "👍 from me too."],
  [0, "Noted! Shipping it to the roadmap."],
  [2, "Here's the template I mentioned: https://example.com/template"],
  [1, "Thanks Mia, that's really useful."],
  [0, "Have a great day, all!"],
];

const patronsLounge: Line[] = [
  [1, "Welcome to the lounge, Patrons 🏛️"],
  [1, "Next monthly call: the first Tuesday, 6 pm. Agenda in the pinned post."],
];

/** Conversations: who is in them and what they said (oldest first). */
const conversations: Array<{ members: number[]; lines: Line[]; miaUnread?: number }> = [
  {
    members: [0, 2],
    lines: [
      [0, "Hi Mia! Thanks for the feedback on the course."],
      [2, "Happy to help. Is there anything else you'd like me to try?"],
      [0, "Could you go through lesson 3 before Friday?"],
      [2, "Sure, I'll do it tomorrow."],
      [0, "Great, thank you! I sent you the notes too."],
    ],
    // Olivia's last message is waiting for Mia.
    miaUnread: 1,
  },
  {
    members: [1, 2],
    lines: [
      [1, "Hey Mia, do you have a minute for the meetup plan?"],
      [2, "Yes! Lunch at 1?"],
      [1, "Works for me."],
    ],
  },
  {
    members: [0, 1, 2],
    lines: [
      [0, "Setting this up so the three of us can plan Lisbon."],
      [1, "I booked the room for Saturday."],
      [2, "I'll bring the stickers 🎉"],
    ],
  },
];

const MINUTE = 60_000;

// Spread over the last hours, a few minutes apart, the last one `offsetMinutes` ago.
const at = (now: Date, index: number, count: number, offsetMinutes: number) =>
  new Date(now.getTime() - (offsetMinutes + (count - index) * 7) * MINUTE);

/** The chat spaces' history, in the spaces just made (their ids by slug). */
export async function seedDemoChatHistory(
  scope: TenantScope,
  memberIds: readonly string[],
  spaceIds: ReadonlyMap<string, string>,
): Promise<void> {
  const organizationId = scope.organizationId;
  const now = scope.now();
  const rows = [
    { slug: "general-chat", lines: generalChat, offset: 5 },
    { slug: "patrons-lounge", lines: patronsLounge, offset: 90 },
  ].flatMap(({ slug, lines, offset }) => {
    const spaceId = spaceIds.get(slug);
    if (!spaceId) return [];
    return lines.flatMap(([who, body], index) => {
      const author = memberIds[who];
      const createdAt = at(now, index, lines.length, offset);
      return author ? [{ organizationId, spaceId, authorMemberId: author, body, createdAt }] : [];
    });
  });
  if (rows.length > 0) await scope.db.insert(chatMessage).values(rows);
}

/** The demo's conversations (as the system actor); false when it has some already. */
export async function seedDemoDirectMessages(
  scope: TenantScope,
  memberIds: readonly string[],
): Promise<boolean> {
  const organizationId = scope.organizationId;
  const now = scope.now();
  const [any] = await scope.db
    .select({ id: conversation.id })
    .from(conversation)
    .where(eq(conversation.organizationId, organizationId))
    .limit(1);
  if (any) return false;
  for (const [n, talk] of conversations.entries()) {
    const members = talk.members.flatMap((i) => (memberIds[i] ? [memberIds[i]] : []));
    if (members.length !== talk.members.length) continue;
    const times = talk.lines.map((_, index) => at(now, index, talk.lines.length, 30 + n * 120));
    const last = times[times.length - 1] ?? now;
    const [made] = await scope.db
      .insert(conversation)
      .values({
        organizationId,
        createdByMemberId: members[0] ?? null,
        pairKey: members.length === 2 ? [...members].sort().join(":") : null,
        lastMessageAt: last,
        createdAt: times[0] ?? now,
      })
      .returning({ id: conversation.id });
    if (!made) continue;
    const mia = memberIds[2];
    const readUntil = times[times.length - (talk.miaUnread ?? 0) - 1] ?? last;
    await scope.db.insert(conversationMember).values(
      members.map((memberId) => ({
        organizationId,
        conversationId: made.id,
        memberId,
        lastReadAt: memberId === mia ? readUntil : last,
        // In from the start: the lines below are dated before today's now().
        joinedAt: times[0] ?? now,
      })),
    );
    await scope.db.insert(directMessage).values(
      talk.lines.flatMap(([who, body], index) => {
        const author = memberIds[who];
        const createdAt = times[index];
        return author && createdAt
          ? [{ organizationId, conversationId: made.id, authorMemberId: author, body, createdAt }]
          : [];
      }),
    );
  }
  return true;
}
