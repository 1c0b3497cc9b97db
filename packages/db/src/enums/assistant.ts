/** Who wrote an assistant message: the member asking, or the model answering. */
export const assistantMessageRoles = ["user", "assistant"] as const;
export type AssistantMessageRole = (typeof assistantMessageRoles)[number];

/**
 * Where an answer stands: being written (streaming), finished, stopped by the member (what was
 * said so far is kept), or failed (the provider's error; the message's credits were refunded).
 * A member's question is `complete` from the start.
 */
export const assistantMessageStatuses = ["streaming", "complete", "stopped", "failed"] as const;
export type AssistantMessageStatus = (typeof assistantMessageStatuses)[number];

/** Most credits an admin may charge for one message. */
export const ASSISTANT_MAX_CREDITS_PER_MESSAGE = 100;
