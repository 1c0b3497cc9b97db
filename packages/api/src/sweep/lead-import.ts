import { type InOrgRight, missingId, sweepDomain } from "./define.ts";

interface LeadImportSeed {
  /** Waiting for rows (one of its two has arrived). */
  uploadingId: string;
  /** Every row arrived, not started. */
  readyId: string;
}

/** Imports are the CRM's (policies/lead.ts): refused without CRM access, before anything is read. */
const crm: InOrgRight<LeadImportSeed>[] = [
  {
    right: "CRM access",
    lacking: ["member", "moderator"],
    holder: "crmMember",
    refusal: { kind: "capability", reason: "CRM_ACCESS" },
  },
];

const row = (rowNumber: number, name: string) => ({
  rowNumber,
  values: { name, email: `${name.toLowerCase().replace(/\W/g, "")}@victim.example` },
});

export const leadImportSweep = sweepDomain<LeadImportSeed>({
  async seed(victim) {
    const uploading = await victim.owner.leadImport.create({
      fileName: "victim-secret.csv",
      totalRows: 2,
      badRows: "skip",
    });
    await victim.owner.leadImport.addRows({ id: uploading.id, rows: [row(2, "Victim Row")] });
    const ready = await victim.owner.leadImport.create({
      fileName: "victim-ready.csv",
      totalRows: 1,
      badRows: "skip",
    });
    await victim.owner.leadImport.addRows({
      id: ready.id,
      rows: [{ rowNumber: 2, values: { name: "", email: "not an email" } }],
    });
    return { uploadingId: uploading.id, readyId: ready.id };
  },
  procedures: {
    "leadImport.create": {
      access: "member",
      input: () => ({ fileName: "planted.csv", totalRows: 1, badRows: "skip" }),
      requires: crm,
    },
    "leadImport.addRows": {
      access: "member",
      input: (s) => ({ id: s.uploadingId, rows: [row(3, "Planted Row")] }),
      missing: () => ({ id: missingId, rows: [row(3, "Planted Row")] }),
      requires: crm,
    },
    "leadImport.start": {
      access: "member",
      input: (s) => ({ id: s.readyId }),
      missing: () => ({ id: missingId }),
      requires: crm,
    },
    "leadImport.cancel": {
      access: "member",
      input: (s) => ({ id: s.uploadingId }),
      missing: () => ({ id: missingId }),
      requires: crm,
    },
    "leadImport.resumable": {
      access: "member",
      input: () => ({ contentHash: "a".repeat(64), fileSize: 1234 }),
      requires: crm,
    },
    "leadImport.list": {
      access: "member",
      input: () => ({}),
      requires: crm,
    },
    "leadImport.byId": {
      access: "member",
      input: (s) => ({ id: s.uploadingId }),
      missing: () => ({ id: missingId }),
      requires: crm,
    },
    "leadImport.badRows": {
      access: "member",
      input: (s) => ({ id: s.readyId }),
      missing: () => ({ id: missingId }),
      requires: crm,
    },
  },
});
