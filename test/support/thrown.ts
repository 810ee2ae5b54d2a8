/** @module The BatonError a call throws, for asserting on its code, text and path. */
import { BatonError } from '../../engine/core/errors.ts';

/** Runs `fn` and answers the BatonError it throws; any other outcome fails the test. */
export const thrown = (fn: () => unknown): BatonError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof BatonError) return error;
    throw error;
  }
  throw new Error('expected a BatonError');
};
