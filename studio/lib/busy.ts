/** @module One server action of a page, run with a busy flag and its failure handed on. */

/**
 * Runs `action` with `setBusy(true)` while it runs (false again afterwards, however it ended);
 * what it throws goes to `fail` (a page shows it with `errorText`).
 */
export const busyWhile = async (
  setBusy: (busy: boolean) => void,
  fail: (error: unknown) => void,
  action: () => Promise<void>,
): Promise<void> => {
  setBusy(true);
  try {
    await action();
  } catch (error) {
    fail(error);
  } finally {
    setBusy(false);
  }
};
