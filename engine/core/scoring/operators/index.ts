/** @module Baton's scoring catalogue: every operator registers through the public `defineOperator` API. */
import type { OperatorDefinition } from '../../logic/operator.ts';

/** All Baton operators, in catalogue order. */
export const batonOperators: OperatorDefinition[] = [];
