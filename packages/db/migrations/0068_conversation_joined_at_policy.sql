-- Someone added to a group later reads only what was written from the moment they joined
-- (conversation_member.joined_at, 0064). The services filter by it; here the database says the
-- same, so a query that forgets gets no earlier message either. The participant's join instants
-- come as one jsonb object per statement (an InitPlan, like guild_my_conversation_ids()), looked
-- up per row by conversation id: the (organization_id, conversation_id, created_at) index still
-- does the work through `conversation_id = ANY (...)`. SECURITY DEFINER for the same reason as
-- guild_my_conversation_ids(): it reads conversation_member, whose own policy calls that one.
CREATE OR REPLACE FUNCTION public.guild_my_conversation_joins() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(jsonb_object_agg(cm.conversation_id, cm.joined_at), '{}'::jsonb)
  FROM conversation_member cm
  WHERE cm.organization_id = nullif(current_setting('app.organization_id', true), '')::uuid
    AND cm.member_id = nullif(current_setting('app.member_id', true), '')::uuid
$$;
--> statement-breakpoint
-- Reading (and so editing or deleting) only; writing keeps 0047's check: a participant writes
-- as themselves, and what they write now is after they joined.
ALTER POLICY conversation_participant ON public.direct_message
  USING ((SELECT guild_is_system_actor())
         OR (conversation_id = ANY ((SELECT guild_my_conversation_ids())::uuid[])
             AND created_at >= (((SELECT guild_my_conversation_joins()) ->> conversation_id::text))::timestamptz));
