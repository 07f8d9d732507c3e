// Checks a scheduled action's Timezone: AWS takes canonical IANA names (as Joda-Time knows them, e.g.
// `Etc/GMT+9`, `Pacific/Tahiti`), not abbreviations or offsets. The zone list comes from the engine's
// Intl data; abbreviations and offsets are told apart from misspellings so each gets the right advice.
import { problem, replaceFix, type ScheduleProblem } from './types';
import { table } from '../table';

export interface TimeZoneCheck {
  valid: boolean;
  /** `tz.valid` (error) when invalid; `tz.etc-sign` (information) for a valid `Etc/GMT±n`. Offsets are into `name`. */
  problem?: ScheduleProblem;
  /** The zone name to use instead, when there is one clear candidate. */
  suggestion?: string;
}

// Intl.supportedValuesOf is ES2022, but not every engine has it; reach it through a narrow typed access.
const intl = Intl as { supportedValuesOf?: (key: 'timeZone') => string[] };

const ALWAYS_VALID = ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT'];
const REGIONS = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//;
const SHAPE = /^[A-Z][A-Za-z]*(?:[_-][A-Za-z]+)*(?:\/[A-Z][A-Za-z0-9]*(?:[_+-][A-Za-z0-9]+)*)+$/;

// ICU (and so Intl) still calls some zones by their pre-rename names; suggest the IANA canonical name.
const MODERN = table<string>({
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
});

/** Abbreviations people write for a zone, and the zone to use instead. */
const ABBREVIATIONS = table<{ zone: string; note: string }>({
  PST: { zone: 'America/Los_Angeles', note: 'Pacific time' },
  PDT: { zone: 'America/Los_Angeles', note: 'Pacific time' },
  PT: { zone: 'America/Los_Angeles', note: 'Pacific time' },
  PST8PDT: { zone: 'America/Los_Angeles', note: 'Pacific time' },
  MST: { zone: 'America/Denver', note: 'Mountain time (America/Phoenix for Arizona, which has no DST)' },
  MDT: { zone: 'America/Denver', note: 'Mountain time' },
  MT: { zone: 'America/Denver', note: 'Mountain time' },
  MST7MDT: { zone: 'America/Denver', note: 'Mountain time' },
  CST: { zone: 'America/Chicago', note: 'US Central time (CST is also China Standard Time: Asia/Shanghai)' },
  CDT: { zone: 'America/Chicago', note: 'US Central time' },
  CT: { zone: 'America/Chicago', note: 'US Central time' },
  CST6CDT: { zone: 'America/Chicago', note: 'US Central time' },
  EST: { zone: 'America/New_York', note: 'US Eastern time' },
  EDT: { zone: 'America/New_York', note: 'US Eastern time' },
  ET: { zone: 'America/New_York', note: 'US Eastern time' },
  EST5EDT: { zone: 'America/New_York', note: 'US Eastern time' },
  AKST: { zone: 'America/Anchorage', note: 'Alaska time' },
  AKDT: { zone: 'America/Anchorage', note: 'Alaska time' },
  HST: { zone: 'Pacific/Honolulu', note: 'Hawaii time' },
  AST: { zone: 'America/Halifax', note: 'Atlantic time' },
  ADT: { zone: 'America/Halifax', note: 'Atlantic time' },
  NST: { zone: 'America/St_Johns', note: 'Newfoundland time' },
  BST: { zone: 'Europe/London', note: 'UK time' },
  WET: { zone: 'Europe/Lisbon', note: 'Western European time' },
  WEST: { zone: 'Europe/Lisbon', note: 'Western European time' },
  CET: { zone: 'Europe/Berlin', note: 'Central European time (or Europe/Paris, Europe/Madrid, …)' },
  CEST: { zone: 'Europe/Berlin', note: 'Central European time (or Europe/Paris, Europe/Madrid, …)' },
  MET: { zone: 'Europe/Berlin', note: 'Central European time' },
  EET: { zone: 'Europe/Athens', note: 'Eastern European time (or Europe/Helsinki, Europe/Bucharest, …)' },
  EEST: { zone: 'Europe/Athens', note: 'Eastern European time' },
  MSK: { zone: 'Europe/Moscow', note: 'Moscow time' },
  IST: { zone: 'Asia/Kolkata', note: 'India time (IST is also Irish and Israel time)' },
  PKT: { zone: 'Asia/Karachi', note: 'Pakistan time' },
  ICT: { zone: 'Asia/Bangkok', note: 'Indochina time' },
  WIB: { zone: 'Asia/Jakarta', note: 'Western Indonesia time' },
  SGT: { zone: 'Asia/Singapore', note: 'Singapore time' },
  HKT: { zone: 'Asia/Hong_Kong', note: 'Hong Kong time' },
  PHT: { zone: 'Asia/Manila', note: 'Philippine time' },
  JST: { zone: 'Asia/Tokyo', note: 'Japan time' },
  KST: { zone: 'Asia/Seoul', note: 'Korea time' },
  AWST: { zone: 'Australia/Perth', note: 'Western Australia time' },
  ACST: { zone: 'Australia/Adelaide', note: 'Central Australia time' },
  ACDT: { zone: 'Australia/Adelaide', note: 'Central Australia time' },
  AEST: { zone: 'Australia/Sydney', note: 'Eastern Australia time (Australia/Brisbane has no DST)' },
  AEDT: { zone: 'Australia/Sydney', note: 'Eastern Australia time' },
  NZST: { zone: 'Pacific/Auckland', note: 'New Zealand time' },
  NZDT: { zone: 'Pacific/Auckland', note: 'New Zealand time' },
  BRT: { zone: 'America/Sao_Paulo', note: 'Brasília time' },
  ART: { zone: 'America/Argentina/Buenos_Aires', note: 'Argentina time' },
  SAST: { zone: 'Africa/Johannesburg', note: 'South Africa time' },
  WAT: { zone: 'Africa/Lagos', note: 'West Africa time' },
  CAT: { zone: 'Africa/Maputo', note: 'Central Africa time' },
  EAT: { zone: 'Africa/Nairobi', note: 'East Africa time' },
  GST: { zone: 'Asia/Dubai', note: 'Gulf time' },
  Z: { zone: 'UTC', note: 'UTC' },
  ZULU: { zone: 'UTC', note: 'UTC' },
  UT: { zone: 'UTC', note: 'UTC' },
});

