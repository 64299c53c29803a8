import { useCallback, useRef, useState } from 'react';
import type { DialogKind } from '../../shared/api';
import { invoke, isElectron } from '../api-client';

export interface PathPromptState {
  kind: DialogKind;
  title: string;
  placeholder: string;
}

const PROMPTS: Record<DialogKind, { title: string; placeholder: string }> = {
  'project-open': { title: 'Open project: full path of the .smgeo file', placeholder: '/home/me/survey.smgeo' },
  'project-save': { title: 'New project: full path of the .smgeo file to create', placeholder: '/home/me/survey.smgeo' },
  folder: { title: 'Open frames: full path of the folder with the drone frames', placeholder: '/data/flight-01/frames' },
  mosaic: { title: 'Add mosaic: full path of the GeoTIFF', placeholder: '/data/mosaic.tif' },
  'export-geojson': { title: 'Export GeoJSON: full path of the file to write', placeholder: '/home/me/objects.geojson' },
  'export-csv': { title: 'Export CSV: full path of the file to write', placeholder: '/home/me/objects.csv' },
  'export-gpkg': { title: 'Export GeoPackage: full path of the file to write', placeholder: '/home/me/objects.gpkg' },
  video: { title: 'Open video: full path of the MP4 or MOV (its .SRT is found beside it)', placeholder: '/data/flight-01/DJI_0042.MP4' },
  'export-kml': { title: 'Export KML: full path of the file to write', placeholder: '/home/me/objects.kml' },
};

/**
 * Asks main for a path through the native dialog. In browser mode main has no dialogs and
 * answers null, so the user types the path in the in-app prompt instead; in Electron null means
 * the user cancelled.
 */
export function usePathPrompt() {
  const [prompt, setPrompt] = useState<PathPromptState | null>(null);
  const resolver = useRef<((path: string | null) => void) | null>(null);

  const answer = useCallback((path: string | null) => {
    resolver.current?.(path);
    resolver.current = null;
    setPrompt(null);
  }, []);

  const pickPath = useCallback(async (kind: DialogKind): Promise<string | null> => {
    const { path } = await invoke('dialog.pick', { kind });
    if (path !== null || isElectron()) return path;
    // A prompt still open from an earlier action is cancelled by the new one.
    resolver.current?.(null);
    return new Promise<string | null>((resolve) => {
      resolver.current = resolve;
      setPrompt({ kind, ...PROMPTS[kind] });
    });
  }, []);

  return { prompt, pickPath, answer };
}
