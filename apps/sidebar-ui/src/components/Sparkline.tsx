// A small inline trend line of daily values; days without a value break the line instead of reading as 0.
export interface SparklineProps {
  readonly values: readonly (number | null)[];
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}

export function Sparkline({ values, label, width = 80, height = 20 }: SparklineProps) {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length < 2) return null;
  const min = Math.min(...known);
  const span = Math.max(...known) - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const pad = 2;
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - min) / span);

  const segments: string[][] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else current.push(`${(i * step).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current);

  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      {segments.map((points, i) =>
        points.length === 1 ? (
          <circle key={i} cx={points[0]!.split(',')[0]} cy={points[0]!.split(',')[1]} r="1.5" fill="currentColor" />
        ) : (
          <polyline key={i} points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="1.5" />
        ),
      )}
    </svg>
  );
}
