/**
 * A small clustering of map markers for the housing map when zoomed out (issue 11): markers closer than `radius`
 * pixels on the screen join one cluster. Greedy and deterministic: the markers in the order given, each joins the
 * first cluster whose centre (the first marker's position) is within the radius, else starts one. A cluster tells how
 * many locations it holds, never how many people. Plain module.
 */
export interface ScreenPoint<T> {
  x: number;
  y: number;
  item: T;
}

export interface Cluster<T> {
  /** The centre: the mean position of its markers. */
  x: number;
  y: number;
  items: T[];
}

export function clusterPoints<T>(points: ReadonlyArray<ScreenPoint<T>>, radius = 48): Array<Cluster<T>> {
  const clusters: Array<{ anchorX: number; anchorY: number; points: Array<ScreenPoint<T>> }> = [];
  for (const point of points) {
    const near = clusters.find(
      (cluster) => (cluster.anchorX - point.x) ** 2 + (cluster.anchorY - point.y) ** 2 <= radius ** 2,
    );
    if (near) near.points.push(point);
    else clusters.push({ anchorX: point.x, anchorY: point.y, points: [point] });
  }
  return clusters.map((cluster) => ({
    x: cluster.points.reduce((sum, point) => sum + point.x, 0) / cluster.points.length,
    y: cluster.points.reduce((sum, point) => sum + point.y, 0) / cluster.points.length,
    items: cluster.points.map((point) => point.item),
  }));
}

/** The state a cluster shows: the worst of its locations' (over, about full, free), or null when none is known. */
export function clusterState(
  states: ReadonlyArray<'free' | 'about_full' | 'over' | null>,
): 'free' | 'about_full' | 'over' | null {
  if (states.includes('over')) return 'over';
  if (states.includes('about_full')) return 'about_full';
  if (states.includes('free')) return 'free';
  return null;
}
