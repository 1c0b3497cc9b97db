-- Direct messages (schema/direct-message.ts): only a conversation's participants see it. A
-- RESTRICTIVE policy, AND-ed with the organization policy migrate() gives every tenant table, on
-- conversation (by id), conversation_member and direct_message (by conversation_id): a member who
-- is not in a conversation cannot read or write any of its rows, whatever their role and whatever
-- a query forgets. Only the system actor (jobs, seeds) sees every conversation.

-- The conversations the transaction's member is in, as one array. Policies call it as
-- `(SELECT guild_my_conversation_ids())`: once per statement (an InitPlan), compared with `= ANY`,
-- which the (organization_id, conversation_id, ...) indexes use. SECURITY DEFINER so its read of
-- conversation_member skips that table's own policy (which calls it: no recursion); it filters by
-- the transaction's organization and member itself.
CREATE OR REPLACE FUNCTION public.guild_my_conversation_ids() RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(cm.conversation_id), '{}')
  FROM conversation_member cm
  WHERE cm.organization_id = nullif(current_setting('app.organization_id', true), '')::uuid
    AND cm.member_id = nullif(current_setting('app.member_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.guild_is_system_actor() RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(current_setting('app.actor', true), '') = 'system'
$$;
--> statement-breakpoint
-- Of the given members, those who blocked the transaction's member. member_block is member-owned
-- (a member reads only their own blocks), yet a message to someone who blocked you must be
-- refused: this answers exactly that question and nothing else about anyone's blocks.
CREATE OR REPLACE FUNCTION public.guild_blocked_by(p_members uuid[]) RETURNS uuid[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(array_agg(b.member_id), '{}')
  FROM member_block b
  WHERE b.organization_id = nullif(current_setting('app.organization_id', true), '')::uuid
    AND b.blocked_member_id = nullif(current_setting('app.member_id', true), '')::uuid
    AND b.member_id = ANY (p_members)
$$;
--> statement-breakpoint
-- A conversation: its participants; and its creator, who must see the new row before they are a
-- participant (INSERT ... RETURNING, then adding the participants).
CREATE POLICY conversation_participant ON public.conversation AS RESTRICTIVE TO guild_tenant
  USING ((SELECT guild_is_system_actor())
         OR id = ANY ((SELECT guild_my_conversation_ids())::uuid[])
         OR created_by_member_id = nullif(current_setting('app.member_id', true), '')::uuid)
  WITH CHECK ((SELECT guild_is_system_actor())
         OR id = ANY ((SELECT guild_my_conversation_ids())::uuid[])
         OR created_by_member_id = nullif(current_setting('app.member_id', true), '')::uuid);
--> statement-breakpoint
-- Participants: read by the conversation's participants; added by them or by its creator (the
-- first participants, the creator's own row included, are added in the statement after the
-- conversation's INSERT, before the creator is one).
CREATE POLICY conversation_participant ON public.conversation_member AS RESTRICTIVE TO guild_tenant
  USING ((SELECT guild_is_system_actor())
         OR conversation_id = ANY ((SELECT guild_my_conversation_ids())::uuid[]))
  WITH CHECK ((SELECT guild_is_system_actor())
         OR conversation_id = ANY ((SELECT guild_my_conversation_ids())::uuid[])
         OR conversation_id IN (
           SELECT c.id FROM conversation c
           WHERE c.organization_id = conversation_member.organization_id
             AND c.created_by_member_id = nullif(current_setting('app.member_id', true), '')::uuid));
--> statement-breakpoint
-- Messages: read by the participants; written by a participant as themselves.
CREATE POLICY conversation_participant ON public.direct_message AS RESTRICTIVE TO guild_tenant
  USING ((SELECT guild_is_system_actor())
         OR conversation_id = ANY ((SELECT guild_my_conversation_ids())::uuid[]))
  WITH CHECK ((SELECT guild_is_system_actor())
         OR (conversation_id = ANY ((SELECT guild_my_conversation_ids())::uuid[])
             AND author_member_id = nullif(current_setting('app.member_id', true), '')::uuid));
