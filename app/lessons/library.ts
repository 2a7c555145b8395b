/** The lessons' chunk: the data files and their reader, loaded when a lesson is first opened. */
import { LESSONS } from "./data/index";
import { prepareLibrary } from "./prepare";
import type { LessonLibrary } from "./lessonTypes";

let prepared: LessonLibrary | null = null;

/** Every shipped lesson, read once (the data never change while the page is open). */
export function lessonLibrary(): LessonLibrary {
  return (prepared ??= prepareLibrary(LESSONS));
}
