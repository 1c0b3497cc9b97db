import { createLazyRoute } from "@tanstack/react-router";
import { CertificatesAdminScreen } from "../../features/certificates/certificates-admin-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/learning/certificates")({
  component: CertificatesAdminScreen,
});
