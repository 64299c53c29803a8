import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/** Leaflet only notices window resizes; a dragged splitter or a stacked layout resizes the pane alone. */
export function MapResize() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize({ animate: false }));
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}
