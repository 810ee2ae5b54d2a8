/** @module Simplified Chinese UI dictionary (the default language; the table is zh-CN.json); the source of message keys. */
import zhCN from './zh-CN.json';

export { zhCN };

/** Every message key of the studio. */
export type MessageKey = keyof typeof zhCN;
