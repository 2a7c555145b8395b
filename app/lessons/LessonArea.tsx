/** The lesson player or the quiz, above the explorer: the lazily loaded part of the lessons. */
import { useStore } from "../state/store";
import { LessonPlayer } from "./LessonPlayer";
import { QuizPlayer } from "./QuizPlayer";
import "./lessons.css";

export default function LessonArea() {
  const quiz = useStore((s) => s.quiz !== null);
  return quiz ? <QuizPlayer /> : <LessonPlayer />;
}
