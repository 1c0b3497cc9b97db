-- The public verification of a certificate (/certificates/:id) knows only its id, not its
-- organization, and a visitor has no tenant scope: this maps an id to its organization and
-- nothing else, past row-level security (SECURITY DEFINER). The caller then reads the
-- certificate in that organization's tenant transaction as the system, with every filter
-- spelled out (services/certificate.ts). A revoked certificate maps to nothing, as an unknown id.
CREATE OR REPLACE FUNCTION public.guild_certificate_organization(p_id uuid)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.organization_id FROM certificate c WHERE c.id = p_id AND c.revoked_at IS NULL LIMIT 1
$$;
--> statement-breakpoint
-- Members who completed a course before certificates existed get theirs, as if issued then.
INSERT INTO certificate (organization_id, member_id, course_id, recipient_name, course_title,
                         organization_name, completed_at)
SELECT e.organization_id, e.member_id, e.course_id,
       coalesce(nullif(left(btrim(coalesce(mp.display_name, u.name)), 200), ''), 'Member'),
       left(c.title, 200), left(o.name, 200), e.completed_at
FROM course_enrollment e
JOIN course c ON c.organization_id = e.organization_id AND c.id = e.course_id
JOIN member m ON m.organization_id = e.organization_id AND m.id = e.member_id
JOIN "user" u ON u.id = m.user_id
LEFT JOIN member_profile mp ON mp.organization_id = m.organization_id AND mp.member_id = m.id
JOIN organization o ON o.id = e.organization_id
WHERE e.completed_at IS NOT NULL
ON CONFLICT DO NOTHING;
