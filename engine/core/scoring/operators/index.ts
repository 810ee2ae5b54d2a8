/** @module Baton's scoring catalogue: every operator registers through the public `defineOperator` API. */
import type { OperatorDefinition } from '../../logic/operator.ts';
import { aggregateOperators } from './aggregate.ts';
import { bandOperators } from './bands.ts';
import { bonusOperators } from './bonus.ts';
import { dateOperators } from './dates.ts';
import { deductionOperators } from './deduction.ts';
import { interpolationOperators } from './interpolation.ts';
import { judgementOperators } from './judgement.ts';
import { normalisationOperators } from './normalisation.ts';
import { progressOperators } from './progress.ts';
import { rankOperators } from './rank.ts';
import { ratioOperators } from './ratio.ts';
import { relativeOperators } from './relative.ts';
import { roundingOperators } from './rounding.ts';
import { textOperators } from './text.ts';

/** All Baton operators, in catalogue order. */
export const batonOperators: OperatorDefinition[] = [
  ...ratioOperators,
  ...interpolationOperators,
  ...bandOperators,
  ...deductionOperators,
  ...bonusOperators,
  ...judgementOperators,
  ...rankOperators,
  ...relativeOperators,
  ...normalisationOperators,
  ...progressOperators,
  ...aggregateOperators,
  ...roundingOperators,
  ...dateOperators,
  ...textOperators,
];
