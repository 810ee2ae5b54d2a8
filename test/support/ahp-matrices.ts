/** @module Pairwise matrices the AHP tests share. */

/** The textbook 4×4 matrix: weights ≈ .548 .127 .270 .056, λmax ≈ 4.1184, CI ≈ .0395, CR ≈ .044. */
export const fourByFour = [
  [1, 4, 3, 7],
  [1 / 4, 1, 1 / 3, 3],
  [1 / 3, 3, 1, 5],
  [1 / 7, 1 / 3, 1 / 5, 1],
];

/** A reciprocal 3×3 matrix whose judgements go round in a circle (a > b > c > a): badly inconsistent. */
export const cyclic = [
  [1, 3, 1 / 3],
  [1 / 3, 1, 3],
  [3, 1 / 3, 1],
];
