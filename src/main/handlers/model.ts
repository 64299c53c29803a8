import type { Input, Output } from '../../shared/api';
import type { Session } from '../app/session';
import { modelView } from './views';

export async function modelInfo(session: Session): Promise<Output<'model.info'>> {
  return modelView(await session.requireModel(), session);
}

/** Reloads the model on the chosen provider; onnxruntime falls back to the CPU and the notes say why. */
export async function setProvider(session: Session, input: Input<'model.setProvider'>): Promise<Output<'model.setProvider'>> {
  session.provider = input.provider;
  session.project?.store.updateSettings({ provider: input.provider });
  return modelView(await session.requireModel(), session);
}
