import type { MatrixArea } from './kit';

/** The workbench routes in the authorization matrix. */
export const workbenchMatrix: MatrixArea<Record<string, never>> = {
  build: async () => ({}),
  specs: () => ({}),
};
