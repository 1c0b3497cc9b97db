-- conversation_member.joined_at (0064) cuts history for people added to a group later. Before it,
-- no one could be added after a conversation was made, so every participant joined when their
-- conversation was created: give them that instant, not the migration's now(), or they would
-- lose every message written before today.
UPDATE conversation_member cm
SET joined_at = c.created_at
FROM conversation c
WHERE c.organization_id = cm.organization_id AND c.id = cm.conversation_id;
