import { type InOrgRight, missingId, sweepDomain } from "./define.ts";

interface FileSeed {
  leadId: string;
  fileId: string;
  pendingId: string;
}

/** Lead attachments are the CRM's (policies/lead.ts): without CRM access, none exists. */
const crmFile: InOrgRight<FileSeed>[] = [
  {
    right: "CRM access",
    lacking: ["member", "moderator"],
    holder: "crmMember",
    refusal: { kind: "hidden" },
  },
];

/** Attaching to leads and listing a lead's files are lead procedures: staff only. */
const crm = (holder: "crmMember"): InOrgRight<FileSeed>[] => [
  {
    right: "CRM access",
    lacking: ["member", "moderator"],
    holder,
    refusal: { kind: "capability", reason: "CRM_ACCESS" },
  },
];

const pdf = new TextEncoder().encode("%PDF-1.7\n% Victim's contract\n");

export const fileSweep = sweepDomain<FileSeed>({
  // Real uploads to the test run's s3rver, through the procedures, as a member would make them:
  // a ready attachment, a pending upload, and the owner's picture.
  async seed({ owner }) {
    const lead = await owner.lead.create({ name: "Victim's lead with files" });
    const upload = async (name: string) => {
      const started = await owner.lead.startAttachmentUpload({
        leadId: lead.id,
        name,
        size: pdf.length,
        contentType: "application/pdf",
      });
      const put = await fetch(started.upload.url, {
        method: "PUT",
        body: new Blob([pdf], { type: "application/pdf" }),
        headers: started.upload.headers,
      });
      if (!put.ok) throw new Error(`upload failed: ${put.status}`);
      return started.file.id;
    };
    const ready = await owner.file.confirmUpload({ id: await upload("Victim's contract.pdf") });
    const pendingId = await upload("Victim's draft.pdf");
    const picture = new Uint8Array(32);
    picture.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const avatar = await owner.member.startAvatarUpload({
      name: "Victim's face.png",
      size: picture.length,
      contentType: "image/png",
    });
    await fetch(avatar.upload.url, {
      method: "PUT",
      body: new Blob([picture], { type: "image/png" }),
      headers: avatar.upload.headers,
    });
    await owner.file.confirmUpload({ id: avatar.file.id });
    return { leadId: lead.id, fileId: ready.id, pendingId };
  },
  procedures: {
    "file.confirmUpload": {
      access: "member",
      input: (s) => ({ id: s.pendingId }),
      missing: () => ({ id: missingId }),
    },
    "file.downloadUrl": {
      access: "member",
      input: (s) => ({ id: s.fileId }),
      missing: () => ({ id: missingId }),
      requires: crmFile,
    },
    "file.remove": {
      access: "member",
      input: (s) => ({ id: s.fileId }),
      missing: () => ({ id: missingId }),
      // The holder is an admin: a member with CRM access may only delete what they attached.
      requires: [{ ...crmFile[0]!, holder: "admin" }],
    },
    "file.usage": { access: "admin", input: () => undefined },
    "lead.listAttachments": {
      access: "member",
      input: (s) => ({ leadId: s.leadId }),
      missing: () => ({ leadId: missingId }),
      requires: crm("crmMember"),
    },
    "lead.startAttachmentUpload": {
      access: "member",
      requires: crm("crmMember"),
      missing: () => ({
        leadId: missingId,
        name: "Planted.pdf",
        size: pdf.length,
        contentType: "application/pdf",
      }),
      input: (s) => ({
        leadId: s.leadId,
        name: "Planted.pdf",
        size: pdf.length,
        contentType: "application/pdf",
      }),
    },
    // Always the caller's own picture in the caller's own organization.
    "member.startAvatarUpload": {
      access: "member",
      input: () => ({ name: "planted.png", size: 32, contentType: "image/png" }),
      ownOrganizationOnly: true,
    },
  },
});
