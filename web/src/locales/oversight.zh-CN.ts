/** Texts of the oversight pages. */
export const oversightZh = {
};
