import { createLazyRoute } from "@tanstack/react-router";
import { MyCertificatesScreen } from "../../features/certificates/my-certificates-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/certificates")({
  component: MyCertificatesScreen,
});
