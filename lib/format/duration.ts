// A duration as people read it on a screen or in a spreadsheet: "850 ms", "4.25 s",
// "4 min 2 s", "3 h 5 min", "2 d 4 h". Kept in lib because the dashboards' figures (and
// their CSV exports) print durations on the server too.
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))} s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`;
  const totalMinutes = Math.round(totalSeconds / 60);
  if (totalMinutes < 48 * 60) return `${Math.floor(totalMinutes / 60)} h ${totalMinutes % 60} min`;
  return `${Math.floor(totalMinutes / 1440)} d ${Math.floor((totalMinutes % 1440) / 60)} h`;
}

// Whole minutes as people say them (an SLA, how long something has waited):
// "20 min", "1 h", "1 h 30 min", "3 d 2 h".
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return `${m} min`;
  if (m >= 48 * 60) {
    const hours = Math.floor((m % 1440) / 60);
    return hours === 0 ? `${Math.floor(m / 1440)} d` : `${Math.floor(m / 1440)} d ${hours} h`;
  }
  const rest = m % 60;
  return rest === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${rest} min`;
}
