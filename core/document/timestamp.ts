import { daysInMonth } from '../schedule/calendar';

// StartTime and EndTime of a scheduled action: ISO-8601 strings in the file, instants in the
// API. Parsed here by hand, never with Date.parse, whose leniency differs between engines
// and which reads a time without an offset as the machine's local time. AWS reads these
// members in UTC (PutScheduledAction's own documentation), so a time without an offset is
// taken as UTC here too, and the rules warn about it.

/** A StartTime/EndTime that has the shape of an ISO-8601 timestamp, taken apart. */
export type Timestamp =
  | {
      ok: true;
      /** The instant, in milliseconds since the epoch (UTC when the text has no offset). */
      epochMs: number;
      /** Whether the text says which zone it is in (`Z` or `±hh[:mm]`). */
      hasOffset: boolean;
      /** Whether the text is a date alone, with no time of day. */
      dateOnly: boolean;
    }
  | {
      ok: false;
      /** What is impossible about it, in the user's words ("month 13 does not exist"). */
      problem: string;
      /** Where the impossible part sits in the text. */
      start: number;
      end: number;
    };

// The same grammar as the schema's `isoTimestamp` pattern, with groups: date; optional time
// after `T`, `t` or a space (seconds and fraction optional); optional `Z` or `±hh[[:]mm]`.
// Anything else is the schema's to report.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Parses a StartTime/EndTime value. Undefined when the text does not have the shape of an
 * ISO-8601 timestamp at all (the schema reports that); `ok: false` when it has the shape
 * but names a date or time that does not exist.
 */
export function parseTimestamp(text: string): Timestamp | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hasTime = m[4] !== undefined;
  const hour = hasTime ? Number(m[4]) : 0;
  const minute = hasTime ? Number(m[5]) : 0;
  const second = m[6] !== undefined ? Number(m[6]) : 0;
  const millis = m[7] !== undefined ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const bad = (problem: string, start: number, length: number): Timestamp => ({
    ok: false,
    problem,
    start,
    end: start + length,
  });

  // Offsets of each part in the text: the shape is fixed up to the seconds.
  if (month < 1 || month > 12) return bad(`month ${m[2]} does not exist`, 5, 2);
  if (day < 1 || day > daysInMonth(year, month)) {
    return bad(
      day < 1 ? `day ${m[3]} does not exist` : `${year}-${m[2]} has only ${daysInMonth(year, month)} days`,
      8,
      2,
    );
  }
  if (hour > 23) return bad(`hour ${m[4]} does not exist (hours run 00–23)`, 11, 2);
  if (minute > 59) return bad(`minute ${m[5]} does not exist (minutes run 00–59)`, 14, 2);
  if (second > 59) return bad(`second ${m[6]} does not exist (seconds run 00–59)`, 17, 2);

  let offsetMinutes = 0;
  const hasOffset = m[8] !== undefined || m[9] !== undefined;
  if (m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMins = m[11] !== undefined ? Number(m[11]) : 0;
    // The sign is the last `+` or `-` of the text: the date's hyphens all come before it.
    const offsetStart = text.lastIndexOf(m[9]);
    const offsetText = text.slice(offsetStart);
    if (offsetHours > 23 || offsetMins > 59)
      return bad(`the offset ${offsetText} does not exist (at most ±23:59)`, offsetStart, offsetText.length);
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }

  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year);
  return { ok: true, epochMs: date.getTime() - offsetMinutes * 60_000, hasOffset, dateOnly: !hasTime };
}

/** A StartTime/EndTime value as the instant it names; undefined when absent or not a real time (the rules report those). */
export function timestampInstant(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const parsed = parseTimestamp(text);
  return parsed?.ok ? new Date(parsed.epochMs) : undefined;
}
