/** @module The plugin-binding kind: nothing beyond its schema (inline secrets are checked for the whole rule set). */
import { type DocumentKind, nameLine } from './kind.ts';

/** Plugin bindings (插件绑定). */
export const pluginBindingKind: DocumentKind = {
  kind: 'pluginBinding',
  schemaFile: 'plugin-binding.schema.json',
  order: 9,
  label: { zh: '插件绑定', en: 'Plugin bindings' },
  place: 'documents',
  summary: (doc) => nameLine(doc),
};
