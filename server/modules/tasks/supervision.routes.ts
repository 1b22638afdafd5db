import type { Platform } from '../../platform/platform';
import type { App } from '../../platform/http';
import { tasksRoutes } from './tasks.routes';
import { checklistsRoutes } from '../checklists/checklists.routes';
import { visitsRoutes } from '../visits/visits.routes';
import { problemsRoutes } from '../problems/problems.routes';

/** Supervision work (SPEC §2.2): plans and tasks, checklists, field visits, the problem register. */
export function supervisionRoutes(app: App, platform: Platform): void {
  tasksRoutes(app, platform);
  checklistsRoutes(app, platform);
  visitsRoutes(app, platform);
  problemsRoutes(app, platform);
}
