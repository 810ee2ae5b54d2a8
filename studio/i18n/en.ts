/** @module English UI dictionary (the table is en.json); must define every key of the Chinese one. */
import enTable from './en.json';
import type { MessageKey } from './zh-CN.ts';

export const en: Record<MessageKey, string> = enTable;
