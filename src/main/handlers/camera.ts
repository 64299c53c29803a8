import type { Input, Output } from '../../shared/api';
import { DEFAULT_SIGMA } from '../../shared/geometry';
import type { Session } from '../app/session';
import { DEFAULT_PRIOR_WEIGHT } from './localize';

/** The project's camera settings, or the defaults the click's ray uses when it has none. */
export async function getCamera(session: Session): Promise<Output<'camera.get'>> {
  const c = session.requireProject().store.getSettings().camera;
  return { hfovDeg: c?.hfovDeg ?? null, sigma: { ...(c?.sigma ?? DEFAULT_SIGMA) }, priorWeight: c?.priorWeight ?? DEFAULT_PRIOR_WEIGHT };
}

export async function setCamera(session: Session, input: Input<'camera.set'>): Promise<Output<'camera.set'>> {
  const { store } = session.requireProject();
  store.updateSettings({ camera: { ...(input.hfovDeg === null ? {} : { hfovDeg: input.hfovDeg }), sigma: input.sigma, priorWeight: input.priorWeight } });
  return getCamera(session);
}
