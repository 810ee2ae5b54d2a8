/**
 * @module The frame of a designer page (indicator tree, forms, rules) and what the pages share around
 * it: the document a page edits and its picker, the saving state and the save button.
 */
import type { Component, JSX } from 'solid-js';
import { createEffect, createSignal, on } from 'solid-js';
import { currentVersion, DraftBar, isEditable, VersionGate } from './draft-store.tsx';
import { pt } from './messages.ts';
import { LabelledSelect, PerfPage } from './page-parts.tsx';

/**
 * A designer page (indicator tree, forms, rules): the page frame titled by the messages `<page>.title`
 * and `<page>.intro`, with the version bar, and behind {@link VersionGate} the page's toolbar
 * (`.perf-toolbar`) and body.
 */
export const DesignerPage: Component<{
  page: 'tree' | 'forms' | 'rules';
  toolbar: JSX.Element;
  children: JSX.Element;
}> = (props) => (
  <PerfPage title={pt(`${props.page}.title`)} intro={pt(`${props.page}.intro`)}>
    <DraftBar />
    <VersionGate>
      <div class="perf-toolbar">{props.toolbar}</div>
      {props.children}
    </VersionGate>
  </PerfPage>
);

/**
 * The document a designer page edits, by its key among `keys()`: `open(key)` picks it and has `load`
 * fill the page from it, and `Picker` is the toolbar drop-down that opens one (`children`: the
 * options). When another version is loaded the page opens the same key again if the version has it,
 * else the first key.
 */
export const createEditedDocument = (keys: () => readonly string[], load: (key: string) => void) => {
  const [key, setKey] = createSignal('');
  const open = (next: string): void => {
    setKey(next);
    load(next);
  };
  createEffect(
    on(currentVersion, () => {
      const held = key();
      open(keys().includes(held) ? held : (keys()[0] ?? ''));
    }),
  );
  const Picker: Component<{ label: string; testId: string; children: JSX.Element }> = (props) => (
    <LabelledSelect
      wrap="perf-inline"
      label={props.label}
      data-testid={props.testId}
      value={key()}
      onValue={open}
    >
      {props.children}
    </LabelledSelect>
  );
  return { key, setKey, Picker };
};

/** Whether a designer page is saving: `during(write)` runs a write of the version with `isSaving()` true. */
export const createSaving = () => {
  const [isSaving, setSaving] = createSignal(false);
  const during = async <T,>(write: () => Promise<T>): Promise<T> => {
    setSaving(true);
    try {
      return await write();
    } finally {
      setSaving(false);
    }
  };
  return { isSaving, during };
};

/**
 * The primary save button of a designer page ("保存" / "保存中…"): disabled while the version is
 * read-only, while the page is saving, and while the page says it has nothing to save (`blocked`).
 */
export const SaveButton: Component<{
  testId: string;
  saving: ReturnType<typeof createSaving>;
  blocked: boolean;
  onSave: () => void;
}> = (props) => (
  <button
    type="button"
    class="btn btn--primary"
    data-testid={props.testId}
    disabled={!isEditable() || props.blocked || props.saving.isSaving()}
    onClick={() => props.onSave()}
  >
    {props.saving.isSaving() ? pt('draft.saving') : pt('draft.save')}
  </button>
);
