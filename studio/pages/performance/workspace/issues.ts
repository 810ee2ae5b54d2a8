/** @module The server's monthly-form issues (`/values/<indicatorId>/<field>`) split by indicator, for showing each at its field. */

/** An issue of `entry.invalid` as the server sends it. */
export interface ServerIssue {
  path: string;
  message: string;
  messageZh?: string;
}

/** A field error inside one indicator's form: `path` is the JSON pointer within its values ('' for the whole form). */
export interface FieldIssue {
  path: string;
  message: string;
}

const pointerSegment = (segment: string): string => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/**
 * Groups issues by the indicator their path names (`/values/ind-a-1/done` → `ind-a-1`: `/done`), with
 * the message in `language`; an issue outside `/values/…` goes under the key ''.
 */
export const issuesByIndicator = (
  issues: readonly ServerIssue[],
  language: 'zh-CN' | 'en',
): Map<string, FieldIssue[]> => {
  const grouped = new Map<string, FieldIssue[]>();
  for (const issue of issues) {
    const [root, id, ...rest] = issue.path.split('/').slice(1);
    const indicatorId = root === 'values' && id !== undefined ? pointerSegment(id) : '';
    const list = grouped.get(indicatorId) ?? [];
    list.push({
      path: indicatorId && rest.length > 0 ? `/${rest.join('/')}` : '',
      message: language === 'zh-CN' ? (issue.messageZh ?? issue.message) : issue.message,
    });
    grouped.set(indicatorId, list);
  }
  return grouped;
};
