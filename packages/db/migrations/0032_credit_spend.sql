-- Spends and expiries of credits (schema/credit.ts) as SQL functions, like grants (0028): each is
-- one statement from the app, so the member's account lock is held for the function's own run
-- and the commit, not for a round trip per step. With 50 spenders queued on one balance, the
-- time the lock is held is the throughput (bench/credits.ts).

-- Takes what is left of the member's lots whose expiry has come, one expiry entry each (key
-- expiry:<lot>, so once per lot whoever gets there first: the job at the lot's instant, or a
-- spend or refund before it). The caller holds the account lock. Returns the balance after.
CREATE OR REPLACE FUNCTION public.guild_credit_expire_due(p_org uuid, p_member uuid, p_at timestamptz)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_lot record;
  v_balance integer;
  v_seq integer;
BEGIN
  FOR v_lot IN
    SELECT l.id, l.remaining, l.amount, e.description
    FROM credit_lot l
    JOIN credit_entry e ON e.organization_id = l.organization_id AND e.lot_id = l.id AND e.kind = l.kind
    WHERE l.organization_id = p_org AND l.member_id = p_member AND l.remaining > 0
      AND l.expires_at <= p_at AND l.expired_at IS NULL
    ORDER BY l.expires_at, l.created_at, l.id
  LOOP
    UPDATE credit_lot SET remaining = 0, expired_at = p_at
      WHERE organization_id = p_org AND id = v_lot.id;
    UPDATE credit_account SET balance = balance - v_lot.remaining, last_seq = last_seq + 1,
                              updated_at = p_at
      WHERE organization_id = p_org AND member_id = p_member
      RETURNING balance, last_seq INTO v_balance, v_seq;
    INSERT INTO credit_entry (organization_id, member_id, seq, kind, amount, balance_after,
                              description, idempotency_key, lot_id, created_at)
    VALUES (p_org, p_member, v_seq, 'expiry', -v_lot.remaining, v_balance,
            CASE WHEN v_lot.remaining = v_lot.amount THEN 'Expired: ' || v_lot.description
                 ELSE format('Expired: the %s unspent of %s from %s', v_lot.remaining, v_lot.amount,
                             v_lot.description) END,
            'expiry:' || v_lot.id, v_lot.id, p_at);
  END LOOP;
  SELECT balance INTO v_balance FROM credit_account
    WHERE organization_id = p_org AND member_id = p_member;
  RETURN coalesce(v_balance, 0);
END
$$;
--> statement-breakpoint
-- A spend: lock the account; a key already in the ledger answers with its entry ('replayed', or
-- 'key_conflict' for another amount) and charges nothing; expire what is due; too few credits
-- answers 'insufficient' (the caller raises, so the transaction, expiries included, rolls back);
-- else take from the lots soonest-expiring first (never-expiring last, then oldest first: each
-- lot gives what the lots before it left to take, up to what it has) and write the entry.
CREATE OR REPLACE FUNCTION public.guild_credit_spend(
  p_org uuid, p_member uuid, p_amount integer, p_key text, p_description text,
  p_reference text, p_at timestamptz
) RETURNS TABLE(o_outcome text, o_available integer, o_id uuid, o_seq integer, o_amount integer,
                o_balance_after integer, o_description text, o_reference text,
                o_created_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  v_balance integer;
  v_seq integer;
  v_entry credit_entry%ROWTYPE;
BEGIN
  SELECT a.balance INTO v_balance FROM credit_account a
    WHERE a.organization_id = p_org AND a.member_id = p_member FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'insufficient', 0, NULL::uuid, NULL::int, NULL::int, NULL::int, NULL::text,
                        NULL::text, NULL::timestamptz;
    RETURN;
  END IF;
  SELECT * INTO v_entry FROM credit_entry e
    WHERE e.organization_id = p_org AND e.member_id = p_member AND e.idempotency_key = p_key;
  IF FOUND THEN
    RETURN QUERY SELECT CASE WHEN v_entry.amount = -p_amount THEN 'replayed' ELSE 'key_conflict' END,
      v_balance, v_entry.id, v_entry.seq, v_entry.amount, v_entry.balance_after,
      v_entry.description, v_entry.reference, v_entry.created_at;
    RETURN;
  END IF;
  v_balance := guild_credit_expire_due(p_org, p_member, p_at);
  IF v_balance < p_amount THEN
    RETURN QUERY SELECT 'insufficient', v_balance, NULL::uuid, NULL::int, NULL::int, NULL::int,
                        NULL::text, NULL::text, NULL::timestamptz;
    RETURN;
  END IF;
  WITH ordered AS (
    SELECT l.id, l.remaining,
           sum(l.remaining) OVER (ORDER BY l.expires_at ASC NULLS LAST, l.created_at, l.id)
             - l.remaining AS taken_before
    FROM credit_lot l
    WHERE l.organization_id = p_org AND l.member_id = p_member AND l.remaining > 0
  )
  UPDATE credit_lot l SET remaining = l.remaining - least(o.remaining, p_amount - o.taken_before)
  FROM ordered o
  WHERE l.organization_id = p_org AND l.id = o.id AND o.taken_before < p_amount;
  UPDATE credit_account SET balance = balance - p_amount, last_seq = last_seq + 1, updated_at = p_at
    WHERE organization_id = p_org AND member_id = p_member
    RETURNING balance, last_seq INTO v_balance, v_seq;
  INSERT INTO credit_entry (organization_id, member_id, seq, kind, amount, balance_after,
                            description, idempotency_key, reference, created_at)
  VALUES (p_org, p_member, v_seq, 'spend', -p_amount, v_balance, p_description, p_key,
          p_reference, p_at)
  RETURNING * INTO v_entry;
  RETURN QUERY SELECT 'spent', v_balance, v_entry.id, v_entry.seq, v_entry.amount,
    v_entry.balance_after, v_entry.description, v_entry.reference, v_entry.created_at;
END
$$;
