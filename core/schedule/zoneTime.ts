// Wall-clock arithmetic in IANA time zones through Intl.DateTimeFormat (the only zone data a pure ES2022
// engine has). Instants are epoch milliseconds.
import { formatDate, pad2 } from './calendar';
import type { LocalDateTime } from './types';

const DAY_MS = 86_400_000;
const UTC_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'GMT',
  'Etc/GMT',
  'Etc/Universal',
  'Etc/Zulu',
  'Etc/GMT0',
  'Etc/GMT+0',
  'Etc/GMT-0',
]);
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // Throws a RangeError for an unknown zone, which callers are told about.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time of `instant` in `zone`. Throws a RangeError for an unknown zone. */
export function wallClock(instant: number, zone: string): LocalDateTime {
  if (UTC_ZONES.has(zone)) return utcWallClock(instant);
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    // Some engines print midnight as 24 even with h23.
    hour: parts['hour']! % 24,
    minute: parts['minute']!,
    second: parts['second']!,
  };
}

function utcWallClock(instant: number): LocalDateTime {
  const d = new Date(instant);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** A wall-clock time as if it were UTC, in epoch milliseconds (handy for arithmetic on local times). */
export function localAsUtc(t: LocalDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/** The zone's offset from UTC at `instant`, in milliseconds (local = UTC + offset). */
export function offsetAt(instant: number, zone: string): number {
  if (UTC_ZONES.has(zone)) return 0;
  const whole = Math.floor(instant / 1000) * 1000;
  return localAsUtc(wallClock(whole, zone)) - whole;
}

/**
 * The instants at which the zone's clocks show `t`: none when `t` falls in a DST gap, two (earliest first)
 * when it falls in a DST overlap, one otherwise.
 */
export function localToInstants(t: LocalDateTime, zone: string): number[] {
  const local = localAsUtc(t);
  if (UTC_ZONES.has(zone)) return [local];
  // Offsets are within ±14 h, so a day either side samples the offset before and after any transition
  // that could affect this wall-clock time.
  const candidates = [...new Set([offsetAt(local - DAY_MS, zone), offsetAt(local + DAY_MS, zone)])];
  const found = candidates.map((o) => local - o).filter((instant) => offsetAt(instant, zone) === local - instant);
  return [...new Set(found)].sort((a, b) => a - b);
}

/**
 * The instant for a one-off local time: the first one in an overlap; in a gap, the time moved later by the
 * gap's length (what java.time does), e.g. 02:30 on a spring-forward night in Berlin becomes 03:30.
 */
export function localToInstant(t: LocalDateTime, zone: string): number {
  const local = localAsUtc(t);
  if (UTC_ZONES.has(zone)) return local;
  let byLocal = instantCache.get(zone);
  if (!byLocal) {
    if (instantCache.size >= INSTANT_CACHE_LIMIT) instantCache.clear();
    byLocal = new Map();
    instantCache.set(zone, byLocal);
  }
  let instant = byLocal.get(local);
  if (instant === undefined) {
    const found = localToInstants(t, zone);
    instant = found.length > 0 ? found[0]! : local - offsetAt(local - DAY_MS, zone);
    if (byLocal.size >= INSTANT_CACHE_LIMIT) byLocal.clear();
    byLocal.set(local, instant);
  }
  return instant;
}

// Each offset costs an Intl.DateTimeFormat#formatToParts, and a one-off time takes three or
// four. The rules convert every at() time several times per analysis, and the editor
// analyses the same text on every keystroke: keep the answers, per zone and local time.
const instantCache = new Map<string, Map<number, number>>();
const INSTANT_CACHE_LIMIT = 5000;

/** One change of a zone's offset: at `at`, the offset goes from `before` to `after` (milliseconds). */
export interface ZoneTransition {
  at: number;
  before: number;
  after: number;
}

// Finding a year of transitions costs hundreds of Intl calls, and every scheduled action in a
// zone asks for the same year; keep the answers per zone and UTC day (a few hundred zones at most).
const transitionCache = new Map<string, ZoneTransition[]>();
const TRANSITION_CACHE_LIMIT = 1000;

/** The offset changes in [from, to), found by sampling every 12 hours and bisecting to the second. */
export function zoneTransitions(zone: string, from: number, to: number): ZoneTransition[] {
  if (UTC_ZONES.has(zone)) return [];
  const dayFrom = Math.floor(from / DAY_MS) * DAY_MS;
  const dayTo = Math.ceil(to / DAY_MS) * DAY_MS;
  const key = `${zone}|${dayFrom}|${dayTo}`;
  let whole = transitionCache.get(key);
  if (!whole) {
    whole = findTransitions(zone, dayFrom, dayTo);
    if (transitionCache.size >= TRANSITION_CACHE_LIMIT) transitionCache.clear();
    transitionCache.set(key, whole);
  }
  return whole.filter((t) => t.at >= from && t.at < to);
}

function findTransitions(zone: string, from: number, to: number): ZoneTransition[] {
  const found: ZoneTransition[] = [];
  const stepMs = DAY_MS / 2;
  let prevT = from;
  let prevO = offsetAt(from, zone);
  for (let t = from + stepMs; prevT < to; t += stepMs) {
    const o = offsetAt(t, zone);
    if (o !== prevO) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (mid <= lo) break;
        if (offsetAt(mid, zone) === prevO) lo = mid;
        else hi = mid;
      }
      if (hi < to) found.push({ at: hi, before: prevO, after: offsetAt(hi, zone) });
    }
    prevT = t;
    prevO = o;
  }
  return found;
}

function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** `instant` as ISO-8601 wall-clock time in `zone` with its offset, e.g. `2026-12-01T08:00:00+01:00`. Throws a RangeError for an unknown zone. */
export function formatInZone(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const t = wallClock(ms, timeZone);
  const offset = localAsUtc(t) - Math.floor(ms / 1000) * 1000;
  return `${formatDate(t.year, t.month, t.day)}T${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}${formatOffset(offset)}`;
}

/** `hh:mm` of a wall-clock time. */
export function formatTime(t: { hour: number; minute: number }): string {
  return `${pad2(t.hour)}:${pad2(t.minute)}`;
}
