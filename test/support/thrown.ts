/** @module The error a call throws, for asserting on its code, text and path. */
import { expect } from 'vitest';
import { BatonError } from '../../engine/core/errors.ts';

/** Runs `fn` and answers the error of class `type` it throws; throwing anything else, or nothing, fails the test. */
export function thrownOf<E extends Error>(type: abstract new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}, nothing was thrown`);
}

/** Runs `fn` and answers the BatonError it throws; any other outcome fails the test. */
export const thrown = (fn: () => unknown): BatonError => thrownOf(BatonError, fn);
