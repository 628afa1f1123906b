// ts-fsrs itself, from node_modules, with none of the site's code: what a review history should
// give. Called from Python through tests/node_bridge.py (the browser tests compare the study
// mode's saved due dates with these).
import { createEmptyCard, fsrs, Rating } from "ts-fsrs";

const RATINGS = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** The due time (ms) after each of `grades`, given at `times` (ms), with the build's `params`
 * (flashcards.json's "scheduler"). */
export function replay(grades, times, params) {
  const scheduler = fsrs({
    request_retention: params.target_retention,
    maximum_interval: params.maximum_interval_days,
    w: params.weights,
    enable_fuzz: params.fuzz,
    learning_steps: params.learning_steps,
    relearning_steps: params.relearning_steps,
  });
  let card = createEmptyCard(new Date(times[0]));
  return grades.map((grade, i) => {
    card = scheduler.next(card, new Date(times[i]), RATINGS[grade]).card;
    return card.due.getTime();
  });
}
