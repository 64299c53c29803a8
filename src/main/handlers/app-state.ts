import { existsSync } from 'node:fs';
import type { Output } from '../../shared/api';
import type { Session } from '../app/session';
import { modelView, projectView } from './views';

export async function appState(session: Session): Promise<Output<'app.state'>> {
  const model = await session.modelIfAvailable();
  return {
    project: session.project ? projectView(session) : null,
    recent: await session.recentProjects(),
    model: model ? modelView(model, session) : null,
    sampleProject: existsSync(session.sampleResourcesDir) ? session.sampleProjectFile : null,
  };
}
