// Display titles for the course's lessons, labs and quizzes on the home page, from their owners' files
// (lesson front matter, labs/<id>/lab.yaml, the quiz definitions). A missing or broken file must not take the
// course home down: the id, humanised, stands in, and the problem is logged once per id.
import { getLessonMeta } from "../content/lessons";
import { getLab } from "../labs/load";
import { log } from "../log";
import { findQuiz } from "../quiz/quizzes";

export function humanise(id: string): string {
  const s = id.replace(/[-_]+/g, " ").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const warned = new Set<string>();
function fallback(kind: string, id: string, err: unknown): string {
  const key = `${kind}:${id}`;
  if (!warned.has(key)) {
    warned.add(key);
    log.warn({ kind, id, err }, "title unavailable; showing the id");
  }
  return humanise(id);
}

export function lessonTitle(id: string): { title: string; minutes?: number; summary?: string } {
  try {
    const meta = getLessonMeta(id);
    if (meta) return { title: meta.title, minutes: meta.minutes, summary: meta.summary };
    return { title: humanise(id) };
  } catch (err) {
    return { title: fallback("lesson", id, err) };
  }
}

export function labTitle(id: string): string {
  try {
    return getLab(id).title;
  } catch (err) {
    return fallback("lab", id, err);
  }
}

export function quizTitle(id: string): string {
  try {
    return findQuiz(id)?.title ?? humanise(id);
  } catch (err) {
    return fallback("quiz", id, err);
  }
}
