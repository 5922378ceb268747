/** Words and dates for the UI. Relative times are for glancing; exact dates sit in titles. */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45 s", "12 min", "5 h", "3 days": coarse on purpose, so the text changes rarely. */
export function relativeDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return `${Math.max(1, Math.round(abs / SECOND))} s`;
  if (abs < HOUR) return `${Math.round(abs / MINUTE)} min`;
  if (abs < 2 * DAY) return `${Math.round(abs / HOUR)} h`;
  return `${Math.round(abs / DAY)} days`;
}

/** "expires in 3 days" / "expired 2 h ago" / "no expiry known". */
export function expiryText(expiresAt: number | null, now: number): string {
  if (expiresAt === null) return 'no expiry known';
  const left = expiresAt - now;
  return left > 0 ? `expires in ${relativeDuration(left)}` : `expired ${relativeDuration(left)} ago`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(ms: number | null): string {
  return ms === null ? '—' : dateFormat.format(ms);
}

export const daysToMs = (days: number): number => days * DAY;
