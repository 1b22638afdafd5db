import type { MatrixArea } from './kit';

/** The rectification routes in the authorization matrix. */
export const rectificationMatrix: MatrixArea<Record<string, never>> = {
  build: async () => ({}),
  specs: () => ({}),
};
