-- Credits (schema/credit.ts). Grants are written by one function, which the services (monthly
-- grants, purchases, admin bonuses) and the sign-up bonus trigger below share, so the ledger's
-- rules live in one place: lock the member's account row (created on first use), answer a known
-- idempotency key with its entry and change nothing, else add a lot and an entry carrying the
-- next seq and the balance after it. Runs as the caller: in a tenant transaction, RLS applies.
CREATE OR REPLACE FUNCTION public.guild_credit_grant(
  p_org uuid, p_member uuid, p_kind text, p_amount integer, p_description text, p_key text,
  p_expires_at timestamptz, p_reference text, p_actor_member uuid, p_at timestamptz
) RETURNS TABLE(entry_id uuid, lot_id uuid, balance_after integer, created boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_entry uuid;
  v_lot uuid;
  v_balance integer;
  v_seq integer;
BEGIN
  INSERT INTO credit_account (organization_id, member_id, created_at, updated_at)
  VALUES (p_org, p_member, p_at, p_at)
  ON CONFLICT (organization_id, member_id) DO NOTHING;
  -- The lock every write to this member's credits takes first: concurrent grants and spends
  -- queue here, and whoever comes second sees what the first committed.
  PERFORM 1 FROM credit_account
    WHERE organization_id = p_org AND member_id = p_member FOR UPDATE;
  SELECT e.id, e.lot_id, e.balance_after INTO v_entry, v_lot, v_balance FROM credit_entry e
    WHERE e.organization_id = p_org AND e.member_id = p_member AND e.idempotency_key = p_key;
  IF FOUND THEN
    RETURN QUERY SELECT v_entry, v_lot, v_balance, false;
    RETURN;
  END IF;
  INSERT INTO credit_lot (organization_id, member_id, kind, amount, remaining, expires_at, created_at)
  VALUES (p_org, p_member, p_kind, p_amount, p_amount, p_expires_at, p_at)
  RETURNING id INTO v_lot;
  UPDATE credit_account SET balance = balance + p_amount, last_seq = last_seq + 1, updated_at = p_at
    WHERE organization_id = p_org AND member_id = p_member
    RETURNING balance, last_seq INTO v_balance, v_seq;
  INSERT INTO credit_entry (organization_id, member_id, seq, kind, amount, balance_after,
                            description, idempotency_key, lot_id, expires_at, reference,
                            actor_member_id, created_at)
  VALUES (p_org, p_member, v_seq, p_kind, p_amount, v_balance, p_description, p_key, v_lot,
          p_expires_at, p_reference, p_actor_member, p_at)
  RETURNING id INTO v_entry;
  RETURN QUERY SELECT v_entry, v_lot, v_balance, true;
END
$$;
--> statement-breakpoint
-- The sign-up bonus (issue 10 §1): 10 credits once per person, on their first membership. A
-- trigger on member, so every way a membership is made (creating an organization, accepting an
-- invitation, seeds) grants it in the same transaction, with nothing to forget. The claim row
-- (credit_signup_bonus, one per user) makes it once per person: a second membership, in any
-- organization, finds the claim and grants nothing; the entry's key makes it once per member.
-- SECURITY DEFINER because the member insert may run outside a tenant transaction, and
-- credit_signup_bonus is global; app.organization_id is set to the new member's organization for
-- the function alone (the SET clause restores it on exit), so RLS on the credit tables passes.
CREATE OR REPLACE FUNCTION public.guild_credit_signup_bonus() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
SET app.organization_id = ''
AS $$
BEGIN
  INSERT INTO credit_signup_bonus (user_id, granted_at) VALUES (NEW.user_id, now())
    ON CONFLICT (user_id) DO NOTHING;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('app.organization_id', NEW.organization_id::text, true);
  PERFORM guild_credit_grant(NEW.organization_id, NEW.id, 'signup_bonus', 10, 'Welcome bonus',
                             'signup-bonus', NULL, NULL, NULL, now());
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER member_credit_signup_bonus AFTER INSERT ON member
  FOR EACH ROW EXECUTE FUNCTION public.guild_credit_signup_bonus();
--> statement-breakpoint
-- People who joined before credits existed: the bonus goes to their first membership.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT ON (m.user_id) m.organization_id, m.id, m.user_id
           FROM member m ORDER BY m.user_id, m.created_at, m.id
  LOOP
    INSERT INTO credit_signup_bonus (user_id) VALUES (r.user_id);
    PERFORM guild_credit_grant(r.organization_id, r.id, 'signup_bonus', 10, 'Welcome bonus',
                               'signup-bonus', NULL, NULL, NULL, now());
  END LOOP;
END
$$;
