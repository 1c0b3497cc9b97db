// A lesson's image and file blocks (issue 12 §1: "image or file (platform files)"): uploaded
// through the platform's files with purpose course_file, owned by the course's space, whose
// visibility they follow (file-policies.ts). A block names the file by id; lesson.create and
// lesson.update accept only ready course files of the lesson's own space (lesson.ts).
import type { TenantScope } from "@guild/db";
import type { Storage } from "@guild/storage";
import type { z } from "zod";
import type { courseFileUploadInput } from "../schemas/file.ts";
import { readCourse } from "./course.ts";
import { publicFilePath, startUpload } from "./file.ts";

/**
 * lesson.startFileUpload (authors): a pending file in the space of a course the author may
 * change (NOT_FOUND otherwise), with the URL its bytes go to and the path an image block's
 * picture is served at once confirmed.
 */
export async function startCourseFileUpload(
  scope: TenantScope,
  storage: Storage,
  input: z.output<typeof courseFileUploadInput>,
) {
  const target = await readCourse(scope, input.courseId, true);
  const started = await startUpload(
    scope,
    storage,
    { purpose: "course_file", spaceId: target.spaceId },
    input,
  );
  return { ...started, path: publicFilePath(scope.organizationId, started.file.id) };
}
