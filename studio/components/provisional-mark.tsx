/** @module The "provisional" mark of a deadline counted over days whose holidays are not known yet (the calendar's weekends-only mode). */
import type { Component } from 'solid-js';
import { Show } from 'solid-js';
import { locale } from '../i18n/index.ts';

const TEXT = {
  zh: { label: '暂定', title: '该年度节假日尚未公布，时限按仅周末休息推算，公布后可能变化' },
  en: {
    label: 'provisional',
    title: "That year's holidays are not published yet; counted with weekends off only, it may move",
  },
};

/** Renders nothing unless `when`; otherwise a small badge with an explanation on hover. */
export const ProvisionalMark: Component<{ when: boolean | undefined }> = (props) => {
  const text = () => (locale() === 'en' ? TEXT.en : TEXT.zh);
  return (
    <Show when={props.when}>
      {' '}
      <span
        class="badge"
        style={{ background: '#fff4d6', color: '#8a5a00' }}
        title={text().title}
        data-testid="deadline-provisional"
      >
        {text().label}
      </span>
    </Show>
  );
};
