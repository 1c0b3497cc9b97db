import type { TRPCRouterRecord } from "@trpc/server";
import { rateLimitPerClient } from "../rate-limit.ts";
import {
  certificateIdInput,
  listCertificatesInput,
  revokeCertificateInput,
  verifyCertificateInput,
} from "../schemas/certificate.ts";
import {
  getCertificate,
  listCertificates,
  myCertificates,
  revokeCertificate,
  verifyCertificate,
} from "../services/certificate.ts";
import { orgProcedure, publicProcedure, roleProcedure } from "../trpc.ts";

// Certificates (services/certificate.ts): a member reads their own, admins list, read and revoke
// any of the organization's; another's certificate is NOT_FOUND, as an id that does not exist.
export const certificateRouter = {
  mine: orgProcedure.query(({ ctx }) => myCertificates(ctx.scope)),
  get: orgProcedure
    .input(certificateIdInput)
    .query(({ ctx, input }) => getCertificate(ctx.scope, input)),
  list: roleProcedure("admin")
    .input(listCertificatesInput)
    .query(({ ctx, input }) => listCertificates(ctx.scope, input)),
  revoke: roleProcedure("admin")
    .input(revokeCertificateInput)
    .mutation(({ ctx, input }) => revokeCertificate(ctx.scope, input)),
} satisfies TRPCRouterRecord;

// Verification is read by anyone who holds a certificate's link: 120 a minute per client address
// is far beyond a person checking certificates and keeps a script from trying ids in bulk (122
// random bits would outlast it anyway).
const publicRead = publicProcedure.concat(
  rateLimitPerClient("certificateVerification", {
    max: 120,
    windowSeconds: 60,
    what: "certificate checks",
  }),
);

/** The public verification page (/certificates/:id), for anyone, signed out included. */
export const certificateVerificationRouter = {
  get: publicRead
    .input(verifyCertificateInput)
    .query(({ ctx, input }) => verifyCertificate(ctx.db, ctx.clock, input)),
} satisfies TRPCRouterRecord;
