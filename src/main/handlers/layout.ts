import type { Input, Output } from '../../shared/api';
import type { Session } from '../app/session';

/** The pane sizes stored in the open project, or null before the user first resizes a pane. */
export async function getLayout(session: Session): Promise<Output<'layout.get'>> {
  return session.requireProject().store.getSettings().layout;
}

export async function setLayout(session: Session, input: Input<'layout.set'>): Promise<Output<'layout.set'>> {
  const layout = session.requireProject().store.updateSettings({ layout: { frame: input.frame, list: input.list } }).layout;
  return layout ?? { frame: input.frame, list: input.list };
}
