import { sweepDomain } from "./define.ts";

export const dataTableSweep = sweepDomain({
  async seed(victim) {
    // The victim's owner hid a column: no one else may read or overwrite that choice.
    await victim.owner.dataTable.setPreference({ table: "leads", hiddenColumns: ["source"] });
    return {};
  },
  procedures: {
    "dataTable.preference": { access: "member", input: () => ({ table: "leads" }) },
    "dataTable.setPreference": {
      access: "member",
      input: () => ({ table: "leads", hiddenColumns: ["company"] }),
    },
  },
});