/** Fixed offsets with no `Etc/GMT±n` zone, and a city that keeps them. */
const FRACTIONAL_OFFSETS = table<string>({
  '+05:30': 'Asia/Kolkata',
  '+05:45': 'Asia/Kathmandu',
  '+03:30': 'Asia/Tehran',
  '+04:30': 'Asia/Kabul',
  '+06:30': 'Asia/Yangon',
  '+09:30': 'Australia/Darwin',
  '-03:30': 'America/St_Johns',
  '-09:30': 'Pacific/Marquesas',
  '+12:45': 'Pacific/Chatham',
  '+08:45': 'Australia/Eucla',
  '+10:30': 'Australia/Lord_Howe',
});

let zoneList: string[] | undefined;

/** The zone names the engine knows (canonical ones, IANA spelling), plus the UTC names AWS accepts. */
export function knownTimeZones(): readonly string[] {
  if (!zoneList) {
    let names: string[] = [];
    try {
      names = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
    } catch {
      names = [];
    }
    zoneList = [...new Set([...ALWAYS_VALID, ...names.map((n) => MODERN[n] ?? n), ...names])];
  }
  return zoneList;
}

let zoneSet: Set<string> | undefined;

/** What Intl resolves `name` to, or undefined when Intl doesn't know it. */
function resolve(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function modern(name: string): string {
  return MODERN[name] ?? name;
}

function invalid(name: string, message: string, suggestion?: string): TimeZoneCheck {
  const fixes = suggestion ? [replaceFix(`Use \`${suggestion}\``, 0, name.length, suggestion)] : undefined;
  return {
    valid: false,
    problem: problem('tz.valid', message, 0, name.length, fixes),
    ...(suggestion ? { suggestion } : {}),
  };
}

/** Levenshtein distance, case-insensitive. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The known zone nearest to `name` by edit distance (whole name, or city part when `name` has no `/`). */
function nearest(name: string): string | undefined {
  const wanted = name.replace(/ /g, '_');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const zone of knownTimeZones()) {
    const city = zone.slice(zone.lastIndexOf('/') + 1);
    const d = Math.min(distance(wanted, zone), wanted.includes('/') ? Infinity : distance(wanted, city));
    if (d < bestDistance) {
      best = zone;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(wanted.length / 5));
  return best !== undefined && bestDistance <= limit ? modern(best) : undefined;
}

function hours(n: number): string {
  return `${n} hour${n === 1 ? '' : 's'}`;
}

/** Checks a Timezone value: valid canonical name, abbreviation, offset, misspelling, or unknown. */
export function checkTimeZone(name: string): TimeZoneCheck {
  if (name.trim() === '') {
    return invalid(name, 'Timezone is empty; leave it out for UTC, or give an IANA name such as `Europe/Berlin`.');
  }
  if (name !== name.trim()) {
    const trimmed = name.trim();
    const inner = checkTimeZone(trimmed);
    return invalid(name, `Remove the spaces around \`${trimmed}\`.`, inner.valid ? trimmed : inner.suggestion);
  }
  if (name.length > 1600) return invalid(name, 'Timezone is longer than the 1600 characters AWS allows.');

  const etc = /^Etc\/GMT([+-])(\d{1,2})$/.exec(name);
  if (etc) {
    const n = Number(etc[2]);
    const inRange = etc[1] === '+' ? n <= 12 : n <= 14;
    if (!inRange || (etc[2]!.length === 2 && etc[2]![0] === '0')) {
      return invalid(
        name,
        `\`${name}\` is not a zone: Etc zones run from \`Etc/GMT-14\` to \`Etc/GMT+12\`, without leading zeros.`,
      );
    }
    if (n === 0) return { valid: true };
    const real = etc[1] === '+' ? `UTC−${n}` : `UTC+${n}`;
    const flipped = `Etc/GMT${etc[1] === '+' ? '-' : '+'}${n}`;
    return {
      valid: true,
      problem: problem(
        'tz.etc-sign',
        `\`${name}\` means ${real} (${hours(n)} ${etc[1] === '+' ? 'behind' : 'ahead of'} UTC): Etc names invert the sign (POSIX). If you meant ${etc[1] === '+' ? `UTC+${n}` : `UTC−${n}`}, use \`${flipped}\`; a city zone also follows daylight saving.`,
        0,
        name.length,
      ),
    };
  }
  if (knownSet().has(name) && !ABBREVIATIONS[name]) return { valid: true };

  const abbreviation = ABBREVIATIONS[name.toUpperCase()];
  if (abbreviation) {
    return invalid(
      name,
      `\`${name}\` is an abbreviation, not a time zone name AWS accepts. For ${abbreviation.note} use \`${abbreviation.zone}\`, which also switches between standard and daylight time.`,
      abbreviation.zone,
    );
  }

  const offset = /^(?:GMT|UTC|UT|Z)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(name);
  if (offset) {
    const sign = offset[1] === '+' ? '+' : '-';
    const h = Number(offset[2]);
    const m = Number(offset[3] ?? '0');
    if (h === 0 && m === 0) return invalid(name, `\`${name}\` is an offset, not a zone name; use \`UTC\`.`, 'UTC');
    if (m === 0 && (sign === '+' ? h <= 14 : h <= 12)) {
      const etcName = `Etc/GMT${sign === '+' ? '-' : '+'}${h}`;
      return invalid(
        name,
        `\`${name}\` is an offset, not a zone name AWS accepts. The fixed UTC${sign}${h} zone is \`${etcName}\`: the sign is inverted in Etc names (POSIX), so \`Etc/GMT${sign}${h}\` would mean UTC${sign === '+' ? '−' : '+'}${h}. A city zone (for example \`Europe/Berlin\`) is usually better, as it follows daylight saving.`,
        etcName,
      );
    }
    const key = `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    const city = FRACTIONAL_OFFSETS[key];
    return invalid(
      name,
      `\`${name}\` is an offset, not a zone name AWS accepts, and there is no Etc zone for UTC${key}; use the city zone that keeps it${city ? `, such as \`${city}\`` : ''}.`,
      city,
    );
  }

  const resolved = resolve(name);
  if (resolved !== undefined) {
    if (SHAPE.test(name) && REGIONS.test(name)) return { valid: true };
    const canonical = modern(resolved);
    if (canonical.toLowerCase() === name.toLowerCase() || resolved.toLowerCase() === name.toLowerCase()) {
      const right = knownTimeZones().find((z) => z.toLowerCase() === name.toLowerCase()) ?? canonical;
      return invalid(name, `Zone names are case-sensitive: write \`${right}\`.`, right);
    }
    return invalid(
      name,
      `\`${name}\` is an old alias, not a canonical zone name; AWS expects \`${canonical}\`.`,
      canonical,
    );
  }

  const guess = nearest(name);
  if (guess) return invalid(name, `Unknown time zone \`${name}\`; did you mean \`${guess}\`?`, guess);
  return invalid(
    name,
    `Unknown time zone \`${name}\`; use an IANA zone name such as \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.`,
  );
}

function knownSet(): Set<string> {
  if (!zoneSet) zoneSet = new Set(knownTimeZones());
  return zoneSet;
}
