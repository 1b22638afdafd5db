/** Texts of the workbench pages. */
export const workbenchZh = {
};
