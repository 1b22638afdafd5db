import type { MatrixArea } from './kit';

/** The oversight routes in the authorization matrix. */
export const oversightMatrix: MatrixArea<Record<string, never>> = {
  build: async () => ({}),
  specs: () => ({}),
};
