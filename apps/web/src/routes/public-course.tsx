import { createRoute } from "@tanstack/react-router";
import { optionalString, type SearchInput } from "../lib/search-params.ts";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

/** ?lesson=<id>: the free preview lesson being read. */
export const publicCourseSearch = (search: SearchInput) => ({
  lesson: optionalString(search.lesson),
});

/** A course's public page: anyone may open it, signed in or not, to see what the course offers. */
export const publicCourseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/c/$slug/courses/$courseId",
  head: () => pageTitle("Course"),
  validateSearch: publicCourseSearch,
}).lazy(() => import("./public-course.lazy.tsx").then((m) => m.lazyRoute));
