/**
 * Multinomial logistic regression for the shipped text models (sentiment, emotion): per-example
 * weights (class balance and corpus balance are the caller's), L2 on word features only, AdaGrad
 * over an order shuffled from a fixed seed. Features are indexed once, so a settings grid can
 * retrain many times over the same examples. The same inputs give the same weights bit for bit.
 */
import { mulberry32 } from '@shared/logic/seeded-random';
import type { FeatureValue } from '../core/analysis/text-features';

export interface CompiledExample {
  index: Int32Array;
  value: Float64Array;
  y: number;
  weight: number;
}

export interface CompiledSet {
  names: string[];
  examples: CompiledExample[];
}

export interface LinearSettings {
  classes: number;
  epochs: number;
  learningRate: number;
  /** L2 on word and n-gram features (rule features, named "$…", are few and not shrunk). */
  l2: number;
  /** Word and n-gram features learn at this fraction of the rule features' rate. */
  ngramRateScale: number;
  seed: number;
}

export interface LinearWeights {
  names: string[];
  /** names.length × classes, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

/** Indexes the features the `keep` test lets through; names are sorted so the result does not depend on order of arrival. */
export function compile(rows: ReadonlyArray<{ features: readonly FeatureValue[]; y: number; weight: number }>, keep: (name: string) => boolean): CompiledSet {
  const nameSet = new Set<string>();
  for (const r of rows) for (const f of r.features) if (keep(f.name)) nameSet.add(f.name);
  const names = [...nameSet].sort();
  const position = new Map(names.map((n, i) => [n, i]));
  const examples = rows.map((r) => {
    const kept = r.features.filter((f) => position.has(f.name));
    return {
      index: Int32Array.from(kept, (f) => position.get(f.name)!),
      value: Float64Array.from(kept, (f) => f.value),
      y: r.y,
      weight: r.weight,
    };
  });
  return { names, examples };
}

export function trainLinear(set: CompiledSet, s: LinearSettings): LinearWeights {
  const K = s.classes;
  const rule = set.names.map((n) => n.startsWith('$'));
  const W = new Float64Array(set.names.length * K);
  const G = new Float64Array(set.names.length * K).fill(1e-8);
  const bias = new Float64Array(K);
  const biasG = new Float64Array(K).fill(1e-8);
  const z = new Float64Array(K);
  const order = set.examples.map((_, i) => i);
  const random = mulberry32(s.seed);
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const e = set.examples[k]!;
      for (let c = 0; c < K; c++) z[c] = bias[c]!;
      for (let f = 0; f < e.index.length; f++) {
        const base = e.index[f]! * K;
        const v = e.value[f]!;
        for (let c = 0; c < K; c++) z[c]! += v * W[base + c]!;
      }
      let max = -Infinity;
      for (let c = 0; c < K; c++) if (z[c]! > max) max = z[c]!;
      let sum = 0;
      for (let c = 0; c < K; c++) {
        z[c] = Math.exp(z[c]! - max);
        sum += z[c]!;
      }
      for (let c = 0; c < K; c++) {
        const grad = e.weight * (z[c]! / sum - (c === e.y ? 1 : 0));
        biasG[c]! += grad * grad;
        bias[c]! -= (s.learningRate * grad) / Math.sqrt(biasG[c]!);
        for (let f = 0; f < e.index.length; f++) {
          const feature = e.index[f]!;
          const p = feature * K + c;
          const isRule = rule[feature]!;
          const g = grad * e.value[f]! + (isRule ? 0 : s.l2) * W[p]!;
          G[p]! += g * g;
          W[p]! -= ((isRule ? s.learningRate : s.learningRate * s.ngramRateScale) * g) / Math.sqrt(G[p]!);
        }
      }
    }
  }
  return { names: set.names, weights: W, bias };
}

/** Logits per example (classes each), for examples compiled against the same names. */
export function logitsCompiled(model: LinearWeights, examples: readonly CompiledExample[], classes: number): Float64Array[] {
  return examples.map((e) => {
    const z = new Float64Array(classes);
    for (let c = 0; c < classes; c++) z[c] = model.bias[c]!;
    for (let f = 0; f < e.index.length; f++) {
      const base = e.index[f]! * classes;
      for (let c = 0; c < classes; c++) z[c]! += e.value[f]! * model.weights[base + c]!;
    }
    return z;
  });
}

/** The class with the highest logit once `offsets` (one per class) are added. */
export function argmax(z: ArrayLike<number>, offsets?: ArrayLike<number>): number {
  let best = 0;
  let top = -Infinity;
  for (let c = 0; c < z.length; c++) {
    const v = z[c]! + (offsets ? offsets[c]! : 0);
    if (v > top) {
      top = v;
      best = c;
    }
  }
  return best;
}

/** Class index per example, for scoring a validation set compiled against the same names. */
export function predictCompiled(model: LinearWeights, examples: readonly CompiledExample[], classes: number): number[] {
  return logitsCompiled(model, examples, classes).map((z) => argmax(z));
}

/** Re-indexes rows against an existing name list (features it does not know are dropped). */
export function compileAgainst(names: readonly string[], rows: ReadonlyArray<{ features: readonly FeatureValue[]; y: number }>): CompiledExample[] {
  const position = new Map(names.map((n, i) => [n, i]));
  return rows.map((r) => {
    const kept = r.features.filter((f) => position.has(f.name));
    return { index: Int32Array.from(kept, (f) => position.get(f.name)!), value: Float64Array.from(kept, (f) => f.value), y: r.y, weight: 1 };
  });
}

/** Macro-F1 over class indices 0 … classes-1. */
export function macroF1(truth: readonly number[], predicted: readonly number[], classes: number): number {
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      if (predicted[i] === c && truth[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (truth[i] === c) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return sum / classes;
}

/** The value after `name` in a training command's arguments (`--out F`), if given. */
export function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
