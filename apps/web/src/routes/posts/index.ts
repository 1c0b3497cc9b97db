// Posts, under an organization: a post's page (in its space) and the home feed.
import { homeFeedRoute } from "./home-feed.tsx";
import { postRoute } from "./post.tsx";

export const postRoutes = [postRoute, homeFeedRoute];
