import { type Caller, missingId, sweepDomain } from "./define.ts";

interface CertificateSeed {
  certificateId: string;
  /** A certificate of a third organization: what the public verification may show anyone. */
  elsewhereCertificateId: string;
}

/** A free course with one published lesson in a new course space, completed by its caller. */
async function completeACourse(api: Caller, name: string, slug: string) {
  const room = await api.space.create({
    name,
    slug,
    description: "",
    icon: "",
    type: "course",
    visibility: "public",
    section: "",
  });
  const made = await api.course.create({
    spaceId: room.id,
    title: name,
    slug,
    description: "",
    access: "free",
    tierIds: [],
  });
  const part = await api.course.createModule({ courseId: made.id, title: name });
  const lesson = await api.lesson.create({ moduleId: part.id, title: name });
  await api.lesson.setStatus({ id: lesson.id, status: "published" });
  await api.course.setStatus({ id: made.id, status: "published" });
  await api.course.enroll({ id: made.id });
  await api.lesson.complete({ id: lesson.id });
  const [issued] = await api.certificate.mine();
  if (!issued) throw new Error("completing the course issued no certificate");
  return issued.id;
}

// The victim's owner completes a course and holds its certificate: other members of the victim
// (below admin) cannot read it (NOT_FOUND, as an id that does not exist); only admins list and
// revoke.
// The public verification is aimed at a third organization's certificate, since the victim's
// own shows what it shows the world by design; that an unknown or revoked id is NOT_FOUND is
// certificate.test.ts's.
export const certificateSweep = sweepDomain<CertificateSeed>({
  async seed(victim) {
    const certificateId = await completeACourse(victim.owner, "Victim's course", "victims-cert");
    const elsewhere = await victim.fx.createOrg("certifier");
    const elsewhereCertificateId = await completeACourse(
      await elsewhere.owner.caller("certifier"),
      "Open course",
      "open-course",
    );
    return { certificateId, elsewhereCertificateId };
  },
  procedures: {
    "certificate.mine": { access: "member", input: () => undefined },
    "certificate.get": {
      access: "member",
      input: (s) => ({ id: s.certificateId }),
      missing: () => ({ id: missingId }),
      requires: [
        {
          right: "own the certificate (or be an admin)",
          lacking: ["member", "crmMember", "moderator"],
          holder: "owner",
          refusal: { kind: "hidden" },
        },
      ],
    },
    "certificate.list": { access: "admin", input: () => ({}) },
    "certificate.revoke": {
      access: "admin",
      input: (s) => ({ id: s.certificateId, reason: "Issued by mistake" }),
      missing: () => ({ id: missingId, reason: "Issued by mistake" }),
    },
    "certificateVerification.get": {
      access: "public",
      input: (s) => ({ id: s.elsewhereCertificateId }),
    },
  },
});
