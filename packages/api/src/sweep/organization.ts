import { sweepDomain } from "./define.ts";

export const organizationSweep = sweepDomain({
  seed: async (victim) => ({ name: victim.organizationName }),
  procedures: {
    "me.organizations.create": {
      access: "authed",
      input: () => ({
        name: "Sweep Probe",
        slug: `sweep-probe-${Math.random().toString(36).slice(2, 8)}`,
      }),
    },
    "me.organizations.slugAvailable": { access: "authed", input: () => ({ slug: "victim" }) },
    "organization.current": { access: "member", input: () => undefined },
    "organization.onboarding": { access: "owner", input: () => undefined },
    "organization.update": { access: "admin", input: () => ({ name: "Hijacked" }) },
    "organization.startLogoUpload": {
      access: "admin",
      input: () => ({ name: "logo.png", size: 1000, contentType: "image/png" }),
    },
    "organization.removeLogo": { access: "admin", input: () => undefined },
    "organization.remove": {
      access: "owner",
      input: (seed) => ({ confirmName: seed.name }),
      ownOrganizationOnly: true,
    },
  },
});
