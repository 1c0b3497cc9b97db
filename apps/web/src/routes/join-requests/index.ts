import { joinRequestsRoute } from "./join-requests.tsx";

export const joinRequestRoutes = [joinRequestsRoute];
