import type { DialogKind, Input, Output } from '../../shared/api';
import type { PathKind, Session } from '../app/session';

const PATH_KIND: Record<DialogKind, PathKind> = {
  'project-open': 'file',
  'project-save': 'new-file',
  folder: 'folder',
  mosaic: 'file',
  'export-geojson': 'new-file',
  'export-csv': 'new-file',
  'export-gpkg': 'new-file',
  'export-kml': 'new-file',
  video: 'file',
};

/** A path the user picked in a native dialog is, by definition, one they chose: it joins the allow-list. */
export async function pickPath(session: Session, input: Input<'dialog.pick'>): Promise<Output<'dialog.pick'>> {
  const pick = session.options.pickPath;
  if (!pick) return { path: null };
  const path = await pick(input.kind);
  if (path) session.grant(path, PATH_KIND[input.kind]);
  return { path };
}
