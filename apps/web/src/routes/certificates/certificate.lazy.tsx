import { createLazyRoute } from "@tanstack/react-router";
import { CertificateVerification } from "../../features/certificates/certificate-verification.tsx";

export const lazyRoute = createLazyRoute("/certificates/$certificateId")({ component: Screen });

function Screen() {
  const { certificateId } = lazyRoute.useParams();
  return <CertificateVerification certificateId={certificateId} />;
}
