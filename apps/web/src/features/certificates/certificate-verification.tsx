import { useQuery } from "@tanstack/react-query";
import { BrandLink } from "../../components/brand-link.tsx";
import { ButtonLink } from "../../components/button.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { isNotFound } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * A certificate's public verification (/certificates/:id), the address printed on its PDF: for
 * anyone, signed in or not, who completed which course in which community, and when; a revoked
 * one says it is no longer valid and since when. An unknown or mistyped id: no such certificate.
 */
export function CertificateVerification({ certificateId }: { certificateId: string }) {
  const trpc = useTRPC();
  const certificate = useQuery(
    trpc.certificateVerification.get.queryOptions({ id: certificateId }),
  );
  return (
    <main id="main" className="mx-auto flex min-h-dvh w-full max-w-2xl flex-col gap-8 px-4 py-8">
      <BrandLink />
      {certificate.isPending ? (
        <LoadingState label="Checking the certificate…" />
      ) : certificate.error ? (
        isNotFound(certificate.error) ? (
          <NotFound
            title="Certificate not found"
            description="No valid certificate has this address. Check the link on the certificate, or ask whoever showed it to you."
          />
        ) : (
          <ErrorState error={certificate.error} onRetry={() => void certificate.refetch()} />
        )
      ) : (
        <section
          aria-labelledby="certificate-heading"
          className="flex flex-col gap-4 rounded-lg border border-border bg-surface p-6 shadow-sm wrap-anywhere"
        >
          {/* No icon library here: a signed-out screen that imports lucide pulls its icons out of
              the signed-in app's chunk, one file each (build/chunk-groups.ts). */}
          {certificate.data.revokedAt ? (
            <p role="status" className="text-sm font-medium text-danger">
              <span aria-hidden="true">✕ </span>Revoked certificate: no longer valid since{" "}
              <time dateTime={certificate.data.revokedAt.toISOString()}>
                {formatDate(certificate.data.revokedAt)}
              </time>
              .
            </p>
          ) : (
            <p className="text-sm font-medium text-success">
              <span aria-hidden="true">✓ </span>Verified certificate
            </p>
          )}
          <h1 id="certificate-heading" className="text-2xl font-semibold text-foreground">
            {certificate.data.recipientName}
          </h1>
          <p className="text-foreground">
            completed <span className="font-semibold">{certificate.data.courseTitle}</span> in{" "}
            {certificate.data.organizationName} on{" "}
            <time dateTime={certificate.data.completedAt.toISOString()}>
              {formatDate(certificate.data.completedAt)}
            </time>
            .
          </p>
          <p className="text-xs text-muted-foreground">Certificate {certificate.data.id}</p>
          <div>
            <ButtonLink
              variant="secondary"
              to="/c/$slug"
              params={{ slug: certificate.data.organizationSlug }}
            >
              Visit {certificate.data.organizationName}
            </ButtonLink>
          </div>
        </section>
      )}
    </main>
  );
}
