/** A track's live level: the chunk peak on a dB scale, so speech moves the bar and silence doesn't. */
export function LevelMeter({ level, label }: { level: number; label: string }) {
  const db = level > 0 ? 20 * Math.log10(level) : -60;
  const fill = Math.max(0, Math.min(1, (db + 60) / 60));
  return (
    <div className="level-meter" role="meter" aria-label={label} aria-valuemin={-60} aria-valuemax={0} aria-valuenow={Math.round(db)}>
      <div className="level-meter__fill" style={{ transform: `scaleX(${fill})` }} />
    </div>
  );
}
