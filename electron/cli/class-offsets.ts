/**
 * Per-class offsets added to a linear model's logits, chosen to maximise macro-F1 on held-out
 * predictions: the classes' priors differ between the corpora a model trains on and the posts it
 * meets, and a neutral class that is too wide or too narrow is the commonest error on general
 * tweets. Offsets are relative to the middle class (fixed at 0), searched on a grid.
 */
import { argmax, macroF1 } from './linear-trainer';

const STEP = 0.1;
const RANGE = 1.5;

export interface HeldOutPredictions {
  logits: readonly Float64Array[];
  truth: readonly number[];
}

/** The grid point with the best macro-F1; among ties the one nearest zero, so the choice is stable. */
export function chooseOffsets(p: HeldOutPredictions, classes = 3, middle = 1): number[] {
  const steps = Math.round(RANGE / STEP);
  let best: number[] = new Array<number>(classes).fill(0);
  let bestF1 = score(p, best, classes);
  let bestSize = 0;
  const free = [...Array(classes).keys()].filter((c) => c !== middle);
  const offsets = new Array<number>(classes).fill(0);
  const walk = (i: number): void => {
    if (i === free.length) {
      const f1 = score(p, offsets, classes);
      const size = offsets.reduce((a, b) => a + Math.abs(b), 0);
      if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && size < bestSize)) {
        best = [...offsets];
        bestF1 = f1;
        bestSize = size;
      }
      return;
    }
    for (let k = -steps; k <= steps; k++) {
      offsets[free[i]!] = Math.round(k * STEP * 10) / 10;
      walk(i + 1);
    }
    offsets[free[i]!] = 0;
  };
  walk(0);
  return best;
}

export function score(p: HeldOutPredictions, offsets: readonly number[], classes = 3): number {
  return macroF1(
    p.truth,
    p.logits.map((z) => argmax(z, offsets)),
    classes,
  );
}
