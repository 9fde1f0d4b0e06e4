const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * docker/go-units' HumanDuration, rule for rule: "Less than a second", "About a minute",
 * "3 hours", "2 weeks", ... Seconds and minutes are truncated, hours rounded to the nearest.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(inUnits(ms, MINUTE));
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(inUnits(ms, HOUR) + 0.5);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  // Go counts years from the unrounded hours.
  return `${Math.trunc(Math.trunc(inUnits(ms, HOUR)) / 24 / 365)} years`;
}

// time.Duration's Minutes()/Hours(): whole units plus the remainder's fraction, so that exact
// boundaries (90 minutes is 1.5 hours) are not blurred by one floating-point division.
function inUnits(ms: number, unit: number): number {
  const whole = Math.trunc(ms / unit);
  return whole + (ms - whole * unit) / unit;
}
