import type { MatrixArea } from './kit';

/** The notices routes in the authorization matrix. */
export const noticesMatrix: MatrixArea<Record<string, never>> = {
  build: async () => ({}),
  specs: () => ({}),
};
