/** @module Public API of our JSON Forms renderer set for Solid. */
export type { FormsContextValue, RendererEntry, RendererProps } from './context.ts';
export { useForms } from './context.ts';
export { DispatchRenderer } from './dispatch-renderer.tsx';
export { createErrorTranslator } from './i18n.ts';
export type { JsonFormsChange, JsonFormsHandle, JsonFormsProps } from './json-forms.tsx';
export { focusFirstInvalid, JsonForms } from './json-forms.tsx';
export { batonRenderers } from './registry.ts';
export type { RegistryEntry, RendererName } from './testers.ts';
export { namedEntries, pickRenderer, rendererNameFor, rendererTesters, UNIT_FORMAT } from './testers.ts';
export type { UnitOption } from './unit-controls.tsx';
export { useControl } from './use-control.ts';
