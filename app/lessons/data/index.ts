/**
 * The shipped lessons, in the order the Lessons menu lists them. To add one: write a file beside
 * these (a `LessonData`, see ../lessonTypes.ts) and list it here.
 */
import type { LessonData } from "../lessonTypes";
import { axesInVmap } from "./axesInVmap";
import { batchingRealFunctions } from "./batchingRealFunctions";
import { perExampleGradients } from "./perExampleGradients";
import { readingVmapErrors } from "./readingVmapErrors";
import { controlFlowUnderVmap } from "./controlFlowUnderVmap";
import { indexingByValues } from "./indexingByValues";

export const LESSONS: readonly LessonData[] = [axesInVmap, batchingRealFunctions, readingVmapErrors, perExampleGradients, indexingByValues, controlFlowUnderVmap];
