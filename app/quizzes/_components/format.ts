// Small display helpers shared by the quiz pages.
export const scoreText = (score: number | null, max: number | null): string =>
  score === null || max === null ? "—" : `${Number.isInteger(score) ? score : score.toFixed(2)} / ${max}`;

export const dateText = (iso: string | null): string => (iso ? iso.slice(0, 16).replace("T", " ") + " UTC" : "—");
