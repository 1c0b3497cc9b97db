-- A member whose membership ends stops paying for their tier. Every way a membership ends deletes
-- the member row (removal by an admin, leaving, the account's deletion, the organization's
-- deletion), and the member's tier state goes with it by cascade; this trigger sees that deletion
-- whatever caused it and queues, in the same transaction, one job per Stripe subscription still
-- running (member-tier.cancel-subscription, a tenant task of @guild/api: it cancels it at Stripe on
-- the connected account). The job is stamped with the organization and keyed by the subscription,
-- as guild_enqueue would stamp and key it, so a second deletion of the same subscription's row
-- queues nothing more. The connected account is read here when the transaction can still see it
-- (an organization's deletion takes it too); otherwise the job reads it. Comped, free and lifetime
-- tiers have nothing to cancel: their row's deletion is their end. SECURITY DEFINER because
-- guild_tenant has no rights on graphile_worker; a trigger function runs only from its trigger.
CREATE OR REPLACE FUNCTION public.guild_member_tier_state_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM graphile_worker.add_jobs(array(
    SELECT row('member-tier.cancel-subscription',
               json_build_object('organizationId', o.organization_id,
                                 'subscriptionId', o.stripe_subscription_id,
                                 'stripeAccount', ca.stripe_account_id),
               null, null, 10,
               o.organization_id::text || ':member-tier.cancel-subscription:' || o.stripe_subscription_id,
               0, null)::graphile_worker.job_spec
    FROM old_rows o
    LEFT JOIN public.connected_account ca ON ca.organization_id = o.organization_id
    WHERE o.source = 'stripe' AND o.stripe_subscription_id IS NOT NULL
      AND o.status <> 'canceled'));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER member_tier_state_deleted AFTER DELETE ON public.member_tier_state
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION public.guild_member_tier_state_deleted();
