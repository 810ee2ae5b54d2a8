/**
 * @module A message with one piece of the user's own data in it (a name), the data marked as such
 * (`data-user-content`): it is not translated, and checks for labels in the other language skip it.
 */
import type { Component } from 'solid-js';

const MARK = '\u0000';

/** Renders `message(MARK)` with `value` in place of the mark. */
export const WithData: Component<{ message: (slot: string) => string; value: string }> = (props) => {
  const parts = () => props.message(MARK).split(MARK);
  return (
    <>
      {parts()[0]}
      <span data-user-content>{props.value}</span>
      {parts().slice(1).join(props.value)}
    </>
  );
};
