/** @module `POST /api/calendars/import`: parses an uploaded holiday-cn JSON or iCalendar file into a calendar document (pure core parser; nothing is saved). */
import sampleDates from '../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import { calendarDays } from '../../../core/calendar/days.ts';
import { importCalendarFile } from '../../../core/calendar/import.ts';
import type { CalendarDocument } from '../../../core/calendar/calendar.ts';
import { ValidationError } from '../../../core/errors.ts';
import { validate } from '../../../core/ruleset/validate.ts';
import { defineRoute, type JsonSchema, type RouteDefinition } from '../route.ts';
import { errorSchema } from '../schemas.ts';

/** Body of an import: the file text(s) and, optionally, the calendar to keep the week and hours of or merge into. */
interface ImportBody {
  files: { fileName?: string; content: string }[];
  id?: string;
  base?: CalendarDocument;
  merge?: boolean;
}

const fileSchema: JsonSchema = {
  type: 'object',
  required: ['content'],
  additionalProperties: false,
  properties: {
    fileName: { type: 'string', maxLength: 256, examples: [`${sampleDates.year}.json`] },
    content: {
      type: 'string',
      maxLength: 500_000,
      description: 'The text of a holiday-cn year file (JSON) or of an iCalendar (.ics) file',
    },
  },
};

const issueSchema: JsonSchema = {
  type: 'object',
  required: ['path', 'code', 'message'],
  properties: {
    path: { type: 'string' },
    code: { type: 'string', examples: ['calendar.import_year_empty'] },
    message: { type: 'string' },
    messageZh: { type: 'string' },
    severity: { type: 'string', enum: ['error', 'warning'] },
  },
};

/**
 * The calendar routes.
 * Long: a table of route declarations; each handler is a few lines that call one operation.
 */
export function calendarRoutes(): RouteDefinition[] {
  return [
    defineRoute<ImportBody>({
      method: 'post',
      path: '/api/calendars/import',
      bodyLimit: 'upload',
      permission: 'ruleSets.edit',
      summary:
        'Parse a holiday-cn JSON or iCalendar file into a calendar document (with its listed days); nothing is saved — put the calendar into a draft rule set',
      tags: ['rule sets'],
      request: {
        body: {
          type: 'object',
          required: ['files'],
          additionalProperties: false,
          properties: {
            files: { type: 'array', minItems: 1, maxItems: 10, items: fileSchema },
            id: {
              type: 'string',
              pattern: '^[a-z0-9][a-z0-9._-]*$',
              maxLength: 128,
              description: 'Id of the new calendar (default: the base calendar’s, else cn-<year>)',
              examples: [`cn-${sampleDates.nextYear}`],
            },
            base: {
              type: 'object',
              description:
                'A calendar of the draft whose weekdays, office hours, zone and policy are kept (and which `merge` adds the imported years to)',
            },
            merge: {
              type: 'boolean',
              description: 'Add the imported years to `base`, keeping its other years',
              examples: [true],
            },
          },
        },
      },
      responses: {
        200: {
          description:
            'The calendar document, the years the file covers, every listed day and non-fatal warnings',
          schema: {
            type: 'object',
            required: ['calendar', 'format', 'years', 'days', 'warnings'],
            properties: {
              calendar: { type: 'object', description: 'A calendar document (schemas/calendar.schema.json)' },
              format: { type: 'string', enum: ['holiday-cn', 'ical', 'calendar'] },
              years: { type: 'array', items: { type: 'integer' }, examples: [[2026]] },
              days: {
                type: 'array',
                description: 'Every listed day of the resulting calendar, by date',
                items: {
                  type: 'object',
                  properties: {
                    date: { type: 'string' },
                    type: { type: 'string', enum: ['holiday', 'workingDay'] },
                    name: { type: 'string' },
                  },
                },
              },
              warnings: { type: 'array', items: issueSchema },
            },
          },
        },
        400: {
          description:
            '`calendar.import_format`, `calendar.import_empty` (e.g. a year not yet published), `calendar.coverage_gap`, `calendar.invalid`',
          schema: errorSchema,
        },
      },
      handler: ({ body }) => {
        if (body.base !== undefined) {
          const checked = validate('calendar', body.base);
          if (!checked.ok)
            throw new ValidationError(
              'calendar.invalid',
              {
                en: `The base calendar is invalid: ${checked.issues[0]!.message}`,
                zh: `基准日历无效：${checked.issues[0]!.messageZh ?? checked.issues[0]!.message}`,
              },
              { path: `/base${checked.issues[0]!.path}`, details: checked.issues },
            );
        }
        const result = importCalendarFile(body.files, {
          ...(body.id !== undefined ? { id: body.id } : {}),
          ...(body.base !== undefined ? { base: body.base } : {}),
          ...(body.merge !== undefined ? { merge: body.merge } : {}),
        });
        return { ...result, days: calendarDays(result.calendar) };
      },
    }),
  ];
}
