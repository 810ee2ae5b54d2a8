/** @module The plugin-binding kind: nothing beyond its schema (inline secrets are checked for the whole rule set). */
import { defineKind, type DocumentKind } from './kind.ts';

/** Plugin bindings (插件绑定). */
export const pluginBindingKind: DocumentKind = defineKind('pluginBinding', 9, {
  zh: '插件绑定',
  en: 'Plugin bindings',
});
