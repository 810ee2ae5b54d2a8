/** @module Our renderer set: every tester of testers.ts paired with its Solid component. */
import { ObjectArrayControl } from './array-control.tsx';
import { BooleanControl, EnumControl, OneOfEnumControl } from './choice-controls.tsx';
import type { RendererEntry, RendererProps } from './context.ts';
import {
  DateControl,
  DateTimeControl,
  IntegerControl,
  NumberControl,
  StringControl,
  TextareaControl,
} from './input-controls.tsx';
import {
  CategorizationRenderer,
  GroupRenderer,
  HorizontalLayoutRenderer,
  LabelRenderer,
  VerticalLayoutRenderer,
} from './layouts.tsx';
import { ObjectControl } from './object-control.tsx';
import { UnitControl, UnitListControl } from './unit-controls.tsx';
import type { RendererName } from './testers.ts';
import { rendererTesters } from './testers.ts';
import type { Component } from 'solid-js';

const components: Record<RendererName, Component<RendererProps>> = {
  string: StringControl,
  textarea: TextareaControl,
  number: NumberControl,
  integer: IntegerControl,
  boolean: BooleanControl,
  enum: EnumControl,
  oneOfEnum: OneOfEnumControl,
  date: DateControl,
  dateTime: DateTimeControl,
  unit: UnitControl,
  unitList: UnitListControl,
  object: ObjectControl,
  objectArray: ObjectArrayControl,
  verticalLayout: VerticalLayoutRenderer,
  horizontalLayout: HorizontalLayoutRenderer,
  group: GroupRenderer,
  categorization: CategorizationRenderer,
  label: LabelRenderer,
};

/** The default registry; pass a longer list (yours first or ranked higher) to `<JsonForms renderers>` to extend it. */
export const batonRenderers: RendererEntry[] = (Object.keys(components) as RendererName[]).map((name) => ({
  tester: rendererTesters[name],
  renderer: components[name],
}));
